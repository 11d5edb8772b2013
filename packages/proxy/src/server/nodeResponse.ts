import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Ends the connection once the answer is out: the body was not (fully) read, so no keep-alive client may reuse
 * a socket that still carries the rest of it. A short grace lets the client read the answer.
 */
function closeAfter(req: IncomingMessage, res: ServerResponse): void {
  res.once('finish', () => {
    const socket = req.socket;
    socket.end();
    setTimeout(() => socket.destroy(), 2_000).unref();
  });
}

/**
 * Writes an answer of the proxy on `node:http`: `content-length` for a body, and `connection: close` (then the
 * socket ended) whenever the request body was not read to its end or the answer asks for it.
 */
export function writeNodeAnswer(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
  body: string | Uint8Array | undefined,
): void {
  if (body !== undefined && status !== 204 && status !== 304)
    headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  if (!req.complete || headers['connection'] === 'close') {
    headers['connection'] = 'close';
    closeAfter(req, res);
  }
  res.writeHead(status, headers);
  res.end(status === 204 ? undefined : body);
}

/** Answers a failure the adapter met outside the decision core (which never fails): JSON, like every answer. */
export function writeNodeFallback(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({
    error: {
      name: 'EnsProxyError',
      message,
      code,
      statusCode: status,
      fault: status >= 500 ? 'server' : 'client',
      retryable: false,
    },
  });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (status === 405) headers['allow'] = 'POST, OPTIONS';
  writeNodeAnswer(req, res, status, headers, body);
}
