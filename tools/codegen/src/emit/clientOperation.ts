import {
  StructureKind,
  VariableDeclarationKind,
  type CodeBlockWriter,
  type PropertySignatureStructure,
  type StatementStructures,
} from 'ts-morph';
import { lowerFirst } from '../model/names.js';
import type { CrossFieldRule, Member, Operation, ServiceModel } from '../model/types.js';
import {
  docText,
  escapeDoc,
  header,
  propertyKey,
  quote,
  type GeneratedFile,
  type TypeScriptPrinter,
} from './common.js';
import {
  memberDoc,
  memberDocLines,
  writeObjectConstraints,
  writeType,
  writeWireField,
  writeWireObject,
  writeZodObject,
  type TypeOptions,
  type UsedChecks,
  type UsedFormats,
} from './shapes.js';
import { compareCodeUnits } from '../util/order.js';

/** Where the client's generated operation files go. */
export const CLIENT_OPERATIONS_DIR = 'packages/client/src/generated/operations';

/** Exported names of one operation's generated client file. */
export function clientNames(op: Operation) {
  return {
    input: `${op.name}Input`,
    output: `${op.name}Output`,
    schema: `${op.methodName}InputSchema`,
    constraints: `${op.methodName}InputConstraints`,
    rules: `${op.methodName}CrossFieldRules`,
    definition: `${op.methodName}Operation`,
    /** Type of the definition as written, before `defineOperation`: what wireCheck.gen.ts checks. */
    compact: `${op.name}CompactDefinition`,
  };
}

function interfaceProperties(members: readonly Member[], options: TypeOptions): PropertySignatureStructure[] {
  return members.map((m) => ({
    kind: StructureKind.PropertySignature,
    name: propertyKey(m.name),
    hasQuestionToken: !m.required,
    isReadonly: options.direction === 'input',
    docs: [docText(memberDoc(m.doc, options), memberDocLines(m, options))],
    type: (w) => writeType(w, m.shape, options),
  }));
}

/** Writes one cross-field rule as an element of a `CrossFieldRule[]` literal, its description as a comment. */
export function writeRule(w: CodeBlockWriter, rule: CrossFieldRule): void {
  const c = rule.then.constraint;
  const constraint =
    c.kind === 'equals'
      ? `{ equals: ${quote(c.value)} }`
      : c.kind === 'oneOf'
        ? `{ oneOf: [${c.values.map(quote).join(', ')}] }`
        : `{ portRange: { minimum: ${c.minimum}, maximum: ${c.maximum} } }`;
  w.writeLine(`// ${escapeDoc(rule.description)}`);
  w.writeLine(
    `{ name: ${quote(rule.name)}, when: [${quote(rule.when.member)}, [${rule.when.in.map(quote).join(', ')}]], targets: [${rule.then.members.map(quote).join(', ')}], constraint: ${constraint} },`,
  );
}

/** Name of the constant holding an overlay fragment's cross-field rules: `securityGroupRule` → `securityGroupRuleCrossFieldRules`. */
export function ruleSetName(fragment: string): string {
  return `${lowerFirst(fragment)}CrossFieldRules`;
}

/** Where the cross-field rules shared through overlay fragments are emitted, once each. */
export const CLIENT_RULES_PATH = 'packages/client/src/generated/rules.gen.ts';

/** Emits the rules of every overlay fragment that operations use, so that each stands once in the generated code. */
export function emitClientRuleSets(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  // A fragment's rules resolve identically in every operation that uses it (the model checks each target
  // exists there, and camelCase names derive from wire names), so the first user's copy stands for all.
  const sets = new Map<string, { rules: CrossFieldRule[]; users: string[] }>();
  for (const op of model.operations) {
    for (const fragment of new Set(op.rules.flatMap((r) => (r.fragment !== undefined ? [r.fragment] : [])))) {
      const set = sets.get(fragment) ?? { rules: op.rules.filter((r) => r.fragment === fragment), users: [] };
      set.users.push(op.name);
      sets.set(fragment, set);
    }
  }
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['CrossFieldRule'],
      moduleSpecifier: '../core/validation/index.js',
    },
  ];
  for (const [fragment, { rules, users }] of [...sets].sort(([a], [b]) => compareCodeUnits(a, b))) {
    statements.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`Cross-field rules of the overlay fragment \`${fragment}\`, used by ${users.join(', ')}.`],
      declarations: [
        {
          name: ruleSetName(fragment),
          type: 'readonly CrossFieldRule[]',
          initializer: (w) => {
            w.write('[').newLine();
            w.indent(() => {
              for (const rule of rules) writeRule(w, rule);
            });
            w.write(']');
          },
        },
      ],
    });
  }
  return printer.print(CLIENT_RULES_PATH, { statements });
}

/**
 * How an operation's cross-field rules are named: `shared` the overlay fragments it uses, `own` its rules of no
 * fragment, `ownRuleSet` whether it needs a constant of its own (rules of its own, or several fragments), and `rules`
 * the one expression that names them for both validators (a fragment's constant, its own, or none).
 */
export function operationRules(op: Operation): {
  shared: string[];
  own: CrossFieldRule[];
  ownRuleSet: boolean;
  rules: string | undefined;
} {
  const shared = [...new Set(op.rules.flatMap((r) => (r.fragment !== undefined ? [r.fragment] : [])))];
  const own = op.rules.filter((r) => r.fragment === undefined);
  const ownRuleSet = own.length > 0 || shared.length > 1;
  const rules = op.rules.length === 0 ? undefined : ownRuleSet ? clientNames(op).rules : ruleSetName(shared[0]!);
  return { shared, own, ownRuleSet, rules };
}

/** Where and how {@link emitClientOperation} writes; the defaults are ENS's public operations. */
export interface ClientOperationOptions {
  /** Folder of the file, two levels below the package's `src` (default {@link CLIENT_OPERATIONS_DIR}). */
  readonly dir?: string;
}

/** Emits `packages/client/src/generated/operations/<Operation>.gen.ts`: types, input schema and wire mapping. */
export function emitClientOperation(
  model: ServiceModel,
  op: Operation,
  printer: TypeScriptPrinter,
  options: ClientOperationOptions = {},
): GeneratedFile {
  const { dir = CLIENT_OPERATIONS_DIR } = options;
  const n = clientNames(op);
  const used: UsedChecks = new Set();
  // The operation's documentation is said once, on the EnsClient method (its first line also on the input type).
  const summary = `Definition of ${op.name} ({@link OperationDefinition}).`;
  // What the operation does is said on its EnsClient method.
  const inputDoc = `Input of ${op.name}.`;
  const { shared, own, ownRuleSet, rules } = operationRules(op);
  const schemaWriter = (w: CodeBlockWriter): void => {
    writeZodObject(w, op.parameters, used);
    if (rules !== undefined) w.write(`.check(crossFieldRules(${rules}))`);
  };
  const formats: UsedFormats = new Set();
  const constraintsWriter = (w: CodeBlockWriter): void => writeObjectConstraints(w, op.parameters, formats, rules);
  // Render the schema and the constraints first so that `used` and `formats` know what to import.
  const schemaText = printer.write(schemaWriter);
  const constraintsText = printer.write(constraintsWriter);
  const validationImports = [
    ...(op.rules.length > 0 ? ['crossFieldRules'] : []),
    ...[...used].sort(),
    ...[...formats].sort(),
  ];
  const validationTypes = ['ObjectConstraints', ...(ownRuleSet ? ['CrossFieldRule'] : [])];
  // zod/mini is loaded on the first schema build (core/zod.ts), not when the package is imported.

  const statements: (string | StatementStructures)[] = [
    header(model),
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: 'Z', moduleSpecifier: 'zod/mini' },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [
        'defineOperation',
        { name: 'CompactOperationDefinition', isTypeOnly: true },
        { name: 'OperationDefinition', isTypeOnly: true },
      ],
      moduleSpecifier: '../../core/operation.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['zod', { name: 'ZodMini', isTypeOnly: true }],
      moduleSpecifier: '../../core/zod.js',
    },
  ];
  statements.push({
    kind: StructureKind.ImportDeclaration,
    isTypeOnly: true,
    namedImports: validationTypes,
    moduleSpecifier: '../../core/validation/index.js',
  });
  if (validationImports.length > 0) {
    statements.push({
      kind: StructureKind.ImportDeclaration,
      namedImports: validationImports,
      moduleSpecifier: '../../core/validation/index.js',
    });
  }
  if (shared.length > 0) {
    statements.push({
      kind: StructureKind.ImportDeclaration,
      namedImports: shared.map(ruleSetName),
      moduleSpecifier: '../rules.gen.js',
    });
  }
  statements.push(
    // An operation without parameters takes an empty object, and no key is allowed in it.
    op.parameters.length === 0
      ? {
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: n.input,
          docs: [inputDoc],
          type: 'Record<string, never>',
        }
      : {
          kind: StructureKind.Interface,
          isExported: true,
          name: n.input,
          docs: [inputDoc],
          properties: interfaceProperties(op.parameters, { direction: 'input' }),
        },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: n.output,
      docs: [`Output of ${op.name}.`],
      properties: interfaceProperties(op.output.members, { direction: 'output' }),
    },
    ...(ownRuleSet
      ? [
          {
            kind: StructureKind.VariableStatement,
            declarationKind: VariableDeclarationKind.Const,
            docs: [`Cross-field rules of ${op.name}, shared by its schema and its constraints.`],
            declarations: [
              {
                name: n.rules,
                type: 'readonly CrossFieldRule[]',
                initializer: (w: CodeBlockWriter) => {
                  w.write('[').newLine();
                  w.indent(() => {
                    for (const fragment of shared) w.writeLine(`...${ruleSetName(fragment)},`);
                    for (const rule of own) writeRule(w, rule);
                  });
                  w.write(']');
                },
              },
            ],
          } satisfies StatementStructures,
        ]
      : []),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`Input constraints of ${op.name} ({@link ObjectConstraints}).`],
      declarations: [{ name: n.constraints, type: `ObjectConstraints<${n.input}>`, initializer: constraintsText }],
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Let,
      declarations: [{ name: `${n.schema}Built`, type: `Z.ZodMiniType<${n.input}> | undefined` }],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: n.schema,
      docs: [`zod/mini schema of ${op.name}'s input, built on first use.`],
      returnType: `Z.ZodMiniType<${n.input}>`,
      // Built once: `??=` names the cache variable three times, not four (231 operations).
      statements: (w) => {
        w.write(`${n.schema}Built ??= ((z: ZodMini) => `);
        w.write(schemaText);
        w.writeLine(')(zod());');
        w.write(`return ${n.schema}Built;`);
      },
    },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`${op.name}'s definition as written, before {@link defineOperation} fills in wire names and methods.`],
      declarations: [
        {
          name: 'compact',
          // `as const`: its literal type is what wireCheck.gen.ts holds against the OpenAPI document's types.
          initializer: (w) => {
            w.inlineBlock(() => {
              w.writeLine(`action: ${quote(op.name)},`);
              w.writeLine(`version: ${quote(model.apiVersion)},`);
              // POST then GET, what nearly every operation accepts, is defineOperation's default.
              if (op.methods.join() !== 'POST,GET') w.writeLine(`methods: [${op.methods.map(quote).join(', ')}],`);
              // Written only for the unsigned: a signed definition (every ENS operation) reads as before.
              if (!op.signed) w.writeLine('signed: false,');
              w.writeLine(`input: ${n.schema},`);
              w.writeLine(`constraints: ${n.constraints},`);
              w.write('parameters: [');
              if (op.parameters.length > 0) {
                w.indent(() => {
                  for (const p of op.parameters) {
                    const extra = `${p.location === 'formData' ? ", in: 'formData'" : ''}${p.style !== 'simple' ? `, style: ${quote(p.style)}` : ''}`;
                    writeWireField(w, p, extra);
                    w.write(',').newLine();
                  }
                });
              }
              w.write('],').newLine();
              w.write('output: ');
              writeWireObject(w, op.output);
              w.write(',').newLine();
            });
            w.write(` as const satisfies CompactOperationDefinition<${n.input}, ${n.output}>`);
          },
        },
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: n.compact,
      docs: [
        `${op.name}'s definition as written (literal wire names): for wireCheck.gen.ts, which ships nowhere; in no entry.`,
      ],
      type: 'typeof compact',
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [summary],
      declarations: [
        {
          name: n.definition,
          type: `OperationDefinition<${n.input}, ${n.output}>`,
          initializer: '/* @__PURE__ */ defineOperation(compact)',
        },
      ],
    },
  );
  return printer.print(`${dir}/${op.name}.gen.ts`, { statements });
}

/** Emits the client's barrel of all operations, `packages/client/src/generated/operations/index.gen.ts`. */
export function emitClientOperationsIndex(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [header(model)];
  for (const op of model.operations) {
    const n = clientNames(op);
    statements.push({
      kind: StructureKind.ExportDeclaration,
      moduleSpecifier: `./${op.name}.gen.js`,
      namedExports: [n.definition, n.schema, n.constraints],
    });
    statements.push({
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: `./${op.name}.gen.js`,
      namedExports: [n.input, n.output],
    });
  }
  return printer.print(`${CLIENT_OPERATIONS_DIR}/index.gen.ts`, { statements });
}

/** The barrel of the zod-free entry `@ensdk/client/validation`: every operation's constraints and types, no schema. */
export const CLIENT_CONSTRAINTS_PATH = 'packages/client/src/generated/constraints.gen.ts';

/** Emits {@link CLIENT_CONSTRAINTS_PATH}. */
export function emitClientConstraintsIndex(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [header(model)];
  for (const op of model.operations) {
    const n = clientNames(op);
    statements.push({
      kind: StructureKind.ExportDeclaration,
      moduleSpecifier: `./operations/${op.name}.gen.js`,
      namedExports: [n.constraints],
    });
    statements.push({
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: `./operations/${op.name}.gen.js`,
      namedExports: [n.input, n.output],
    });
  }
  return printer.print(CLIENT_CONSTRAINTS_PATH, { statements });
}
