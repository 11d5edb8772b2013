/**
 * `@ensdk/proxy`: browser access to Alibaba Cloud ENS through your own signing proxy. The browser holds no
 * AccessKey and signs nothing; inputs are validated in the browser by the same constraints as `@ensdk/client`
 * (without zod), and errors arrive as the same `@ensdk/errors` classes.
 *
 * ```ts
 * const ens = createEnsBrowserClient({ baseUrl: '/api/ens' });
 * await ens.revokeSecurityGroupEgress({ securityGroupId, ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' });
 * ```
 */
import { EnsBrowserClient } from './generated/client.gen.js';
import type { EnsBrowserClientOptions } from './core/browserClient.js';

export * from './generated/operations/index.gen.js';
export * from './generated/functions/index.gen.js';
export * from './generated/paginators/index.gen.js';
export { Paginator } from '@ensdk/client/pagination';
export type { PaginationOptions, Paging } from '@ensdk/client/pagination';
export { EnsBrowserClient } from './generated/client.gen.js';
export { EnsBrowserBareClient } from './core/browserClient.js';
export type {
  EnsBrowserCall,
  EnsBrowserClientOptions,
  EnsBrowserFunction,
  EnsBrowserRequestOptions,
  EnsFetchCredentials,
} from './core/browserClient.js';
export type { ProxyOperation } from './core/proxyOperation.js';
export type { EnsBrowserPaginator } from './core/paginator.js';

/** Creates the browser client with a method per operation (`EnsBrowserClient`). */
export function createEnsBrowserClient(options: EnsBrowserClientOptions): EnsBrowserClient {
  return new EnsBrowserClient(options);
}
