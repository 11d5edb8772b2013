import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installBuilt, ROOT } from './support/builtProject.js';

// The Node entry imports only `@ensdk/errors/base` when it loads; the root `@ensdk/errors` (214 service classes and
// the code → class table behind errorFromResponse) is loaded by import() on the first error answer. Proven on the
// built packages installed side by side in a temporary node_modules, once whole and once with the errors package's
// root entry file removed: everything but the error answer must still work. (turbo builds both before these tests.)

/** A project with @ensdk/client and @ensdk/errors as built, undici linked; `withoutErrorsRoot` drops dist/index.js. */
function install(withoutErrorsRoot: boolean): string {
  const dir = installBuilt('ensdk-lazy-errors-');
  if (withoutErrorsRoot) rmSync(join(dir, 'node_modules', '@ensdk', 'errors', 'dist', 'index.js'));
  return dir;
}

/**
 * In `dir`: imports the client, makes a call answered 200 and one answered 400 SecurityGroupRule.NotFound; with
 * `restore`, then copies that file back and makes one more call answered 400.
 */
function run(dir: string, format: 'esm' | 'cjs', restore?: { from: string; to: string }): unknown {
  const load = format === 'esm' ? `await import('@ensdk/client')` : `require('@ensdk/client')`;
  const script = `
    const http = require('node:http');
    let n = 0;
    const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
      const ok = n++ === 0;
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
      res.end(ok ? '{"RequestId":"R1"}' : '{"Code":"SecurityGroupRule.NotFound","RequestId":"R2"}'); }); });
    const settle = (promise) => promise.then((o) => o.requestId, (e) => [e.code ?? e.message, e.name, e.requestId, e.retryable]);
    server.listen(0, '127.0.0.1', async () => {
      const { EnsClient } = ${load};
      const ens = new EnsClient({ endpoint: 'http://127.0.0.1:' + server.address().port, maxRetries: 0,
        credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
      const input = { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };
      const ok = await settle(ens.revokeSecurityGroupEgress(input));
      const failed = await settle(ens.revokeSecurityGroupEgress(input));
      const restore = ${JSON.stringify(restore ?? null)};
      if (restore !== null) require('node:fs').copyFileSync(restore.from, restore.to);
      const again = restore === null ? undefined : await settle(ens.revokeSecurityGroupEgress(input));
      console.log(JSON.stringify({ ok, failed, again }));
      process.exit(0);
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 }));
}

describe('the service error classes are loaded on the first error answer (Node entry)', () => {
  it.each(['esm', 'cjs'] as const)('%s', (format) => {
    expect(run(install(false), format)).toEqual({
      ok: 'R1',
      failed: ['SecurityGroupRule.NotFound', 'SecurityGroupRuleNotFoundError', 'R2', false],
    });
    // Without the errors package's root entry, importing, constructing and a successful call still work; only the
    // error answer needs it, and its import() fails then: a broken installation, an EnsError that is not retried.
    expect(run(install(true), format)).toEqual({
      ok: 'R1',
      failed: [expect.stringMatching(/could not load @ensdk\/errors.*ERR_MODULE_NOT_FOUND/s), 'EnsError', null, false],
    });
  });

  it.each(['esm', 'cjs'] as const)('%s: a failed load is tried again by the next error answer', (format) => {
    // Once the file is back (an EMFILE passed, a deploy finished), the next error answer gets its own class.
    const dir = install(true);
    const entry = join('node_modules', '@ensdk', 'errors', 'dist', 'index.js');
    expect(
      run(dir, format, { from: join(ROOT, 'packages', 'errors', 'dist', 'index.js'), to: join(dir, entry) }),
    ).toEqual({
      ok: 'R1',
      failed: [expect.stringMatching(/could not load @ensdk\/errors/), 'EnsError', null, false],
      again: ['SecurityGroupRule.NotFound', 'SecurityGroupRuleNotFoundError', 'R2', false],
    });
  });
});
