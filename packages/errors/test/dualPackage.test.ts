import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The dual-package hazard for real: the built ESM and CJS files of this package loaded side by side
// (as a CJS consumer that both requires and imports gets them) hold two distinct copies of every class.
const dist = new URL('../dist/', import.meta.url);

// turbo runs this package's build before its tests (packages/errors/turbo.json).
describe('instanceof across the ESM and CJS builds', () => {
  it('holds for service, pattern and client-side errors, and not across siblings', async () => {
    const esm = (await import(new URL('index.js', dist).href)) as typeof import('../src/index.js');
    const cjs = createRequire(import.meta.url)(new URL('index.cjs', dist).pathname) as typeof import('../src/index.js');
    expect(cjs.EnsError).not.toBe(esm.EnsError);

    const fromCjs = cjs.errorFromResponse(400, '{"Code":"SecurityGroupRule.NotFound","RequestId":"R"}');
    expect(fromCjs).toBeInstanceOf(esm.SecurityGroupRuleNotFoundError);
    expect(fromCjs).toBeInstanceOf(esm.EnsServiceError);
    expect(fromCjs).toBeInstanceOf(esm.EnsError);
    expect(fromCjs).not.toBeInstanceOf(esm.InvalidSecurityGroupIdNotFoundError);
    expect(fromCjs).not.toBeInstanceOf(esm.EnsValidationError);

    const pattern = esm.errorFromResponse(400, '{"Code":"InvalidParameter.PortRange"}');
    expect(pattern).toBeInstanceOf(cjs.InvalidParameterError);
    expect(pattern).toBeInstanceOf(cjs.EnsPatternServiceError);

    const validation = new cjs.EnsValidationError([
      { path: 'portRange', rule: 'format:port-range', message: 'start 200 > end 1' },
    ]);
    expect(validation).toBeInstanceOf(esm.EnsValidationError);
    expect(validation).not.toBeInstanceOf(esm.EnsServiceError);
    expect(esm.isEnsError(validation)).toBe(true);
    expect(esm.isEnsError(fromCjs, 'SecurityGroupRule.NotFound')).toBe(true);
  });
});
