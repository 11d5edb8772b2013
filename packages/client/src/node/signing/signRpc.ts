import { nodeCrypto } from '../builtins.js';
import { canonicalQueryString, percentEncode } from './percentEncode.js';
import type { SigningCredentials } from './signV3.js';

/** What {@link signRequestRpc} needs to know about a request. */
export interface RpcSigningInput {
  readonly method: 'GET' | 'POST';
  /**
   * All parameters except AccessKeyId, SignatureMethod, SignatureVersion, SecurityToken and Signature: i.e. Action,
   * Version, Format, SignatureNonce, Timestamp and the operation's own. Any of those five given anyway is replaced
   * by the signer's own value (SecurityToken is dropped without STS credentials).
   */
  readonly query: Readonly<Record<string, string>>;
}

/** The result of {@link signRequestRpc}. */
export interface RpcSignedRequest {
  /** input.query plus AccessKeyId, SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, SecurityToken (STS) and Signature. */
  readonly query: Record<string, string>;
  /** `METHOD&%2F&enc(canonicalQuery)`; what the server echoes on SignatureDoesNotMatch. */
  readonly stringToSign: string;
  /** Base64 HMAC-SHA1 of stringToSign keyed with `secret + "&"`. */
  readonly signature: string;
}

const SIGNER_OWNED = new Set(['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SecurityToken', 'Signature']);

/** Signs with the RPC HMAC-SHA1 signature (Alibaba's "V2" for RPC). */
export function signRequestRpc(input: RpcSigningInput, credentials: SigningCredentials): RpcSignedRequest {
  const inputQuery = input.query;
  const query: Record<string, string> = {};
  for (const key of Object.keys(inputQuery)) {
    if (!SIGNER_OWNED.has(key)) query[key] = inputQuery[key] as string;
  }
  query['AccessKeyId'] = credentials.accessKeyId;
  query['SignatureMethod'] = 'HMAC-SHA1';
  query['SignatureVersion'] = '1.0';
  if (credentials.securityToken !== undefined && credentials.securityToken !== '') {
    query['SecurityToken'] = credentials.securityToken;
  }

  // percentEncode('/') is '%2F'.
  const stringToSign = `${input.method}&%2F&${percentEncode(canonicalQueryString(query))}`;
  const signature = nodeCrypto()
    .createHmac('sha1', `${credentials.accessKeySecret}&`)
    .update(stringToSign)
    .digest('base64');
  query['Signature'] = signature;
  return { query, stringToSign, signature };
}
