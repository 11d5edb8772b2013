import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// `@ensdk/client/page-walk` is loaded lazily by browser code; a bundler keeps it out of the page only if it imports
// nothing (tools/release/src/standaloneEntry.mjs builds it alone); `require` loads that same file (cjsWrappers.mjs). Runs on the built package (turbo builds it before
// this package's tests: packages/client/turbo.json).
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(PACKAGE, 'dist');
const STANDALONE = join(PACKAGE, '..', '..', 'tools', 'release', 'src', 'standaloneEntry.mjs');

/** Import or require statements and calls, in minified output. */
const IMPORTS = [/\brequire\s*\(/, /\bimport\s*\(/, /\bimport\s*["'{*]/, /\bfrom\s*["']/];

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Runs `node` in `cwd`; its stdout, stderr and exit code. */
function node(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// In a separate Node process, as a user's code loads it (the package resolves itself by name): a short page-number
// walk with error classes of its own, through import() and through require().
const LOAD = `
const { createRequire } = await import('node:module');
const require = createRequire(${JSON.stringify(join(PACKAGE, 'package.json'))});
class Aborted extends Error {}
class Looping extends Error {}
class Invalid extends Error { constructor(issues) { super('invalid'); this.issues = issues; } }
const errors = { EnsAbortError: Aborted, EnsPaginationError: Looping, EnsValidationError: Invalid };
const paging = { kind: 'pageNumber', action: 'DescribeThings', pageNumber: 'pageNumber', pageNumberType: 'integer',
  pageSize: 'pageSize', pageSizeType: 'integer', maxPageSize: 2, totalCount: 'totalCount', items: ['things'] };
const request = async (input) => ({ totalCount: 5,
  things: [1, 2, 3, 4, 5].slice((input.pageNumber - 1) * input.pageSize, input.pageNumber * input.pageSize) });
async function walk({ PageWalk }) {
  const items = [];
  for await (const item of new PageWalk(errors, paging, request, {}, {}).items()) items.push(item);
  let invalid;
  try { new PageWalk(errors, paging, request, {}, { pageSize: 3 }); } catch (error) { invalid = error instanceof Invalid; }
  return { items, invalid };
}
const esm = await import('@ensdk/client/page-walk');
const cjs = require('@ensdk/client/page-walk');
console.log(JSON.stringify({
  resolved: [import.meta.resolve('@ensdk/client/page-walk'), require.resolve('@ensdk/client/page-walk')],
  esm: await walk(esm), cjs: await walk(cjs), esmExports: Object.keys(esm), sameClass: esm.PageWalk === cjs.PageWalk,
}));
`;

describe('the built @ensdk/client/page-walk', () => {
  it('dist/page-walk.js imports nothing; dist/page-walk.cjs is the CommonJS wrapper that requires it', () => {
    const code = readFileSync(join(DIST, 'page-walk.js'), 'utf8');
    expect(code).toContain('PageWalk');
    expect(IMPORTS.filter((pattern) => pattern.test(code)).map(String)).toEqual([]);
    const wrapper = readFileSync(join(DIST, 'page-walk.cjs'), 'utf8');
    expect(wrapper).toContain("module.exports = require('./page-walk.js');");
    expect(wrapper.match(/\brequire\('/g)).toHaveLength(1);
  });

  it('import() and require() of @ensdk/client/page-walk give the one working PageWalk', () => {
    const run = node(['--input-type=module', '-e', LOAD], PACKAGE);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(result['resolved']).toEqual([`file://${join(DIST, 'page-walk.js')}`, join(DIST, 'page-walk.cjs')]);
    const walked = { items: [1, 2, 3, 4, 5], invalid: true };
    expect(result['esm']).toEqual(walked);
    expect(result['cjs']).toEqual(walked);
    expect(result['esmExports']).toEqual(['PageWalk']);
    expect(result['sameClass']).toBe(true);
  });

  it('the build refuses an entry that imports a value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensdk-standalone-'));
    temporary.push(dir);
    mkdirSync(join(dir, 'dist'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src', 'walk.ts'),
      "import { EnsPaginationError } from '@ensdk/errors/base';\nexport const Looping = EnsPaginationError;\n",
    );
    const run = node([STANDALONE, 'walk', 'src/walk.ts'], dir);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('dist/walk.js (from src/walk.ts) must import nothing');
    expect(run.stderr).toContain('@ensdk/errors/base');
  });
});
