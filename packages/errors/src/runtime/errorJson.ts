import type {
  EnsAbortErrorJSON,
  EnsCredentialsErrorJSON,
  EnsNetworkErrorJSON,
  EnsPaginationErrorJSON,
  EnsResponseParseErrorJSON,
  EnsTimeoutErrorJSON,
  EnsValidationErrorJSON,
} from './clientErrors.js';
import type { EnsBaseErrorJSON } from './ensError.js';
import type { EnsPatternServiceErrorJSON } from './patternServiceError.js';
import type { EnsServiceErrorJSON } from './serviceError.js';

/** The output of `toJSON()` of any ensdk error. */
export type EnsErrorJSON =
  | EnsBaseErrorJSON
  | EnsServiceErrorJSON
  | EnsPatternServiceErrorJSON
  | EnsValidationErrorJSON
  | EnsNetworkErrorJSON
  | EnsTimeoutErrorJSON
  | EnsAbortErrorJSON
  | EnsResponseParseErrorJSON
  | EnsCredentialsErrorJSON
  | EnsPaginationErrorJSON;
