import { execFileSync } from 'node:child_process';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installBuilt, ROOT } from './support/builtProject.js';

// undici's Agent is loaded on a client's first request (bareClient.ts, createDefaultAgent). A load that fails fails
// that call with an EnsError saying the installation looks incomplete, and is forgotten: once undici is there again
// (an EMFILE passed, a deploy finished), the same client's next call loads it and is sent. Proven on the built
// packages installed in a temporary node_modules, undici unlinked for the first call and linked back before the second.
function run(dir: string, format: 'esm' | 'cjs'): unknown {
  const load = format === 'esm' ? `await import('@ensdk/client')` : `require('@ensdk/client')`;
  const undici = join(dir, 'node_modules', 'undici');
  const script = `
    const http = require('node:http');
    const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"RequestId":"R1"}'); }); });
    const settle = (promise) => promise.then((o) => o.requestId, (e) => [e.name, e.message]);
    server.listen(0, '127.0.0.1', async () => {
      const { EnsClient } = ${load};
      const ens = new EnsClient({ endpoint: 'http://127.0.0.1:' + server.address().port, maxRetries: 0,
        credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
      const input = { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };
      const failed = await settle(ens.revokeSecurityGroupEgress(input));
      require('node:fs').symlinkSync(${JSON.stringify(join(ROOT, 'node_modules', 'undici'))}, ${JSON.stringify(undici)}, 'dir');
      const again = await settle(ens.revokeSecurityGroupEgress(input));
      await ens.close();
      console.log(JSON.stringify({ failed, again }));
      process.exit(0);
    });`;
  unlinkSync(undici);
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 }));
}

describe("undici's Agent, loaded on the first request (Node entry)", () => {
  it.each(['esm', 'cjs'] as const)('%s: a failed load is tried again by the next request', (format) => {
    expect(run(installBuilt('ensdk-lazy-agent-'), format)).toEqual({
      failed: ['EnsError', expect.stringMatching(/could not load undici.*ERR_MODULE_NOT_FOUND/s)],
      again: 'R1',
    });
  });
});
