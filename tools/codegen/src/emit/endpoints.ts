import { type StatementStructures, StructureKind, VariableDeclarationKind } from 'ts-morph';
import type { ServiceModel } from '../model/types.js';
import { compareCodeUnits } from '../util/order.js';
import { type GeneratedFile, header, quote, type TypeScriptPrinter } from './common.js';

/** Region → endpoint table from the metadata. */
export const CLIENT_ENDPOINTS_PATH = 'packages/client/src/generated/endpoints.gen.ts';

/** Emits the region → endpoint table and the default endpoint. */
export function emitClientEndpoints(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const hosts = model.endpoints.map((e) => e.endpoint);
  const fallback =
    [...new Set(hosts)].sort(
      (a, b) => hosts.filter((h) => h === b).length - hosts.filter((h) => h === a).length || compareCodeUnits(a, b),
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
