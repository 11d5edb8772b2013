import { inspect } from 'node:util';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import {
  EnsAbortError,
  EnsCredentialsError,
  EnsNetworkError,
  EnsResponseParseError,
  EnsServiceError,
  EnsTimeoutError,
  EnsValidationError,
  InternalError,
  InvalidParameterError,
  SecurityGroupRuleNotFoundError,
  ServiceUnavailableError,
  ThrottlingError,
  isEnsError,
} from '@ensdk/errors';
import {
  EnsBareClient,
  EnsClient,
  revokeSecurityGroupEgress,
  signRequestRpc,
  signRequestV3,
  type EnsClientOptions,
  type RevokeSecurityGroupEgressInput,
  type RevokeSecurityGroupEgressOutput,
} from '../src/index.js';
import { json, startLoopbackServer, type LoopbackServer, type ReceivedRequest } from './support/loopbackServer.js';

const KEYS = { accessKeyId: 'LTAI-test-id', accessKeySecret: 'very-secret-value-42' };
const STS = { ...KEYS, securityToken: 'sts-token-secret-99' };
const INPUT: RevokeSecurityGroupEgressInput = {
  securityGroupId: 'sg-5tz1',
  ipProtocol: 'tcp',
  portRange: '22/22',
  destCidrIp: '10.0.0.0/8',
  priority: 3,
};
const OK = { RequestId: 'CEF72CEB-54B6-4AE8-B225-F876FF7BA984' };

let server: LoopbackServer | undefined;
let client: EnsBareClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

function clientFor(options: Partial<EnsClientOptions> = {}): EnsClient {
  const created = new EnsClient({
    endpoint: server!.url,
    credentials: KEYS,
    retryDelay: { baseMs: 5, maxMs: 50 },
    ...options,
  });
  client = created;
  return created;
}

/** A logger that records the backoff (ms) the client chose before each retry. */
function backoffLogger(backoffsMs: unknown[]): EnsClientOptions['logger'] {
  return { debug: (message, fields) => void (message === 'retrying' && backoffsMs.push(fields['delayMs'])) };
}

/** Recomputes the V3 signature from what the server received, exactly as sent. */
function expectValidV3(
  request: ReceivedRequest,
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string },
): void {
  const query = Object.fromEntries(request.url.searchParams);
  const signedNames = /SignedHeaders=([^,]+)/.exec(String(request.headers['authorization']))![1]!.split(';');
  const headers = Object.fromEntries(
    signedNames.filter((n) => n !== 'host').map((n) => [n, String(request.headers[n])]),
  );
  const expected = signRequestV3(
    { method: request.method as 'POST', host: String(request.headers['host']), query, headers, body: request.body },
    credentials,
  );
  expect(request.headers['authorization']).toBe(expected.headers['authorization']);
  expect(request.headers['x-acs-content-sha256']).toBe(expected.headers['x-acs-content-sha256']);
}

describe('EnsClient over loopback HTTP', () => {
  it('sends a V3-signed POST / with every parameter in the query and maps the answer', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, OK, { 'x-acs-request-id': OK.RequestId }));
    const output = await clientFor().revokeSecurityGroupEgress(INPUT);
    expect(output).toEqual({ requestId: OK.RequestId });
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url.pathname).toBe('/');
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      SecurityGroupId: 'sg-5tz1',
      IpProtocol: 'tcp',
      PortRange: '22/22',
      DestCidrIp: '10.0.0.0/8',
      Priority: '3',
    });
    expect(request!.headers).toMatchObject({
      'x-acs-action': 'RevokeSecurityGroupEgress',
      'x-acs-version': '2017-11-10',
    });
    expect(request!.headers['x-acs-date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(request!.headers['user-agent']).toMatch(/^ensdk-client\/\S+ node\//);
    expect(request!.body.length).toBe(0);
    expectValidV3(request!, KEYS);
  });

  it('signs with STS: x-acs-security-token is sent and signed', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, OK));
    await clientFor({ credentials: STS }).revokeSecurityGroupEgress(INPUT);
    const [request] = server.requests;
    expect(request!.headers['x-acs-security-token']).toBe(STS.securityToken);
    expect(String(request!.headers['authorization'])).toContain('x-acs-security-token');
    expectValidV3(request!, STS);
  });

  it("signs the RPC way when signatureVersion is 'rpc' (with STS)", async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, OK));
    await clientFor({ signatureVersion: 'rpc', credentials: STS }).revokeSecurityGroupEgress(INPUT);
    const [request] = server.requests;
    const query = Object.fromEntries(request!.url.searchParams);
    expect(query).toMatchObject({
      Action: 'RevokeSecurityGroupEgress',
      Version: '2017-11-10',
      Format: 'JSON',
      AccessKeyId: KEYS.accessKeyId,
      SecurityToken: STS.securityToken,
      SignatureMethod: 'HMAC-SHA1',
    });
    const { Signature, AccessKeyId, SignatureMethod, SignatureVersion, SecurityToken, ...unsigned } = query;
    expect(Signature).toBe(signRequestRpc({ method: 'POST', query: unsigned }, STS).signature);
    expect(request!.headers['authorization']).toBeUndefined();
  });

  it('uses a fresh nonce for every attempt', async () => {
    server = await startLoopbackServer((_req, res, i) =>
      i < 2 ? json(res, 503, { Code: 'ServiceUnavailable' }) : json(res, 200, OK),
    );
    await clientFor().revokeSecurityGroupEgress(INPUT);
    const nonces = server.requests.map((r) => r.headers['x-acs-signature-nonce']);
    expect(new Set(nonces).size).toBe(3);
    for (const r of server.requests) expectValidV3(r, KEYS);
  });

  it('validates before any I/O and sends nothing when the input is invalid', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, OK));
    const error = await clientFor()
      .revokeSecurityGroupEgress({ ...INPUT, portRange: '200/1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsValidationError);
    expect((error as EnsValidationError).message).toContain('portRange: start 200 > end 1');
    expect(server.requests).toHaveLength(0);
  });

  it('standalone functions work over a bare client', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, OK));
    client = new EnsBareClient({ endpoint: server.url, credentials: KEYS });
    expect(await revokeSecurityGroupEgress(client, INPUT)).toEqual({ requestId: OK.RequestId });
  });

  it('reuses one socket for 100 sequential calls', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, OK));
    const ens = clientFor();
    for (let i = 0; i < 100; i++) await ens.revokeSecurityGroupEgress(INPUT);
    expect(server.requests).toHaveLength(100);
    expect(server.connections).toBe(1);
  });
});

describe('errors and retries', () => {
  it('a 4xx service error is typed, carries requestId, and is not retried', async () => {
    server = await startLoopbackServer((_req, res) =>
      json(res, 400, {
        RequestId: 'R-404',
        HostId: 'ens.aliyuncs.com',
        Code: 'SecurityGroupRule.NotFound',
        Message: 'The input security group rule does not exist.',
      }),
    );
    const error = await clientFor()
      .revokeSecurityGroupEgress(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecurityGroupRuleNotFoundError);
    expect(error).toMatchObject({
      code: 'SecurityGroupRule.NotFound',
      requestId: 'R-404',
      statusCode: 400,
      attempts: 1,
    });
    expect(server.requests).toHaveLength(1);
    if (isEnsError(error, 'SecurityGroupRule.NotFound'))
      expectTypeOf(error).toEqualTypeOf<SecurityGroupRuleNotFoundError>();
  });

  it('InvalidParameter.<Field> is not retried and exposes the field', async () => {
    server = await startLoopbackServer((_req, res) =>
      json(res, 400, { Code: 'InvalidParameter.PortRange', Message: 'bad' }),
    );
    const error = await clientFor()
      .revokeSecurityGroupEgress(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).field).toBe('PortRange');
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [500, { Code: 'InternalError' }, InternalError],
    [503, { Code: 'ServiceUnavailable' }, ServiceUnavailableError],
    [400, { Code: 'Throttling' }, ThrottlingError],
    [429, { Code: 'TooManyRequests' }, EnsServiceError],
  ] as const)('retries HTTP %i %j, then gives up with attempts', async (status, body, ErrorClass) => {
    server = await startLoopbackServer((_req, res) => json(res, status, body));
    const error = await clientFor({ maxRetries: 2 })
      .revokeSecurityGroupEgress(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ attempts: 3, retryable: true });
    expect(server.requests).toHaveLength(3);
  });

  it('succeeds when a retry does', async () => {
    server = await startLoopbackServer((_req, res, i) =>
      i === 0 ? json(res, 500, { Code: 'InternalError' }) : json(res, 200, OK),
    );
    expect(await clientFor().revokeSecurityGroupEgress(INPUT)).toEqual({ requestId: OK.RequestId });
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    ['300', 5_000, 300],
    ['60000', 40, 40],
  ] as const)('honours x-acs-retry-after: %s ms with maxMs %i waits %i ms', async (hint, maxMs, waitedMs) => {
    server = await startLoopbackServer((_req, res, i) =>
      i === 0 ? json(res, 400, { Code: 'Throttling.User' }, { 'x-acs-retry-after': hint }) : json(res, 200, OK),
    );
    const backoffsMs: unknown[] = [];
    await clientFor({ retryDelay: { baseMs: 1, maxMs }, logger: backoffLogger(backoffsMs) }).revokeSecurityGroupEgress(
      INPUT,
    );
    expect(backoffsMs).toEqual([waitedMs]);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a reset connection', async () => {
    server = await startLoopbackServer((req, res, i) => {
      if (i === 0) req.socket.destroy();
      else json(res, 200, OK);
    });
    expect(await clientFor().revokeSecurityGroupEgress(INPUT)).toEqual({ requestId: OK.RequestId });
    expect(server.requests).toHaveLength(2);
  });

  it('a refused connection is an EnsNetworkError after every attempt', async () => {
    server = await startLoopbackServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    client = new EnsClient({ endpoint: url, credentials: KEYS, retryDelay: { baseMs: 1, maxMs: 5 } });
    const error = await (client as EnsClient).revokeSecurityGroupEgress(INPUT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsNetworkError);
    expect(error).toMatchObject({ attempts: 3, reason: 'ECONNREFUSED' });
  });

  it('an HTML 502 from a gateway is an EnsResponseParseError with status and snippet', async () => {
    server = await startLoopbackServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    });
    const error = await clientFor({ maxRetries: 0 })
      .revokeSecurityGroupEgress(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsResponseParseError);
    expect(error).toMatchObject({ statusCode: 502, attempts: 1 });
    expect((error as EnsResponseParseError).bodySnippet).toContain('502 Bad Gateway');
  });

  it('a body over the size limit is cut off with a clear error', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, { RequestId: 'x'.repeat(10_000) }));
    const error = await clientFor({ maxResponseBytes: 1_000, maxRetries: 0 })
      .revokeSecurityGroupEgress(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsNetworkError);
    expect((error as Error).message).toContain('exceeds the limit of 1000 bytes');
  });

  it('times out each attempt, then fails with EnsTimeoutError', async () => {
    server = await startLoopbackServer(() => undefined); // never answers
    const error = await clientFor({ timeoutMs: 100, maxRetries: 1 })
      .revokeSecurityGroupEgress(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsTimeoutError);
    expect(error).toMatchObject({ attempts: 2, timeoutMs: 100 });
    expect(server.requests).toHaveLength(2);
  });

  it('the caller’s signal aborts a request in flight, with the reason as cause', async () => {
    server = await startLoopbackServer(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user left')), 50);
    const error = await clientFor()
      .revokeSecurityGroupEgress(INPUT, { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsAbortError);
    expect((error as EnsAbortError).cause).toEqual(new Error('user left'));
    expect(error).toMatchObject({ attempts: 1 });
  });

  it('the caller’s signal stops a backoff sleep at once', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 503, { Code: 'ServiceUnavailable' }));
    const controller = new AbortController();
    // Aborts once the client has started its 60-second backoff: only the abort can end the call within the test's time.
    const ens = clientFor({
      retryDelay: { baseMs: 60_000, maxMs: 60_000 },
      logger: { debug: (message) => void (message === 'retrying' && setImmediate(() => controller.abort())) },
    });
    const error = await ens.revokeSecurityGroupEgress(INPUT, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsAbortError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('credentials at call time', () => {
  it('a rotating provider is asked before each attempt', async () => {
    server = await startLoopbackServer((_req, res, i) =>
      i === 0 ? json(res, 503, { Code: 'ServiceUnavailable' }) : json(res, 200, OK),
    );
    let calls = 0;
    const provider = async () => ({ ...KEYS, securityToken: `token-${++calls}` });
    await clientFor({ credentials: provider }).revokeSecurityGroupEgress(INPUT);
    expect(server.requests.map((r) => r.headers['x-acs-security-token'])).toEqual(['token-1', 'token-2']);
  });

  it('a failing provider is an EnsCredentialsError, not retried, with the cause kept', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, OK));
    const cause = new Error('STS endpoint down');
    const error = await clientFor({ credentials: () => Promise.reject(cause) })
      .revokeSecurityGroupEgress(INPUT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsCredentialsError);
    expect(error).toMatchObject({ attempts: 1, retryable: false, cause });
    expect(server.requests).toHaveLength(0);
  });
});

describe('secrets', () => {
  it('never appear in inspect, toJSON, errors, debug logs or hooks', async () => {
    server = await startLoopbackServer((_req, res, i) =>
      i === 0
        ? json(res, 500, { Code: 'InternalError' })
        : json(res, 400, { Code: 'SignatureDoesNotMatch', Message: 'no' }),
    );
    const lines: string[] = [];
    const ens = clientFor({
      credentials: STS,
      logger: { debug: (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`) },
      hooks: {
        onRequest: (event) => lines.push(JSON.stringify(event)),
        onResponse: (event) => lines.push(inspect(event)),
      },
    });
    const error = await ens.revokeSecurityGroupEgress(INPUT).catch((e: unknown) => e);
    expect(lines.length).toBeGreaterThan(3);
    const everything = [
      inspect(ens),
      JSON.stringify(ens),
      inspect(error),
      JSON.stringify(error),
      String(error),
      ...lines,
    ].join('\n');
    for (const secret of [STS.accessKeySecret, STS.securityToken]) expect(everything).not.toContain(secret);
    expect(lines.join('\n')).toContain('Signature=[redacted]');
    const signed = String(server.requests[0]!.headers['authorization']).split('Signature=')[1]!;
    expect(everything).not.toContain(signed);
  });
});

describe('types', () => {
  it('required fields are required and enums are literal unions', () => {
    expectTypeOf<RevokeSecurityGroupEgressInput['ipProtocol']>().toEqualTypeOf<
      'tcp' | 'udp' | 'icmp' | 'gre' | 'all'
    >();
    expectTypeOf<RevokeSecurityGroupEgressInput['policy']>().toEqualTypeOf<'accept' | 'drop' | undefined>();
    // @ts-expect-error destCidrIp is required
    const missing: RevokeSecurityGroupEgressInput = { securityGroupId: 'sg', ipProtocol: 'tcp', portRange: '1/2' };
    // @ts-expect-error 'TCP' is not one of the protocols
    const wrongCase: RevokeSecurityGroupEgressInput = { ...INPUT, ipProtocol: 'TCP' };
    expect([missing, wrongCase]).toHaveLength(2);
    expectTypeOf<
      Awaited<ReturnType<EnsClient['revokeSecurityGroupEgress']>>
    >().toEqualTypeOf<RevokeSecurityGroupEgressOutput>();
  });
});
