import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Operation, ServiceModel } from '../model/types.js';
import { docText, header, quote, type GeneratedFile, type TypeScriptPrinter } from './common.js';
import { clientNames } from './clientOperation.js';

/** Where the standalone per-operation functions go (Node: they take an `EnsBareClient`). */
export const CLIENT_FUNCTIONS_DIR = 'packages/client/src/generated/functions';
/** The full client class, one method per operation. */
export const CLIENT_CLASS_PATH = 'packages/client/src/generated/client.gen.ts';
/** Region → endpoint table from the metadata. */
export const CLIENT_ENDPOINTS_PATH = 'packages/client/src/generated/endpoints.gen.ts';

function callDoc(op: Operation): string {
  const n = clientNames(op);
  return docText(op.doc, [
    `Validates the input first (\`EnsValidationError\`, nothing sent), then signs and sends \`${op.name}\`, retrying what is retryable.`,
    `@throws {@link @ensdk/errors#${op.name}Error | ${op.name}Error} for the service's answers, or a client-side \`EnsError\` (validation, network, timeout, abort, unparseable response).`,
    `@returns the {@link ${n.output}}.`,
  ]);
}

/** Emits `functions/<Operation>.gen.ts`: `revokeSecurityGroupEgress(client, input, options)`. */
export function emitClientFunction(model: ServiceModel, op: Operation, printer: TypeScriptPrinter): GeneratedFile {
  const n = clientNames(op);
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['EnsBareClient'],
      moduleSpecifier: '../../node/bareClient.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['EnsRequestOptions'],
      moduleSpecifier: '../../node/options.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: [n.definition, { name: n.input, isTypeOnly: true }, { name: n.output, isTypeOnly: true }],
      moduleSpecifier: `../operations/${op.name}.gen.js`,
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: op.methodName,
      docs: [callDoc(op)],
      parameters: [
        { name: 'client', type: 'EnsBareClient' },
        { name: 'input', type: n.input },
        { name: 'options', type: 'EnsRequestOptions', hasQuestionToken: true },
      ],
      returnType: `Promise<${n.output}>`,
      statements: [`return client.send(${n.definition}, input, options);`],
    },
  ];
  return printer.print(`${CLIENT_FUNCTIONS_DIR}/${op.name}.gen.ts`, { statements });
}

/** Emits the `EnsClient` class: the bare client plus one method per operation. */
export function emitClientClass(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ['EnsBareClient'],
      moduleSpecifier: '../node/bareClient.js',
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ['EnsRequestOptions'],
      moduleSpecifier: '../node/options.js',
    },
  ];
  for (const op of model.operations) {
    const n = clientNames(op);
    statements.push({
      kind: StructureKind.ImportDeclaration,
      namedImports: [n.definition, { name: n.input, isTypeOnly: true }, { name: n.output, isTypeOnly: true }],
      moduleSpecifier: `./operations/${op.name}.gen.js`,
    });
  }
  statements.push({
    kind: StructureKind.Class,
    isExported: true,
    name: 'EnsClient',
    extends: 'EnsBareClient',
    docs: [
      `Client of Alibaba Cloud ${model.product} ${model.apiVersion}: one method per operation (${model.operations.length}). ` +
        'For the smallest bundles, use `EnsBareClient` with the standalone functions instead.\n\n' +
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
        statements: [`return this.send(${n.definition}, input, options);`],
      };
    }),
  });
  return printer.print(CLIENT_CLASS_PATH, { statements });
}

/** Emits the region → endpoint table and the default endpoint. */
export function emitClientEndpoints(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const hosts = model.endpoints.map((e) => e.endpoint);
  const fallback =
    [...new Set(hosts)].sort(
      (a, b) => hosts.filter((h) => h === b).length - hosts.filter((h) => h === a).length || (a < b ? -1 : 1),
    )[0] ?? '';
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`Public endpoint of each region, from the metadata's \`endpoints\` table.`],
      declarations: [
        {
          name: 'ensEndpoints',
          type: 'Readonly<Record<string, string>>',
          initializer: `{\n${model.endpoints.map((e) => `  ${quote(e.regionId)}: ${quote(e.endpoint)},`).join('\n')}\n}`,
        },
      ],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['Endpoint for a region the table does not list: the one most regions share.'],
      declarations: [{ name: 'DEFAULT_ENDPOINT', initializer: quote(fallback) }],
    },
  ];
  return printer.print(CLIENT_ENDPOINTS_PATH, { statements });
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
