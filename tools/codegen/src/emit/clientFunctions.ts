import { type StatementStructures, StructureKind } from 'ts-morph';
import type { Operation, ServiceModel } from '../model/types.js';
import { clientNames } from './clientOperation.js';
import { docText, type GeneratedFile, header, type TypeScriptPrinter, typeImport } from './common.js';

/** Where the standalone per-operation functions go (Node: they take an `EnsBareClient`). */
export const CLIENT_FUNCTIONS_DIR = 'packages/client/src/generated/functions';

/**
 * TSDoc of an operation's `EnsClient` method: the operation's documentation, said once here. What every call does
 * (validate, sign, send, retry; which errors it throws) is said once on the class (`CALL_CONTRACT`).
 */
export function callDoc(op: Operation): string {
  return docText(op.doc, [
    // Not `@throws {@link …}`: TypeScript reads a `{` right after `@throws` as a type and breaks the tag up in a hover
    // (stray `@link` and `@ensdk` tags). The class says once that these classes are `@ensdk/errors`'.
    `@throws \`${op.name}Error\`, or a client-side \`EnsError\`.`,
  ]);
}

/** What every `EnsClient` call does, once on the class instead of on each of its methods. */
export const CALL_CONTRACT =
  'Each method validates its input first (`EnsValidationError`, nothing sent), then signs and sends the operation, ' +
  "retrying what is retryable. The service's answers throw the operation's own error classes (`<Operation>Error` in " +
  '`@ensdk/errors`); other failures a client-side `EnsError` (validation, network, timeout, abort, unparseable response).';

/** TSDoc of a standalone function: a link to its class method, which documents the operation. */
export function functionDoc(op: Operation, clientClass: string): string {
  return `Tree-shakable form of {@link ${clientClass}.${op.methodName}}.`;
}

/**
 * Emits `functions/<Operation>.gen.ts`: `revokeSecurityGroupEgress(client, input, options)`, which sends through the
 * runtime's `sendLoaded` with the name of the operation's definition and a loader of its module (`import()` of a
 * literal path). `sendLoaded` loads the module on the first call and keeps the definition by that name, so importing
 * `@ensdk/client` loads no operation, and each function still names its own `import()`: a bundle holds only the chunks
 * it calls. One statement per function and no module variable: 231 module-scope variables (a promise kept per
 * function) cost a cold `import('@ensdk/client')` about 0.6 ms of compile (issue 12).
 */
export function emitClientFunction(model: ServiceModel, op: Operation, printer: TypeScriptPrinter): GeneratedFile {
  const n = clientNames(op);
  const statements: (string | StatementStructures)[] = [
    header(model),
    typeImport(['EnsBareClient'], '../../node/bareClient.js'),
    typeImport(['EnsRequestOptions'], '../../node/options.js'),
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['sendLoaded'],
      moduleSpecifier: '../../node/sendLoaded.js',
    },
    typeImport([n.input, n.output], `../operations/${op.name}.gen.js`),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: op.methodName,
      docs: [functionDoc(op, 'EnsClient')],
      parameters: [
        { name: 'client', type: 'EnsBareClient' },
        { name: 'input', type: n.input },
        { name: 'options', type: 'EnsRequestOptions', hasQuestionToken: true },
      ],
      returnType: `Promise<${n.output}>`,
      // The operation's module (its definition, constraints, wire mapping) is loaded on the first call, not when
      // the package is imported: a bundler makes it a chunk of its own, Node reads it only when it is called.
      statements: [
        `return sendLoaded(client, '${n.definition}', () => import('../operations/${op.name}.gen.js'), input, options);`,
      ],
    },
  ];
  return printer.print(`${CLIENT_FUNCTIONS_DIR}/${op.name}.gen.ts`, { statements });
}

/** Emits the barrel of the standalone functions. */
export function emitClientFunctionsIndex(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [header(model)];
  for (const op of model.operations) {
    statements.push({
      kind: StructureKind.ExportDeclaration,
      namedExports: [op.methodName],
      moduleSpecifier: `./${op.name}.gen.js`,
    });
  }
  return printer.print(`${CLIENT_FUNCTIONS_DIR}/index.gen.ts`, { statements });
}
