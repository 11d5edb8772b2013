/**
 * How the emulator pages the example answer of an operation it does not model (generated in `examples.gen.ts`
 * from the same paging the client's paginators use). Input members are camelCase, answer members wire names.
 */
export type ExamplePaging =
  | {
      readonly kind: 'pageNumber';
      /** Input member with the page number (from 1). */
      readonly pageNumber: string;
      /** Input member with the page size. */
      readonly pageSize: string;
      /** Wire path of the list in the answer. */
      readonly items: readonly string[];
      readonly totalCount?: string;
      readonly outputPageNumber?: string;
      readonly outputPageSize?: string;
    }
  | {
      readonly kind: 'token';
      readonly items: readonly string[];
      /** Answer member with the next token. */
      readonly outputToken: string;
    };

/** The same kind of value as the example held: the metadata types some counts as strings. */
function like(example: unknown, value: number): number | string {
  return typeof example === 'string' ? String(value) : value;
}

/**
 * The example answer as a short last page: page 1 holds the example's list and a total count equal to its length,
 * a later page is empty, and a token-paged answer carries no next token. So a paginator walking a generic operation
 * stops after one page, as against a real service with that few items.
 */
export function exampleAsLastPage(
  example: Readonly<Record<string, unknown>>,
  paging: ExamplePaging,
  input: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const body = structuredClone(example) as Record<string, unknown>;
  if (paging.kind === 'token') {
    delete body[paging.outputToken];
    return body;
  }
  const page = Number(input[paging.pageNumber] ?? 1);
  let parent: Record<string, unknown> | undefined = body;
  for (const key of paging.items.slice(0, -1)) {
    const next: unknown = parent?.[key];
    parent = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : undefined;
  }
  const last = paging.items.at(-1) ?? '';
  const list = parent?.[last];
  const total = Array.isArray(list) ? list.length : 0;
  if (parent !== undefined && page > 1) parent[last] = [];
  if (paging.totalCount !== undefined) body[paging.totalCount] = like(body[paging.totalCount], total);
  if (paging.outputPageNumber !== undefined) body[paging.outputPageNumber] = like(body[paging.outputPageNumber], page);
  const size = input[paging.pageSize];
  if (paging.outputPageSize !== undefined && size !== undefined)
    body[paging.outputPageSize] = like(body[paging.outputPageSize], Number(size));
  return body;
}
