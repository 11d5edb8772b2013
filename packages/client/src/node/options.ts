import type { Dispatcher } from 'undici';
import type { EnsCredentialsOption } from './credentials/index.js';
import type { EnsLogger } from './logging.js';
import type { RetryDelayOptions } from './retry.js';

/** What a request hook sees before an attempt is sent. Signatures and tokens are already redacted. */
export interface EnsRequestEvent {
  readonly action: string;
  readonly attempt: number;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a response hook sees after an attempt: the status (when one arrived), request id, duration and error. */
export interface EnsResponseEvent {
  readonly action: string;
  readonly attempt: number;
  readonly statusCode?: number;
  readonly requestId?: string;
  readonly durationMs: number;
  readonly error?: Error;
}

/**
 * Telemetry hooks, called for every attempt (retries included). They run inline: keep them fast. An exception
 * thrown by a hook is logged and swallowed; it never fails the call.
 */
export interface EnsClientHooks {
  readonly onRequest?: (event: EnsRequestEvent) => void;
  readonly onResponse?: (event: EnsResponseEvent) => void;
}

/** Options of {@link EnsBareClient} and `EnsClient`. */
export interface EnsClientOptions {
  /** Region; default `ALIBABA_CLOUD_REGION_ID`, else `cn-hangzhou`. Picks the endpoint from the API metadata. */
  readonly regionId?: string;
  /** Endpoint host (`ens.aliyuncs.com`) or full URL (`http://127.0.0.1:9100`); overrides the region's endpoint. */
  readonly endpoint?: string;
  /** Fixed keys, an async provider (rotating STS), or nothing for Alibaba's default chain (env, CLI profile, INI file). */
  readonly credentials?: EnsCredentialsOption;
  /** `'v3'` (ACS3-HMAC-SHA256, default) or `'rpc'` (HMAC-SHA1 query signature). */
  readonly signatureVersion?: 'v3' | 'rpc';
  /** Retries after the first attempt for retryable failures: a whole number, 0 for none. @defaultValue 2 */
  readonly maxRetries?: number;
  /** Time limit of each attempt, in whole ms from 1 to 2147483647 (what `setTimeout` keeps). @defaultValue 10000 */
  readonly timeoutMs?: number;
  /** Backoff between attempts. */
  readonly retryDelay?: RetryDelayOptions;
  /** Largest response body read, in bytes (a positive integer); a larger one is cut off with an error. @defaultValue 16 MiB */
  readonly maxResponseBytes?: number;
  /** Appended to the `User-Agent` header. */
  readonly userAgent?: string;
  /** undici dispatcher; default one keep-alive `Agent` per client, closed by `close()`. */
  readonly dispatcher?: Dispatcher;
  /** Receives debug lines (redacted). Default: stderr when `ENSDK_DEBUG=1`, else none. */
  readonly logger?: EnsLogger;
  readonly hooks?: EnsClientHooks;
}

/** Per-call options. */
export interface EnsRequestOptions {
  /** Aborts the call, including a backoff sleep between attempts (`EnsAbortError`). */
  readonly signal?: AbortSignal;
  /** Overrides the client's per-attempt time limit (same rule as `EnsClientOptions.timeoutMs`). */
  readonly timeoutMs?: number;
  /** Overrides the client's retry count (a whole number, 0 for none). */
  readonly maxRetries?: number;
}
