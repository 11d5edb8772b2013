import { deferredProvider } from './deferredProvider.js';
import { checkOidcRoleArn } from './providerChecks.js';
import type { EnsCredentialsProvider, OidcRoleArnOptions } from './types.js';

/**
 * Temporary credentials of a RAM role for a workload with an OIDC token (ACK RRSA): STS AssumeRoleWithOIDC,
 * unsigned (the token is the proof), the token file read again at every refresh. Cached and refreshed 15 minutes
 * before expiry; concurrent callers share one refresh.
 *
 * @example
 * ```ts
 * // In an ACK pod with RRSA, the three variables are set for you: fromOidcRoleArn() reads them.
 * const ens = new EnsClient({ credentials: fromOidcRoleArn() });
 * ```
 */
export function fromOidcRoleArn(options: OidcRoleArnOptions = {}): EnsCredentialsProvider {
  const settings = checkOidcRoleArn(options, process.env);
  return deferredProvider((loaded) => loaded.oidcRoleRefreshing(settings));
}
