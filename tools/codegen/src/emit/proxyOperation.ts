import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Operation, ServiceModel } from '../model/types.js';
import { docText, header, quote, type GeneratedFile, type TypeScriptPrinter, typeImport } from './common.js';
import { functionDoc } from './clientFunctions.js';
import { clientNames } from './clientOperation.js';
import { errorNames } from './errors.js';
import { classPaging } from './paginators.js';
import { methodNamePattern, type OperationGroups, proxyGroupFile } from './proxyGroups.js';
import { proxyName } from './proxyNames.js';

/** Where the proxy's generated operation files go. */
export const PROXY_OPERATIONS_DIR = 'packages/proxy/src/generated/operations';

/**
 * Emits `packages/proxy/src/generated/operations/<Operation>.gen.ts`: the browser-side descriptor of one
 * operation (action, the client's input constraints, the operation's error classes) and its input/output types.
 */
export function emitProxyOperation(model: ServiceModel, op: Operation, printer: TypeScriptPrinter): GeneratedFile {
  const c = clientNames(op);
  const e = errorNames(op);
  const statements: (string | StatementStructures)[] = [
    header(model),
    typeImport([c.input, c.output], '@ensdk/client/models'),
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [c.constraints],
      moduleSpecifier: '@ensdk/client/validation',
    },
    { kind: StructureKind.ImportDeclaration, namedImports: [e.classes], moduleSpecifier: '@ensdk/errors' },
    typeImport(['ProxyOperation'], '../../core/proxyOperation.js'),
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [c.input, c.output] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      // What it holds is said once, on ProxyOperation (231 of these ship in the declarations).
      docs: [`${op.name}'s {@link ProxyOperation}.`],
      declarations: [
        {
          name: proxyName(op),
          type: `ProxyOperation<${c.input}, ${c.output}>`,
          initializer: `{ action: ${quote(op.name)}, input: ${c.constraints}, errors: ${e.classes} }`,
        },
      ],
    },
  ];
  return printer.print(`${PROXY_OPERATIONS_DIR}/${op.name}.gen.ts`, { statements });
}

/** Emits the proxy's barrel of all operation descriptors. */
export function emitProxyOperationsIndex(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [header(model)];
  for (const op of model.operations) {
    const c = clientNames(op);
    statements.push({
      kind: StructureKind.ExportDeclaration,
      namedExports: [proxyName(op)],
      moduleSpecifier: `./${op.name}.gen.js`,
    });
    statements.push({
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: [c.input, c.output],
      moduleSpecifier: `./${op.name}.gen.js`,
    });
  }
  return printer.print(`${PROXY_OPERATIONS_DIR}/index.gen.ts`, { statements });
}

/** Where the browser's standalone per-operation functions go. */
export const PROXY_FUNCTIONS_DIR = 'packages/proxy/src/generated/functions';
/** The full browser client class, one method per operation. */
export const PROXY_CLASS_PATH = 'packages/proxy/src/generated/client.gen.ts';

function browserCallDoc(op: Operation): string {
  // The first paragraph of the operation's documentation; the whole of it is said once, on `EnsClient`'s method.
  const summary = op.doc.text.split(/\n\s*\n/)[0] ?? '';
  return docText({ ...op.doc, text: summary }, [
    // No `| text`: TypeScript resolves no package reference and shows the whole link text, a `|` included.
    `More: {@link @ensdk/client#EnsClient.${op.methodName}}.`,
    // The class says once that these classes are `@ensdk/errors`' and that a client-side EnsError may come instead.
    // Not `@throws {@link …}`: TypeScript reads a `{` right after `@throws` as a type and breaks the tag up in a hover.
    `@throws \`${op.name}Error\``,
  ]);
}

/** What every `EnsBrowserClient` call does, once on the class instead of on each of its methods. */
const BROWSER_CALL_CONTRACT =
  "A method's first call loads the input constraints of its group of operations (`import()`: a chunk of your bundle). " +
  'Each method validates its input in the browser (`EnsValidationError`, nothing sent), then asks your proxy to call ' +
  "the operation. The service's answers throw the operation's own error classes (`<Operation>Error` in " +
  '`@ensdk/errors`), rebuilt by name without loading them: `instanceof` holds, `constructor` is `EnsServiceError` ' +
  '(`EnsPatternServiceError` with a `field`); other failures a client-side `EnsError`.';

/** Emits `functions/<Operation>.gen.ts` of the proxy: `revokeSecurityGroupEgress(client, input, options)` for browsers. */
export function emitProxyFunction(model: ServiceModel, op: Operation, printer: TypeScriptPrinter): GeneratedFile {
  const c = clientNames(op);
  const statements: (string | StatementStructures)[] = [
    header(model),
    typeImport(['EnsBrowserFunction'], '../../core/browserClient.js'),
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [proxyName(op), { name: c.input, isTypeOnly: true }, { name: c.output, isTypeOnly: true }],
      moduleSpecifier: `../operations/${op.name}.gen.js`,
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [functionDoc(op, 'EnsBrowserClient')],
      // One short alias instead of a signature (231 ship in the declarations), and an arrow function, which a
      // bundler drops when unused as it does a function declaration.
      declarations: [
        {
          name: op.methodName,
          type: `EnsBrowserFunction<${c.input}, ${c.output}>`,
          initializer: `(client, input, options) => client.call(${proxyName(op)}, input, options)`,
        },
      ],
    },
  ];
  return printer.print(`${PROXY_FUNCTIONS_DIR}/${op.name}.gen.ts`, { statements });
}

/** Emits the barrel of the browser's standalone functions. */
export function emitProxyFunctionsIndex(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [header(model)];
  for (const op of model.operations) {
    statements.push({
      kind: StructureKind.ExportDeclaration,
      namedExports: [op.methodName],
      moduleSpecifier: `./${op.name}.gen.js`,
    });
  }
  return printer.print(`${PROXY_FUNCTIONS_DIR}/index.gen.ts`, { statements });
}

/**
 * Emits `EnsBrowserClient`: the bare browser client plus one method per operation, named as on `EnsClient`. The page
 * carries no list of them: `withOperations` makes a method on first use for a name that begins with one of the
 * operations' verbs ({@link methodNamePattern}), in the group the name hashes to (`groupOfMethod` with the
 * grouping's seed), whose constraints (`emitProxyGroup`) it loads by `import()` on the first call. Their types are an
 * interface merged with the class.
 */
export function emitProxyClientClass(
  model: ServiceModel,
  { seed, groups }: OperationGroups,
  printer: TypeScriptPrinter,
): GeneratedFile {
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [
        'EnsBrowserBareClient',
        { name: 'EnsBrowserCall', isTypeOnly: true },
        { name: 'EnsBrowserRequestOptions', isTypeOnly: true },
      ],
      moduleSpecifier: '../core/browserClient.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['withOperations'],
      moduleSpecifier: '../core/operations.js',
    },
  ];
  for (const op of model.operations) {
    const c = clientNames(op);
    statements.push(typeImport([c.input, c.output], `./operations/${op.name}.gen.js`));
  }
  const paging = classPaging(model, 'browser');
  statements.push(...paging.imports);
  statements.push(
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        'The methods of `EnsBrowserClient`: the verbs their names begin with, the seed of the hash that groups them, ' +
          "and the loader of each group's input constraints and pagings, called on the first call of one of its operations.",
      ],
      declarations: [
        {
          name: 'EnsBrowserClientOperations',
          initializer: (w) => {
            w.write(
              `/* @__PURE__ */ withOperations(EnsBrowserBareClient, ${methodNamePattern(model.operations)}, ${seed}, [`,
            );
            w.newLine();
            w.indent(() => {
              groups.forEach((_, i) => {
                w.writeLine(`() => import('./groups/${proxyGroupFile(i).replace(/\.ts$/, '.js')}'),`);
              });
            });
            w.write('])');
          },
        },
      ],
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'EnsBrowserClient',
      docs: ['The methods of {@link EnsBrowserClient}, one per operation.'],
      // Each method's type is one short alias (`(input, options?) => Promise<Output>`): the declarations ship 231 of them.
      properties: model.operations.map((op) => {
        const c = clientNames(op);
        return {
          name: op.methodName,
          isReadonly: false,
          docs: [browserCallDoc(op)],
          type: `EnsBrowserCall<${c.input}, ${c.output}>`,
        };
      }),
      methods: paging.signatures,
    },
  );
  statements.push({
    kind: StructureKind.Class,
    isExported: true,
    name: 'EnsBrowserClient',
    extends: 'EnsBrowserClientOperations',
    // The documentation by hand, before the suppression: Biome reads one only on the line right before the class.
    leadingTrivia: `/**\n${[
      `Browser client of Alibaba Cloud ${model.product} ${model.apiVersion} through your proxy: the same method names, ` +
        'input and output types as `EnsClient`. For the smallest bundles use `EnsBrowserBareClient` with the standalone functions.',
      '',
      BROWSER_CALL_CONTRACT,
    ]
      .map((line) => (line === '' ? ' *' : ` * ${line}`))
      .join(
        '\n',
      )}\n */\n// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: withOperations defines the interface's methods on the prototype.\n`,
  });
  return printer.print(PROXY_CLASS_PATH, { statements });
}
