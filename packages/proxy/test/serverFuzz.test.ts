import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deleteSecurityGroupOperation,
  revokeSecurityGroupEgressOperation,
  type OperationDefinition,
} from '@ensdk/client';
import {
  EnsAbortError,
  EnsCredentialsError,
  EnsNetworkError,
  EnsServiceError,
  EnsTimeoutError,
  errorFromResponse,
} from '@ensdk/errors';
import { createEnsProxyHandler, type EnsProxyUpstream } from '../src/server/index.js';

const SECRET = 'fuzz-secret-7f3a9c1e';
const APP_ORIGIN = 'https://app.example';
const ALLOWED_HEADERS = new Set(['content-type', 'allow', 'connection', 'vary']);
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

interface Call {
  readonly definition: OperationDefinition<unknown, unknown>;
  readonly input: unknown;
}

/** An upstream that records what it is asked to send; it holds a "secret" the answers must never show. */
function fakeUpstream(
  fail?: () => unknown,
): EnsProxyUpstream & { calls: Call[]; credentials: { accessKeySecret: string } } {
  const calls: Call[] = [];
  return {
    calls,
    credentials: { accessKeySecret: SECRET },
    async send<I, O>(definition: OperationDefinition<I, O>, input: I): Promise<O> {
      calls.push({ definition: definition as OperationDefinition<unknown, unknown>, input });
      if (fail !== undefined) throw fail();
      return { requestId: 'R' } as O;
    },
  };
}

const validRevoke = fc.record(
  {
    securityGroupId: fc.oneof(fc.constant('sg-1'), fc.string({ maxLength: 20 })),
    ipProtocol: fc.constantFrom('tcp', 'udp', 'icmp', 'gre', 'all', 'TCP', ''),
    portRange: fc.constantFrom('22/22', '1/200', '200/1', '-1/-1', '0/70000', 'x'),
    destCidrIp: fc.constantFrom('10.0.0.0/8', '1.2.3.4', '999.0.0.1', '10.0.0.0/33'),
    policy: fc.constantFrom('accept', 'drop', 'ACCEPT'),
    priority: fc.oneof(fc.integer({ min: -5, max: 105 }), fc.double(), fc.constant('1')),
  },
  { requiredKeys: [] },
);

/** Mostly valid: required members present, values usually right. */
const nearlyValidRevoke = fc.record(
  {
    securityGroupId: fc.oneof(fc.constant('sg-1'), fc.stringMatching(/^sg-[a-z0-9]{1,12}$/)),
    ipProtocol: fc.constantFrom('tcp', 'udp', 'all', 'icmp', 'TCP'),
    portRange: fc.constantFrom('22/22', '1/200', '-1/-1', '200/1'),
    destCidrIp: fc.constantFrom('10.0.0.0/8', '1.2.3.4', '999.0.0.1'),
    policy: fc.constantFrom('accept', 'drop'),
    priority: fc.integer({ min: 0, max: 101 }),
  },
  { requiredKeys: ['securityGroupId', 'ipProtocol', 'portRange', 'destCidrIp'] },
);

const encoder = new TextEncoder();
const bodies: fc.Arbitrary<string | Uint8Array | { chunks: Uint8Array[] } | undefined> = fc.oneof(
  validRevoke.map((v) => JSON.stringify(v)),
  validRevoke.map((v) => JSON.stringify({ ...v, extra: 1 })),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.integer({ min: 60_000, max: 300_000 }).map((n) => `{"securityGroupId":"${'a'.repeat(n)}"}`),
  fc.integer({ min: 1, max: 10_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.constant('['.repeat(10_000) + ']'.repeat(10_000)),
  fc.constant(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`),
  fc.integer({ min: 1, max: 50 }).map((n) => '['.repeat(n)),
  fc.constantFrom(
    '{"__proto__":{"polluted":true},"securityGroupId":"sg-1","ipProtocol":"all","portRange":"-1/-1","destCidrIp":"10.0.0.0/8"}',
    '{"constructor":{"prototype":{"polluted":true}},"securityGroupId":"sg-1"}',
    '[{"__proto__":{"polluted":true}}]',
    '{"securityGroupId":{"__proto__":{"polluted":true}}}',
    '{"prototype":{"polluted":true}}',
    '{"securityGroupId":1,"ipProtocol":["tcp"],"portRange":null,"destCidrIp":{}}',
    '\uFEFF{"securityGroupId":"sg-1"}',
    '{"securityGroupId":"\\ud800"}',
  ),
  fc.constant(undefined),
  fc.array(fc.uint8Array({ minLength: 1, maxLength: 40_000 }), { maxLength: 6 }).map((chunks) => ({ chunks })),
  validRevoke.map((v) => ({ chunks: [encoder.encode(JSON.stringify(v))] })),
);

const anyRequest = fc.record({
  method: fc.oneof(
    fc.constantFrom('POST', 'POST', 'POST', 'GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'post'),
    fc.stringMatching(/^[A-Za-z]{1,10}$/),
  ),
  path: fc.oneof(
    fc.constantFrom(
      '/RevokeSecurityGroupEgress',
      '/api/ens/RevokeSecurityGroupEgress',
      '/v1/DeleteSecurityGroup',
      '/DescribeInstances',
      '/x/__proto__',
      '/x/constructor',
      '/',
      '//',
      '/RevokeSecurityGroupEgress/',
      '/Revoke%53ecurityGroupEgress',
    ),
    fc.webPath(),
    fc.string({ maxLength: 40 }).map((s) => `/${encodeURIComponent(s)}`),
  ),
  query: fc.option(fc.webQueryParameters(), { nil: undefined }),
  contentType: fc.option(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'text/plain',
      'application/json-patch+json',
      ';',
      'application/json;;;',
    ),
    { nil: undefined },
  ),
  contentLength: fc.option(
    fc.oneof(fc.nat().map(String), fc.constantFrom('-1', 'abc', '99999999999999999999', '1e9', '')),
    { nil: undefined },
  ),
  origin: fc.option(fc.constantFrom(APP_ORIGIN, 'https://evil.example', 'null'), { nil: undefined }),
  secretHeaders: fc.boolean(),
  body: bodies,
});

/** Well-formed calls (so that some get through and are checked at the upstream), mixed with anything. */
const wellFormed = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom('/RevokeSecurityGroupEgress', '/api/ens/RevokeSecurityGroupEgress'),
  query: fc.constant(undefined),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8'),
  contentLength: fc.constant(undefined),
  origin: fc.option(fc.constantFrom(APP_ORIGIN, 'https://evil.example'), { nil: undefined }),
  secretHeaders: fc.boolean(),
  body: fc.oneof(
    nearlyValidRevoke.map((v) => JSON.stringify(v)),
    nearlyValidRevoke.map((v) => ({ chunks: [encoder.encode(JSON.stringify(v))] })),
    nearlyValidRevoke.map((v) => `{"__proto__":{"polluted":true},${JSON.stringify(v).slice(1)}`),
  ),
});

const requests = fc.oneof({ arbitrary: wellFormed, weight: 1 }, { arbitrary: anyRequest, weight: 3 });
type FuzzRequest = typeof requests extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: FuzzRequest): Request | undefined {
  const headers = new Headers();
  if (r.contentType !== undefined) headers.set('content-type', r.contentType);
  if (r.contentLength !== undefined) headers.set('content-length', r.contentLength);
  if (r.origin !== undefined) headers.set('origin', r.origin);
  if (r.secretHeaders) {
    headers.set('authorization', `ACS3-HMAC-SHA256 Credential=${SECRET}`);
    headers.set('x-acs-security-token', SECRET);
    headers.set('cookie', `session=${SECRET}`);
  }
  const withBody = !['GET', 'HEAD'].includes(r.method.toUpperCase()) && r.body !== undefined;
  let body: RequestInit['body'];
  if (withBody && r.body !== undefined) {
    if (typeof r.body === 'string' || r.body instanceof Uint8Array) body = r.body;
    else {
      const chunks = [...r.body.chunks];
      body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(next);
        },
      });
    }
  }
  try {
    const url = `http://proxy.test${r.path}${r.query === undefined ? '' : `?${r.query}`}`;
    return new Request(url, {
      method: r.method,
      headers,
      ...(body === undefined ? {} : { body, duplex: 'half' }),
    } as RequestInit);
  } catch {
    return undefined; // methods fetch forbids (TRACE, CONNECT…) or URLs it cannot parse
  }
}

function expectClean(response: Response, text: string): void {
  expect(text).not.toContain(SECRET);
  expect(text).not.toMatch(/"stack"|\n\s+at /);
  response.headers.forEach((value, name) => {
    expect(value).not.toContain(SECRET);
    expect(ALLOWED_HEADERS.has(name) || name.startsWith('access-control-'), name).toBe(true);
  });
  if (text !== '') expect(() => JSON.parse(text) as unknown).not.toThrow();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
}

describe('createEnsProxyHandler under fuzzing', () => {
  it('never throws, never answers 5xx on its own, never forwards input the schema rejects, never leaks', async () => {
    const upstream = fakeUpstream();
    const errors: unknown[] = [];
    const handler = createEnsProxyHandler({
      client: upstream,
      allow: [revokeSecurityGroupEgressOperation],
      cors: { origins: [APP_ORIGIN] },
      authorize: (request) => request.headers.get('x-deny') === null,
      onError: (error) => errors.push(error),
    });
    let forwarded = 0;
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const request = toRequest(r);
        fc.pre(request !== undefined);
        const before = upstream.calls.length;
        const response = await handler(request);
        const text = await response.text();
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(500);
        expectClean(response, text);
        if (response.status === 200) {
          forwarded++;
          expect(upstream.calls.length).toBe(before + 1);
          expect(JSON.parse(text)).toEqual({ requestId: 'R' });
        } else expect(upstream.calls.length).toBe(before);
        for (const call of upstream.calls.slice(before)) {
          expect(call.definition).toBe(revokeSecurityGroupEgressOperation);
          expect(call.definition.input().safeParse(call.input).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    // Valid inputs are generated often enough that some calls go through.
    expect(forwarded).toBeGreaterThan(0);
    expect(upstream.calls).toHaveLength(forwarded);
  }, 60_000);

  it('maps every upstream failure to its status without leaking what it carried', async () => {
    const failures = fc.constantFrom(
      {
        make: () => errorFromResponse(400, '{"Code":"SecurityGroupRule.NotFound","Message":"gone","RequestId":"R1"}'),
        status: 400,
      },
      { make: () => errorFromResponse(403, '{"Code":"Forbidden.RAM","Message":"no","RequestId":"R2"}'), status: 403 },
      { make: () => errorFromResponse(404, '{"Code":"InvalidAction.NotFound","RequestId":"R3"}'), status: 404 },
      { make: () => errorFromResponse(500, '{"Code":"InternalError","RequestId":"R4"}'), status: 502 },
      { make: () => errorFromResponse(503, '{"Code":"ServiceUnavailable","RequestId":"R5"}'), status: 502 },
      { make: () => errorFromResponse(502, '<html>bad gateway</html>'), status: 502 },
      {
        make: () =>
          errorFromResponse(400, `{"Code":"SignatureDoesNotMatch","Message":"string to sign: AccessKeyId=${SECRET}"}`),
        status: 502,
      },
      {
        make: () => errorFromResponse(404, `{"Code":"InvalidAccessKeyId.NotFound","Message":"${SECRET}"}`),
        status: 502,
      },
      { make: () => new EnsServiceError({ code: 'Weird', statusCode: 302 }), status: 502 },
      { make: () => new EnsNetworkError('ECONNRESET', { reason: 'ECONNRESET' }), status: 502 },
      { make: () => new EnsTimeoutError(100), status: 504 },
      { make: () => new EnsAbortError(), status: 499 },
      { make: () => new EnsCredentialsError(`bad file with ${SECRET}`, { sources: [SECRET] }), status: 500 },
      { make: () => new Error(`boom ${SECRET}`), status: 500 },
      { make: () => `thrown string ${SECRET}`, status: 500 },
      { make: () => ({ toJSON: () => SECRET }), status: 500 },
    );
    await fc.assert(
      fc.asyncProperty(failures, async (failure) => {
        const observed: unknown[] = [];
        const handler = createEnsProxyHandler({
          client: fakeUpstream(failure.make),
          allow: [revokeSecurityGroupEgressOperation, deleteSecurityGroupOperation],
          onError: (error) => {
            observed.push(error);
            throw new Error('observers cannot break the answer');
          },
        });
        const response = await handler(
          new Request('http://proxy.test/DeleteSecurityGroup', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"securityGroupId":"sg-1"}',
          }),
        );
        const text = await response.text();
        expect(response.status).toBe(failure.status);
        expectClean(response, text);
        expect((JSON.parse(text) as { error: { name: string } }).error.name).toMatch(/Error$/);
        expect(observed).toHaveLength(1);
      }),
      { numRuns: 64 },
    );
  });
});
