/**
 * Alibaba's own `@alicloud/credentials` (2.4.7) as the oracle: the same environment and files give the same
 * credentials, and the same provider settings send the same requests to the same loopback servers. The official
 * library hard-codes https for STS and 100.100.100.200 for the metadata service: its provider's `doRequest` is
 * wrapped to send the request it built, unchanged but for scheme and host, to the loopback double.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  defaultCredentialsChain,
  type EnsCredentials,
  fromCliProfile,
  fromCredentialsUri,
  fromEcsRamRole,
  fromOidcRoleArn,
  fromRamRoleArn,
} from '../src/node/credentials/index.js';
import { pairs, startMetadataDouble, startStsDouble, temporaryKeys } from './support/credentialServers.js';
import { json, type LoopbackServer, type ReceivedRequest, startLoopbackServer } from './support/loopbackServer.js';

interface OfficialCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}
interface OfficialProvider {
  getCredentials(): Promise<OfficialCredentials>;
  doRequest: (request: { protocol: string; host: string }) => Promise<unknown>;
}
/** The builder methods these tests call (each official builder has the ones its provider takes). */
type BuilderMethod =
  | 'withAccessKeyId'
  | 'withAccessKeySecret'
  | 'withAccessToken'
  | 'withAccessTokenExpire'
  | 'withClientId'
  | 'withRefreshToken'
  | 'withSignInUrl'
  | 'withCredentialsProvider'
  | 'withCredentialsURI'
  | 'withDurationSeconds'
  | 'withExternalId'
  | 'withOIDCProviderArn'
  | 'withOIDCTokenFilePath'
  | 'withPolicy'
  | 'withRoleArn'
  | 'withRoleSessionName';
type Builder = { [M in BuilderMethod]: (value: unknown) => Builder } & { build(): OfficialProvider };
const require = createRequire(import.meta.url);
const official = require('@alicloud/credentials') as Record<string, { builder(): Builder }>;
const officialHttp = require('@alicloud/credentials/dist/src/providers/http') as {
  doRequest: (request: unknown) => Promise<unknown>;
};
const build = (name: string, configure: (builder: Builder) => Builder): OfficialProvider => {
  const provider = official[name];
  if (provider === undefined) throw new Error(`@alicloud/credentials has no ${name}`);
  return configure(provider.builder()).build();
};
/** The official OAuth provider (not exported from the package root; its CLI profile provider builds it). */
const officialOAuth = require('@alicloud/credentials/dist/src/providers/oauth') as { default: { builder(): Builder } };
/** Sends what the official provider built to `origin` (http, loopback) instead of its hard-coded host. */
function redirect(provider: OfficialProvider, origin: string): OfficialProvider {
  provider.doRequest = (request) => {
    request.protocol = 'http';
    request.host = new URL(origin).host;
    return officialHttp.doRequest(request);
  };
  return provider;
}

const servers: LoopbackServer[] = [];
const dirs: string[] = [];
const savedEnv = { ...process.env };
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk-oracle-'));
  dirs.push(dir);
  return dir;
};
const fields = (c: EnsCredentials | OfficialCredentials) => ({
  accessKeyId: c.accessKeyId,
  accessKeySecret: c.accessKeySecret,
  securityToken: c.securityToken || undefined,
});

describe('the same environment and files give the same credentials', () => {
  const home = tempDir();
  const cli = {
    current: 'ak',
    profiles: [
      { name: 'ak', mode: 'AK', access_key_id: 'LTAI-cli-ak', access_key_secret: 'cli-ak-secret' },
      {
        name: 'sts',
        mode: 'StsToken',
        access_key_id: 'STS.cli',
        access_key_secret: 'cli-sts-secret',
        sts_token: 'cli-sts-token',
      },
    ],
  };
  const ini =
    '[default]\ntype = access_key\naccess_key_id = LTAI-ini-default\naccess_key_secret = ini-default-secret\n' +
    '[named]\ntype = access_key\naccess_key_id = LTAI-ini-named\naccess_key_secret = ini-named-secret\n';
  const base = { HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
  const keys = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-env', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' };
  const cases: [string, Record<string, string>, { cli?: boolean; ini?: boolean }][] = [
    ['environment keys', keys, { cli: true, ini: true }],
    ['environment keys and token', { ...keys, ALIBABA_CLOUD_SECURITY_TOKEN: 'env-token' }, { cli: true }],
    ['CLI current profile', {}, { cli: true, ini: true }],
    ['CLI profile from ALIBABA_CLOUD_PROFILE (StsToken)', { ALIBABA_CLOUD_PROFILE: 'sts' }, { cli: true }],
    ['CLI disabled: the INI file', { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' }, { cli: true, ini: true }],
    ['INI default section', {}, { ini: true }],
    ['INI section from ALIBABA_CLOUD_PROFILE', { ALIBABA_CLOUD_PROFILE: 'named' }, { ini: true }],
  ];
  it.each(cases)('%s', async (_label, env, files) => {
    fs.rmSync(path.join(home, '.aliyun'), { recursive: true, force: true });
    fs.rmSync(path.join(home, '.alibabacloud'), { recursive: true, force: true });
    if (files.cli === true) {
      fs.mkdirSync(path.join(home, '.aliyun'), { recursive: true });
      fs.writeFileSync(path.join(home, '.aliyun', 'config.json'), JSON.stringify(cli));
    }
    if (files.ini === true) {
      fs.mkdirSync(path.join(home, '.alibabacloud'), { recursive: true });
      fs.writeFileSync(path.join(home, '.alibabacloud', 'credentials'), ini);
    }
    const allEnv = { ...base, ...env };
    Object.assign(process.env, allEnv);
    for (const name of Object.keys(process.env))
      if (name.startsWith('ALIBABA_CLOUD_') && !(name in allEnv)) delete process.env[name];
    const theirs = await build('DefaultCredentialsProvider', (b) => b).getCredentials();
    const ours = await defaultCredentialsChain({ env: allEnv, homeDir: home })();
    expect(fields(ours)).toEqual(fields(theirs));
  });

  it('CLI profile mode External: the same process_command gives the same credentials', async () => {
    const external = tempDir();
    const helper = path.join(external, 'print credentials.cjs');
    fs.writeFileSync(
      helper,
      `process.stdout.write(JSON.stringify({ mode: 'StsToken', access_key_id: 'STS.ext', access_key_secret: 'ext-secret', sts_token: 'ext-token', expiration: new Date(Date.now() + 3600e3).toISOString().slice(0, 19) + 'Z' }));`,
    );
    const config = {
      current: 'ext',
      profiles: [{ name: 'ext', mode: 'External', process_command: `"${process.execPath}" "${helper}"` }],
    };
    fs.rmSync(path.join(home, '.alibabacloud'), { recursive: true, force: true });
    fs.mkdirSync(path.join(home, '.aliyun'), { recursive: true });
    fs.writeFileSync(path.join(home, '.aliyun', 'config.json'), JSON.stringify(config));
    for (const name of Object.keys(process.env)) if (name.startsWith('ALIBABA_CLOUD_')) delete process.env[name];
    Object.assign(process.env, base);
    const ours = await defaultCredentialsChain({ env: base, homeDir: home })();
    const theirs = await build('DefaultCredentialsProvider', (b) => b).getCredentials();
    expect(fields(ours)).toEqual(fields(theirs));
    expect(fields(ours).securityToken).toBe('ext-token');
  });
});

/** Parameters of a request, minus those that differ by design on every request. */
function shape(request: ReceivedRequest) {
  const varying = new Set(['Timestamp', 'SignatureNonce', 'Signature']);
  const keep = (list: [string, string][]) => Object.fromEntries(list.filter(([k]) => !varying.has(k)));
  return {
    method: request.method,
    path: request.url.pathname,
    query: keep(pairs(request.url.search.slice(1))),
    form: keep(pairs(request.body.toString('utf8'))),
    contentType: request.headers['content-type'],
  };
}

describe('the same settings send the same requests', () => {
  const SOURCE = { accessKeyId: 'LTAI-oracle', accessKeySecret: 'oracle-secret' };
  const ROLE = 'acs:ram::1234567890123456:role/oracle';

  it('AssumeRole: same query and form parameters, both signatures verified', async () => {
    const sts = await startStsDouble({ [SOURCE.accessKeyId]: { secret: SOURCE.accessKeySecret } });
    servers.push(sts);
    const source = build('StaticAKCredentialsProvider', (b) =>
      b.withAccessKeyId(SOURCE.accessKeyId).withAccessKeySecret(SOURCE.accessKeySecret),
    );
    const theirs = redirect(
      build('RAMRoleARNCredentialsProvider', (b) =>
        b
          .withCredentialsProvider(source)
          .withRoleArn(ROLE)
          .withRoleSessionName('oracle')
          .withDurationSeconds(1800)
          .withPolicy('{"Statement":[]}')
          .withExternalId('ext-id'),
      ),
      sts.url,
    );
    await theirs.getCredentials();
    await fromRamRoleArn({
      credentials: SOURCE,
      roleArn: ROLE,
      roleSessionName: 'oracle',
      durationSeconds: 1800,
      policy: '{"Statement":[]}',
      externalId: 'ext-id',
      stsEndpoint: sts.url,
    })();
    expect(sts.problems).toEqual([]);
    const [official, ours] = sts.requests.map(shape);
    expect(ours).toEqual(official);
  });

  it('AssumeRoleWithOIDC: same unsigned request, the token file read the same way', async () => {
    const sts = await startStsDouble();
    servers.push(sts);
    const tokenFile = path.join(tempDir(), 'token');
    fs.writeFileSync(tokenFile, 'eyJ.oracle-token\n');
    const provider = 'acs:ram::1234567890123456:oidc-provider/ack';
    const theirs = redirect(
      build('OIDCRoleArnCredentialsProvider', (b) =>
        b.withRoleArn(ROLE).withOIDCProviderArn(provider).withOIDCTokenFilePath(tokenFile).withRoleSessionName('pod'),
      ),
      sts.url,
    );
    await theirs.getCredentials();
    await fromOidcRoleArn({
      roleArn: ROLE,
      oidcProviderArn: provider,
      oidcTokenFile: tokenFile,
      roleSessionName: 'pod',
      stsEndpoint: sts.url,
    })();
    expect(sts.problems).toEqual([]);
    const [official, ours] = sts.requests.map(shape);
    expect(ours).toEqual(official);
  });

  it('ECS RAM role: same token, role-name and credentials requests (one token fewer), and the same credentials', async () => {
    const imds = await startMetadataDouble('oracle-role', 'required');
    servers.push(imds);
    const theirs = await redirect(
      build('ECSRAMRoleCredentialsProvider', (b) => b),
      imds.url,
    ).getCredentials();
    const ours = await fromEcsRamRole({ timeoutMs: 10_000, metadataEndpoint: imds.url })();
    expect(fields(ours)).toEqual(fields(theirs));
    const sequence = imds.requests.map((r) => ({
      method: r.method,
      path: r.url.pathname,
      ttl: r.headers['x-aliyun-ecs-metadata-token-ttl-seconds'],
      withToken: r.headers['x-aliyun-ecs-metadata-token'] !== undefined,
    }));
    // The official library fetches a fresh token before each GET; ensdk reuses the first one (documented).
    const [officialSequence, ourSequence] = [sequence.slice(0, 4), sequence.slice(4)];
    expect(ourSequence).toHaveLength(3);
    expect(officialSequence).toEqual([ourSequence[0], ourSequence[1], ourSequence[0], ourSequence[2]]);
    expect(imds.problems).toEqual([]);
  });

  it('CLI profile mode OAuth: the same token refresh and exchange requests, the same credentials', async () => {
    const keys = temporaryKeys('oracle-oauth');
    const oauth = await startLoopbackServer((request, res) => {
      if (request.url.pathname === '/v1/token')
        json(res, 200, { access_token: 'new-access', refresh_token: 'new-refresh', expires_in: 7200 });
      // camelCase, as the CLI and this official version read it (ensdk also reads PascalCase, which later official
      // versions say the service sends).
      else if (request.headers['authorization'] === 'Bearer new-access')
        json(res, 200, {
          requestId: 'R',
          accessKeyId: keys.AccessKeyId,
          accessKeySecret: keys.AccessKeySecret,
          securityToken: keys.SecurityToken,
          expiration: keys.Expiration,
        });
      else json(res, 401, { error: 'expired_token' });
    });
    servers.push(oauth);
    const expired = Math.floor(Date.now() / 1000) - 60;
    const theirs = await officialOAuth.default
      .builder()
      .withClientId('4038181954557748008')
      .withSignInUrl(oauth.url)
      .withRefreshToken('old-refresh')
      .withAccessToken('old-access')
      .withAccessTokenExpire(expired)
      .build()
      .getCredentials();
    const home = tempDir();
    fs.mkdirSync(path.join(home, '.aliyun'));
    fs.writeFileSync(
      path.join(home, '.aliyun', 'config.json'),
      JSON.stringify({
        current: 'o',
        profiles: [
          {
            name: 'o',
            mode: 'OAuth',
            oauth_site_type: 'CN',
            oauth_access_token: 'old-access',
            oauth_refresh_token: 'old-refresh',
            oauth_access_token_expire: expired,
          },
        ],
      }),
    );
    const ours = await fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })();
    expect(fields(ours)).toEqual(fields(theirs));
    const request = (r: ReceivedRequest) => ({ ...shape(r), authorization: r.headers['authorization'] });
    const [officialToken, officialExchange, ourToken, ourExchange] = oauth.requests.map(request);
    expect(oauth.requests).toHaveLength(4);
    // The official library adds a Timestamp to the token form (the CLI does not send one; `shape` leaves it out).
    expect(ourToken).toEqual(officialToken);
    expect(ourExchange).toEqual(officialExchange);
    expect(ourToken?.form).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'old-refresh',
      client_id: '4038181954557748008',
    });
  });

  it('credentials URI: the same GET and the same credentials', async () => {
    const keys = temporaryKeys('oracle-uri');
    const uri = await startLoopbackServer((_r, res) => json(res, 200, { Code: 'Success', ...keys }));
    servers.push(uri);
    const url = `${uri.url}/credentials?role=a`;
    const theirs = await build('URICredentialsProvider', (b) => b.withCredentialsURI(url)).getCredentials();
    const ours = await fromCredentialsUri({ uri: url })();
    expect(fields(ours)).toEqual(fields(theirs));
    const [a, b] = uri.requests;
    expect([b?.method, b?.url.href]).toEqual([a?.method, a?.url.href]);
  });
});
