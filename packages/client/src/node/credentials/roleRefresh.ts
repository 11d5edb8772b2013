/**
 * The two role providers' refreshes (STS AssumeRole signed with the source credentials; AssumeRoleWithOIDC with the
 * token file read again each time), built from what `fromRamRoleArn` and `fromOidcRoleArn` checked. Loaded on the
 * first resolution. @internal
 */
import { nodeFsPromises } from '../builtins.js';
import { errorCode } from '../http.js';
import { checkOidcRoleArn, checkRamRoleArn, type OidcRoleSettings, type RamRoleSettings } from './providerChecks.js';
import { refreshingProvider } from './refresh.js';
import { assumeRole, assumeRoleWithOidc } from './sts.js';
import { stepError, transportError } from './temporaryCredentials.js';
import type { EnsCredentials, EnsCredentialsProvider, OidcRoleArnOptions, RamRoleArnOptions } from './types.js';
import type { Environment } from './providerOptions.js';

/** Credentials of a RAM role from AssumeRole, signed with what the source gives at each refresh. @internal */
export function ramRoleRefreshing({ target, source, request }: RamRoleSettings): EnsCredentialsProvider {
  return refreshingProvider({
    name: `RAM role ${request.roleArn}`,
    fetch: async (signal) => {
      let signer: EnsCredentials;
      try {
        signer = await source({ signal });
      } catch (error) {
        throw transportError('the source credentials', error);
      }
      return assumeRole(target, signer, request, signal);
    },
    // The source may itself refresh (a chained role) before STS answers.
    timeoutMs: target.timeoutMs * 2 + 500,
  });
}

/** Credentials of a RAM role from AssumeRoleWithOIDC, with the token file read at each refresh. @internal */
export function oidcRoleRefreshing({ target, request, tokenFile }: OidcRoleSettings): EnsCredentialsProvider {
  return refreshingProvider({
    name: `OIDC role ${request.roleArn}`,
    fetch: async (signal) => {
      // Read at every refresh: the token is rotated on disk (ACK rotates it hourly).
      let oidcToken: string;
      try {
        oidcToken = await nodeFsPromises().readFile(tokenFile, { encoding: 'utf8', signal });
      } catch (error) {
        throw stepError(`reading the OIDC token file ${tokenFile}`, errorCode(error) ?? 'failed', error);
      }
      if (oidcToken.trim() === '') throw stepError(`reading the OIDC token file ${tokenFile}`, 'the file is empty');
      return assumeRoleWithOidc(target, { ...request, oidcToken }, signal);
    },
    timeoutMs: target.timeoutMs + 500,
  });
}

/** `fromRamRoleArn` over explicit environment variables (the chain's profiles pass their own). @internal */
export function ramRoleArnProvider(options: RamRoleArnOptions, env: Environment): EnsCredentialsProvider {
  return ramRoleRefreshing(checkRamRoleArn(options, env));
}

/** `fromOidcRoleArn` over explicit environment variables (the chain passes its own). @internal */
export function oidcRoleArnProvider(options: OidcRoleArnOptions, env: Environment): EnsCredentialsProvider {
  return oidcRoleRefreshing(checkOidcRoleArn(options, env));
}
