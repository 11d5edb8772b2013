import { EnsAbortError } from '@ensdk/errors/base';
import { firstHeaderValue, type ResponseHeaders } from './http.js';

/** Backoff settings: capped exponential with jitter. */
export interface RetryDelayOptions {
  /** Delay before the first retry, before jitter. @defaultValue 250 */
  readonly baseMs?: number;
  /** Ceiling of any computed delay, and of a server's `Retry-After` / `x-acs-retry-after`. @defaultValue 8000 */
  readonly maxMs?: number;
}

/**
 * Delay before retry number `retry` (1-based): `min(maxMs, baseMs × 2^(retry-1))`, scaled by a random factor
 * in [0.5, 1) so that clients that failed together do not retry together. A server's hint wins when given,
 * capped at `maxMs`.
 */
export function retryDelayMs(
  retry: number,
  options: Required<RetryDelayOptions>,
  serverHintMs?: number,
  random = Math.random,
): number {
  if (serverHintMs !== undefined) return Math.min(Math.max(0, serverHintMs), options.maxMs);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** (retry - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** Reads Alibaba's `x-acs-retry-after` (milliseconds) or HTTP `Retry-After` (seconds or a date), in ms. */
export function retryAfterMs(headers: ResponseHeaders, now = Date.now()): number | undefined {
  const first = (name: string): string | undefined => firstHeaderValue(headers, name);
  const acs = first('x-acs-retry-after');
  if (acs !== undefined && /^\d+$/.test(acs.trim())) return Number(acs.trim());
  const standard = first('retry-after')?.trim();
  if (standard === undefined || standard === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(standard)) return Math.round(Number(standard) * 1000);
  const date = Date.parse(standard);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with `EnsAbortError` the moment `signal` aborts (the timer is cleared either way). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(new EnsAbortError({ cause: signal.reason }));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new EnsAbortError({ cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
