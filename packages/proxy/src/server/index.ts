/**
 * `@ensdk/proxy/server`: the server half of the proxy. The browser calls it; it validates, signs through an
 * `@ensdk/client` client (which holds the AccessKey) and forwards. Credentials never reach the browser.
 * Two entry points over one decision core: `createEnsProxyListener` (native `node:http`) and
 * `createEnsProxyHandler` (fetch-standard; `toNodeListener` adapts any such handler to `node:http`).
 */
export type { EnsProxyCorsOptions, EnsProxyOptions, EnsProxyUpstream } from './core.js';
export { createEnsProxyHandler } from './handler.js';
export type { EnsProxyHandler, EnsProxyHandlerOptions } from './handler.js';
export { createEnsProxyListener } from './listener.js';
export type { EnsProxyListener, EnsProxyListenerOptions } from './listener.js';
export { toNodeListener } from './node.js';
export type { EnsNodeListenerOptions } from './node.js';
export { EnsProxyError } from './errors.js';
export type { EnsProxyErrorCode } from './errors.js';
