/**
 * The one HTTP helper of the credential providers (metadata service, STS, credentials URI): the client's undici
 * transport (`sendHttp`) over an Agent of their own with a short connect timeout. @internal
 */
import type { Dispatcher } from 'undici';
import { sendHttp, type HttpResponse } from '../http.js';
import { transportError } from './temporaryCredentials.js';

/** One request a provider sends. @internal */
export interface CredentialsHttpRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Time limit of the whole exchange. */
  readonly timeoutMs: number;
  /** Time limit of opening the connection. Default `timeoutMs`. */
  readonly connectTimeoutMs?: number;
  readonly signal?: AbortSignal | undefined;
}

/** Credential answers are small; anything larger is cut off. */
const MAX_RESPONSE_BYTES = 256 * 1024;

const agents = new Map<number, Promise<Dispatcher>>();

/** A keep-alive Agent per connect timeout, made on first use (undici loads lazily, as the client's own does). */
function agentFor(connectTimeoutMs: number): Promise<Dispatcher> {
  let agent = agents.get(connectTimeoutMs);
  if (agent === undefined) {
    agent = import('undici').then(
      ({ Agent }) => new Agent({ connect: { timeout: connectTimeoutMs }, keepAliveTimeout: 4_000 }),
    );
    agents.set(connectTimeoutMs, agent);
  }
  return agent;
}

/**
 * Sends `request` and returns the whole response (any status). Rejects with an `EnsError`: `EnsTimeoutError`,
 * `EnsAbortError` or `EnsNetworkError` (whose `reason` is the socket's code, e.g. `ECONNREFUSED`).
 * @internal
 */
export async function credentialsHttp(request: CredentialsHttpRequest): Promise<HttpResponse> {
  const dispatcher = await agentFor(Math.min(request.connectTimeoutMs ?? request.timeoutMs, request.timeoutMs));
  return sendHttp(dispatcher, {
    origin: request.url.origin,
    path: `${request.url.pathname}${request.url.search}`,
    method: request.method,
    headers: { ...request.headers },
    body: request.body ?? null,
    timeoutMs: request.timeoutMs,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    signal: request.signal,
  });
}

/**
 * {@link credentialsHttp} as one named step of a provider: a transport failure (timeout, abort, refused
 * connection) becomes an `EnsCredentialsError` naming `step`.
 * @internal
 */
export async function credentialsStep(step: string, request: CredentialsHttpRequest): Promise<HttpResponse> {
  try {
    return await credentialsHttp(request);
  } catch (error) {
    throw transportError(step, error);
  }
}

/** `origin + path` of a URL, for messages: never its query (it may hold a token) or user info. @internal */
export function safeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
