import { type StatementStructures, StructureKind, VariableDeclarationKind } from 'ts-morph';
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
    `@throws {@link @ensdk/errors#${op.name}Error | ${op.name}Error}, or a client-side \`EnsError\`.`,
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
 * Emits `functions/<Operation>.gen.ts`: `revokeSecurityGroupEgress(client, input, options)`, which loads the
 * operation's module (`import()`) on its first call and keeps the promise in a module variable (`loading`; the
 * bundler renames it per file), and sends through the runtime's `sendLoaded`. `EnsClient`'s methods and the
 * paginators call these functions, so importing `@ensdk/client` loads no operation. One statement and one helper
 * call instead of a loader written out per function: the root entry is 44 KB shorter and compiles faster cold
 * (issue 12), and each function still names its own `import()`, so a bundle holds only the chunks it calls.
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
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Let,
      declarations: [
        { name: 'loading', type: `Promise<typeof import('../operations/${op.name}.gen.js')> | undefined` },
      ],
    },
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
        `loading ??= import('../operations/${op.name}.gen.js');`,
        `return sendLoaded(client, loading, '${n.definition}', input, options);`,
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
