import { nodeFsPromises } from '../builtins.js';
import { type Environment, requiredText } from './providerOptions.js';
import { refreshingProvider } from './refresh.js';
import { checkRoleRequest, stsTimeoutOf } from './roleOptions.js';
import { assumeRoleWithOidc, stsEndpointOf } from './sts.js';
import { stepError } from './temporaryCredentials.js';
import type { EnsCredentialsProvider } from './types.js';

/** Options of {@link fromOidcRoleArn}. */
export interface OidcRoleArnOptions {
  /** `acs:ram::<account id>:role/<role name>`. Default `ALIBABA_CLOUD_ROLE_ARN`. */
  readonly roleArn?: string;
  /** `acs:ram::<account id>:oidc-provider/<name>`. Default `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`. */
  readonly oidcProviderArn?: string;
  /** The file holding the OIDC token (in ACK with RRSA, mounted into the pod). Default `ALIBABA_CLOUD_OIDC_TOKEN_FILE`. */
  readonly oidcTokenFile?: string;
  /** Default `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else `ensdk-<ms since epoch>`. */
  readonly roleSessionName?: string;
  /** At least 900. Default 3600. */
  readonly durationSeconds?: number;
  readonly policy?: string;
  /** STS host or origin. Default: from `stsRegion` / `ALIBABA_CLOUD_STS_REGION`, else `sts.aliyuncs.com`. */
  readonly stsEndpoint?: string;
  readonly stsRegion?: string;
  readonly enableVpc?: boolean;
  /** Limit of each STS request, in ms. Default 10000. */
  readonly timeoutMs?: number;
}

/** {@link fromOidcRoleArn} over explicit environment variables (the chain passes its own). @internal */
export function oidcRoleArnProvider(options: OidcRoleArnOptions, env: Environment): EnsCredentialsProvider {
  const request = checkRoleRequest(options, env);
  const oidcProviderArn = requiredText(
    options.oidcProviderArn ?? env['ALIBABA_CLOUD_OIDC_PROVIDER_ARN'],
    'oidcProviderArn',
  );
  const tokenFile = requiredText(options.oidcTokenFile ?? env['ALIBABA_CLOUD_OIDC_TOKEN_FILE'], 'oidcTokenFile');
  const target = { endpoint: stsEndpointOf(options, env), timeoutMs: stsTimeoutOf(options) };
  return refreshingProvider({
    name: `OIDC role ${request.roleArn}`,
    fetch: async (signal) => {
      // Read at every refresh: the token is rotated on disk (ACK rotates it hourly).
      let oidcToken: string;
      try {
        oidcToken = await nodeFsPromises().readFile(tokenFile, { encoding: 'utf8', signal });
      } catch (error) {
        const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
        throw stepError(`reading the OIDC token file ${tokenFile}`, typeof code === 'string' ? code : 'failed', error);
      }
      if (oidcToken.trim() === '') throw stepError(`reading the OIDC token file ${tokenFile}`, 'the file is empty');
      return assumeRoleWithOidc(target, { ...request, oidcProviderArn, oidcToken }, signal);
    },
    timeoutMs: target.timeoutMs + 500,
  });
}

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
  return oidcRoleArnProvider(options, process.env);
}
