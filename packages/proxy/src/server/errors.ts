import { EnsServiceError } from '@ensdk/errors';

/** Codes of the answers the proxy gives on its own account (refusals and its own failures). */
export type EnsProxyErrorCode =
  | 'Proxy.ActionNotFound'
  | 'Proxy.ActionNotAllowed'
  | 'Proxy.Forbidden'
  | 'Proxy.Unauthorized'
  | 'Proxy.MethodNotAllowed'
  | 'Proxy.UnsupportedMediaType'
  | 'Proxy.PayloadTooLarge'
  | 'Proxy.InvalidJSON'
  | 'Proxy.InvalidBody'
  | 'Proxy.BodyReadFailed'
  | 'Proxy.OriginNotAllowed'
  | 'Proxy.RequestAborted'
  | 'Proxy.UpstreamCredentialsRejected'
  | 'Proxy.InternalError';

/**
 * An answer of the proxy itself, never of ENS: a refusal (403, 404, 405, 413, 415, 400…) or the proxy's own
 * failure. Serialized like any service error (`name: 'EnsProxyError'`, `code: 'Proxy.…'`, `statusCode`), so
 * `errorFromJSON` in the browser rebuilds it as an `EnsServiceError` carrying the same code.
 */
export class EnsProxyError extends EnsServiceError {
  static override readonly errorName: string = 'EnsProxyError';

  constructor(code: EnsProxyErrorCode, statusCode: number, message: string) {
    super({ code, statusCode, message, retryable: false });
  }
}
