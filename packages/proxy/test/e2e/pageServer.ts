import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LaunchedChromium } from '@ensdk/test-browser';

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

/**
 * Opens the page in the browser and waits until its script has set the function `name` on `globalThis`; returns
 * the page's uncaught errors, a list that keeps filling while the test runs.
 */
export async function openPage(page: LaunchedChromium['page'], url: string, name: string): Promise<string[]> {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  await page.waitForFunction((n) => typeof (globalThis as Record<string, unknown>)[n] === 'function', name);
  return pageErrors;
}
