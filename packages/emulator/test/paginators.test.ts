import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EnsAbortError, EnsPaginationError, EnsValidationError, ThrottlingUserError } from '@ensdk/errors';
import * as ensClient from '@ensdk/client';
import * as ensModels from '@ensdk/client/models';
import {
  EnsBareClient,
  EnsClient,
  type EnsClientOptions,
  type Paginator,
  type Paging,
  paginateDescribeSecurityGroups,
  paginateListTagResources,
} from '@ensdk/client';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../src/index.js';

const GROUPS = 250;
/** Paged operations whose input needs nothing (the others need ids the generic emulator cannot know). */
const WALKED = 20;
let emulator: RunningEmulator;
let groupIds: string[];

beforeAll(async () => {
  emulator = await startEmulator({ securityGroups: { maxGroups: 300 } });
  const setup = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY });
  groupIds = [];
  for (let i = 0; i < GROUPS; i++) {
    const { securityGroupId } = await setup.createSecurityGroup({ securityGroupName: `group-${i + 1}` });
    groupIds.push(securityGroupId as string);
  }
  await setup.close();
}, 120_000);
afterAll(async () => {
  await emulator.close();
});

/** A client on the emulator that records every attempt of DescribeSecurityGroups (`<status> <error, or ok>`). */
const clients: EnsBareClient[] = [];
function recordingClient(options: Partial<EnsClientOptions> = {}) {
  const attempts: string[] = [];
  const client = new EnsClient({
    endpoint: emulator.url,
    credentials: DEMO_ACCESS_KEY,
    retryDelay: { baseMs: 1, maxMs: 5 },
    hooks: {
      onResponse: ({ action, statusCode, error }) => {
        if (action === 'DescribeSecurityGroups') attempts.push(`${statusCode ?? '-'} ${error?.name ?? 'ok'}`);
      },
    },
    ...options,
  });
  clients.push(client);
  return { client, attempts };
}
afterEach(async () => {
  emulator.clearFaults();
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

describe('DescribeSecurityGroups over 250 groups (the emulator pages for real)', () => {
  it('by pages: 5 pages of the maximum 50, exactly 5 requests, in creation order', async () => {
    const { client, attempts } = recordingClient();
    const pages = [];
    for await (const page of client.paginateDescribeSecurityGroups()) pages.push(page);
    expect(pages.map((p) => [p.pageNumber, p.pageSize, p.totalCount, p.securityGroups?.securityGroup?.length])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [n, 50, GROUPS, 50]),
    );
    expect(pages.flatMap((p) => p.securityGroups?.securityGroup?.map((g) => g.securityGroupId))).toEqual(groupIds);
    expect(attempts).toEqual(Array(5).fill('200 ok'));
  });

  it('by items, with the standalone function on a bare client: 250 groups, exactly 5 requests', async () => {
    const { attempts } = recordingClient();
    const bare = new EnsBareClient({
      endpoint: emulator.url,
      credentials: DEMO_ACCESS_KEY,
      hooks: { onRequest: ({ action }) => void (action === 'DescribeSecurityGroups' && attempts.push('sent')) },
    });
    clients.push(bare);
    const ids: (string | undefined)[] = [];
    for await (const group of paginateDescribeSecurityGroups(bare).items()) ids.push(group.securityGroupId);
    expect(ids).toEqual(groupIds);
    expect(attempts).toEqual(Array(5).fill('sent'));
  });

  it('a page size of 40: 7 requests, the last a short page of 10', async () => {
    const { client, attempts } = recordingClient();
    const sizes: (number | undefined)[] = [];
    for await (const page of client.paginateDescribeSecurityGroups({}, { pageSize: 40 })) {
      sizes.push(page.securityGroups?.securityGroup?.length);
    }
    expect(sizes).toEqual([40, 40, 40, 40, 40, 40, 10]);
    expect(attempts).toHaveLength(7);
  });

  it('filters stay on every page: one group by name, one request', async () => {
    const { client, attempts } = recordingClient();
    const items = [];
    for await (const group of client.paginateDescribeSecurityGroups({ securityGroupName: 'group-77' }).items()) {
      items.push(group);
    }
    expect(items.map((g) => g.securityGroupId)).toEqual([groupIds[76]]);
    expect(attempts).toEqual(['200 ok']);
  });

  it('maxPages: 2 pages by pages, 100 groups by items, 2 requests each', async () => {
    const { client, attempts } = recordingClient();
    const pages = [];
    for await (const page of client.paginateDescribeSecurityGroups({}, { maxPages: 2 })) pages.push(page);
    expect(pages).toHaveLength(2);
    const items = [];
    for await (const group of client.paginateDescribeSecurityGroups({}, { maxPages: 2 }).items()) items.push(group);
    expect(items.map((g) => g.securityGroupId)).toEqual(groupIds.slice(0, 100));
    expect(attempts).toHaveLength(4);
  });

  it('abort mid-walk: after the second page no third request is sent', async () => {
    const { client, attempts } = recordingClient();
    const controller = new AbortController();
    let pages = 0;
    const walk = async () => {
      for await (const _ of client.paginateDescribeSecurityGroups({}, { signal: controller.signal })) {
        if (++pages === 2) controller.abort(new Error('user left'));
      }
    };
    await expect(walk()).rejects.toBeInstanceOf(EnsAbortError);
    expect(attempts).toEqual(['200 ok', '200 ok']);
  });

  it('abort while the third page is in flight: the walk ends at once, without waiting for the answer', async () => {
    const { client } = recordingClient();
    const controller = new AbortController();
    let pages = 0;
    const started = Date.now();
    const walk = async () => {
      for await (const _ of client.paginateDescribeSecurityGroups({}, { signal: controller.signal })) {
        if (++pages === 2) {
          emulator.injectFault('DescribeSecurityGroups', { latencyMs: 20_000, times: 1 });
          setTimeout(() => controller.abort(new Error('user left')), 50);
        }
      }
    };
    await expect(walk()).rejects.toBeInstanceOf(EnsAbortError);
    expect(pages).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a throttled page mid-walk is retried by the client and the walk completes: 250 groups, 6 attempts', async () => {
    const { client, attempts } = recordingClient();
    const ids: (string | undefined)[] = [];
    let pages = 0;
    for await (const page of client.paginateDescribeSecurityGroups()) {
      ids.push(...(page.securityGroups?.securityGroup ?? []).map((g) => g.securityGroupId));
      if (++pages === 2) emulator.injectFault('DescribeSecurityGroups', { throttle: { retryAfterMs: 5 }, times: 1 });
    }
    expect(ids).toEqual(groupIds);
    expect(attempts).toEqual(['200 ok', '200 ok', '400 ThrottlingUserError', '200 ok', '200 ok', '200 ok']);
  });

  it('a page that fails beyond the retries ends the walk with its typed error', async () => {
    const { client, attempts } = recordingClient({ maxRetries: 1 });
    const walk = async () => {
      let pages = 0;
      for await (const _ of client.paginateDescribeSecurityGroups()) {
        if (++pages === 1) emulator.injectFault('DescribeSecurityGroups', { throttle: {}, times: 2 });
      }
    };
    await expect(walk()).rejects.toBeInstanceOf(ThrottlingUserError);
    expect(attempts).toEqual(['200 ok', '400 ThrottlingUserError', '400 ThrottlingUserError']);
  });

  it('each page is validated: a page size above the maximum is refused before any request', async () => {
    const { client, attempts } = recordingClient();
    expect(() => client.paginateDescribeSecurityGroups({}, { pageSize: 51 })).toThrow(EnsValidationError);
    const walk = async () => {
      for await (const _ of client.paginateDescribeSecurityGroups({ securityGroupId: 42 as unknown as string }));
    };
    await expect(walk()).rejects.toThrow('securityGroupId');
    expect(attempts).toEqual([]);
  });
});

describe('generic operations answer a short last page', () => {
  it('page-number operations (DescribeInstances, DescribeSelfImages): one page, one request', async () => {
    const { client } = recordingClient();
    const instances = [];
    for await (const page of client.paginateDescribeInstances({}, { pageSize: 20 })) instances.push(page);
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({ pageNumber: 1, pageSize: 20, totalCount: 1 });
    const images = [];
    for await (const image of client.paginateDescribeSelfImages().items()) images.push(image);
    expect(images).toHaveLength(1);
  });

  it('token operations (ListTagResources, ListObjects): no next token, one request', async () => {
    const { client } = recordingClient();
    const tags = [];
    for await (const tag of client.paginateListTagResources({ resourceType: 'instance' }).items()) tags.push(tag);
    expect(tags).toHaveLength(1);
    const objects = [];
    for await (const page of client.paginateListObjects({ bucketName: 'b' }, { pageSize: 1000 })) objects.push(page);
    expect(objects).toHaveLength(1);
    expect(objects[0]?.nextContinuationToken).toBeUndefined();
  });
});

describe('every generated paginator against the emulator', () => {
  it('each one whose input needs nothing walks its generic answer (a short last page) in one request and yields its item', async () => {
    const exports = ensClient as unknown as Record<string, unknown>;
    const pagings = Object.entries(exports)
      .filter(([name]) => name.endsWith('Paging'))
      .map(([, value]) => value as Paging);
    expect(pagings).toHaveLength(32);
    const sent: string[] = [];
    const bare = new EnsBareClient({
      endpoint: emulator.url,
      credentials: DEMO_ACCESS_KEY,
      hooks: { onRequest: ({ action }) => void sent.push(action) },
    });
    clients.push(bare);
    const walked: string[] = [];
    for (const paging of pagings) {
      const schema = (
        (ensModels as unknown as Record<string, unknown>)[
          `${paging.action[0]!.toLowerCase()}${paging.action.slice(1)}InputSchema`
        ] as () => {
          safeParse(input: unknown): { success: boolean };
        }
      )();
      if (!schema.safeParse({}).success || paging.action === 'DescribeSecurityGroups') continue; // required input
      const paginate = exports[`paginate${paging.action}`] as (client: EnsBareClient) => Paginator<unknown, unknown>;
      sent.length = 0;
      const items = [];
      for await (const item of paginate(bare).items()) items.push(item);
      // Without a total, a known page size or a token, only an empty second page proves the end (DescribeSelfImages).
      const blind =
        paging.kind === 'pageNumber' &&
        paging.totalCount === undefined &&
        paging.outputPageSize === undefined &&
        paging.maxPageSize === undefined;
      expect(sent, paging.action).toEqual(Array(blind ? 2 : 1).fill(paging.action));
      expect(items, paging.action).toHaveLength(1);
      walked.push(paging.action);
    }
    expect(walked).toHaveLength(WALKED);
  });
});

describe('token paging against a loopback server', () => {
  /** A server answering ListTagResources with the given NextTokens in turn; records the NextToken of each request. */
  async function tokenServer(tokens: readonly (string | undefined)[]) {
    const received: (string | null)[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://loopback');
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        received.push(url.searchParams.get('NextToken') ?? form.get('NextToken'));
        const next = tokens[received.length - 1];
        const body = JSON.stringify({
          RequestId: `R${received.length}`,
          TagResources: [{ ResourceId: `i-${received.length}`, ResourceType: 'instance', TagKey: 'k', TagValue: 'v' }],
          ...(next === undefined ? {} : { NextToken: next }),
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const bare = new EnsBareClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: DEMO_ACCESS_KEY,
    });
    clients.push(bare);
    return { bare, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('sends each NextToken back and stops when none comes', async () => {
    const { bare, received, close } = await tokenServer(['t1', 't2', undefined]);
    const ids = [];
    for await (const tag of paginateListTagResources(bare, { resourceType: 'instance' }).items())
      ids.push(tag.resourceId);
    expect(ids).toEqual(['i-1', 'i-2', 'i-3']);
    expect(received).toEqual([null, 't1', 't2']);
    await close();
  });

  it('a repeating token ends in EnsPaginationError after the pages before it, not in a loop', async () => {
    const { bare, received, close } = await tokenServer(['t1', 't2', 't2', 't3']);
    const pages: unknown[] = [];
    const walk = async () => {
      for await (const page of paginateListTagResources(bare, { resourceType: 'instance' })) pages.push(page);
    };
    const error = await walk().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsPaginationError);
    expect(error).toMatchObject({ operation: 'ListTagResources', pages: 3 });
    expect((error as Error).message).toContain('answered a nextToken it had already given ("t2") after page 3');
    expect(pages).toHaveLength(3);
    expect(received).toEqual([null, 't1', 't2']);
    await close();
  });
});
