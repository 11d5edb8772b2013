/** The default chain's search, loaded on its first resolution (see `defaultCredentialsChain`). @internal */
import { EnsCredentialsError } from '@ensdk/errors/base';
import { cliProfileSource } from './cliProfile.js';
import { credentialsUriProvider } from './uriRefresh.js';
import { CHAIN_ECS_TIMEOUTS, ecsRamRoleProvider } from './ecsMetadata.js';
import { environmentSource } from './environment.js';
import { credentialsFileSource } from './iniFile.js';
import { contextOf, envVar, firstCredentials, listOf, type SourceContext, type SourceResult } from './internal.js';
import { oidcRoleArnProvider } from './roleRefresh.js';
import { DEFAULT_METADATA_ENDPOINT } from './providerChecks.js';
import { envFlag } from './providerOptions.js';
import type { CredentialsChainOptions, EnsCredentials, EnsCredentialsProvider } from './types.js';

const OIDC_VARIABLES = ['ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'];

/** Step 2: OIDC role (ACK RRSA), when its three variables are set. */
async function oidcSource(ctx: SourceContext): Promise<SourceResult> {
  const missing = OIDC_VARIABLES.filter((name) => envVar(ctx, name) === undefined);
  if (missing.length === OIDC_VARIABLES.length) return { skipped: `OIDC role: ${listOf(OIDC_VARIABLES)} are not set` };
  if (missing.length > 0)
    return { skipped: `OIDC role: ${listOf(missing)} ${missing.length > 1 ? 'are' : 'is'} not set` };
  return {
    provider: oidcRoleArnProvider({ stsEndpoint: ctx.stsEndpoint }, ctx.env),
    place: `OIDC role (${listOf(OIDC_VARIABLES)})`,
  };
}

/** Step 5: the ECS instance's RAM role, unless disabled. Speculative: no answer means "not on ECS". */
async function ecsSource(ctx: SourceContext): Promise<SourceResult> {
  if (envFlag(ctx.env, 'ALIBABA_CLOUD_ECS_METADATA_DISABLED'))
    return { skipped: 'ECS RAM role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true' };
  const endpoint = ctx.metadataEndpoint ?? DEFAULT_METADATA_ENDPOINT;
  return {
    provider: ecsRamRoleProvider({ metadataEndpoint: endpoint, ...CHAIN_ECS_TIMEOUTS }, ctx.env),
    place: `ECS RAM role (metadata service ${endpoint})`,
    speculative: true,
  };
}

/** Step 6: a credentials URI, when `ALIBABA_CLOUD_CREDENTIALS_URI` is set. */
async function uriSource(ctx: SourceContext): Promise<SourceResult> {
  if (envVar(ctx, 'ALIBABA_CLOUD_CREDENTIALS_URI') === undefined)
    return { skipped: 'credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set' };
  return { provider: credentialsUriProvider({}, ctx.env), place: 'credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)' };
}

const SOURCES: readonly ((ctx: SourceContext) => Promise<SourceResult>)[] = [
  environmentSource,
  oidcSource,
  cliProfileSource,
  credentialsFileSource,
  ecsSource,
  uriSource,
];

/** Tries each source in order; see `defaultCredentialsChain`. @internal */
export async function findCredentials(
  options: CredentialsChainOptions | undefined,
): Promise<{ credentials: EnsCredentials; provider?: EnsCredentialsProvider }> {
  const ctx = contextOf(options);
  const looked: string[] = [];
  for (const source of SOURCES) {
    let result: SourceResult;
    try {
      result = await source(ctx);
    } catch (error) {
      if (!(error instanceof EnsCredentialsError)) throw error;
      const sources = [...looked, ...error.sources];
      throw new EnsCredentialsError(
        error.message,
        error.cause === undefined ? { sources } : { sources, cause: error.cause },
      );
    }
    if ('credentials' in result) return { credentials: result.credentials };
    if ('skipped' in result) {
      looked.push(result.skipped);
      continue;
    }
    if (result.speculative === true) {
      try {
        return { credentials: await result.provider(), provider: result.provider };
      } catch (error) {
        // The provider's message names it and the endpoint it asked.
        looked.push(error instanceof Error ? error.message : `${result.place}: ${String(error)}`);
        continue;
      }
    }
    return { credentials: await firstCredentials(result, looked), provider: result.provider };
  }
  throw new EnsCredentialsError(
    `No Alibaba Cloud credentials found. Looked in: ${looked.map((line, i) => `(${i + 1}) ${line}`).join('; ')}. ` +
      'Pass credentials to the client, set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `aliyun configure`.',
    { sources: looked },
  );
}
