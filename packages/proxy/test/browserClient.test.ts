/**
 * The browser client against a real HTTP server on loopback playing the proxy (with Node's own fetch): the request it
 * sends, and how every kind of answer, or of missing answer, arrives. The full chain (browser, proxy, client,
 * emulator) is the end-to-end test's job.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  EnsAbortError,
  EnsNetworkError,
  EnsResponseParseError,
  EnsServiceError,
  EnsTimeoutError,
  EnsValidationError,
  InvalidInstanceIdNotFoundError,
  SecurityGroupRuleNotFoundError,
} from '@ensdk/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EnsBrowserBareClient, revokeSecurityGroupEgress, type RevokeSecurityGroupEgressInput } from '../src/index.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let baseUrl: string;
let seen: Seen[];
let answer: (response: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      answer(response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ens/`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  seen = [];
  answer = (response) => json(response, 200, { requestId: 'req-ok' });
});

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

const input: RevokeSecurityGroupEgressInput = {
  securityGroupId: 'sg-1',
  ipProtocol: 'tcp',
  portRange: '22/22',
  destCidrIp: '10.0.0.0/8',
};

function serviceErrorJSON(name: string, code: string): unknown {
  return {
    error: {
      name,
      message: `${code} happened`,
      code,
      statusCode: 400,
      requestId: 'req-err',
      fault: 'client',
      retryable: false,
    },
  };
}

describe('EnsBrowserBareClient', () => {
  it('posts the validated input as JSON to {baseUrl}/{Action} with the configured headers, and returns the output', async () => {
    const client = new EnsBrowserBareClient({ baseUrl, headers: () => ({ 'x-csrf-token': 't1' }) });
    await expect(revokeSecurityGroupEgress(client, input)).resolves.toEqual({ requestId: 'req-ok' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/ens/RevokeSecurityGroupEgress',
      body: JSON.stringify(input),
    });
    expect(seen[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'application/json',
      'x-csrf-token': 't1',
    });
  });

  it('raises EnsValidationError, naming the field and rule, and sends nothing', async () => {
    const client = new EnsBrowserBareClient({ baseUrl });
    const error = await revokeSecurityGroupEgress(client, { ...input, portRange: '200/1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsValidationError);
    expect((error as EnsValidationError).issues).toEqual([
      { path: 'portRange', rule: 'format:port-range', message: 'start 200 > end 1' },
    ]);
    expect(seen).toHaveLength(0);
  });

  it("maps the operation's own codes to their classes, with code and requestId", async () => {
    answer = (response) =>
      json(response, 400, serviceErrorJSON('SecurityGroupRuleNotFoundError', 'SecurityGroupRule.NotFound'));
    const error = await revokeSecurityGroupEgress(new EnsBrowserBareClient({ baseUrl }), input).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SecurityGroupRuleNotFoundError);
    expect(error).toMatchObject({ code: 'SecurityGroupRule.NotFound', requestId: 'req-err', statusCode: 400 });
  });

  it('keeps an unknown code, or a code of another operation, as EnsServiceError with its code', async () => {
    const client = new EnsBrowserBareClient({ baseUrl });
    answer = (response) => json(response, 400, serviceErrorJSON('EnsServiceError', 'Brand.New.Code'));
    const unknown = await revokeSecurityGroupEgress(client, input).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(EnsServiceError);
    expect(unknown).toMatchObject({ code: 'Brand.New.Code', requestId: 'req-err' });
    // A class RevokeSecurityGroupEgress cannot raise is not in its error map, so the page does not carry it.
    answer = (response) =>
      json(response, 400, serviceErrorJSON('InvalidInstanceIdNotFoundError', 'InvalidInstanceId.NotFound'));
    const foreign = await revokeSecurityGroupEgress(client, input).catch((e: unknown) => e);
    expect(foreign).toBeInstanceOf(EnsServiceError);
    expect(foreign).not.toBeInstanceOf(InvalidInstanceIdNotFoundError);
    expect(foreign).toMatchObject({ code: 'InvalidInstanceId.NotFound' });
  });

  it('raises EnsResponseParseError with the status for a body that is not JSON, or JSON without an error', async () => {
    const client = new EnsBrowserBareClient({ baseUrl });
    answer = (response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
    await expect(revokeSecurityGroupEgress(client, input)).rejects.toSatisfy(
      (e) => e instanceof EnsResponseParseError && e.statusCode === 502,
    );
    answer = (response) => json(response, 500, { oops: true });
    await expect(revokeSecurityGroupEgress(client, input)).rejects.toSatisfy(
      (e) => e instanceof EnsResponseParseError && e.statusCode === 500,
    );
  });

  it('refuses a time limit setTimeout cannot keep, naming the option and the rule, and sends nothing', async () => {
    for (const timeoutMs of [Number.NaN, 0, -1, 1.5, Number.POSITIVE_INFINITY, 2 ** 31]) {
      expect(() => new EnsBrowserBareClient({ baseUrl, timeoutMs })).toThrow(
        new RangeError(`EnsBrowserClient options.timeoutMs must be an integer from 1 to 2147483647; got ${timeoutMs}`),
      );
      const error = await revokeSecurityGroupEgress(new EnsBrowserBareClient({ baseUrl }), input, { timeoutMs }).catch(
        (e: unknown) => e,
      );
      expect(error).toEqual(
        new RangeError(`request options.timeoutMs must be an integer from 1 to 2147483647; got ${timeoutMs}`),
      );
    }
    expect(() => new EnsBrowserBareClient({ baseUrl, timeoutMs: '5' as unknown as number })).toThrow(
      new RangeError('EnsBrowserClient options.timeoutMs must be an integer from 1 to 2147483647; got string'),
    );
    expect(seen).toHaveLength(0);
    await expect(
      revokeSecurityGroupEgress(new EnsBrowserBareClient({ baseUrl }), input, { timeoutMs: 2 ** 31 - 1 }),
    ).resolves.toEqual({
      requestId: 'req-ok',
    });
  });

  it('gives up after timeoutMs with EnsTimeoutError when the proxy does not answer', async () => {
    answer = () => undefined;
    const started = performance.now();
    const error = await revokeSecurityGroupEgress(new EnsBrowserBareClient({ baseUrl, timeoutMs: 150 }), input).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EnsTimeoutError);
    expect((error as EnsTimeoutError).timeoutMs).toBe(150);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("stops at once on the caller's AbortSignal with EnsAbortError carrying the reason", async () => {
    answer = () => undefined;
    const controller = new AbortController();
    const pending = revokeSecurityGroupEgress(new EnsBrowserBareClient({ baseUrl }), input, {
      signal: controller.signal,
    }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('user left the page'));
    const error = await pending;
    expect(error).toBeInstanceOf(EnsAbortError);
    expect((error as EnsAbortError).cause).toEqual(new Error('user left the page'));
  });

  it('raises EnsNetworkError when the proxy cannot be reached', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    probe.close();
    await once(probe, 'close');
    const client = new EnsBrowserBareClient({ baseUrl: `http://127.0.0.1:${port}` });
    await expect(revokeSecurityGroupEgress(client, input)).rejects.toBeInstanceOf(EnsNetworkError);
  });
});
