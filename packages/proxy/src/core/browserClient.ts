import {
  EnsAbortError,
  EnsError,
  EnsNetworkError,
  EnsPatternServiceError,
  EnsResponseParseError,
  EnsServiceError,
  EnsTimeoutError,
  EnsValidationError,
  errorFromJSONWith,
  type EnsErrorClass,
} from '@ensdk/errors';
import { checkIntegerOption, parseJsonLossless, validateWithConstraints } from '@ensdk/client/validation';
import type { ProxyOperation } from './proxyOperation.js';

/** `fetch`'s credentials mode. */
export type EnsFetchCredentials = 'omit' | 'same-origin' | 'include';

/** Options of the browser client. */
export interface EnsBrowserClientOptions {
  /** Where your proxy listens, e.g. `/api/ens`: each call is `POST {baseUrl}/{Action}` with a JSON body. */
  readonly baseUrl: string;
  /** A fetch implementation; default the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Extra headers for every call (a CSRF token, say), or a function giving them. */
  readonly headers?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** `fetch`'s credentials mode, for cookie sessions; default `'same-origin'`. */
  readonly credentials?: EnsFetchCredentials;
  /** Time limit of a call, in whole ms from 1 to 2147483647 (what `setTimeout` keeps); default 30000. */
  readonly timeoutMs?: number;
}

/** A method of `EnsBrowserClient`: calls one operation through the proxy with `input`, resolving to its output. */
export type EnsBrowserCall<Input, Output> = (input: Input, options?: EnsBrowserRequestOptions) => Promise<Output>;

/**
 * A standalone function (`revokeSecurityGroupEgress(client, input, options)`): calls one operation through the proxy
 * with `client` and `input`, resolving to its output. Only the functions a page imports are in its bundle.
 */
export type EnsBrowserFunction<Input, Output> = (
  client: EnsBrowserBareClient,
  input: Input,
  options?: EnsBrowserRequestOptions,
) => Promise<Output>;

/** Per-call options. */
export interface EnsBrowserRequestOptions {
  /** Aborts the call (`EnsAbortError`). */
  readonly signal?: AbortSignal;
  /** Overrides the client's time limit (same rule as `EnsBrowserClientOptions.timeoutMs`). */
  readonly timeoutMs?: number;
}

/** Client-side classes every answer may map to, besides an operation's own service errors. */
export const BASE_CLASSES: readonly EnsErrorClass[] = [
  EnsServiceError,
  EnsPatternServiceError,
  EnsValidationError,
  EnsNetworkError,
  EnsTimeoutError,
  EnsAbortError,
  EnsResponseParseError,
  EnsError,
];

/** The deadline of one call or walk: see {@link callDeadline}. */
export interface CallDeadline {
  /** Aborted with `EnsTimeoutError` when the time limit passes, `EnsAbortError` when the caller's signal aborts. */
  readonly signal: AbortSignal;
  /** Takes the timer and the listener on the caller's signal off. */
  end(): void;
}

/**
 * A deadline of `timeoutMs` ms (already checked) and the caller's `signal` (aborted already: the deadline is too). Call
 * `end()` when the call or the wait is over, whichever way it ended.
 */
export function callDeadline(timeoutMs: number, signal: AbortSignal | undefined): CallDeadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new EnsTimeoutError(timeoutMs)), timeoutMs);
  const onAbort = (): void => controller.abort(new EnsAbortError({ cause: signal?.reason }));
  if (signal?.aborted) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    end() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/** `loading`'s value, or the deadline's reason if it aborts first (at once if it has). */
export function beforeDeadline<T>(loading: Promise<T>, deadline: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (deadline.aborted) reject(deadline.reason);
    deadline.addEventListener('abort', () => reject(deadline.reason), { once: true });
    loading.then(resolve, reject);
  });
}

/**
 * The bare browser client: validation, the proxy call and error mapping. It holds no secret and signs nothing:
 * your proxy (`@ensdk/proxy/server`) does. Pair it with the standalone functions (`revokeSecurityGroupEgress(client,
 * input)`) for the smallest bundle; `EnsBrowserClient` adds one method per operation.
 */
export class EnsBrowserBareClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly #fetch: typeof fetch;
  readonly #headers: EnsBrowserClientOptions['headers'];
  readonly #credentials: EnsFetchCredentials;

  constructor(options: EnsBrowserClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = checkIntegerOption('EnsBrowserClient options.timeoutMs', options.timeoutMs ?? 30_000);
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#headers = options.headers;
    this.#credentials = options.credentials ?? 'same-origin';
  }

  /**
   * Calls one operation through the proxy: validates the input by the same constraints as `@ensdk/client` (an
   * `EnsValidationError`, and no request, when it fails), posts it, and maps an error answer back to its class.
   */
  call<I, O>(operation: ProxyOperation<I, O>, input: I, options: EnsBrowserRequestOptions = {}): Promise<O> {
    return this.callLoading(operation, input, options);
  }

  /**
   * {@link EnsBrowserBareClient.call} with an operation that may still be loading (`EnsBrowserClient` loads its
   * operations on first use): the call's time limit and signal already run while it loads, so a load that stalls ends
   * in `EnsTimeoutError` or `EnsAbortError` like a request that stalls. The input is validated once it has loaded,
   * before anything is sent.
   */
  protected async callLoading<I, O>(
    loading: ProxyOperation<I, O> | Promise<ProxyOperation<I, O>>,
    input: I,
    options: EnsBrowserRequestOptions = {},
  ): Promise<O> {
    const deadline = callDeadline(
      options.timeoutMs === undefined
        ? this.timeoutMs
        : checkIntegerOption('request options.timeoutMs', options.timeoutMs),
      options.signal,
    );
    try {
      // The operation once it has loaded, or the reason the call ended first (time limit, signal; at once if it has).
      // A loaded operation (every standalone function's call) is used as it is: no promise, no listener per call.
      const operation = loading instanceof Promise ? await beforeDeadline(loading, deadline.signal) : loading;
      const body = JSON.stringify(validateWithConstraints(operation.action, operation.input, input));
      const headers = typeof this.#headers === 'function' ? this.#headers() : this.#headers;
      let response: Response;
      try {
        response = await this.#fetch(`${this.baseUrl}/${operation.action}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
          body,
          credentials: this.#credentials,
          signal: deadline.signal,
        });
      } catch (error) {
        throw deadline.signal.reason instanceof EnsError
          ? deadline.signal.reason
          : new EnsNetworkError(`The proxy could not be reached: ${String(error)}`, { cause: error });
      }
      const text = await response.text().catch((error: unknown) => {
        throw deadline.signal.reason instanceof EnsError
          ? deadline.signal.reason
          : new EnsNetworkError(`Reading the answer failed: ${String(error)}`, { cause: error });
      });
      let parsed: unknown;
      try {
        parsed = parseJsonLossless(text);
      } catch {
        throw new EnsResponseParseError(response.status, text);
      }
      if (response.ok) return parsed as O;
      const error = typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
      if (error === undefined) throw new EnsResponseParseError(response.status, text);
      throw this.errorFromJSON(operation, error);
    } finally {
      deadline.end();
    }
  }

  /**
   * Rebuilds the error the proxy answered (`{ error: toJSON() }`) as its class: one of the operation's own service
   * error classes, else a client-side class, else `EnsServiceError` (with a code) or `EnsError`. `EnsBrowserClient`
   * rebuilds service errors by name instead, without their classes (`serviceErrorFromJSONByName`).
   */
  protected errorFromJSON(operation: ProxyOperation<unknown, unknown>, json: unknown): EnsError {
    return errorFromJSONWith([...operation.errors, ...BASE_CLASSES], json);
  }
}
