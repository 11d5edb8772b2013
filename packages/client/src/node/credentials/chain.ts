import { EnsCredentialsError } from '@ensdk/errors';
import { cliProfileSource } from './cliProfile.js';
import { environmentSource } from './environment.js';
import { credentialsFileSource } from './iniFile.js';
import { cachedProvider, contextOf, envVar, type SourceContext, type SourceResult } from './internal.js';
import type { CredentialsChainOptions, EnsCredentialsProvider } from './types.js';

/**
 * Step 2 of Alibaba's chain, which ensdk does not implement yet: listed among the places looked only when
 * its variables are set, so that the final error explains why they were not used.
 */
async function oidcNotice(ctx: SourceContext): Promise<SourceResult | undefined> {
  const set = ['ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'].filter(
    (name) => envVar(ctx, name) !== undefined,
  );
  if (set.length === 0) return undefined;
  return {
    skipped: `OIDC role: ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set, but ensdk does not support OIDC role credentials yet`,
  };
}

const SOURCES: readonly ((ctx: SourceContext) => Promise<SourceResult | undefined>)[] = [
  environmentSource,
  oidcNotice,
  cliProfileSource,
  credentialsFileSource,
];

/**
 * Alibaba's default chain: environment, then ~/.aliyun/config.json (profile from option, ALIBABA_CLOUD_PROFILE,
 * else `current`; modes AK and StsToken), then ~/.alibabacloud/credentials (INI; path from
 * ALIBABA_CLOUD_CREDENTIALS_FILE; section = profile or `default`; `type = access_key` or `sts`).
 *
 * The first source that applies wins. Resolved on first call and cached for the life of the provider (concurrent
 * first calls share one resolution; a failure is not cached). Throws `EnsCredentialsError` listing every place
 * looked and why it did not apply, or naming the malformed file and its problem; never a secret.
 */
export function defaultCredentialsChain(options?: CredentialsChainOptions): EnsCredentialsProvider {
  return cachedProvider(async () => {
    const ctx = contextOf(options);
    const looked: string[] = [];
    for (const source of SOURCES) {
      let result: SourceResult | undefined;
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
      if (result === undefined) continue;
      if ('credentials' in result) return result.credentials;
      looked.push(result.skipped);
    }
    throw new EnsCredentialsError(
      `No Alibaba Cloud credentials found. Looked in: ${looked.map((line, i) => `(${i + 1}) ${line}`).join('; ')}. ` +
        'Pass credentials to the client, set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `aliyun configure`.',
      { sources: looked },
    );
  });
}
