/**
 * Diff of two service models' public API surfaces, classified by the effect on a user's code (see `kinds.ts` for the
 * kinds and their bumps, `specs/README.md` for the reasoning). Pure: no I/O.
 */
import { compareCodeUnits } from '../util/order.js';
import type { CrossFieldRule, Doc, Member, Parameter, Shape } from '../model/types.js';
import type { KnownFormat } from '../spec/overlaySchema.js';
import { CHANGE_KINDS, maxBump, type Bump, type ChangeBump, type ChangeKind } from './kinds.js';
import type { ApiSurface, SurfaceErrorClass, SurfaceOperation } from './surface.js';

/** One classified change of the public API. */
export interface SpecChange {
  /** The operation changed, or `null` for service-wide changes (error classes, endpoints, API version). */
  readonly operation: string | null;
  /**
   * Where, relative to the operation: `''` (the operation itself), `doc`, `methods`, `parameters.<Wire>`,
   * `response.<Wire>` (nested members add `.<Wire>`, array items `[]`), `rules.<name>`, `errors.<Code>`; service-wide:
   * `apiVersion`, `errorClasses.<Class>`, `endpoints.<region>`.
   */
  readonly path: string;
  readonly kind: ChangeKind;
  readonly bump: ChangeBump;
  /** The change in plain words, e.g. ``RevokeSecurityGroupEgress: new optional parameter `Description` ``. */
  readonly summary: string;
}

/** All changes between two surfaces and the bump they call for (the largest of theirs, `none` when empty). */
export interface SpecDiff {
  readonly bump: Bump;
  readonly changes: readonly SpecChange[];
}

/** Records changes of one operation (or of the service when `operation` is null). */
interface Scope {
  readonly operation: string | null;
  add(path: string, kind: ChangeKind, text: string): void;
}

function scopeOf(changes: SpecChange[], operation: string | null): Scope {
  return {
    operation,
    add(path, kind, text) {
      changes.push({
        operation,
        path,
        kind,
        bump: CHANGE_KINDS[kind],
        summary: operation === null ? text : `${operation}: ${text}`,
      });
    },
  };
}

/** Request members are input (narrowing breaks callers); response members are output (read by callers). */
type Side = 'request' | 'response';

/** Where a member diff is: its scope, its side, and its display path below the side (`Tag[].Key`). */
interface MemberContext {
  readonly scope: Scope;
  readonly side: Side;
  readonly display: string;
}

const code = (value: string | number): string => `\`${String(value)}\``;
const list = (values: readonly (string | number)[]): string => values.map(code).join(', ');

function pathOf(ctx: MemberContext): string {
  return `${ctx.side === 'request' ? 'parameters' : 'response'}.${ctx.display}`;
}

function labelOf(ctx: MemberContext): string {
  return `${ctx.side === 'request' ? 'parameter' : 'response field'} ${code(ctx.display)}`;
}

function child(ctx: MemberContext, segment: string): MemberContext {
  return {
    ...ctx,
    display: ctx.display === '' ? segment : segment === '[]' ? `${ctx.display}[]` : `${ctx.display}.${segment}`,
  };
}

/** Pairs two keyed lists: every key of either, in order, with the old and new entry (either may be missing). */
function pair<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
): [string, T | undefined, T | undefined][] {
  const old = new Map(before.map((item) => [key(item), item]));
  const now = new Map(after.map((item) => [key(item), item]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort(compareCodeUnits);
  return keys.map((k) => [k, old.get(k), now.get(k)]);
}

// ---------------------------------------------------------------------------------------------------------------
// Documentation

/** Documentation changes: text, example, default (patch); newly deprecated (minor). */
function diffDoc(scope: Scope, path: string, subject: string | undefined, before: Doc, after: Doc): void {
  const parts = (
    [
      ['description', before.text, after.text],
      ['example', before.example, after.example],
      ['default', before.defaultValue, after.defaultValue],
    ] as const
  )
    .filter(([, a, b]) => a !== b)
    .map(([part]) => part);
  const of = subject === undefined ? '' : ` of ${subject}`;
  if (parts.length > 0) scope.add(path, 'doc-changed', `documentation${of} changed (${parts.join(', ')})`);
  if (!before.deprecated && after.deprecated) scope.add(path, 'deprecated', `${subject ?? 'operation'} deprecated`);
  if (before.deprecated && !after.deprecated)
    scope.add(path, 'doc-changed', `${subject ?? 'operation'} no longer deprecated`);
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes and constraints

/** Formats whose accepted values include all of another format's (`ipv4` ⊂ `ipv4-or-cidr`). */
const FORMAT_INCLUDES: Readonly<Partial<Record<KnownFormat, readonly KnownFormat[]>>> = {
  'ipv4-or-cidr': ['ipv4', 'ipv4-cidr'],
};

type Direction = 'narrowed' | 'widened';
interface ConstraintChange {
  readonly direction: Direction;
  readonly text: string;
}

/** A change of a lower bound (`minLength`, `minimum`, `minItems`): raising or adding one narrows. */
function lowerBound(name: string, before: number | undefined, after: number | undefined): ConstraintChange | undefined {
  if (before === after) return undefined;
  if (before === undefined) return { direction: 'narrowed', text: `${name} ${after} added` };
  if (after === undefined) return { direction: 'widened', text: `${name} ${before} removed` };
  return after > before
    ? { direction: 'narrowed', text: `${name} raised from ${before} to ${after}` }
    : { direction: 'widened', text: `${name} lowered from ${before} to ${after}` };
}

/** A change of an upper bound (`maxLength`, `maximum`, `maxItems`): lowering or adding one narrows. */
function upperBound(name: string, before: number | undefined, after: number | undefined): ConstraintChange | undefined {
  if (before === after) return undefined;
  if (before === undefined) return { direction: 'narrowed', text: `${name} ${after} added` };
  if (after === undefined) return { direction: 'widened', text: `${name} ${before} removed` };
  return after < before
    ? { direction: 'narrowed', text: `${name} lowered from ${before} to ${after}` }
    : { direction: 'widened', text: `${name} raised from ${before} to ${after}` };
}

function patternChange(before: string | undefined, after: string | undefined): ConstraintChange | undefined {
  if (before === after) return undefined;
  if (before === undefined) return { direction: 'narrowed', text: `pattern ${code(after ?? '')} added` };
  if (after === undefined) return { direction: 'widened', text: `pattern ${code(before)} removed` };
  // Whether one regular expression accepts all another does is undecidable here: a changed pattern may reject more.
  return { direction: 'narrowed', text: `pattern changed from ${code(before)} to ${code(after)}` };
}

function formatChange(before: KnownFormat | undefined, after: KnownFormat | undefined): ConstraintChange | undefined {
  if (before === after) return undefined;
  if (before === undefined) return { direction: 'narrowed', text: `format ${after} added` };
  if (after === undefined) return { direction: 'widened', text: `format ${before} removed` };
  const wider = FORMAT_INCLUDES[after]?.includes(before) === true;
  return { direction: wider ? 'widened' : 'narrowed', text: `format changed from ${before} to ${after}` };
}

/** Reports a constraint change: on a request it narrows (major) or widens (minor); on a response it is documentation. */
function reportConstraint(ctx: MemberContext, change: ConstraintChange | undefined): void {
  if (change === undefined) return;
  if (ctx.side === 'response') {
    ctx.scope.add(pathOf(ctx), 'constraint-changed', `${labelOf(ctx)}: ${change.text} (not checked on responses)`);
    return;
  }
  ctx.scope.add(
    pathOf(ctx),
    change.direction === 'narrowed' ? 'constraint-narrowed' : 'constraint-widened',
    `${labelOf(ctx)}: ${change.text}`,
  );
}

function describeShape(shape: Shape): string {
  return shape.kind === 'array' ? `array of ${describeShape(shape.items)}` : shape.kind;
}

/** Numeric bounds of an integer or number shape (none for other kinds). */
function numericBounds(shape: Shape): { minimum?: number | undefined; maximum?: number | undefined } {
  if (shape.kind === 'number' || shape.kind === 'integer') return { minimum: shape.minimum, maximum: shape.maximum };
  return {};
}

function diffEnum(
  ctx: MemberContext,
  base: string,
  before: readonly (string | number)[] | undefined,
  after: readonly (string | number)[] | undefined,
): void {
  if (before === undefined && after === undefined) return;
  const label = labelOf(ctx);
  if (before === undefined) {
    if (ctx.side === 'request')
      ctx.scope.add(
        pathOf(ctx),
        'constraint-narrowed',
        `${label}: only ${list(after ?? [])} accepted (was any ${base})`,
      );
    else
      ctx.scope.add(pathOf(ctx), 'type-changed', `${label}: type is now one of ${list(after ?? [])} (was any ${base})`);
    return;
  }
  if (after === undefined) {
    if (ctx.side === 'request')
      ctx.scope.add(pathOf(ctx), 'constraint-widened', `${label}: any ${base} accepted (was one of ${list(before)})`);
    else ctx.scope.add(pathOf(ctx), 'type-changed', `${label}: type is now any ${base} (was one of ${list(before)})`);
    return;
  }
  for (const value of after)
    if (!before.includes(value)) ctx.scope.add(pathOf(ctx), 'enum-value-added', `new value ${code(value)} of ${label}`);
  for (const value of before)
    if (!after.includes(value))
      ctx.scope.add(pathOf(ctx), 'enum-value-removed', `value ${code(value)} of ${label} removed`);
}

function diffNumeric(ctx: MemberContext, before: Shape, after: Shape): void {
  if (before.kind !== after.kind) {
    const change: ConstraintChange =
      after.kind === 'number'
        ? { direction: 'widened', text: 'any number (was integer)' }
        : { direction: 'narrowed', text: 'integers only (was any number)' };
    reportConstraint(ctx, change);
  }
  if (before.kind === 'integer' && after.kind === 'integer') {
    diffEnum(ctx, 'integer', before.enum, after.enum);
    if (before.bits !== after.bits) {
      reportConstraint(
        ctx,
        after.bits === 64
          ? { direction: 'widened', text: 'int64 (was int32)' }
          : { direction: 'narrowed', text: 'int32 (was int64)' },
      );
    }
  }
  const a = numericBounds(before);
  const b = numericBounds(after);
  reportConstraint(ctx, lowerBound('minimum', a.minimum, b.minimum));
  reportConstraint(ctx, upperBound('maximum', a.maximum, b.maximum));
}

function diffShape(ctx: MemberContext, before: Shape, after: Shape): void {
  const numeric = (s: Shape): boolean => s.kind === 'integer' || s.kind === 'number';
  if (numeric(before) && numeric(after)) {
    diffNumeric(ctx, before, after);
    return;
  }
  if (before.kind !== after.kind) {
    ctx.scope.add(
      pathOf(ctx),
      'type-changed',
      `${labelOf(ctx)} changed type from ${describeShape(before)} to ${describeShape(after)}`,
    );
    return;
  }
  if (before.kind === 'string' && after.kind === 'string') {
    diffEnum(ctx, 'string', before.enum, after.enum);
    reportConstraint(ctx, lowerBound('minLength', before.minLength, after.minLength));
    reportConstraint(ctx, upperBound('maxLength', before.maxLength, after.maxLength));
    reportConstraint(ctx, patternChange(before.pattern, after.pattern));
    reportConstraint(ctx, formatChange(before.format, after.format));
    if (before.caseSensitive !== after.caseSensitive) {
      ctx.scope.add(
        pathOf(ctx),
        'doc-changed',
        `${labelOf(ctx)}: documented as case-${after.caseSensitive ? 'sensitive' : 'insensitive or unspecified'}`,
      );
    }
  } else if (before.kind === 'array' && after.kind === 'array') {
    reportConstraint(ctx, lowerBound('minItems', before.minItems, after.minItems));
    reportConstraint(ctx, upperBound('maxItems', before.maxItems, after.maxItems));
    diffShape(child(ctx, '[]'), before.items, after.items);
  } else if (before.kind === 'object' && after.kind === 'object') {
    diffMembers(ctx, before.members, after.members);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Members: request parameters (and their nested members) and response fields

function memberAdded(ctx: MemberContext, member: Member): void {
  if (ctx.side === 'response') ctx.scope.add(pathOf(ctx), 'response-field-added', `new ${labelOf(ctx)}`);
  else if (member.required) ctx.scope.add(pathOf(ctx), 'parameter-added-required', `new required ${labelOf(ctx)}`);
  else ctx.scope.add(pathOf(ctx), 'parameter-added-optional', `new optional ${labelOf(ctx)}`);
}

function memberRemoved(ctx: MemberContext): void {
  ctx.scope.add(
    pathOf(ctx),
    ctx.side === 'response' ? 'response-field-removed' : 'parameter-removed',
    `${labelOf(ctx)} removed`,
  );
}

function diffMember(ctx: MemberContext, before: Member, after: Member): void {
  if (before.wireName !== after.wireName) {
    ctx.scope.add(
      pathOf(ctx),
      'wire-changed',
      `${labelOf(ctx)} was ${code(before.wireName)} on the wire (the TypeScript name ${code(after.name)} is unchanged)`,
    );
  }
  if (ctx.side === 'request' && before.required !== after.required) {
    if (after.required) ctx.scope.add(pathOf(ctx), 'parameter-became-required', `${labelOf(ctx)} became required`);
    else ctx.scope.add(pathOf(ctx), 'parameter-became-optional', `${labelOf(ctx)} became optional`);
  }
  diffDoc(ctx.scope, pathOf(ctx), labelOf(ctx), before.doc, after.doc);
  diffShape(ctx, before.shape, after.shape);
}

/** Members are matched by their TypeScript (camelCase) name: that is what users' code uses. */
function diffMembers<T extends Member>(
  ctx: MemberContext,
  before: readonly T[],
  after: readonly T[],
  more?: (ctx: MemberContext, a: T, b: T) => void,
): void {
  const wireOf = new Map([...before, ...after].map((m) => [m.name, m.wireName]));
  const pairs = pair(before, after, (m) => m.name).sort(([a], [b]) =>
    compareCodeUnits(wireOf.get(a) ?? a, wireOf.get(b) ?? b),
  );
  for (const [, a, b] of pairs) {
    const member = b ?? a;
    if (member === undefined) continue;
    const inner = child(ctx, member.wireName);
    if (a === undefined) memberAdded(inner, member);
    else if (b === undefined) memberRemoved(inner);
    else {
      diffMember(inner, a, b);
      more?.(inner, a, b);
    }
  }
}

/** How a parameter travels (query or form, and the style of arrays and objects): the SDK's business, not the user's. */
function diffWire(ctx: MemberContext, before: Parameter, after: Parameter): void {
  if (before.location !== after.location)
    ctx.scope.add(
      pathOf(ctx),
      'wire-changed',
      `${labelOf(ctx)} is sent in the ${after.location} (was ${before.location})`,
    );
  if (before.style !== after.style)
    ctx.scope.add(
      pathOf(ctx),
      'wire-changed',
      `${labelOf(ctx)} is sent with style ${after.style} (was ${before.style})`,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-field rules

function describeConstraint(c: CrossFieldRule['then']['constraint']): string {
  switch (c.kind) {
    case 'equals':
      return `equal to ${code(c.value)}`;
    case 'oneOf':
      return `one of ${list(c.values)}`;
    case 'portRange':
      return `a port range within ${c.minimum}..${c.maximum}`;
  }
}

function ruleConstraintChanges(
  before: CrossFieldRule['then']['constraint'],
  after: CrossFieldRule['then']['constraint'],
): ConstraintChange[] {
  if (before.kind === 'oneOf' && after.kind === 'oneOf') {
    return [
      ...after.values
        .filter((v) => !before.values.includes(v))
        .map((v): ConstraintChange => ({ direction: 'widened', text: `now also allows ${code(v)}` })),
      ...before.values
        .filter((v) => !after.values.includes(v))
        .map((v): ConstraintChange => ({ direction: 'narrowed', text: `no longer allows ${code(v)}` })),
    ];
  }
  if (before.kind === 'portRange' && after.kind === 'portRange') {
    return [
      lowerBound('port minimum', before.minimum, after.minimum),
      upperBound('port maximum', before.maximum, after.maximum),
    ].filter((c): c is ConstraintChange => c !== undefined);
  }
  if (describeConstraint(before) === describeConstraint(after)) return [];
  return [
    { direction: 'narrowed', text: `now requires ${describeConstraint(after)} (was ${describeConstraint(before)})` },
  ];
}

function diffRule(
  scope: Scope,
  before: CrossFieldRule,
  after: CrossFieldRule,
  op: { old: SurfaceOperation; now: SurfaceOperation },
): void {
  const path = `rules.${after.name}`;
  const wire = (name: string): string =>
    code(
      op.now.parameters.find((p) => p.name === name)?.wireName ??
        op.old.parameters.find((p) => p.name === name)?.wireName ??
        name,
    );
  const existedBefore = (name: string): boolean => op.old.parameters.some((p) => p.name === name);
  const existsNow = (name: string): boolean => op.now.parameters.some((p) => p.name === name);
  const subject = `cross-field rule ${code(after.name)}`;
  const changes: ConstraintChange[] = [];
  if (before.description !== after.description) scope.add(path, 'doc-changed', `documentation of ${subject} changed`);
  if (before.when.member !== after.when.member) {
    changes.push({
      direction: 'narrowed',
      text: `now depends on ${wire(after.when.member)} (was ${wire(before.when.member)})`,
    });
  } else {
    const added = after.when.in.filter((v) => !before.when.in.includes(v));
    const removed = before.when.in.filter((v) => !after.when.in.includes(v));
    if (added.length > 0)
      changes.push({
        direction: 'narrowed',
        text: `now also applies when ${wire(after.when.member)} is ${list(added)}`,
      });
    if (removed.length > 0)
      changes.push({
        direction: 'widened',
        text: `no longer applies when ${wire(after.when.member)} is ${list(removed)}`,
      });
  }
  // A target that is itself a new (or removed) parameter constrains nothing a caller could send before (or after).
  const targetsAdded = after.then.members.filter((m) => !before.then.members.includes(m) && existedBefore(m));
  const targetsRemoved = before.then.members.filter((m) => !after.then.members.includes(m) && existsNow(m));
  if (targetsAdded.length > 0)
    changes.push({ direction: 'narrowed', text: `now also constrains ${targetsAdded.map(wire).join(', ')}` });
  if (targetsRemoved.length > 0)
    changes.push({ direction: 'widened', text: `no longer constrains ${targetsRemoved.map(wire).join(', ')}` });
  changes.push(...ruleConstraintChanges(before.then.constraint, after.then.constraint));
  for (const c of changes)
    scope.add(path, c.direction === 'narrowed' ? 'constraint-narrowed' : 'constraint-widened', `${subject} ${c.text}`);
}

function diffRules(scope: Scope, old: SurfaceOperation, now: SurfaceOperation): void {
  for (const [name, a, b] of pair(old.rules, now.rules, (r) => r.name)) {
    if (a === undefined && b !== undefined)
      scope.add(`rules.${name}`, 'rule-added', `new cross-field rule ${code(name)}: ${b.description}`);
    else if (a !== undefined && b === undefined)
      scope.add(`rules.${name}`, 'rule-removed', `cross-field rule ${code(name)} removed`);
    else if (a !== undefined && b !== undefined) diffRule(scope, a, b, { old, now });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Error codes, operations, error classes, endpoints

interface CodeSummary {
  readonly code: string;
  readonly statuses: readonly number[];
  readonly message: string;
}

function codesOf(op: SurfaceOperation): CodeSummary[] {
  const byCode = new Map<string, { statuses: number[]; message: string }>();
  for (const e of op.errorCodes) {
    const entry = byCode.get(e.code) ?? { statuses: [], message: '' };
    if (!entry.statuses.includes(e.httpStatus)) entry.statuses.push(e.httpStatus);
    if (entry.message === '') entry.message = e.message;
    byCode.set(e.code, entry);
  }
  return [...byCode].map(([c, e]) => ({ code: c, statuses: e.statuses.sort((x, y) => x - y), message: e.message }));
}

function diffErrorCodes(scope: Scope, old: SurfaceOperation, now: SurfaceOperation): void {
  const http = (statuses: readonly number[]): string => `HTTP ${statuses.join('/')}`;
  for (const [c, a, b] of pair(codesOf(old), codesOf(now), (e) => e.code)) {
    const path = `errors.${c}`;
    if (a === undefined && b !== undefined)
      scope.add(path, 'error-code-added', `new error code ${code(c)} (${http(b.statuses)})`);
    else if (a !== undefined && b === undefined) scope.add(path, 'error-code-removed', `error code ${code(c)} removed`);
    else if (a !== undefined && b !== undefined) {
      if (http(a.statuses) !== http(b.statuses))
        scope.add(
          path,
          'doc-changed',
          `error code ${code(c)} documented as ${http(b.statuses)} (was ${http(a.statuses)})`,
        );
      if (a.message !== b.message) scope.add(path, 'doc-changed', `message of error code ${code(c)} changed`);
    }
  }
}

function diffOperation(scope: Scope, old: SurfaceOperation, now: SurfaceOperation): void {
  diffDoc(scope, 'doc', undefined, old.doc, now.doc);
  const methods = (op: SurfaceOperation): string => [...op.methods].sort(compareCodeUnits).join(', ');
  if (methods(old) !== methods(now))
    scope.add('methods', 'methods-changed', `HTTP methods ${methods(now)} (were ${methods(old)})`);
  const request: MemberContext = { scope, side: 'request', display: '' };
  diffMembers<Parameter>(request, old.parameters, now.parameters, diffWire);
  diffRules(scope, old, now);
  diffMembers({ scope, side: 'response', display: '' }, old.output.members, now.output.members);
  diffErrorCodes(scope, old, now);
}

function diffErrorClass(scope: Scope, before: SurfaceErrorClass, after: SurfaceErrorClass): void {
  const path = `errorClasses.${after.className}`;
  const subject = `error class ${code(after.className)}`;
  if (before.code !== after.code)
    scope.add(path, 'type-changed', `${subject} now stands for code ${code(after.code)} (was ${code(before.code)})`);
  for (const key of ['httpStatus', 'fault', 'retryable'] as const) {
    if (before[key] !== after[key])
      scope.add(path, 'error-class-changed', `${subject}: ${key} ${String(after[key])} (was ${String(before[key])})`);
  }
  if (before.description !== after.description) scope.add(path, 'doc-changed', `documentation of ${subject} changed`);
  if (!before.common && after.common)
    scope.add(path, 'error-code-added', `${subject} can now be raised by every operation (common error)`);
  if (before.common && !after.common)
    scope.add(path, 'error-code-removed', `${subject} is no longer raised by every operation (common error)`);
}

function diffErrorClasses(scope: Scope, old: ApiSurface, now: ApiSurface): void {
  for (const [name, a, b] of pair(old.errorClasses, now.errorClasses, (c) => c.className)) {
    const path = `errorClasses.${name}`;
    if (a === undefined && b !== undefined)
      scope.add(path, 'error-class-added', `new error class ${code(name)} (code ${code(b.code)})`);
    else if (a !== undefined && b === undefined)
      scope.add(path, 'error-class-removed', `error class ${code(name)} removed (code ${code(a.code)})`);
    else if (a !== undefined && b !== undefined) diffErrorClass(scope, a, b);
  }
}

function diffEndpoints(scope: Scope, old: ApiSurface, now: ApiSurface): void {
  for (const [region, a, b] of pair(old.endpoints, now.endpoints, (e) => e.regionId)) {
    const path = `endpoints.${region}`;
    if (a === undefined && b !== undefined)
      scope.add(path, 'endpoint-changed', `new endpoint ${code(b.endpoint)} for region ${code(region)}`);
    else if (a !== undefined && b === undefined)
      scope.add(
        path,
        'endpoint-changed',
        `region ${code(region)} removed from the endpoint table (it uses the default endpoint)`,
      );
    else if (a !== undefined && b !== undefined && a.endpoint !== b.endpoint) {
      scope.add(
        path,
        'endpoint-changed',
        `region ${code(region)} uses endpoint ${code(b.endpoint)} (was ${code(a.endpoint)})`,
      );
    }
  }
}

/**
 * Compares the public API of two models (or loaded snapshots) and classifies every change.
 * Order: service-wide version change, then operations by name (each: the operation, its documentation, methods,
 * parameters, rules, response, error codes), then error classes, then endpoints.
 */
export function diffServiceModels(old: ApiSurface, now: ApiSurface): SpecDiff {
  const changes: SpecChange[] = [];
  const service = scopeOf(changes, null);
  if (old.product !== now.product || old.apiVersion !== now.apiVersion) {
    service.add(
      'apiVersion',
      'api-version-changed',
      `API ${now.product} ${now.apiVersion} (was ${old.product} ${old.apiVersion})`,
    );
  }
  for (const [name, a, b] of pair(old.operations, now.operations, (op) => op.name)) {
    const scope = scopeOf(changes, name);
    if (a === undefined) scope.add('', 'operation-added', 'new operation');
    else if (b === undefined) scope.add('', 'operation-removed', 'operation removed');
    else diffOperation(scope, a, b);
  }
  diffErrorClasses(service, old, now);
  diffEndpoints(service, old, now);
  return { bump: changes.reduce<Bump>((bump, c) => maxBump(bump, c.bump), 'none'), changes };
}
