import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  defaultCredentialsChain,
  EnsClient,
  fromEcsRamRole,
  fromOidcRoleArn,
  fromRamRoleArn,
  type EnsClientOptions,
  type EnsCredentials,
} from '@ensdk/client';
import { EnsCredentialsError, EnsServiceError } from '@ensdk/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCESS_KEY, type RunningEmulator, startEmulator } from '../src/index.js';

const ROLE = 'acs:ram::1234567890123456:role/ens-operator';
const OIDC_PROVIDER = 'acs:ram::1234567890123456:oidc-provider/ack-rrsa';
const OIDC_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.emulator-oidc-token.sig';

let emulator: RunningEmulator;
let tokenFile: string;
beforeAll(async () => {
  emulator = await startEmulator({
    sts: { roles: [ROLE], oidcTokens: { [OIDC_PROVIDER]: OIDC_TOKEN } },
    metadataService: { roleName: 'ens-instance-role', imdsV2: 'required' },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk-emulator-oidc-'));
  tokenFile = path.join(dir, 'token');
  fs.writeFileSync(tokenFile, OIDC_TOKEN);
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(path.dirname(tokenFile), { recursive: true, force: true });
});

/** One ENS call with `credentials`, recording the security token each attempt carried. */
async function callEns(options: EnsClientOptions) {
  const sent: (string | undefined)[] = [];
  const ens = new EnsClient({
    endpoint: emulator.url,
    maxRetries: 0,
    ...options,
    hooks: { onRequest: (event) => sent.push(event.headers['x-acs-security-token']) },
  });
  try {
    const { securityGroupId } = await ens.createSecurityGroup({ securityGroupName: 'role-made' });
    return { securityGroupId, sent };
  } finally {
    await ens.close();
  }
}

describe('the emulator as STS and metadata service, end to end with the client', () => {
  it('fromRamRoleArn: AssumeRole signed with the demo key, then an ENS call with the temporary credentials', async () => {
    const credentials = fromRamRoleArn({ credentials: DEMO_ACCESS_KEY, roleArn: ROLE, stsEndpoint: emulator.url });
    const { securityGroupId, sent } = await callEns({ credentials });
    expect(securityGroupId).toMatch(/^sg-/);
    // The client sent the token (redacted in hooks); the emulator refuses the key without it (below).
    expect(sent).toEqual(['[redacted]']);
  });

  it('the emulator checks the security token: the issued key without it, or with another, is refused', async () => {
    const issued = await fromRamRoleArn({ credentials: DEMO_ACCESS_KEY, roleArn: ROLE, stsEndpoint: emulator.url })();
    const attempts: Partial<EnsCredentials>[] = [{}, { securityToken: 'CAISnot-the-token' }];
    for (const change of attempts) {
      const error = await callEns({
        credentials: { accessKeyId: issued.accessKeyId, accessKeySecret: issued.accessKeySecret, ...change },
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(EnsServiceError);
      expect((error as EnsServiceError).code).toBe('InvalidSecurityToken.Mismatch');
    }
    // RPC signing carries the token as the SecurityToken parameter; the emulator checks it there too.
    const rpc = await callEns({ credentials: issued, signatureVersion: 'rpc' });
    expect(rpc.securityGroupId).toMatch(/^sg-/);
  });

  it('chained roles: the second AssumeRole is signed with the first role credentials', async () => {
    const first = fromRamRoleArn({ credentials: DEMO_ACCESS_KEY, roleArn: ROLE, stsEndpoint: emulator.url });
    const second = fromRamRoleArn({ credentials: first, roleArn: ROLE, stsEndpoint: emulator.url });
    const a = await first();
    const b = await second();
    expect(b.accessKeyId).not.toBe(a.accessKeyId);
    expect((await callEns({ credentials: second })).securityGroupId).toMatch(/^sg-/);
  });

  it('fromOidcRoleArn: AssumeRoleWithOIDC, unsigned, with the token file', async () => {
    const credentials = fromOidcRoleArn({
      roleArn: ROLE,
      oidcProviderArn: OIDC_PROVIDER,
      oidcTokenFile: tokenFile,
      stsEndpoint: emulator.url,
    });
    expect((await callEns({ credentials })).securityGroupId).toMatch(/^sg-/);
  });

  it('STS errors arrive with their code and request id', async () => {
    const wrongRole = fromRamRoleArn({
      credentials: DEMO_ACCESS_KEY,
      roleArn: 'acs:ram::1234567890123456:role/nobody',
      stsEndpoint: emulator.url,
    });
    const error = await wrongRole().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EnsCredentialsError);
    expect((error as Error).message).toMatch(/HTTP 404 EntityNotExist\.Role \(request id [0-9A-F-]{36}\)/);
    const badToken = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk-emulator-oidc-'));
    fs.writeFileSync(path.join(badToken, 't'), 'eyJ.wrong-token');
    const oidc = fromOidcRoleArn({
      roleArn: ROLE,
      oidcProviderArn: OIDC_PROVIDER,
      oidcTokenFile: path.join(badToken, 't'),
      stsEndpoint: emulator.url,
    });
    expect(((await oidc().catch((caught: unknown) => caught)) as Error).message).toMatch(
      /AuthenticationFail\.OIDCToken\.Invalid/,
    );
    fs.rmSync(badToken, { recursive: true, force: true });
  });

  it('fromEcsRamRole: IMDSv2 token, role name, credentials, then an ENS call', async () => {
    const credentials = fromEcsRamRole({ metadataEndpoint: emulator.url, timeoutMs: 10_000 });
    expect((await callEns({ credentials })).securityGroupId).toMatch(/^sg-/);
  });

  it('the default chain runs end to end on loopback: OIDC variables, the emulator as STS', async () => {
    const credentials = defaultCredentialsChain({
      env: {
        ALIBABA_CLOUD_ROLE_ARN: ROLE,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_PROVIDER,
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
      },
      homeDir: path.dirname(tokenFile),
      stsEndpoint: emulator.url,
      metadataEndpoint: emulator.url,
    });
    expect((await callEns({ credentials })).securityGroupId).toMatch(/^sg-/);
  });

  it('the CLI takes --sts-role, --oidc-token and --metadata-role', async () => {
    const cli = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, '../src/cli.ts'),
        '--port',
        '0',
        '--sts-role',
        ROLE,
        '--oidc-token',
        `${OIDC_PROVIDER}=${OIDC_TOKEN}`,
        '--metadata-role',
        'cli-role',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        cli.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match !== null && out.includes('ECS RAM role')) resolve(match[1] as string);
        });
        cli.once('exit', (code) => reject(new Error(`the CLI exited with ${code}: ${out}`)));
      });
      const viaSts = fromRamRoleArn({ credentials: DEMO_ACCESS_KEY, roleArn: ROLE, stsEndpoint: url });
      expect((await viaSts()).accessKeyId).toMatch(/^STS\./);
      expect((await fromEcsRamRole({ metadataEndpoint: url, timeoutMs: 10_000 })()).accessKeyId).toMatch(/^STS\./);
    } finally {
      cli.kill();
    }
  });
});
