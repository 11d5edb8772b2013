import { nodeCrypto } from '../builtins.js';

export { canonicalQueryString, percentEncode } from './percentEncode.js';
export { signRequestV3, type SigningCredentials, type V3SignedRequest, type V3SigningInput } from './signV3.js';
export { signRequestRpc, type RpcSignedRequest, type RpcSigningInput } from './signRpc.js';

/**
 * UTC timestamp without milliseconds, `yyyy-MM-ddTHH:mm:ssZ`, as both signatures want.
 *
 * @throws RangeError for an invalid Date.
 */
export function acsTimestamp(date?: Date): string {
  const ms = date === undefined ? Date.now() : date.getTime();
  const second = Math.floor(ms / 1000);
  // Every request of the same second carries the same timestamp: format it once per second.
  if (date === undefined && second === lastSecond) return lastTimestamp;
  // toISOString is `yyyy-MM-ddTHH:mm:ss.sssZ` for years 0..9999.
  const text = `${new Date(ms).toISOString().slice(0, 19)}Z`;
  if (date === undefined) {
    lastSecond = second;
    lastTimestamp = text;
  }
  return text;
}

let lastSecond = Number.NaN;
let lastTimestamp = '';

/**
 * A fresh random nonce: 32 lower-hex chars (a random UUID v4 without dashes: 122 random bits). Use a new one
 * for every attempt. `randomUUID` draws from a pooled entropy buffer; `randomUUID(16)` per call cost a
 * system call each and was a quarter of the client's CPU under load.
 */
export function signatureNonce(): string {
  const uuid = nodeCrypto().randomUUID();
  return uuid.slice(0, 8) + uuid.slice(9, 13) + uuid.slice(14, 18) + uuid.slice(19, 23) + uuid.slice(24);
}
