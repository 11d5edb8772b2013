import type { Dispatcher } from 'undici';
import { EnsAbortError, EnsCredentialsError, EnsError, EnsResponseParseError } from '@ensdk/errors/base';
import { parseJsonLossless } from '../core/json.js';
import { checkIntegerOption, MAX_TIMER_MS } from '../core/validation/numberOption.js';
import { type OperationDefinition, requestMethod } from '../core/operation.js';
import { toCredentialsProvider, type EnsCredentials, type EnsCredentialsProvider } from './credentials/index.js';
import { endpointForRegion } from './endpoints.js';
import { redactHeaders, redactQuery, stderrLogger, type EnsLogger } from './logging.js';
import type { EnsClientHooks, EnsClientOptions, EnsRequestOptions } from './options.js';
import { firstHeaderValue, sendHttp, toNetworkError } from './http.js';
import { retryAfterMs, retryDelayMs, sleep, type RetryDelayOptions } from './retry.js';
import { inspectCustom, nodeUtil } from './builtins.js';
import { acsTimestamp, canonicalQueryString, signatureNonce, signRequestRpc, signRequestV3 } from './signing/index.js';
import { inputToSend } from './validatedInput.js';
import { loadFailureMessage, loadOnce } from './loadOnce.js';
import { fromWireObject, toWireParameters, type WireParameters } from './wire.js';

declare const __ENSDK_VERSION__: string | undefined;
const VERSION = typeof __ENSDK_VERSION__ === 'string' ? __ENSDK_VERSION__ : '0.0.0-dev';
const DEFAULT_REGION = 'cn-hangzhou';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Server's retry hint of a failed attempt, kept beside the error without widening its public shape. */
const retryHints = new WeakMap<Error, number>();

/**
 * The client's own keep-alive Agent. undici is loaded on the first request, not when the package is imported:
 * it is the largest part of a cold import, and a program may import the client without calling it. Only undici's
 * Agent module is loaded (23 modules, where its index loads 110: fetch, WebSocket, caches, mocks, ...), which halves
 * undici's share of the first call and saves about 9 MiB; undici is pinned to an exact version, so the path holds.
 */
async function createDefaultAgent(): Promise<Dispatcher> {
  const { default: Agent } = await import('undici/lib/dispatcher/agent.js').catch(moduleLoadError('undici'));
  return new Agent({ keepAliveTimeout: 30_000, connections: 64 });
}

/**
 * A module the client loads on first use that failed to load is a broken installation, not a network failure: the
 * call fails with a plain `EnsError` (not retryable), so no request is sent again because of it.
 */
function moduleLoadError(name: string): (error: unknown) => never {
  return (error) => {
    throw new EnsError(loadFailureMessage(name, error), { cause: error });
  };
}

/**
 * `errorFromResponse` of the root `@ensdk/errors` (every service class and the code → class table), loaded on the
 * first error answer rather than with the client: it is about 12 ms of a cold import that most processes never use.
 * The client imports only `@ensdk/errors/base`, whose classes the root re-exports, so identity holds.
 */
const loadServiceErrors = loadOnce(() => import('@ensdk/errors').catch(moduleLoadError('@ensdk/errors')));

function resolveOrigin(endpoint: string | undefined, regionId: string): URL {
  const target = endpoint ?? endpointForRegion(regionId);
  const url = new URL(/^https?:\/\//.test(target) ? target : `https://${target}`);
  if (url.pathname !== '/' || url.search !== '')
    throw new TypeError(`endpoint must be a host or an origin, without path or query: ${target}`);
  return url;
}

/**
 * The bare ENS client: configuration, credentials, signing, transport and retries, and one generic `send`.
 * It carries no operation; pair it with the standalone functions (`revokeSecurityGroupEgress(client, input)`)
 * so that a bundle holds only the operations it calls. `EnsClient` adds one method per operation.
 */
export class EnsBareClient {
  /** Region the client signs for. */
  readonly regionId: string;
  /** Origin requests go to, e.g. `https://ens.aliyuncs.com`. */
  readonly endpoint: string;
  readonly signatureVersion: 'v3' | 'rpc';
  readonly maxRetries: number;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly #origin: URL;
  readonly #credentials: EnsCredentialsProvider;
  /** The injected dispatcher, or the client's own keep-alive Agent once the first request created it. */
  #dispatcher: Promise<Dispatcher> | undefined;
  readonly #ownsDispatcher: boolean;
  readonly #retryDelay: Required<RetryDelayOptions>;
  readonly #userAgent: string;
  readonly #logger: EnsLogger | undefined;
  readonly #hooks: EnsClientHooks | undefined;

  constructor(options: EnsClientOptions = {}) {
    this.regionId = options.regionId ?? process.env['ALIBABA_CLOUD_REGION_ID'] ?? DEFAULT_REGION;
    this.#origin = resolveOrigin(options.endpoint, this.regionId);
    this.endpoint = this.#origin.origin;
    this.signatureVersion = options.signatureVersion ?? 'v3';
    this.maxRetries = checkMaxRetries('EnsClient options.maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.timeoutMs = checkIntegerOption('EnsClient options.timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.maxResponseBytes = checkIntegerOption(
      'EnsClient options.maxResponseBytes',
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      1,
      Number.MAX_SAFE_INTEGER,
    );
    this.#retryDelay = {
      baseMs: checkIntegerOption(
        'EnsClient options.retryDelay.baseMs',
        options.retryDelay?.baseMs ?? 250,
        0,
        MAX_TIMER_MS,
      ),
      maxMs: checkIntegerOption(
        'EnsClient options.retryDelay.maxMs',
        options.retryDelay?.maxMs ?? 8_000,
        0,
        MAX_TIMER_MS,
      ),
    };
    this.#credentials = toCredentialsProvider(options.credentials);
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher === undefined ? undefined : Promise.resolve(options.dispatcher);
    this.#userAgent = `ensdk-client/${VERSION} node/${process.versions.node}${options.userAgent ? ` ${options.userAgent}` : ''}`;
    this.#logger = options.logger ?? (process.env['ENSDK_DEBUG'] === '1' ? stderrLogger : undefined);
    this.#hooks = options.hooks;
  }

  /**
   * Calls one operation: validates the input (an `EnsValidationError` before any I/O; an input that
   * `validateOperationInput` already validated for this operation is not checked twice), signs (unless the definition
   * says the operation is unsigned: then no credentials are asked for), sends, retries
   * what is retryable, and maps the JSON answer to the camelCase output. Failures are `EnsError`s carrying
   * `attempts`; service answers are the typed class of their code.
   */
  async send<I, O>(definition: OperationDefinition<I, O>, input: I, options: EnsRequestOptions = {}): Promise<O> {
    if (options.timeoutMs !== undefined) checkIntegerOption('request options.timeoutMs', options.timeoutMs);
    const maxRetries =
      options.maxRetries === undefined
        ? this.maxRetries
        : checkMaxRetries('request options.maxRetries', options.maxRetries);
    const wire = toWireParameters(definition, inputToSend(definition, input));
    const signal = options.signal;
    for (let attempt = 1; ; attempt++) {
      let error: EnsError;
      try {
        if (signal?.aborted) throw new EnsAbortError({ cause: signal.reason });
        const body = await this.#attempt(definition, wire, attempt, options);
        return fromWireObject(definition.output, body) as O;
      } catch (caught) {
        error = toNetworkError(caught);
      }
      error.attempts = attempt;
      if (error instanceof EnsAbortError || !error.retryable || attempt > maxRetries) throw error;
      const delay = retryDelayMs(attempt, this.#retryDelay, retryHints.get(error));
      this.#logger?.debug('retrying', { action: definition.action, attempt, delayMs: delay, error: error.name });
      try {
        await sleep(delay, signal);
      } catch (abort) {
        (abort as EnsError).attempts = attempt;
        throw abort;
      }
    }
  }

  async #attempt(
    definition: OperationDefinition<unknown, unknown>,
    parameters: WireParameters,
    attempt: number,
    options: EnsRequestOptions,
  ): Promise<unknown> {
    const { action, version } = definition;
    // An operation whose metadata security is not `AK` (STS AssumeRoleWithOIDC) asks for no credentials.
    const credentials = definition.signed === false ? undefined : await this.#resolveCredentials(options.signal);
    const method = requestMethod(definition);
    // A GET carries no body: every parameter, form ones included, travels in the query.
    const wire = method === 'GET' ? { query: { ...parameters.query, ...parameters.form }, form: {} } : parameters;
    const hasForm = Object.keys(wire.form).length > 0;
    const body = hasForm ? canonicalQueryString(wire.form) : '';
    let query: Record<string, string>;
    let search: string;
    let headers: Record<string, string>;
    if (credentials === undefined) {
      // Unsigned: the RPC common parameters and nothing of a signature (no AccessKeyId, nonce, Signature*, header).
      query = { ...wire.query, Action: action, Version: version, Format: 'JSON', Timestamp: acsTimestamp() };
      search = canonicalQueryString(query);
      headers = hasForm ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
    } else if (this.signatureVersion === 'v3') {
      const signed = signRequestV3(
        {
          method,
          host: this.#origin.host,
          query: wire.query,
          headers: {
            'x-acs-action': action,
            'x-acs-version': version,
            'x-acs-date': acsTimestamp(),
            'x-acs-signature-nonce': signatureNonce(),
            ...(hasForm ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
          body,
        },
        credentials,
      );
      query = wire.query;
      search = signed.canonicalQuery;
      headers = signed.headers;
    } else {
      const signed = signRequestRpc(
        {
          method,
          query: {
            ...wire.query,
            ...wire.form,
            Action: action,
            Version: version,
            Format: 'JSON',
            SignatureNonce: signatureNonce(),
            Timestamp: acsTimestamp(),
          },
        },
        credentials,
      );
      // The signature covers every parameter; form parameters (a password, say) still travel in the body.
      query = signed.query;
      for (const name of Object.keys(wire.form)) delete query[name];
      search = canonicalQueryString(query);
      headers = hasForm ? { 'content-type': 'application/x-www-form-urlencoded' } : {};
    }
    headers['user-agent'] = this.#userAgent;
    headers['accept'] = 'application/json';
    const path = search === '' ? '/' : `/?${search}`;
    if (this.#logger !== undefined || this.#hooks?.onRequest !== undefined) {
      const safeUrl = `${this.#origin.origin}/?${canonicalQueryString(redactQuery(query))}`;
      const safeHeaders = redactHeaders(headers);
      this.#logger?.debug('request', { action, attempt, method, url: safeUrl, headers: safeHeaders });
      this.#callHook(() => this.#hooks?.onRequest?.({ action, attempt, method, url: safeUrl, headers: safeHeaders }));
    }

    const started = performance.now();
    let statusCode: number | undefined;
    let requestId: string | undefined;
    try {
      this.#dispatcher ??= createDefaultAgent().catch((error: unknown) => {
        // Forgotten, so the next request loads undici again: a passing fault must not disable this client for good.
        this.#dispatcher = undefined;
        throw error;
      });
      const response = await sendHttp(await this.#dispatcher, {
        origin: this.#origin.origin,
        path,
        method,
        headers,
        body: hasForm ? body : null,
        timeoutMs: options.timeoutMs ?? this.timeoutMs,
        maxResponseBytes: this.maxResponseBytes,
        signal: options.signal,
      });
      statusCode = response.statusCode;
      requestId = firstHeaderValue(response.headers, 'x-acs-request-id');
      if (statusCode < 200 || statusCode >= 300) {
        const { errorFromResponse } = await loadServiceErrors();
        const error = errorFromResponse(statusCode, response.body, response.headers);
        const hint = retryAfterMs(response.headers);
        if (hint !== undefined) retryHints.set(error, hint);
        throw error;
      }
      let parsed: unknown;
      try {
        parsed = parseJsonLossless(response.body);
      } catch {
        throw new EnsResponseParseError(statusCode, response.body);
      }
      this.#emitResponse(action, attempt, started, statusCode, requestId);
      return parsed;
    } catch (caught) {
      const error = toNetworkError(caught);
      this.#emitResponse(action, attempt, started, statusCode, requestId, error);
      throw error;
    }
  }

  /** The provider's keys; a provider failure is an `EnsCredentialsError` (never retried), its error kept as `cause`. */
  async #resolveCredentials(signal: AbortSignal | undefined): Promise<EnsCredentials> {
    try {
      return await this.#credentials({ signal });
    } catch (error) {
      if (error instanceof EnsError) throw error;
      throw new EnsCredentialsError(
        `The credentials provider failed: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
  }

  #emitResponse(
    action: string,
    attempt: number,
    started: number,
    statusCode?: number,
    requestId?: string,
    error?: Error,
  ): void {
    if (this.#logger === undefined && this.#hooks?.onResponse === undefined) return;
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const event = {
      action,
      attempt,
      durationMs,
      ...(statusCode !== undefined ? { statusCode } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
      ...(error !== undefined ? { error } : {}),
    };
    this.#logger?.debug('response', { ...event, ...(error ? { error: error.message } : {}) });
    this.#callHook(() => this.#hooks?.onResponse?.(event));
  }

  #callHook(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#logger?.debug('hook failed', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  /** Closes the client's own connection pool (not an injected dispatcher). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher && this.#dispatcher !== undefined) await (await this.#dispatcher).close();
  }

  /** Safe summary for logs: region, endpoint and settings; never credentials. */
  toJSON(): Record<string, unknown> {
    return {
      regionId: this.regionId,
      endpoint: this.endpoint,
      signatureVersion: this.signatureVersion,
      maxRetries: this.maxRetries,
      timeoutMs: this.timeoutMs,
    };
  }

  /** `util.inspect` shows the same safe summary. */
  [inspectCustom](): string {
    return `${this.constructor.name} ${nodeUtil().inspect(this.toJSON())}`;
  }
}

/** A retry count: a whole number, 0 for none. */
function checkMaxRetries(field: string, value: unknown): number {
  return checkIntegerOption(field, value, 0, Number.MAX_SAFE_INTEGER);
}
