import {
  EnsAbortError,
  EnsCredentialsError,
  EnsNetworkError,
  EnsPaginationError,
  EnsResponseParseError,
  EnsTimeoutError,
  EnsValidationError,
} from './runtime/clientErrors.js';
import { EnsError } from './runtime/ensError.js';
import { isEnsErrorWithCode } from './runtime/isEnsError.js';
import { EnsPatternServiceError } from './runtime/patternServiceError.js';
import type { ErrorResponseBody } from './runtime/parseErrorBody.js';
import {
  errorFromJSONWith,
  serviceErrorFromResponse,
  type EnsErrorClass,
  type ResponseHeaders,
} from './runtime/resolveServiceError.js';
import { EnsServiceError } from './runtime/serviceError.js';
import { allServiceErrorClasses, type ServiceErrorForCode } from './generated/index.gen.js';

export * from './runtime/index.js';
export * from './generated/index.gen.js';

/**
 * Builds the typed error for a failed response: the class of the body's `Code` (exact codes first, then
 * code patterns such as `InvalidParameter.%s` by longest literal prefix), or `EnsServiceError` with the code
 * kept when the code is unknown. Reads JSON and XML error bodies, as text, as bytes, or already parsed
 * (`await response.json()`); an unparseable body (an HTML 502 page) gives an `EnsResponseParseError` holding the
 * status and at most 1 KiB of the body. Never throws, whatever it is given.
 *
 * @example
 * ```ts
 * const error = errorFromResponse(400, '{"Code":"SecurityGroupRule.NotFound","RequestId":"R1"}');
 * error instanceof SecurityGroupRuleNotFoundError; // true
 * errorFromResponse(400, { Code: 'SecurityGroupRule.NotFound' }) instanceof SecurityGroupRuleNotFoundError; // true
 * ```
 */
export function errorFromResponse(
  statusCode: number,
  body: ErrorResponseBody,
  headers?: ResponseHeaders,
): EnsServiceError | EnsResponseParseError {
  return serviceErrorFromResponse(allServiceErrorClasses, statusCode, body, headers);
}

let allErrorClassesList: readonly EnsErrorClass[] | undefined;

/** Every class `errorFromJSON` can rebuild, built on first use (not at module level, so that bundles tree-shake it). */
const allErrorClasses = (): readonly EnsErrorClass[] =>
  (allErrorClassesList ??= [
    ...allServiceErrorClasses,
    EnsError,
    EnsServiceError,
    EnsPatternServiceError,
    EnsValidationError,
    EnsNetworkError,
    EnsTimeoutError,
    EnsAbortError,
    EnsResponseParseError,
    EnsCredentialsError,
    EnsPaginationError,
  ]);

/**
 * Rebuilds an error from its `toJSON()` form (as sent by `@ensdk/proxy`): same class, same fields.
 * Garbage input never throws; unknown names fall back to `EnsServiceError` (with a code) or `EnsError`.
 */
export function errorFromJSON(json: unknown): EnsError {
  return errorFromJSONWith(allErrorClasses(), json);
}

/** True for any ensdk error, from this copy of the package or another (ESM and CJS loaded together). */
export function isEnsError(value: unknown): value is EnsError;
/**
 * True for a service error answered with exactly `code`; narrows to that code's class
 * (`isEnsError(e, 'SecurityGroupRule.NotFound')` → `SecurityGroupRuleNotFoundError`,
 * `isEnsError(e, 'InvalidParameter.PortRange')` → `InvalidParameterError`).
 */
export function isEnsError<const C extends string>(value: unknown, code: C): value is ServiceErrorForCode<C>;
export function isEnsError(value: unknown, code?: string): boolean {
  return code === undefined ? value instanceof EnsError : isEnsErrorWithCode(value, code);
}
