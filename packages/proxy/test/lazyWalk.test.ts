/**
 * `EnsBrowserClient`'s paginators load the walk (`@ensdk/client/page-walk`) by `import()` when a walk starts. A load
 * that fails fails that walk with an `EnsError` saying so, and is forgotten: the next walk loads it again.
 */
import { EnsError } from '@ensdk/errors';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Paging } from '@ensdk/client/page-walk';

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

afterEach(() => {
  vi.doUnmock('@ensdk/client/page-walk');
  vi.resetModules();
});

describe('lazyPaginator: loading the walk', () => {
  it('fails a walk whose walk module does not load with an EnsError, and loads it again for the next walk', async () => {
    let loads = 0;
    const cause = new TypeError('Failed to fetch dynamically imported module: /assets/page-walk-x.js');
    vi.doMock('@ensdk/client/page-walk', async (importOriginal) => {
      loads++;
      if (loads === 1) throw cause;
      return importOriginal();
    });
    vi.resetModules();
    const { lazyPaginator } = await import('../src/core/paginator.js');
    const requests: object[] = [];
    const request = async (input: object): Promise<unknown> => {
      requests.push(input);
      return { things: ['a'], totalCount: 1 };
    };
    const walk = () => lazyPaginator<unknown, string>(async () => paging, request, {}, {}, 10_000);
    const failed = await walk()
      .items()
      .next()
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failed).toBeInstanceOf(EnsError);
    expect((failed as EnsError).message).toMatch(/^Loading the browser client's code for paginators failed: /);
    expect((failed as EnsError).cause).toBeDefined();
    expect(requests).toEqual([]);
    const items: string[] = [];
    for await (const item of walk().items()) items.push(item);
    expect(items).toEqual(['a']);
    expect(loads).toBe(2);
    expect(requests).toEqual([{ pageNumber: 1 }]);
  });
});
