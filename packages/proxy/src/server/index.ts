/**
 * `@ensdk/proxy/server`: the server half of the proxy. The browser calls it; it validates, signs through an
 * `@ensdk/client` client (which holds the AccessKey) and forwards. Credentials never reach the browser.
 */
export { createEnsProxyHandler } from './handler.js';
export type { EnsProxyCorsOptions, EnsProxyHandler, EnsProxyHandlerOptions, EnsProxyUpstream } from './handler.js';
export { toNodeListener } from './node.js';
export type { EnsNodeListenerOptions } from './node.js';
export { EnsProxyError } from './errors.js';
export type { EnsProxyErrorCode } from './errors.js';
