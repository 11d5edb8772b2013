import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// A browser bundle that validates one operation must not carry the other 230 schemas nor ~200 error classes.
// Runs on the built package (turbo builds it before this package's tests: packages/client/turbo.json).
describe('tree-shaking of the built @ensdk/client/models', () => {
  it('a one-operation bundle keeps only that operation', async () => {
    const result = await build({
      stdin: {
        contents: `import { revokeSecurityGroupEgressOperation, validateInput } from '@ensdk/client/models';
          validateInput('RevokeSecurityGroupEgress', revokeSecurityGroupEgressOperation.input(), globalThis.input);`,
        resolveDir: new URL('.', import.meta.url).pathname,
      },
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('tcp-udp-port-range');
    expect(code).not.toContain('dataDisk1Size'); // RunInstances
    expect(code).not.toContain('securityGroupName'); // CreateSecurityGroup
    expect(code).not.toContain('StockNotEnough'); // an error class nobody asked for
    expect(code).not.toMatch(/from\s*["']node:/);
  });

  it('a Node script calling one operation over the bare client carries only that operation', async () => {
    const result = await build({
      stdin: {
        contents: `import { EnsBareClient, revokeSecurityGroupEgress } from '@ensdk/client';
          const client = new EnsBareClient({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
          await revokeSecurityGroupEgress(client, { securityGroupId: 'sg', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' });`,
        resolveDir: new URL('.', import.meta.url).pathname,
      },
      bundle: true,
      minify: true,
      platform: 'node',
      format: 'esm',
      external: ['undici'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('RevokeSecurityGroupEgress');
    expect(code).not.toContain('dataDisk1Size');
    expect(code).not.toContain('DescribeInstances');
    expect(code).not.toContain('revokeSecurityGroup('); // the EnsClient class with its 231 methods stayed out
  });
});
