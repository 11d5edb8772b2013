import { EnsServiceError } from './serviceError.js';

/**
 * True for a service error whose `code` is exactly `code`, including one from another copy of the package. Without
 * type narrowing: the package's `isEnsError(value, code)` narrows to the code's generated class.
 */
export function isEnsErrorWithCode(value: unknown, code: string): boolean {
  return value instanceof EnsServiceError && value.code === code;
}
