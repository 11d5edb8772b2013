import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsClient } from '@ensdk/client';
import { listObjectsOperation } from '@ensdk/client/models';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '@ensdk/emulator';
import { launchChromium } from '@ensdk/test-browser';
import { createEnsProxyListener } from '../../src/server/index.js';
import { bundleForBrowser } from '../support/bundle.js';
import type { Int64Host } from './int64Page.js';
import { openPage, startPageServer, type PageServer } from './pageServer.js';

// An int64 beyond 2^53 in a real Chromium: the emulator answers ListObjects with Size 9007199254740993 as a bare JSON
// number; @ensdk/client in our proxy on 127.0.0.1 parses it losslessly, the proxy answers the page, and the page's
// browser client delivers the exact decimal string. A second route answers the page with raw JSON numbers itself,
// so the browser client's own parser is held to the same rule.
let emulator: RunningEmulator;
let client: EnsClient;
let pages: PageServer;

beforeAll(async () => {
  emulator = await startEmulator();
  emulator.setAnswer('ListObjects', { contents: [{ key: 'big', size: '9007199254740993' }], keyCount: 1 });
  client = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY, maxRetries: 0 });
  const bundle = await bundleForBrowser(new URL('./int64Page.ts', import.meta.url).pathname);
  const proxy = createEnsProxyListener({ client, allow: [listObjectsOperation] });
  pages = await startPageServer({
    title: 'ensdk int64 e2e',
    bundle: () => bundle,
    route: (req, res) => {
      if (req.url === '/raw/ens/ListObjects') {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"contents":[{"key":"raw","size":-9007199254740993}],"keyCount":9223372036854775807}');
        return true;
      }
      if (!req.url?.startsWith('/api/ens/')) return false;
      proxy(req, res);
      return true;
    },
  });
}, 60_000);

afterAll(async () => {
  await pages?.close();
  await client?.close();
  await emulator?.close();
});

describe('an int64 beyond 2^53 in a real browser', () => {
  it('arrives as its exact decimal string, through the proxy and from raw JSON', async () => {
    const browser = await launchChromium();
    try {
      const { page } = browser;
      const pageErrors = await openPage(page, pages.baseUrl, 'readInt64');
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
