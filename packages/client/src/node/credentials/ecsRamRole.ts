import { deferredProvider } from './deferredProvider.js';
import { checkEcsRamRole } from './providerChecks.js';
import type { EcsRamRoleOptions, EnsCredentialsProvider } from './types.js';

/**
 * Credentials of the ECS (or ECI) instance's RAM role, from the instance metadata service: an IMDSv2 session
 * token (`PUT /latest/api/token`), the role name when none is given, then the role's temporary credentials.
 * Without a token (the service refuses one) it falls back to IMDSv1 unless `disableImdsV1`. Cached and refreshed
 * an hour before expiry; concurrent callers share one refresh.
 *
 * @example
 * ```ts
 * const ens = new EnsClient({ credentials: fromEcsRamRole({ roleName: 'ens-operator' }) });
 * ```
 */
export function fromEcsRamRole(options: EcsRamRoleOptions = {}): EnsCredentialsProvider {
  const settings = checkEcsRamRole(options, process.env);
  return deferredProvider((loaded) => loaded.ecsRamRoleRefreshing(settings));
}
