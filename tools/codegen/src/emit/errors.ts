import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import { errorClassName, lowerFirst, patternStem } from '../model/names.js';
import type { ErrorClassModel, Operation, ServiceModel } from '../model/types.js';
import { escapeDoc, header, quote, type GeneratedFile, type TypeScriptPrinter, typeImport } from './common.js';

/** The `${string}` placeholder of a TypeScript template literal type, standing for a code pattern's `%s`. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: this is the text of a template literal type, written into generated code.
const TEMPLATE_STRING = '${string}';

/** Where `@ensdk/errors`' generated files go. */
export const ERRORS_DIR = 'packages/errors/src/generated';

/** Exported names of an operation's generated error file. */
export function errorNames(op: Operation) {
  return { union: `${op.name}Error`, classes: `${lowerFirst(op.name)}ErrorClasses` };
}

/** The literal type of the codes a class stands for: `'A.B'`, or for a pattern `'InvalidParameter' | \`InvalidParameter.${string}\``. */
function codeType(c: ErrorClassModel): string {
  if (!c.isPattern) return quote(c.code);
  const stem = patternStem(c.code);
  const template = c.code.replace(/`/g, '\\`').replace(/%s/g, TEMPLATE_STRING);
  return `${quote(stem)} | \`${template}\``;
}

function classDoc(c: ErrorClassModel, classCodes: ReadonlyMap<string, string>): string {
  const ops = c.common
    ? 'Any operation of any Alibaba Cloud API can return it.'
    : c.operations.length <= 6
      ? `Returned by ${c.operations.join(', ')}.`
      : `Returned by ${c.operations.length} operations.`;
  const pattern = c.isPattern
    ? `\n\nA code pattern: every code of the form \`${c.code}\` (and the bare \`${patternStem(c.code)}\`) arrives as this class, with the variable part in \`field\`.`
    : '';
  const wanted = errorClassName(c.code);
  const renamed =
    wanted !== c.className
      ? `\n\nNamed \`${c.className}\`, not \`${wanted}\`: that name belongs to ${classCodes.get(wanted) ?? 'the runtime'} (collision rule: see the package README).`
      : '';
  return escapeDoc(
    `The service answered \`${c.code}\`: ${c.description}${pattern}\n\nHTTP ${c.httpStatus}; fault: ${c.fault}; ${c.retryable ? 'retryable' : 'not retryable'}. ${ops}${renamed}`,
  );
}

/** Class name → its code in backticks, for the collision note in class docs. */
export function codesByClassName(model: ServiceModel): Map<string, string> {
  return new Map(model.errorClasses.map((k) => [k.className, `\`${k.code}\``]));
}

/** Emits one file per error class: `packages/errors/src/generated/classes/<Class>.gen.ts`. */
export function emitErrorClass(
  model: ServiceModel,
  c: ErrorClassModel,
  printer: TypeScriptPrinter,
  codeOfClass: ReadonlyMap<string, string>,
): GeneratedFile {
  const base = c.isPattern ? 'EnsPatternServiceError' : 'EnsServiceError';
  const module = c.isPattern ? '../../runtime/patternServiceError.js' : '../../runtime/serviceError.js';
  const statements: (string | StatementStructures)[] = [
    header(model),
    { kind: StructureKind.ImportDeclaration, namedImports: [base], moduleSpecifier: module },
    {
      kind: StructureKind.Class,
      isExported: true,
      name: c.className,
      extends: base,
      docs: [classDoc(c, codeOfClass)],
      properties: [
        {
          name: 'errorName',
          isStatic: true,
          hasOverrideKeyword: true,
          isReadonly: true,
          initializer: quote(c.className),
        },
        c.isPattern
          ? {
              name: 'codePattern',
              isStatic: true,
              hasOverrideKeyword: true,
              isReadonly: true,
              initializer: quote(c.code),
            }
          : { name: 'code', isStatic: true, hasOverrideKeyword: true, isReadonly: true, initializer: quote(c.code) },
        {
          name: 'httpStatus',
          isStatic: true,
          hasOverrideKeyword: true,
          isReadonly: true,
          initializer: String(c.httpStatus),
        },
        { name: 'fault', isStatic: true, hasOverrideKeyword: true, isReadonly: true, initializer: quote(c.fault) },
        {
          name: 'retryable',
          isStatic: true,
          hasOverrideKeyword: true,
          isReadonly: true,
          initializer: String(c.retryable),
        },
        {
          name: 'code',
          hasDeclareKeyword: true,
          isReadonly: true,
          type: codeType(c),
          docs: ['The code the service answered.'],
        },
      ],
    },
  ];
  return printer.print(`${ERRORS_DIR}/classes/${c.className}.gen.ts`, { statements });
}

/** Emits an operation's error union and class list: `packages/errors/src/generated/operations/<Operation>.gen.ts`. */
export function emitOperationErrors(model: ServiceModel, op: Operation, printer: TypeScriptPrinter): GeneratedFile {
  const n = errorNames(op);
  const statements: (string | StatementStructures)[] = [
    header(model),
    typeImport(['ServiceErrorClassList'], '../../runtime/resolveServiceError.js'),
  ];
  for (const className of op.errorClassNames) {
    statements.push({
      kind: StructureKind.ImportDeclaration,
      namedImports: [className],
      moduleSpecifier: `../classes/${className}.gen.js`,
    });
  }
  statements.push(
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: n.union,
      docs: [
        `The modelled service errors ${op.name} can raise, discriminated by \`code\` (what else can arrive: {@link EnsServiceError}).`,
      ],
      type: op.errorClassNames.length > 0 ? op.errorClassNames.join(' | ') : 'never',
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`Error classes of ${op.name}: a bundle that calls only ${op.name} carries only these.`],
      // Typed as the plain list, not the tuple of its classes: the union above says which errors they are, and the
      // tuple repeated every class name once more per operation in the declarations (about 120 KiB).
      declarations: [
        { name: n.classes, type: 'ServiceErrorClassList', initializer: `[${op.errorClassNames.join(', ')}]` },
      ],
    },
  );
  return printer.print(`${ERRORS_DIR}/operations/${op.name}.gen.ts`, { statements });
}

/** Emits the registry of every service error class and the code-to-class type map. */
export function emitErrorRegistry(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [header(model)];
  for (const c of model.errorClasses) {
    statements.push({
      kind: StructureKind.ImportDeclaration,
      namedImports: [c.className],
      moduleSpecifier: `./classes/${c.className}.gen.js`,
    });
  }
  const exact = model.errorClasses.filter((c) => !c.isPattern);
  // Longest literal prefix first, as the runtime matches them.
  const patterns = model.errorClasses
    .filter((c) => c.isPattern)
    .sort((a, b) => b.code.indexOf('%s') - a.code.indexOf('%s') || (a.code < b.code ? -1 : 1));
  statements.push(
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        `Every modelled service error class of ${model.product} ${model.apiVersion}: ${model.errorClasses.length} classes.`,
      ],
      declarations: [
        {
          name: 'allServiceErrorClasses',
          initializer: `[\n  ${model.errorClasses.map((c) => c.className).join(',\n  ')},\n] as const`,
        },
      ],
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'ModelledErrorCode',
      docs: ['Every exact error code the model knows (pattern codes are matched by `ServiceErrorForCode`).'],
      type: exact.map((c) => quote(c.code)).join(' | '),
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'ServiceErrorByCode',
      docs: ['Exact error code to its class.'],
      properties: exact.map((c) => ({ name: quote(c.code), isReadonly: true, type: c.className })),
    },
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: 'ServiceErrorForCode',
      typeParameters: [{ name: 'C', constraint: 'string' }],
      docs: [
        'The class `errorFromResponse` gives for code `C`: exact codes first, then patterns by longest literal prefix, else `EnsServiceError`.',
      ],
      type: (w) => {
        w.write('C extends keyof ServiceErrorByCode').newLine();
        w.indent(() => {
          w.write('? ServiceErrorByCode[C]').newLine();
          for (const p of patterns) {
            const stem = patternStem(p.code);
            const template = p.code.replace(/%s/g, TEMPLATE_STRING);
            w.write(`: C extends ${quote(stem)} | \`${template}\` ? ${p.className}`).newLine();
          }
          w.write(': EnsServiceError');
        });
      },
    },
  );
  statements.splice(1, 0, typeImport(['EnsServiceError'], '../runtime/serviceError.js'));
  return printer.print(`${ERRORS_DIR}/registry.gen.ts`, { statements });
}

/** Emits the barrel of all generated error exports. */
export function emitErrorsIndex(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [header(model)];
  for (const c of model.errorClasses) {
    statements.push({
      kind: StructureKind.ExportDeclaration,
      namedExports: [c.className],
      moduleSpecifier: `./classes/${c.className}.gen.js`,
    });
  }
  for (const op of model.operations) {
    const n = errorNames(op);
    statements.push({
      kind: StructureKind.ExportDeclaration,
      namedExports: [n.classes],
      moduleSpecifier: `./operations/${op.name}.gen.js`,
    });
    statements.push({
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: [n.union],
      moduleSpecifier: `./operations/${op.name}.gen.js`,
    });
  }
  statements.push({
    kind: StructureKind.ExportDeclaration,
    namedExports: ['allServiceErrorClasses'],
    moduleSpecifier: './registry.gen.js',
  });
  statements.push({
    kind: StructureKind.ExportDeclaration,
    isTypeOnly: true,
    namedExports: ['ModelledErrorCode', 'ServiceErrorByCode', 'ServiceErrorForCode'],
    moduleSpecifier: './registry.gen.js',
  });
  return printer.print(`${ERRORS_DIR}/index.gen.ts`, { statements });
}
