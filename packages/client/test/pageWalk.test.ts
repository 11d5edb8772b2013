import { describe, expect, it } from 'vitest';
import { EnsAbortError, EnsPaginationError, EnsValidationError } from '@ensdk/errors';
import { PageWalk, type PageWalkErrors } from '../src/pageWalk.js';
import { Paginator } from '../src/pagination.js';
import { BY_NUMBER, BY_TOKEN, collect, numberedService } from './support/paging.js';

// PageWalk is Paginator with its error classes handed in (so @ensdk/client/page-walk imports no value). Classes of
// our own, distinct from @ensdk/errors' (subclasses, so they fit the types), prove the walk throws the ones it is given.
class HandedAbortError extends EnsAbortError {}
class HandedPaginationError extends EnsPaginationError {}
class HandedValidationError extends EnsValidationError {}
const HANDED: PageWalkErrors = {
  EnsAbortError: HandedAbortError,
  EnsPaginationError: HandedPaginationError,
  EnsValidationError: HandedValidationError,
};

describe('PageWalk (error classes handed in)', () => {
  it('walks pages by number as Paginator does: the same requests, pages and items', async () => {
    const walked = numberedService(120);
    const paginated = numberedService(120);
    const options = { pageSize: 50 };
    const items = await collect(
      new PageWalk<unknown, { id: string }>(HANDED, BY_NUMBER, walked.request, {}, options).items(),
    );
    const reference = await collect(
      new Paginator<unknown, { id: string }>(BY_NUMBER, paginated.request, {}, options).items(),
    );
    expect(items).toEqual(Array.from({ length: 120 }, (_, n) => ({ id: `item-${n + 1}` })));
    expect(items).toEqual(reference);
    expect(walked.requests).toEqual(paginated.requests);
    expect(walked.requests.map((r) => r['pageNumber'])).toEqual([1, 2, 3]);
  });

  it('throws the handed-in EnsPaginationError when the service repeats a token', async () => {
    const tokens = ['t1', 't2', 't1'];
    let calls = 0;
    const request = async () => ({ things: [calls], nextToken: tokens[calls++] });
    const pages: unknown[] = [];
    const walk = async () => {
      for await (const page of new PageWalk(HANDED, BY_TOKEN, request, {}, {})) pages.push(page);
    };
    const error = await walk().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HandedPaginationError);
    expect(error).toMatchObject({ operation: 'ListThings', pages: 3 });
    expect(pages).toHaveLength(3);
    // Paginator throws @ensdk/errors' own class, not the one handed to PageWalk.
    calls = 0;
    const own = await collect(new Paginator(BY_TOKEN, request, {}, {})).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(own).toBeInstanceOf(EnsPaginationError);
    expect(own).not.toBeInstanceOf(HandedPaginationError);
  });

  it('throws the handed-in validation and abort errors', async () => {
    expect(() => new PageWalk(HANDED, BY_NUMBER, async () => ({}), {}, { maxPages: 0 })).toThrow(HandedValidationError);
    const controller = new AbortController();
    controller.abort();
    await expect(
      collect(new PageWalk(HANDED, BY_NUMBER, async () => ({}), {}, { signal: controller.signal })),
    ).rejects.toBeInstanceOf(HandedAbortError);
  });
});
