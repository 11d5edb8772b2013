import { join } from 'node:path';
import { readOptionalFile } from './files.js';
import {
  brokenSource,
  credentialsOfProfile,
  displayPath,
  envVar,
  nonBlank,
  providerOf,
  type SourceContext,
  type SourceResult,
} from './internal.js';
import { isObject, own, parseJson, type JsonObject } from './json.js';
import type { CredentialsChainOptions, EnsCredentialsProvider } from './types.js';

/** Profile modes whose keys sit in the file; the rest (RamRoleArn, EcsRamRole, OIDC, …) need a token exchange. */
const KEYS_BY_MODE: Readonly<Record<string, readonly string[]>> = {
  AK: ['access_key_id', 'access_key_secret'],
  StsToken: ['access_key_id', 'access_key_secret', 'sts_token'],
};

/** The profile name and, for messages, where it came from. */
function pickProfile(ctx: SourceContext, config: JsonObject): { name: string; from: string } {
  if (ctx.profile !== undefined) return { name: ctx.profile, from: '' };
  const fromEnv = envVar(ctx, 'ALIBABA_CLOUD_PROFILE');
  if (fromEnv !== undefined) return { name: fromEnv, from: ' (from ALIBABA_CLOUD_PROFILE)' };
  const current = nonBlank(own(config, 'current'));
  if (current !== undefined) return { name: current, from: ' (the "current" profile)' };
  return { name: 'default', from: ' (no "current" profile is set)' };
}

/**
 * Step 3 of the chain: the Alibaba Cloud CLI's `~/.aliyun/config.json`. A missing file, a missing profile or an
 * unsupported mode does not apply; bad JSON or a chosen profile without its keys is an error. A profile without
 * a `mode` is read as `AK`.
 * @internal
 */
export async function cliProfileSource(ctx: SourceContext): Promise<SourceResult> {
  const path = join(ctx.homeDir, '.aliyun', 'config.json');
  const place = displayPath(path, ctx.homeDir);
  const text = await readOptionalFile(path, place);
  if (text === undefined) return { skipped: `${place}: not found` };
  const config = parseJson(text, place);
  if (!isObject(config)) throw brokenSource(place, 'expected a JSON object');
  const profiles = own(config, 'profiles');
  if (!Array.isArray(profiles)) throw brokenSource(place, 'has no "profiles" list');
  const { name, from } = pickProfile(ctx, config);
  const profile = profiles.find((item: unknown): item is JsonObject => isObject(item) && own(item, 'name') === name);
  if (profile === undefined) return { skipped: `${place}: profile "${name}"${from} not found` };
  const mode = nonBlank(own(profile, 'mode')) ?? 'AK';
  return credentialsOfProfile(place, name, { label: 'mode', value: mode, keys: KEYS_BY_MODE }, (key) =>
    nonBlank(own(profile, key)),
  );
}

/**
 * Credentials from the Alibaba Cloud CLI profile in `~/.aliyun/config.json` (modes `AK` and `StsToken`).
 * Profile: `options.profile`, else `ALIBABA_CLOUD_PROFILE`, else the file's `current`, else `default`.
 * Read on first use and cached; throws `EnsCredentialsError` when the file or profile is absent or malformed.
 */
export function fromCliProfile(options?: CredentialsChainOptions): EnsCredentialsProvider {
  return providerOf(cliProfileSource, options);
}
