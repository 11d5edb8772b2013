import { nodeCrypto } from '../builtins.js';
import { canonicalQueryString, percentEncode } from './percentEncode.js';

/** AccessKey credentials; securityToken for STS. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
}

/** What {@link signRequestV3} needs to know about a request. */
export interface V3SigningInput {
  readonly method: 'GET' | 'POST';
  /** The Host header value exactly as sent, e.g. `ens.aliyuncs.com` or `127.0.0.1:9100`. */
  readonly host: string;
  /** Unencoded request path starting with `/`; default `/` (always `/` for RPC-style APIs). */
  readonly path?: string;
  /** Query parameters, unencoded. */
  readonly query: Readonly<Record<string, string>>;
  /**
   * Headers that will be sent, lower-case names: must include x-acs-action, x-acs-version, x-acs-date,
   * x-acs-signature-nonce; may include content-type and others. Any `host`, `x-acs-content-sha256`,
   * `x-acs-security-token` or `authorization` given here is replaced by the signer's own value.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** Request body; default empty. Strings are hashed as UTF-8. */
  readonly body?: string | Uint8Array | undefined;
}

/** The result of {@link signRequestV3}. */
export interface V3SignedRequest {
  /** input.headers plus host, x-acs-content-sha256, x-acs-security-token (with STS), authorization. */
  readonly headers: Record<string, string>;
  /** The canonical query string that was signed; send exactly this as the URL's query. */
  readonly canonicalQuery: string;
  /** The canonical request that was hashed (for debugging SignatureDoesNotMatch). */
  readonly canonicalRequest: string;
  /** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request; what the server echoes on mismatch. */
  readonly stringToSign: string;
  /** Lower-hex HMAC-SHA256 of stringToSign keyed with the AccessKey secret. */
  readonly signature: string;
}

const ALGORITHM = 'ACS3-HMAC-SHA256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const REQUIRED_HEADERS = ['x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce'] as const;
const HAS_UPPER_CASE = /[A-Z]/;

function sha256Hex(data: string | Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
}

function canonicalUri(path: string): string {
  if (path === '/') return path;
  if (path.charCodeAt(0) !== 0x2f)
    throw new TypeError(`V3 signing: path must start with "/", got ${JSON.stringify(path)}`);
  return path.split('/').map(percentEncode).join('/');
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Signs with ACS3-HMAC-SHA256. Signed headers: host, content-type (if present) and every x-acs-* header.
 *
 * @throws TypeError when a header name is not lower-case, a required x-acs-* header is missing, or the path
 *   does not start with `/`.
 */
export function signRequestV3(input: V3SigningInput, credentials: SigningCredentials): V3SignedRequest {
  const inputHeaders = input.headers;
  for (const name of REQUIRED_HEADERS) {
    if (inputHeaders[name] === undefined) throw new TypeError(`V3 signing: missing required header "${name}"`);
  }

  const body = input.body;
  const hashedPayload = body === undefined || body.length === 0 ? EMPTY_SHA256 : sha256Hex(body);

  const headers: Record<string, string> = {};
  for (const name of Object.keys(inputHeaders)) {
    if (HAS_UPPER_CASE.test(name)) throw new TypeError(`V3 signing: header name "${name}" must be lower-case`);
    if (
      name === 'host' ||
      name === 'x-acs-content-sha256' ||
      name === 'x-acs-security-token' ||
      name === 'authorization'
    ) {
      continue;
    }
    headers[name] = inputHeaders[name] as string;
  }
  headers['host'] = input.host;
  headers['x-acs-content-sha256'] = hashedPayload;
  if (credentials.securityToken !== undefined && credentials.securityToken !== '') {
    headers['x-acs-security-token'] = credentials.securityToken;
  }

  const signedNames: string[] = [];
  for (const name of Object.keys(headers)) {
    if (name === 'host' || name === 'content-type' || name.startsWith('x-acs-')) signedNames.push(name);
  }
  signedNames.sort(byCodeUnit);

  let canonicalHeaders = '';
  for (const name of signedNames) canonicalHeaders += `${name}:${(headers[name] as string).trim()}\n`;
  const signedHeaders = signedNames.join(';');

  const canonicalQuery = canonicalQueryString(input.query);
  const canonicalRequest =
    `${input.method}\n${canonicalUri(input.path ?? '/')}\n${canonicalQuery}\n` +
    `${canonicalHeaders}\n${signedHeaders}\n${hashedPayload}`;
  const stringToSign = `${ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
  const signature = nodeCrypto().createHmac('sha256', credentials.accessKeySecret).update(stringToSign).digest('hex');

  headers['authorization'] =
    `${ALGORITHM} Credential=${credentials.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { headers, canonicalQuery, canonicalRequest, stringToSign, signature };
}
