import { randomBytes } from 'node:crypto';

export { canonicalQueryString, percentEncode } from './percentEncode.js';
export { signRequestV3, type SigningCredentials, type V3SignedRequest, type V3SigningInput } from './signV3.js';
export { signRequestRpc, type RpcSignedRequest, type RpcSigningInput } from './signRpc.js';

/**
 * UTC timestamp without milliseconds, `yyyy-MM-ddTHH:mm:ssZ`, as both signatures want.
 *
 * @throws RangeError for an invalid Date.
 */
export function acsTimestamp(date: Date = new Date()): string {
  // toISOString is `yyyy-MM-ddTHH:mm:ss.sssZ` for years 0..9999.
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** A fresh random nonce: 32 lower-hex chars from crypto.randomBytes(16). Use a new one for every attempt. */
export function signatureNonce(): string {
  return randomBytes(16).toString('hex');
}
