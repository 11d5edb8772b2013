import { defaultCredentialsChain } from './chain.js';
import { checkCredentials } from './checkCredentials.js';
import type { CredentialsChainOptions, EnsCredentialsOption, EnsCredentialsProvider } from './types.js';

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
    return async (call) => checkCredentials(await provider(call), 'the credentials provider');
  }
  const fixed = checkCredentials(option, 'the credentials option');
  return () => Promise.resolve(fixed);
}
