import { describe, expect, it } from 'vitest';
import { EnsAbortError, EnsPaginationError, EnsValidationError } from '@ensdk/errors';
import { type PageNumberPaging, Paginator } from '../src/pagination.js';
import { BY_NUMBER, BY_TOKEN, collect, numberedService } from './support/paging.js';

describe('Paginator by page number', () => {
  it('walks 250 items in 5 pages of the maximum size, and stops on the total without a sixth request', async () => {
    const service = numberedService(250);
    const pages = await collect(new Paginator(BY_NUMBER, service.request, {}, {}));
    expect(pages).toHaveLength(5);
    expect(service.requests.map((r) => [r['pageNumber'], r['pageSize']])).toEqual([
      [1, 50],
      [2, 50],
      [3, 50],
      [4, 50],
      [5, 50],
    ]);
  });

  it('yields the items of every page in order, once each', async () => {
    const service = numberedService(123);
    const items = await collect(new Paginator<unknown, { id: string }>(BY_NUMBER, service.request, {}, {}).items());
    expect(items.map((i) => i.id)).toEqual(Array.from({ length: 123 }, (_, n) => `item-${n + 1}`));
    expect(service.requests).toHaveLength(3); // 50 + 50 + a short 23
  });

  it('stops on a short page when the answer has no total count', async () => {
    const service = numberedService(61, { totalCount: false });
    const pages = await collect(new Paginator(BY_NUMBER, service.request, {}, { pageSize: 20 }));
    expect(pages).toHaveLength(4); // 20, 20, 20, 1
  });

  it('stops on an empty page when a full last page leaves nothing to tell', async () => {
    const service = numberedService(40, { totalCount: false });
    const pages = await collect(new Paginator(BY_NUMBER, service.request, {}, { pageSize: 20 }));
    expect(pages).toHaveLength(3); // 20, 20, then the empty page that proves the end
  });

  it('reads counts sent as strings and sends the page number and size as the operation types them', async () => {
    const service = numberedService(30, { asStrings: true });
    const paging: PageNumberPaging = { ...BY_NUMBER, pageNumberType: 'string', pageSizeType: 'string' };
    const pages = await collect(new Paginator(paging, service.request, {}, { pageSize: 20 }));
    expect(pages).toHaveLength(2);
    expect(service.requests.map((r) => [r['pageNumber'], r['pageSize']])).toEqual([
      ['1', '20'],
      ['2', '20'],
    ]);
  });

  it("starts at the input's page number, keeps the caller's other input, and counts the skipped pages", async () => {
    const service = numberedService(100);
    const pages = await collect(
      new Paginator(BY_NUMBER, service.request, { pageNumber: 3, name: 'x' }, { pageSize: 25 }),
    );
    expect(pages).toHaveLength(2);
    expect(service.requests).toEqual([
      { pageNumber: 3, pageSize: 25, name: 'x' },
      { pageNumber: 4, pageSize: 25, name: 'x' },
    ]);
  });

  it('without a maximum page size sends none and uses the size the answer reports', async () => {
    const service = numberedService(25);
    const { maxPageSize: _, ...paging } = BY_NUMBER;
    const pages = await collect(new Paginator(paging, service.request, {}, {}));
    expect(pages).toHaveLength(3); // the service's default of 10: 10, 10, 5
    expect(service.requests.every((r) => !('pageSize' in r))).toBe(true);
  });

  it('maxPages stops early; each walk starts from the first page again', async () => {
    const service = numberedService(250);
    const paginator = new Paginator(BY_NUMBER, service.request, {}, { maxPages: 2 });
    expect(await collect(paginator)).toHaveLength(2);
    expect(await collect(paginator.items())).toHaveLength(100);
    expect(service.requests.map((r) => r['pageNumber'])).toEqual([1, 2, 1, 2]);
  });

  it('rejects a bad pageSize or maxPages before any request, naming the option and the rule', () => {
    const service = numberedService(10);
    const attempt = (options: object) => () => new Paginator(BY_NUMBER, service.request, {}, options);
    expect(attempt({ pageSize: 51 })).toThrow(EnsValidationError);
    expect(attempt({ pageSize: 51 })).toThrow('Invalid input for DescribeThings: pageSize: must be at most 50');
    expect(attempt({ pageSize: 0 })).toThrow('pageSize: must be a positive integer');
    expect(attempt({ pageSize: 2.5 })).toThrow('pageSize: must be a positive integer');
    expect(attempt({ maxPages: 0 })).toThrow('maxPages: must be a positive integer');
    expect(service.requests).toHaveLength(0);
  });

  it('an aborted signal stops before the next page, and before the first', async () => {
    const service = numberedService(250);
    const controller = new AbortController();
    const seen: unknown[] = [];
    const walk = async () => {
      for await (const page of new Paginator(BY_NUMBER, service.request, {}, { signal: controller.signal })) {
        seen.push(page);
        if (seen.length === 2) controller.abort(new Error('enough'));
      }
    };
    await expect(walk()).rejects.toBeInstanceOf(EnsAbortError);
    expect(service.requests).toHaveLength(2);
    await expect(walk()).rejects.toBeInstanceOf(EnsAbortError);
    expect(service.requests).toHaveLength(2);
  });

  it('passes the request options (signal included) to every call, and not the paging options', async () => {
    const seen: object[] = [];
    const controller = new AbortController();
    const request = async (_input: object, options: object) => {
      seen.push(options);
      return { totalCount: 1, things: { thing: [{}] } };
    };
    await collect(
      new Paginator<unknown, unknown, { signal?: AbortSignal; timeoutMs?: number }>(
        BY_NUMBER,
        request,
        {},
        { timeoutMs: 5, signal: controller.signal, maxPages: 3, pageSize: 5 },
      ),
    );
    expect(seen).toEqual([{ timeoutMs: 5, signal: controller.signal }]);
  });
});

/** A token-paged operation answering the given tokens in turn (`undefined`: no token, the last page). */
function tokenService(tokens: readonly (string | undefined)[]) {
  const requests: Record<string, unknown>[] = [];
  const request = async (input: object) => {
    const i = input as Record<string, unknown>;
    requests.push(i);
    const next = tokens[requests.length - 1];
    return { things: [requests.length], ...(next === undefined ? {} : { nextToken: next }) };
  };
  return { request, requests };
}

describe('Paginator by token', () => {
  it('sends each token once and stops when none comes back', async () => {
    const service = tokenService(['t1', 't2', undefined]);
    const items = await collect(new Paginator(BY_TOKEN, service.request, { filter: 'a' }, { pageSize: 7 }).items());
    expect(items).toEqual([1, 2, 3]);
    expect(service.requests).toEqual([
      { filter: 'a', maxResults: 7 },
      { filter: 'a', maxResults: 7, nextToken: 't1' },
      { filter: 'a', maxResults: 7, nextToken: 't2' },
    ]);
  });

  it('an empty token ends the walk too', async () => {
    const service = tokenService(['t1', '']);
    expect(await collect(new Paginator(BY_TOKEN, service.request, {}, {}))).toHaveLength(2);
  });

  it('a repeated token ends in EnsPaginationError after the pages before it, not in a loop', async () => {
    const service = tokenService(['t1', 't2', 't1', 't9']);
    const pages: unknown[] = [];
    const walk = async () => {
      for await (const page of new Paginator(BY_TOKEN, service.request, {}, {})) pages.push(page);
    };
    const error = await walk().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsPaginationError);
    expect(error).toMatchObject({ operation: 'ListThings', pages: 3, retryable: false });
    expect((error as Error).message).toBe(
      'ListThings answered a nextToken it had already given ("t1") after page 3: stopped instead of walking in a loop',
    );
    expect(pages).toHaveLength(3);
    expect(service.requests).toHaveLength(3);
  });

  it("a token equal to the caller's starting token is a repeat too", async () => {
    const service = tokenService(['start']);
    await expect(collect(new Paginator(BY_TOKEN, service.request, { nextToken: 'start' }, {}))).rejects.toThrow(
      EnsPaginationError,
    );
    expect(service.requests).toEqual([{ nextToken: 'start' }]);
  });

  it('a page size where the operation takes none is a validation error', () => {
    const { pageSize: _, pageSizeType: __, ...paging } = BY_TOKEN;
    expect(() => new Paginator(paging, tokenService([]).request, {}, { pageSize: 5 })).toThrow(
      'pageSize: ListThings takes no page size',
    );
  });
});
