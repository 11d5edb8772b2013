import { EnsAbortError, EnsPaginationError, EnsValidationError } from '@ensdk/errors/base';
import { type PageRequest, PageWalk, type PageWalkErrors, type PaginationOptions, type Paging } from './pageWalk.js';

export type {
  PageNumberPaging,
  PageRequest,
  PageWalkErrors,
  Paging,
  PagingValueType,
  PaginationOptions,
  TokenPaging,
} from './pageWalk.js';

/** The error classes of `@ensdk/errors/base`, which every {@link Paginator} throws. */
const ERRORS: PageWalkErrors = { EnsAbortError, EnsPaginationError, EnsValidationError };

/**
 * Walks the pages of one operation. Iterate it with `for await` for the pages, or `.items()` for the items of
 * every page; each walk starts again from the first page. Each page is one ordinary call (validated, retried,
 * typed errors). It stops after the last item the total count announces, on a short or empty page, when no
 * continuation token comes back, or after `maxPages`; a token the service repeats ends in `EnsPaginationError`
 * instead of a loop, and the `signal` stops it at once (`EnsAbortError`). No Node built-ins: browsers use it too.
 * It is {@link PageWalk} with the error classes of `@ensdk/errors/base`.
 */
export class Paginator<
  Output,
  Item,
  RequestOptions extends { readonly signal?: AbortSignal } = { readonly signal?: AbortSignal },
> extends PageWalk<Output, Item, RequestOptions> {
  /**
   * @throws `EnsValidationError` when `pageSize` or `maxPages` is not a positive integer, or `pageSize` is above the
   * operation's maximum (before any request).
   */
  constructor(
    paging: Paging,
    request: PageRequest<RequestOptions, Output>,
    input: object,
    options: PaginationOptions & RequestOptions,
  ) {
    super(ERRORS, paging, request, input, options);
  }
}
