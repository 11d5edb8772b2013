import { handlerBodyLimits, readLimited } from './body.js';
import { createProxyCore, type EnsProxyOptions, type ProxyExchange } from './core.js';

/** Options of {@link createEnsProxyHandler}: `authorize` gets the fetch `Request`. */
export type EnsProxyHandlerOptions = EnsProxyOptions<Request>;

/** A fetch-standard request handler: never rejects, always answers JSON (or an empty 204 to a preflight). */
export type EnsProxyHandler = (request: Request) => Promise<Response>;

/** A fetch `Request` as the decision core sees it. */
function fetchExchange(request: Request): ProxyExchange<Request> {
  return {
    request,
    method: request.method,
    target: request.url,
    header: (name) => request.headers.get(name) ?? undefined,
    readBody: (limit) => readLimited(request.body, limit),
    signal: () => request.signal,
  };
}

/**
 * Creates the server half of `@ensdk/proxy` as a fetch-standard handler (Next.js route handlers, Hono, Deno,
 * Bun, workers…) for `POST {anything}/{Action}` with the camelCase JSON input. It refuses (without calling
 * upstream) unknown actions (404), actions not in `allow` (403), requests `authorize` rejects (403/401), other
 * methods (405), non-JSON content types (415), bodies over `maxBodyBytes` (413), malformed JSON, non-object
 * bodies and invalid input (400). Otherwise it validates (once), signs and sends through `client`, answering
 * `200` with the output, or `{ "error": error.toJSON() }` with the service's 4xx status, 502 for upstream 5xx
 * and network failures, 504 for timeouts. Every Response is built here: `content-type: application/json` and
 * CORS headers only, never upstream headers. On `node:http`, prefer `createEnsProxyListener`: the same
 * decisions without building a web `Request` and `Response` per call.
 *
 * @see createEnsProxyListener
 */
export function createEnsProxyHandler(options: EnsProxyHandlerOptions): EnsProxyHandler {
  const core = createProxyCore(options, 'createEnsProxyHandler');
  const handler: EnsProxyHandler = async (request) => {
    const answer = await core.answer(fetchExchange(request));
    return new Response(answer.body ?? null, { status: answer.status, headers: answer.headers });
  };
  handlerBodyLimits.set(handler, core.maxBodyBytes);
  return handler;
}
