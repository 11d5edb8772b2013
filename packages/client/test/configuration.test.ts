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
});
