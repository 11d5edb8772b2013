import { deferredProvider } from './deferredProvider.js';
import { checkCredentialsUri } from './providerChecks.js';
import type { CredentialsUriOptions, EnsCredentialsProvider } from './types.js';

/**
 * Credentials served at a URI (a sidecar, a vault agent): `GET uri` answers
 * `{"Code":"Success","AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}`. Cached and refreshed 15
 * minutes before expiry; concurrent callers share one refresh. Messages show the URI without its query.
 *
 * @example
 * ```ts
 * const ens = new EnsClient({ credentials: fromCredentialsUri({ uri: 'http://127.0.0.1:8700/credentials' }) });
 * ```
 */
export function fromCredentialsUri(options: CredentialsUriOptions = {}): EnsCredentialsProvider {
  const settings = checkCredentialsUri(options, process.env);
  return deferredProvider((loaded) => loaded.credentialsUriRefreshing(settings));
}
