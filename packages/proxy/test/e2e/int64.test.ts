import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsClient } from '@ensdk/client';
import { listObjectsOperation } from '@ensdk/client/models';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '@ensdk/emulator';
import { launchChromium } from '@ensdk/test-browser';
import { createEnsProxyListener } from '../../src/server/index.js';
import { bundleForBrowser } from '../support/bundle.js';
import type { Int64Host } from './int64Page.js';

// An int64 beyond 2^53 in a real Chromium: the emulator answers ListObjects with Size 9007199254740993 as a bare JSON
// number; @ensdk/client in our proxy on 127.0.0.1 parses it losslessly, the proxy answers the page, and the page's
// browser client delivers the exact decimal string. A second route answers the page with raw JSON numbers itself,
// so the browser client's own parser is held to the same rule.
let emulator: RunningEmulator;
let client: EnsClient;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  emulator = await startEmulator();
  emulator.setAnswer('ListObjects', { contents: [{ key: 'big', size: '9007199254740993' }], keyCount: 1 });
  client = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY, maxRetries: 0 });
  const bundle = await bundleForBrowser(new URL('./int64Page.ts', import.meta.url).pathname);
  const proxy = createEnsProxyListener({ client, allow: [listObjectsOperation] });
  const html =
    '<!doctype html><meta charset="utf-8"><title>ensdk int64 e2e</title><script type="module" src="/app.js"></script>';
  server = createServer((req, res) => {
    if (req.url === '/raw/ens/ListObjects') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"contents":[{"key":"raw","size":-9007199254740993}],"keyCount":9223372036854775807}');
    } else if (req.url?.startsWith('/api/ens/')) {
      proxy(req, res);
    } else if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await client?.close();
  await emulator?.close();
});

describe('an int64 beyond 2^53 in a real browser', () => {
  it('arrives as its exact decimal string, through the proxy and from raw JSON', async () => {
    const browser = await launchChromium();
    try {
      const { page } = browser;
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(baseUrl);
      await page.waitForFunction(() => typeof (globalThis as unknown as Partial<Int64Host>).readInt64 === 'function');
      const result = await page.evaluate(() => (globalThis as unknown as Int64Host).readInt64());
      expect(pageErrors).toEqual([]);
      expect(result.proxied).toMatchObject({ contents: [{ key: 'big', size: '9007199254740993' }], keyCount: 1 });
      expect(result.raw).toEqual({
        contents: [{ key: 'raw', size: '-9007199254740993' }],
        keyCount: '9223372036854775807',
      });
      expect(browser.refusedRequests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
