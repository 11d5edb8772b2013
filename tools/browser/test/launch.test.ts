import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedChromium, launchChromium, resolveChromium } from '../src/index.js';

// Real launches of the Chromium npm installs, chosen each way ENSDK_CHROMIUM allows, against a page on 127.0.0.1.
let server: Server;
let origin: string;
const scratch = mkdtempSync(join(tmpdir(), 'ensdk-test-browser-'));

beforeAll(async () => {
  server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(`<title>loopback</title><p>${request.url}</p>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

/** Loads a loopback page and returns its text and the browser's user agent. */
async function visit(browser: LaunchedChromium): Promise<{ text: string | null; userAgent: string }> {
  await browser.page.goto(`${origin}/hello`);
  return {
    text: await browser.page.textContent('p'),
    userAgent: await browser.page.evaluate(
      () => (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent,
    ),
  };
}

describe('launchChromium', () => {
  it('by default: the Chromium npm installs, headless, loopback reachable, everything else refused and recorded', async () => {
    const browser = await launchChromium({ env: {}, context: { viewport: { width: 640, height: 360 } } });
    try {
      expect(browser.executable.source).toBe('npm');
      expect(await visit(browser)).toEqual({
        text: '/hello',
        userAgent: expect.stringContaining('HeadlessChrome/153.'),
      });
      expect(browser.page.viewportSize()).toEqual({ width: 640, height: 360 });
      // Nothing left loopback on its own; a page's attempts are refused by the local proxy, never sent.
      expect(browser.refusedRequests).toEqual([]);
      const outcomes = await browser.page.evaluate(async () => {
        const attempts = ['http://192.0.2.1/plain', 'https://example.com/tls'];
        return Promise.all(
          attempts.map((url) =>
            fetch(url).then(
              (response) => `${url} ${response.status}`,
              () => `${url} failed`,
            ),
          ),
        );
      });
      expect(outcomes).toEqual(['http://192.0.2.1/plain failed', 'https://example.com/tls failed']);
      expect([...browser.refusedRequests].sort()).toEqual(['CONNECT example.com:443', 'GET http://192.0.2.1/plain']);
    } finally {
      await browser.close();
      await browser.close();
    }
    expect(browser.context.pages()).toEqual([]);
  });

  it('ENSDK_CHROMIUM=system and ENSDK_CHROMIUM=<path> launch what they name', async () => {
    const linked = join(scratch, 'chromium');
    symlinkSync((await resolveChromium({})).path, linked);
    for (const env of [{ ENSDK_CHROMIUM: 'system', PATH: scratch }, { ENSDK_CHROMIUM: linked }]) {
      const browser = await launchChromium({ env });
      try {
        expect(browser.executable).toEqual({
          source: env.ENSDK_CHROMIUM === 'system' ? 'system' : 'path',
          path: linked,
        });
        expect((await visit(browser)).text).toBe('/hello');
      } finally {
        await browser.close();
      }
    }
  });

  it('a Chromium that does not start: an error naming the executable and ENSDK_CHROMIUM', async () => {
    await expect(launchChromium({ env: { ENSDK_CHROMIUM: '/bin/false' } })).rejects.toThrow(
      /^Chromium did not start \(path: \/bin\/false; ENSDK_CHROMIUM chooses another\): /,
    );
  });
});
