/**
 * `@ensdk/client/page-walk`: the generic page walk ({@link PageWalk}) and the paging types, for code that loads the
 * walk lazily, e.g. `import('@ensdk/client/page-walk')` in a browser client, so that a page that never paginates
 * carries none of it. The module imports nothing: not even its error classes, which the caller hands in
 * ({@link PageWalkErrors}, normally those of `@ensdk/errors/base`), so a bundler makes it a chunk of its own that
 * pulls no shared module out of the page. It is shipped as one self-contained file, a copy of the walk that
 * `Paginator` (`@ensdk/client/pagination`, the same walk with those classes built in) extends in the client's own
 * build: so `instanceof PageWalk` with this module's class does not hold for a `Paginator` (`import` and `require` of
 * this entry give the same class). Code that imports the client anyway wants `Paginator`.
 */
export {
  type PageNumberPaging,
  type PageRequest,
  PageWalk,
  type PageWalkErrors,
  type Paging,
  type PagingValueType,
  type PaginationOptions,
  type TokenPaging,
} from './core/pageWalk.js';
