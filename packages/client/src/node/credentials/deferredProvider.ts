/**
 * The credential providers' work (the chain's search, the CLI and INI files, STS, the ECS metadata service, a
 * credentials URI, refreshing) is loaded on the first credential resolution, not with the package: a cold
 * `import('@ensdk/client')` would otherwise compile it, and a program with fixed keys never runs it. What a
 * provider factory checks (its options, before any I/O) stays here, synchronous as before. @internal
 */
import { EnsCredentialsError } from '@ensdk/errors/base';
import { loadFailureMessage, loadOnce } from '../loadOnce.js';
import type { CredentialsRequestOptions, EnsCredentials, EnsCredentialsProvider } from './types.js';

/** The module of the providers' work: what {@link deferredProvider} builds a provider with. @internal */
export type LoadedProviders = typeof import('./providersLoaded.js');

/**
 * Loads the providers' work once, by an `import()` of a literal path (bundlers follow it into a chunk). A failed load
 * rejects the resolutions waiting on it with an `EnsCredentialsError` saying the installation looks broken (its
 * `cause` the loader's error) and is forgotten (`loadOnce`): the next resolution loads again.
 * @internal
 */
export const loadProviders: () => Promise<LoadedProviders> = loadOnce(() =>
  import('./providersLoaded.js').catch((error: unknown) => {
    throw new EnsCredentialsError(loadFailureMessage('its credential providers', error), { cause: error });
  }),
);

/**
 * A provider built by `build` on its first call, once the providers' work has loaded; concurrent first calls share
 * the one built, and later calls go to it directly (a load that failed is tried again by the next call). `build`
 * only assembles what the factory already checked.
 * @internal
 */
export function deferredProvider(build: (loaded: LoadedProviders) => EnsCredentialsProvider): EnsCredentialsProvider {
  let built: EnsCredentialsProvider | undefined;
  const building = loadOnce(() => loadProviders().then((loaded) => (built ??= build(loaded))));
  return (call?: CredentialsRequestOptions): Promise<EnsCredentials> =>
    built !== undefined ? built(call) : building().then((provider) => provider(call));
}
