import { StructureKind, type CodeBlockWriter, type StatementStructures, VariableDeclarationKind } from 'ts-morph';
import type { CrossFieldRule, Operation, ServiceModel } from '../model/types.js';
import { compareCodeUnits } from '../util/order.js';
import { clientNames, operationRules, ruleSetName, writeRule } from './clientOperation.js';
import { header, type GeneratedFile, type TypeScriptPrinter, typeImport } from './common.js';
import { type PagedOperation, pagingValue } from './paginators.js';
import { type LeafConstraint, writeObjectConstraints, type UsedFormats } from './shapes.js';

/** Where the browser class's groups of operations go: loaded by `import()` on the first call of one of them. */
export const PROXY_GROUPS_DIR = 'packages/proxy/src/generated/groups';

/**
 * How many groups `EnsBrowserClient`'s operations are split into (fewer when there are fewer operations). A call loads
 * one group, so more groups make the largest single call lighter and add a loader each to the page (`npm run size`
 * measures the page plus the heaviest group). For ENS's 231 operations, page + heaviest group measured 10.25 KB with
 * 12 groups, 9.99 with 16 and 10.14 with 24 (the heaviest group about 1 KB min+gzip, a loader about 25 bytes).
 */
export const PROXY_GROUP_COUNT = 16;

/** File name (without folder) of group `index`: `g00.gen.ts`. */
export function proxyGroupFile(index: number): string {
  return `g${String(index).padStart(2, '0')}.gen.ts`;
}

/** The input constraints of `op` as TypeScript source, its cross-field rules named as {@link operationRules} names them. */
function constraintsSource(
  op: Operation,
  printer: TypeScriptPrinter,
  formats: UsedFormats,
  leaf?: LeafConstraint,
): string {
  return printer.write((w) => writeObjectConstraints(w, op.parameters, formats, operationRules(op).rules, false, leaf));
}

/**
 * Splits the operations, in the model's order, into at most {@link PROXY_GROUP_COUNT} contiguous groups of about the
 * same weight (the length of their constraints' source, a cross-field rule counted as 200 characters): group `g` ends
 * with the operation whose running total first reaches `(g + 1) / count` of the whole. Deterministic, so the class
 * and the group files always agree.
 */
export function operationGroups(model: ServiceModel, printer: TypeScriptPrinter): Operation[][] {
  const operations = model.operations;
  const count = Math.min(PROXY_GROUP_COUNT, operations.length);
  const weights = operations.map((op) => constraintsSource(op, printer, new Set()).length + 200 * op.rules.length);
  const total = weights.reduce((a, b) => a + b, 0);
  const groups: Operation[][] = [];
  let current: Operation[] = [];
  let running = 0;
  operations.forEach((op, i) => {
    current.push(op);
    running += weights[i]!;
    const left = operations.length - i - 1;
    const groupsLeft = count - groups.length - 1;
    // Close the group at its share of the weight, or when each remaining group needs one of the remaining operations.
    if (groupsLeft > 0 && (running >= (total * (groups.length + 1)) / count || left === groupsLeft)) {
      groups.push(current);
      current = [];
    }
  });
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Emits `packages/proxy/src/generated/groups/gNN.gen.ts`: the input constraints of one group of operations, written
 * INLINE (the same emitter as the client's constraints; the overlay fragments' cross-field rules copied into each group
 * that uses them), returned by action from `operations(formats)`. The module imports no value, only types (the string
 * formats are the caller's argument): a bundler that splits by module (esbuild) would load with the page whatever a
 * group takes from a module the page reaches, and put it in a chunk of its own.
 */
export function emitProxyGroup(
  model: ServiceModel,
  index: number,
  operations: readonly Operation[],
  printer: TypeScriptPrinter,
): GeneratedFile {
  // A leaf constraint written more than once in the group (`{ type: 'string' }` is most fields) is one constant, `l<n>`
  // in order of first use: the group's share of the package's weight (the same objects are shared, read-only).
  const counts = new Map<string, number>();
  for (const op of operations) {
    constraintsSource(op, printer, new Set(), (source) => {
      counts.set(source, (counts.get(source) ?? 0) + 1);
      return source;
    });
  }
  const leaves = new Map<string, string>();
  const leaf: LeafConstraint = (source) => {
    if ((counts.get(source) ?? 0) < 2) return source;
    const name = leaves.get(source) ?? `l${leaves.size}`;
    leaves.set(source, name);
    return name;
  };
  const formats: UsedFormats = new Set();
  const constraints = operations.map((op) => ({ op, source: constraintsSource(op, printer, formats, leaf) }));
  const fragments = new Map<string, CrossFieldRule[]>();
  for (const op of operations) {
    for (const fragment of operationRules(op).shared) {
      if (!fragments.has(fragment))
        fragments.set(
          fragment,
          op.rules.filter((r) => r.fragment === fragment),
        );
    }
  }
  const ruleList = (rules: readonly CrossFieldRule[], spread: readonly string[]) => (w: CodeBlockWriter) => {
    w.write('[').newLine();
    w.indent(() => {
      for (const name of spread) w.writeLine(`...${name},`);
      for (const rule of rules) writeRule(w, rule);
    });
    w.write(']');
  };
  const body = (w: CodeBlockWriter): void => {
    if (leaves.size > 0) w.writeLine('// Constraints used more than once in this group.');
    for (const [source, name] of leaves) w.writeLine(`const ${name}: FieldConstraints = ${source};`);
    for (const [fragment, rules] of [...fragments].sort(([a], [b]) => compareCodeUnits(a, b))) {
      w.writeLine(`// Cross-field rules of the overlay fragment \`${fragment}\`.`);
      w.write(`const ${ruleSetName(fragment)}: readonly CrossFieldRule[] = `);
      ruleList(rules, [])(w);
      w.write(';').newLine();
    }
    for (const op of operations) {
      const { shared, own, ownRuleSet } = operationRules(op);
      if (!ownRuleSet) continue;
      w.writeLine(`// Cross-field rules of ${op.name}.`);
      w.write(`const ${clientNames(op).rules}: readonly CrossFieldRule[] = `);
      ruleList(own, shared.map(ruleSetName))(w);
      w.write(';').newLine();
    }
    w.write('return {').newLine();
    w.indent(() => {
      for (const { op, source } of constraints) w.writeLine(`${op.name}: ${source},`);
    });
    w.write('};');
  };
  const hasRules = operations.some((op) => op.rules.length > 0);
  const paged = operations.filter((op): op is PagedOperation => op.paging !== undefined);
  const statements: (string | StatementStructures)[] = [
    header(model),
    typeImport(
      ['ObjectConstraints', ...(leaves.size > 0 ? ['FieldConstraints'] : []), ...(hasRules ? ['CrossFieldRule'] : [])],
      '@ensdk/client/validation',
    ),
    typeImport(['StringFormats', ...(paged.length > 0 ? ['PagingTable'] : [])], '../../core/operations.js'),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'operations',
      docs: [
        `Input constraints of ${operations.map((op) => op.name).join(', ')}, by action: what \`EnsBrowserClient\` ` +
          'loads on the first call of one of them. The string formats come from the caller, so this module imports ' +
          'nothing.',
      ],
      parameters: [
        { name: formats.size > 0 ? `{ ${[...formats].sort().join(', ')} }` : '_formats', type: 'StringFormats' },
      ],
      returnType: 'Readonly<Record<string, ObjectConstraints>>',
      statements: [body],
    },
  ];
  if (paged.length > 0) {
    // What pagings of the group share besides their action, maximum page size and items (most page alike by
    // `pageNumber`, `pageSize` and `totalCount`) is written once, `p<n>` in order of first use, and spread into each.
    const pagings = paged.map((op) => {
      const { action, maxPageSize, items, ...shape } = pagingValue(op);
      return { op, own: { action, maxPageSize, items }, shape: JSON.stringify(shape) };
    });
    const shapes = new Map<string, string>();
    for (const { shape } of pagings) {
      if (pagings.filter((p) => p.shape === shape).length > 1 && !shapes.has(shape))
        shapes.set(shape, `p${shapes.size}`);
    }
    for (const [shape, name] of shapes) {
      statements.push({
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name, initializer: `${shape} as const` }],
      });
    }
    statements.push({
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: [
        `How ${paged.map((op) => op.name).join(', ')} ${paged.length === 1 ? 'pages' : 'page'}, by action: what ` +
          "`EnsBrowserClient`'s `paginateX` methods hand to `Paginator` when a walk starts (the page holds no paging).",
      ],
      declarations: [
        {
          name: 'pagings',
          type: 'PagingTable',
          initializer: (w) => {
            w.write('{').newLine();
            w.indent(() => {
              for (const { op, own, shape } of pagings) {
                const name = shapes.get(shape);
                const value =
                  name === undefined
                    ? JSON.stringify(pagingValue(op))
                    : `{ ...${name}, ${JSON.stringify(own).slice(1)}`;
                w.writeLine(`${op.name}: ${value},`);
              }
            });
            w.write('}');
          },
        },
      ],
    });
  }
  return printer.print(`${PROXY_GROUPS_DIR}/${proxyGroupFile(index)}`, { statements });
}
