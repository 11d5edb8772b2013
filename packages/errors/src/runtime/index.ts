export {
  EnsAbortError,
  type EnsAbortErrorJSON,
  EnsCredentialsError,
  type EnsCredentialsErrorJSON,
  EnsNetworkError,
  type EnsNetworkErrorJSON,
  EnsPaginationError,
  type EnsPaginationErrorJSON,
  EnsResponseParseError,
  type EnsResponseParseErrorJSON,
  EnsTimeoutError,
  type EnsTimeoutErrorJSON,
  EnsValidationError,
  type EnsValidationErrorJSON,
  type EnsValidationIssue,
} from './clientErrors.js';
export { type EnsBaseErrorJSON, EnsError, type EnsErrorOptions, type EnsFault } from './ensError.js';
export type { EnsErrorJSON } from './errorJson.js';
export { isEnsErrorWithCode } from './isEnsError.js';
export { type ErrorResponseBody, type ParsedErrorBody, parseErrorBody } from './parseErrorBody.js';
export { EnsPatternServiceError, type EnsPatternServiceErrorJSON, matchCodePattern } from './patternServiceError.js';
export {
  type EnsErrorClass,
  errorFromJSONWith,
  type ResponseHeaders,
  type ServiceErrorClass,
  type ServiceErrorClassList,
  serviceErrorFromResponse,
} from './resolveServiceError.js';
export { EnsServiceError, type EnsServiceErrorInit, type EnsServiceErrorJSON } from './serviceError.js';
export { serviceErrorFromJSONByName } from './serviceErrorByName.js';
