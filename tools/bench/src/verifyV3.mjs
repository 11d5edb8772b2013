// Independent check of an ACS3-HMAC-SHA256 Authorization header as the server received it, so the run
// proves that every contender sent a correctly signed request (done once per contender, outside the timing).
import { createHash, createHmac } from 'node:crypto';

const AUTH = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/;
const MUST_SIGN = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
];

function rfc3986(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * @param sample `{ method, url, headers, body }` as node:http saw it (header names lower-case).
 * @returns `{ ok, reason?, signedHeaders?, query? }`.
 */
export function verifyV3(sample, credentials) {
  if (sample === undefined) return { ok: false, reason: 'no request sampled' };
  const match = AUTH.exec(sample.headers.authorization ?? '');
  if (match === null)
    return { ok: false, reason: `not an ACS3-HMAC-SHA256 authorization: ${sample.headers.authorization}` };
  const [, accessKeyId, signedHeaders, signature] = match;
  if (accessKeyId !== credentials.accessKeyId) return { ok: false, reason: `wrong AccessKeyId ${accessKeyId}` };
  const names = signedHeaders.split(';');
  for (const name of MUST_SIGN) if (!names.includes(name)) return { ok: false, reason: `header ${name} not signed` };

  const payloadHash = sha256Hex(sample.body ?? '');
  if (sample.headers['x-acs-content-sha256'] !== payloadHash)
    return { ok: false, reason: 'x-acs-content-sha256 does not match the body' };

  const url = new URL(sample.url, 'http://loopback');
  const pairs = [];
  // URLSearchParams reads '+' as a space, like the signers' percent-encoding never produces '+'.
  for (const [key, value] of url.searchParams) pairs.push([rfc3986(key), rfc3986(value)]);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const canonicalQuery = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  let canonicalHeaders = '';
  for (const name of names) canonicalHeaders += `${name}:${String(sample.headers[name] ?? '').trim()}\n`;
  const canonicalRequest = `${sample.method}\n${url.pathname}\n${canonicalQuery}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  const expected = createHmac('sha256', credentials.accessKeySecret)
    .update(`ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`)
    .digest('hex');
  if (expected !== signature) return { ok: false, reason: 'signature does not match', canonicalRequest };
  return { ok: true, signedHeaders, query: Object.fromEntries(url.searchParams) };
}
