import { EnsCredentialsError } from '@ensdk/errors/base';
import type { EnsCredentials, EnsCredentialsOption, EnsCredentialsProvider } from './types.js';

/**
 * A frozen credentials object whose `accessKeySecret` and `securityToken` are non-enumerable, so that
 * `JSON.stringify`, `util.inspect`, `console.log` and object spread never show them; `accessKeyId` stays
 * visible (it identifies the key, it does not grant access). @internal
 */
export function makeCredentials(accessKeyId: string, accessKeySecret: string, securityToken?: string): EnsCredentials {
  const credentials = { accessKeyId };
  Object.defineProperty(credentials, 'accessKeySecret', { value: accessKeySecret, enumerable: false });
  if (securityToken !== undefined)
    Object.defineProperty(credentials, 'securityToken', { value: securityToken, enumerable: false });
  return Object.freeze(credentials) as EnsCredentials;
}

/** How a rejected value is described: its kind, never its content. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'empty';
  return `a ${Array.isArray(value) ? 'array' : typeof value}`;
}

/**
 * Checks `value` (a credentials option or a provider's result) and returns a frozen copy whose secret fields are
 * non-enumerable. `accessKeyId` and `accessKeySecret` must be non-blank strings; `securityToken` may be absent,
 * `null` or `''` (no token) or a string. Throws `EnsCredentialsError` naming each bad field, never its value.
 * @internal
 */
export function checkCredentials(value: unknown, origin: string): EnsCredentials {
  if (typeof value !== 'object' || value === null) {
    const line = `${origin}: expected an object with accessKeyId and accessKeySecret, got ${value === undefined ? 'undefined' : kindOf(value)}`;
    throw new EnsCredentialsError(`Invalid credentials from ${line}`, { sources: [line] });
  }
  const field = (name: string): unknown => Reflect.get(value, name);
  const problems: string[] = [];
  for (const name of ['accessKeyId', 'accessKeySecret']) {
    const v = field(name);
    if (typeof v !== 'string' || v.trim() === '')
      problems.push(`${name} must be a non-empty string (it is ${kindOf(v)})`);
  }
  const token = field('securityToken');
  if (token !== undefined && token !== null && typeof token !== 'string')
    problems.push(`securityToken must be a string (it is ${kindOf(token)})`);
  if (problems.length > 0) {
    throw new EnsCredentialsError(`Invalid credentials from ${origin}: ${problems.join('; ')}`, {
      sources: problems.map((problem) => `${origin}: ${problem}`),
    });
  }
  return makeCredentials(
    field('accessKeyId') as string,
    field('accessKeySecret') as string,
    typeof token === 'string' && token !== '' ? token : undefined,
  );
}

/**
 * A provider over fixed keys (checked now: throws synchronously naming a bad field) or over a provider function
 * (called on every call with the caller's options; its result checked). @internal
 */
export function providerOfOption(option: EnsCredentialsOption, origin: string): EnsCredentialsProvider {
  if (typeof option === 'function') {
    const provider = option;
    return async (call) => checkCredentials(await provider(call), `${origin} (a provider)`);
  }
  const fixed = checkCredentials(option, origin);
  return () => Promise.resolve(fixed);
}
