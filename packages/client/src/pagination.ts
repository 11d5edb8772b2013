/**
 * `@ensdk/client/pagination`: the generic paginator behind every generated `paginate<Operation>` function, in Node
 * (`@ensdk/client`) and in browsers (`@ensdk/proxy`). No Node built-ins, no zod.
 */
export {
  type PageNumberPaging,
  type PageRequest,
  type Paging,
  type PagingValueType,
  type PaginationOptions,
  Paginator,
  type TokenPaging,
} from './core/pagination.js';
