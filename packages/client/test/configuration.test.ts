import { Agent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnsClient, signRequestRpc, signRequestV3 } from '../src/index.js';
import { json, startLoopbackServer, type LoopbackServer } from './support/loopbackServer.js';

const KEYS = { accessKeyId: 'id-1', accessKeySecret: 'secret-config-test' };
let server: LoopbackServer | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe('EnsClient configuration', () => {
  it('resolves the endpoint from the metadata table by region', () => {
    expect(new EnsClient({ regionId: 'ap-southeast-1', credentials: KEYS }).endpoint).toBe(
      'https://ens.ap-southeast-1.aliyuncs.com',
    );
    expect(new EnsClient({ regionId: 'cn-beijing', credentials: KEYS }).endpoint).toBe('https://ens.aliyuncs.com');
    expect(new EnsClient({ regionId: 'xx-unknown-1', credentials: KEYS }).endpoint).toBe('https://ens.aliyuncs.com');
  });

  it('takes the region from ALIBABA_CLOUD_REGION_ID, else cn-hangzhou', () => {
    vi.stubEnv('ALIBABA_CLOUD_REGION_ID', 'ap-southeast-1');
    expect(new EnsClient({ credentials: KEYS })).toMatchObject({
      regionId: 'ap-southeast-1',
      endpoint: 'https://ens.ap-southeast-1.aliyuncs.com',
    });
    vi.stubEnv('ALIBABA_CLOUD_REGION_ID', undefined);
    expect(new EnsClient({ credentials: KEYS }).regionId).toBe('cn-hangzhou');
  });

  it('an endpoint may be a host or a full URL, never with a path', () => {
    expect(new EnsClient({ endpoint: 'ens-vpc.cn-zhangjiakou.aliyuncs.com', credentials: KEYS }).endpoint).toBe(
      'https://ens-vpc.cn-zhangjiakou.aliyuncs.com',
    );
    expect(new EnsClient({ endpoint: 'http://127.0.0.1:9100', credentials: KEYS }).endpoint).toBe(
      'http://127.0.0.1:9100',
    );
    expect(() => new EnsClient({ endpoint: 'http://127.0.0.1:9100/api', credentials: KEYS })).toThrow(
      'without path or query',
    );
  });

  it('uses an injected undici dispatcher and leaves it open on close()', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, { RequestId: 'R' }));
    const dispatcher = new Agent();
    const dispatch = vi.spyOn(dispatcher, 'dispatch');
    const ens = new EnsClient({ endpoint: server.url, credentials: KEYS, dispatcher, userAgent: 'my-app/2.1' });
    await ens.describeEnsRegions({});
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(server.requests[0]!.headers['user-agent']).toMatch(/ my-app\/2\.1$/);
    await ens.close();
    expect(dispatcher.closed).toBe(false);
    await dispatcher.close();
  });

  it('sends formData parameters as a signed form body', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, { RequestId: 'R' }));
    const ens = new EnsClient({ endpoint: server.url, credentials: KEYS });
    await ens.reinitInstance({ instanceId: 'i-1', imageId: 'm-1', password: 'Pa55 word!' });
    await ens.close();
    const [request] = server.requests;
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.body.toString()).toBe('ImageId=m-1&InstanceId=i-1&Password=Pa55%20word%21');
    expect(String(request!.headers['authorization'])).toContain('content-type');
    const signedNames = /SignedHeaders=([^,]+)/.exec(String(request!.headers['authorization']))![1]!.split(';');
    const headers = Object.fromEntries(
      signedNames.filter((n) => n !== 'host').map((n) => [n, String(request!.headers[n])]),
    );
    const expected = signRequestV3(
      { method: 'POST', host: String(request!.headers['host']), query: {}, headers, body: request!.body },
      KEYS,
    );
    expect(request!.headers['authorization']).toBe(expected.headers['authorization']);
  });

  it("in 'rpc' mode formData parameters travel in the body and are signed with the rest", async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, { RequestId: 'R' }));
    const ens = new EnsClient({ endpoint: server.url, credentials: KEYS, signatureVersion: 'rpc' });
    await ens.reinitInstance({ instanceId: 'i-1', imageId: 'm-1', password: 'Pa55 word!' });
    await ens.close();
    const [request] = server.requests;
    const query = Object.fromEntries(request!.url.searchParams);
    expect(query['Password']).toBeUndefined();
    expect(request!.body.toString()).toBe('ImageId=m-1&InstanceId=i-1&Password=Pa55%20word%21');
    const { Signature, AccessKeyId, SignatureMethod, SignatureVersion, ...unsigned } = {
      ...query,
      ...Object.fromEntries(new URLSearchParams(request!.body.toString())),
    };
    expect(Signature).toBe(signRequestRpc({ method: 'POST', query: unsigned }, KEYS).signature);
  });

  it('ENSDK_DEBUG=1 writes redacted debug lines to stderr', async () => {
    server = await startLoopbackServer((_req, res) => json(res, 200, { RequestId: 'R' }));
    vi.stubEnv('ENSDK_DEBUG', '1');
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const ens = new EnsClient({ endpoint: server.url, credentials: { ...KEYS, securityToken: 'token-in-debug' } });
      await ens.describeEnsRegions({});
      await ens.close();
    } finally {
      write.mockRestore();
    }
    const text = written.join('');
    expect(text).toContain('[ensdk] request');
    expect(text).toContain('[ensdk] response');
    expect(text).not.toContain(KEYS.accessKeySecret);
    expect(text).not.toContain('token-in-debug');
  });

  it('refuses a numeric option that breaks its rule, naming the option and the rule, before any request', async () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ timeoutMs: Number.NaN }, /^EnsClient options\.timeoutMs must be an integer from 1 to 2147483647; got NaN$/],
      [{ timeoutMs: 0 }, /timeoutMs must be an integer from 1 to 2147483647; got 0/],
      [{ timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs .* got Infinity/],
      [{ timeoutMs: 2 ** 31 }, /timeoutMs .* got 2147483648/],
      [{ timeoutMs: '5000' }, /^EnsClient options\.timeoutMs must be an integer from 1 to 2147483647; got string$/],
      [{ maxRetries: -1 }, /^EnsClient options\.maxRetries must be an integer from 0 to 9007199254740991; got -1$/],
      [{ maxRetries: 1.5 }, /maxRetries .* got 1\.5/],
      [{ maxResponseBytes: 0 }, /^EnsClient options\.maxResponseBytes must be an integer from 1 /],
      [
        { retryDelay: { baseMs: -5 } },
        /^EnsClient options\.retryDelay\.baseMs must be an integer from 0 to 2147483647/,
      ],
      [{ retryDelay: { maxMs: Number.NaN } }, /^EnsClient options\.retryDelay\.maxMs /],
    ];
    for (const [options, message] of bad) {
      expect(() => new EnsClient({ credentials: KEYS, ...options })).toThrow(message);
    }
    expect(() => new EnsClient({ credentials: KEYS, timeoutMs: 2 ** 31 - 1, maxRetries: 0 })).not.toThrow();

    server = await startLoopbackServer((_req, res) => json(res, 200, { RequestId: 'R' }));
    const client = new EnsClient({ endpoint: server.url, credentials: KEYS, maxRetries: 0 });
    await expect(client.describeEnsRegions({}, { timeoutMs: -1 })).rejects.toThrow(
      /^request options\.timeoutMs must be an integer from 1 to 2147483647; got -1$/,
    );
    await expect(client.describeEnsRegions({}, { maxRetries: Number.NaN })).rejects.toBeInstanceOf(RangeError);
    expect(server.requests).toHaveLength(0);
    await client.describeEnsRegions({}, { timeoutMs: 5_000, maxRetries: 1 });
    expect(server.requests).toHaveLength(1);
    await client.close();
  });
});
