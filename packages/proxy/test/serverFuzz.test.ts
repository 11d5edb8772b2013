import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationDefinition } from '@ensdk/client';
import { deleteSecurityGroupOperation, revokeSecurityGroupEgressOperation } from '@ensdk/client/models';
import {
  EnsAbortError,
  EnsCredentialsError,
  EnsNetworkError,
  EnsServiceError,
  EnsTimeoutError,
  errorFromResponse,
} from '@ensdk/errors';
import {
  createEnsProxyHandler,
  createEnsProxyListener,
  type EnsProxyOptions,
  type EnsProxyUpstream,
} from '../src/server/index.js';

const SECRET = 'fuzz-secret-7f3a9c1e';
const APP_ORIGIN = 'https://app.example';
const ALLOWED_HEADERS = new Set(['content-type', 'allow', 'connection', 'vary']);
/** Headers node:http adds on the wire (framing, date): allowed too when the answer came over HTTP. */
const WIRE_HEADERS = new Set(['content-length', 'date', 'keep-alive', 'transfer-encoding']);
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

/** An answer as either entry point gave it. */
interface Answer {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly text: string;
}

/** One entry point under test: sends a fuzzed request, or says it cannot be expressed there (undefined). */
interface FuzzTarget {
  readonly name: string;
  /** Whether the answer came over HTTP (node:http adds its own framing headers). */
  readonly wire: boolean;
  /** Installs the proxy made from `options`; later calls go to it. */
  use(options: EnsProxyOptions<{ headerOf(name: string): string | undefined }>): void;
  call(r: FuzzRequest): Promise<Answer | undefined>;
}

/** The fetch-standard handler, called directly with a web Request. */
function fetchTarget(): FuzzTarget {
  let handler: ((request: Request) => Promise<Response>) | undefined;
  return {
    name: 'createEnsProxyHandler (fetch-standard)',
    wire: false,
    use: ({ authorize, ...options }) => {
      handler = createEnsProxyHandler({
        ...options,
        ...(authorize === undefined
          ? {}
          : {
              authorize: (request, action) =>
                authorize({ headerOf: (name) => request.headers.get(name) ?? undefined }, action),
            }),
      });
    },
    async call(r) {
      const request = toRequest(r);
      if (request === undefined) return undefined;
      const response = await handler!(request);
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        headers.push([name, value]);
      });
      return { status: response.status, headers, text: await response.text() };
    },
  };
}

/** The native listener, on a node:http server on 127.0.0.1: every request is real HTTP on a new connection. */
function listenerTarget(server: () => string, install: (listener: RequestListener) => void): FuzzTarget {
  return {
    name: 'createEnsProxyListener (native node:http)',
    wire: true,
    use: ({ authorize, ...options }) => {
      install(
        createEnsProxyListener({
          ...options,
          ...(authorize === undefined
            ? {}
            : {
                authorize: (req, action) =>
                  authorize(
                    {
                      headerOf: (name) => {
                        const value = req.headers[name];
                        return Array.isArray(value) ? value.join(', ') : value;
                      },
                    },
                    action,
                  ),
              }),
        }),
      );
    },
    call: (r) => httpCall(server(), r),
  };
}

/** Sends `r` over HTTP with the framing it asks for, where HTTP can carry it; undefined where it cannot. */
function httpCall(base: string, r: FuzzRequest): Promise<Answer | undefined> {
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.origin !== undefined) headers['origin'] = r.origin;
  if (r.secretHeaders) {
    headers['authorization'] = `ACS3-HMAC-SHA256 Credential=${SECRET}`;
    headers['x-acs-security-token'] = SECRET;
    headers['cookie'] = `session=${SECRET}`;
  }
  const withBody = !['GET', 'HEAD'].includes(r.method.toUpperCase()) && r.body !== undefined;
  const chunks =
    !withBody || r.body === undefined
      ? []
      : typeof r.body === 'string'
        ? [encoder.encode(r.body)]
        : r.body instanceof Uint8Array
          ? [r.body]
          : r.body.chunks;
  const size = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  // A declared length the body does not have would break HTTP framing (the server waiting for bytes that never
  // come): it is sent when the proxy must refuse it unread (over the limit) or the parser must reject it (not a
  // number); otherwise the true length goes, or chunked encoding for a streamed body.
  const declared = r.contentLength;
  if (declared !== undefined && (!/^\d+$/.test(declared) || Number(declared) > 65_536))
    headers['content-length'] = declared;
  else if (typeof r.body === 'object' && !(r.body instanceof Uint8Array) && withBody)
    headers['transfer-encoding'] = 'chunked';
  else headers['content-length'] = String(size);
  // CONNECT asks the server for a tunnel: node:http hands it to a 'connect' listener, never to the proxy.
  if (r.method.toUpperCase() === 'CONNECT') return Promise.resolve(undefined);
  let url: URL;
  try {
    url = new URL(`${base}${r.path}${r.query === undefined ? '' : `?${r.query}`}`);
  } catch {
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    let req: ReturnType<typeof httpRequest>;
    let answered = false;
    try {
      req = httpRequest(url, { method: r.method, headers, agent: false }, (res) => {
        answered = true;
        const body: Buffer[] = [];
        res.on('data', (chunk: Buffer) => body.push(chunk));
        res.on('end', () => {
          const pairs: [string, string][] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            pairs.push([res.rawHeaders[i]!.toLowerCase(), res.rawHeaders[i + 1]!]);
          resolve({ status: res.statusCode ?? 0, headers: pairs, text: Buffer.concat(body).toString('utf8') });
        });
        res.on('error', reject);
      });
    } catch {
      resolve(undefined); // a method or path node:http will not send
      return;
    }
    // The server may answer and close before the whole body went out (a refusal): the write fails, the answer
    // still comes. A connection that ends without any answer fails the property.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') return reject(error);
      setTimeout(() => {
        if (!answered) reject(error);
      }, 5_000);
    });
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

function expectClean(answer: Answer, wire: boolean): void {
  const { text } = answer;
  expect(text).not.toContain(SECRET);
  expect(text).not.toMatch(/"stack"|\n\s+at /);
  for (const [name, value] of answer.headers) {
    expect(value).not.toContain(SECRET);
    const allowed = ALLOWED_HEADERS.has(name) || (wire && WIRE_HEADERS.has(name)) || name.startsWith('access-control-');
    expect(allowed, name).toBe(true);
  }
  if (text !== '') expect(() => JSON.parse(text) as unknown).not.toThrow();
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
}

let server: Server;
let base = '';
let current: RequestListener = (_req, res) => res.writeHead(500).end();

beforeAll(async () => {
  server = createServer((req, res) => current(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const TARGETS: readonly FuzzTarget[] = [
  fetchTarget(),
  listenerTarget(
    () => base,
    (listener) => {
      current = listener;
    },
  ),
];

describe.each(TARGETS)('$name under fuzzing', (target) => {
  it('never throws, never answers 5xx on its own, never forwards input the schema rejects, never leaks', async () => {
    const upstream = fakeUpstream();
    const errors: unknown[] = [];
    target.use({
      client: upstream,
      allow: [revokeSecurityGroupEgressOperation],
      cors: { origins: [APP_ORIGIN] },
      authorize: (request) => request.headerOf('x-deny') === undefined,
      onError: (error) => errors.push(error),
    });
    let forwarded = 0;
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const before = upstream.calls.length;
        const answer = await target.call(r);
        fc.pre(answer !== undefined);
        expect(answer.status).toBeGreaterThanOrEqual(200);
        expect(answer.status).toBeLessThan(500);
        expectClean(answer, target.wire);
        if (answer.status === 200) {
          forwarded++;
          expect(upstream.calls.length).toBe(before + 1);
          expect(JSON.parse(answer.text)).toEqual({ requestId: 'R' });
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
  }, 120_000);

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
        target.use({
          client: fakeUpstream(failure.make),
          allow: [revokeSecurityGroupEgressOperation, deleteSecurityGroupOperation],
          onError: (error) => {
            observed.push(error);
            throw new Error('observers cannot break the answer');
          },
        });
        const answer = await target.call({
          method: 'POST',
          path: '/DeleteSecurityGroup',
          query: undefined,
          contentType: 'application/json',
          contentLength: undefined,
          origin: undefined,
          secretHeaders: false,
          body: '{"securityGroupId":"sg-1"}',
        });
        expect(answer).toBeDefined();
        expect(answer!.status).toBe(failure.status);
        expectClean(answer!, target.wire);
        expect((JSON.parse(answer!.text) as { error: { name: string } }).error.name).toMatch(/Error$/);
        expect(observed).toHaveLength(1);
      }),
      { numRuns: 64 },
    );
  });
});

describe('both entry points under fuzzing', () => {
  it('answer every request HTTP can carry alike: same status, same error code (one decision core)', async () => {
    const fetchSide = fetchTarget();
    const listenerSide = listenerTarget(
      () => base,
      (listener) => {
        current = listener;
      },
    );
    const options = {
      allow: [revokeSecurityGroupEgressOperation],
      cors: { origins: [APP_ORIGIN] },
      authorize: (request: { headerOf(name: string): string | undefined }) => request.headerOf('x-deny') === undefined,
    };
    fetchSide.use({ ...options, client: fakeUpstream() });
    listenerSide.use({ ...options, client: fakeUpstream() });
    const codeOf = (answer: Answer): unknown =>
      answer.text === '' ? undefined : (JSON.parse(answer.text) as { error?: { code?: unknown } }).error?.code;
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        // What node:http's parser refuses before any listener runs: lower-case or unknown methods, bad lengths.
        fc.pre(['POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].includes(r.method));
        fc.pre(r.contentLength === undefined);
        const viaFetch = await fetchSide.call(r);
        const viaListener = await listenerSide.call(r);
        fc.pre(viaFetch !== undefined && viaListener !== undefined);
        expect(viaListener.status, `${r.method} ${r.path}`).toBe(viaFetch.status);
        expect(codeOf(viaListener)).toEqual(codeOf(viaFetch));
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
