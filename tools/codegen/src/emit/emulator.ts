import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Member, ObjectShape, ServiceModel, Shape } from '../model/types.js';
import { header, type GeneratedFile, type TypeScriptPrinter, typeImport } from './common.js';
import { pagedOperations } from './paginators.js';

/** Where the emulator's example responses go. */
export const EMULATOR_EXAMPLES_PATH = 'packages/emulator/src/generated/examples.gen.ts';

function exampleOf(shape: Shape, member: Member | undefined): unknown {
  const example = member?.doc.example;
  switch (shape.kind) {
    case 'string':
      return example ?? shape.enum?.[0] ?? (member ? `${member.wireName}-example` : 'example');
    case 'integer':
    case 'number': {
      const value = Number(example);
      return example !== undefined && example !== '' && Number.isFinite(value)
        ? value
        : shape.kind === 'integer'
          ? 1
          : 1.5;
    }
    case 'boolean':
      return example === undefined ? false : example === 'true';
    case 'array':
      return [exampleOf(shape.items, undefined)];
    case 'unknown':
      return example ?? null;
    case 'object':
      return objectExample(shape);
    case 'freeform':
      return {};
  }
}

function objectExample(shape: ObjectShape): Record<string, unknown> {
  return Object.fromEntries(shape.members.map((m) => [m.wireName, exampleOf(m.shape, m)]));
}

/**
 * Emits, for every operation, a deterministic example response body with wire names, built from the response
 * schema and the metadata's example values (the emulator answers operations it does not model with these).
 */
export function emitEmulatorExamples(model: ServiceModel, printer: TypeScriptPrinter): GeneratedFile {
  const examples = Object.fromEntries(model.operations.map((op) => [op.name, objectExample(op.output)]));
  const statements: (string | StatementStructures)[] = [
    header(model),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [
        'Example response body of each operation (wire names), from the response schema and the metadata examples.',
      ],
      declarations: [
        {
          name: 'exampleResponses',
          type: 'Readonly<Record<string, Readonly<Record<string, unknown>>>>',
          initializer: JSON.stringify(examples, null, 2),
        },
      ],
    },
    ...examplePagingStatements(model),
  ];
  return printer.print(EMULATOR_EXAMPLES_PATH, { statements });
}

/** The emulator's paging of the example answers of paged operations (`core/examplePages.ts`). */
function examplePagingStatements(model: ServiceModel): StatementStructures[] {
  const table = Object.fromEntries(
    pagedOperations(model).map((op) => {
      const p = op.paging;
      const items = p.items.map((m) => m.wireName);
      if (p.kind === 'token') return [op.name, { kind: p.kind, items, outputToken: p.outputToken.wireName }];
      const outputPageNumber = op.output.members.find((m) => m.wireName === p.pageNumber.wireName);
      return [
        op.name,
        {
          kind: p.kind,
          pageNumber: p.pageNumber.name,
          pageSize: p.pageSize.name,
          items,
          ...(p.totalCount === undefined ? {} : { totalCount: p.totalCount.wireName }),
          ...(outputPageNumber === undefined ? {} : { outputPageNumber: outputPageNumber.wireName }),
          ...(p.outputPageSize === undefined ? {} : { outputPageSize: p.outputPageSize.wireName }),
        },
      ];
    }),
  );
  return [
    typeImport(['ExamplePaging'], '../core/examplePages.js'),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: ['How each paged operation pages, for the emulator to answer its example as a short last page.'],
      declarations: [
        {
          name: 'examplePaging',
          type: 'Readonly<Record<string, ExamplePaging>>',
          initializer: JSON.stringify(table, null, 2),
        },
      ],
    },
  ];
}
