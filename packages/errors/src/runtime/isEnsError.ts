import { EnsError } from './ensError.js';
import { EnsServiceError } from './serviceError.js';

/** True for any ensdk error, including one from another copy of the package. */
export function isEnsError(value: unknown): value is EnsError {
  return value instanceof EnsError;
}

/** True for a service error whose `code` is exactly `code`. */
export function isEnsErrorWithCode(value: unknown, code: string): boolean {
  return value instanceof EnsServiceError && value.code === code;
}
