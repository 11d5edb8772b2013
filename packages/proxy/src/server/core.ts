import { unknownKeyIssue, validateOperationInput, type EnsBareClient, type OperationDefinition } from '@ensdk/client';
import {
  EnsAbortError,
  type EnsError,
  EnsNetworkError,
  EnsResponseParseError,
  EnsServiceError,
  EnsTimeoutError,
  EnsValidationError,
} from '@ensdk/errors';
import { isOperationDefinition, knownOperations } from './actions.js';
import { type BodyReadResult, DEFAULT_MAX_BODY_BYTES, declaredLength } from './body.js';
import { EnsProxyError, type EnsProxyErrorCode } from './errors.js';

/** What the proxy needs of the upstream client: its generic `send`. Any `EnsBareClient` or `EnsClient` fits. */
export type EnsProxyUpstream = Pick<EnsBareClient, 'send'>;

/** CORS settings of the proxy. */
export interface EnsProxyCorsOptions {
  /** Exact origins (`https://app.example.com`) allowed to call the proxy from a browser. No wildcard. */
  readonly origins: readonly string[];
  /** How long a browser may cache a preflight answer, in seconds. @defaultValue 600 */
  readonly maxAgeSeconds?: number;
}

/**
 * Options of both entry points of the proxy: `createEnsProxyHandler` (fetch-standard, `R` = `Request`) and
 * `createEnsProxyListener` (`node:http`, `R` = `IncomingMessage`). Only what `authorize` receives differs.
 */
export interface EnsProxyOptions<R> {
  /** A configured client (it holds the credentials; they never reach the browser). */
  readonly client: EnsProxyUpstream;
  /**
   * Operations the proxy may forward: required, there is no allow-all default. Each is a definition from
   * `@ensdk/client/models` (`revokeSecurityGroupEgressOperation`) or an action name (`'RevokeSecurityGroupEgress'`);
   * anything else throws when the proxy is created.
   */
  readonly allow: readonly (OperationDefinition<unknown, unknown> | string)[];
  /**
   * Decides per request, before the body is read (do not read the body here): `false` answers 403, a throw
   * (or rejection) answers 401. Gets the request (a `Request`, or an `IncomingMessage` for the `node:http`
   * listener) and the action.
   */
  readonly authorize?: (request: R, action: string) => boolean | Promise<boolean>;
  /** Largest request body read, in bytes; a larger one gets 413. @defaultValue 65536 */
  readonly maxBodyBytes?: number;
  /** Answer CORS preflights and add CORS headers for these origins only. Without it, no CORS headers at all. */
  readonly cors?: EnsProxyCorsOptions;
  /** Observes every failure answered (for logging); never changes the answer. Exceptions it throws are ignored. */
  readonly onError?: (error: unknown, action: string | undefined) => void;
}

/** One request as the decision core sees it; each entry point adapts its own request to this. */
export interface ProxyExchange<R> {
  /** The entry point's own request object: what `authorize` receives. */
  readonly request: R;
  readonly method: string;
  /** The request target: an absolute URL or an origin-form path (`/api/ens/Action?query`). */
  readonly target: string;
  /** A request header (lower-case name); repeated headers joined with `, `. */
  header(name: string): string | undefined;
  /** Reads the body: at most `limit` bytes, stopping as soon as there are more. */
  readBody(limit: number): Promise<BodyReadResult>;
  /** A signal that aborts when the caller goes away; asked for once, just before the upstream call. */
  signal(): AbortSignal | undefined;
}

/** The answer the core decided, for the entry point to write. `body` is absent for a 204. */
export interface ProxyAnswer {
  readonly status: number;
  /** Lower-case names; `connection: close` when the body was (or may have been) left unread. */
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** The decision core: one per proxy, shared by nothing else. Never rejects. */
export interface ProxyCore<R> {
  readonly maxBodyBytes: number;
  answer(exchange: ProxyExchange<R>): Promise<ProxyAnswer>;
}

const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]{0,127}$/;
const MAX_DEPTH = 64;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const DEFAULT_MAX_AGE = 600;
const TARGET_BASE = 'http://proxy.invalid';
/** Decodes a whole body at once (no stream state), refusing bytes that are not UTF-8. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Statuses whose answer the core gives before reading the body: the connection must not be reused. */
const BEFORE_BODY = new Set([401, 403, 404, 405, 413, 415]);

/** The answer when even building the answer to a failure failed. */
const INTERNAL_ERROR_BODY =
  '{"error":{"name":"EnsProxyError","message":"The proxy failed to process the request.","code":"Proxy.InternalError","statusCode":500,"fault":"server","retryable":false}}';

/**
 * What in an origin-form path `new URL` would rewrite (dot segments, escapes, backslashes, a fragment, white space)
 * or read as a host (`//`): only paths without any of it skip the URL parser, and for them it changes nothing.
 */
const URL_REWRITES = /[\\.%#\s]|^\/\//;

/** The path of a request target as `new URL` sees it; undefined when it cannot be parsed. */
function pathnameOf(target: string): string | undefined {
  if (target.charCodeAt(0) === 0x2f) {
    const query = target.indexOf('?');
    const path = query < 0 ? target : target.slice(0, query);
    if (!URL_REWRITES.test(path)) return path;
  }
  try {
    return new URL(target, TARGET_BASE).pathname;
  } catch {
    return undefined;
  }
}

/** The last path segment of the request target, when it looks like an action name. */
function actionOf(target: string): string | undefined {
  const pathname = pathnameOf(target);
  if (pathname === undefined) return undefined;
  const segment = pathname.slice(pathname.lastIndexOf('/') + 1);
  return ACTION_NAME.test(segment) ? segment : undefined;
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const essence = value.split(';', 1)[0]?.trim().toLowerCase();
  return essence === 'application/json';
}

/** Problems of a parsed JSON value the schema should never see: prototype keys, absurd nesting. Iterative. */
function unsafeShape(root: unknown): { kind: 'key'; path: string } | { kind: 'depth' } | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth, path } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) return { kind: 'depth' };
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++)
        stack.push({ value: value[i] as unknown, depth: depth + 1, path: `${path}[${i}]` });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (UNSAFE_KEYS.has(key)) return { kind: 'key', path: child };
      stack.push({ value: Reflect.get(value, key) as unknown, depth: depth + 1, path: child });
    }
  }
  return undefined;
}

/** The status a failure of `send` is answered with, and the error shown to the browser. */
function upstreamFailure(error: unknown): { status: number; shown: EnsError } {
  if (error instanceof EnsValidationError) return { status: 400, shown: error };
  if (error instanceof EnsServiceError) {
    // Rejections of the proxy's own keys are the operator's problem, and their messages may echo the AccessKeyId.
    if (
      /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|SignatureNonceUsed|InvalidTimeStamp|InvalidSecurityToken|MissingSecurityToken)/.test(
        error.code,
      )
    ) {
      return {
        status: 502,
        shown: new EnsProxyError(
          'Proxy.UpstreamCredentialsRejected',
          502,
          "The upstream service rejected the proxy's credentials.",
        ),
      };
    }
    return { status: error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 502, shown: error };
  }
  if (error instanceof EnsTimeoutError) return { status: 504, shown: error };
  if (error instanceof EnsNetworkError || error instanceof EnsResponseParseError) return { status: 502, shown: error };
  if (error instanceof EnsAbortError)
    return { status: 499, shown: new EnsProxyError('Proxy.RequestAborted', 499, 'The request was aborted.') };
  // Credentials errors, bugs, anything else: the proxy's own failure; details stay on the server (onError).
  return {
    status: 500,
    shown: new EnsProxyError('Proxy.InternalError', 500, 'The proxy failed to process the request.'),
  };
}

/** The operations `allow` names, by action; throws (naming the entry) on anything else. */
function allowedOperations(
  allow: EnsProxyOptions<unknown>['allow'],
  caller: string,
): Map<string, OperationDefinition<unknown, unknown>> {
  if (!Array.isArray(allow)) throw new TypeError(`${caller}: \`allow\` must list the operations to forward`);
  const allowed = new Map<string, OperationDefinition<unknown, unknown>>();
  allow.forEach((entry: unknown, index) => {
    const definition =
      typeof entry === 'string' ? knownOperations().get(entry) : isOperationDefinition(entry) ? entry : undefined;
    if (definition === undefined) {
      const found = typeof entry === 'string' ? JSON.stringify(entry) : typeof entry;
      throw new TypeError(
        `${caller}: allow[${index}] must be an ENS action name such as 'RevokeSecurityGroupEgress' or an operation definition from @ensdk/client/models such as revokeSecurityGroupEgressOperation; found ${found}`,
      );
    }
    allowed.set(definition.action, definition);
  });
  return allowed;
}

/**
 * The one decision core of the proxy: route, method, origin/CORS, authorization, content type, body limits
 * (refusals decided before the body is read carry `connection: close`), JSON shape, validation (once: the client
 * does not validate the result again), the upstream call and the typed error mapping. The entry points only
 * adapt their request to a {@link ProxyExchange} and write the {@link ProxyAnswer}. `caller` names the entry
 * point in option errors.
 */
export function createProxyCore<R>(options: EnsProxyOptions<R>, caller: string): ProxyCore<R> {
  const allowed = allowedOperations(options.allow, caller);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0)
    throw new TypeError(`${caller}: \`maxBodyBytes\` must be a non-negative integer`);
  const cors = options.cors;
  const origins = new Set(cors?.origins ?? []);
  const maxAge = String(cors?.maxAgeSeconds ?? DEFAULT_MAX_AGE);
  const { client, authorize, onError } = options;
  const tooLarge = `The request body exceeds ${maxBodyBytes} bytes.`;

  const observe = (error: unknown, action: string | undefined): void => {
    if (onError === undefined) return;
    try {
      onError(error, action);
    } catch {
      // An observer never changes the answer.
    }
  };

  const headersFor = (exchange: ProxyExchange<R>): Record<string, string> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (cors === undefined) return headers;
    const origin = exchange.header('origin');
    if (origin !== undefined && origins.has(origin)) headers['access-control-allow-origin'] = origin;
    headers['vary'] = 'origin';
    return headers;
  };

  const json = (exchange: ProxyExchange<R>, status: number, body: unknown): ProxyAnswer => ({
    status,
    headers: headersFor(exchange),
    body: JSON.stringify(body),
  });

  const fail = (
    exchange: ProxyExchange<R>,
    status: number,
    shown: EnsError,
    action: string | undefined,
    observed: unknown = shown,
  ): ProxyAnswer => {
    observe(observed, action);
    const answer = json(exchange, status, { error: shown.toJSON() });
    if (BEFORE_BODY.has(status)) answer.headers['connection'] = 'close';
    if (status === 405) answer.headers['allow'] = 'POST, OPTIONS';
    return answer;
  };

  const refuse = (
    exchange: ProxyExchange<R>,
    code: EnsProxyErrorCode,
    status: number,
    message: string,
    action?: string,
  ): ProxyAnswer => fail(exchange, status, new EnsProxyError(code, status, message), action);

  const preflight = (exchange: ProxyExchange<R>): ProxyAnswer => {
    const origin = exchange.header('origin');
    if (origin === undefined) return { status: 204, headers: { allow: 'POST, OPTIONS' } };
    if (cors === undefined || !origins.has(origin)) {
      return refuse(exchange, 'Proxy.OriginNotAllowed', 403, 'This origin may not call the proxy.');
    }
    return {
      status: 204,
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': maxAge,
        vary: 'origin',
      },
    };
  };

  const decide = async (exchange: ProxyExchange<R>): Promise<ProxyAnswer> => {
    if (exchange.method === 'OPTIONS') return preflight(exchange);
    if (exchange.method !== 'POST') return refuse(exchange, 'Proxy.MethodNotAllowed', 405, 'Only POST is accepted.');

    const action = actionOf(exchange.target);
    const definition = action === undefined ? undefined : allowed.get(action);
    if (action === undefined || (definition === undefined && !knownOperations().has(action))) {
      return refuse(exchange, 'Proxy.ActionNotFound', 404, 'No such action.');
    }
    if (definition === undefined)
      return refuse(exchange, 'Proxy.ActionNotAllowed', 403, `The proxy does not forward ${action}.`, action);

    if (authorize !== undefined) {
      let granted: boolean;
      try {
        granted = (await authorize(exchange.request, action)) === true;
      } catch (error) {
        const unauthorized = new EnsProxyError('Proxy.Unauthorized', 401, 'Authentication required.');
        return fail(exchange, 401, unauthorized, action, error);
      }
      if (!granted) return refuse(exchange, 'Proxy.Forbidden', 403, `Not allowed to call ${action}.`, action);
    }

    if (!isJsonContentType(exchange.header('content-type'))) {
      return refuse(exchange, 'Proxy.UnsupportedMediaType', 415, 'The body must be application/json.', action);
    }
    const declared = declaredLength(exchange.header('content-length'));
    if (declared !== undefined && declared > maxBodyBytes)
      return refuse(exchange, 'Proxy.PayloadTooLarge', 413, tooLarge, action);

    const read = await exchange.readBody(maxBodyBytes);
    if (read.kind === 'tooLarge') return refuse(exchange, 'Proxy.PayloadTooLarge', 413, tooLarge, action);
    if (read.kind === 'failed') {
      const unread = new EnsProxyError('Proxy.BodyReadFailed', 400, 'The request body could not be read.');
      return fail(exchange, 400, unread, action, read.error);
    }

    let input: unknown;
    try {
      input = JSON.parse(UTF8.decode(read.bytes));
    } catch {
      return refuse(exchange, 'Proxy.InvalidJSON', 400, 'The body is not valid UTF-8 JSON.', action);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return refuse(exchange, 'Proxy.InvalidBody', 400, 'The body must be a JSON object: the operation input.', action);
    }
    const problem = unsafeShape(input);
    if (problem?.kind === 'depth')
      return refuse(exchange, 'Proxy.InvalidBody', 400, `The body is nested deeper than ${MAX_DEPTH} levels.`, action);
    if (problem?.kind === 'key') {
      const error = new EnsValidationError([unknownKeyIssue(problem.path)], { operation: action });
      return fail(exchange, 400, error, action);
    }

    // Never trust the browser: the client's own schema, run here before anything is signed. The result is marked
    // as validated, so an @ensdk/client client does not check it again; any other `client` gets it validated.
    let valid: unknown;
    try {
      valid = validateOperationInput(definition, input);
    } catch (error) {
      if (error instanceof EnsValidationError) return fail(exchange, 400, error, action);
      throw error;
    }

    let output: unknown;
    try {
      output = await client.send(definition, valid, { signal: exchange.signal() });
    } catch (error) {
      const { status, shown } = upstreamFailure(error);
      return fail(exchange, status, shown, action, error);
    }
    return json(exchange, 200, output ?? {});
  };

  const answer = async (exchange: ProxyExchange<R>): Promise<ProxyAnswer> => {
    try {
      return await decide(exchange);
    } catch (error) {
      try {
        const internal = new EnsProxyError('Proxy.InternalError', 500, 'The proxy failed to process the request.');
        return fail(exchange, 500, internal, undefined, error);
      } catch {
        return { status: 500, headers: { 'content-type': 'application/json' }, body: INTERNAL_ERROR_BODY };
      }
    }
  };

  return { maxBodyBytes, answer };
}
