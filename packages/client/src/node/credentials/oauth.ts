/**
 * The CLI profile mode `OAuth` (`aliyun configure --mode OAuth`: the CLI signs the user in with a browser and keeps an
 * OAuth access token and refresh token in the profile). Loaded on the first resolution, with the CLI profile source.
 * @internal
 *
 * What the CLI stores in the profile: `oauth_site_type` (`CN` or `INTL`), `oauth_access_token`,
 * `oauth_refresh_token`, `oauth_access_token_expire` (unix s), and the temporary credentials of its last exchange:
 * `access_key_id`, `access_key_secret`, `sts_token`, `sts_expiration` (unix s). At each refresh ensdk:
 * 1. reads the profile again (the CLI may have refreshed it meanwhile);
 * 2. uses the stored temporary credentials while more than 15 minutes remain (no request);
 * 3. else, when the access token expires within a minute, gets a new one: `POST <site>/v1/token`, a form of
 *    `grant_type=refresh_token`, `refresh_token` and the CLI's `client_id`; answer `{access_token, refresh_token,
 *    expires_in}`;
 * 4. exchanges the access token for temporary credentials: `POST <site>/v1/exchange` with `Authorization: Bearer`;
 *    answer `{AccessKeyId, AccessKeySecret, SecurityToken, Expiration}` (the CLI reads the camelCase spelling, which
 *    is accepted too);
 * 5. writes the new tokens (as soon as they come, before the exchange) and credentials back into that profile, as the
 *    CLI and Alibaba's libraries do (the refresh token may be single-use: without this the CLI's copy would stop
 *    working). Best effort: a failed write does
 *    not fail the call. The file is replaced atomically (a temporary file renamed over it, mode 0600).
 *
 * `<site>` is `https://oauth.aliyun.com` (CN) or `https://oauth.alibabacloud.com` (INTL); the chain's
 * `oauthEndpoint` option replaces it (loopback in tests).
 */
import { EnsServiceError } from '@ensdk/errors/base';
import { nodeCrypto, nodeFsPromises } from '../builtins.js';
import { readOptionalFile } from './files.js';
import { credentialsStep } from './httpRequest.js';
import { isObject, own, parseJson, type JsonObject } from './json.js';
import { badOption, checkEndpoint } from './providerOptions.js';
import { type ExpiringCredentials, parseIsoTime, refreshingProvider, STALE_AHEAD_MS } from './refresh.js';
import { makeCredentials } from './checkCredentials.js';
import { jsonBody, stepError } from './temporaryCredentials.js';
import type { EnsCredentialsProvider } from './types.js';

/** The OAuth service and the CLI's OAuth application of each site, as the CLI's source names them. */
const SITES: Readonly<Record<string, { readonly origin: string; readonly clientId: string }>> = {
  CN: { origin: 'https://oauth.aliyun.com', clientId: '4038181954557748008' },
  INTL: { origin: 'https://oauth.alibabacloud.com', clientId: '4103531455503354461' },
};

/** A new access token is fetched when the stored one expires within this. */
const ACCESS_TOKEN_MARGIN_MS = 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** Where an OAuth profile lives and how to reach its site. @internal */
export interface OAuthSettings {
  /** `~/.aliyun/config.json`, read again at each refresh and written back. */
  readonly configPath: string;
  /** The path as messages show it. */
  readonly place: string;
  readonly profile: string;
  /** `oauth_site_type`: `CN` or `INTL`. */
  readonly siteType: string;
  /** Replaces the site's origin (tests use loopback). */
  readonly endpoint?: string | undefined;
  readonly timeoutMs?: number;
}

/** The `oauth_site_type` values ensdk reads. @internal */
export const OAUTH_SITE_TYPES = Object.keys(SITES);

const text = (object: JsonObject, key: string): string | undefined => {
  const value = own(object, key);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Unix seconds the CLI wrote (a number, or a numeric string), in ms; `undefined` when absent or 0. */
const epochMs = (object: JsonObject, key: string): number | undefined => {
  const value = own(object, key);
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n * 1000 : undefined;
};

/** The `error` code (and request id) of an OAuth refusal, never its description or the body. */
function refusal(status: number, body: string): { readonly problem: string; readonly cause?: EnsServiceError } {
  let code: string | undefined;
  let requestId: string | undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (isObject(parsed)) {
      const error = own(parsed, 'error') ?? own(parsed, 'Code');
      code = typeof error === 'string' ? error.slice(0, 60) : undefined;
      const id = own(parsed, 'requestId') ?? own(parsed, 'RequestId');
      requestId = typeof id === 'string' ? id.slice(0, 80) : undefined;
    }
  } catch {
    // Not JSON: the status says enough.
  }
  const problem = `HTTP ${status}${code ? ` ${code}` : ''}${requestId ? ` (request id ${requestId})` : ''}`;
  return code === undefined
    ? { problem }
    : { problem, cause: new EnsServiceError({ code, statusCode: status, ...(requestId ? { requestId } : {}) }) };
}

/** Reads the profile from the file as it is now. */
async function readProfile(settings: OAuthSettings): Promise<JsonObject> {
  const content = await readOptionalFile(settings.configPath, settings.place);
  if (content === undefined) throw stepError(settings.place, 'is gone');
  const config = parseJson(content, settings.place);
  const profiles = isObject(config) ? own(config, 'profiles') : undefined;
  const profile = Array.isArray(profiles)
    ? profiles.find((item): item is JsonObject => isObject(item) && own(item, 'name') === settings.profile)
    : undefined;
  if (profile === undefined) throw stepError(settings.place, `profile "${settings.profile}" is gone`);
  return profile;
}

/** The tokens ensdk holds for the profile (the file's, or newer ones it fetched). */
interface Tokens {
  readonly accessToken: string | undefined;
  readonly refreshToken: string | undefined;
  /** ms since the epoch; `undefined` when unknown. */
  readonly accessTokenExpire: number | undefined;
}

/** `POST <site>/v1/token` with the refresh token. */
async function refreshTokens(
  origin: URL,
  clientId: string,
  tokens: Tokens,
  relogin: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Tokens> {
  if (tokens.refreshToken === undefined)
    throw stepError('OAuth', `the access token has expired and the profile has no refresh token; ${relogin}`);
  const url = new URL('/v1/token', origin);
  const step = `OAuth POST ${url.href}`;
  const response = await credentialsStep(step, {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: tokens.refreshToken,
      client_id: clientId,
    }).toString(),
    timeoutMs,
    signal,
  });
  if (response.statusCode !== 200) {
    const { problem, cause } = refusal(response.statusCode, response.body);
    throw stepError(step, `${problem}; the refresh token was refused: ${relogin}`, cause);
  }
  const answer = jsonBody(response, step);
  const accessToken = text(answer, 'access_token');
  if (accessToken === undefined) throw stepError(step, 'the answer has no access_token');
  const expiresIn = own(answer, 'expires_in');
  const seconds = typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600;
  return {
    accessToken,
    refreshToken: text(answer, 'refresh_token') ?? tokens.refreshToken,
    accessTokenExpire: Date.now() + seconds * 1000,
  };
}

/** `POST <site>/v1/exchange` with the access token. */
async function exchange(
  origin: URL,
  accessToken: string,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ExpiringCredentials> {
  const url = new URL('/v1/exchange', origin);
  const step = `OAuth POST ${url.href}`;
  const response = await credentialsStep(step, {
    url,
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json', accept: 'application/json' },
    timeoutMs,
    signal,
  });
  if (response.statusCode !== 200) {
    const { problem, cause } = refusal(response.statusCode, response.body);
    throw stepError(step, problem, cause);
  }
  const answer = jsonBody(response, step);
  const field = (pascal: string, camel: string): string | undefined => text(answer, pascal) ?? text(answer, camel);
  const values = {
    AccessKeyId: field('AccessKeyId', 'accessKeyId'),
    AccessKeySecret: field('AccessKeySecret', 'accessKeySecret'),
    SecurityToken: field('SecurityToken', 'securityToken'),
    Expiration: field('Expiration', 'expiration'),
  };
  const missing = Object.entries(values)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length > 0) throw stepError(step, `the answer has no ${missing.join(', ')}`);
  const expiresAt = parseIsoTime(values.Expiration);
  if (Number.isNaN(expiresAt))
    throw stepError(
      step,
      `Expiration must be a time like 2026-01-31T12:00:00Z (it is "${values.Expiration?.slice(0, 40)}")`,
    );
  return {
    credentials: makeCredentials(values.AccessKeyId ?? '', values.AccessKeySecret ?? '', values.SecurityToken),
    expiresAt,
  };
}

/**
 * Writes the tokens and credentials into the profile, keeping everything else of the file; best effort (a failure
 * is ignored: the credentials in hand work, and the CLI can sign in again).
 */
async function writeBack(settings: OAuthSettings, tokens: Tokens, fresh?: ExpiringCredentials): Promise<void> {
  const fs = nodeFsPromises();
  try {
    const content = await fs.readFile(settings.configPath, 'utf8');
    const config: unknown = JSON.parse(content.startsWith('\uFEFF') ? content.slice(1) : content);
    const profiles = isObject(config) ? own(config, 'profiles') : undefined;
    if (!Array.isArray(profiles)) return;
    const profile: unknown = profiles.find((item) => isObject(item) && own(item, 'name') === settings.profile);
    if (!isObject(profile) || own(profile, 'mode') !== 'OAuth') return;
    const seconds = (ms: number | undefined): number => (ms === undefined ? 0 : Math.floor(ms / 1000));
    Object.assign(profile, {
      oauth_access_token: tokens.accessToken ?? '',
      oauth_refresh_token: tokens.refreshToken ?? '',
      oauth_access_token_expire: seconds(tokens.accessTokenExpire),
    });
    if (fresh !== undefined)
      Object.assign(profile, {
        access_key_id: fresh.credentials.accessKeyId,
        access_key_secret: fresh.credentials.accessKeySecret,
        sts_token: fresh.credentials.securityToken ?? '',
        sts_expiration: seconds(fresh.expiresAt),
      });
    const indent = /\n\t/.test(content) ? '\t' : 4;
    const temporary = `${settings.configPath}.ensdk-${process.pid}-${nodeCrypto().randomUUID()}.tmp`;
    try {
      await fs.writeFile(temporary, `${JSON.stringify(config, null, indent)}\n`, { mode: 0o600 });
      await fs.rename(temporary, settings.configPath);
    } catch {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
    }
  } catch {
    // Unreadable or changed under us: leave the file as it is.
  }
}

/**
 * Temporary credentials for a CLI profile in mode `OAuth` (see the module's notes). `siteType` and `endpoint` are
 * checked now; the file is read at each refresh.
 * @internal
 */
export function oauthProvider(settings: OAuthSettings): EnsCredentialsProvider {
  const site = Object.hasOwn(SITES, settings.siteType) ? SITES[settings.siteType] : undefined;
  if (site === undefined)
    throw badOption(
      'oauth_site_type',
      `must be ${OAUTH_SITE_TYPES.join(' or ')} (it is "${settings.siteType.slice(0, 20)}")`,
    );
  const origin = checkEndpoint(settings.endpoint ?? site.origin, 'oauthEndpoint');
  const timeoutMs = settings.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const relogin = `sign in again with \`aliyun configure --mode OAuth --profile ${settings.profile}\``;
  return refreshingProvider({
    name: `OAuth profile "${settings.profile}"`,
    fetch: async (signal) => {
      const profile = await readProfile(settings);
      const now = Date.now();
      const stored = {
        id: text(profile, 'access_key_id'),
        secret: text(profile, 'access_key_secret'),
        token: text(profile, 'sts_token'),
        expiresAt: epochMs(profile, 'sts_expiration'),
      };
      if (
        stored.id !== undefined &&
        stored.secret !== undefined &&
        stored.token !== undefined &&
        stored.expiresAt !== undefined &&
        stored.expiresAt - now > STALE_AHEAD_MS
      )
        return { credentials: makeCredentials(stored.id, stored.secret, stored.token), expiresAt: stored.expiresAt };
      let tokens: Tokens = {
        accessToken: text(profile, 'oauth_access_token'),
        refreshToken: text(profile, 'oauth_refresh_token'),
        accessTokenExpire: epochMs(profile, 'oauth_access_token_expire'),
      };
      if (
        tokens.accessToken === undefined ||
        tokens.accessTokenExpire === undefined ||
        tokens.accessTokenExpire - now <= ACCESS_TOKEN_MARGIN_MS
      ) {
        tokens = await refreshTokens(origin, site.clientId, tokens, relogin, timeoutMs, signal);
        // Kept at once: the old refresh token may no longer work, whatever the exchange does.
        await writeBack(settings, tokens);
      }
      const fresh = await exchange(origin, tokens.accessToken ?? '', timeoutMs, signal);
      await writeBack(settings, tokens, fresh);
      return fresh;
    },
    timeoutMs: timeoutMs * 2 + 1_000,
  });
}
