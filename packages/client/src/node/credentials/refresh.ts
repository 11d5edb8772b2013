/**
 * The refresh engine shared by every provider of temporary credentials (ECS RAM role, STS roles, credentials URI).
 * @internal
 */
import { EnsAbortError, EnsCredentialsError, EnsTimeoutError } from '@ensdk/errors/base';
import type { CredentialsRequestOptions, EnsCredentials, EnsCredentialsProvider } from './types.js';

/** Temporary credentials and when they stop working (ms since the epoch). @internal */
export interface ExpiringCredentials {
  readonly credentials: EnsCredentials;
  readonly expiresAt: number;
}

/** How {@link refreshingProvider} gets and keeps credentials. @internal */
export interface RefreshingProviderOptions {
  /** Names the provider in messages, e.g. `ecs_ram_role`. */
  readonly name: string;
  /** Gets fresh credentials; must stop when `signal` aborts. Throws an error whose message holds no secret. */
  readonly fetch: (signal: AbortSignal) => Promise<ExpiringCredentials>;
  /** Refresh this long before expiry. Default 15 minutes (Alibaba's stale time). */
  readonly refreshAheadMs?: number;
  /** Bound on one whole refresh, every request of it included. */
  readonly timeoutMs: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** Alibaba's libraries refresh STS credentials 15 minutes before they expire. @internal */
export const STALE_AHEAD_MS = 15 * 60_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;

/** Wait before the next refresh after `failures` failures in a row while the cached credentials still work. */
function backoffMs(failures: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 16));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Runs `fetch` with a signal that aborts after `timeoutMs`; settles by then even if `fetch` ignores the signal. */
function bounded<T>(fetch: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new EnsTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
    fetch(controller.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Waits for `promise` unless `signal` aborts first (then `EnsAbortError`); the promise itself carries on. */
function abandonable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new EnsAbortError({ cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function reasonOf(error: unknown): string {
  if (error instanceof EnsTimeoutError) return `the refresh did not finish within ${error.timeoutMs} ms`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * A provider that caches temporary credentials and refreshes them `refreshAheadMs` before they expire:
 * - concurrent callers share one refresh (100 callers on a stale provider send one request);
 * - a failed refresh while the cached credentials still work returns them, and the next refresh waits a backoff
 *   (1 s, doubling to 60 s, jittered);
 * - expired credentials are never returned: with no working credentials, a failed refresh rejects with
 *   `EnsCredentialsError` (its `cause` is the failure, e.g. the STS error with its code and request id);
 * - a refresh is bounded by `timeoutMs`; a caller's `signal` stops that caller waiting, not the shared refresh.
 * @internal
 */
export function refreshingProvider(options: RefreshingProviderOptions): EnsCredentialsProvider {
  const { name, timeoutMs } = options;
  const now = options.now ?? Date.now;
  const ahead = options.refreshAheadMs ?? STALE_AHEAD_MS;
  let cached: ExpiringCredentials | undefined;
  let inflight: Promise<ExpiringCredentials> | undefined;
  let failures = 0;
  let retryAt = 0;

  const refresh = (): Promise<ExpiringCredentials> => {
    inflight ??= (async () => {
      try {
        const fresh = await bounded(options.fetch, timeoutMs);
        if (fresh.expiresAt <= now()) {
          throw new EnsCredentialsError(
            `the credentials received had expired already (at ${iso(fresh.expiresAt)}; is this machine's clock right?)`,
          );
        }
        cached = fresh;
        failures = 0;
        retryAt = 0;
        return fresh;
      } catch (error) {
        failures++;
        retryAt = now() + backoffMs(failures);
        throw error;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };

  return async (call?: CredentialsRequestOptions): Promise<EnsCredentials> => {
    const signal = call?.signal;
    if (signal?.aborted) throw new EnsAbortError({ cause: signal.reason });
    const at = now();
    const current = cached;
    if (current !== undefined && at < current.expiresAt - ahead) return current.credentials;
    const usable = current !== undefined && at < current.expiresAt;
    // Backing off after a failed refresh: the cached credentials still work, keep using them for now.
    if (usable && inflight === undefined && at < retryAt) return current.credentials;
    try {
      return (await abandonable(refresh(), signal)).credentials;
    } catch (error) {
      if (error instanceof EnsAbortError && signal?.aborted) throw error;
      const latest = cached;
      if (latest !== undefined && now() < latest.expiresAt) return latest.credentials;
      const reason = reasonOf(error);
      const what =
        latest === undefined
          ? 'cannot get credentials'
          : `the credentials expired at ${iso(latest.expiresAt)} and could not be refreshed`;
      const line = `${name}: ${reason}`;
      throw new EnsCredentialsError(`${name}: ${what}: ${reason}`, { sources: [line], cause: error });
    }
  };
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?(Z|[+-]\d\d:\d\d)$/;

/**
 * Milliseconds since the epoch of an ISO 8601 time with `Z` or an offset (`2026-01-31T12:00:00Z`,
 * `2026-01-31T20:00:00+08:00`), or `NaN` for anything else. @internal
 */
export function parseIsoTime(value: unknown): number {
  return typeof value === 'string' && ISO_TIME.test(value) ? Date.parse(value) : Number.NaN;
}

const UTC_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/**
 * Milliseconds since the epoch of an `Expiration` (`YYYY-MM-DDTHH:MM:SSZ`, optionally with milliseconds, UTC), or
 * an `EnsCredentialsError` naming `where` (Expiration is not secret: the value is quoted, cut at 40 characters).
 * @internal
 */
export function parseExpiration(value: unknown, where: string): number {
  const at = typeof value === 'string' && UTC_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) {
    const shown =
      typeof value === 'string' ? `"${value.slice(0, 40)}"` : value === undefined ? 'missing' : typeof value;
    throw new EnsCredentialsError(`${where}: Expiration must be a UTC time like 2026-01-31T12:00:00Z (it is ${shown})`);
  }
  return at;
}
