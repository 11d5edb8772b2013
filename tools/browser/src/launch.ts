import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ENV, type ChromiumExecutable, resolveChromium } from './executable.js';

/**
 * Chromium switches for tests: no GPU, no QUIC, no first-run UI, no background, update or sync traffic (`--no-sandbox`
 * because CI runs as root). Playwright adds `--headless` and its own defaults.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Hosts the browser reaches directly; every other request goes to a local proxy that refuses it. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Where `ENSDK_CHROMIUM` (and `PATH`, for `system`) are read: `process.env` unless given. */
  readonly env?: NodeJS.ProcessEnv;
  /** Page options: viewport, device scale factor, colour scheme, locale, … (the network stays loopback-only). */
  readonly context?: Omit<BrowserContextOptions, 'proxy'>;
}

/** A running headless Chromium with one page, its profile and home in a fresh temporary folder. */
export interface LaunchedChromium {
  /** Which Chromium runs, and from where. */
  readonly executable: ChromiumExecutable;
  /** The persistent browser context (playwright-core): open more pages with `context.newPage()`. */
  readonly context: BrowserContext;
  /** The context's first page. */
  readonly page: Page;
  /**
   * Requests the browser tried to send beyond loopback, refused by the local proxy (`GET http://host/path` or
   * `CONNECT host:443`): empty unless a page or the browser itself reached for the network.
   */
  readonly refusedRequests: readonly string[];
  /** Closes the browser and the refusing proxy and deletes the profile; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Launches the Chromium that `ENSDK_CHROMIUM` chooses (by default the one `npm ci` installs; see
 * {@link resolveChromium}) with playwright-core: headless, a persistent profile in a fresh temporary folder, `HOME`
 * and the XDG folders there too (nothing written to the user's home), and no network beyond loopback: a proxy on
 * 127.0.0.1 answers every other request 403 and records it in {@link LaunchedChromium.refusedRequests}.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<LaunchedChromium> {
  const executable = await resolveChromium(options.env);
  const home = await mkdtemp(join(tmpdir(), 'ensdk-browser-'));
  const refusedRequests: string[] = [];
  const proxy = await startRefusingProxy(refusedRequests);
  let context: BrowserContext | undefined;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      await context?.close();
      await proxy.close();
      await rm(home, { recursive: true, force: true });
    })());
  try {
    context = await chromium.launchPersistentContext(join(home, 'profile'), {
      ...options.context,
      executablePath: executable.path,
      headless: true,
      args: [...CHROMIUM_ARGS],
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
      proxy: { server: proxy.url, bypass: LOOPBACK_HOSTS.join(',') },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return { executable, context, page, refusedRequests, close };
  } catch (error) {
    await close();
    throw new Error(
      `Chromium did not start (${executable.source}: ${executable.path}; ${CHROMIUM_ENV} chooses another): ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
}

/** An HTTP proxy on 127.0.0.1 that refuses every request (403) and records it. */
async function startRefusingProxy(refused: string[]): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    refused.push(`${request.method} ${request.url}`);
    response.writeHead(403, { connection: 'close' }).end();
  });
  server.on('connect', (request, socket) => {
    refused.push(`CONNECT ${request.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
