import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsClient } from '@ensdk/client';
import { describeSecurityGroupsOperation } from '@ensdk/client/models';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '@ensdk/emulator';
import { launchChromium } from '@ensdk/test-browser';
import { createEnsProxyHandler, toNodeListener } from '../../src/server/index.js';
import { bundleForBrowser } from '../support/bundle.js';
import type { PagingHost } from './pagingPage.js';
import { openPage, startPageServer, type PageServer } from './pageServer.js';

// The browser client's paginators in a real Chromium: the page walks DescribeSecurityGroups through our proxy on
// 127.0.0.1 (backed by @ensdk/client and the emulator), and ListTagResources from a stub that repeats its token.
const GROUPS = 120;

let emulator: RunningEmulator;
let client: EnsClient;
let pages: PageServer;
const proxied: string[] = [];
const serverAttempts: string[] = [];
const groupIds: string[] = [];
let describeCount = 0;
let tagCount = 0;

beforeAll(async () => {
  emulator = await startEmulator({ securityGroups: { maxGroups: GROUPS } });
  client = new EnsClient({
    endpoint: emulator.url,
    credentials: DEMO_ACCESS_KEY,
    retryDelay: { baseMs: 1, maxMs: 5 },
    hooks: {
      onResponse: ({ statusCode, error }) => serverAttempts.push(`${statusCode ?? '-'} ${error?.name ?? 'ok'}`),
    },
  });
  for (let i = 0; i < GROUPS; i++) {
    const { securityGroupId } = await client.createSecurityGroup({ securityGroupName: `g${i}` });
    groupIds.push(securityGroupId as string);
  }
  serverAttempts.length = 0;
  const bundle = await bundleForBrowser(new URL('./pagingPage.ts', import.meta.url).pathname);
  const proxy = toNodeListener(createEnsProxyHandler({ client, allow: [describeSecurityGroupsOperation] }));
  pages = await startPageServer({
    title: 'ensdk paging e2e',
    bundle: () => bundle,
    route: (req, res) => {
      if (req.url === '/api/ens/ListTagResources') {
        // A service that repeats its continuation token: t1, t2, t2, ...
        proxied.push(req.url);
        tagCount++;
        const body = {
          requestId: `R${tagCount}`,
          tagResources: [{ resourceId: `i-${tagCount}` }],
          nextToken: tagCount === 1 ? 't1' : 't2',
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        return true;
      }
      if (!req.url?.startsWith('/api/ens/')) return false;
      proxied.push(req.url);
      // The first walk's third page is throttled once at the service: the proxy's client retries it.
      if (++describeCount === 3) emulator.injectFault('DescribeSecurityGroups', { throttle: {}, times: 1 });
      proxy(req, res);
      return true;
    },
  });
}, 120_000);

afterAll(async () => {
  await pages?.close();
  await client?.close();
  await emulator?.close();
});

describe('paginators of @ensdk/proxy in a real browser', () => {
  it('walks by pages and by items, honours maxPages and abort, and ends a repeating token with EnsPaginationError', async () => {
    const browser = await launchChromium();
    try {
      const { page } = browser;
      const pageErrors = await openPage(page, pages.baseUrl, 'runPaging');
      const result = await page.evaluate(() => (globalThis as unknown as PagingHost).runPaging());

      expect(pageErrors).toEqual([]);
      expect(result.pageSizes).toEqual([50, 50, 20]);
      expect(result.itemIds).toEqual(groupIds);
      expect(result.maxPages).toBe(2);
      expect(result.aborted).toEqual({ instanceOf: true, name: 'EnsAbortError' });
      expect(result.repeated).toEqual({ instanceOf: true, name: 'EnsPaginationError', pages: 3, delivered: 3 });
      const describes = proxied.filter((url) => url === '/api/ens/DescribeSecurityGroups');
      // 3 (pages) + 3 (items) + 2 (maxPages) + 1 (aborted after the first page)
      expect(describes).toHaveLength(9);
      expect(proxied.filter((url) => url === '/api/ens/ListTagResources')).toHaveLength(3);
      // The throttled page was retried behind the proxy: the browser saw one answer.
      expect(serverAttempts.filter((a) => a !== '200 ok')).toEqual(['400 ThrottlingUserError']);
      expect(serverAttempts).toHaveLength(10);
      expect(browser.refusedRequests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
