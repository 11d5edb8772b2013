import type { PageRequest, PageWalk, PaginationOptions, Paging } from '@ensdk/client/page-walk';
import { checkIntegerOption } from '@ensdk/client/validation';
import { EnsAbortError, EnsError, EnsPaginationError, EnsValidationError } from '@ensdk/errors';
import { beforeDeadline, callDeadline, type EnsBrowserRequestOptions } from './browserClient.js';

/** The walk's module while it loads or once it has (`undefined` again after a load that failed: the next walk retries). */
let walkModule: Promise<typeof import('@ensdk/client/page-walk')> | undefined;

/**
 * `@ensdk/client/page-walk` by `import()`: a chunk of its own (the module imports no value, so a bundler moves nothing
 * of the page into it), loaded by the first walk of any paginator. A load that fails fails the walk with an `EnsError`
 * and is forgotten.
 */
function loadWalk(): Promise<typeof import('@ensdk/client/page-walk')> {
  walkModule ??= import('@ensdk/client/page-walk').catch((cause: unknown) => {
    walkModule = undefined;
    throw new EnsError(`Loading the browser client's code for paginators failed: ${String(cause)}`, { cause });
  });
  return walkModule;
}

/** The error classes the walk throws, handed in (its module imports none). */
const WALK_ERRORS = { EnsAbortError, EnsPaginationError, EnsValidationError };

/**
 * What `EnsBrowserClient`'s `paginateX(input, options)` returns at once: a walk that starts once the operation's
 * paging (with its group of operations) and the walk's code (`@ensdk/client/page-walk`) have loaded: the page carries
 * neither. Iterate it with `for await` for the pages, or `.items()` for the items of every page; each walk starts again
 * from the first page, and pages, stops and fails as `Paginator` of `@ensdk/client/pagination` does. Its options are
 * checked when a walk starts, on the first `next()` (an `EnsValidationError`, before any request).
 */
export interface EnsBrowserPaginator<Output, Item> extends AsyncIterable<Output> {
  [Symbol.asyncIterator](): AsyncGenerator<Output, void, undefined>;
  /** The items of every page, in order, walking as many pages as needed. */
  items(): AsyncGenerator<Item, void, undefined>;
}

/**
 * An {@link EnsBrowserPaginator} over `request` (one ordinary call of the operation): each walk waits for `paging` and
 * the walk's module (`options.signal` and the time limit `timeoutMs` end the wait: `EnsAbortError`, `EnsTimeoutError`),
 * then walks as `new Paginator(paging, request, input, options)` does, with copies of `input` and `options` taken now,
 * as that constructor takes them.
 */
export function lazyPaginator<Output, Item>(
  paging: () => Promise<Paging>,
  request: PageRequest<EnsBrowserRequestOptions, Output>,
  input: object,
  options: PaginationOptions & EnsBrowserRequestOptions,
  timeoutMs: number,
): EnsBrowserPaginator<Output, Item> {
  const copies = [{ ...input }, { ...options }] as const;
  const paginator = async (): Promise<PageWalk<Output, Item, EnsBrowserRequestOptions>> => {
    // Checked with the other options, when a walk starts (a throw here rejects the walk, before any request).
    const deadline = callDeadline(checkIntegerOption('request options.timeoutMs', timeoutMs), options.signal);
    try {
      // Whichever ends the wait first (the loads, the time limit, the signal) takes the timer and the listener off at
      // once: a load that outlasts the wait must not keep either until it settles.
      const [loaded, { PageWalk }] = await beforeDeadline(Promise.all([paging(), loadWalk()]), deadline.signal);
      return new PageWalk(WALK_ERRORS, loaded, request, ...copies);
    } finally {
      deadline.end();
    }
  };
  return {
    async *[Symbol.asyncIterator]() {
      yield* await paginator();
    },
    async *items() {
      yield* (await paginator()).items();
    },
  };
}
