import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EnsCredentialsError } from '@ensdk/errors';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { defaultCredentialsChain, fromCliProfile, fromCredentialsFile } from '../src/node/credentials/index.js';
import {
  paramsOf,
  type StsDouble,
  startMetadataDouble,
  startStsDouble,
  temporaryKeys,
} from './support/credentialServers.js';
import { json, type LoopbackServer, startLoopbackServer } from './support/loopbackServer.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const track = <T extends LoopbackServer>(server: T): T => {
  servers.push(server);
  return server;
};
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk-chain-'));
  dirs.push(dir);
  return dir;
}
function writeCli(home: string, config: unknown): void {
  fs.mkdirSync(path.join(home, '.aliyun'), { recursive: true });
  fs.writeFileSync(path.join(home, '.aliyun', 'config.json'), JSON.stringify(config));
}
function writeIni(home: string, text: string): void {
  fs.mkdirSync(path.join(home, '.alibabacloud'), { recursive: true });
  fs.writeFileSync(path.join(home, '.alibabacloud', 'credentials'), text);
}

const SOURCE = { id: 'LTAI-profile', secret: 'SeCrEt-profile-key' };

/** An STS double that accepts SOURCE and every key it issues, labelling issued keys by role name. */
async function sts(): Promise<StsDouble> {
  const double = track(await startStsDouble({ [SOURCE.id]: { secret: SOURCE.secret } }));
  double.answer = (params, res) => {
    const keys = temporaryKeys(params.get('RoleArn')?.split('/').pop() ?? 'role');
    double.signers.set(keys.AccessKeyId, { secret: keys.AccessKeySecret, token: keys.SecurityToken });
    json(res, 200, { RequestId: 'r', Credentials: keys });
  };
  return double;
}

/** A URL on loopback where nothing listens. */
async function closedUrl(): Promise<string> {
  const server = await startLoopbackServer(() => undefined);
  await server.close();
  return server.url;
}

async function failure(promise: Promise<unknown>): Promise<EnsCredentialsError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EnsCredentialsError);
  expect(JSON.stringify(error)).not.toMatch(/SeCrEt|ToKeN/);
  return error as EnsCredentialsError;
}

describe('the default chain, in Alibaba order', () => {
  it('env, then OIDC, then CLI profile, then INI file, then ECS RAM role, then credentials URI', async () => {
    const home = tempDir();
    const stsDouble = await sts();
    const imds = track(await startMetadataDouble('chain-role', 'optional'));
    const uriKeys = temporaryKeys('uri');
    const uri = track(await startLoopbackServer((_r, res) => json(res, 200, { Code: 'Success', ...uriKeys })));
    const tokenFile = path.join(tempDir(), 'token');
    fs.writeFileSync(tokenFile, 'eyJ.oidc');
    writeCli(home, {
      current: 'cli',
      profiles: [{ name: 'cli', mode: 'AK', access_key_id: 'LTAI-cli', access_key_secret: 'SeCrEt-cli' }],
    });
    writeIni(home, '[default]\ntype = access_key\naccess_key_id = LTAI-ini\naccess_key_secret = SeCrEt-ini\n');
    const env: Record<string, string | undefined> = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-env',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'SeCrEt-env',
      ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/oidc',
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/ack',
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
      ALIBABA_CLOUD_CREDENTIALS_URI: `${uri.url}/c`,
    };
    const winner = async (): Promise<string> =>
      (await defaultCredentialsChain({ env, homeDir: home, stsEndpoint: stsDouble.url, metadataEndpoint: imds.url })())
        .accessKeyId;
    expect(await winner()).toBe('LTAI-env');
    delete env['ALIBABA_CLOUD_ACCESS_KEY_ID'];
    delete env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
    expect(await winner()).toMatch(/^STS\.oidc\./);
    delete env['ALIBABA_CLOUD_OIDC_TOKEN_FILE'];
    expect(await winner()).toBe('LTAI-cli');
    env['ALIBABA_CLOUD_CLI_PROFILE_DISABLED'] = 'TRUE';
    expect(await winner()).toBe('LTAI-ini');
    fs.rmSync(path.join(home, '.alibabacloud', 'credentials'));
    expect(await winner()).toBe(imds.credentials.AccessKeyId);
    env['ALIBABA_CLOUD_ECS_METADATA_DISABLED'] = 'true';
    expect(await winner()).toBe(uriKeys.AccessKeyId);
    expect(stsDouble.problems).toEqual([]);
    expect(imds.problems).toEqual([]);
  });

  it('on a machine without a metadata service the ECS step fails fast, and the error lists every step', async () => {
    const metadataEndpoint = await closedUrl();
    const started = Date.now();
    const error = await failure(defaultCredentialsChain({ env: {}, homeDir: tempDir(), metadataEndpoint })());
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.sources).toHaveLength(6);
    expect(error.sources[4]).toMatch(
      new RegExp(
        `^ECS RAM role: cannot get credentials: PUT ${metadataEndpoint}/latest/api/token \\(IMDSv2 token\\): the metadata service did not answer \\(is this an ECS instance\\?\\): .*ECONNREFUSED`,
      ),
    );
    expect(error.sources[5]).toBe('credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set');
  });

  it('IMDSv2 refused with ALIBABA_CLOUD_IMDSV1_DISABLED: the ECS step does not apply, and says why', async () => {
    const imds = track(await startMetadataDouble('r', 'refused'));
    const error = await failure(
      defaultCredentialsChain({
        env: { ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' },
        homeDir: tempDir(),
        metadataEndpoint: imds.url,
      })(),
    );
    expect(error.sources[4]).toMatch(/HTTP 403, and IMDSv1 is disabled/);
    expect(imds.requests).toHaveLength(1);
  });

  it('keeps the provider it found, so temporary credentials refresh through the chain', async () => {
    let served = 0;
    const uri = track(
      await startLoopbackServer((_r, res) => {
        served++;
        json(res, 200, { Code: 'Success', ...temporaryKeys(`uri${served}`, 10 * 60_000) });
      }),
    );
    const chain = defaultCredentialsChain({
      env: { ALIBABA_CLOUD_CREDENTIALS_URI: uri.url, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
      homeDir: tempDir(),
    });
    expect((await chain()).accessKeyId).toMatch(/^STS\.uri1\./);
    expect((await chain()).accessKeyId).toMatch(/^STS\.uri2\./);
  });

  it('a configured OIDC role that STS refuses stops the chain with STS code, not a fall-through', async () => {
    const stsDouble = await sts();
    stsDouble.answer = (_p, res) => json(res, 400, { RequestId: 'R-9', Code: 'AuthenticationFail.NoPermission' });
    const tokenFile = path.join(tempDir(), 'token');
    fs.writeFileSync(tokenFile, 'ToKeN-oidc');
    const error = await failure(
      defaultCredentialsChain({
        env: {
          ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/r',
          ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/p',
          ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
        },
        homeDir: tempDir(),
        stsEndpoint: stsDouble.url,
      })(),
    );
    expect(error.message).toMatch(
      /^Cannot load credentials from OIDC role .*HTTP 400 AuthenticationFail\.NoPermission \(request id R-9\)/,
    );
  });
});

describe('CLI profile modes', () => {
  it('RamRoleArn: AssumeRole signed with the profile keys, with its session name and duration', async () => {
    const home = tempDir();
    const stsDouble = await sts();
    writeCli(home, {
      current: 'role',
      profiles: [
        {
          name: 'role',
          mode: 'RamRoleArn',
          access_key_id: SOURCE.id,
          access_key_secret: SOURCE.secret,
          ram_role_arn: 'acs:ram::1:role/cli-role',
          ram_session_name: 'cli-session',
          expired_seconds: 1800,
          sts_region: 'cn-shanghai',
        },
      ],
    });
    const credentials = await fromCliProfile({ env: {}, homeDir: home, stsEndpoint: stsDouble.url })();
    expect(credentials.accessKeyId).toMatch(/^STS\.cli-role\./);
    expect(stsDouble.problems).toEqual([]);
    expect(Object.fromEntries(paramsOf(stsDouble.requests[0]!))).toMatchObject({
      AccessKeyId: SOURCE.id,
      RoleSessionName: 'cli-session',
      DurationSeconds: '1800',
    });
  });

  it('EcsRamRole: the named role from the metadata service', async () => {
    const home = tempDir();
    const imds = track(await startMetadataDouble('cli-ecs', 'required'));
    writeCli(home, { current: 'e', profiles: [{ name: 'e', mode: 'EcsRamRole', ram_role_name: 'cli-ecs' }] });
    const credentials = await fromCliProfile({ env: {}, homeDir: home, metadataEndpoint: imds.url })();
    expect(credentials.accessKeyId).toBe(imds.credentials.AccessKeyId);
    expect(imds.requests.map((r) => r.url.pathname)).toEqual([
      '/latest/api/token',
      '/latest/meta-data/ram/security-credentials/cli-ecs',
    ]);
  });

  it('OIDC: AssumeRoleWithOIDC with the profile token file and duration_seconds', async () => {
    const home = tempDir();
    const stsDouble = await sts();
    const tokenFile = path.join(tempDir(), 'token');
    fs.writeFileSync(tokenFile, 'eyJ.cli-oidc');
    writeCli(home, {
      current: 'o',
      profiles: [
        {
          name: 'o',
          mode: 'OIDC',
          ram_role_arn: 'acs:ram::1:role/cli-oidc',
          oidc_provider_arn: 'acs:ram::1:oidc-provider/p',
          oidc_token_file: tokenFile,
          duration_seconds: 1200,
        },
      ],
    });
    expect((await fromCliProfile({ env: {}, homeDir: home, stsEndpoint: stsDouble.url })()).accessKeyId).toMatch(
      /^STS\.cli-oidc\./,
    );
    expect(stsDouble.problems).toEqual([]);
    expect(paramsOf(stsDouble.requests[0]!).get('DurationSeconds')).toBe('1200');
  });

  it('ChainableRamRoleArn: each role signed by its source_profile credentials, to any depth', async () => {
    const home = tempDir();
    const stsDouble = await sts();
    writeCli(home, {
      current: 'top',
      profiles: [
        { name: 'base', mode: 'AK', access_key_id: SOURCE.id, access_key_secret: SOURCE.secret },
        { name: 'middle', mode: 'ChainableRamRoleArn', source_profile: 'base', ram_role_arn: 'acs:ram::1:role/middle' },
        { name: 'top', mode: 'ChainableRamRoleArn', source_profile: 'middle', ram_role_arn: 'acs:ram::1:role/top' },
      ],
    });
    expect((await fromCliProfile({ env: {}, homeDir: home, stsEndpoint: stsDouble.url })()).accessKeyId).toMatch(
      /^STS\.top\./,
    );
    expect(stsDouble.problems).toEqual([]);
    const [first, second] = stsDouble.requests.map(paramsOf);
    expect(first?.get('AccessKeyId')).toBe(SOURCE.id);
    expect(second?.get('AccessKeyId')).toMatch(/^STS\.middle\./);
    expect(second?.get('SecurityToken')).toMatch(/^ToKeN-middle/);
  });

  it('ChainableRamRoleArn: a source_profile cycle or a missing source is a clear error, before any request', async () => {
    const home = tempDir();
    writeCli(home, {
      current: 'a',
      profiles: [
        { name: 'a', mode: 'ChainableRamRoleArn', source_profile: 'b', ram_role_arn: 'acs:ram::1:role/a' },
        { name: 'b', mode: 'ChainableRamRoleArn', source_profile: 'a', ram_role_arn: 'acs:ram::1:role/b' },
        { name: 'c', mode: 'ChainableRamRoleArn', source_profile: 'nowhere', ram_role_arn: 'acs:ram::1:role/c' },
      ],
    });
    const stsEndpoint = await closedUrl();
    expect((await failure(fromCliProfile({ env: {}, homeDir: home, stsEndpoint })())).message).toBe(
      'Cannot load credentials from ~/.aliyun/config.json: source_profile makes a cycle: "a" → "b" → "a"',
    );
    expect((await failure(fromCliProfile({ env: {}, homeDir: home, stsEndpoint, profile: 'c' })())).message).toBe(
      'Cannot load credentials from ~/.aliyun/config.json: profile "c" has source_profile "nowhere", which is not in the file',
    );
  });

  it('a profile value that breaks a provider rule names the profile and the rule', async () => {
    const home = tempDir();
    writeCli(home, {
      current: 'r',
      profiles: [
        {
          name: 'r',
          mode: 'RamRoleArn',
          access_key_id: 'x',
          access_key_secret: 'SeCrEt-x',
          ram_role_arn: 'not-an-arn',
        },
      ],
    });
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).message).toMatch(
      /~\/\.aliyun\/config\.json: profile "r": .*roleArn must look like acs:ram::<account id>:role\/<role name>/,
    );
  });
});

describe('CLI profile mode CloudSSO', () => {
  const ssoProfile = (signInUrl: string, expire: number) => ({
    current: 'sso',
    profiles: [
      {
        name: 'sso',
        mode: 'CloudSSO',
        cloud_sso_sign_in_url: `${signInUrl}/device/code`,
        cloud_sso_account_id: '1234567890123456',
        cloud_sso_access_config: 'ac-ens-admin',
        access_token: 'ToKeN-sso-access-token',
        cloud_sso_access_token_expire: expire,
      },
    ],
  });

  it('exchanges the access token at <sign-in origin>/cloud-credentials for temporary credentials', async () => {
    const keys = temporaryKeys('sso');
    const sso = track(
      await startLoopbackServer((_r, res) => json(res, 200, { RequestId: 'r', CloudCredential: keys })),
    );
    const home = tempDir();
    writeCli(home, ssoProfile(sso.url, Math.floor(Date.now() / 1000) + 3600));
    const credentials = await fromCliProfile({ env: {}, homeDir: home })();
    expect(credentials.accessKeyId).toBe(keys.AccessKeyId);
    expect(credentials.securityToken).toBe(keys.SecurityToken);
    const [request] = sso.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/cloud-credentials');
    expect(request?.headers['authorization']).toBe('Bearer ToKeN-sso-access-token');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request?.body.toString('utf8') ?? '')).toEqual({
      AccountId: '1234567890123456',
      AccessConfigurationId: 'ac-ens-admin',
    });
  });

  it('an expired access token asks to sign in again, sends nothing and shows no token', async () => {
    const sso = track(await startLoopbackServer((_r, res) => json(res, 500, {})));
    const home = tempDir();
    writeCli(home, ssoProfile(sso.url, Math.floor(Date.now() / 1000) - 60));
    const error = await failure(fromCliProfile({ env: {}, homeDir: home })());
    expect(error.message).toMatch(/CloudSSO: the access token expired at .*; sign in again with `aliyun sso login`/);
    expect(sso.requests).toHaveLength(0);
    expect(JSON.stringify(error)).not.toContain('ToKeN');
  });

  it('a refusal names the status and the code, without the token', async () => {
    const sso = track(
      await startLoopbackServer((_r, res) =>
        json(res, 401, { RequestId: 'R-sso', ErrorCode: 'InvalidCredential.AccessToken', ErrorMessage: 'expired' }),
      ),
    );
    const home = tempDir();
    writeCli(home, ssoProfile(sso.url, Math.floor(Date.now() / 1000) + 3600));
    const error = await failure(fromCliProfile({ env: {}, homeDir: home })());
    expect(error.message).toMatch(/HTTP 401 InvalidCredential\.AccessToken \(request id R-sso\)/);
  });
});

describe('INI file types', () => {
  it('ram_role_arn: AssumeRole signed with the section keys', async () => {
    const home = tempDir();
    const stsDouble = await sts();
    writeIni(
      home,
      `[default]\ntype = ram_role_arn\naccess_key_id = ${SOURCE.id}\naccess_key_secret = ${SOURCE.secret}\nrole_arn = acs:ram::1:role/ini-role\nrole_session_name = ini-session\n`,
    );
    expect((await fromCredentialsFile({ env: {}, homeDir: home, stsEndpoint: stsDouble.url })()).accessKeyId).toMatch(
      /^STS\.ini-role\./,
    );
    expect(stsDouble.problems).toEqual([]);
    expect(paramsOf(stsDouble.requests[0]!).get('RoleSessionName')).toBe('ini-session');
  });

  it('ecs_ram_role: the section role from the metadata service', async () => {
    const home = tempDir();
    const imds = track(await startMetadataDouble('ini-ecs', 'optional'));
    writeIni(home, '[default]\ntype = ecs_ram_role\nrole_name = ini-ecs\n');
    const credentials = await fromCredentialsFile({ env: {}, homeDir: home, metadataEndpoint: imds.url })();
    expect(credentials.accessKeyId).toBe(imds.credentials.AccessKeyId);
  });

  it('oidc_role_arn (legacy): AssumeRoleWithOIDC, unsigned, with the token file read at each refresh', async () => {
    const home = tempDir();
    const stsDouble = await sts();
    const tokenFile = path.join(tempDir(), 'token');
    fs.writeFileSync(tokenFile, 'eyJ.ini-oidc-1');
    writeIni(
      home,
      `[default]\ntype = oidc_role_arn\nrole_arn = acs:ram::1:role/ini-oidc\noidc_provider_arn = acs:ram::1:oidc-provider/ack\noidc_token_file_path = ${tokenFile}\nrole_session_name = ini-oidc-session\n`,
    );
    // A 10-minute credential, inside the 15 minutes ahead: the next call refreshes, reading the file again.
    stsDouble.answer = (_params, res) =>
      json(res, 200, { RequestId: 'r', Credentials: temporaryKeys(`ini-oidc`, 600_000) });
    const provider = fromCredentialsFile({ env: {}, homeDir: home, stsEndpoint: stsDouble.url });
    expect((await provider()).accessKeyId).toMatch(/^STS\.ini-oidc\./);
    fs.writeFileSync(tokenFile, 'eyJ.ini-oidc-2');
    await provider();
    expect(stsDouble.problems).toEqual([]);
    const sent = stsDouble.requests.map(paramsOf);
    expect(sent.map((p) => p.get('Action'))).toEqual(['AssumeRoleWithOIDC', 'AssumeRoleWithOIDC']);
    expect(sent.map((p) => p.get('OIDCToken'))).toEqual(['eyJ.ini-oidc-1', 'eyJ.ini-oidc-2']);
    expect(sent[0]?.get('RoleArn')).toBe('acs:ram::1:role/ini-oidc');
    expect(sent[0]?.get('OIDCProviderArn')).toBe('acs:ram::1:oidc-provider/ack');
    expect(sent[0]?.get('RoleSessionName')).toBe('ini-oidc-session');
  });

  it('oidc_role_arn without its keys names them, and does not take them from the environment', async () => {
    const home = tempDir();
    writeIni(home, '[default]\ntype = oidc_role_arn\nrole_arn = acs:ram::1:role/ini-oidc\n');
    const error = await failure(
      fromCredentialsFile({
        env: { ALIBABA_CLOUD_OIDC_PROVIDER_ARN: 'acs:ram::1:oidc-provider/env', ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/t' },
        homeDir: home,
      })(),
    );
    expect(error.sources).toEqual([
      '~/.alibabacloud/credentials: profile "default" (type oidc_role_arn) has no oidc_provider_arn and oidc_token_file_path',
    ]);
  });
});
