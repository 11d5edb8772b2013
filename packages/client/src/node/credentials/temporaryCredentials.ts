/** Reading the credentials a metadata service, STS or a credentials URI answers. @internal */
import { EnsCredentialsError, EnsError } from '@ensdk/errors/base';
import type { HttpResponse } from '../http.js';
import { makeCredentials } from './checkCredentials.js';
import { isObject, own, type JsonObject } from './json.js';
import { type ExpiringCredentials, parseExpiration } from './refresh.js';

/** The error of one step of a refresh: `<step>: <problem>`, with the failure kept as `cause`. @internal */
export function stepError(step: string, problem: string, cause?: unknown): EnsCredentialsError {
  return new EnsCredentialsError(`${step}: ${problem}`, cause === undefined ? {} : { cause });
}

/** A transport failure (refused, timed out, aborted) of `step`, explained with the transport's own words. @internal */
export function transportError(step: string, error: unknown): EnsCredentialsError {
  const message = error instanceof EnsError || error instanceof Error ? error.message : String(error);
  return stepError(step, message, error);
}

/**
 * The JSON object of a 200 body, or an error naming `step`. The body is never quoted: a credentials answer holds
 * secrets, and one that does not parse may hold them too.
 * @internal
 */
export function jsonBody(response: HttpResponse, step: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    throw stepError(step, `the answer is not JSON (HTTP ${response.statusCode}, ${response.body.length} characters)`);
  }
  if (!isObject(parsed)) throw stepError(step, 'the answer is not a JSON object');
  return parsed;
}

/**
 * Checks the answer's `Code` is `"Success"` (when `required`, else only when present), or an error quoting the code.
 * @internal
 */
export function checkSuccess(object: JsonObject, step: string, required: boolean): void {
  const code = own(object, 'Code');
  if (code === 'Success' || (code === undefined && !required)) return;
  const shown = typeof code === 'string' ? `"${code.slice(0, 60)}"` : code === undefined ? 'missing' : typeof code;
  throw stepError(step, `Code is ${shown}, not "Success"`);
}

/**
 * `{AccessKeyId, AccessKeySecret, SecurityToken, Expiration}` of `object` as expiring credentials; a missing or
 * blank field is an error naming the field (never a value).
 * @internal
 */
export function expiringCredentialsOf(object: JsonObject, step: string): ExpiringCredentials {
  const fields = ['AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration'] as const;
  const values = fields.map((field) => own(object, field));
  const missing = fields.filter((_, i) => typeof values[i] !== 'string' || (values[i] as string).trim() === '');
  if (missing.length > 0) throw stepError(step, `the answer has no ${missing.join(', ')}`);
  const [accessKeyId, accessKeySecret, securityToken, expiration] = values as string[];
  return {
    credentials: makeCredentials(accessKeyId as string, accessKeySecret as string, securityToken),
    expiresAt: parseExpiration(expiration, step),
  };
}
