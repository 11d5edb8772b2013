import { createServer, Agent, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EnsClient, type RevokeSecurityGroupEgressInput } from '@ensdk/client';
import { authorizeSecurityGroupEgressOperation, revokeSecurityGroupEgressOperation } from '@ensdk/client/models';
import {
  errorFromJSON,
  EnsAbortError,
  EnsServiceError,
  EnsValidationError,
  SecurityGroupRuleNotFoundError,
} from '@ensdk/errors';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '@ensdk/emulator';
import { send, streamUntilAnswered, type WireAnswer } from './support/http.js';
import { ENTRY_POINTS, type TestProxyOptions } from './support/entryPoints.js';
import { RecordingAgent } from './support/recordingAgent.js';

const APP_ORIGIN = 'https://app.example';
const JSON_HEADERS = { 'content-type': 'application/json' };

// Every test below runs against both entry points of @ensdk/proxy/server: the native node:http listener and the
// fetch-standard handler behind toNodeListener. Both are thin adapters over one decision core.
describe.each(ENTRY_POINTS)('$name', (entry) => {
  let emulator: RunningEmulator;
  let setup: EnsClient;
  let upstream: EnsClient;
  let proxy: Server;
  let base: string;
  /** Requests the upstream client actually sent to the emulator (retries included). */
  let upstreamRequests = 0;
  /** Records every `authorization` value (and signature-bearing `x-acs-*` value) the upstream client sent. */
  let recorder: RecordingAgent;
  const observed: { error: unknown; action: string | undefined }[] = [];
  const answers: WireAnswer[] = [];

  async function listen(options: TestProxyOptions): Promise<{ server: Server; url: string }> {
    const server = createServer(entry.listener(options));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  }

  async function call(path: string, init: Parameters<typeof send>[1] = {}): Promise<WireAnswer> {
    const answer = await send(`${base}${path}`, init);
    answers.push(answer);
    return answer;
  }

  const post = (action: string, body: unknown, headers: Record<string, string> = {}): Promise<WireAnswer> =>
    call(`/api/ens/${action}`, { headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) });

  async function newGroupWithRule(): Promise<RevokeSecurityGroupEgressInput> {
    const { securityGroupId } = await setup.createSecurityGroup({ securityGroupName: 'proxy-test' });
    if (securityGroupId === undefined) throw new Error('no securityGroupId');
    const rule = {
      securityGroupId,
      ipProtocol: 'tcp',
      portRange: '22/22',
      destCidrIp: '10.0.0.0/8',
      policy: 'accept',
      priority: 1,
    } as const;
    await setup.send(authorizeSecurityGroupEgressOperation, rule);
    return rule;
  }

  beforeAll(async () => {
    recorder = new RecordingAgent();
    answers.length = 0;
    emulator = await startEmulator();
    setup = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY });
    upstream = new EnsClient({
      endpoint: emulator.url,
      credentials: DEMO_ACCESS_KEY,
      maxRetries: 0,
      dispatcher: recorder,
      hooks: { onRequest: () => void upstreamRequests++ },
    });
    const started = await listen({
      client: upstream,
      allow: [revokeSecurityGroupEgressOperation],
      maxBodyBytes: 4096,
      cors: { origins: [APP_ORIGIN], maxAgeSeconds: 120 },
      authorize: (header) => {
        const mode = header('x-test-auth');
        if (mode === 'throw') throw new Error('no session');
        return mode !== 'deny';
      },
      onError: (error, action) => observed.push({ error, action }),
    });
    proxy = started.server;
    base = started.url;
  });

  afterAll(async () => {
    // No answer of this file may carry a secret, a signature or an upstream header.
    for (const answer of answers) {
      const everything = `${answer.text}\n${JSON.stringify(answer.headers)}`;
      expect(everything).not.toContain(DEMO_ACCESS_KEY.accessKeySecret);
      expect(everything).not.toContain(DEMO_ACCESS_KEY.accessKeyId);
      expect(everything).not.toContain('ACS3-HMAC-SHA256');
      for (const value of recorder.signed) expect(everything).not.toContain(value);
      expect(everything).not.toMatch(/"stack"|\bat .*\.(?:ts|js):\d+/);
      for (const name of Object.keys(answer.headers)) {
        expect(name).not.toMatch(/^x-acs-|^authorization$|^set-cookie$|^server$/);
        expect(
          [
            'content-type',
            'content-length',
            'connection',
            'keep-alive',
            'date',
            'allow',
            'vary',
            'transfer-encoding',
          ].includes(name) || name.startsWith('access-control-'),
        ).toBe(true);
      }
    }
    expect(answers.length).toBeGreaterThan(20);
    expect([...recorder.signed].some((v) => v.startsWith('ACS3-HMAC-SHA256'))).toBe(true);
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await Promise.all([upstream.close(), setup.close(), recorder.close()]);
    await emulator.close();
  });

  beforeEach(() => {
    upstreamRequests = 0;
    observed.length = 0;
  });

  describe('forwarding', () => {
    it('signs and forwards an allowed, valid call: 200 with the camelCase output', async () => {
      const rule = await newGroupWithRule();
      const answer = await post('RevokeSecurityGroupEgress', rule);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/json');
      const output = JSON.parse(answer.text) as Record<string, unknown>;
      expect(output).toEqual({ requestId: expect.any(String) });
      expect(upstreamRequests).toBe(1);
    });

    it('validates once: the input the proxy checked is not checked again by the client', async () => {
      let parses = 0;
      const schema = revokeSecurityGroupEgressOperation.input();
      const counting = new Proxy(schema, {
        get(target, key, receiver) {
          const value: unknown = Reflect.get(target, key, receiver);
          if (key !== 'safeParse' || typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            parses++;
            return Reflect.apply(value, target, args);
          };
        },
      });
      const counted = { ...revokeSecurityGroupEgressOperation, input: () => counting };
      const once = await listen({ client: upstream, allow: [counted] });
      try {
        const rule = await newGroupWithRule();
        const answer = await send(`${once.url}/RevokeSecurityGroupEgress`, {
          headers: JSON_HEADERS,
          body: JSON.stringify(rule),
        });
        answers.push(answer);
        expect(answer.status).toBe(200);
        expect(parses).toBe(1);
        expect(upstreamRequests).toBe(1);
        // An invalid input is refused after that one parse (plus the one that words the issues), never sent.
        const invalid = await send(`${once.url}/RevokeSecurityGroupEgress`, {
          headers: JSON_HEADERS,
          body: JSON.stringify({ ...rule, portRange: '200/1' }),
        });
        answers.push(invalid);
        expect(invalid.status).toBe(400);
        expect(upstreamRequests).toBe(1);
      } finally {
        once.server.closeAllConnections();
        await new Promise((resolve) => once.server.close(resolve));
      }
    });

    it('forwards a service error as { error: toJSON() } with its 4xx status; errorFromJSON rebuilds the class', async () => {
      const rule = await newGroupWithRule();
      await setup.revokeSecurityGroupEgress(rule);
      const answer = await post('RevokeSecurityGroupEgress', rule);
      expect(answer.status).toBe(400);
      const { error } = JSON.parse(answer.text) as { error: Record<string, unknown> };
      expect(error).toMatchObject({
        name: 'SecurityGroupRuleNotFoundError',
        code: 'SecurityGroupRule.NotFound',
        statusCode: 400,
        requestId: expect.any(String),
      });
      const rebuilt = errorFromJSON(error);
      expect(rebuilt).toBeInstanceOf(SecurityGroupRuleNotFoundError);
      expect((rebuilt as SecurityGroupRuleNotFoundError).requestId).toBe(error['requestId']);
      expect(upstreamRequests).toBe(1);
      expect(observed).toHaveLength(1);
      expect(observed[0]?.action).toBe('RevokeSecurityGroupEgress');
      expect(observed[0]?.error).toBeInstanceOf(SecurityGroupRuleNotFoundError);
    });

    it('answers 502 for an upstream 5xx and for a network failure, 504 for a timeout', async () => {
      const rule = await newGroupWithRule();
      emulator.injectFault('RevokeSecurityGroupEgress', { status: 503 });
      const unavailable = await post('RevokeSecurityGroupEgress', rule);
      emulator.clearFaults();
      expect(unavailable.status).toBe(502);
      expect(errorFromJSON((JSON.parse(unavailable.text) as { error: unknown }).error)).toBeInstanceOf(EnsServiceError);

      emulator.injectFault('RevokeSecurityGroupEgress', { reset: true });
      const reset = await post('RevokeSecurityGroupEgress', rule);
      emulator.clearFaults();
      expect(reset.status).toBe(502);
      expect((JSON.parse(reset.text) as { error: { name: string } }).error.name).toBe('EnsNetworkError');

      const slowClient = new EnsClient({
        endpoint: emulator.url,
        credentials: DEMO_ACCESS_KEY,
        maxRetries: 0,
        timeoutMs: 100,
      });
      const slow = await listen({ client: slowClient, allow: [revokeSecurityGroupEgressOperation] });
      try {
        emulator.injectFault('RevokeSecurityGroupEgress', { latencyMs: 400 });
        const answer = await send(`${slow.url}/RevokeSecurityGroupEgress`, {
          headers: JSON_HEADERS,
          body: JSON.stringify(rule),
        });
        answers.push(answer);
        expect(answer.status).toBe(504);
        expect((JSON.parse(answer.text) as { error: { name: string } }).error.name).toBe('EnsTimeoutError');
      } finally {
        emulator.clearFaults();
        slow.server.closeAllConnections();
        await new Promise((resolve) => slow.server.close(resolve));
        await slowClient.close();
      }
    });
  });

  describe('refusals never reach upstream', () => {
    const valid = { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };

    const errorOf = (answer: WireAnswer): { name: string; code?: string; issues?: { path: string; rule: string }[] } =>
      (JSON.parse(answer.text) as { error: { name: string; code?: string } }).error;

    it('404 for an action that is not in the API', async () => {
      for (const path of [
        '/api/ens/NoSuchAction',
        '/api/ens/',
        '/',
        '/api/ens/..',
        '/api/ens/__proto__',
        '/api/ens/constructor',
        '/x/toString',
      ]) {
        const answer = await call(path, { headers: JSON_HEADERS, body: JSON.stringify(valid) });
        expect(answer.status, path).toBe(404);
        expect(errorOf(answer).code).toBe('Proxy.ActionNotFound');
      }
      expect(upstreamRequests).toBe(0);
    });

    it('403 for an API action that is not allowed', async () => {
      const answer = await post('DeleteSecurityGroup', { securityGroupId: 'sg-1' });
      expect(answer.status).toBe(403);
      expect(errorOf(answer).code).toBe('Proxy.ActionNotAllowed');
      expect(upstreamRequests).toBe(0);
    });

    it('403 when authorize says no, 401 when it throws', async () => {
      const denied = await post('RevokeSecurityGroupEgress', valid, { 'x-test-auth': 'deny' });
      expect(denied.status).toBe(403);
      expect(errorOf(denied).code).toBe('Proxy.Forbidden');
      const thrown = await post('RevokeSecurityGroupEgress', valid, { 'x-test-auth': 'throw' });
      expect(thrown.status).toBe(401);
      expect(errorOf(thrown).code).toBe('Proxy.Unauthorized');
      expect(thrown.text).not.toContain('no session');
      expect(observed.map((o) => o.error instanceof Error && o.error.message)).toContain('no session');
      expect(upstreamRequests).toBe(0);
    });

    it('405 with allow: POST, OPTIONS and connection: close', async () => {
      for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
        const answer = await call('/api/ens/RevokeSecurityGroupEgress', { method });
        expect(answer.status, method).toBe(405);
        expect(answer.headers['allow']).toBe('POST, OPTIONS');
        expect(answer.headers['connection']).toBe('close');
      }
      expect(upstreamRequests).toBe(0);
    });

    it('415 unless the content type is application/json (parameters allowed), with connection: close', async () => {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        '',
      ]) {
        const answer = await call('/api/ens/RevokeSecurityGroupEgress', {
          headers: type === '' ? {} : { 'content-type': type },
          body: JSON.stringify(valid),
        });
        expect(answer.status, type).toBe(415);
        expect(answer.headers['connection']).toBe('close');
      }
      const withCharset = await call('/api/ens/RevokeSecurityGroupEgress', {
        headers: { 'content-type': 'Application/JSON; charset=utf-8' },
        body: JSON.stringify({ ...valid, ipProtocol: 'TCP' }),
      });
      expect(withCharset.status).toBe(400);
      expect(upstreamRequests).toBe(0);
    });

    it('413 from content-length up front, with connection: close, on a keep-alive socket that is then closed', async () => {
      const agent = new Agent({ keepAlive: true });
      try {
        const answer = await call('/api/ens/RevokeSecurityGroupEgress', {
          headers: JSON_HEADERS,
          body: 'x'.repeat(5000),
          agent,
        });
        expect(answer.status).toBe(413);
        expect(answer.headers['connection']).toBe('close');
        expect(errorOf(answer).code).toBe('Proxy.PayloadTooLarge');
        expect(await answer.socketClosed).toBe(true);
      } finally {
        agent.destroy();
      }
      expect(upstreamRequests).toBe(0);
    });

    it('413 while streaming a chunked body without content-length: reading stops early', async () => {
      const answer = await streamUntilAnswered(
        `${base}/api/ens/RevokeSecurityGroupEgress`,
        JSON_HEADERS,
        1024,
        64 * 1024 * 1024,
      );
      answers.push(answer);
      expect(answer.status).toBe(413);
      expect(answer.headers['connection']).toBe('close');
      expect(answer.sent).toBeLessThan(64 * 1024 * 1024);
      expect(await answer.socketClosed).toBe(true);
      expect(upstreamRequests).toBe(0);
    });

    it('400 for malformed JSON, non-object bodies, bad UTF-8 and unsafe keys', async () => {
      const bodies: (string | Uint8Array)[] = [
        '',
        '{',
        '{"securityGroupId": }',
        'null',
        '[]',
        '"text"',
        '42',
        'true',
        new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
        '{"__proto__": {"polluted": true}}',
        `{"constructor": {"prototype": {"polluted": true}}, "securityGroupId": "sg-1"}`,
        '['.repeat(2000) + ']'.repeat(2000),
      ];
      for (const body of bodies) {
        const answer = await call('/api/ens/RevokeSecurityGroupEgress', { headers: JSON_HEADERS, body });
        expect(answer.status, String(body).slice(0, 40)).toBe(400);
        expect(answer.headers['connection']).not.toBe('close');
      }
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(upstreamRequests).toBe(0);
    });

    it('400 with the issues when the input breaks the schema (the server re-validates)', async () => {
      const answer = await post('RevokeSecurityGroupEgress', {
        ...valid,
        portRange: '200/1',
        ipProtocol: 'TCP',
        extra: 1,
      });
      expect(answer.status).toBe(400);
      const error = errorOf(answer);
      expect(error.name).toBe('EnsValidationError');
      expect(error.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['ipProtocol', 'extra']));
      const rebuilt = errorFromJSON(error);
      expect(rebuilt).toBeInstanceOf(EnsValidationError);
      expect(upstreamRequests).toBe(0);
    });
  });

  describe('CORS', () => {
    it('answers a preflight from a configured origin', async () => {
      const answer = await call('/api/ens/RevokeSecurityGroupEgress', {
        method: 'OPTIONS',
        headers: {
          origin: APP_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(answer.status).toBe(204);
      expect(answer.headers).toMatchObject({
        'access-control-allow-origin': APP_ORIGIN,
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '120',
        vary: 'origin',
      });
      expect(answer.text).toBe('');
    });

    it('refuses a preflight from another origin (403, no CORS headers)', async () => {
      for (const origin of ['https://evil.example', 'null', `${APP_ORIGIN}.evil`, APP_ORIGIN.toUpperCase()]) {
        const answer = await call('/api/ens/RevokeSecurityGroupEgress', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(answer.status, origin).toBe(403);
        expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      }
    });

    it('adds the CORS origin to answers for a configured origin only', async () => {
      const mine = await post('NoSuchAction', {}, { origin: APP_ORIGIN });
      expect(mine.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
      const theirs = await post('NoSuchAction', {}, { origin: 'https://evil.example' });
      expect(Object.keys(theirs.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
      expect(upstreamRequests).toBe(0);
    });
  });

  describe('options', () => {
    it('requires an allow list', () => {
      expect(() => entry.listener({ client: upstream } as unknown as TestProxyOptions)).toThrow(
        new RegExp(`^${entry.creator}: \`allow\` must list the operations to forward$`),
      );
    });

    it('takes action names in the allow list too, and refuses entries that are neither, naming them', async () => {
      const byName = await listen({ client: upstream, allow: ['RevokeSecurityGroupEgress'] });
      try {
        const rule = await newGroupWithRule();
        const call = (action: string, body: unknown): Promise<WireAnswer> =>
          send(`${byName.url}/${action}`, { headers: JSON_HEADERS, body: JSON.stringify(body) });
        expect((await call('RevokeSecurityGroupEgress', rule)).status).toBe(200);
        expect((await call('DescribeSecurityGroupAttribute', { securityGroupId: rule.securityGroupId })).status).toBe(
          403,
        );
      } finally {
        byName.server.closeAllConnections();
        await new Promise((resolve) => byName.server.close(resolve));
      }
      expect(() => entry.listener({ client: upstream, allow: ['RevokeSecurityGroupEgres'] })).toThrow(
        /allow\[0\] must be an ENS action name such as 'RevokeSecurityGroupEgress' or an operation definition .*; found "RevokeSecurityGroupEgres"/,
      );
      expect(() =>
        entry.listener({ client: upstream, allow: [{ action: 'RevokeSecurityGroupEgress' }] as never }),
      ).toThrow(/allow\[0\].*found object/);
    });
  });

  describe('on node:http', () => {
    it('keeps a keep-alive connection open after answers that read the whole body', async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const first = await call('/api/ens/RevokeSecurityGroupEgress', {
          headers: JSON_HEADERS,
          body: '{"securityGroupId":1}',
          agent,
        });
        expect(first.status).toBe(400);
        expect(first.headers['connection']).toBe('keep-alive');
        expect(await first.socketClosed).toBe(false);
      } finally {
        agent.destroy();
      }
    });

    it('does not hang when a body parser consumed the body first', async () => {
      const listener: RequestListener = entry.listener({
        client: upstream,
        allow: [revokeSecurityGroupEgressOperation],
      });
      const server = createServer((req, res) => {
        req.resume();
        req.on('end', () => listener(req, res));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const answer = await send(
          `http://127.0.0.1:${(server.address() as AddressInfo).port}/RevokeSecurityGroupEgress`,
          { headers: JSON_HEADERS, body: '{}' },
        );
        answers.push(answer);
        expect(answer.status).toBe(400);
        expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'Proxy.InvalidJSON' } });
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
      expect(upstreamRequests).toBe(0);
    });

    it('aborts the upstream call when the browser goes away', async () => {
      const rule = await newGroupWithRule();
      // The upstream answer would take 10 s; the browser leaves as soon as the proxy has called upstream (not
      // after a fixed delay, which a loaded machine may not reach the upstream call within).
      emulator.injectFault('RevokeSecurityGroupEgress', { latencyMs: 10_000 });
      try {
        const req = httpRequest(`${base}/api/ens/RevokeSecurityGroupEgress`, {
          method: 'POST',
          headers: JSON_HEADERS,
        });
        const gone = new Promise<void>((resolve) => req.on('error', () => resolve()));
        req.end(JSON.stringify(rule));
        await expect.poll(() => upstreamRequests, { timeout: 5_000 }).toBe(1);
        req.destroy();
        await gone;
        await expect.poll(() => observed.length, { timeout: 5_000 }).toBe(1);
        expect(observed[0]?.error).toBeInstanceOf(EnsAbortError);
      } finally {
        emulator.clearFaults();
      }
    });
  });
});
