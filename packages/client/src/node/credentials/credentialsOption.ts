import { EnsCredentialsError } from '@ensdk/errors';
import { defaultCredentialsChain } from './chain.js';
import { makeCredentials } from './internal.js';
import type { CredentialsChainOptions, EnsCredentials, EnsCredentialsOption, EnsCredentialsProvider } from './types.js';

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
 * Normalises the client option into a provider (validating a fixed object eagerly: non-empty strings, else
 * EnsCredentialsError naming the field).
 *
 * - `undefined`: {@link defaultCredentialsChain} with `chain`.
 * - An object: checked now (throws synchronously); the provider returns a frozen copy.
 * - A function: called as is on every call, uncached; whatever it throws propagates unchanged, and a malformed
 *   result (missing or empty `accessKeyId` / `accessKeySecret`) rejects with `EnsCredentialsError`.
 *
 * Credentials handed out have non-enumerable `accessKeySecret` and `securityToken`: `JSON.stringify`,
 * `util.inspect` and object spread do not show (or copy) them; read the fields directly.
 */
export function toCredentialsProvider(
  option: EnsCredentialsOption | undefined,
  chain?: CredentialsChainOptions,
): EnsCredentialsProvider {
  if (option === undefined) return defaultCredentialsChain(chain);
  if (typeof option === 'function') {
    const provider = option;
    return async () => checkCredentials(await provider(), 'the credentials provider');
  }
  const fixed = checkCredentials(option, 'the credentials option');
  return () => Promise.resolve(fixed);
}
