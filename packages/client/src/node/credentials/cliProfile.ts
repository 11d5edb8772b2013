import { EnsCredentialsError } from '@ensdk/errors/base';
import { cloudSsoProvider } from './cloudSso.js';
import { CHAIN_ECS_TIMEOUTS, ecsRamRoleProvider } from './ecsMetadata.js';
import { locateFile, readOptionalFile } from './files.js';
import {
  brokenSource,
  credentialsOfProfile,
  envVar,
  nonBlank,
  type SourceContext,
  type SourceResult,
} from './internal.js';
import { isObject, own, parseJson, type JsonObject } from './json.js';
import { envFlag } from './providerOptions.js';
import { oauthProvider } from './oauth.js';
import { processCommandProvider } from './processCommand.js';
import { oidcRoleArnProvider, ramRoleArnProvider } from './roleRefresh.js';
import type { EnsCredentialsOption, EnsCredentialsProvider } from './types.js';

/** Profile modes whose keys sit in the file. */
const KEYS_BY_MODE: Readonly<Record<string, readonly string[]>> = {
  AK: ['access_key_id', 'access_key_secret'],
  StsToken: ['access_key_id', 'access_key_secret', 'sts_token'],
};

/** Every mode ensdk reads, for the message about any other. */
const MODES = 'AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CloudSSO, External, OAuth';

/** The profile name and, for messages, where it came from. */
function pickProfile(ctx: SourceContext, config: JsonObject): { name: string; from: string } {
  if (ctx.profile !== undefined) return { name: ctx.profile, from: '' };
  const fromEnv = envVar(ctx, 'ALIBABA_CLOUD_PROFILE');
  if (fromEnv !== undefined) return { name: fromEnv, from: ' (from ALIBABA_CLOUD_PROFILE)' };
  const current = nonBlank(own(config, 'current'));
  if (current !== undefined) return { name: current, from: ' (the "current" profile)' };
  return { name: 'default', from: ' (no "current" profile is set)' };
}

/** A number of seconds the CLI wrote (it writes 0 for "not set"). */
function seconds(profile: JsonObject, key: string): number | undefined {
  const value = own(profile, key);
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A boolean the CLI wrote (`true`, or the string `"true"`). */
function flag(profile: JsonObject, key: string): boolean | undefined {
  const value = own(profile, key);
  if (value === undefined || value === null || value === '') return undefined;
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** Reads one profile of the CLI config as a source, following `source_profile` for ChainableRamRoleArn. */
class CliProfiles {
  constructor(
    private readonly ctx: SourceContext,
    private readonly path: string,
    private readonly place: string,
    private readonly profiles: readonly JsonObject[],
  ) {}

  find(name: string): JsonObject | undefined {
    return this.profiles.find((item) => own(item, 'name') === name);
  }

  /** The profile's credentials or provider; `chain` lists the profiles that led here (for cycles). */
  source(profile: JsonObject, name: string, chain: readonly string[]): SourceResult {
    const { ctx, place } = this;
    const mode = nonBlank(own(profile, 'mode')) ?? 'AK';
    const text = (key: string): string | undefined => nonBlank(own(profile, key));
    const where = `${place}: profile "${name}" (mode ${mode})`;
    const build = (make: () => EnsCredentialsProvider): SourceResult => {
      try {
        return { provider: make(), place: where };
      } catch (error) {
        // An option the profile holds breaks a provider's rule: name the profile, keep the rule.
        if (error instanceof EnsCredentialsError) throw brokenSource(place, `profile "${name}": ${error.message}`);
        throw error;
      }
    };
    const need = (keys: readonly string[]): void => {
      const missing = keys.filter((key) => text(key) === undefined);
      if (missing.length > 0)
        throw brokenSource(place, `profile "${name}" (mode ${mode}) has no ${missing.join(', ')}`);
    };
    const role = {
      roleArn: text('ram_role_arn'),
      roleSessionName: text('ram_session_name'),
      durationSeconds: seconds(profile, 'expired_seconds'),
      policy: text('policy'),
      stsRegion: text('sts_region'),
      stsEndpoint: ctx.stsEndpoint ?? text('sts_endpoint'),
      enableVpc: flag(profile, 'enable_vpc'),
    };
    switch (mode) {
      case 'AK':
      case 'StsToken':
        return credentialsOfProfile(place, name, { label: 'mode', value: mode, keys: KEYS_BY_MODE }, text);
      case 'RamRoleArn': {
        need(['access_key_id', 'access_key_secret', 'ram_role_arn']);
        const credentials: EnsCredentialsOption = {
          accessKeyId: text('access_key_id') ?? '',
          accessKeySecret: text('access_key_secret') ?? '',
        };
        return build(() => ramRoleArnProvider({ ...role, credentials, externalId: text('external_id') }, ctx.env));
      }
      case 'EcsRamRole':
        return build(() =>
          ecsRamRoleProvider(
            { roleName: text('ram_role_name'), metadataEndpoint: ctx.metadataEndpoint, ...CHAIN_ECS_TIMEOUTS },
            ctx.env,
          ),
        );
      case 'OIDC':
        need(['ram_role_arn', 'oidc_provider_arn', 'oidc_token_file']);
        return build(() =>
          oidcRoleArnProvider(
            {
              ...role,
              durationSeconds: seconds(profile, 'duration_seconds') ?? role.durationSeconds,
              oidcProviderArn: text('oidc_provider_arn'),
              oidcTokenFile: text('oidc_token_file'),
            },
            ctx.env,
          ),
        );
      case 'ChainableRamRoleArn': {
        need(['source_profile', 'ram_role_arn']);
        const sourceName = text('source_profile') ?? '';
        const path = [...chain, name];
        if (path.includes(sourceName))
          throw brokenSource(
            place,
            `source_profile makes a cycle: ${[...path, sourceName].map((n) => `"${n}"`).join(' → ')}`,
          );
        const sourceProfile = this.find(sourceName);
        if (sourceProfile === undefined)
          throw brokenSource(place, `profile "${name}" has source_profile "${sourceName}", which is not in the file`);
        const source = this.source(sourceProfile, sourceName, path);
        if ('skipped' in source) throw brokenSource(place, `profile "${name}": its source ${source.skipped}`);
        const credentials = 'credentials' in source ? source.credentials : source.provider;
        return build(() => ramRoleArnProvider({ ...role, credentials, externalId: text('external_id') }, ctx.env));
      }
      case 'CloudSSO': {
        need(['cloud_sso_sign_in_url', 'cloud_sso_account_id', 'cloud_sso_access_config', 'access_token']);
        const expire = seconds(profile, 'cloud_sso_access_token_expire');
        if (expire === undefined)
          throw brokenSource(place, `profile "${name}" (mode CloudSSO) has no cloud_sso_access_token_expire`);
        return build(() =>
          cloudSsoProvider({
            signInUrl: text('cloud_sso_sign_in_url') ?? '',
            accountId: text('cloud_sso_account_id') ?? '',
            accessConfigurationId: text('cloud_sso_access_config') ?? '',
            accessToken: text('access_token') ?? '',
            accessTokenExpire: expire,
          }),
        );
      }
      case 'External':
        need(['process_command']);
        return build(() => processCommandProvider({ profile: name, command: text('process_command') ?? '' }));
      case 'OAuth':
        need(['oauth_site_type']);
        if (text('oauth_access_token') === undefined && text('oauth_refresh_token') === undefined)
          throw brokenSource(
            place,
            `profile "${name}" (mode OAuth) has no oauth_access_token or oauth_refresh_token: sign in with \`aliyun configure --mode OAuth --profile ${name}\``,
          );
        return build(() =>
          oauthProvider({
            configPath: this.path,
            place,
            profile: name,
            siteType: (text('oauth_site_type') ?? '').toUpperCase(),
            endpoint: ctx.oauthEndpoint,
          }),
        );
      default:
        return {
          skipped: `${place}: profile "${name}" has mode ${mode}, which ensdk does not read (it reads ${MODES})`,
        };
    }
  }
}

/**
 * Step 3 of the chain: the Alibaba Cloud CLI's `~/.aliyun/config.json` (or the path in `ALIBABA_CLOUD_CONFIG_FILE`, as
 * Alibaba's Go library reads it), unless `ALIBABA_CLOUD_CLI_PROFILE_DISABLED` is `true`. A missing file, a missing profile or an unsupported mode does not apply; bad JSON, a chosen profile
 * without its keys, or a `source_profile` cycle is an error. A profile without a `mode` is read as `AK`.
 * @internal
 */
export async function cliProfileSource(ctx: SourceContext): Promise<SourceResult> {
  if (envFlag(ctx.env, 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED'))
    return { skipped: 'CLI profile: disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true' };
  const { path, place } = locateFile(ctx, 'ALIBABA_CLOUD_CONFIG_FILE', ['.aliyun', 'config.json']);
  const text = await readOptionalFile(path, place);
  if (text === undefined) return { skipped: `${place}: not found` };
  const config = parseJson(text, place);
  if (!isObject(config)) throw brokenSource(place, 'expected a JSON object');
  const profiles = own(config, 'profiles');
  if (!Array.isArray(profiles)) throw brokenSource(place, 'has no "profiles" list');
  const { name, from } = pickProfile(ctx, config);
  const reader = new CliProfiles(ctx, path, place, profiles.filter(isObject));
  const profile = reader.find(name);
  if (profile === undefined) return { skipped: `${place}: profile "${name}"${from} not found` };
  return reader.source(profile, name, []);
}
