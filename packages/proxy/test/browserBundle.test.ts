import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from './support/bundle.js';

const resolveDir = new URL('.', import.meta.url).pathname;

const bundle = (contents: string): Promise<string> => bundleForBrowser({ contents, resolveDir });

// The browser entry must carry no Node built-in, no signer and no credentials code. esbuild refuses `node:`
// imports for the browser platform, and the output is searched for what signing or credentials would leave.
describe('the browser entry of @ensdk/proxy', () => {
  it.each([
    [
      'the full client',
      `import { createEnsBrowserClient } from '../src/index.js'; export const c = createEnsBrowserClient({ baseUrl: '/api/ens' });`,
    ],
    [
      'one operation',
      `import { EnsBrowserBareClient, revokeSecurityGroupEgress } from '../src/index.js';
       export const run = (input) => revokeSecurityGroupEgress(new EnsBrowserBareClient({ baseUrl: '/api/ens' }), input);`,
    ],
  ])('%s bundles for browsers without Node built-ins, signing or credentials', async (_label, contents) => {
    const code = await bundle(contents);
    expect(code).not.toMatch(/\bnode:/);
    for (const forbidden of [
      'signRequestV3',
      'signRequestRpc',
      'ACS3-HMAC-SHA256',
      'HMAC-SHA1',
      'createHmac',
      'accessKeySecret',
      'ALIBABA_CLOUD_ACCESS_KEY',
      'undici',
      '.aliyun',
    ]) {
      expect(code, forbidden).not.toContain(forbidden);
    }
    expect(code).toContain('RevokeSecurityGroupEgress');
    // Validation in the browser is the zod-free constraint checker: zod's classes ($ZodType, ...) stay out.
    expect(code).not.toMatch(/\$Zod/);
  });

  it('one operation does not carry the other operations', async () => {
    const code = await bundle(`import { EnsBrowserBareClient, revokeSecurityGroupEgress } from '../src/index.js';
      export const run = (input) => revokeSecurityGroupEgress(new EnsBrowserBareClient({ baseUrl: '/api/ens' }), input);`);
    expect(code).not.toContain('DescribeInstances');
    expect(code).not.toContain('dataDisk1Size');
    expect(code).not.toContain('StockNotEnough');
  });

  it('the class client carries no service error class: it rebuilds them by name', async () => {
    const code = await bundle(`import { createEnsBrowserClient } from '../src/index.js';
      export const c = createEnsBrowserClient({ baseUrl: '/api/ens' });`);
    expect(code).toContain('RevokeSecurityGroupEgress');
    expect(code).not.toContain('SecurityGroupRule.NotFound');
    expect(code).not.toContain('SecurityGroupRuleNotFoundError');
    expect(code).not.toContain('StockNotEnough');
  });
});
