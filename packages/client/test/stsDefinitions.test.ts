/**
 * The STS operation definitions generated from Alibaba's STS metadata (`src/generated/sts`, internal): what they say
 * about signing, that the client sends an unsigned one without any signature and without asking for credentials,
 * and that no entry of the package exports them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from '../src/index.js';
import * as models from '../src/models.js';
import { assumeRoleOperation } from '../src/generated/sts/AssumeRole.gen.js';
import { assumeRoleWithOIDCOperation } from '../src/generated/sts/AssumeRoleWithOIDC.gen.js';
import { getCallerIdentityOperation } from '../src/generated/sts/GetCallerIdentity.gen.js';
import { json, startLoopbackServer, type LoopbackServer } from './support/loopbackServer.js';

const KEYS = { accessKeyId: 'LTAI-sts-test', accessKeySecret: 'sts-secret-value-42' };
const SIGNATURE_PARAMETERS = ['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce'];
const STS_ANSWER = {
  RequestId: 'sts-request-1',
  AssumedRoleUser: { Arn: 'acs:ram::1:role/app/session', AssumedRoleId: '3:session' },
  Credentials: {
    AccessKeyId: 'STS.issued',
    AccessKeySecret: 'issued-secret',
    SecurityToken: 'issued-token',
    Expiration: '2030-01-01T00:00:00Z',
  },
};

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer((request, res) =>
    json(res, 200, request.url.searchParams.get('Action') === 'GetCallerIdentity' ? { RequestId: 'r' } : STS_ANSWER),
  );
});
afterAll(() => server.close());

/** Every name the request carries: query, form body and headers. */
function sentNames(index: number): { params: Map<string, string>; headers: string[] } {
  const request = server.requests[index];
  if (request === undefined) throw new Error('nothing sent');
  const params = new Map(request.url.searchParams);
  for (const [k, v] of new URLSearchParams(request.body.toString('utf8'))) params.set(k, v);
  return { params, headers: Object.keys(request.headers) };
}

describe('generated STS definitions', () => {
  it('carry the metadata security: AssumeRole and GetCallerIdentity signed (AK), AssumeRoleWithOIDC not (ARS_OIDC)', () => {
    expect(assumeRoleOperation.signed).toBeUndefined();
    expect(getCallerIdentityOperation.signed).toBeUndefined();
    expect(assumeRoleWithOIDCOperation.signed).toBe(false);
    for (const d of [assumeRoleOperation, assumeRoleWithOIDCOperation, getCallerIdentityOperation])
      expect(d.version).toBe('2015-04-01');
    expect(assumeRoleOperation.parameters.map((p) => p.wire).sort()).toEqual(
      ['DurationSeconds', 'ExternalId', 'Policy', 'RoleArn', 'RoleSessionName'].sort(),
    );
  });

  it('are internal: no entry of the package exports them, and the exports map has no path to them', () => {
    const exported = [...Object.values(client), ...Object.values(models)];
    for (const d of [assumeRoleOperation, assumeRoleWithOIDCOperation, getCallerIdentityOperation])
      expect(exported).not.toContain(d);
    const names = [...Object.keys(client), ...Object.keys(models)];
    expect(names.filter((n) => /assumeRole|callerIdentity/i.test(n))).toEqual([]);
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    expect(Object.keys(manifest.exports).filter((k) => k.includes('sts') || k.includes('generated'))).toEqual([]);
    // Only the credentials code imports them.
    const importers = readdirSync(new URL('../src', import.meta.url), { recursive: true, encoding: 'utf8' }).filter(
      (file) =>
        file.endsWith('.ts') &&
        !file.includes('generated/sts') &&
        readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8').includes('generated/sts/'),
    );
    expect(importers).toEqual(['node/credentials/sts.ts']);
  });
});

describe('the client sends what the definition says', () => {
  for (const signatureVersion of ['v3', 'rpc'] as const) {
    it(`${signatureVersion}: an unsigned operation goes without any signature, and no credentials are asked for`, async () => {
      let asked = 0;
      const ens = new client.EnsBareClient({
        endpoint: server.url,
        signatureVersion,
        maxRetries: 0,
        credentials: async () => {
          asked++;
          return KEYS;
        },
      });
      const start = server.requests.length;
      const output = await ens.send(assumeRoleWithOIDCOperation, {
        roleArn: 'acs:ram::1:role/app',
        oidcProviderArn: 'acs:ram::1:oidc-provider/ack',
        oidcToken: 'eyJ.the-oidc-token',
        roleSessionName: 'session',
        durationSeconds: 3600,
      });
      expect(asked).toBe(0);
      const { params, headers } = sentNames(start);
      expect(params.get('Action')).toBe('AssumeRoleWithOIDC');
      expect(params.get('Version')).toBe('2015-04-01');
      expect(params.get('OIDCToken')).toBe('eyJ.the-oidc-token');
      expect(params.get('DurationSeconds')).toBe('3600');
      for (const name of [...SIGNATURE_PARAMETERS, 'SecurityToken']) expect(params.has(name), name).toBe(false);
      expect(headers.filter((h) => h === 'authorization' || h.startsWith('x-acs-'))).toEqual([]);
      expect(output.credentials?.accessKeyId).toBe('STS.issued');
      expect(output.assumedRoleUser?.arn).toBe('acs:ram::1:role/app/session');
      await ens.close();
    });

    it(`${signatureVersion}: a signed STS operation (GetCallerIdentity) is signed with the client's credentials`, async () => {
      const ens = new client.EnsBareClient({
        endpoint: server.url,
        signatureVersion,
        maxRetries: 0,
        credentials: KEYS,
      });
      const start = server.requests.length;
      await ens.send(getCallerIdentityOperation, {});
      const { params, headers } = sentNames(start);
      if (signatureVersion === 'rpc') {
        for (const name of SIGNATURE_PARAMETERS) expect(params.has(name), name).toBe(true);
      } else {
        expect(headers).toContain('authorization');
        expect(headers).toContain('x-acs-signature-nonce');
      }
      await ens.close();
    });
  }
});
