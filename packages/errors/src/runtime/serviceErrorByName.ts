import { jsonReader } from './internal.js';
import { EnsPatternServiceError } from './patternServiceError.js';
import { EnsServiceError } from './serviceError.js';

/**
 * Names no service error class takes: this package's own classes (the codegen reserves them) and JavaScript's error
 * classes (the codegen prefixes a code that would name one).
 */
const NOT_SERVICE_CLASS_NAMES = new Set([
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

/** True when `name` could be a generated service error class's `errorName`: an identifier ending in `Error`. */
function isServiceClassName(name: string): boolean {
  return /^[A-Z][A-Za-z0-9_]*Error$/.test(name) && !NOT_SERVICE_CLASS_NAMES.has(name);
}

/**
 * A stand-in for `new.target`: `errorName` is `name`, statics come from `base`, and instances get `base.prototype`.
 * The error's `name` and brand (the `errorName` chain `instanceof` reads) then start with `name`.
 */
function standIn(base: typeof EnsServiceError, name: string, codePattern: string | undefined): typeof EnsServiceError {
  // `new target(init)` (as `fromJSON` does) runs `base`'s constructors with `target` as `new.target`.
  // biome-ignore lint/complexity/useArrowFunction: `new` needs a constructor, and an arrow function is none.
  const target = function (...args: unknown[]): object {
    return Reflect.construct(base, args, target) as object;
  } as unknown as typeof EnsServiceError;
  Object.setPrototypeOf(target, base);
  Object.defineProperty(target, 'prototype', { value: base.prototype });
  Object.defineProperty(target, 'errorName', { value: name });
  if (codePattern !== undefined) Object.defineProperty(target, 'codePattern', { value: codePattern });
  return target;
}

/**
 * Rebuilds a service error from its `toJSON()` form (as `@ensdk/proxy`'s server sends it) without loading its class:
 * the class's name is data. `json.name` must look like a generated service error class's name (an identifier ending
 * in `Error`, not one of this package's base classes nor a JavaScript error class) and `json.code` must be a string;
 * otherwise the result is `undefined` and nothing is built.
 *
 * The error is an {@link EnsServiceError} (an {@link EnsPatternServiceError} when the JSON has a string `field`)
 * branded with that name, so `error instanceof SecurityGroupRuleNotFoundError` holds where that class is loaded,
 * without the bundle carrying it, and `name`, `code`, `statusCode`, `requestId`, `fault`, `retryable`, `field` and
 * `toJSON()` are what the class would give. What differs from the class itself: `error.constructor` is the base class
 * (so the class's statics such as `httpStatus` are not on it), and a pattern error answered with its bare code (no
 * `field`) is an `EnsServiceError`, not an `EnsPatternServiceError` (its own class's `instanceof` still holds).
 * The input is untrusted: only own properties are read, fields of the wrong type are ignored, and it never throws.
 *
 * @example
 * ```ts
 * const error = serviceErrorFromJSONByName({ name: 'SecurityGroupRuleNotFoundError', code: 'SecurityGroupRule.NotFound', statusCode: 400 });
 * error instanceof SecurityGroupRuleNotFoundError; // true
 * error?.constructor === EnsServiceError; // true
 * ```
 */
export function serviceErrorFromJSONByName(json: unknown): EnsServiceError | undefined {
  const r = jsonReader(json);
  const name = r.str('name');
  const code = r.str('code');
  if (name === undefined || code === undefined || !isServiceClassName(name)) return undefined;
  const field = r.str('field');
  // The pattern that gives `field` back from `code` (`InvalidParameter.PortRange` with `PortRange` →
  // `InvalidParameter.%s`); a field the code does not hold is ignored, as the class would not have it either.
  const at = field === undefined || field === '' ? -1 : code.lastIndexOf(field);
  const pattern = at < 0 ? undefined : `${code.slice(0, at)}%s${code.slice(at + (field ?? '').length)}`;
  return standIn(pattern === undefined ? EnsServiceError : EnsPatternServiceError, name, pattern).fromJSON(json);
}
