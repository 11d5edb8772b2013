import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running page server and the URL a browser opens. */
export interface PageServer {
  readonly server: Server;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * The end-to-end tests' page server on 127.0.0.1: `/app.js` is the bundled page script, `route` answers what it
 * takes (the proxy's `/api/ens/*`, stubs) by returning true, and anything else is the page, a module script of /app.js.
 */
export async function startPageServer(options: {
  readonly title: string;
  readonly bundle: () => string;
  readonly body?: string;
  readonly route: (req: IncomingMessage, res: ServerResponse) => boolean;
}): Promise<PageServer> {
  const html = `<!doctype html><meta charset="utf-8"><title>${options.title}</title>${options.body ?? ''}<script type="module" src="/app.js"></script>`;
  const server = createServer((req, res) => {
    if (options.route(req, res)) return;
    if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(options.bundle());
    else res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
