// The three contenders. Each factory imports only its own client, so a contender's child process
// loads nothing of the others. `call()` performs one RevokeSecurityGroupEgress and throws unless the
// answer is a 200 with a RequestId.

/** The operation's input, camelCase (ensdk) and as it travels (PascalCase query parameters). */
export const INPUT = { securityGroupId: 'sg-5tz1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };
export const WIRE_QUERY = {
  SecurityGroupId: 'sg-5tz1',
  IpProtocol: 'tcp',
  PortRange: '22/22',
  DestCidrIp: '10.0.0.0/8',
};
export const CREDENTIALS = { accessKeyId: 'bench-access-key-id', accessKeySecret: 'bench-access-key-secret' };
export const ACTION = 'RevokeSecurityGroupEgress';
export const VERSION = '2017-11-10';
const REQUEST_ID_PREFIX = '5B0D0B33-';

function checkRequestId(value, who) {
  if (typeof value !== 'string' || !value.startsWith(REQUEST_ID_PREFIX)) {
    throw new Error(`${who}: unexpected answer ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * (a) The floor: undici `request()` on a keep-alive Agent with a URL and headers signed once up front
 * (ACS3-HMAC-SHA256 via ensdk's exported signRequestV3) and reused for every call; reads and parses the body.
 */
async function floor(port) {
  const { Agent, request } = await import('undici');
  const { signRequestV3, acsTimestamp, signatureNonce, canonicalQueryString } = await import('@ensdk/client');
  const host = `127.0.0.1:${port}`;
  const signed = signRequestV3(
    {
      method: 'POST',
      host,
      query: WIRE_QUERY,
      headers: {
        'x-acs-action': ACTION,
        'x-acs-version': VERSION,
        'x-acs-date': acsTimestamp(),
        'x-acs-signature-nonce': signatureNonce(),
      },
    },
    CREDENTIALS,
  );
  const headers = { ...signed.headers, 'user-agent': 'ensdk-bench-floor', accept: 'application/json' };
  const url = `http://${host}/?${canonicalQueryString(WIRE_QUERY)}`;
  // Same pool settings as EnsBareClient's own Agent.
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 64 });
  return {
    async call() {
      const { statusCode, body } = await request(url, { method: 'POST', headers, body: null, dispatcher });
      const parsed = await body.json();
      if (statusCode !== 200) throw new Error(`floor: HTTP ${statusCode}`);
      return checkRequestId(parsed.RequestId, 'floor');
    },
    close: () => dispatcher.close(),
  };
}

/** (b) @ensdk/client: EnsClient.revokeSecurityGroupEgress (validate, sign V3, send, map the answer). */
async function ensdk(port) {
  const { EnsClient } = await import('@ensdk/client');
  const ens = new EnsClient({ endpoint: `http://127.0.0.1:${port}`, credentials: CREDENTIALS, maxRetries: 0 });
  return {
    async call() {
      const out = await ens.revokeSecurityGroupEgress(INPUT);
      return checkRequestId(out.requestId, 'ensdk');
    },
    close: () => ens.close(),
  };
}

/**
 * (c) Alibaba's @alicloud/openapi-core 1.0.8: `callApi` with the Params a generated ENS SDK passes, default
 * signature (ACS3-HMAC-SHA256, same as ensdk), HTTP to the loopback endpoint. Like the generated
 * `revokeSecurityGroupEgress()` it builds a fresh OpenApiRequest, Params and RuntimeOptions per call.
 */
async function official(port) {
  const { default: openapi } = await import('@alicloud/openapi-core');
  const { default: dara } = await import('@darabonba/typescript');
  const OpenApiClient = openapi.default;
  const { Config, OpenApiRequest, Params } = openapi.$OpenApiUtil;
  const client = new OpenApiClient(new Config({ ...CREDENTIALS, endpoint: `127.0.0.1:${port}`, protocol: 'HTTP' }));
  return {
    async call() {
      const params = new Params({
        action: ACTION,
        version: VERSION,
        protocol: 'HTTP',
        pathname: '/',
        method: 'POST',
        authType: 'AK',
        style: 'RPC',
        bodyType: 'json',
        reqBodyType: 'formData',
      });
      const req = new OpenApiRequest({ query: { ...WIRE_QUERY } });
      const res = await client.callApi(params, req, new dara.RuntimeOptions({}));
      if (res.statusCode !== 200) throw new Error(`official: HTTP ${res.statusCode}`);
      return checkRequestId(res.body?.RequestId, 'official');
    },
    // Node's global http Agent holds the sockets; nothing to close (the child exits).
    close: async () => {},
  };
}

export const CONTENDERS = {
  floor: { label: 'floor: undici + pre-signed request', create: floor },
  ensdk: { label: '@ensdk/client EnsClient', create: ensdk },
  official: { label: '@alicloud/openapi-core callApi', create: official },
};
