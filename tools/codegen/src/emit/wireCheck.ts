import { StructureKind, type StatementStructures } from 'ts-morph';
import type { ServiceModel } from '../model/types.js';
import { clientNames } from './clientOperation.js';
import { header, quote, type GeneratedFile, type TypeScriptPrinter, typeImport } from './common.js';

/**
 * Where the build-time check of the wire mappings goes: one assertion per operation that its definition as written
 * agrees with openapi-typescript's types of the OpenAPI document (`wire.gen.ts`). Compiled by the client's
 * `npm run typecheck` (and the product drill's type-check), imported by nothing, so it ships nowhere.
 */
export const WIRE_CHECK_PATH = 'packages/client/src/generated/wireCheck.gen.ts';

/** Emits {@link WIRE_CHECK_PATH}: for each operation, `NoWireProblems<WireProblems<…>>` (client src/check/wireCheck.ts). */
export function emitWireCheck(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const statements: (string | StatementStructures)[] = [
    header(model),
    typeImport(['NoWireProblems', 'WireProblems'], '../check/wireCheck.js'),
    typeImport(['operations'], './wire.gen.js'),
  ];
  for (const op of model.operations) {
    const n = clientNames(op);
    statements.push(typeImport([n.compact, n.input, n.output], `./operations/${op.name}.gen.js`));
  }
  for (const op of model.operations) {
    const n = clientNames(op);
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: `${op.name}WireCheck`,
      docs: [`${op.name}'s wire mapping agrees with the spec's types (a compile error quotes each problem).`],
      type: `NoWireProblems<WireProblems<${quote(op.name)}, ${n.compact}, ${n.input}, ${n.output}, operations[${quote(op.name)}]>>`,
    });
  }
  return printer.print(WIRE_CHECK_PATH, { statements });
}
