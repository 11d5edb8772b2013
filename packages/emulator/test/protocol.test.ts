import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  EnsResponseParseError,
  type EnsServiceError,
  IncompleteSignatureError,
  InternalError,
  InvalidAccessKeyIdNotFoundError,
  InvalidActionNotFoundError,
  InvalidParameterError,
  InvalidTimeStampExpiredError,
  MissingParameterError,
  SecurityGroupRuleNotFoundError,
  SignatureDoesNotMatchError,
  SignatureNonceUsedError,
} from '@ensdk/errors';
import { spawn } from 'node:child_process';
import {
  EnsClient,
  type EnsClientOptions,
  signRequestV3,
  acsTimestamp,
  signatureNonce,
  canonicalQueryString,
} from '@ensdk/client';
import * as models from '@ensdk/client/models';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../src/index.js';
import { rpcSignedQuery } from './support/rpc.js';

const definitions = (Object.values(models) as unknown[]).filter(
  (v): v is models.OperationDefinition<unknown, unknown> =>
    typeof v === 'object' && v !== null && 'action' in v && 'methods' in v,
);

let emulator: RunningEmulator;
let ens: EnsClient;
beforeAll(async () => {
  emulator = await startEmulator({
    accessKeys: [DEMO_ACCESS_KEY, { accessKeyId: 'sts-id', accessKeySecret: 'sts-secret', securityToken: 'sts-token' }],
  });
  ens = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY, retryDelay: { baseMs: 1, maxMs: 5 } });
});
afterAll(async () => {
  await ens.close();
  await emulator.close();
});

const RULE = { ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' } as const;

async function raw(init: {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}${init.path ?? '/'}`, {
    method: init.method ?? 'POST',
    headers: init.headers,
    body: init.body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A V3-signed raw request, optionally tampered with after signing. */
function signedV3(
  action: string,
  query: Record<string, string>,
  overrides: { date?: string; nonce?: string; secret?: string; id?: string } = {},
) {
  const url = new URL(emulator.url);
  const signed = signRequestV3(
    {
      method: 'POST',
      host: url.host,
      query,
      headers: {
        'x-acs-action': action,
        'x-acs-version': '2017-11-10',
        'x-acs-date': overrides.date ?? acsTimestamp(),
        'x-acs-signature-nonce': overrides.nonce ?? signatureNonce(),
      },
    },
    {
      accessKeyId: overrides.id ?? DEMO_ACCESS_KEY.accessKeyId,
      accessKeySecret: overrides.secret ?? DEMO_ACCESS_KEY.accessKeySecret,
    },
  );
  const { host, ...headers } = signed.headers;
  void host;
  return { path: `/?${signed.canonicalQuery}`, headers };
}

describe('the emulator speaks Alibaba’s protocol', () => {
  it('serves the security-group story to @ensdk/client (V3)', async () => {
    const { securityGroupId } = await ens.createSecurityGroup({ securityGroupName: 'demo' });
    expect(securityGroupId).toMatch(/^sg-/);
    await ens.authorizeSecurityGroupEgress({ securityGroupId: securityGroupId!, ...RULE });
    const attribute = await ens.describeSecurityGroupAttribute({ securityGroupId: securityGroupId! });
    expect(attribute.permissions?.permission).toHaveLength(1);
    const { requestId } = await ens.revokeSecurityGroupEgress({ securityGroupId: securityGroupId!, ...RULE });
    expect(requestId).toMatch(/^[0-9A-F-]{36}$/);
    const error = await ens
      .revokeSecurityGroupEgress({ securityGroupId: securityGroupId!, ...RULE })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecurityGroupRuleNotFoundError);
    expect((error as EnsServiceError).requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('in RPC signature mode, with STS', async () => {
    const rpc = new EnsClient({
      endpoint: emulator.url,
      signatureVersion: 'rpc',
      credentials: { accessKeyId: 'sts-id', accessKeySecret: 'sts-secret', securityToken: 'sts-token' },
    });
    const { securityGroupId } = await rpc.createSecurityGroup({});
    expect(securityGroupId).toMatch(/^sg-/);
    await rpc.close();
  });

  it('answers every other operation with an example built from its response schema', async () => {
    const regions = await ens.describeEnsRegions({});
    expect(regions.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(regions.ensRegions?.ensRegions?.[0]?.ensRegionId).toBe('cn-dalian-unicom'); // the metadata's example value
  });

  it('checks parameters by the same rules: MissingParameter and InvalidParameter.<Field>', async () => {
    const missing = await raw(
      signedV3('RevokeSecurityGroupEgress', { IpProtocol: 'tcp', PortRange: '22/22', SecurityGroupId: 'sg-1' }),
    );
    expect(missing).toMatchObject({ status: 400, body: { Code: 'MissingParameter' } });
    expect(String(missing.body['Message'])).toContain('DestCidrIp');
    const invalid = await raw(
      signedV3('RevokeSecurityGroupEgress', {
        IpProtocol: 'tcp',
        PortRange: '200/1',
        SecurityGroupId: 'sg-1',
        DestCidrIp: '10.0.0.0/8',
      }),
    );
    expect(invalid).toMatchObject({ status: 400, body: { Code: 'InvalidParameter.PortRange' } });
    expect(Object.keys(invalid.body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
  });

  it('refuses a wrong signature, echoing its string to sign', async () => {
    const response = await raw(signedV3('DescribeEnsRegions', {}, { secret: 'wrong' }));
    expect(response).toMatchObject({ status: 400, body: { Code: 'SignatureDoesNotMatch' } });
    expect(String(response.body['Message'])).toContain('server string to sign is:ACS3-HMAC-SHA256\n');
  });

  it('refuses an unknown key, an old date, a reused nonce, no auth, an unknown action', async () => {
    expect(await raw(signedV3('DescribeEnsRegions', {}, { id: 'nobody' }))).toMatchObject({
      status: 404,
      body: { Code: 'InvalidAccessKeyId.NotFound' },
    });
    const old = new Date(Date.now() - 16 * 60 * 1000);
    expect(await raw(signedV3('DescribeEnsRegions', {}, { date: acsTimestamp(old) }))).toMatchObject({
      body: { Code: 'InvalidTimeStamp.Expired' },
    });
    const nonce = signatureNonce();
    expect(await raw(signedV3('DescribeEnsRegions', {}, { nonce }))).toMatchObject({ status: 200 });
    expect(await raw(signedV3('DescribeEnsRegions', {}, { nonce }))).toMatchObject({
      body: { Code: 'SignatureNonceUsed' },
    });
    expect(await raw({})).toMatchObject({ status: 400, body: { Code: 'IncompleteSignature' } });
    expect(await raw({ path: '/?AccessKeyId=x' })).toMatchObject({ status: 400, body: { Code: 'MissingParameter' } });
    expect(await raw(signedV3('NoSuchAction', {}))).toMatchObject({
      status: 404,
      body: { Code: 'InvalidAction.NotFound' },
    });
  });

  it('the client maps each of those answers to its typed class', async () => {
    const wrong = new EnsClient({
      endpoint: emulator.url,
      credentials: { ...DEMO_ACCESS_KEY, accessKeySecret: 'nope' },
      maxRetries: 0,
    });
    await expect(wrong.describeEnsRegions({})).rejects.toBeInstanceOf(SignatureDoesNotMatchError);
    const unknown = new EnsClient({
      endpoint: emulator.url,
      credentials: { accessKeyId: 'nobody', accessKeySecret: 'x' },
      maxRetries: 0,
    });
    await expect(unknown.describeEnsRegions({})).rejects.toBeInstanceOf(InvalidAccessKeyIdNotFoundError);
    await Promise.all([wrong.close(), unknown.close()]);
    void [
      IncompleteSignatureError,
      InternalError,
      InvalidActionNotFoundError,
      InvalidTimeStampExpiredError,
      MissingParameterError,
      SignatureNonceUsedError,
      InvalidParameterError,
    ];
  });
});

describe('requests in every shape Alibaba accepts', () => {
  it('GET with an RPC-signed query', async () => {
    const query = rpcSignedQuery('CreateSecurityGroup', { SecurityGroupName: 'via-get' });
    const response = await raw({ method: 'GET', path: `/?${canonicalQueryString(query)}` });
    expect(response.status).toBe(200);
    expect(response.body['SecurityGroupId']).toMatch(/^sg-/);
  });

  it('POST with the parameters in a form body', async () => {
    const signed = rpcSignedQuery('CreateSecurityGroup', { SecurityGroupName: 'via-form' }, 'POST');
    const response = await raw({
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: canonicalQueryString(signed),
    });
    expect(response).toMatchObject({ status: 200 });
    expect(response.body['SecurityGroupId']).toMatch(/^sg-/);
  });

  it('an operation its metadata allows only GET for: GET is served, POST refused (UnsupportedHTTPMethod)', async () => {
    const getOnly = definitions.filter((d) => !d.methods.includes('POST'));
    expect(getOnly.length).toBeGreaterThan(0);
    for (const definition of getOnly) {
      const query = rpcSignedQuery(definition.action, {});
      const viaGet = await raw({ method: 'GET', path: `/?${canonicalQueryString(query)}` });
      expect(viaGet.body['Code'], definition.action).not.toBe('UnsupportedHTTPMethod');
      const viaPost = await raw({
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: canonicalQueryString(rpcSignedQuery(definition.action, {}, 'POST')),
      });
      expect(viaPost, definition.action).toMatchObject({ status: 400, body: { Code: 'UnsupportedHTTPMethod' } });
    }
  });

  it('the client sends a GET-only operation as GET, and the emulator answers it', async () => {
    const definition = definitions.find((d) => !d.methods.includes('POST') && d.input().safeParse({}).success);
    if (definition === undefined) throw new Error('no GET-only operation without required parameters');
    const methods: string[] = [];
    const client = new EnsClient({
      endpoint: emulator.url,
      credentials: DEMO_ACCESS_KEY,
      hooks: { onRequest: (event) => void methods.push(event.method) },
    });
    const output = await client.send(definition, {});
    await client.close();
    expect(methods).toEqual(['GET']);
    expect(output).toHaveProperty('requestId');
  });

  it('the CLI prints its URL and the demo keys, and serves', async () => {
    const cli = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('../src/cli.ts', import.meta.url).pathname, '--port', '0'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let text = '';
        cli.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('secret')) resolve(text);
        });
        cli.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      expect(url).toBeDefined();
      expect(output).toContain(DEMO_ACCESS_KEY.accessKeyId);
      const client = new EnsClient({ endpoint: url!, credentials: DEMO_ACCESS_KEY });
      expect((await client.createSecurityGroup({})).securityGroupId).toMatch(/^sg-/);
      await client.close();
    } finally {
      cli.kill();
    }
  }, 30_000);
});

describe('fault injection drives the client’s retries', () => {
  /**
   * A client on the emulator that records each attempt of its calls (`<status> <error name, or ok>`, the status `-`
   * when no complete answer arrived) and each backoff it chose before a retry.
   */
  function recordingClient(options: Partial<EnsClientOptions> = {}) {
    const attempts: string[] = [];
    const backoffsMs: unknown[] = [];
    const client = new EnsClient({
      endpoint: emulator.url,
      credentials: DEMO_ACCESS_KEY,
      retryDelay: { baseMs: 1, maxMs: 5 },
      hooks: {
        onResponse: ({ statusCode, error }) => attempts.push(`${statusCode ?? '-'} ${error?.name ?? 'ok'}`),
      },
      logger: { debug: (message, fields) => void (message === 'retrying' && backoffsMs.push(fields['delayMs'])) },
      ...options,
    });
    clients.push(client);
    return { client, attempts, backoffsMs };
  }
  const clients: EnsClient[] = [];
  afterEach(async () => {
    emulator.clearFaults();
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  it('5xx twice then success: three attempts, the third answered', async () => {
    const { client, attempts } = recordingClient();
    emulator.injectFault('DescribeEnsRegions', { status: 503, times: 2 });
    const result = await client.describeEnsRegions({});
    expect(result.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(attempts).toEqual(['503 ServiceUnavailableError', '503 ServiceUnavailableError', '200 ok']);
  });

  it('5xx more times than retries: the service error, with the attempts it took', async () => {
    const { client, attempts } = recordingClient({ maxRetries: 1 });
    emulator.injectFault('DescribeEnsRegions', { status: 500, times: 3 });
    const error = await client.describeEnsRegions({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalError);
    expect(error).toMatchObject({ statusCode: 500, attempts: 2 });
    expect(attempts).toEqual(['500 InternalError', '500 InternalError']);
    // The third injected 5xx is still armed: the client stopped at its limit.
    const next = recordingClient();
    await next.client.describeEnsRegions({});
    expect(next.attempts).toEqual(['500 InternalError', '200 ok']);
  });

  it('throttling with x-acs-retry-after: the retry waits the server’s hint, not the client’s backoff', async () => {
    const { client, attempts, backoffsMs } = recordingClient({ retryDelay: { baseMs: 1, maxMs: 1_000 } });
    emulator.injectFault('DescribeEnsRegions', { throttle: { retryAfterMs: 150 }, times: 1 });
    await client.describeEnsRegions({});
    expect(attempts).toEqual(['400 ThrottlingUserError', '200 ok']);
    expect(backoffsMs).toEqual([150]);
  });

  it('a reset connection is a network error, retried', async () => {
    const { client, attempts } = recordingClient();
    emulator.injectFault('DescribeEnsRegions', { reset: true, times: 1 });
    expect((await client.describeEnsRegions({})).requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(attempts).toEqual(['- EnsNetworkError', '200 ok']);
  });

  it('a non-JSON 502 is an EnsResponseParseError once retries run out', async () => {
    const { client, attempts } = recordingClient();
    emulator.injectFault('DescribeEnsRegions', { nonJson: true });
    const error = await client.describeEnsRegions({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsResponseParseError);
    expect(error).toMatchObject({ statusCode: 502, attempts: 3 });
    expect(attempts).toEqual(Array(3).fill('502 EnsResponseParseError'));
  });

  it('a partial body is a network error, retried', async () => {
    const { client, attempts } = recordingClient();
    emulator.injectFault('DescribeEnsRegions', { partialBody: true, times: 1 });
    expect((await client.describeEnsRegions({})).requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(attempts).toEqual(['- EnsNetworkError', '200 ok']);
  });

  it('latency beyond the attempt timeout is a timeout', async () => {
    emulator.injectFault('DescribeEnsRegions', { latencyMs: 300, times: 1 });
    const quick = new EnsClient({
      endpoint: emulator.url,
      credentials: DEMO_ACCESS_KEY,
      timeoutMs: 100,
      maxRetries: 0,
    });
    await expect(quick.describeEnsRegions({})).rejects.toMatchObject({ name: 'EnsTimeoutError' });
    await quick.close();
  });
});
