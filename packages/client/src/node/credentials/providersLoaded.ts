/**
 * The credential providers' work, which `loadProviders` (deferredProvider.ts) loads by `import()` on the first
 * resolution: the default chain's search and its sources, and the refreshes of the temporary-credential providers.
 * @internal
 */
export { findCredentials } from './chainSearch.js';
export { cliProfileSource } from './cliProfile.js';
export { ecsRamRoleRefreshing } from './ecsMetadata.js';
export { environmentSource } from './environment.js';
export { credentialsFileSource } from './iniFile.js';
export { providerOf, resolvingProvider } from './internal.js';
export { oidcRoleRefreshing, ramRoleRefreshing } from './roleRefresh.js';
export { credentialsUriRefreshing } from './uriRefresh.js';
