import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { BodyReadResult } from './body.js';
import { createProxyCore, type EnsProxyOptions, type ProxyExchange } from './core.js';
import { writeNodeAnswer, writeNodeFallback } from './nodeResponse.js';

/** Options of {@link createEnsProxyListener}: `authorize` gets the `node:http` `IncomingMessage`. */
export type EnsProxyListenerOptions = EnsProxyOptions<IncomingMessage>;

/** A `node:http` (and Express) request listener. It answers every request itself and never throws. */
export type EnsProxyListener = (req: IncomingMessage, res: ServerResponse) => void;

const EMPTY = new Uint8Array(0);

/**
 * Reads at most `limit` bytes of the request body; past the limit it stops reading at once (the socket is
 * closed after the 413). A body a parser consumed before the listener ran reads as empty.
 */
function readNodeBody(req: IncomingMessage, limit: number): Promise<BodyReadResult> {
  if (req.readableEnded) return Promise.resolve({ kind: 'ok', bytes: EMPTY });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyReadResult): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        settle({ kind: 'tooLarge' });
      } else chunks.push(chunk);
    };
    const onEnd = (): void =>
      settle({ kind: 'ok', bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    const onError = (error: Error): void => settle({ kind: 'failed', error });
    const onClose = (): void =>
      settle({ kind: 'failed', error: new Error('The connection closed before the request body ended') });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** One abort signal per connection, aborted when it closes: HTTP/1 answers go out on it in order. */
const connectionSignals = new WeakMap<Socket, AbortSignal>();

/**
 * A signal that aborts when the caller goes away (its connection closes before the answer is out). Made once per
 * connection, not per request: keep-alive callers send many requests on one socket, and an `AbortController`
 * costs more than the rest of the listener's own work.
 */
function connectionSignal(socket: Socket): AbortSignal {
  let signal = connectionSignals.get(socket);
  if (signal === undefined) {
    const controller = new AbortController();
    const goneAway = (): void => controller.abort(new Error('The client went away'));
    if (socket.destroyed) goneAway();
    else socket.once('close', goneAway);
    signal = controller.signal;
    connectionSignals.set(socket, signal);
  }
  return signal;
}

/** One `node:http` request as the decision core sees it: no web `Request`, `Headers` or stream is built. */
function nodeExchange(req: IncomingMessage): ProxyExchange<IncomingMessage> {
  return {
    request: req,
    method: req.method ?? '',
    target: req.url ?? '/',
    header: (name) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined;
    },
    readBody: (limit) => readNodeBody(req, limit),
    signal: () => connectionSignal(req.socket),
  };
}

/**
 * Creates the server half of `@ensdk/proxy` as a native `node:http` listener (`http.createServer(listener)`,
 * or an Express route): the same decisions as `createEnsProxyHandler`, from the same core, without
 * building a web `Request`, `Headers`, stream and `Response` per call. Refusals decided before the body is read
 * (404, 403, 401, 405, 415, and 413 from `content-length`) are answered without reading a byte of it, with
 * `connection: close`, and the socket is ended after the answer; a body that grows past `maxBodyBytes` stops
 * being read at once (413, connection closed). When the caller goes away, the upstream call is aborted. Mount it
 * before any body parser.
 *
 * @example
 * ```ts
 * createServer(createEnsProxyListener({ client, allow: [revokeSecurityGroupEgressOperation] })).listen(8787);
 * ```
 */
export function createEnsProxyListener(options: EnsProxyListenerOptions): EnsProxyListener {
  const core = createProxyCore(options, 'createEnsProxyListener');
  return (req, res) => {
    core.answer(nodeExchange(req)).then(
      (answer) => writeNodeAnswer(req, res, answer.status, answer.headers, answer.body),
      () => writeNodeFallback(req, res, 500, 'Proxy.InternalError', 'The proxy failed to process the request.'),
    );
  };
}
