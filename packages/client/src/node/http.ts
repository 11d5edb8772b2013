import type { Dispatcher } from 'undici';
import { EnsAbortError, EnsError, EnsNetworkError, EnsTimeoutError } from '@ensdk/errors/base';

/** Response headers as undici gives them: lower-case names. */
export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** One HTTP exchange to send. */
export interface HttpExchange {
  readonly origin: string;
  readonly path: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly headers: Record<string, string>;
  readonly body: string | null;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly signal?: AbortSignal | undefined;
}

/** The whole response, body decoded as UTF-8. */
export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: ResponseHeaders;
  readonly body: string;
}

function settleAfterRelease(settle: () => void): void {
  setImmediate(settle);
}

/** Any failure of a request as an `EnsError`: ensdk's own errors as they are, anything else an `EnsNetworkError`. */
export function toNetworkError(error: unknown): EnsError {
  if (error instanceof EnsError) return error;
  if (!(error instanceof Error)) return new EnsNetworkError(`Request failed: ${String(error)}`, { cause: error });
  const code = errorCode(error);
  return new EnsNetworkError(`Request failed: ${error.message}${code ? ` (${code})` : ''}`, {
    cause: error,
    ...(code ? { reason: code } : {}),
  });
}

/** The `code` of a Node system or module error (`ECONNRESET`, `ERR_MODULE_NOT_FOUND`), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** The first value of a response header (undici gives a list for a repeated header). */
export function firstHeaderValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Sends one request through an undici dispatcher with a handler of its own: the body is collected as it
 * arrives (no stream, no async iterator), the attempt's time limit and the caller's signal abort it, and a body
 * past `maxResponseBytes` is cut off. Always settles: with the response, or with an `EnsError`.
 */
export function sendHttp(dispatcher: Dispatcher, exchange: HttpExchange): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    const signal = exchange.signal;
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let statusCode = 0;
    let headers: ResponseHeaders = {};
    const chunks: Buffer[] = [];
    let size = 0;

    const finish = (error: EnsError | undefined, response?: HttpResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) reject(error);
      else resolve(response!);
    };
    /** Stops the exchange: aborts it on the wire (or as soon as it starts, if still queued) and rejects. */
    const stop = (error: EnsError): void => {
      if (settled) return;
      pendingAbort = error;
      controller?.abort(error);
      finish(error);
    };
    let pendingAbort: EnsError | undefined;
    const onAbort = (): void => stop(new EnsAbortError({ cause: signal?.reason }));
    const timer = setTimeout(() => stop(new EnsTimeoutError(exchange.timeoutMs)), exchange.timeoutMs);
    if (signal !== undefined) signal.addEventListener('abort', onAbort, { once: true });

    dispatcher.dispatch(
      {
        origin: exchange.origin,
        path: exchange.path,
        method: exchange.method,
        headers: exchange.headers,
        body: exchange.body,
      },
      {
        onRequestStart(ctl) {
          controller = ctl;
          if (pendingAbort !== undefined) ctl.abort(pendingAbort);
        },
        onResponseStart(_ctl, status, responseHeaders) {
          statusCode = status;
          headers = responseHeaders as ResponseHeaders;
        },
        onResponseData(ctl, chunk) {
          size += chunk.length;
          if (size > exchange.maxResponseBytes) {
            const error = new EnsNetworkError(
              `Response body of HTTP ${statusCode} exceeds the limit of ${exchange.maxResponseBytes} bytes; reading stopped`,
              { reason: 'ResponseTooLarge' },
            );
            ctl.abort(error);
            finish(error);
            return;
          }
          chunks.push(chunk);
        },
        onResponseEnd() {
          const body = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
          // undici frees a keep-alive socket two event-loop turns after a response ends (one to resume the client,
          // one to validate the idle socket). Settling after the same two turns lets a caller's next request, issued
          // at once, reuse this socket instead of opening another (a test holds 100 sequential calls to one socket).
          setImmediate(settleAfterRelease, () => finish(undefined, { statusCode, headers, body }));
        },
        onResponseError(_ctl, error) {
          finish(toNetworkError(error));
        },
      },
    );
  });
}
