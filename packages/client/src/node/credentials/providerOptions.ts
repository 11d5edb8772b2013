/** Checks of the providers' options, done when a provider is built (before any I/O). @internal */
import { EnsCredentialsError } from '@ensdk/errors/base';

/** Environment variables a provider reads. @internal */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The error for a bad option: names the option and the rule, never the value of a secret. @internal */
export function badOption(field: string, rule: string): EnsCredentialsError {
  const line = `${field} ${rule}`;
  return new EnsCredentialsError(`Invalid credentials provider option: ${line}`, { sources: [line] });
}

/** Alibaba's boolean variables count as set only when their value, lower-cased, is `true`. @internal */
export function envFlag(env: Environment, name: string): boolean {
  return env[name]?.trim().toLowerCase() === 'true';
}

/** The trimmed text, `undefined` when absent or blank; anything but a string is an error naming `field`. @internal */
export function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badOption(field, `must be a string (it is a ${typeof value})`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A non-blank string, else an error naming `field`. @internal */
export function requiredText(value: unknown, field: string): string {
  const text = optionalText(value, field);
  if (text === undefined) throw badOption(field, 'is required (a non-empty string)');
  return text;
}

/** A positive integer number of milliseconds. @internal */
export function checkTimeout(value: number, field: string): number {
  if (!Number.isInteger(value) || value <= 0) throw badOption(field, 'must be a positive integer (ms)');
  return value;
}

/**
 * An endpoint given as a host (`sts.aliyuncs.com`, https) or an origin (`http://127.0.0.1:9100`), as a URL.
 * A path, query or user info is an error naming `field`.
 * @internal
 */
export function checkEndpoint(value: string, field: string): URL {
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw badOption(field, 'must be a host or an http(s) origin such as http://127.0.0.1:9100');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badOption(field, 'must use http or https');
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '')
    throw badOption(field, 'must be a host or an origin, without path, query or user info');
  return url;
}
