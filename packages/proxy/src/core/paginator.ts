import { type PageRequest, type PaginationOptions, Paginator, type Paging } from '@ensdk/client/pagination';
import { checkIntegerOption } from '@ensdk/client/validation';
import { EnsAbortError, EnsTimeoutError } from '@ensdk/errors';
import type { EnsBrowserRequestOptions } from './browserClient.js';

/**
 * What `EnsBrowserClient`'s `paginateX(input, options)` returns at once: the walk of a `Paginator` that is made when a
 * walk starts, once the operation's paging has loaded (with its group of operations: the page carries no paging).
 * Iterate it with `for await` for the pages, or `.items()` for the items of every page; each walk starts again from the
 * first page, and pages, stops and fails as that `Paginator` does. Its options are checked when a walk starts, on the
 * first `next()` (an `EnsValidationError`, before any request).
 */
export interface EnsBrowserPaginator<Output, Item> extends AsyncIterable<Output> {
  [Symbol.asyncIterator](): AsyncGenerator<Output, void, undefined>;
  /** The items of every page, in order, walking as many pages as needed. */
  items(): AsyncGenerator<Item, void, undefined>;
}

/**
 * An {@link EnsBrowserPaginator} over `request` (one ordinary call of the operation): each walk waits for `paging`
 * (`options.signal` and the time limit `timeoutMs` end the wait: `EnsAbortError`, `EnsTimeoutError`), then walks as
 * `new Paginator(paging, request, input, options)` does, with copies of `input` and `options` taken now, as that
 * constructor takes them.
 */
export function lazyPaginator<Output, Item>(
  paging: () => Promise<Paging>,
  request: PageRequest<EnsBrowserRequestOptions, Output>,
  input: object,
  options: PaginationOptions & EnsBrowserRequestOptions,
  timeoutMs: number,
): EnsBrowserPaginator<Output, Item> {
  const copies = [{ ...input }, { ...options }] as const;
  const paginator = (): Promise<Paginator<Output, Item, EnsBrowserRequestOptions>> =>
    new Promise<Paging>((resolve, reject) => {
      // Checked with the other options, when a walk starts (a throw here rejects the walk, before any request).
      checkIntegerOption('request options.timeoutMs', timeoutMs);
      const { signal } = options;
      if (signal?.aborted) {
        reject(new EnsAbortError({ cause: signal.reason }));
        return;
      }
      // Whichever ends the wait first (the load, the time limit, the signal) takes the timer and the listener off at
      // once: a load that outlasts the wait must not keep either until it settles.
      const ended = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        ended();
        reject(new EnsAbortError({ cause: signal?.reason }));
      };
      const timer = setTimeout(() => {
        ended();
        reject(new EnsTimeoutError(timeoutMs));
      }, timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      paging().then(
        (loaded) => {
          ended();
          resolve(loaded);
        },
        (error: unknown) => {
          ended();
          reject(error);
        },
      );
    }).then((loaded) => new Paginator(loaded, request, ...copies));
  return {
    async *[Symbol.asyncIterator]() {
      yield* await paginator();
    },
    async *items() {
      yield* (await paginator()).items();
    },
  };
}
