import { type StatementStructures, StructureKind } from 'ts-morph';
import type { ServiceModel } from '../model/types.js';
import { clientNames } from './clientOperation.js';
import { CALL_CONTRACT, callDoc } from './clientFunctions.js';
import { type GeneratedFile, header, type TypeScriptPrinter, typeImport } from './common.js';
import { withPaginators } from './paginators.js';

/** The full client class, one method per operation. */
export const CLIENT_CLASS_PATH = 'packages/client/src/generated/client.gen.ts';

/**
 * Emits the `EnsClient` class: the bare client plus one method per operation, each calling the operation's
 * standalone function, which loads the operation's module on first use.
 */
export function emitClientClass(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['EnsBareClient'],
      moduleSpecifier: '../node/bareClient.js',
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
  statements.push({
    kind: StructureKind.Class,
    isExported: true,
    name: 'EnsClient',
    extends: 'EnsBareClient',
    docs: [
      `Client of Alibaba Cloud ${model.product} ${model.apiVersion}: one method per operation (${model.operations.length}). ` +
        'For the smallest bundles, use `EnsBareClient` with the standalone functions instead.\n\n' +
        `${CALL_CONTRACT}\n\n` +
        "@example\n```ts\nconst ens = new EnsClient({ regionId: 'cn-hangzhou' });\nconst { requestId } = await ens.revokeSecurityGroupEgress({\n  securityGroupId: 'sg-5tz1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8',\n});\n```",
    ],
    methods: model.operations.map((op) => {
      const n = clientNames(op);
      return {
        name: op.methodName,
        docs: [callDoc(op)],
        parameters: [
          { name: 'input', type: n.input },
          { name: 'options', type: 'EnsRequestOptions', hasQuestionToken: true },
        ],
        returnType: `Promise<${n.output}>`,
        // The standalone function loads the operation's module on its first call.
        statements: [`return ${op.methodName}(this, input, options);`],
      };
    }),
  });
  return printer.print(CLIENT_CLASS_PATH, { statements: withPaginators(model, 'node', statements) });
}
