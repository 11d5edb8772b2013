import { type StatementStructures, StructureKind, VariableDeclarationKind } from 'ts-morph';
import type { ServiceModel } from '../model/types.js';
import { clientNames } from './clientOperation.js';
import { CALL_CONTRACT, callDoc } from './clientFunctions.js';
import { type GeneratedFile, header, type TypeScriptPrinter, typeImport } from './common.js';
import { classPaging } from './paginators.js';

/** The full client class, one method per operation. */
export const CLIENT_CLASS_PATH = 'packages/client/src/generated/client.gen.ts';

/**
 * Emits the `EnsClient` class: the bare client plus one method per operation and per paged operation. The methods
 * are made at load from one table (method name → standalone function or paginator; `withOperations` of
 * `node/operations.ts`), which calls it with the client itself: the standalone function loads the operation's module
 * on first use. Their types and documentation are an interface merged with the class, so a cold import compiles one
 * table instead of a body per method, and users' types, hover docs and `instanceof` stay those of a class.
 */
export function emitClientClass(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const paging = classPaging(model, 'node');
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['EnsBareClient'],
      moduleSpecifier: '../node/bareClient.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['withOperations'],
      moduleSpecifier: '../node/operations.js',
    },
    typeImport(['EnsRequestOptions'], '../node/options.js'),
  ];
  for (const op of model.operations) {
    const n = clientNames(op);
    statements.push(
      {
        kind: StructureKind.ImportDeclaration,
        namedImports: [op.methodName],
        moduleSpecifier: `./functions/${op.name}.gen.js`,
      },
      typeImport([n.input, n.output], `./operations/${op.name}.gen.js`),
    );
  }
  const methodNames = [...model.operations.map((op) => op.methodName), ...paging.signatures.map((m) => m.name)];
  statements.push(
    ...paging.imports,
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        "The methods of `EnsClient`: each operation's standalone function and each paginator, by method name, called with the client.",
      ],
      declarations: [
        {
          name: 'EnsClientOperations',
          initializer: `/* @__PURE__ */ withOperations(EnsBareClient, { ${methodNames.join(', ')} })`,
        },
      ],
    },
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'EnsClient',
      docs: ['The methods of {@link EnsClient}: one per operation, and one per paged operation to walk its pages.'],
      methods: [
        ...model.operations.map((op) => {
          const n = clientNames(op);
          return {
            name: op.methodName,
            docs: [callDoc(op)],
            parameters: [
              { name: 'input', type: n.input },
              { name: 'options', type: 'EnsRequestOptions', hasQuestionToken: true },
            ],
            returnType: `Promise<${n.output}>`,
          };
        }),
        ...paging.signatures,
      ],
    },
    {
      kind: StructureKind.Class,
      isExported: true,
      name: 'EnsClient',
      extends: 'EnsClientOperations',
      // The documentation by hand, before the suppression: Biome reads one only on the line right before the class.
      leadingTrivia: `/**\n${[
        `Client of Alibaba Cloud ${model.product} ${model.apiVersion}: one method per operation (${model.operations.length}). ` +
          'For the smallest bundles, use `EnsBareClient` with the standalone functions instead.',
        '',
        CALL_CONTRACT,
        '',
        '@example',
        '```ts',
        "const ens = new EnsClient({ regionId: 'cn-hangzhou' });",
        'const { requestId } = await ens.revokeSecurityGroupEgress({',
        "  securityGroupId: 'sg-5tz1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8',",
        '});',
        '```',
      ]
        .map((line) => (line === '' ? ' *' : ` * ${line}`))
        .join(
          '\n',
        )}\n */\n// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: withOperations defines the interface's methods on the prototype.\n`,
    },
  );
  return printer.print(CLIENT_CLASS_PATH, { statements });
}
