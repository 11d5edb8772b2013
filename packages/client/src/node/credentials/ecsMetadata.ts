/**
 * The refresh of `fromEcsRamRole` (and of the chain's ECS step): the instance metadata service asked for an IMDSv2
 * token, the role name and the role's credentials. Loaded on the first resolution. @internal
 */
import { EnsCredentialsError } from '@ensdk/errors/base';
import type { HttpResponse } from '../http.js';
import { credentialsHttp, credentialsStep } from './httpRequest.js';
import { refreshingProvider, type ExpiringCredentials } from './refresh.js';
import { checkSuccess, expiringCredentialsOf, jsonBody, stepError, transportError } from './temporaryCredentials.js';
import { checkEcsRamRole, type EcsMetadataSettings } from './providerChecks.js';
import type { Environment } from './providerOptions.js';
import type { EcsRamRoleOptions, EnsCredentialsProvider } from './types.js';

const TOKEN_TTL_SECONDS = '21600';
const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/';
/** Instance credentials last 6 h and are rotated well before; Alibaba's library refreshes in the last hour. */
const ECS_REFRESH_AHEAD_MS = 60 * 60_000;
/** How the chain's ECS step reaches the metadata service: 1 s to connect (a laptop has none), 3 s to answer. @internal */
export const CHAIN_ECS_TIMEOUTS = { connectTimeoutMs: 1_000, timeoutMs: 3_000 } as const;

/** One refresh: IMDSv2 token, role name (unless configured), the role's credentials. */
async function fetchEcsCredentials(settings: EcsMetadataSettings, signal: AbortSignal): Promise<ExpiringCredentials> {
  const { origin, disableImdsV1, timeoutMs, connectTimeoutMs } = settings;
  const url = (path: string): URL => new URL(path, origin);

  const tokenStep = `PUT ${url('/latest/api/token').href} (IMDSv2 token)`;
  let token: string | undefined;
  // Nothing answers: not an ECS instance (or no route). Asking again without a token would only wait again.
  const tokenResponse = await credentialsStep(
    `${tokenStep}: the metadata service did not answer (is this an ECS instance?)`,
    {
      url: url('/latest/api/token'),
      method: 'PUT',
      headers: { 'x-aliyun-ecs-metadata-token-ttl-seconds': TOKEN_TTL_SECONDS },
      timeoutMs,
      connectTimeoutMs,
      signal,
    },
  );
  if (tokenResponse.statusCode === 200) token = tokenResponse.body;
  else if (disableImdsV1) throw stepError(tokenStep, `HTTP ${tokenResponse.statusCode}, and IMDSv1 is disabled`);

  /** A 200 answer to a GET with the token; on any failure, once more without it when IMDSv1 is allowed. */
  const get = async (path: string, what: string): Promise<HttpResponse> => {
    const step = `GET ${url(path).href} (${what})`;
    const attempt = async (withToken: boolean): Promise<HttpResponse> =>
      credentialsHttp({
        url: url(path),
        method: 'GET',
        ...(withToken && token !== undefined ? { headers: { 'x-aliyun-ecs-metadata-token': token } } : {}),
        timeoutMs,
        connectTimeoutMs,
        signal,
      });
    let response: HttpResponse;
    try {
      response = await attempt(true);
    } catch (error) {
      if (token === undefined || disableImdsV1 || signal.aborted) throw transportError(step, error);
      response = await attempt(false).catch((again: unknown) => {
        throw transportError(step, again);
      });
    }
    if (response.statusCode !== 200 && token !== undefined && !disableImdsV1) {
      response = await attempt(false).catch((again: unknown) => {
        throw transportError(step, again);
      });
    }
    if (response.statusCode !== 200) {
      const hint =
        response.statusCode === 404 && what === 'role name' ? ' (no RAM role is attached to the instance?)' : '';
      throw stepError(step, `HTTP ${response.statusCode}${hint}`);
    }
    return response;
  };

  const roleName = settings.roleName ?? (await get(CREDENTIALS_PATH, 'role name')).body.trim();
  if (roleName === '') throw stepError(`GET ${url(CREDENTIALS_PATH).href}`, 'no RAM role is attached to the instance');
  const path = `${CREDENTIALS_PATH}${encodeURIComponent(roleName)}`;
  const step = `GET ${url(path).href} (credentials of role ${roleName})`;
  const body = jsonBody(await get(path, `credentials of role ${roleName}`), step);
  checkSuccess(body, step, true);
  return expiringCredentialsOf(body, step);
}

/**
 * The instance's role credentials, refreshed an hour before they expire; with the metadata service disabled
 * (`ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`), a provider that rejects saying so. @internal
 */
export function ecsRamRoleRefreshing(settings: EcsMetadataSettings): EnsCredentialsProvider {
  if (settings.disabled) {
    const line = 'ECS RAM role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true';
    return () => Promise.reject(new EnsCredentialsError(line, { sources: [line] }));
  }
  return refreshingProvider({
    name: 'ECS RAM role',
    fetch: (signal) => fetchEcsCredentials(settings, signal),
    refreshAheadMs: ECS_REFRESH_AHEAD_MS,
    // Token, role name, credentials, and one IMDSv1 retry of each GET.
    timeoutMs: settings.timeoutMs * 5 + 500,
  });
}

/** `fromEcsRamRole` over explicit environment variables (the chain passes its own, and its timeouts). @internal */
export function ecsRamRoleProvider(
  options: EcsRamRoleOptions & { readonly connectTimeoutMs?: number },
  env: Environment,
): EnsCredentialsProvider {
  return ecsRamRoleRefreshing(checkEcsRamRole(options, env));
}
