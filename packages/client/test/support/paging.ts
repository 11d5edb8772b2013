/** Paged operations for the paginator tests (pagination.test.ts, pageWalk.test.ts): pagings and fake services. */
import type { PageNumberPaging, TokenPaging } from '../../src/pageWalk.js';

/** A paged operation over `total` numbered items, answering like ENS: the page, its size and the total count. */
export function numberedService(total: number, options: { totalCount?: boolean; asStrings?: boolean } = {}) {
  const requests: Record<string, unknown>[] = [];
  const request = async (input: object) => {
    const i = input as Record<string, unknown>;
    requests.push(i);
    const page = Number(i['pageNumber']);
    const size = Number(i['pageSize'] ?? 10);
    const ids = Array.from({ length: total }, (_, n) => `item-${n + 1}`).slice((page - 1) * size, page * size);
    const count = (n: number) => (options.asStrings ? String(n) : n);
    return {
      pageNumber: count(page),
      pageSize: count(size),
      ...(options.totalCount === false ? {} : { totalCount: count(total) }),
      things: { thing: ids.map((id) => ({ id })) },
    };
  };
  return { request, requests };
}

/** DescribeThings: pages by number, at most 50 a page, the answer echoing its size and the total count. */
export const BY_NUMBER: PageNumberPaging = {
  kind: 'pageNumber',
  action: 'DescribeThings',
  maxPageSize: 50,
  pageNumber: 'pageNumber',
  pageNumberType: 'integer',
  pageSize: 'pageSize',
  pageSizeType: 'integer',
  totalCount: 'totalCount',
  outputPageSize: 'pageSize',
  items: ['things', 'thing'],
};

/** ListThings: pages by continuation token, its page size in `maxResults`. */
export const BY_TOKEN: TokenPaging = {
  kind: 'token',
  action: 'ListThings',
  inputToken: 'nextToken',
  outputToken: 'nextToken',
  pageSize: 'maxResults',
  pageSizeType: 'integer',
  items: ['things'],
};

/** Every value an async iterable yields, in order. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}
