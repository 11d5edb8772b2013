import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The dual-package hazard for real, on the built files. The CommonJS entry require()s the ES module (Node >=20.19),
// so a consumer that both requires and imports gets one copy. Two copies still happen (two versions installed, a
// bundle beside node_modules): the built files copied to another directory and loaded from there are such a
// distinct copy (a query string on the entry's URL would not do: its chunk, the base classes, would be shared).
const dist = new URL('../dist/', import.meta.url);
const copyDir = mkdtempSync(join(tmpdir(), 'ensdk-errors-copy-'));
cpSync(fileURLToPath(dist), copyDir, { recursive: true });
afterAll(() => rmSync(copyDir, { recursive: true, force: true }));

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

  it("the base entry holds the root's very base classes, by import and by require", () => {
    const names = ['EnsError', 'EnsServiceError', 'EnsPatternServiceError', 'EnsValidationError', 'errorFromJSONWith'];
    const script = [
      `import { createRequire } from 'node:module';`,
      `const root = await import(${JSON.stringify(new URL('index.js', dist).href)});`,
      `const base = await import(${JSON.stringify(new URL('base.js', dist).href)});`,
      `const cjsBase = createRequire(import.meta.url)(${JSON.stringify(fileURLToPath(new URL('base.cjs', dist)))});`,
      `const names = ${JSON.stringify(names)};`,
      `console.log(JSON.stringify([names.every((n) => typeof base[n] === 'function' && base[n] === root[n] && cjsBase[n] === root[n]), Object.keys(base).filter((n) => !(n in root)), 'SecurityGroupRuleNotFoundError' in base]));`,
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, [], false]);
    // The base entry is itself the module the root imports (tools/release/src/mergeEntryChunks.mjs): one file to load.
    expect(readdirSync(fileURLToPath(dist)).filter((f) => f.endsWith('.js'))).toEqual(['base.js', 'index.js']);
  });

  it('holds for service, pattern and client-side errors across two copies, and not across siblings', async () => {
    const esm = (await import(new URL('index.js', dist).href)) as typeof import('../src/index.js');
    const copy = (await import(pathToFileURL(join(copyDir, 'index.js')).href)) as typeof import('../src/index.js');
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
