import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acsTimestamp,
  canonicalQueryString,
  percentEncode,
  signatureNonce,
  signRequestRpc,
  signRequestV3,
  type SigningCredentials,
  type V3SigningInput,
} from '../src/node/signing/index.js';

/** Every string reachable inside a value (object values, array items, the value itself). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function expectNoSecret(result: object, secret: string): void {
  const strings = stringsIn(result);
  expect(strings.length).toBeGreaterThan(0);
  for (const s of strings) expect(s).not.toContain(secret);
}

describe('percentEncode', () => {
  it('encodes the reference vector', () => {
    expect(percentEncode("a b*c~d!'()+/:")).toBe('a%20b%2Ac~d%21%27%28%29%2B%2F%3A');
  });

  it('encodes UTF-8 multi-byte characters', () => {
    expect(percentEncode('中')).toBe('%E4%B8%AD');
    expect(percentEncode('é😀')).toBe('%C3%A9%F0%9F%98%80');
  });

  it('returns unreserved strings unchanged', () => {
    const s = 'AZaz09-_.~';
    expect(percentEncode(s)).toBe(s);
    expect(percentEncode('')).toBe('');
  });

  it('throws on a lone surrogate', () => {
    expect(() => percentEncode('\uD800')).toThrow(URIError);
  });

  it('only emits unreserved characters and upper-case %XX, and round-trips', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const encoded = percentEncode(s);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(s);
      }),
    );
  });

  it('round-trips arbitrary binary-ish ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), (s) => {
        const encoded = percentEncode(s);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(s);
      }),
    );
  });
});

describe('canonicalQueryString', () => {
  it('sorts by encoded key in byte order, encodes and keeps empty values', () => {
    expect(canonicalQueryString({ b: '2', a: 'x y', B: '', 'a.b': '*' })).toBe('B=&a=x%20y&a.b=%2A&b=2');
  });

  it('is empty for no parameters', () => {
    expect(canonicalQueryString({})).toBe('');
  });

  it('does not use locale order', () => {
    // localeCompare would put "a" before "B"; byte order puts upper case first.
    expect(canonicalQueryString({ a: '1', B: '2', Z: '3', _: '4' })).toBe('B=2&Z=3&_=4&a=1');
  });
});

const v3Credentials: SigningCredentials = { accessKeyId: 'YourAccessKeyId', accessKeySecret: 'YourAccessKeySecret' };
const v3Input: V3SigningInput = {
  method: 'POST',
  host: 'ecs.cn-shanghai.aliyuncs.com',
  path: '/',
  query: { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' },
  headers: {
    'x-acs-action': 'RunInstances',
    'x-acs-version': '2014-05-26',
    'x-acs-date': '2023-10-26T10:22:32Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
  },
};
const publishedSignedHeaders = 'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version';
const publishedSignature = '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0';
const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function signedHeadersOf(authorization: string | undefined): string | undefined {
  return /SignedHeaders=([^,]*)/.exec(authorization ?? '')?.[1];
}

describe('signRequestV3', () => {
  it('reproduces the published vector', () => {
    const signed = signRequestV3(v3Input, v3Credentials);
    expect(signed.stringToSign).toBe(
      'ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
    expect(signed.signature).toBe(publishedSignature);
    expect(signed.headers['authorization']).toBe(
      `ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=${publishedSignedHeaders},Signature=${publishedSignature}`,
    );
    expect(signedHeadersOf(signed.headers['authorization'])).toBe(publishedSignedHeaders);
  });

  it('builds the canonical request with a blank line before SignedHeaders', () => {
    const signed = signRequestV3(v3Input, v3Credentials);
    expect(signed.canonicalRequest).toBe(
      [
        'POST',
        '/',
        'ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai',
        'host:ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action:RunInstances',
        `x-acs-content-sha256:${emptySha256}`,
        'x-acs-date:2023-10-26T10:22:32Z',
        'x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d',
        'x-acs-version:2014-05-26',
        '',
        publishedSignedHeaders,
        emptySha256,
      ].join('\n'),
    );
    expect(signed.stringToSign.split('\n')[1]).toBe(createHash('sha256').update(signed.canonicalRequest).digest('hex'));
  });

  it('returns the input headers plus host and x-acs-content-sha256, without mutating the input', () => {
    const before = structuredClone(v3Input);
    const signed = signRequestV3(v3Input, v3Credentials);
    expect(v3Input).toEqual(before);
    expect(signed.headers).toEqual({
      ...v3Input.headers,
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-content-sha256': emptySha256,
      authorization: expect.any(String),
    });
    expect(signed.headers).not.toHaveProperty('x-acs-security-token');
  });

  it('adds and signs x-acs-security-token with STS credentials', () => {
    const plain = signRequestV3(v3Input, v3Credentials);
    const sts = signRequestV3(v3Input, { ...v3Credentials, securityToken: 'sts-token-value' });
    expect(sts.headers['x-acs-security-token']).toBe('sts-token-value');
    expect(signedHeadersOf(sts.headers['authorization'])).toBe(
      'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version',
    );
    expect(sts.canonicalRequest).toContain('\nx-acs-security-token:sts-token-value\n');
    expect(sts.signature).not.toBe(plain.signature);
  });

  it('signs content-type when present', () => {
    const signed = signRequestV3(
      { ...v3Input, headers: { ...v3Input.headers, 'content-type': 'application/json' } },
      v3Credentials,
    );
    expect(signedHeadersOf(signed.headers['authorization'])).toBe(
      'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
    );
    expect(signed.canonicalRequest).toContain('\ncontent-type:application/json\nhost:');
    expect(signed.signature).not.toBe(publishedSignature);
  });

  it('signs the host as given, trims values and leaves other headers unsigned', () => {
    const signed = signRequestV3(
      {
        ...v3Input,
        host: '127.0.0.1:9100',
        headers: { ...v3Input.headers, 'x-acs-action': '  RunInstances ', 'user-agent': 'ensdk' },
      },
      v3Credentials,
    );
    expect(signed.headers['host']).toBe('127.0.0.1:9100');
    expect(signed.headers['user-agent']).toBe('ensdk');
    expect(signed.canonicalRequest).toContain('\nhost:127.0.0.1:9100\nx-acs-action:RunInstances\n');
    expect(signedHeadersOf(signed.headers['authorization'])).toBe(publishedSignedHeaders);
  });

  it('hashes string and byte bodies the same way', () => {
    const body = '{"a":"中"}';
    const expected = createHash('sha256').update(body, 'utf8').digest('hex');
    const fromString = signRequestV3({ ...v3Input, body }, v3Credentials);
    const fromBytes = signRequestV3({ ...v3Input, body: new TextEncoder().encode(body) }, v3Credentials);
    expect(fromString.headers['x-acs-content-sha256']).toBe(expected);
    expect(fromString.canonicalRequest.endsWith(`\n${expected}`)).toBe(true);
    expect(fromBytes.signature).toBe(fromString.signature);
    expect(signRequestV3({ ...v3Input, body: '' }, v3Credentials).signature).toBe(publishedSignature);
  });

  it('defaults the path to / and encodes other paths per segment', () => {
    const { path: _path, ...withoutPath } = v3Input;
    expect(signRequestV3(withoutPath, v3Credentials).signature).toBe(publishedSignature);
    const signed = signRequestV3({ ...v3Input, path: '/a b/c*' }, v3Credentials);
    expect(signed.canonicalRequest.split('\n')[1]).toBe('/a%20b/c%2A');
  });

  it('rejects missing required headers and upper-case header names', () => {
    const { 'x-acs-date': _date, ...withoutDate } = v3Input.headers;
    expect(() => signRequestV3({ ...v3Input, headers: withoutDate }, v3Credentials)).toThrow(/x-acs-date/);
    expect(() =>
      signRequestV3({ ...v3Input, headers: { ...v3Input.headers, 'Content-Type': 'application/json' } }, v3Credentials),
    ).toThrow(/lower-case/);
  });

  it('replaces signer-owned headers given in the input', () => {
    const signed = signRequestV3(
      {
        ...v3Input,
        headers: {
          ...v3Input.headers,
          host: 'evil.example',
          authorization: 'stale',
          'x-acs-content-sha256': 'stale',
          'x-acs-security-token': 'stale',
        },
      },
      v3Credentials,
    );
    expect(signed.signature).toBe(publishedSignature);
    expect(signed.headers['host']).toBe('ecs.cn-shanghai.aliyuncs.com');
    expect(signed.headers['x-acs-content-sha256']).toBe(emptySha256);
    expect(signed.headers).not.toHaveProperty('x-acs-security-token');
  });
});

const rpcCredentials: SigningCredentials = { accessKeyId: 'testid', accessKeySecret: 'testsecret' };
const describeRegions = {
  Action: 'DescribeRegions',
  Format: 'XML',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  Timestamp: '2016-02-23T12:46:24Z',
  Version: '2014-05-26',
};

describe('signRequestRpc', () => {
  it('reproduces DescribeRegions GET', () => {
    const signed = signRequestRpc({ method: 'GET', query: describeRegions }, rpcCredentials);
    expect(signed.stringToSign).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(signed.signature).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(signed.query).toEqual({
      ...describeRegions,
      AccessKeyId: 'testid',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      Signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
    });
  });

  it('reproduces DescribeRegions POST', () => {
    const signed = signRequestRpc({ method: 'POST', query: describeRegions }, rpcCredentials);
    expect(signed.stringToSign.startsWith('POST&%2F&AccessKeyId%3Dtestid%26')).toBe(true);
    expect(signed.signature).toBe('MxbnVAM4w6sft9xjVpe/GCKueuk=');
  });

  it('reproduces DescribeDedicatedHosts GET', () => {
    const signed = signRequestRpc(
      {
        method: 'GET',
        query: {
          Action: 'DescribeDedicatedHosts',
          Format: 'JSON',
          RegionId: 'cn-beijing',
          SignatureNonce: 'edb2b34af0af9a6d14deaf7c1a5315eb',
          Timestamp: '2023-03-13T08:34:30Z',
          Version: '2014-05-26',
        },
      },
      rpcCredentials,
    );
    expect(signed.signature).toBe('9NaGiOspFP5UPcwX8Iwt2YJXXuk=');
    expect(signed.query['Signature']).toBe('9NaGiOspFP5UPcwX8Iwt2YJXXuk=');
  });

  it('adds SecurityToken to the signed query with STS credentials', () => {
    const plain = signRequestRpc({ method: 'GET', query: describeRegions }, rpcCredentials);
    const sts = signRequestRpc(
      { method: 'GET', query: describeRegions },
      { ...rpcCredentials, securityToken: 'tok/en+' },
    );
    expect(sts.query['SecurityToken']).toBe('tok/en+');
    expect(sts.stringToSign).toContain('%26SecurityToken%3Dtok%252Fen%252B%26');
    expect(sts.signature).not.toBe(plain.signature);
  });

  it('replaces signer-owned parameters given in the input', () => {
    const signed = signRequestRpc(
      {
        method: 'GET',
        query: { ...describeRegions, Signature: 'stale', AccessKeyId: 'other', SecurityToken: 'stale' },
      },
      rpcCredentials,
    );
    expect(signed.signature).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(signed.query).not.toHaveProperty('SecurityToken');
  });
});

describe('acsTimestamp and signatureNonce', () => {
  it('formats UTC without milliseconds', () => {
    expect(acsTimestamp(new Date(Date.UTC(2023, 9, 26, 10, 22, 32, 987)))).toBe('2023-10-26T10:22:32Z');
    expect(acsTimestamp(new Date('2016-02-23T20:46:24+08:00'))).toBe('2016-02-23T12:46:24Z');
    expect(acsTimestamp()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('makes 32-hex nonces that differ between calls', () => {
    const a = signatureNonce();
    const b = signatureNonce();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(b).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });
});

describe('the secret never leaves the signer', () => {
  it('does not appear in any V3 result field', () => {
    const secret = v3Credentials.accessKeySecret;
    expectNoSecret(signRequestV3(v3Input, v3Credentials), secret);
    expectNoSecret(signRequestV3({ ...v3Input, body: 'x' }, { ...v3Credentials, securityToken: 'sts' }), secret);
  });

  it('does not appear in any RPC result field', () => {
    const secret = rpcCredentials.accessKeySecret;
    expectNoSecret(signRequestRpc({ method: 'GET', query: describeRegions }, rpcCredentials), secret);
    expectNoSecret(
      signRequestRpc({ method: 'POST', query: describeRegions }, { ...rpcCredentials, securityToken: 'sts' }),
      secret,
    );
  });
});
