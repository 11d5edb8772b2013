import { unknownKeyIssue, validateInput, type EnsBareClient, type OperationDefinition } from '@ensdk/client';
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
import { DEFAULT_MAX_BODY_BYTES, declaredLength, handlerBodyLimits, readLimited } from './body.js';
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

/** Options of {@link createEnsProxyHandler}. */
export interface EnsProxyHandlerOptions {
  /** A configured client (it holds the credentials; they never reach the browser). */
  readonly client: EnsProxyUpstream;
  /**
   * Operations the proxy may forward: required, there is no allow-all default. Each is a definition from
   * `@ensdk/client` (`revokeSecurityGroupEgressOperation`) or an action name (`'RevokeSecurityGroupEgress'`);
   * anything else throws when the handler is created.
   */
  readonly allow: readonly (OperationDefinition<unknown, unknown> | string)[];
  /**
   * Decides per request, before the body is read (do not read `request.body` here): `false` answers 403, a
   * throw (or rejection) answers 401. Gets the Request and the action.
   */
  readonly authorize?: (request: Request, action: string) => boolean | Promise<boolean>;
  /** Largest request body read, in bytes; a larger one gets 413. @defaultValue 65536 */
  readonly maxBodyBytes?: number;
  /** Answer CORS preflights and add CORS headers for these origins only. Without it, no CORS headers at all. */
  readonly cors?: EnsProxyCorsOptions;
  /** Observes every failure answered (for logging); never changes the answer. Exceptions it throws are ignored. */
  readonly onError?: (error: unknown, action: string | undefined) => void;
}

/** A fetch-standard request handler: never rejects, always answers JSON (or an empty 204 to a preflight). */
export type EnsProxyHandler = (request: Request) => Promise<Response>;

const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]{0,127}$/;
const MAX_DEPTH = 64;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const DEFAULT_MAX_AGE = 600;

/** Statuses whose answer the handler sends before reading the body: the connection must not be reused. */
const BEFORE_BODY = new Set([401, 403, 404, 405, 413, 415]);

/** The last path segment, when it looks like an action name. */
function actionOf(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const segment = pathname.slice(pathname.lastIndexOf('/') + 1);
  return ACTION_NAME.test(segment) ? segment : undefined;
}

function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
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

/**
 * Creates the server half of `@ensdk/proxy`: a fetch-standard handler for `POST {anything}/{Action}` with the
 * camelCase JSON input. It refuses (without calling upstream) unknown actions (404), actions not in `allow`
 * (403), requests `authorize` rejects (403/401), other methods (405), non-JSON content types (415), bodies
 * over `maxBodyBytes` (413), malformed JSON, non-object bodies and invalid input (400). Otherwise it validates,
 * signs and sends through `client`, answering `200` with the output, or `{ "error": error.toJSON() }` with the
 * service's 4xx status, 502 for upstream 5xx and network failures, 504 for timeouts. Every Response is built
 * here: `content-type: application/json` and CORS headers only, never upstream headers.
 */
export function createEnsProxyHandler(options: EnsProxyHandlerOptions): EnsProxyHandler {
  if (!Array.isArray(options.allow))
    throw new TypeError('createEnsProxyHandler: `allow` must list the operations to forward');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0)
    throw new TypeError('createEnsProxyHandler: `maxBodyBytes` must be a non-negative integer');
  const allowed = new Map<string, OperationDefinition<unknown, unknown>>();
  options.allow.forEach((entry: unknown, index) => {
    const definition =
      typeof entry === 'string' ? knownOperations().get(entry) : isOperationDefinition(entry) ? entry : undefined;
    if (definition === undefined) {
      const found = typeof entry === 'string' ? JSON.stringify(entry) : typeof entry;
      throw new TypeError(
        `createEnsProxyHandler: allow[${index}] must be an ENS action name such as 'RevokeSecurityGroupEgress' or an operation definition from @ensdk/client such as revokeSecurityGroupEgressOperation; found ${found}`,
      );
    }
    allowed.set(definition.action, definition);
  });
  const origins = new Set(options.cors?.origins ?? []);
  const maxAge = String(options.cors?.maxAgeSeconds ?? DEFAULT_MAX_AGE);
  const { client, authorize, onError } = options;

  const observe = (error: unknown, action: string | undefined): void => {
    if (onError === undefined) return;
    try {
      onError(error, action);
    } catch {
      // An observer never changes the answer.
    }
  };

  const corsHeaders = (request: Request): Record<string, string> => {
    if (options.cors === undefined) return {};
    const origin = request.headers.get('origin');
    return origin !== null && origins.has(origin)
      ? { 'access-control-allow-origin': origin, vary: 'origin' }
      : { vary: 'origin' };
  };

  const json = (request: Request, status: number, body: unknown, extra: Record<string, string> = {}): Response =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...corsHeaders(request), ...extra },
    });

  const fail = (
    request: Request,
    status: number,
    shown: EnsError,
    action: string | undefined,
    observed: unknown = shown,
  ): Response => {
    observe(observed, action);
    const extra: Record<string, string> = BEFORE_BODY.has(status) ? { connection: 'close' } : {};
    if (status === 405) extra['allow'] = 'POST, OPTIONS';
    return json(request, status, { error: shown.toJSON() }, extra);
  };

  const refuse = (
    request: Request,
    code: EnsProxyErrorCode,
    status: number,
    message: string,
    action?: string,
  ): Response => fail(request, status, new EnsProxyError(code, status, message), action);

  const preflight = (request: Request): Response => {
    const origin = request.headers.get('origin');
    if (origin === null) return new Response(null, { status: 204, headers: { allow: 'POST, OPTIONS' } });
    if (options.cors === undefined || !origins.has(origin)) {
      return refuse(request, 'Proxy.OriginNotAllowed', 403, 'This origin may not call the proxy.');
    }
    return new Response(null, {
      status: 204,
      headers: {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': maxAge,
        vary: 'origin',
      },
    });
  };

  const handle = async (request: Request): Promise<Response> => {
    if (request.method === 'OPTIONS') return preflight(request);
    if (request.method !== 'POST') return refuse(request, 'Proxy.MethodNotAllowed', 405, 'Only POST is accepted.');

    const action = actionOf(request.url);
    const definition = action === undefined ? undefined : allowed.get(action);
    if (action === undefined || (definition === undefined && !knownOperations().has(action))) {
      return refuse(request, 'Proxy.ActionNotFound', 404, 'No such action.');
    }
    if (definition === undefined)
      return refuse(request, 'Proxy.ActionNotAllowed', 403, `The proxy does not forward ${action}.`, action);

    if (authorize !== undefined) {
      let granted: boolean;
      try {
        granted = (await authorize(request, action)) === true;
      } catch (error) {
        return fail(
          request,
          401,
          new EnsProxyError('Proxy.Unauthorized', 401, 'Authentication required.'),
          action,
          error,
        );
      }
      if (!granted) return refuse(request, 'Proxy.Forbidden', 403, `Not allowed to call ${action}.`, action);
    }

    if (!isJsonContentType(request.headers.get('content-type'))) {
      return refuse(request, 'Proxy.UnsupportedMediaType', 415, 'The body must be application/json.', action);
    }
    const declared = declaredLength(request.headers.get('content-length'));
    const tooLarge = `The request body exceeds ${maxBodyBytes} bytes.`;
    if (declared !== undefined && declared > maxBodyBytes)
      return refuse(request, 'Proxy.PayloadTooLarge', 413, tooLarge, action);

    const read = await readLimited(request.body, maxBodyBytes);
    if (read.kind === 'tooLarge') return refuse(request, 'Proxy.PayloadTooLarge', 413, tooLarge, action);
    if (read.kind === 'failed') {
      return fail(
        request,
        400,
        new EnsProxyError('Proxy.BodyReadFailed', 400, 'The request body could not be read.'),
        action,
        read.error,
      );
    }

    let input: unknown;
    try {
      input = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes));
    } catch {
      return refuse(request, 'Proxy.InvalidJSON', 400, 'The body is not valid UTF-8 JSON.', action);
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return refuse(request, 'Proxy.InvalidBody', 400, 'The body must be a JSON object: the operation input.', action);
    }
    const problem = unsafeShape(input);
    if (problem?.kind === 'depth')
      return refuse(request, 'Proxy.InvalidBody', 400, `The body is nested deeper than ${MAX_DEPTH} levels.`, action);
    if (problem?.kind === 'key') {
      const error = new EnsValidationError([unknownKeyIssue(problem.path)], { operation: action });
      return fail(request, 400, error, action);
    }

    // Never trust the browser: the same schema as the client's, run here before anything is signed.
    let valid: unknown;
    try {
      valid = validateInput(action, definition.input(), input);
    } catch (error) {
      if (error instanceof EnsValidationError) return fail(request, 400, error, action);
      throw error;
    }

    let output: unknown;
    try {
      output = await client.send(definition, valid, { signal: request.signal });
    } catch (error) {
      const { status, shown } = upstreamFailure(error);
      return fail(request, status, shown, action, error);
    }
    return json(request, 200, output ?? {});
  };

  const handler: EnsProxyHandler = async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      try {
        return fail(
          request,
          500,
          new EnsProxyError('Proxy.InternalError', 500, 'The proxy failed to process the request.'),
          undefined,
          error,
        );
      } catch {
        return new Response(
          '{"error":{"name":"EnsProxyError","message":"The proxy failed to process the request.","code":"Proxy.InternalError","statusCode":500,"fault":"server","retryable":false}}',
          {
            status: 500,
            headers: { 'content-type': 'application/json' },
          },
        );
      }
    }
  };
  handlerBodyLimits.set(handler, maxBodyBytes);
  return handler;
}
