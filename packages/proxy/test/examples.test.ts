/**
 * The README's server examples run as written (`examples/*.ts`, shown verbatim in the README), against the emulator:
 * the node:http proxy as its own process, the fetch-standard handler in this one. The browser example runs in
 * Chromium in the end-to-end test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { EnsClient } from '@ensdk/client';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '@ensdk/emulator';
import { EnsValidationError, SecurityGroupRuleNotFoundError } from '@ensdk/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsBrowserBareClient, revokeSecurityGroupEgress } from '../src/index.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const example = (name: string): string => join(PACKAGE, 'examples', name);

let emulator: RunningEmulator;
let client: EnsClient;
let home: string;
/** The environment the README tells a reader to set, pointing at the emulator; a bare HOME so no profile is read. */
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  emulator = await startEmulator();
  client = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY });
  home = mkdtempSync(join(tmpdir(), 'ensdk-examples-'));
  env = {
    PATH: process.env['PATH'],
    HOME: home,
    ENS_ENDPOINT: emulator.url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY.accessKeySecret,
  };
});

afterAll(async () => {
  await client?.close();
  await emulator?.close();
  rmSync(home, { recursive: true, force: true });
});

/** A group with one outbound SSH rule in the emulator. */
async function groupWithSshRule(): Promise<string> {
  const { securityGroupId } = await client.createSecurityGroup({ securityGroupName: 'examples' });
  await client.authorizeSecurityGroupEgress({
    securityGroupId: securityGroupId!,
    ipProtocol: 'tcp',
    portRange: '22/22',
    destCidrIp: '10.0.0.0/8',
  });
  return securityGroupId!;
}

describe('README examples', () => {
  it('are in the README verbatim', () => {
    const readme = readFileSync(join(PACKAGE, 'README.md'), 'utf8');
    for (const name of ['nodeServer.ts', 'routeHandler.ts', 'browser.ts'])
      expect(readme, name).toContain(readFileSync(example(name), 'utf8'));
  });

  it('nodeServer.ts: a node:http proxy process that signs for the browser', async () => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', example('nodeServer.ts')], {
      cwd: PACKAGE,
      env: { ...env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const baseUrl = /(http:\/\/127\.0\.0\.1:\d+\/api\/ens)/.exec(line)?.[1];
      expect(baseUrl, line).toBeDefined();
      const securityGroupId = await groupWithSshRule();
      const rule = { securityGroupId, ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' } as const;
      const signedIn = new EnsBrowserBareClient({ baseUrl: baseUrl!, headers: { 'x-session': 'token' } });

      // The example's authorize hook refuses a call without a session before anything is sent upstream.
      const refused = await fetch(`${baseUrl}/RevokeSecurityGroupEgress`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rule),
      });
      expect(refused.status).toBe(403);
      expect((await revokeSecurityGroupEgress(signedIn, rule)).requestId).toMatch(/^[0-9A-F-]{36}$/);
      await expect(revokeSecurityGroupEgress(signedIn, rule)).rejects.toBeInstanceOf(SecurityGroupRuleNotFoundError);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  it('routeHandler.ts: a fetch-standard POST handler', async () => {
    Object.assign(process.env, {
      ENS_ENDPOINT: env['ENS_ENDPOINT'],
      ALIBABA_CLOUD_ACCESS_KEY_ID: env['ALIBABA_CLOUD_ACCESS_KEY_ID'],
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    });
    try {
      const { POST } = await import('../examples/routeHandler.js');
      const securityGroupId = await groupWithSshRule();
      const call = (input: object): Promise<Response> =>
        POST(
          new Request('http://127.0.0.1/api/ens/RevokeSecurityGroupEgress', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(input),
          }),
        );
      const rule = { securityGroupId, ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' };

      const revoked = await call(rule);
      expect(revoked.status).toBe(200);
      expect(await revoked.json()).toEqual({ requestId: expect.stringMatching(/^[0-9A-F-]{36}$/) });
      const missing = await call(rule);
      expect(missing.status).toBe(400);
      expect(await missing.json()).toMatchObject({
        error: { name: 'SecurityGroupRuleNotFoundError', code: 'SecurityGroupRule.NotFound' },
      });
      const invalid = await call({ ...rule, portRange: '200/1' });
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({
        error: { name: EnsValidationError.errorName, issues: [{ path: 'portRange', rule: 'format:port-range' }] },
      });
    } finally {
      for (const name of ['ENS_ENDPOINT', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'])
        delete process.env[name];
    }
  });
});
