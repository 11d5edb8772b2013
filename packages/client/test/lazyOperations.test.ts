import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Importing @ensdk/client loads no operation: EnsClient's methods, the standalone functions and the paginators load
// an operation's module (definition, constraints, wire mapping) on its first call. Runs on the built package (turbo
// builds it before this package's tests: packages/client/turbo.json).
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
/** What only an operation's module holds: its definition. */
const definitionOf = (name: string) => new RegExp(`\\b${name}Operation = \\{`);

/** Every file the ESM entry loads when imported: its static import graph inside dist/. */
function staticGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(join(DIST, file), 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s[^;]*?from\s*['"]\.\/([^'"]+)['"]/gm)) visit(match[1]!);
    for (const match of source.matchAll(/^import\s*['"]\.\/([^'"]+)['"]/gm)) visit(match[1]!);
  };
  visit(entry);
  return [...seen];
}

describe('operations are loaded on first use (Node entry)', () => {
  it('the ESM entry statically loads no operation module', () => {
    const files = staticGraph('index.js');
    expect(files.length).toBeGreaterThan(0);
    const source = files.map((f) => readFileSync(join(DIST, f), 'utf8')).join('\n');
    expect(source).toMatch(/import\(['"]\.\/RevokeSecurityGroupEgress\.gen-[^'"]+\.js['"]\)/);
    expect(source).not.toMatch(definitionOf('revokeSecurityGroupEgress'));
    expect(source).not.toMatch(definitionOf('describeInstances'));
    expect(source).not.toMatch(/InputConstraints = \{/);
    // The models entry does load them: the check above would see a definition if the entry pulled one in.
    const models = staticGraph('models.js')
      .map((f) => readFileSync(join(DIST, f), 'utf8'))
      .join('\n');
    expect(models).toMatch(definitionOf('revokeSecurityGroupEgress'));
  });

  it('the CommonJS entry loads an operation on its first call, once, and no other', () => {
    const script = `
      const http = require('node:http');
      const fs = require('node:fs');
      // The ENS operations whose definition is in a loaded file of dist/ (STS's AssumeRole definitions are part of
      // the credentials runtime).
      const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(DIST)}))
        .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/\\b(\\w+)Operation = \\{/g)].map((m) => m[1]))
        .filter((name) => !name.startsWith('assumeRole'));
      const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"RequestId":"R1"}'); }); });
      server.listen(0, '127.0.0.1', async () => {
        const { EnsClient } = require(${JSON.stringify(join(DIST, 'index.cjs'))});
        const ens = new EnsClient({ endpoint: 'http://127.0.0.1:' + server.address().port, maxRetries: 0,
          credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
        const atImport = loaded();
        const input = { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };
        const first = await ens.revokeSecurityGroupEgress(input);
        const second = await ens.revokeSecurityGroupEgress(input);
        console.log(JSON.stringify({ atImport, afterCalls: loaded(), ids: [first.requestId, second.requestId] }));
        await ens.close?.(); server.close(); process.exit(0);
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 }));
    expect(out).toEqual({ atImport: [], afterCalls: ['revokeSecurityGroupEgress'], ids: ['R1', 'R1'] });
  });
});
