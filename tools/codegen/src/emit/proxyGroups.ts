import { StructureKind, type CodeBlockWriter, type StatementStructures, VariableDeclarationKind } from 'ts-morph';
import type { CrossFieldRule, Operation, ServiceModel } from '../model/types.js';
import { methodGroup } from '../../../../packages/proxy/src/core/methodGroup.js';
import { compareCodeUnits } from '../util/order.js';
import { clientNames, operationRules, ruleSetName, writeRule } from './clientOperation.js';
import { header, type GeneratedFile, type TypeScriptPrinter, typeImport } from './common.js';
import { type PagedOperation, pagingValue } from './paginators.js';
import { type LeafConstraint, STRING_FORMATS, writeObjectConstraints, type UsedFormats } from './shapes.js';

/** Where the browser class's groups of operations go: loaded by `import()` on the first call of one of them. */
export const PROXY_GROUPS_DIR = 'packages/proxy/src/generated/groups';

/**
 * At most how many groups `EnsBrowserClient`'s operations are split into: about 8 operations a group, at most 20. A call
 * loads one group, so more groups make the heaviest single call lighter and add a loader each to the page (about 25
 * bytes min+gzip); `npm run size` measures the page plus the heaviest group.
 */
export const PROXY_GROUP_COUNT = 20;

/** How many seeds {@link operationGroups} tries, and how many of them it weighs group by group. */
const SEEDS = 20_000;
const FINALISTS = 400;

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

/** The verb of a method name: its leading lower-case letters (`revoke` of `revokeSecurityGroupEgress`). */
export function methodVerb(method: string): string {
  return /^[a-z]+/.exec(method)?.[0] ?? '';
}

/**
 * The group of a method among `count` with `seed`: `methodGroup` of `@ensdk/proxy` (the function `withOperations` runs
 * in the browser, from a file that imports nothing) on the name without its verb.
 */
export function groupOfMethod(method: string, seed: number, count: number): number {
  return methodGroup(method, methodVerb(method).length, seed, count);
}

/**
 * The pattern of the browser class's method names: `^(?:verb|…)(?=[^a-z])`, every verb that begins a longer method name
 * (`add`, `create`, `describe`, …), and `|^(?:name|…)$` for method names that are a bare verb (KMS's `encrypt`), each
 * list sorted. `withOperations` makes a method on first use for a name that matches it; so `client.get` or
 * `client.push`, which frameworks probe, stay `undefined` unless an operation is named so.
 */
export function methodNamePattern(operations: readonly Operation[]): string {
  const sorted = (names: Iterable<string>): string => [...new Set(names)].sort(compareCodeUnits).join('|');
  const bare = operations.filter((op) => methodVerb(op.methodName) === op.methodName);
  const verbs = operations.filter((op) => methodVerb(op.methodName) !== op.methodName);
  const alternatives = [
    ...(verbs.length > 0 ? [`^(?:${sorted(verbs.map((op) => methodVerb(op.methodName)))})(?=[^a-z])`] : []),
    ...(bare.length > 0 ? [`^(?:${sorted(bare.map((op) => op.methodName))})$`] : []),
  ];
  return `/${alternatives.join('|')}/`;
}

/**
 * What a group's chunk weighs, near enough for choosing a seed and the same on every machine: the number of LZ78
 * phrases its operations' constraints (whitespace collapsed) parse into, which grows as gzip's output does, repeated
 * structure costing little. zlib's own output size is not used: it differs between zlib builds (Node's versions, CPUs),
 * and the generated files must come out the same everywhere. (Chosen by it, ENS's heaviest group is 990 bytes minified
 * and gzipped; by gzip itself 1012, by the length of the distinct lines 1079.)
 */
function lz78Phrases(sources: readonly string[]): number {
  // LZ78: the number of phrases a text parses into, each the longest phrase seen before plus one character.
  const text = sources.map((source) => source.replace(/\s+/g, ' ')).join('\n');
  const phrases = new Set<string>();
  let phrase = '';
  for (const char of text) {
    phrase += char;
    if (!phrases.has(phrase)) {
      phrases.add(phrase);
      phrase = '';
    }
  }
  return phrases.size + (phrase === '' ? 0 : 1);
}

/** How the browser class's operations are grouped: the hash seed and the groups, in index order. */
export interface OperationGroups {
  readonly seed: number;
  readonly groups: readonly (readonly Operation[])[];
}

/**
 * Splits the operations into `min(20, round(n / 8))` groups (at least one) by {@link groupOfMethod}, with the seed,
 * among the first 20000, whose heaviest group is lightest by {@link lz78Phrases}. Deterministic, so the class and the
 * group files always agree; a new operation may change the seed and regroup every operation (the group files are
 * generated, the diff is theirs).
 */
export function operationGroups(model: ServiceModel, printer: TypeScriptPrinter): OperationGroups {
  const operations = model.operations;
  operations.forEach((op, i) => {
    if (methodVerb(op.methodName) === '')
      throw new Error(
        `operations[${i}] (${op.name}): its method name ${op.methodName} does not begin with a lower-case letter; ` +
          "EnsBrowserClient's methods are found by their verb",
      );
  });
  const count = Math.max(1, Math.min(PROXY_GROUP_COUNT, Math.round(operations.length / 8)));
  const sources = operations.map((op) => constraintsSource(op, printer, new Set()));
  const weights = sources.map((source) => lz78Phrases([source]));
  const verbLengths = operations.map((op) => methodVerb(op.methodName).length);
  const groupsOf = (seed: number): number[] =>
    operations.map((op, i) => methodGroup(op.methodName, verbLengths[i]!, seed, count));
  // First every seed by the sum of its operations' weights (fast, but blind to what a group's operations share), then
  // the FINALISTS lightest that way by each group's sources together.
  const estimates: { seed: number; heaviest: number }[] = [];
  const sums = new Array<number>(count);
  for (let seed = 0; seed < (count === 1 ? 1 : SEEDS); seed++) {
    sums.fill(0);
    groupsOf(seed).forEach((group, i) => {
      sums[group]! += weights[i]!;
    });
    estimates.push({ seed, heaviest: Math.max(...sums) });
  }
  estimates.sort((a, b) => a.heaviest - b.heaviest || a.seed - b.seed);
  let best = { seed: 0, heaviest: Number.POSITIVE_INFINITY };
  for (const { seed } of estimates.slice(0, FINALISTS)) {
    const texts = Array.from({ length: count }, () => [] as string[]);
    groupsOf(seed).forEach((group, i) => {
      texts[group]!.push(sources[i]!);
    });
    const heaviest = Math.max(...texts.map(lz78Phrases));
    if (heaviest < best.heaviest) best = { seed, heaviest };
  }
  const groups = Array.from({ length: count }, () => [] as Operation[]);
  for (const op of operations) groups[groupOfMethod(op.methodName, best.seed, count)]!.push(op);
  return { seed: best.seed, groups };
}

/**
 * The parameters of a group's `operations`: the string formats in the order of {@link STRING_FORMATS} (the runtime's
 * `StringFormatArguments`), up to the last one the group uses; one it does not use before that is `_<name>`.
 */
function formatParameters(used: UsedFormats): { name: string; type: string }[] {
  const order = Object.values(STRING_FORMATS);
  const last = Math.max(-1, ...order.map((name, i) => (used.has(name) ? i : -1)));
  return order.slice(0, last + 1).map((name) => ({ name: used.has(name) ? name : `_${name}`, type: 'StringFormat' }));
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
      [
        'ObjectConstraints',
        ...(leaves.size > 0 ? ['FieldConstraints'] : []),
        ...(hasRules ? ['CrossFieldRule'] : []),
        ...(formats.size > 0 ? ['StringFormat'] : []),
      ],
      '@ensdk/client/validation',
    ),
    ...(paged.length > 0 ? [typeImport(['PagingTable'], '../../core/operations.js')] : []),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'operations',
      docs: [
        `Input constraints of ${operations.map((op) => op.name).join(', ')}, by action: what \`EnsBrowserClient\` ` +
          'loads on the first call of one of them. The string formats come from the caller (in the order of ' +
          '`StringFormatArguments`), so this module imports nothing.',
      ],
      // Positional, in the order of `StringFormatArguments` (the STRING_FORMATS order), up to the last one used.
      parameters: formatParameters(formats),
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
          "`EnsBrowserClient`'s `paginateX` methods hand to `PageWalk` when a walk starts (the page holds no paging).",
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
