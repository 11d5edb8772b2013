import { credentialsStep, safeUrl } from './httpRequest.js';
import { badOption, checkTimeout, type Environment, optionalText } from './providerOptions.js';
import { refreshingProvider, type ExpiringCredentials } from './refresh.js';
import { checkSuccess, expiringCredentialsOf, jsonBody, stepError } from './temporaryCredentials.js';
import type { EnsCredentialsProvider } from './types.js';

/** Options of {@link fromCredentialsUri}. */
export interface CredentialsUriOptions {
  /** Where to `GET` the credentials. Default `ALIBABA_CLOUD_CREDENTIALS_URI`. */
  readonly uri?: string;
  /** Limit of each request, in ms. Default 5000. */
  readonly timeoutMs?: number;
}

async function fetchFromUri(url: URL, timeoutMs: number, signal: AbortSignal): Promise<ExpiringCredentials> {
  const step = `GET ${safeUrl(url)}`;
  const response = await credentialsStep(step, { url, method: 'GET', timeoutMs, signal });
  if (response.statusCode !== 200) throw stepError(step, `HTTP ${response.statusCode}`);
  const body = jsonBody(response, step);
  checkSuccess(body, step, false);
  return expiringCredentialsOf(body, step);
}

/** {@link fromCredentialsUri} over explicit environment variables (the chain passes its own). @internal */
export function credentialsUriProvider(options: CredentialsUriOptions, env: Environment): EnsCredentialsProvider {
  const uri = optionalText(options.uri, 'uri') ?? optionalText(env['ALIBABA_CLOUD_CREDENTIALS_URI'], 'uri');
  if (uri === undefined) throw badOption('uri', 'is required (or set ALIBABA_CLOUD_CREDENTIALS_URI)');
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badOption('uri', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badOption('uri', 'must use http or https');
  const timeoutMs = checkTimeout(options.timeoutMs ?? 5_000, 'timeoutMs');
  return refreshingProvider({
    name: `credentials URI ${safeUrl(url)}`,
    fetch: (signal) => fetchFromUri(url, timeoutMs, signal),
    timeoutMs: timeoutMs + 500,
  });
}

/**
 * Credentials served at a URI (a sidecar, a vault agent): `GET uri` answers
 * `{"Code":"Success","AccessKeyId","AccessKeySecret","SecurityToken","Expiration"}`. Cached and refreshed 15
 * minutes before expiry; concurrent callers share one refresh. Messages show the URI without its query.
 *
 * @example
 * ```ts
 * const ens = new EnsClient({ credentials: fromCredentialsUri({ uri: 'http://127.0.0.1:8700/credentials' }) });
 * ```
 */
export function fromCredentialsUri(options: CredentialsUriOptions = {}): EnsCredentialsProvider {
  return credentialsUriProvider(options, process.env);
}
