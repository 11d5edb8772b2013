import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installBuilt, ROOT } from './support/builtProject.js';

// The credential providers' work (the default chain's search, the files, STS, the ECS metadata service, a credentials
// URI, refreshing) is one module of dist/ that the client loads by import() on the first credential resolution; what
// the factories check (their options) stays in the entry, synchronous. Proven on the built packages installed in a
// temporary node_modules, once whole and once with that module's file removed: importing, constructing, fixed keys
// and the factories' checks must work without it. (turbo builds the client before these tests.)
const DIST = join(ROOT, 'packages', 'client', 'dist');

/** The providers' module of dist/ (named by tsup with a hash): the one the built entry's `import()` names. */
function providersFile(): string {
  const entry = readFileSync(join(DIST, 'index.js'), 'utf8');
  const named = [...entry.matchAll(/import\(\s*['"]\.\/(providersLoaded-[A-Z0-9]+\.js)['"]\s*\)/g)].map((m) => m[1]!);
  expect(new Set(named).size).toBe(1);
  expect(readdirSync(DIST)).toContain(named[0]);
  return named[0]!;
}

/** A project with @ensdk/client and @ensdk/errors as built, undici linked; `withoutProviders` drops their module. */
function install(withoutProviders: boolean): string {
  const dir = installBuilt('ensdk-lazy-credentials-');
  if (withoutProviders) rmSync(providersIn(dir));
  return dir;
}

/** Where the providers' module is in the project `dir` made by {@link install}. */
function providersIn(dir: string): string {
  return join(dir, 'node_modules', '@ensdk', 'client', 'dist', providersFile());
}

/**
 * In `dir`: a loopback server that answers ENS calls (recording the security token each carries) and serves
 * temporary keys at /credentials; a call with fixed keys, a factory's refused option, and a call whose keys come from
 * fromCredentialsUri and then from the default chain (keys in its environment).
 */
function run(dir: string, format: 'esm' | 'cjs', restore?: { from: string; to: string }): unknown {
  const load = format === 'esm' ? `await import('@ensdk/client')` : `require('@ensdk/client')`;
  const script = `
    const http = require('node:http');
    const tokens = [];
    const server = http.createServer((req, res) => { req.resume(); req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/credentials') return res.end(JSON.stringify({ Code: 'Success', AccessKeyId: 'STS.id',
        AccessKeySecret: 'sts-secret', SecurityToken: 'sts-token', Expiration: new Date(Date.now() + 3600e3).toISOString() }));
      tokens.push(req.headers['x-acs-security-token'] ?? null);
      res.end('{"RequestId":"R' + tokens.length + '"}'); }); });
    const settle = (promise) => promise.then((o) => o.requestId, (e) => [e.name, e.message]);
    server.listen(0, '127.0.0.1', async () => {
      const { EnsClient, fromCredentialsUri, defaultCredentialsChain } = ${load};
      const endpoint = 'http://127.0.0.1:' + server.address().port;
      const input = { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };
      const call = (credentials) => settle(new EnsClient({ endpoint, maxRetries: 0, credentials }).revokeSecurityGroupEgress(input));
      const fixed = await call({ accessKeyId: 'a', accessKeySecret: 'b' });
      let refused;
      try { fromCredentialsUri({ uri: 'ftp://127.0.0.1/credentials' }); } catch (e) { refused = [e.name, e.message]; }
      const uriProvider = fromCredentialsUri({ uri: endpoint + '/credentials' });
      const uri = await call(uriProvider);
      const chainProvider = defaultCredentialsChain({ homeDir: '/nonexistent', env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' } });
      const chain = await call(chainProvider);
      const restore = ${JSON.stringify(restore ?? null)};
      if (restore === null) return console.log(JSON.stringify({ fixed, refused, uri, chain, tokens })), process.exit(0);
      require('node:fs').copyFileSync(restore.from, restore.to);
      const again = [await call(uriProvider), await call(chainProvider)];
      console.log(JSON.stringify({ fixed, refused, uri, chain, again, tokens }));
      process.exit(0);
    });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', timeout: 30_000 }));
}

const REFUSED = ['EnsCredentialsError', 'Invalid credentials provider option: uri must use http or https'];

describe('the credential providers are loaded on the first credential resolution (Node entry)', () => {
  it.each(['esm', 'cjs'] as const)('%s', (format) => {
    expect(run(install(false), format)).toEqual({
      fixed: 'R1',
      refused: REFUSED,
      uri: 'R2',
      chain: 'R3',
      tokens: [null, 'sts-token', null],
    });
    // Without the providers' module: importing, constructing, fixed keys and the factory's check of its options all
    // work; a provider's first resolution fails, saying the installation is broken, and nothing is sent.
    const broken = [
      'EnsCredentialsError',
      expect.stringMatching(/could not load its credential providers.*ERR_MODULE_NOT_FOUND/s),
    ];
    expect(run(install(true), format)).toEqual({
      fixed: 'R1',
      refused: REFUSED,
      uri: broken,
      chain: broken,
      tokens: [null],
    });
  });

  it.each(['esm', 'cjs'] as const)(
    '%s: a failed load of the providers is tried again by the next resolution',
    (format) => {
      // The same providers, once their module is back (an EMFILE passed, a deploy finished), resolve and sign.
      const dir = install(true);
      expect(run(dir, format, { from: join(DIST, providersFile()), to: providersIn(dir) })).toMatchObject({
        fixed: 'R1',
        uri: ['EnsCredentialsError', expect.stringMatching(/could not load its credential providers/)],
        again: ['R2', 'R3'],
        tokens: [null, 'sts-token', null],
      });
    },
  );
});
