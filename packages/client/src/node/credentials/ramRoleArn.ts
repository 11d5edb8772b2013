import { deferredProvider } from './deferredProvider.js';
import { checkRamRoleArn } from './providerChecks.js';
import type { EnsCredentialsProvider, RamRoleArnOptions } from './types.js';

/**
 * Temporary credentials of a RAM role, from STS AssumeRole signed with `credentials`. Cached and refreshed 15
 * minutes before expiry; concurrent callers share one refresh; a failure names the step (the source, or STS's
 * code and request id).
 *
 * @example
 * ```ts
 * const ens = new EnsClient({
 *   credentials: fromRamRoleArn({ credentials: fromEnvironment(), roleArn: 'acs:ram::123456789012:role/ens-operator' }),
 * });
 * ```
 */
export function fromRamRoleArn(options: RamRoleArnOptions): EnsCredentialsProvider {
  const settings = checkRamRoleArn(options, process.env);
  return deferredProvider((loaded) => loaded.ramRoleRefreshing(settings));
}
