/**
 * Input validation without zod, for browsers. The generator emits each operation's constraints twice from one model:
 * as a `zod/mini` schema (the Node client) and as the plain data below, checked here. zod's floor in a browser bundle
 * is about 6 KB min+gzip, most of the proxy's 8 KB budget, while this checker is a few hundred bytes. Both report
 * the same input with the same issues, in the same order, through `messages.ts`; a property test holds them to it
 * for every operation.
 */
import { EnsValidationError, type EnsValidationIssue } from '@ensdk/errors/base';
import type { StringFormat } from './formats.js';
import {
  boundIssue,
  enumIssue,
  integerIssue,
  issuePath,
  patternIssue,
  requiredIssue,
  typeIssue,
  unknownKeyIssue,
} from './messages.js';
import { crossFieldViolations, type CrossFieldRule } from './rules.js';

/** A string, with its length bounds, pattern (a `u`-flag regular expression source) and format. */
export interface StringConstraints {
  readonly type: 'string';
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: StringFormat;
}

/** One of a fixed list of strings or integers (compared exactly: values are case-sensitive). */
export interface EnumConstraints {
  readonly type: 'enum';
  readonly values: readonly (string | number)[];
}

/** An integer of 32 or 64 bits (64-bit values must be safe JavaScript integers), with optional bounds. */
export interface IntegerConstraints {
  readonly type: 'integer';
  readonly bits: 32 | 64;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** A finite number, with optional bounds. */
export interface NumberConstraints {
  readonly type: 'number';
  readonly minimum?: number;
  readonly maximum?: number;
}

/** `true` or `false`. */
export interface BooleanConstraints {
  readonly type: 'boolean';
}

/** A list whose items all meet `items`, with optional bounds on its length. */
export interface ArrayConstraints {
  readonly type: 'array';
  readonly items: ValueConstraints;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/**
 * A free-form object (the metadata names no members; sent JSON-encoded as given): any object that is not a list,
 * its keys and values unchecked.
 */
export interface FreeformConstraints {
  readonly type: 'freeform';
}

/** A member of an object: its value's constraints, and whether it may be left out. */
export type FieldConstraints = ValueConstraints & { readonly optional?: true };

/**
 * An object with exactly these members (unknown keys are refused) and cross-field rules. `Input` is the type the
 * constraints describe; it only types {@link validateWithConstraints}'s result.
 */
export interface ObjectConstraints<Input = unknown> {
  readonly type: 'object';
  readonly fields: Readonly<Record<string, FieldConstraints>>;
  readonly rules?: readonly CrossFieldRule[];
  /** Phantom marker carrying the input type; never set at run time. */
  readonly __input?: Input;
}

/** What a value must be. */
export type ValueConstraints =
  | StringConstraints
  | EnumConstraints
  | IntegerConstraints
  | NumberConstraints
  | BooleanConstraints
  | ArrayConstraints
  | FreeformConstraints
  | ObjectConstraints;

const INT_RANGE = { 32: [-2147483648, 2147483647], 64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;
const compiledPatterns = new Map<string, RegExp>();

function checkBounds(
  out: EnsValidationIssue[],
  path: string,
  origin: 'string' | 'array' | 'number',
  size: number,
  minimum?: number,
  maximum?: number,
): void {
  if (minimum !== undefined && size < minimum) out.push(boundIssue(path, origin, 'minimum', minimum));
  if (maximum !== undefined && size > maximum) out.push(boundIssue(path, origin, 'maximum', maximum));
}

function checkString(out: EnsValidationIssue[], path: string, c: StringConstraints, value: string): void {
  checkBounds(out, path, 'string', value.length, c.minLength, c.maxLength);
  if (c.pattern !== undefined) {
    let pattern = compiledPatterns.get(c.pattern);
    if (pattern === undefined) {
      pattern = new RegExp(c.pattern, 'u');
      compiledPatterns.set(c.pattern, pattern);
    }
    if (!pattern.test(value)) out.push(patternIssue(path, pattern));
  }
  const problem = c.format?.problem(value);
  if (problem !== undefined) out.push({ path, rule: c.format!.rule, message: problem });
}

function checkNumber(
  out: EnsValidationIssue[],
  path: string,
  c: IntegerConstraints | NumberConstraints,
  value: unknown,
): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    out.push(typeIssue(path, 'number', value));
    return;
  }
  if (c.type === 'integer') {
    if (!Number.isInteger(value)) {
      out.push(integerIssue(path, value));
      return;
    }
    // Like zod: an integer beyond 2^53 is reported against the safe range, whatever its width.
    const [lowest, highest] = INT_RANGE[Number.isSafeInteger(value) ? c.bits : 64];
    checkBounds(out, path, 'number', value, lowest, highest);
  }
  checkBounds(out, path, 'number', value, c.minimum, c.maximum);
}

function checkObject(
  out: EnsValidationIssue[],
  path: readonly PropertyKey[],
  c: ObjectConstraints,
  value: unknown,
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    out.push(typeIssue(issuePath(path), 'object', value));
    return;
  }
  const first = out.length;
  const input = value as Readonly<Record<string, unknown>>;
  for (const [name, field] of Object.entries(c.fields)) {
    const member = Object.hasOwn(input, name) ? input[name] : undefined;
    if (member === undefined) {
      if (field.optional !== true) out.push(requiredIssue(issuePath([...path, name])));
    } else {
      checkValue(out, [...path, name], field, member);
    }
  }
  for (const key of Object.keys(input)) {
    if (!Object.hasOwn(c.fields, key)) out.push(unknownKeyIssue(issuePath([...path, key])));
  }
  // zod's integer check aborts the whole object on a fractional number, which skips the object's cross-field
  // rules; the browser reports the same issues, so it skips them too.
  const reportedHere = (test: (issue: EnsValidationIssue) => boolean): boolean => {
    for (let i = first; i < out.length; i++) if (test(out[i]!)) return true;
    return false;
  };
  const integerFailed = reportedHere((issue) => issue.rule === 'integer');
  if (c.rules !== undefined && !integerFailed) {
    const reported = (name: string): boolean => {
      const prefix = issuePath([...path, name]);
      return reportedHere(
        (issue) => issue.path === prefix || issue.path.startsWith(`${prefix}.`) || issue.path.startsWith(`${prefix}[`),
      );
    };
    for (const v of crossFieldViolations(c.rules, input, reported))
      out.push({ path: issuePath([...path, v.member]), rule: v.rule, message: v.message });
  }
}

function checkValue(
  out: EnsValidationIssue[],
  path: readonly PropertyKey[],
  c: ValueConstraints,
  value: unknown,
): void {
  const at = issuePath(path);
  switch (c.type) {
    case 'string':
      if (typeof value === 'string') checkString(out, at, c, value);
      else out.push(typeIssue(at, 'string', value));
      return;
    case 'enum':
      if (!c.values.includes(value as string | number)) out.push(enumIssue(at, c.values, value));
      return;
    case 'integer':
    case 'number':
      checkNumber(out, at, c, value);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(typeIssue(at, 'boolean', value));
      return;
    case 'array':
      if (!Array.isArray(value)) {
        out.push(typeIssue(at, 'array', value));
        return;
      }
      value.forEach((item: unknown, index) => {
        checkValue(out, [...path, index], c.items, item);
      });
      checkBounds(out, at, 'array', value.length, c.minItems, c.maxItems);
      return;
    case 'freeform':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) out.push(typeIssue(at, 'object', value));
      return;
    case 'object':
      checkObject(out, path, c, value);
  }
}

/** Every way `input` breaks `constraints`, in the order the zod schema of the same operation reports them. */
export function constraintIssues(constraints: ObjectConstraints, input: unknown): EnsValidationIssue[] {
  const out: EnsValidationIssue[] = [];
  checkObject(out, [], constraints, input);
  return out;
}

/**
 * Checks an operation's input against its generated constraints and returns it unchanged, or throws an
 * {@link EnsValidationError} listing every problem at once. Never performs I/O.
 */
export function validateWithConstraints<Input>(
  operation: string,
  constraints: ObjectConstraints<Input>,
  input: unknown,
): Input {
  const issues = constraintIssues(constraints, input);
  if (issues.length > 0) throw new EnsValidationError(issues, { operation });
  return input as Input;
}
