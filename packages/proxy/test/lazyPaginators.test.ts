/**
 * `EnsBrowserClient`'s `paginateX(input, options)` keeps no paging in the page: the paging comes with the operation's
 * group, loaded when a walk starts. The method still returns at once, and a walk pages, stops and fails as the
 * standalone paginator's `Paginator` does; its options are checked on the first `next()` instead of at the call.
 * First over real HTTP (the browser client → our proxy on 127.0.0.1 → @ensdk/client → the emulator), then with
 * `withOperations` and groups held back, for what only a held load shows.
 */
import { getEventListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnsClient } from '@ensdk/client';
import { describeSecurityGroupsOperation } from '@ensdk/client/models';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '@ensdk/emulator';
import { EnsAbortError, EnsTimeoutError, EnsValidationError } from '@ensdk/errors';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EnsBrowserBareClient, type EnsBrowserRequestOptions } from '../src/core/browserClient.js';
import { type OperationTable, withOperations } from '../src/core/operations.js';
import type { EnsBrowserPaginator } from '../src/core/paginator.js';
import { createEnsProxyHandler, toNodeListener } from '../src/server/index.js';
import { createEnsBrowserClient, paginateDescribeSecurityGroups, type Paging } from '../src/index.js';

const GROUPS = 45;

let emulator: RunningEmulator;
let client: EnsClient;
let server: Server;
let baseUrl: string;
/** The actions the proxy received, in order. */
const proxied: string[] = [];
const groupIds: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ securityGroups: { maxGroups: GROUPS } });
  client = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY });
  for (let i = 0; i < GROUPS; i++) {
    const { securityGroupId } = await client.createSecurityGroup({ securityGroupName: `g${i}` });
    groupIds.push(securityGroupId as string);
  }
  const proxy = toNodeListener(createEnsProxyHandler({ client, allow: [describeSecurityGroupsOperation] }));
  server = createServer((req, res) => {
    proxied.push(req.url ?? '');
    proxy(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ens`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await client?.close();
  await emulator?.close();
});

/** The pages' group ids of a walk. */
async function walk(pages: AsyncIterable<{ securityGroups?: { securityGroup?: { securityGroupId?: string }[] } }>) {
  const walked: string[][] = [];
  for await (const page of pages)
    walked.push((page.securityGroups?.securityGroup ?? []).map((g) => g.securityGroupId!));
  return walked;
}

describe('EnsBrowserClient.paginateX over real HTTP (proxy + emulator on 127.0.0.1)', () => {
  it('returns at once, then walks the same pages and items as the standalone paginator', async () => {
    const ens = createEnsBrowserClient({ baseUrl });
    const bare = new EnsBrowserBareClient({ baseUrl });
    proxied.length = 0;
    const pages = ens.paginateDescribeSecurityGroups({}, { pageSize: 20 });
    expect(pages).not.toBeInstanceOf(Promise);
    expect(proxied).toEqual([]);
    const byClass = await walk(pages);
    const byFunction = await walk(paginateDescribeSecurityGroups(bare, {}, { pageSize: 20 }));
    expect(byClass.map((p) => p.length)).toEqual([20, 20, 5]);
    expect(byClass).toEqual(byFunction);
    expect(byClass.flat()).toEqual(groupIds);
    // Each walk starts again from the first page.
    expect(await walk(pages)).toEqual(byClass);
    const items: string[] = [];
    for await (const group of ens.paginateDescribeSecurityGroups({}, { pageSize: 20 }).items())
      items.push(group.securityGroupId!);
    expect(items).toEqual(groupIds);
    expect(await walk(ens.paginateDescribeSecurityGroups({}, { pageSize: 20, maxPages: 2 }))).toEqual(
      byClass.slice(0, 2),
    );
    expect(proxied).toEqual(Array(3 + 3 + 3 + 3 + 2).fill('/api/ens/DescribeSecurityGroups'));
  });

  it('checks pageSize and maxPages on the first next(), sending nothing (the standalone paginator at the call)', async () => {
    const ens = createEnsBrowserClient({ baseUrl });
    const bare = new EnsBrowserBareClient({ baseUrl });
    proxied.length = 0;
    for (const [options, rule] of [
      [{ pageSize: 0 }, { path: 'pageSize', rule: 'integer' }],
      [{ pageSize: 51 }, { path: 'pageSize', rule: 'maximum', message: 'must be at most 50' }],
      [{ maxPages: 1.5 }, { path: 'maxPages', rule: 'integer' }],
    ] as const) {
      const pages = ens.paginateDescribeSecurityGroups({}, options);
      const error = await pages[Symbol.asyncIterator]()
        .next()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(EnsValidationError);
      expect(error).toMatchObject({ operation: 'DescribeSecurityGroups', issues: [rule] });
      await expect(pages.items().next()).rejects.toBeInstanceOf(EnsValidationError);
      expect(() => paginateDescribeSecurityGroups(bare, {}, options)).toThrow(EnsValidationError);
    }
    const badTimeLimit = ens.paginateDescribeSecurityGroups({}, { timeoutMs: Number.NaN });
    await expect(badTimeLimit[Symbol.asyncIterator]().next()).rejects.toThrow(
      new RangeError('request options.timeoutMs must be an integer from 1 to 2147483647; got NaN'),
    );
    expect(proxied).toEqual([]);
  });

  it('ends a walk at once on its signal, aborted before it starts or after its first page', async () => {
    const ens = createEnsBrowserClient({ baseUrl });
    proxied.length = 0;
    const before = new AbortController();
    before.abort(new Error('user left'));
    await expect(walk(ens.paginateDescribeSecurityGroups({}, { signal: before.signal }))).rejects.toBeInstanceOf(
      EnsAbortError,
    );
    expect(proxied).toEqual([]);
    const during = new AbortController();
    let pages = 0;
    await expect(
      (async () => {
        for await (const _ of ens.paginateDescribeSecurityGroups({}, { pageSize: 20, signal: during.signal })) {
          pages++;
          during.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(EnsAbortError);
    expect(pages).toBe(1);
    expect(proxied).toHaveLength(1);
  });
});

/** A promise that stays pending until `release()`: a group load held back while a walk waits for it. */
function heldGate(): { gate: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { gate, release };
}

/** The verbs of the test's operations (GetThing, ListThings), as the generator writes them. */
const VERBS = /^(?:get|list)(?=[^a-z])/;

describe('withOperations: paginateX of an action with a paging in its group', () => {
  const constraints: OperationTable = {
    GetThing: { type: 'object', fields: { thingId: { type: 'string' } } },
    ListThings: {
      type: 'object',
      fields: {
        pageNumber: { type: 'integer', bits: 32, optional: true },
        pageSize: { type: 'integer', bits: 32, optional: true },
      },
    },
  };
  const paging: Paging = {
    kind: 'pageNumber',
    action: 'ListThings',
    pageNumber: 'pageNumber',
    pageNumberType: 'integer',
    pageSize: 'pageSize',
    pageSizeType: 'integer',
    totalCount: 'totalCount',
    items: ['things'],
  };
  /** A `fetch` answering two pages of ListThings (3 things), recording what it was sent. */
  const listFetch =
    (sent: string[]): typeof fetch =>
    async (url, init) => {
      sent.push(`${String(url)} ${String(init?.body)}`);
      const { pageNumber } = JSON.parse(String(init?.body)) as { pageNumber: number };
      const things = pageNumber === 1 ? ['a', 'b'] : ['c'];
      return new Response(JSON.stringify({ things, totalCount: 3 }), {
        headers: { 'content-type': 'application/json' },
      });
    };
  type Methods = Record<
    string,
    | ((input?: object, options?: EnsBrowserRequestOptions) => Promise<unknown>)
    | ((input?: object, options?: object) => EnsBrowserPaginator<unknown, string>)
  >;

  it('loads the group (with its pagings) when the walk starts, once, shared with the calls', async () => {
    let loads = 0;
    const { gate, release } = heldGate();
    const Client = withOperations(EnsBrowserBareClient, VERBS, 0, [
      async () => {
        loads++;
        await gate;
        return { operations: () => constraints, pagings: { ListThings: paging } };
      },
    ]);
    const sent: string[] = [];
    const ens = new Client({ baseUrl: '/api', fetch: listFetch(sent) }) as unknown as Methods;
    expect(typeof ens.listThings).toBe('function');
    const input = { pageNumber: 1 };
    const pages = (ens.paginateListThings as (i: object, o: object) => EnsBrowserPaginator<unknown, string>)(input, {
      pageSize: 2,
    });
    // Copies of the input are taken at the call, as Paginator's constructor takes them.
    input.pageNumber = 7;
    expect(loads).toBe(0);
    const items = (async () => {
      const got: string[] = [];
      for await (const thing of pages.items()) got.push(thing);
      return got;
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(loads).toBe(1);
    expect(sent).toEqual([]);
    release();
    expect(await items).toEqual(['a', 'b', 'c']);
    expect(sent).toEqual([
      '/api/ListThings {"pageNumber":1,"pageSize":2}',
      '/api/ListThings {"pageNumber":2,"pageSize":2}',
    ]);
    // A name that begins with a verb is a method until its group says otherwise: GetThing has no paging.
    const noPaging = (ens.paginateGetThing as (i: object) => EnsBrowserPaginator<unknown, string>)({}).items().next();
    await expect(noPaging).rejects.toThrow(new TypeError('WithOperations has no method paginateGetThing'));
    expect(loads).toBe(1);
    expect(ens.paginateDescribeThings).toBeUndefined();
  });

  it('ends the wait for a stalled group on the time limit or the signal (EnsTimeoutError, EnsAbortError)', async () => {
    const { gate, release } = heldGate();
    const Client = withOperations(EnsBrowserBareClient, VERBS, 0, [
      async () => {
        await gate;
        return { operations: () => constraints, pagings: { ListThings: paging } };
      },
    ]);
    const sent: string[] = [];
    const ens = new Client({ baseUrl: '/api', fetch: listFetch(sent), timeoutMs: 60_000 }) as unknown as Record<
      string,
      (i: object, o: object) => EnsBrowserPaginator<unknown, string>
    >;
    const timedOut = ens.paginateListThings!({}, { timeoutMs: 20 })[Symbol.asyncIterator]().next();
    await expect(timedOut).rejects.toBeInstanceOf(EnsTimeoutError);
    await expect(timedOut).rejects.toMatchObject({ timeoutMs: 20 });
    const controller = new AbortController();
    const aborted = ens.paginateListThings!({}, { signal: controller.signal }).items().next();
    controller.abort(new Error('user left'));
    await expect(aborted).rejects.toBeInstanceOf(EnsAbortError);
    expect(sent).toEqual([]);
    release();
    const pages: unknown[] = [];
    for await (const page of ens.paginateListThings!({}, { pageSize: 2 })) pages.push(page);
    expect(pages).toEqual([
      { things: ['a', 'b'], totalCount: 3 },
      { things: ['c'], totalCount: 3 },
    ]);
  });

  it('takes its timer and its listener off the signal when the wait ends, while the group still loads', async () => {
    vi.useFakeTimers();
    try {
      const { gate, release } = heldGate();
      const Client = withOperations(EnsBrowserBareClient, VERBS, 0, [
        async () => {
          await gate;
          return { operations: () => constraints, pagings: { ListThings: paging } };
        },
      ]);
      const ens = new Client({ baseUrl: '/api', fetch: listFetch([]) }) as unknown as Record<
        string,
        (i: object, o: object) => EnsBrowserPaginator<unknown, string>
      >;
      const kept = new AbortController();
      const timedOut = ens.paginateListThings!({}, { timeoutMs: 20, signal: kept.signal })
        [Symbol.asyncIterator]()
        .next();
      const timedOutRejects = expect(timedOut).rejects.toBeInstanceOf(EnsTimeoutError);
      expect(getEventListeners(kept.signal, 'abort')).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(20);
      await timedOutRejects;
      expect(getEventListeners(kept.signal, 'abort')).toHaveLength(0);
      const controller = new AbortController();
      const aborted = ens.paginateListThings!({}, { timeoutMs: 60_000, signal: controller.signal }).items().next();
      expect(vi.getTimerCount()).toBe(1);
      controller.abort();
      await expect(aborted).rejects.toBeInstanceOf(EnsAbortError);
      expect(vi.getTimerCount()).toBe(0);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      // A signal aborted before the walk starts ends it with no timer set.
      await expect(ens.paginateListThings!({}, { signal: controller.signal }).items().next()).rejects.toBeInstanceOf(
        EnsAbortError,
      );
      expect(vi.getTimerCount()).toBe(0);
      release();
    } finally {
      vi.useRealTimers();
    }
  });
});
