/**
 * `@ensdk/proxy`: browser-safe access to Alibaba Cloud ENS through your own signing proxy. This release
 * carries the generated per-operation descriptors (types, validation schema, error classes); the browser
 * client and the server handler land next.
 */
export * from './generated/operations/index.gen.js';
export type { ProxyOperation } from './core/proxyOperation.js';
