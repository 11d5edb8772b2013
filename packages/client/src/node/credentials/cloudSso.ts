import { EnsServiceError } from '@ensdk/errors/base';
import { credentialsStep } from './httpRequest.js';
import { isObject, own } from './json.js';
import { badOption, checkTimeout } from './providerOptions.js';
import { refreshingProvider, type ExpiringCredentials } from './refresh.js';
import { expiringCredentialsOf, jsonBody, stepError } from './temporaryCredentials.js';
import type { EnsCredentialsProvider } from './types.js';

/** What a CloudSSO profile of the CLI holds (`aliyun configure --mode CloudSSO` writes it). @internal */
export interface CloudSsoSettings {
  /** `cloud_sso_sign_in_url`: its origin serves `/cloud-credentials`. */
  readonly signInUrl: string;
  readonly accountId: string;
  readonly accessConfigurationId: string;
  /** The CLI's access token (a secret: never shown). */
  readonly accessToken: string;
  /** When the access token expires, in seconds since the epoch. */
  readonly accessTokenExpire: number;
  readonly timeoutMs?: number;
}

async function fetchCloudCredentials(
  url: URL,
  settings: CloudSsoSettings,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ExpiringCredentials> {
  const step = `CloudSSO POST ${url.href}`;
  if (Date.now() >= settings.accessTokenExpire * 1000)
    throw stepError(
      'CloudSSO',
      `the access token expired at ${new Date(settings.accessTokenExpire * 1000).toISOString()}; sign in again with \`aliyun sso login\``,
    );
  const response = await credentialsStep(step, {
    url,
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      authorization: `Bearer ${settings.accessToken}`,
    },
    body: JSON.stringify({ AccountId: settings.accountId, AccessConfigurationId: settings.accessConfigurationId }),
    timeoutMs,
    signal,
  });
  if (response.statusCode !== 200) {
    let code: string | undefined;
    let requestId: string | undefined;
    try {
      const body: unknown = JSON.parse(response.body);
      if (isObject(body)) {
        code =
          typeof body['ErrorCode'] === 'string'
            ? body['ErrorCode']
            : typeof body['Code'] === 'string'
              ? body['Code']
              : undefined;
        requestId = typeof body['RequestId'] === 'string' ? body['RequestId'] : undefined;
      }
    } catch {
      // Not JSON: the status says enough.
    }
    const cause =
      code === undefined
        ? undefined
        : new EnsServiceError({ code, statusCode: response.statusCode, ...(requestId ? { requestId } : {}) });
    throw stepError(
      step,
      `HTTP ${response.statusCode}${code ? ` ${code}` : ''}${requestId ? ` (request id ${requestId})` : ''}`,
      cause,
    );
  }
  const credential = own(jsonBody(response, step), 'CloudCredential');
  if (!isObject(credential)) throw stepError(step, 'the answer has no CloudCredential object');
  return expiringCredentialsOf(credential, step);
}

/** Temporary credentials from CloudSSO for a CLI profile in mode `CloudSSO`. @internal */
export function cloudSsoProvider(settings: CloudSsoSettings): EnsCredentialsProvider {
  let origin: URL;
  try {
    origin = new URL(settings.signInUrl);
  } catch {
    throw badOption('cloud_sso_sign_in_url', 'must be an absolute http(s) URL');
  }
  if (origin.protocol !== 'https:' && origin.protocol !== 'http:')
    throw badOption('cloud_sso_sign_in_url', 'must use http or https');
  const timeoutMs = checkTimeout(settings.timeoutMs ?? 10_000, 'timeoutMs');
  const url = new URL('/cloud-credentials', origin.origin);
  return refreshingProvider({
    name: `CloudSSO account ${settings.accountId}`,
    fetch: (signal) => fetchCloudCredentials(url, settings, timeoutMs, signal),
    timeoutMs: timeoutMs + 500,
  });
}
