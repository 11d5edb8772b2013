import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, DEFAULT_MAX_BODY_BYTES, declaredLength, handlerBodyLimits } from './body.js';
import { writeNodeAnswer, writeNodeFallback } from './nodeResponse.js';

/** Options of {@link toNodeListener}. */
export interface EnsNodeListenerOptions {
  /** Largest body streamed into the Request, in bytes. Default: the handler's own `maxBodyBytes` (65536). */
  readonly maxBodyBytes?: number;
}

/** Hop-by-hop headers: they describe this connection, not the request. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
  'http2-settings',
]);

/** The request body as a web stream that never holds more than its queue, and errors past `limit` bytes. */
function bodyStream(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
  if (declaredLength(req.headers['content-length']) !== undefined && Number(req.headers['content-length']) > limit) {
    // Known to be too large: do not read a byte of it.
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.error(new BodyTooLargeError(limit)) });
  }
  if (req.readableEnded) {
    // Already consumed (a body parser ran first): nothing left to stream; the handler sees an empty body.
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  }
  let size = 0;
  let settled = false;
  const detach = (): void => {
    settled = true;
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onClose);
    req.pause();
  };
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const onData = (chunk: Buffer): void => {
    size += chunk.length;
    if (size > limit) {
      detach();
      controller.error(new BodyTooLargeError(limit));
      return;
    }
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = (): void => {
    detach();
    controller.close();
  };
  const onError = (error: Error): void => {
    detach();
    controller.error(error);
  };
  const onClose = (): void => {
    if (settled) return;
    detach();
    controller.error(new Error('The connection closed before the request body ended'));
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        req.pause();
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onError);
        req.on('close', onClose);
      },
      pull() {
        if (!settled) req.resume();
      },
      cancel() {
        if (!settled) detach();
      },
    },
    { highWaterMark: 16_384, size: (chunk) => chunk.byteLength },
  );
}

function toRequest(req: IncomingMessage, limit: number, signal: AbortSignal): Request {
  const host =
    typeof req.headers.host === 'string' && /^[A-Za-z0-9.\-:[\]]+$/.test(req.headers.host)
      ? req.headers.host
      : 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name)) continue;
    try {
      headers.append(name, raw[i + 1]!);
    } catch {
      // A header the fetch standard cannot carry is not one the proxy needs.
    }
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  // `duplex` is required by Node for a streamed body; DOM typings may not know it yet.
  const init: RequestInit & { duplex?: 'half' } = hasBody
    ? { method, headers, signal, body: bodyStream(req, limit), duplex: 'half' }
    : { method, headers, signal };
  return new Request(url, init);
}

async function serve(
  handler: (request: Request) => Promise<Response>,
  limit: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort(new Error('The client went away'));
  });
  let request: Request;
  try {
    request = toRequest(req, limit, abort.signal);
  } catch {
    // Methods fetch refuses (TRACE, TRACK…) or a URL it cannot parse.
    const known = req.method === 'POST' || req.method === 'OPTIONS';
    writeNodeFallback(
      req,
      res,
      known ? 400 : 405,
      known ? 'Proxy.InvalidBody' : 'Proxy.MethodNotAllowed',
      known ? 'The request could not be read.' : 'Only POST is accepted.',
    );
    return;
  }
  const response = await handler(request);
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string | number> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  writeNodeAnswer(req, res, response.status, headers, body);
}

/**
 * Adapts a fetch-standard handler to `node:http` and Express: `(req, res) => void`. The body is streamed into
 * the Request (never buffered whole here), and the stream fails past `maxBodyBytes` (so the handler answers
 * 413); a `content-length` over the limit is refused without reading a byte. When an answer goes out before
 * the body was fully read, it carries `connection: close` and the socket is ended after it. Mount it before
 * any body parser. For the proxy's own handler, `createEnsProxyListener` makes the same decisions on `node:http`
 * without the web `Request` and `Response`.
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: EnsNodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const limit = options.maxBodyBytes ?? handlerBodyLimits.get(handler) ?? DEFAULT_MAX_BODY_BYTES;
  return (req, res) => {
    serve(handler, limit, req, res).catch(() =>
      writeNodeFallback(req, res, 500, 'Proxy.InternalError', 'The proxy failed to process the request.'),
    );
  };
}
