import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Importing @ensdk/client loads no operation: EnsClient's methods, the standalone functions and the paginators load
// an operation's module (definition, constraints, wire mapping) on its first call. Runs on the built package (turbo
// builds it before this package's tests: packages/client/turbo.json).
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(PACKAGE, 'dist');
/** What only an operation's module holds: its definition (whitespace-tolerant, for a minified build too). */
// Generated definitions are `xOperation = /* @__PURE__ */ defineOperation(compact)` (core/operation.ts fills in wire names).
const definitionOf = (name: string) =>
  new RegExp(`\\b${name}Operation\\s*=\\s*(?:\\/\\* @__PURE__ \\*\\/\\s*)?defineOperation\\(`);

/** Every file the ESM entry loads when imported: its static import graph inside dist/. */
function staticGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(DIST, file), 'utf8');
    for (const match of source.matchAll(/(?:^|[;\n])\s*(?:import|export)\b[^;'"]*?from\s*['"]\.\/([^'"]+)['"]/g))
      visit(match[1]!);
    for (const match of source.matchAll(/(?:^|[;\n])\s*import\s*['"]\.\/([^'"]+)['"]/g)) visit(match[1]!);
  };
  visit(entry);
  return [...seen];
}

const copies: string[] = [];
afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

/**
 * A copy of dist/ (beside it, so @ensdk/errors and undici resolve as for the package) without DescribeInstances'
 * operation module: what needs that file fails, what does not works.
 */
function distWithout(operation: string): { copy: string; removed: string[] } {
  const copy = mkdtempSync(join(PACKAGE, '.lazy-test-'));
  copies.push(copy);
  cpSync(DIST, copy, { recursive: true });
  const removed = readdirSync(copy).filter((f) => f.startsWith(`${operation}.gen-`));
  for (const file of removed) rmSync(join(copy, file));
  expect(removed.length).toBeGreaterThan(0);
  return { copy, removed };
}

/**
 * Imports (ESM) or requires (CJS) the entry of `dist`, calls two operations against a loopback server; with `restore`,
 * then puts the operation modules missing from `dist` back (from dist/) and calls the second operation again.
 */
function run(dist: string, format: 'esm' | 'cjs', restore?: readonly string[]): unknown {
  const load =
    format === 'esm'
      ? `await import(${JSON.stringify(`file://${join(dist, 'index.js')}`)})`
      : `require(${JSON.stringify(join(dist, 'index.cjs'))})`;
  const script = `
    const http = require('node:http');
    const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"RequestId":"R1"}'); }); });
    const settle = (promise) => promise.then((o) => o.requestId, (e) => e.code ?? e.name);
    server.listen(0, '127.0.0.1', async () => {
      const { EnsClient } = ${load};
      const ens = new EnsClient({ endpoint: 'http://127.0.0.1:' + server.address().port, maxRetries: 0,
        credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
      const revoke = await settle(ens.revokeSecurityGroupEgress(
        { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' }));
      const describe = await settle(ens.describeInstances({}));
      const restore = ${JSON.stringify(restore ?? [])};
      for (const file of restore)
        require('node:fs').copyFileSync(${JSON.stringify(DIST)} + '/' + file, ${JSON.stringify(dist)} + '/' + file);
      const again = restore.length === 0 ? undefined : await settle(ens.describeInstances({}));
      console.log(JSON.stringify({ revoke, describe, again }));
      process.exit(0);
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 }));
}

describe('operations are loaded on first use (Node entry)', () => {
  it('the ESM entry statically loads no operation module', () => {
    const files = staticGraph('index.js');
    expect(files.length).toBeGreaterThan(1);
    const source = files.map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
    expect(source).toMatch(/import\(\s*['"]\.\/RevokeSecurityGroupEgress\.gen-[^'"]+\.js['"]\s*\)/);
    expect(source).not.toMatch(definitionOf('revokeSecurityGroupEgress'));
    expect(source).not.toMatch(definitionOf('describeInstances'));
    // The models entry does load them: the checks above would see a definition if the entry pulled one in.
    const models = staticGraph('models.js')
      .map((f) => readFileSync(join(DIST, f), 'utf8'))
      .join('\n');
    expect(models).toMatch(definitionOf('revokeSecurityGroupEgress'));
  });

  it('the ESM entry loads one chunk besides itself (tools/release/src/mergeEntryChunks.mjs)', () => {
    // Each module file costs the ES module loader a resolution, a read, a compile and a link: the chunks tsup splits
    // off for the entry (JSON parser, constraint checker, Paginator, defineOperation) are merged into one.
    const files = staticGraph('index.js');
    expect(files).toHaveLength(2);
    expect(files[1]).toMatch(/^chunk-[A-Z0-9]+\.js$/);
    // The operation modules and the other entries import that same chunk, so they share its one instance.
    const shared = readFileSync(join(DIST, 'models.js'), 'utf8');
    expect(shared).toContain(`'./${files[1]}'`);
    // defineOperation, which every operation module calls, is in that chunk: were it not reached from the entry,
    // tsup would give it a chunk of its own, one file more for every first call to load.
    expect(readFileSync(join(DIST, files[1]!), 'utf8')).toMatch(/\bfunction defineOperation\(/);
    // The operation's module is the one the entry's import() names (a dist/ that turbo restored over an older build
    // can hold an older RevokeSecurityGroupEgress.gen-*.js beside it, which would prove nothing).
    const source = files.map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
    const named = [...source.matchAll(/import\(\s*['"]\.\/(RevokeSecurityGroupEgress\.gen-[A-Z0-9]+\.js)['"]\s*\)/g)];
    expect(new Set(named.map((m) => m[1])).size).toBe(1);
    const operation = named[0]![1]!;
    expect(readdirSync(DIST)).toContain(operation);
    const loaded = staticGraph(operation).filter((f) => !files.includes(f));
    for (const file of loaded)
      expect(readFileSync(join(DIST, file), 'utf8')).not.toMatch(/\bfunction defineOperation\(/);
  });

  it.each(['esm', 'cjs'] as const)('%s: the package works without an operation it does not call', (format) => {
    expect(run(DIST, format)).toEqual({ revoke: 'R1', describe: 'R1' });
    // Without DescribeInstances' module the package still imports and calls RevokeSecurityGroupEgress; only the call
    // that needs the missing file fails, when it is made.
    expect(run(distWithout('DescribeInstances').copy, format)).toEqual({
      revoke: 'R1',
      describe: 'ERR_MODULE_NOT_FOUND',
    });
  });

  it.each(['esm', 'cjs'] as const)('%s: a module that failed to load is loaded by a later call', (format) => {
    // A failed load is not kept: once the file is there (an EMFILE passed, a deploy finished), the next call loads it.
    const { copy, removed } = distWithout('DescribeInstances');
    expect(run(copy, format, removed)).toEqual({ revoke: 'R1', describe: 'ERR_MODULE_NOT_FOUND', again: 'R1' });
  });
});
