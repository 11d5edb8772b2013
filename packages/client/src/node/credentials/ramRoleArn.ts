import { providerOfOption } from './checkCredentials.js';
import { badOption, type Environment, optionalText } from './providerOptions.js';
import { refreshingProvider } from './refresh.js';
import { checkRoleRequest, stsTimeoutOf } from './roleOptions.js';
import { assumeRole, stsEndpointOf } from './sts.js';
import { transportError } from './temporaryCredentials.js';
import type { EnsCredentials, EnsCredentialsOption, EnsCredentialsProvider } from './types.js';

/** Options of {@link fromRamRoleArn}. */
export interface RamRoleArnOptions {
  /** Signs the AssumeRole call: fixed keys or any provider (another role, so roles chain). */
  readonly credentials: EnsCredentialsOption;
  /** `acs:ram::<account id>:role/<role name>`. Default `ALIBABA_CLOUD_ROLE_ARN`. */
  readonly roleArn?: string;
  /** 2-64 of letters, digits, `.@-_`. Default `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else `ensdk-<ms since epoch>`. */
  readonly roleSessionName?: string;
  /** Lifetime of the credentials, at least 900 s, at most the role's MaxSessionDuration. Default 3600. */
  readonly durationSeconds?: number;
  /** A policy narrowing the role's permissions (JSON, up to 2048 characters). */
  readonly policy?: string;
  /** The external id the role's trust policy asks for (2-1224 of letters, digits and `+=,.@:/-_`). */
  readonly externalId?: string;
  /**
   * STS host or origin (`http://127.0.0.1:9100` in tests). Default: from `stsRegion` /
   * `ALIBABA_CLOUD_STS_REGION` (and VPC), else `sts.aliyuncs.com`.
   */
  readonly stsEndpoint?: string;
  /** Region of the STS endpoint. Default `ALIBABA_CLOUD_STS_REGION`. */
  readonly stsRegion?: string;
  /** Use `sts-vpc.<region>.aliyuncs.com`. Default `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`. */
  readonly enableVpc?: boolean;
  /** Limit of each STS request, in ms. Default 10000. */
  readonly timeoutMs?: number;
}

/** {@link fromRamRoleArn} over explicit environment variables (the chain passes its own). @internal */
export function ramRoleArnProvider(options: RamRoleArnOptions, env: Environment): EnsCredentialsProvider {
  if (options.credentials === undefined)
    throw badOption('credentials', 'is required: the keys or provider that sign AssumeRole');
  const source = providerOfOption(options.credentials, 'the source credentials of fromRamRoleArn');
  const request = checkRoleRequest(options, env);
  const externalId = optionalText(options.externalId, 'externalId');
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId))
    throw badOption('externalId', 'must be 2 to 1224 letters, digits or + = , . @ : / - _');
  const timeoutMs = stsTimeoutOf(options);
  const target = { endpoint: stsEndpointOf(options, env), timeoutMs };
  return refreshingProvider({
    name: `RAM role ${request.roleArn}`,
    fetch: async (signal) => {
      let signer: EnsCredentials;
      try {
        signer = await source({ signal });
      } catch (error) {
        throw transportError('the source credentials', error);
      }
      return assumeRole(target, signer, { ...request, externalId }, signal);
    },
    // The source may itself refresh (a chained role) before STS answers.
    timeoutMs: timeoutMs * 2 + 500,
  });
}

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
  return ramRoleArnProvider(options, process.env);
}
