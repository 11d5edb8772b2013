import type { OverlayDocument } from '../spec/overlaySchema.js';
import { compareCodeUnits } from '../util/order.js';
import { errorClassName, patternStem } from './names.js';
import type { PartialOperation } from './operation.js';
import type { RepairLog } from './repairs.js';
import type { ErrorClassModel } from './types.js';

/**
 * Class names the hand-written runtime of `@ensdk/errors` already uses; generated classes never take them (a test
 * checks the list against the runtime's classes: errorModel.test.ts).
 */
export const RESERVED_CLASS_NAMES: ReadonlySet<string> = new Set([
  'EnsError',
  'EnsServiceError',
  'EnsPatternServiceError',
  'EnsValidationError',
  'EnsNetworkError',
  'EnsTimeoutError',
  'EnsAbortError',
  'EnsResponseParseError',
  'EnsCredentialsError',
  'EnsPaginationError',
]);

/**
 * JavaScript's own error classes: a generated class of that name would shadow the global wherever it is imported
 * (`Error` from the catch-all code `%s` did). A code that would name one gets the product's name in front.
 */
const GLOBAL_ERROR_NAMES = new Set([
  'Error',
  'AggregateError',
  'EvalError',
  'RangeError',
  'ReferenceError',
  'SuppressedError',
  'SyntaxError',
  'TypeError',
  'URIError',
  'DOMException',
]);

function mostCommon<T extends string | number>(values: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort(([a, ca], [b, cb]) => cb - ca || compareCodeUnits(String(a), String(b)))[0]![0];
}

/**
 * Builds the error classes: one per distinct code across all operations plus the common gateway codes.
 * A bare code joins the pattern class of the same stem (`InvalidParameter` joins `InvalidParameter.%s`).
 * Name collisions (`Stock.NotEnough` and `StockNotEnough`) are resolved deterministically: the code that is
 * already a plain PascalCase word keeps the name; the others keep their separators as `_`
 * (`Stock_NotEnoughError`); a clash left after that gets a numeric suffix in code order.
 */
export function buildErrorClasses(
  product: string,
  operations: readonly PartialOperation[],
  overlay: OverlayDocument,
  repairs: RepairLog,
): {
  classes: ErrorClassModel[];
  classOfCode: Map<string, string>;
} {
  interface Entry {
    code: string;
    statuses: number[];
    messages: string[];
    operations: Set<string>;
  }
  const entries = new Map<string, Entry>();
  const entry = (code: string): Entry => {
    let e = entries.get(code);
    if (!e) {
      e = { code, statuses: [], messages: [], operations: new Set() };
      entries.set(code, e);
    }
    return e;
  };
  for (const op of operations) {
    for (const c of op.errorCodes) {
      const e = entry(c.code);
      e.statuses.push(c.httpStatus);
      if (c.message !== '') e.messages.push(c.message);
      e.operations.add(op.name);
    }
  }
  for (const code of Object.keys(overlay.commonErrors)) entry(code);

  const patterns = [...entries.keys()].filter((c) => c.includes('%s'));
  const stemOwner = new Map(patterns.map((p) => [patternStem(p), p]));
  // Fold bare codes into the pattern of the same stem.
  for (const [code, e] of [...entries]) {
    const owner = stemOwner.get(code);
    if (owner !== undefined && owner !== code) {
      const target = entries.get(owner)!;
      target.statuses.push(...e.statuses);
      target.messages.push(...e.messages);
      for (const o of e.operations) target.operations.add(o);
      entries.delete(code);
    }
  }

  const codes = [...entries.keys()].sort(compareCodeUnits);
  const byName = new Map<string, string[]>();
  const productPrefix = errorClassName(product).replace(/Error$/, '');
  for (const code of codes) {
    let name = errorClassName(code);
    if (GLOBAL_ERROR_NAMES.has(name)) {
      const renamed = `${productPrefix}${name}`;
      const [first] = [...entries.get(code)!.operations].sort(compareCodeUnits);
      if (first !== undefined)
        repairs.add(
          ['apis', first, 'errorCodes'],
          'global-class-name',
          `code "${code}" would name the global ${name}: class ${renamed}`,
        );
      name = renamed;
    }
    byName.set(name, [...(byName.get(name) ?? []), code]);
  }
  // Compared without case: class names are file names, and InvalidVPCNotFoundError beside InvalidVpcNotFoundError
  // (VPC's codes InvalidVPC.NotFound and InvalidVpc.NotFound) collide on case-insensitive file systems and in tsc.
  const taken = new Set([...RESERVED_CLASS_NAMES].map((n) => n.toLowerCase()));
  const classOfCode = new Map<string, string>();
  const assign = (code: string, name: string): void => {
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name.replace(/Error$/, '')}${n}Error`;
    taken.add(candidate.toLowerCase());
    classOfCode.set(code, candidate);
  };
  for (const [name, group] of [...byName].sort(([a], [b]) => compareCodeUnits(a, b))) {
    const plain = group.find((c) => `${c}Error` === name || c === name);
    const winner = !RESERVED_CLASS_NAMES.has(name) ? (plain ?? (group.length === 1 ? group[0] : undefined)) : undefined;
    if (winner !== undefined) assign(winner, name);
    for (const code of group) if (code !== winner) assign(code, errorClassName(code, true));
  }

  const classes: ErrorClassModel[] = codes.map((code) => {
    const e = entries.get(code)!;
    const common = overlay.commonErrors[code];
    const httpStatus = common?.httpStatus ?? mostCommon(e.statuses);
    const fault = common?.fault ?? (httpStatus >= 500 ? 'server' : 'client');
    return {
      className: classOfCode.get(code)!,
      code,
      isPattern: code.includes('%s'),
      httpStatus,
      fault,
      retryable: common?.retryable ?? (httpStatus >= 500 || httpStatus === 429 || code.startsWith('Throttling')),
      description: common?.description ?? (e.messages.length > 0 ? mostCommon(e.messages) : code),
      common: common !== undefined,
      operations: [...e.operations].sort(compareCodeUnits),
    };
  });
  // Bare codes that were folded into a pattern resolve to the pattern's class.
  for (const [stem, owner] of stemOwner) classOfCode.set(stem, classOfCode.get(owner)!);
  return { classes: classes.sort((a, b) => compareCodeUnits(a.className, b.className)), classOfCode };
}
