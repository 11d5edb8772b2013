import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Operation, ServiceModel } from '../model/types.js';
import { header, quote, type GeneratedFile, type TypeScriptPrinter } from './common.js';
import { clientNames } from './clientOperation.js';
import { errorNames } from './errors.js';

/** Where the proxy's generated operation files go. */
export const PROXY_OPERATIONS_DIR = 'packages/proxy/src/generated/operations';

/** Exported name of an operation's proxy descriptor. */
export function proxyName(op: Operation): string {
  return `${op.methodName}ProxyOperation`;
}

/**
 * Emits `packages/proxy/src/generated/operations/<Operation>.gen.ts`: the browser-side descriptor of one
 * operation (action, the client's input schema, the operation's error classes) and its input/output types.
 */
export function emitProxyOperation(model: ServiceModel, op: Operation, printer: TypeScriptPrinter): GeneratedFile {
  const c = clientNames(op);
  const e = errorNames(op);
  const statements: (string | StatementStructures)[] = [
    header(model),
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: [c.input, c.output], moduleSpecifier: '@ensdk/client/models' },
    { kind: StructureKind.ImportDeclaration, namedImports: [c.schema], moduleSpecifier: '@ensdk/client/models' },
    { kind: StructureKind.ImportDeclaration, namedImports: [e.classes], moduleSpecifier: '@ensdk/errors' },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: ['ProxyOperation'], moduleSpecifier: '../../core/proxyOperation.js' },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [c.input, c.output] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`Browser-side description of ${op.name}: validated with the same schema as \`@ensdk/client\`, errors mapped to ${op.name}'s own classes.`],
      declarations: [
        {
          name: proxyName(op),
          type: `ProxyOperation<${c.input}, ${c.output}>`,
          initializer: `{ action: ${quote(op.name)}, input: ${c.schema}, errors: ${e.classes} }`,
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
    statements.push({ kind: StructureKind.ExportDeclaration, namedExports: [proxyName(op)], moduleSpecifier: `./${op.name}.gen.js` });
    statements.push({ kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: [c.input, c.output], moduleSpecifier: `./${op.name}.gen.js` });
  }
  return printer.print(`${PROXY_OPERATIONS_DIR}/index.gen.ts`, { statements });
}
