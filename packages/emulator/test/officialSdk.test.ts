import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsClient } from '@ensdk/client';
import { isEnsError } from '@ensdk/errors';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../src/index.js';

// Proof that the emulator speaks Alibaba's protocol and not just ours: Alibaba's own TypeScript core drives it,
// with its default ACS3-HMAC-SHA256 signature and with the RPC signature (signatureAlgorithm 'v2').
// Both are CommonJS packages: load them as such, exactly as a Node user of Alibaba's SDK does.
const require = createRequire(import.meta.url);
const openapi = require('@alicloud/openapi-core') as OpenApiModule;
const dara = require('@darabonba/typescript') as { RuntimeOptions: new (init: object) => object };

interface OpenApiModule {
  default: new (
    config: object,
  ) => {
    callApi(
      params: object,
      request: object,
      runtime: object,
    ): Promise<{ statusCode: number; body: Record<string, unknown> }>;
  };
  $OpenApiUtil: {
    Config: new (init: object) => object;
    OpenApiRequest: new (init: object) => object;
    Params: new (init: object) => object;
  };
}

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

function officialClient(signatureAlgorithm: 'v3' | 'v2', secret = DEMO_ACCESS_KEY.accessKeySecret) {
  const { Config, OpenApiRequest, Params } = openapi.$OpenApiUtil;
  const endpoint = new URL(emulator.url).host;
  const client = new openapi.default(
    new Config({
      accessKeyId: DEMO_ACCESS_KEY.accessKeyId,
      accessKeySecret: secret,
      endpoint,
      protocol: 'HTTP',
      ...(signatureAlgorithm === 'v2' ? { signatureAlgorithm: 'v2' } : {}),
    }),
  );
  /** Calls an action the way a generated Alibaba SDK does; answers the body, or the service error's code. */
  return async (
    action: string,
    query: Record<string, string>,
  ): Promise<{ body?: Record<string, unknown>; code?: string }> => {
    const params = new Params({
      action,
      version: '2017-11-10',
      protocol: 'HTTP',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      bodyType: 'json',
      reqBodyType: 'formData',
    });
    try {
      const response = await client.callApi(params, new OpenApiRequest({ query }), new dara.RuntimeOptions({}));
      return { body: response.body };
    } catch (error) {
      return { code: String((error as { code?: unknown }).code) };
    }
  };
}

/** The same story through @ensdk/client, answering codes the same way. */
function ensdkClient(signatureVersion: 'v3' | 'rpc', secret = DEMO_ACCESS_KEY.accessKeySecret) {
  const ens = new EnsClient({
    endpoint: emulator.url,
    signatureVersion,
    maxRetries: 0,
    credentials: { ...DEMO_ACCESS_KEY, accessKeySecret: secret },
  });
  return {
    ens,
    code: (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => (isEnsError(error) && 'code' in error ? String(error.code) : String(error)),
      ),
  };
}

describe.each([
  ['v3', 'v3'],
  ['v2', 'rpc'],
] as const)(
  'Alibaba’s @alicloud/openapi-core (%s signature) and @ensdk/client (%s) get the same answers',
  (official, ours) => {
    it('the security-group story: results and error codes', async () => {
      const call = officialClient(official);
      const { ens, code } = ensdkClient(ours);
      const created = await call('CreateSecurityGroup', { SecurityGroupName: 'interop' });
      const id = String(created.body?.['SecurityGroupId']);
      expect(id).toMatch(/^sg-/);
      const rule = { SecurityGroupId: id, IpProtocol: 'tcp', PortRange: '22/22', DestCidrIp: '10.0.0.0/8' };
      const ruleCamel = {
        securityGroupId: id,
        ipProtocol: 'tcp',
        portRange: '22/22',
        destCidrIp: '10.0.0.0/8',
      } as const;

      expect((await call('AuthorizeSecurityGroupEgress', rule)).body?.['RequestId']).toBeDefined();
      // the same rule again, from each client: the same code
      expect((await call('AuthorizeSecurityGroupEgress', rule)).code).toBe('SecurityGroupRuleConflict.Duplicated');
      expect(await code(ens.authorizeSecurityGroupEgress(ruleCamel))).toBe('SecurityGroupRuleConflict.Duplicated');

      const described = (await call('DescribeSecurityGroupAttribute', { SecurityGroupId: id })).body as {
        Permissions: { Permission: unknown[] };
      };
      const ourDescribed = await ens.describeSecurityGroupAttribute({ securityGroupId: id });
      expect(described.Permissions.Permission).toHaveLength(1);
      expect(ourDescribed.permissions?.permission).toHaveLength(1);

      expect((await call('RevokeSecurityGroupEgress', rule)).body?.['RequestId']).toBeDefined();
      expect((await call('RevokeSecurityGroupEgress', rule)).code).toBe('SecurityGroupRule.NotFound');
      expect(await code(ens.revokeSecurityGroupEgress(ruleCamel))).toBe('SecurityGroupRule.NotFound');

      // an unknown group: the same code from both
      expect((await call('DescribeSecurityGroupAttribute', { SecurityGroupId: 'sg-nope' })).code).toBe(
        'InvalidSecurityGroupId.NotFound',
      );
      expect(await code(ens.describeSecurityGroupAttribute({ securityGroupId: 'sg-nope' }))).toBe(
        'InvalidSecurityGroupId.NotFound',
      );

      // Alibaba's core validates nothing, so the emulator answers; ensdk refuses before sending
      expect((await call('RevokeSecurityGroupEgress', { ...rule, PortRange: '200/1' })).code).toBe(
        'InvalidParameter.PortRange',
      );
      expect(await code(ens.revokeSecurityGroupEgress({ ...ruleCamel, portRange: '200/1' }))).toContain(
        'EnsValidationError',
      );
      await ens.close();
    });

    it('a tampered signature from either client is refused', async () => {
      expect((await officialClient(official, 'tampered-secret')('DescribeEnsRegions', {})).code).toBe(
        'SignatureDoesNotMatch',
      );
      const { ens, code } = ensdkClient(ours, 'tampered-secret');
      expect(await code(ens.describeEnsRegions({}))).toBe('SignatureDoesNotMatch');
      await ens.close();
    });
  },
);
