import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Serverless deployments (Function Compute, Lambda) bundle the Node client into one file and ship it without
// node_modules. What the client loads on first use (an operation's module, undici's Agent, @ensdk/errors' root on the
// first error answer, the credential providers on the first resolution) must then be in the bundle: loaded by `import()`
// of a literal, which bundlers follow, never by a `require` they cannot see. This bundles the built package (dist/, as
// users install it) with esbuild for Node, runs the bundle from an empty folder, and makes a call that succeeds, one
// refused by validation, one the service answers with an error, and one with keys from a credentials URI.
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');

const APP = `
import { EnsClient, fromCredentialsUri } from '@ensdk/client';
import { EnsValidationError, SecurityGroupRuleNotFoundError } from '@ensdk/errors';
const ens = new EnsClient({ endpoint: process.env.ENS_ENDPOINT, maxRetries: 0,
  credentials: { accessKeyId: 'test-key-id', accessKeySecret: 'test-key-secret' } });
const input = { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };
const settle = (promise) => promise.then(
  (output) => ({ requestId: output.requestId }),
  (error) => ({ name: error.name, code: error.code, validation: error instanceof EnsValidationError,
    notFound: error instanceof SecurityGroupRuleNotFoundError }));
const ok = await settle(ens.revokeSecurityGroupEgress(input));
const invalid = await settle(ens.revokeSecurityGroupEgress({ ...input, ipProtocol: 'carrier-pigeon' }));
const notFound = await settle(ens.revokeSecurityGroupEgress({ ...input, securityGroupId: 'sg-missing' }));
const viaUri = new EnsClient({ endpoint: process.env.ENS_ENDPOINT, maxRetries: 0,
  credentials: fromCredentialsUri({ uri: process.env.ENS_ENDPOINT + '/credentials' }) });
const temporary = await settle(viaUri.revokeSecurityGroupEgress(input));
console.log(JSON.stringify({ ok, invalid, notFound, temporary }));
`;

let dir: string;
let server: Server;
let requests = 0;
const securityTokens: unknown[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ensdk-node-bundle-'));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/credentials') {
      const expiration = new Date(Date.now() + 3_600_000).toISOString();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          Code: 'Success',
          AccessKeyId: 'STS.id',
          AccessKeySecret: 's',
          SecurityToken: 'sts-token',
          Expiration: expiration,
        }),
      );
      return;
    }
    requests += 1;
    securityTokens.push(req.headers['x-acs-security-token'] ?? null);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const sent = `${url.search} ${Buffer.concat(chunks).toString('utf8')}`;
      const missing = sent.includes('sg-missing');
      res.writeHead(missing ? 400 : 200, { 'content-type': 'application/json' });
      res.end(
        missing
          ? JSON.stringify({ RequestId: 'R2', Code: 'SecurityGroupRule.NotFound', Message: 'no such rule' })
          : JSON.stringify({ RequestId: 'R1' }),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  server.close();
});

describe('the Node client bundled into one file (serverless deployments)', () => {
  it('runs from a folder without node_modules: a call, a validation error, a typed service error, temporary keys', async () => {
    const entry = join(PACKAGE, '.node-bundle-app.mjs');
    writeFileSync(entry, APP);
    const outfile = join(dir, 'app.mjs');
    try {
      await build({
        entryPoints: [entry],
        absWorkingDir: PACKAGE,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile,
        logLevel: 'silent',
        // undici and the bundle's own CommonJS parts call require() for Node built-ins; an ES module bundle needs one.
        banner: {
          js: "import { createRequire as __ensdkRequire } from 'node:module'; const require = __ensdkRequire(import.meta.url);",
        },
      });
    } finally {
      rmSync(entry, { force: true });
    }
    // Everything is in the file: no import or require of a package is left for node_modules to answer.
    const code = readFileSync(outfile, 'utf8');
    const packageLoads = [...code.matchAll(/\b(?:import\(|require\()\s*["']([^"'.][^"']*)["']/g)]
      .map((m) => m[1]!)
      .filter((specifier) => !specifier.startsWith('node:') && !/^[a-z_]+$/.test(specifier));
    expect(packageLoads).toEqual([]);

    const port = (server.address() as AddressInfo).port;
    const { stdout } = await promisify(execFile)(process.execPath, [outfile], {
      cwd: dir,
      env: { ...process.env, ENS_ENDPOINT: `http://127.0.0.1:${port}`, NODE_PATH: '' },
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      ok: { requestId: 'R1' },
      invalid: { name: 'EnsValidationError', code: undefined, validation: true, notFound: false },
      notFound: {
        name: 'SecurityGroupRuleNotFoundError',
        code: 'SecurityGroupRule.NotFound',
        validation: false,
        notFound: true,
      },
      temporary: { requestId: 'R1' },
    });
    // The refused input was never sent; the last call carried the token the credentials URI gave.
    expect(requests).toBe(3);
    expect(securityTokens).toEqual([null, null, 'sts-token']);
  });
});
