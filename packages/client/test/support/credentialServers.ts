/**
 * Loopback test doubles of the servers the credential providers talk to: STS, the ECS metadata service and a
 * credentials URI. Each checks what it receives (STS recomputes the AssumeRole signature from the received
 * bytes with its own code; AssumeRoleWithOIDC must carry no signature; the metadata service wants its token).
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { json, type LoopbackServer, type ReceivedRequest, startLoopbackServer } from './loopbackServer.js';

/** `YYYY-MM-DDTHH:MM:SSZ`, `ms` from now. */
export function expiresIn(ms: number): string {
  return `${new Date(Date.now() + ms).toISOString().slice(0, 19)}Z`;
}

let issued = 0;
/** Fresh temporary credentials with recognisable secrets, as STS / the metadata service spell them. */
export function temporaryKeys(label: string, lifetimeMs = 3600_000) {
  issued++;
  return {
    AccessKeyId: `STS.${label}.${issued}`,
    AccessKeySecret: `SeCrEt-${label}-${issued}-${randomUUID()}`,
    SecurityToken: `ToKeN-${label}-${issued}-${randomUUID()}`,
    Expiration: expiresIn(lifetimeMs),
  };
}

/** RFC 3986 encoding, written apart from the client's signer. */
const encode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Decoded `k=v` pairs of a query string or form body. */
export function pairs(raw: string): [string, string][] {
  if (raw === '') return [];
  return raw.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const decode = (s: string): string => decodeURIComponent(s.replace(/\+/g, '%20'));
    return eq < 0 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))];
  });
}

/** Query and form parameters of a received request, merged (form last). */
export function paramsOf(request: ReceivedRequest): Map<string, string> {
  return new Map([...pairs(request.url.search.slice(1)), ...pairs(request.body.toString('utf8'))]);
}

/** The RPC (HMAC-SHA1) string to sign and signature of received parameters, recomputed from scratch. */
export function rpcSignatureOf(
  method: string,
  params: ReadonlyMap<string, string>,
  secret: string,
): { stringToSign: string; signature: string } {
  const canonical = [...params]
    .filter(([k]) => k !== 'Signature')
    .map(([k, v]) => [encode(k), encode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const stringToSign = `${method}&${encode('/')}&${encode(canonical)}`;
  return { stringToSign, signature: createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64') };
}

/** An AccessKey STS accepts as a signer (a temporary one must carry its token). */
export interface SignerKey {
  readonly secret: string;
  readonly token?: string;
}

/** What the STS double answers a verified request with; default: fresh credentials for an hour. */
export type StsAnswer = (params: ReadonlyMap<string, string>, res: ServerResponse) => void;

/** An STS on loopback: verifies every AssumeRole's signature and every AssumeRoleWithOIDC's absence of one. */
export interface StsDouble extends LoopbackServer {
  /** Keys accepted as AssumeRole signers, by AccessKeyId; issued keys are added (roles chain). */
  readonly signers: Map<string, SignerKey>;
  /** Problems found in received requests (the test asserts it stays empty). */
  readonly problems: string[];
  /** Replaces the answer to verified requests. */
  answer: StsAnswer;
}

const stsError = (res: ServerResponse, status: number, code: string, message: string): void =>
  json(res, status, { RequestId: `REQ-${code}`, HostId: 'sts.aliyuncs.com', Code: code, Message: message });

export const issueCredentials =
  (lifetimeMs = 3600_000): StsAnswer =>
  (params, res) =>
    json(res, 200, {
      RequestId: randomUUID(),
      AssumedRoleUser: { Arn: `${params.get('RoleArn')}/${params.get('RoleSessionName')}`, AssumedRoleId: '1:x' },
      Credentials: temporaryKeys('sts', lifetimeMs),
    });

export async function startStsDouble(signers: Record<string, SignerKey> = {}): Promise<StsDouble> {
  const keys = new Map(Object.entries(signers));
  const problems: string[] = [];
  let double: StsDouble | undefined;
  const server = await startLoopbackServer((request, res) => {
    const params = paramsOf(request);
    const action = params.get('Action');
    if (request.method !== 'POST') problems.push(`method ${request.method}`);
    if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') problems.push('content-type');
    if (params.get('Version') !== '2015-04-01' || params.get('Format') !== 'JSON') problems.push('Version/Format');
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(params.get('Timestamp') ?? '')) problems.push('Timestamp');
    const bodyNames = new Set(pairs(request.body.toString('utf8')).map(([k]) => k));
    if (!bodyNames.has('RoleArn') || !bodyNames.has('RoleSessionName') || !bodyNames.has('DurationSeconds'))
      problems.push('role parameters not in the form body');
    if (action === 'AssumeRoleWithOIDC') {
      for (const name of [
        'AccessKeyId',
        'Signature',
        'SignatureMethod',
        'SignatureVersion',
        'SignatureNonce',
        'SecurityToken',
      ])
        if (params.has(name)) problems.push(`AssumeRoleWithOIDC carries ${name}`);
      if (!bodyNames.has('OIDCToken') || !bodyNames.has('OIDCProviderArn')) problems.push('OIDC parameters');
      double?.answer(params, res);
      return;
    }
    if (action !== 'AssumeRole') {
      stsError(res, 404, 'InvalidAction.NotFound', `no action ${action}`);
      return;
    }
    const key = keys.get(params.get('AccessKeyId') ?? '');
    if (key === undefined) {
      stsError(res, 404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
      return;
    }
    if (key.token !== params.get('SecurityToken')) {
      stsError(res, 400, 'InvalidSecurityToken.Mismatch', 'Specified SecurityToken is invalid.');
      return;
    }
    const { stringToSign, signature } = rpcSignatureOf(request.method, params, key.secret);
    if (params.get('SignatureMethod') !== 'HMAC-SHA1' || signature !== params.get('Signature')) {
      stsError(
        res,
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
      );
      return;
    }
    double?.answer(params, res);
  });
  double = Object.assign(server, { signers: keys, problems, answer: issueCredentials() });
  return double;
}

/** How the metadata double treats IMDSv2 tokens. */
export type ImdsMode = 'optional' | 'required' | 'refused';

export interface MetadataDouble extends LoopbackServer {
  readonly problems: string[];
  /** Credentials it hands out next (replace to rotate). */
  credentials: ReturnType<typeof temporaryKeys>;
}

/** An ECS metadata service on loopback with one role; `required` refuses requests without its token (401). */
export async function startMetadataDouble(roleName: string, mode: ImdsMode): Promise<MetadataDouble> {
  const token = `imds-${randomUUID()}`;
  const problems: string[] = [];
  let double: MetadataDouble | undefined;
  const server = await startLoopbackServer((request, res) => {
    const path = request.url.pathname;
    if (path === '/latest/api/token') {
      if (request.method !== 'PUT') problems.push(`token by ${request.method}`);
      if (request.headers['x-aliyun-ecs-metadata-token-ttl-seconds'] !== '21600') problems.push('token TTL header');
      if (mode === 'refused') {
        res.writeHead(403).end('Forbidden');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end(token);
      return;
    }
    const sent = request.headers['x-aliyun-ecs-metadata-token'];
    if (sent !== undefined && sent !== token) problems.push('wrong token');
    if (mode === 'required' && sent !== token) {
      res.writeHead(401).end('Unauthorized');
      return;
    }
    if (request.method !== 'GET') problems.push(`${path} by ${request.method}`);
    if (path === '/latest/meta-data/ram/security-credentials/') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${roleName}\n`);
      return;
    }
    if (path === `/latest/meta-data/ram/security-credentials/${roleName}`) {
      json(res, 200, { Code: 'Success', LastUpdated: expiresIn(0), ...double?.credentials });
      return;
    }
    res.writeHead(404).end('Not Found');
  });
  double = Object.assign(server, { problems, credentials: temporaryKeys('ecs', 6 * 3600_000) });
  return double;
}
