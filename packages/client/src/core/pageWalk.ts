// The generic page walk behind every paginator. This module imports types only (no value at all): its error classes
// are handed in, so `@ensdk/client/page-walk` can be built as one file that loads nothing (tools/release/src/
// standaloneEntry.mjs), and a browser page that never pages need not carry it. Keep it so: that build fails when this
// module (or what it imports) imports a package.
import type { EnsAbortError, EnsPaginationError, EnsValidationError, EnsValidationIssue } from '@ensdk/errors/base';

/** A page size or page number as the operation's input types it: some ENS operations take them as strings. */
export type PagingValueType = 'integer' | 'string';

/**
 * How an operation pages by number: request `pageNumber` (from 1) and `pageSize`; the answer holds one list and,
 * usually, the total count. Generated from the metadata; member names are camelCase.
 */
export interface PageNumberPaging {
  readonly kind: 'pageNumber';
  /** The operation's action name, for errors. */
  readonly action: string;
  /** Input member holding the page number. */
  readonly pageNumber: string;
  readonly pageNumberType: PagingValueType;
  /** Input member holding the page size. */
  readonly pageSize: string;
  readonly pageSizeType: PagingValueType;
  /** Largest page size the metadata allows: the default page size. Absent: the service's own default is used. */
  readonly maxPageSize?: number;
  /** Output member with the total number of items, when the answer has one. */
  readonly totalCount?: string;
  /** Output member echoing the page size, when the answer has one. */
  readonly outputPageSize?: string;
  /** Path of output members to the list of items, e.g. `['securityGroups', 'securityGroup']`. */
  readonly items: readonly string[];
}

/** How an operation pages by continuation token: send the token the previous answer gave, until none comes back. */
export interface TokenPaging {
  readonly kind: 'token';
  readonly action: string;
  /** Input member taking the token. */
  readonly inputToken: string;
  /** Output member giving the next token. */
  readonly outputToken: string;
  /** Input member holding the page size, when the operation has one. */
  readonly pageSize?: string;
  readonly pageSizeType?: PagingValueType;
  readonly maxPageSize?: number;
  readonly items: readonly string[];
}

/** How one operation pages. */
export type Paging = PageNumberPaging | TokenPaging;

/** Options of a paginator, besides the per-request options of the client it calls through. */
export interface PaginationOptions {
  /** Items per page; default the largest the metadata allows (else the service's default). Validated like any input. */
  readonly pageSize?: number;
  /** Stops after this many pages (a positive integer); default no limit. */
  readonly maxPages?: number;
  /** Aborts the walk: the request in flight, a retry's backoff, and every page after (`EnsAbortError`). */
  readonly signal?: AbortSignal;
}

/**
 * One ordinary call of the paged operation with the input of one page (the caller's input plus the page number or
 * token and the page size): validation, retries and typed errors are the client's.
 */
export type PageRequest<RequestOptions, Output> = (input: object, options: RequestOptions) => Promise<Output>;

/**
 * The error classes a {@link PageWalk} throws, handed in by its caller (normally those of `@ensdk/errors/base`), so
 * that the walk's module imports no value: a bundler can then make it a chunk of its own that shares no module with
 * the page that loads it.
 */
export interface PageWalkErrors {
  /** Thrown when the walk's `signal` aborts it. */
  readonly EnsAbortError: typeof EnsAbortError;
  /** Thrown when the service repeats a continuation token (the walk would loop). */
  readonly EnsPaginationError: typeof EnsPaginationError;
  /** Thrown by the constructor for an invalid `pageSize` or `maxPages`. */
  readonly EnsValidationError: typeof EnsValidationError;
}

function read(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A count the service sent as a number or as a numeric string (some ENS answers type them as strings). */
function count(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function typed(value: number, type: PagingValueType | undefined): number | string {
  return type === 'string' ? String(value) : value;
}

function checkOptions(errors: PageWalkErrors, paging: Paging, options: PaginationOptions): void {
  const issues: EnsValidationIssue[] = [];
  const { pageSize, maxPages } = options;
  if (pageSize !== undefined) {
    if (paging.pageSize === undefined) {
      issues.push({ path: 'pageSize', rule: 'paging', message: `${paging.action} takes no page size` });
    } else if (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1) {
      issues.push({ path: 'pageSize', rule: 'integer', message: 'must be a positive integer' });
    } else if (paging.maxPageSize !== undefined && pageSize > paging.maxPageSize) {
      issues.push({ path: 'pageSize', rule: 'maximum', message: `must be at most ${paging.maxPageSize}` });
    }
  }
  if (maxPages !== undefined && (typeof maxPages !== 'number' || !Number.isInteger(maxPages) || maxPages < 1)) {
    issues.push({ path: 'maxPages', rule: 'integer', message: 'must be a positive integer' });
  }
  if (issues.length > 0) throw new errors.EnsValidationError(issues, { operation: paging.action });
}

/**
 * Walks the pages of one operation. Iterate it with `for await` for the pages, or `.items()` for the items of
 * every page; each walk starts again from the first page. Each page is one ordinary call (validated, retried,
 * typed errors). It stops after the last item the total count announces, on a short or empty page, when no
 * continuation token comes back, or after `maxPages`; a token the service repeats ends in `EnsPaginationError`
 * instead of a loop, and the `signal` stops it at once (`EnsAbortError`). No Node built-ins: browsers use it too.
 */
export class PageWalk<
  Output,
  Item,
  RequestOptions extends { readonly signal?: AbortSignal } = { readonly signal?: AbortSignal },
> implements AsyncIterable<Output>
{
  readonly #errors: PageWalkErrors;
  readonly #paging: Paging;
  readonly #request: PageRequest<RequestOptions, Output>;
  readonly #input: Readonly<Record<string, unknown>>;
  readonly #pageSize: number | undefined;
  readonly #maxPages: number;
  readonly #requestOptions: RequestOptions;
  readonly #signal: AbortSignal | undefined;

  /**
   * @param errors - The error classes to throw (those of `@ensdk/errors/base`, or the same classes from a bundle).
   * @throws `EnsValidationError` when `pageSize` or `maxPages` is not a positive integer, or `pageSize` is above the
   * operation's maximum (before any request).
   */
  constructor(
    errors: PageWalkErrors,
    paging: Paging,
    request: PageRequest<RequestOptions, Output>,
    input: object,
    options: PaginationOptions & RequestOptions,
  ) {
    checkOptions(errors, paging, options);
    const { pageSize, maxPages, ...requestOptions } = options;
    this.#errors = errors;
    this.#paging = paging;
    this.#request = request;
    this.#input = { ...(input as Record<string, unknown>) };
    this.#pageSize = pageSize ?? paging.maxPageSize;
    this.#maxPages = maxPages ?? Number.POSITIVE_INFINITY;
    this.#requestOptions = requestOptions as unknown as RequestOptions;
    this.#signal = options.signal;
  }

  [Symbol.asyncIterator](): AsyncIterator<Output> {
    return this.#paging.kind === 'pageNumber' ? this.#byNumber(this.#paging) : this.#byToken(this.#paging);
  }

  /** The items of every page, in order, walking as many pages as needed. */
  async *items(): AsyncGenerator<Item, void, undefined> {
    for await (const page of this) {
      const list = read(page, this.#paging.items);
      if (Array.isArray(list)) yield* list as Item[];
    }
  }

  #checkAborted(): void {
    const signal = this.#signal;
    if (signal?.aborted) throw new this.#errors.EnsAbortError({ cause: signal.reason });
  }

  async *#byNumber(paging: PageNumberPaging): AsyncGenerator<Output, void, undefined> {
    const start = count(this.#input[paging.pageNumber]) ?? 1;
    const size = this.#pageSize;
    let seen = 0;
    for (let pages = 1, page = start; ; pages++, page++) {
      this.#checkAborted();
      const input = {
        ...this.#input,
        [paging.pageNumber]: typed(page, paging.pageNumberType),
        ...(size === undefined ? {} : { [paging.pageSize]: typed(size, paging.pageSizeType) }),
      };
      const output = await this.#request(input, this.#requestOptions);
      const list = read(output, paging.items);
      const received = Array.isArray(list) ? list.length : 0;
      seen += received;
      yield output;
      if (pages >= this.#maxPages || received === 0) return;
      const effectiveSize =
        size ?? (paging.outputPageSize === undefined ? undefined : count(read(output, [paging.outputPageSize])));
      if (effectiveSize !== undefined && received < effectiveSize) return;
      const total = paging.totalCount === undefined ? undefined : count(read(output, [paging.totalCount]));
      if (total !== undefined && (start - 1) * (effectiveSize ?? 0) + seen >= total) return;
    }
  }

  async *#byToken(paging: TokenPaging): AsyncGenerator<Output, void, undefined> {
    const size = this.#pageSize;
    const first = this.#input[paging.inputToken];
    let token = typeof first === 'string' && first !== '' ? first : undefined;
    const tokens = new Set<string>(token === undefined ? [] : [token]);
    for (let pages = 1; ; pages++) {
      this.#checkAborted();
      const input: Record<string, unknown> = { ...this.#input };
      if (token !== undefined) input[paging.inputToken] = token;
      if (size !== undefined && paging.pageSize !== undefined)
        input[paging.pageSize] = typed(size, paging.pageSizeType);
      const output = await this.#request(input, this.#requestOptions);
      yield output;
      if (pages >= this.#maxPages) return;
      const next = read(output, [paging.outputToken]);
      if (typeof next !== 'string' || next === '') return;
      if (tokens.has(next)) {
        throw new this.#errors.EnsPaginationError(
          `${paging.action} answered a ${paging.outputToken} it had already given ("${next}") after page ${pages}: ` +
            'stopped instead of walking in a loop',
          { operation: paging.action, pages },
        );
      }
      tokens.add(next);
      token = next;
    }
  }
}
