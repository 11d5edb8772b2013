import { EnsCredentialsError } from '@ensdk/errors/base';
import { CHAIN_ECS_TIMEOUTS, ecsRamRoleProvider } from './ecsMetadata.js';
import { locateFile, readOptionalFile } from './files.js';
import {
  brokenSource,
  credentialsOfProfile,
  envVar,
  listOf,
  type SourceContext,
  type SourceResult,
} from './internal.js';
import { oidcRoleArnProvider, ramRoleArnProvider } from './roleRefresh.js';
import type { EnsCredentialsProvider } from './types.js';

const FILE_VAR = 'ALIBABA_CLOUD_CREDENTIALS_FILE';

/** Every `type` ensdk reads, for the messages about any other. */
const TYPES = 'access_key, sts, ecs_ram_role, ram_role_arn, oidc_role_arn';

/**
 * Types Alibaba's legacy Node provider accepted that ensdk refuses, and why: a section of one of these is the user's
 * intended identity, so it is an error (the chain stops) rather than a step that does not apply.
 */
const REFUSED_TYPES: Readonly<Record<string, string>> = {
  rsa_key_pair:
    "RSA key pairs (public_key_id, private_key_file, exchanged at STS GenerateSessionAccessKey) were a legacy sign-in of Alibaba Cloud's Japan site, and Alibaba's current libraries dropped them",
  bearer:
    'a bearer token signs the requests of products that accept one (Cloud Call Center); ENS accepts AccessKey signatures only',
};

/** `type` values whose keys sit in the file; `ecs_ram_role`, `ram_role_arn` and `oidc_role_arn` make a provider. */
const KEYS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  access_key: ['access_key_id', 'access_key_secret'],
  sts: ['access_key_id', 'access_key_secret', 'security_token'],
};

/** Sections of an INI text; keys lower-cased, values trimmed and unquoted. @internal */
export type IniSections = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * Parses `[section]` headers, `key = value` lines, and `#` / `;` comment lines; keys before the first section
 * are ignored. Any other line is an error naming its number only (lines may hold secrets).
 * @internal
 */
export function parseIni(text: string, place: string): IniSections {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header !== null) {
      const name = (header[1] ?? '').trim();
      current = sections.get(name);
      if (current === undefined) {
        current = new Map();
        sections.set(name, current);
      }
      return;
    }
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim().toLowerCase() : '';
    if (key === '') throw brokenSource(place, `line ${index + 1} is neither "[section]" nor "key = value"`);
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]))
      value = value.slice(1, -1);
    current?.set(key, value);
  });
  return sections;
}

/**
 * Step 4 of the chain: the INI file `~/.alibabacloud/credentials` (or `ALIBABA_CLOUD_CREDENTIALS_FILE`). A
 * missing file, a missing or disabled (`enable = false`) section or an unsupported `type` does not apply; an
 * unparseable line or a chosen section without `type` or its keys is an error.
 * @internal
 */
export async function credentialsFileSource(ctx: SourceContext): Promise<SourceResult> {
  const { path, place } = locateFile(ctx, FILE_VAR, ['.alibabacloud', 'credentials']);
  const text = await readOptionalFile(path, place);
  if (text === undefined) return { skipped: `${place}: not found` };
  const sections = parseIni(text, place);
  const fromEnv = envVar(ctx, 'ALIBABA_CLOUD_PROFILE');
  const [name, from] =
    ctx.profile !== undefined
      ? [ctx.profile, '']
      : fromEnv !== undefined
        ? [fromEnv, ' (from ALIBABA_CLOUD_PROFILE)']
        : ['default', ''];
  const section = sections.get(name);
  if (section === undefined) return { skipped: `${place}: profile "${name}"${from} not found` };
  if (section.get('enable')?.toLowerCase() === 'false')
    return { skipped: `${place}: profile "${name}" is disabled (enable = false)` };
  const type = section.get('type');
  if (type === undefined || type === '')
    throw brokenSource(place, `profile "${name}" has no type (expected type = access_key)`);
  const read = (key: string): string | undefined => section.get(key) || undefined;
  const build = (make: () => EnsCredentialsProvider): SourceResult => {
    try {
      return { provider: make(), place: `${place}: profile "${name}" (type ${type})` };
    } catch (error) {
      if (error instanceof EnsCredentialsError) throw brokenSource(place, `profile "${name}": ${error.message}`);
      throw error;
    }
  };
  if (type === 'ecs_ram_role')
    return build(() =>
      ecsRamRoleProvider(
        { roleName: read('role_name'), metadataEndpoint: ctx.metadataEndpoint, ...CHAIN_ECS_TIMEOUTS },
        ctx.env,
      ),
    );
  if (type === 'ram_role_arn') {
    const missing = ['access_key_id', 'access_key_secret', 'role_arn'].filter((key) => read(key) === undefined);
    if (missing.length > 0)
      throw brokenSource(place, `profile "${name}" (type ram_role_arn) has no ${listOf(missing)}`);
    const credentials = { accessKeyId: read('access_key_id') ?? '', accessKeySecret: read('access_key_secret') ?? '' };
    return build(() =>
      ramRoleArnProvider(
        {
          credentials,
          roleArn: read('role_arn'),
          roleSessionName: read('role_session_name'),
          policy: read('policy'),
          stsEndpoint: ctx.stsEndpoint,
        },
        ctx.env,
      ),
    );
  }
  if (type === 'oidc_role_arn') {
    // The legacy provider's keys; the role, provider and token file must be in the section (no environment fallback).
    const missing = ['role_arn', 'oidc_provider_arn', 'oidc_token_file_path'].filter((key) => read(key) === undefined);
    if (missing.length > 0)
      throw brokenSource(place, `profile "${name}" (type oidc_role_arn) has no ${listOf(missing)}`);
    return build(() =>
      oidcRoleArnProvider(
        {
          roleArn: read('role_arn'),
          oidcProviderArn: read('oidc_provider_arn'),
          oidcTokenFile: read('oidc_token_file_path'),
          roleSessionName: read('role_session_name'),
          policy: read('policy'),
          stsEndpoint: ctx.stsEndpoint,
        },
        ctx.env,
      ),
    );
  }
  const refused = Object.hasOwn(REFUSED_TYPES, type) ? REFUSED_TYPES[type] : undefined;
  if (refused !== undefined)
    throw brokenSource(
      place,
      `profile "${name}" has type ${type}, which ensdk does not support: ${refused}; it reads ${TYPES}`,
    );
  if (!Object.hasOwn(KEYS_BY_TYPE, type))
    return { skipped: `${place}: profile "${name}" has type ${type}, which ensdk does not read (it reads ${TYPES})` };
  return credentialsOfProfile(place, name, { label: 'type', value: type, keys: KEYS_BY_TYPE }, read);
}
