import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The dual-package hazard for real, on the built files. The CommonJS entry require()s the ES module (Node >=20.19),
// so a consumer that both requires and imports gets one copy. Two copies still happen (two versions installed, a
// bundle beside node_modules): the ESM build loaded again under another URL is such a distinct copy.
const dist = new URL('../dist/', import.meta.url);

// turbo runs this package's build before its tests (packages/errors/turbo.json).
describe('instanceof across copies of the built package', () => {
  it('require() and import share one copy', () => {
    // In plain Node (vitest loads modules its own way): the CommonJS entry and the ES module give the same classes.
    const script = [
      `import { createRequire } from 'node:module';`,
      `const esm = await import(${JSON.stringify(new URL('index.js', dist).href)});`,
      `const cjs = createRequire(import.meta.url)(${JSON.stringify(fileURLToPath(new URL('index.cjs', dist)))});`,
      `console.log(JSON.stringify([cjs.EnsError === esm.EnsError, cjs.SecurityGroupRuleNotFoundError === esm.SecurityGroupRuleNotFoundError, Object.keys(cjs).length === Object.keys(esm).length]));`,
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, true, true]);
  });

  it('holds for service, pattern and client-side errors across two copies, and not across siblings', async () => {
    const esm = (await import(new URL('index.js', dist).href)) as typeof import('../src/index.js');
    const copy = (await import(`${new URL('index.js', dist).href}?second-copy`)) as typeof import('../src/index.js');
    expect(copy.EnsError).not.toBe(esm.EnsError);

    const fromCopy = copy.errorFromResponse(400, '{"Code":"SecurityGroupRule.NotFound","RequestId":"R"}');
    expect(fromCopy).toBeInstanceOf(esm.SecurityGroupRuleNotFoundError);
    expect(fromCopy).toBeInstanceOf(esm.EnsServiceError);
    expect(fromCopy).toBeInstanceOf(esm.EnsError);
    expect(fromCopy).not.toBeInstanceOf(esm.InvalidSecurityGroupIdNotFoundError);
    expect(fromCopy).not.toBeInstanceOf(esm.EnsValidationError);

    const pattern = esm.errorFromResponse(400, '{"Code":"InvalidParameter.PortRange"}');
    expect(pattern).toBeInstanceOf(copy.InvalidParameterError);
    expect(pattern).toBeInstanceOf(copy.EnsPatternServiceError);

    const validation = new copy.EnsValidationError([
      { path: 'portRange', rule: 'format:port-range', message: 'start 200 > end 1' },
    ]);
    expect(validation).toBeInstanceOf(esm.EnsValidationError);
    expect(validation).not.toBeInstanceOf(esm.EnsServiceError);
    expect(esm.isEnsError(validation)).toBe(true);
    expect(esm.isEnsError(fromCopy, 'SecurityGroupRule.NotFound')).toBe(true);
  });
});
