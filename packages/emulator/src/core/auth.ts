import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { EmulatorError } from './emulatorError.js';

/** An AccessKey the emulator accepts; with `securityToken`, requests must carry that STS token. */
export interface EmulatorAccessKey {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** When the key stops working (ms since the epoch); keys the emulator's STS issues have one. */
  readonly expiresAt?: number;
}

/** What the emulator received, as bytes and text, for signature checks. */
export interface ReceivedRequest {
  readonly method: string;
  /** Host header as received. */
  readonly host: string;
  /** The raw query string, without `?`. */
  readonly rawQuery: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** Query and form parameters, decoded and merged. */
  readonly params: ReadonlyMap<string, string>;
}

/** The caller once the signature checked out, and the action and version it asked for. */
export interface Authenticated {
  readonly accessKeyId: string;
  readonly action: string;
  readonly version: string;
  readonly signatureVersion: 'v3' | 'rpc';
}

const WINDOW_MS = 15 * 60 * 1000;

/**
 * Alibaba's percent-encoding (RFC 3986; space `%20`, `*` `%2A`, `~` kept), written separately from the
 * client's so that the emulator checks signatures by its own code path.
 */
function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonical(params: Iterable<readonly [string, string]>): string {
  return [...params]
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function decodeQuery(raw: string): [string, string][] {
  if (raw === '') return [];
  return raw.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, '%20'));
      } catch {
        throw new EmulatorError(
          'InvalidParameter',
          400,
          `The query string is not valid percent-encoding: ${s.slice(0, 40)}`,
        );
      }
    };
    return [decode(k), decode(v)];
  });
}

/** Verifies ACS3-HMAC-SHA256 and RPC signatures, timestamps and nonces, the way Alibaba's gateway does. */
export class Authenticator {
  readonly #keys: Map<string, EmulatorAccessKey>;
  readonly #configured: readonly EmulatorAccessKey[];
  readonly #nonces = new Map<string, number>();
  readonly #now: () => number;

  constructor(keys: readonly EmulatorAccessKey[], now: () => number = Date.now) {
    this.#configured = keys;
    this.#keys = new Map(keys.map((k) => [k.accessKeyId, k]));
    this.#now = now;
  }

  /** Forgets the nonces seen and the keys issued. */
  reset(): void {
    this.#nonces.clear();
    this.#keys.clear();
    for (const key of this.#configured) this.#keys.set(key.accessKeyId, key);
  }

  /** Accepts a key from now on (temporary credentials the emulator's STS or metadata service issued). */
  issue(key: EmulatorAccessKey): void {
    this.#keys.set(key.accessKeyId, key);
  }

  /** Checks the request; throws the `EmulatorError` Alibaba would answer. */
  /** How many signature nonces are held (each for twice the timestamp window), for tests and diagnostics. */
  get heldNonces(): number {
    return this.#nonces.size;
  }

  authenticate(request: ReceivedRequest): Authenticated {
    const authorization = request.headers['authorization'];
    if (authorization !== undefined) return this.#v3(request, authorization);
    if (request.params.has('Signature') || request.params.has('AccessKeyId')) return this.#rpc(request);
    throw new EmulatorError(
      'IncompleteSignature',
      400,
      'The request signature does not conform to Aliyun standards: no Authorization header and no Signature parameter.',
    );
  }

  #key(accessKeyId: string, token: string | undefined): EmulatorAccessKey {
    const key = this.#keys.get(accessKeyId);
    if (key === undefined)
      throw new EmulatorError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.');
    if (key.securityToken !== undefined && token !== key.securityToken) {
      throw new EmulatorError(
        'InvalidSecurityToken.Mismatch',
        400,
        'Specified SecurityToken is invalid or does not match the AccessKey.',
      );
    }
    if (key.expiresAt !== undefined && this.#now() >= key.expiresAt)
      throw new EmulatorError('InvalidSecurityToken.Expired', 400, 'Specified SecurityToken is expired.');
    return key;
  }

  #fresh(accessKeyId: string, timestamp: string, nonce: string): void {
    const at = Date.parse(timestamp);
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(timestamp) || Number.isNaN(at)) {
      throw new EmulatorError(
        'InvalidTimeStamp.Format',
        400,
        `Specified time stamp or date value is not well formatted: ${timestamp}`,
      );
    }
    const now = this.#now();
    if (Math.abs(now - at) > WINDOW_MS)
      throw new EmulatorError('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.');
    const seen = `${accessKeyId}\n${nonce}`;
    const expires = this.#nonces.get(seen);
    if (expires !== undefined && expires > now)
      throw new EmulatorError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.');
    // Every nonce is kept equally long and re-inserted on reuse, so the map runs oldest first: expired entries are
    // at its front, and dropping them costs O(1) per request however many nonces are held.
    for (const [k, t] of this.#nonces) {
      if (t > now) break;
      this.#nonces.delete(k);
    }
    this.#nonces.delete(seen);
    this.#nonces.set(seen, now + 2 * WINDOW_MS);
  }

  #v3(request: ReceivedRequest, authorization: string): Authenticated {
    const match = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([^,\s]+),Signature=([0-9a-f]{64})$/.exec(
      authorization.trim(),
    );
    if (match === null)
      throw new EmulatorError(
        'IncompleteSignature',
        400,
        'The Authorization header is not of the form ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...',
      );
    const [, accessKeyId = '', signedList = '', signature = ''] = match;
    const signed = signedList.split(';');
    for (const required of [
      'host',
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-content-sha256',
    ]) {
      if (!signed.includes(required))
        throw new EmulatorError('IncompleteSignature', 400, `The signed headers must include ${required}.`);
    }
    const header = (name: string): string => {
      const value = name === 'host' ? request.host : request.headers[name];
      if (value === undefined)
        throw new EmulatorError(
          'MissingParameter',
          400,
          `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
        );
      return value;
    };
    const key = this.#key(accessKeyId, request.headers['x-acs-security-token']);
    if (request.headers['x-acs-security-token'] !== undefined && !signed.includes('x-acs-security-token')) {
      throw new EmulatorError('IncompleteSignature', 400, 'The signed headers must include x-acs-security-token.');
    }
    const payloadHash = createHash('sha256').update(request.body).digest('hex');
    const canonicalRequest = [
      request.method,
      '/',
      canonical(decodeQuery(request.rawQuery)),
      signed.map((name) => `${name}:${header(name).trim()}\n`).join(''),
      signed.join(';'),
      payloadHash,
    ].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    const expected = createHmac('sha256', key.accessKeySecret).update(stringToSign).digest('hex');
    if (header('x-acs-content-sha256') !== payloadHash || !sameText(expected, signature)) {
      throw new EmulatorError(
        'SignatureDoesNotMatch',
        400,
        `Specified signature does not match our calculation. server string to sign is:${stringToSign}`,
      );
    }
    this.#fresh(accessKeyId, header('x-acs-date'), header('x-acs-signature-nonce'));
    return { accessKeyId, action: header('x-acs-action'), version: header('x-acs-version'), signatureVersion: 'v3' };
  }

  #rpc(request: ReceivedRequest): Authenticated {
    const param = (name: string): string => {
      const value = request.params.get(name);
      if (value === undefined || value === '') {
        throw new EmulatorError(
          'MissingParameter',
          400,
          `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
        );
      }
      return value;
    };
    const accessKeyId = param('AccessKeyId');
    const signature = param('Signature');
    for (const name of ['Action', 'Version', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp'])
      param(name);
    if (request.params.get('SignatureMethod') !== 'HMAC-SHA1') {
      throw new EmulatorError(
        'InvalidParameter.SignatureMethod',
        400,
        'Specified signature method is not supported (HMAC-SHA1 only).',
      );
    }
    const key = this.#key(accessKeyId, request.params.get('SecurityToken'));
    const signedParams = [...request.params].filter(([name]) => name !== 'Signature');
    const stringToSign = `${request.method}&${encode('/')}&${encode(canonical(signedParams))}`;
    const expected = createHmac('sha1', `${key.accessKeySecret}&`).update(stringToSign).digest('base64');
    if (!sameText(expected, signature)) {
      throw new EmulatorError(
        'SignatureDoesNotMatch',
        400,
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
      );
    }
    this.#fresh(accessKeyId, param('Timestamp'), param('SignatureNonce'));
    return { accessKeyId, action: param('Action'), version: param('Version'), signatureVersion: 'rpc' };
  }
}

/** Parses a raw query and an optional form body into one map (form values after query values). */
export function parameters(rawQuery: string, body: Buffer, contentType: string | undefined): Map<string, string> {
  const params = new Map(decodeQuery(rawQuery));
  if (contentType?.startsWith('application/x-www-form-urlencoded') && body.length > 0) {
    for (const [k, v] of decodeQuery(body.toString('utf8'))) params.set(k, v);
  }
  return params;
}
