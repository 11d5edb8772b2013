/**
 * Helpers shared by the credential sources. Not exported from the package.
 * @internal
 */
import { EnsCredentialsError } from '@ensdk/errors/base';
import { nodeOs, nodePath } from '../builtins.js';
import { makeCredentials } from './checkCredentials.js';
import type { CredentialsChainOptions, EnsCredentials, EnsCredentialsProvider } from './types.js';

/**
 * What one source of the chain found: fixed credentials; a provider of temporary ones (`place` names where it was
 * configured; `speculative` when a failure of its first call means the source does not apply, as for the ECS
 * metadata service on a laptop); or a `place: reason` line saying why it does not apply. @internal
 */
export type SourceResult =
  | { readonly credentials: EnsCredentials }
  | { readonly provider: EnsCredentialsProvider; readonly place: string; readonly speculative?: boolean }
  | { readonly skipped: string };

/** Resolved chain options. @internal */
export interface SourceContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** The explicit profile option, if non-blank. */
  readonly profile: string | undefined;
  /** The explicit STS endpoint for every role the chain assumes. */
  readonly stsEndpoint: string | undefined;
  /** The explicit ECS metadata service. */
  readonly metadataEndpoint: string | undefined;
  /** The explicit OAuth service (CLI mode OAuth). */
  readonly oauthEndpoint: string | undefined;
}

/** Fills in the defaults of the chain options; called when credentials are first needed, not when the provider is built. @internal */
export function contextOf(options: CredentialsChainOptions | undefined): SourceContext {
  return {
    env: options?.env ?? process.env,
    homeDir: options?.homeDir ?? nodeOs().homedir(),
    profile: nonBlank(options?.profile),
    stsEndpoint: nonBlank(options?.stsEndpoint),
    metadataEndpoint: nonBlank(options?.metadataEndpoint),
    oauthEndpoint: nonBlank(options?.oauthEndpoint),
  };
}

/** The trimmed value, or `undefined` when it is not a string or blank. @internal */
export function nonBlank(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The trimmed, non-blank value of environment variable `name`. @internal */
export function envVar(ctx: SourceContext, name: string): string | undefined {
  return nonBlank(ctx.env[name]);
}

/** `path` with the home directory shown as `~`, for messages. @internal */
export function displayPath(path: string, homeDir: string): string {
  const { sep } = nodePath();
  const home = homeDir.endsWith(sep) ? homeDir.slice(0, -1) : homeDir;
  if (home !== '' && path.startsWith(home + sep)) return `~${path.slice(home.length)}`;
  return path;
}

/** The error for a source that applies but is broken: `place: problem`. Never pass a secret in `problem`. @internal */
export function brokenSource(place: string, problem: string, cause?: unknown): EnsCredentialsError {
  const line = `${place}: ${problem}`;
  return new EnsCredentialsError(
    `Cannot load credentials from ${line}`,
    cause === undefined ? { sources: [line] } : { sources: [line], cause },
  );
}

/**
 * Resolves once and shares the result: concurrent first calls get the same promise; a failure is not kept,
 * so the next call tries again. @internal
 */
export function cachedProvider(resolve: () => Promise<EnsCredentials>): EnsCredentialsProvider {
  let pending: Promise<EnsCredentials> | undefined;
  return () => {
    if (pending === undefined) {
      const attempt = (async () => resolve())();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}

/**
 * The first credentials of a provider a source found; its failure is an `EnsCredentialsError` naming the place
 * the provider was configured, with `looked` (the places tried before) in `sources`. @internal
 */
export async function firstCredentials(
  result: { readonly provider: EnsCredentialsProvider; readonly place: string },
  looked: readonly string[],
): Promise<EnsCredentials> {
  try {
    return await result.provider();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const line = `${result.place}: ${reason}`;
    throw new EnsCredentialsError(`Cannot load credentials from ${line}`, { sources: [...looked, line], cause: error });
  }
}

/**
 * A provider over the first source that applies (found on first call; concurrent first calls share the search; a
 * failed search is not kept). Fixed credentials are kept; a provider found is called for every later call, so
 * that temporary credentials refresh. @internal
 */
export function resolvingProvider(
  find: () => Promise<{ readonly credentials: EnsCredentials; readonly provider?: EnsCredentialsProvider }>,
): EnsCredentialsProvider {
  let found: EnsCredentialsProvider | undefined;
  const first = cachedProvider(async () => {
    const result = await find();
    const fixed = result.credentials;
    found = result.provider ?? (() => Promise.resolve(fixed));
    return fixed;
  });
  return (call) => (found !== undefined ? found(call) : first(call));
}

/** A provider over one source, throwing `EnsCredentialsError` with the reason when the source does not apply. @internal */
export function providerOf(
  source: (ctx: SourceContext) => Promise<SourceResult>,
  options: CredentialsChainOptions | undefined,
): EnsCredentialsProvider {
  return resolvingProvider(async () => {
    const result = await source(contextOf(options));
    if ('credentials' in result) return { credentials: result.credentials };
    if ('provider' in result) return { credentials: await firstCredentials(result, []), provider: result.provider };
    throw new EnsCredentialsError(`No credentials found: ${result.skipped}`, { sources: [result.skipped] });
  });
}

/** `"a"`, `"a and b"`, `"a, b and c"`. @internal */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Reads the keys of one profile whose kind (`mode` in the CLI config, `type` in the INI file) selects which keys
 * it must hold: an unsupported kind is skipped with its reason, a missing key is an error naming it.
 */
export function credentialsOfProfile(
  place: string,
  name: string,
  kind: {
    readonly label: 'mode' | 'type';
    readonly value: string;
    readonly keys: Readonly<Record<string, readonly string[]>>;
  },
  read: (key: string) => string | undefined,
): SourceResult {
  const keys = Object.hasOwn(kind.keys, kind.value) ? kind.keys[kind.value] : undefined;
  if (keys === undefined)
    return { skipped: `${place}: profile "${name}" has ${kind.label} ${kind.value}, which ensdk does not read` };
  const values = keys.map(read);
  const missing = keys.filter((_, i) => values[i] === undefined);
  if (missing.length > 0)
    throw brokenSource(place, `profile "${name}" (${kind.label} ${kind.value}) has no ${listOf(missing)}`);
  const [accessKeyId = '', accessKeySecret = '', securityToken] = values;
  return { credentials: makeCredentials(accessKeyId, accessKeySecret, securityToken) };
}
