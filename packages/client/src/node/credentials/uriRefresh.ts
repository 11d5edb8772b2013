/** The refresh of `fromCredentialsUri`: `GET` the URI it checked. Loaded on the first resolution. @internal */
import { credentialsStep, safeUrl } from './httpRequest.js';
import { checkCredentialsUri, type CredentialsUriSettings } from './providerChecks.js';
import type { Environment } from './providerOptions.js';
import { refreshingProvider, type ExpiringCredentials } from './refresh.js';
import { checkSuccess, expiringCredentialsOf, jsonBody, stepError } from './temporaryCredentials.js';
import type { CredentialsUriOptions, EnsCredentialsProvider } from './types.js';

async function fetchFromUri(url: URL, timeoutMs: number, signal: AbortSignal): Promise<ExpiringCredentials> {
  const step = `GET ${safeUrl(url)}`;
  const response = await credentialsStep(step, { url, method: 'GET', timeoutMs, signal });
  if (response.statusCode !== 200) throw stepError(step, `HTTP ${response.statusCode}`);
  const body = jsonBody(response, step);
  checkSuccess(body, step, false);
  return expiringCredentialsOf(body, step);
}

/** Credentials served at the checked URL, refreshed; each request limited to its `timeoutMs`. @internal */
export function credentialsUriRefreshing({ url, timeoutMs }: CredentialsUriSettings): EnsCredentialsProvider {
  return refreshingProvider({
    name: `credentials URI ${safeUrl(url)}`,
    fetch: (signal) => fetchFromUri(url, timeoutMs, signal),
    timeoutMs: timeoutMs + 500,
  });
}

/** `fromCredentialsUri` over explicit environment variables (the chain passes its own). @internal */
export function credentialsUriProvider(options: CredentialsUriOptions, env: Environment): EnsCredentialsProvider {
  return credentialsUriRefreshing(checkCredentialsUri(options, env));
}
