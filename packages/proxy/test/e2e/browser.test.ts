import { mkdirSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsClient } from '@ensdk/client';
import { revokeSecurityGroupEgressOperation } from '@ensdk/client/models';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '@ensdk/emulator';
import { launchChromium } from '@ensdk/test-browser';
import { bundleForBrowser } from '../support/bundle.js';
import { ENTRY_POINTS } from '../support/entryPoints.js';
import type { ScenarioHost } from './page.js';
import { openPage, startPageServer, type PageServer } from './pageServer.js';

// A real browser (the Chromium `npm ci` installs, or the one ENSDK_CHROMIUM names: see tools/browser) loads a page
// bundled from @ensdk/proxy's browser entry. The page calls our proxy on 127.0.0.1, backed by @ensdk/client and the
// emulator; nothing else is reachable from the browser.
const ARTIFACTS = new URL('../../test-results/', import.meta.url).pathname;

let emulator: RunningEmulator;
let client: EnsClient;
let pages: PageServer;
let bundle: string;
const proxied: string[] = [];
/** The entry point under test answers /api/ens/*. */
let proxy: RequestListener = (_req, res) => res.writeHead(503).end();

beforeAll(async () => {
  emulator = await startEmulator();
  client = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY });
  bundle = await bundleForBrowser(new URL('./page.ts', import.meta.url).pathname);
  pages = await startPageServer({
    title: 'ensdk proxy e2e',
    body: '<h1>ensdk in a browser</h1><pre id="out"></pre>',
    bundle: () => bundle,
    route: (req, res) => {
      if (!req.url?.startsWith('/api/ens/')) return false;
      proxied.push(req.url);
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

describe.each(ENTRY_POINTS)('@ensdk/proxy in a real browser, server: $name', (entry) => {
  beforeAll(() => {
    proxy = entry.listener({ client, allow: [revokeSecurityGroupEgressOperation] });
    proxied.length = 0;
  });

  it('revokes, catches SecurityGroupRuleNotFoundError by instanceof, validates before sending; the bundle holds no secret', async () => {
    const { securityGroupId } = await client.createSecurityGroup({ securityGroupName: 'browser' });
    await client.authorizeSecurityGroupEgress({
      securityGroupId: securityGroupId!,
      ipProtocol: 'tcp',
      portRange: '22/22',
      destCidrIp: '10.0.0.0/8',
    });

    const browser = await launchChromium();
    try {
      const { page } = browser;
      const pageErrors = await openPage(page, pages.baseUrl, 'runScenario');
      const result = await page.evaluate(
        (id) => (globalThis as unknown as ScenarioHost).runScenario(id),
        securityGroupId!,
      );
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `proxy-browser-e2e-${entry.creator}.png`) });

      expect(pageErrors).toEqual([]);
      expect(result.revoked).toMatch(/^[0-9A-F-]{36}$/);
      expect(result.notFound).toEqual({
        instanceOf: true,
        byName: true,
        name: 'SecurityGroupRuleNotFoundError',
        code: 'SecurityGroupRule.NotFound',
        requestId: expect.stringMatching(/^[0-9A-F-]{36}$/),
      });
      expect(result.validation?.instanceOf).toBe(true);
      expect(result.validation?.issues).toContainEqual({ path: 'portRange', rule: 'format:port-range' });
      // Two calls reached the proxy; the invalid one never left the page.
      expect(proxied).toEqual(['/api/ens/RevokeSecurityGroupEgress', '/api/ens/RevokeSecurityGroupEgress']);

      // The README's browser example, as written: the rule is gone by now, and a bad range is never sent.
      const example = (id: string, range?: string): Promise<string> =>
        page.evaluate(([g, r]) => (globalThis as unknown as ScenarioHost).revokeSshRule(g!, r), [id, range] as const);
      await client.authorizeSecurityGroupEgress({
        securityGroupId: securityGroupId!,
        ipProtocol: 'tcp',
        portRange: '22/22',
        destCidrIp: '10.0.0.0/8',
      });
      expect(await example(securityGroupId!)).toMatch(/^revoked \(request [0-9A-F-]{36}\)$/);
      expect(await example(securityGroupId!)).toMatch(/^no such rule \(request [0-9A-F-]{36}\)$/);
      expect(await example(securityGroupId!, '200/1')).toBe('not sent: portRange start 200 > end 1');
      expect(proxied).toHaveLength(4);
      expect(browser.refusedRequests).toEqual([]);
    } finally {
      await browser.close();
    }
    for (const secret of [
      DEMO_ACCESS_KEY.accessKeySecret,
      DEMO_ACCESS_KEY.accessKeyId,
      'createHmac',
      'ACS3-HMAC-SHA256',
      'HMAC-SHA1',
      'signRequestV3',
    ]) {
      expect(bundle, secret).not.toContain(secret);
    }
  }, 60_000);
});
