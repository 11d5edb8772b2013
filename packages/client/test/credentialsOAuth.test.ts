import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { EnsCredentialsError } from '@ensdk/errors';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { defaultCredentialsChain, fromCliProfile } from '../src/node/credentials/index.js';
import { expiresIn, pairs, temporaryKeys } from './support/credentialServers.js';
import { json, type LoopbackServer, startLoopbackServer } from './support/loopbackServer.js';

// CLI profile mode OAuth against a loopback double of the OAuth service (the chain's `oauthEndpoint`; the global
// setup refuses any connection off loopback, so the real sites are never reached).

const CN_CLIENT_ID = '4038181954557748008';
const MARKER = 'ToKeN';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

let minted = 0;
const mint = (kind: string): string => `${MARKER}-${kind}-${++minted}`;

/**
 * The OAuth service: `/v1/token` takes only the current refresh token and rotates it (the old one is then refused, as
 * a single-use refresh token would be); `/v1/exchange` takes only the current access token. Each request is checked.
 */
interface OAuthDouble extends LoopbackServer {
  accessToken: string;
  refreshToken: string;
  readonly problems: string[];
  /** How `/v1/exchange` answers (default: PascalCase keys of an hour). */
  exchangeAnswer: () => { status: number; body: unknown };
  issued: ReturnType<typeof temporaryKeys>[];
}

async function startOAuthDouble(): Promise<OAuthDouble> {
  let double: OAuthDouble | undefined;
  const server = await startLoopbackServer((request, res) => {
    const state = double as OAuthDouble;
    if (request.method !== 'POST') state.problems.push(`method ${request.method}`);
    if (request.url.pathname === '/v1/token') {
      if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') state.problems.push('token type');
      const form = Object.fromEntries(pairs(request.body.toString('utf8')));
      if (form['grant_type'] !== 'refresh_token' || form['client_id'] !== CN_CLIENT_ID)
        state.problems.push(`token form ${form['grant_type']} ${form['client_id']}`);
      if (form['refresh_token'] !== state.refreshToken) {
        json(res, 400, { error: 'invalid_grant', error_description: `bad ${form['refresh_token']}`, requestId: 'R-t' });
        return;
      }
      state.accessToken = mint('access');
      state.refreshToken = mint('refresh');
      json(res, 200, {
        access_token: state.accessToken,
        refresh_token: state.refreshToken,
        expires_in: 7200,
        token_type: 'Bearer',
      });
      return;
    }
    if (request.url.pathname === '/v1/exchange') {
      if (request.headers['authorization'] !== `Bearer ${state.accessToken}`) {
        json(res, 401, { error: 'expired_token', error_description: 'The access token is expired.', requestId: 'R-e' });
        return;
      }
      const { status, body } = state.exchangeAnswer();
      json(res, status, body);
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  const made: OAuthDouble = Object.assign(server, {
    accessToken: mint('access'),
    refreshToken: mint('refresh'),
    problems: [] as string[],
    issued: [] as ReturnType<typeof temporaryKeys>[],
    exchangeAnswer: (): { status: number; body: unknown } => {
      const keys = temporaryKeys('oauth');
      made.issued.push(keys);
      return { status: 200, body: { RequestId: 'R-x', ...keys } };
    },
  });
  double = made;
  servers.push(made);
  return made;
}

const nowS = (): number => Math.floor(Date.now() / 1000);

function writeOAuthProfile(fields: Record<string, unknown>): { home: string; config: string } {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk-oauth-'));
  dirs.push(home);
  fs.mkdirSync(path.join(home, '.aliyun'));
  const config = path.join(home, '.aliyun', 'config.json');
  fs.writeFileSync(
    config,
    JSON.stringify(
      {
        current: 'o',
        profiles: [
          { name: 'other', mode: 'AK', access_key_id: 'LTAI-other', access_key_secret: 'x' },
          { name: 'o', mode: 'OAuth', oauth_site_type: 'CN', region_id: 'cn-hangzhou', ...fields },
        ],
        meta_path: '',
      },
      null,
      '\t',
    ),
  );
  return { home, config };
}

const stored = (config: string): Record<string, unknown> =>
  (JSON.parse(fs.readFileSync(config, 'utf8')) as { profiles: Record<string, unknown>[] }).profiles.find(
    (p) => p['name'] === 'o',
  ) ?? {};

async function failure(promise: Promise<unknown>): Promise<EnsCredentialsError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EnsCredentialsError);
  const shown = [
    (error as Error).message,
    String((error as Error).stack),
    JSON.stringify(error),
    inspect(error, { depth: Infinity, showHidden: true }),
  ].join('\n');
  expect(shown).not.toContain(MARKER);
  expect(shown).not.toContain('SeCrEt');
  return error as EnsCredentialsError;
}

describe('CLI profile mode OAuth', () => {
  it('exchanges a valid access token for temporary credentials, and writes them back to the profile', async () => {
    const oauth = await startOAuthDouble();
    const { home, config } = writeOAuthProfile({
      oauth_access_token: oauth.accessToken,
      oauth_refresh_token: oauth.refreshToken,
      oauth_access_token_expire: nowS() + 3600,
    });
    const credentials = await fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })();
    const [keys] = oauth.issued;
    expect(credentials.accessKeyId).toBe(keys?.AccessKeyId);
    expect(credentials.accessKeySecret).toBe(keys?.AccessKeySecret);
    expect(credentials.securityToken).toBe(keys?.SecurityToken);
    expect(JSON.stringify(credentials)).not.toContain('SeCrEt');
    expect(inspect(credentials)).not.toContain(MARKER);
    expect(oauth.requests.map((r) => r.url.pathname)).toEqual(['/v1/exchange']);
    expect(oauth.problems).toEqual([]);
    const profile = stored(config);
    expect(profile).toMatchObject({
      access_key_id: keys?.AccessKeyId,
      sts_token: keys?.SecurityToken,
      sts_expiration: Math.floor(Date.parse(keys?.Expiration ?? '') / 1000),
      oauth_refresh_token: oauth.refreshToken,
      region_id: 'cn-hangzhou',
    });
    // The rest of the file is kept, in the CLI's tab indentation, and stays private.
    const text = fs.readFileSync(config, 'utf8');
    expect(JSON.parse(text).meta_path).toBe('');
    expect(text).toContain('\n\t"profiles"');
    expect(fs.statSync(config).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.dirname(config))).toEqual(['config.json']);
  });

  it('uses the credentials the CLI stored while more than 15 minutes remain: no request', async () => {
    const oauth = await startOAuthDouble();
    const { home } = writeOAuthProfile({
      oauth_access_token: oauth.accessToken,
      oauth_access_token_expire: nowS() + 3600,
      access_key_id: 'STS.stored',
      access_key_secret: 'SeCrEt-stored',
      sts_token: `${MARKER}-stored`,
      sts_expiration: nowS() + 3000,
    });
    const credentials = await fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })();
    expect(credentials.accessKeyId).toBe('STS.stored');
    expect(credentials.securityToken).toBe(`${MARKER}-stored`);
    expect(oauth.requests).toHaveLength(0);
  });

  it('an expired access token is refreshed with the refresh token; the rotated tokens are written back', async () => {
    const oauth = await startOAuthDouble();
    const firstRefresh = oauth.refreshToken;
    const { home, config } = writeOAuthProfile({
      oauth_access_token: mint('access-old'),
      oauth_refresh_token: firstRefresh,
      oauth_access_token_expire: nowS() - 10,
      access_key_id: 'STS.old',
      access_key_secret: 'SeCrEt-old',
      sts_token: `${MARKER}-old`,
      sts_expiration: nowS() + 300, // inside the 15 minutes ahead: not used
    });
    const credentials = await fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })();
    expect(credentials.accessKeyId).toBe(oauth.issued[0]?.AccessKeyId);
    expect(oauth.requests.map((r) => r.url.pathname)).toEqual(['/v1/token', '/v1/exchange']);
    expect(oauth.problems).toEqual([]);
    const profile = stored(config);
    expect(profile['oauth_refresh_token']).toBe(oauth.refreshToken);
    expect(profile['oauth_refresh_token']).not.toBe(firstRefresh);
    expect(profile['oauth_access_token']).toBe(oauth.accessToken);
    expect(Number(profile['oauth_access_token_expire'])).toBeGreaterThan(nowS() + 7000);
    // The old refresh token is now refused by the service; the file holds the new one, so a second process (and the
    // CLI) carries on: its stored credentials are fresh, no request at all.
    const again = await fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })();
    expect(again.accessKeyId).toBe(credentials.accessKeyId);
    expect(oauth.requests).toHaveLength(2);
  });

  it('new tokens are written back even when the exchange then fails', async () => {
    const oauth = await startOAuthDouble();
    oauth.exchangeAnswer = () => ({ status: 500, body: { error: 'server_error', requestId: 'R-500' } });
    const { home, config } = writeOAuthProfile({
      oauth_access_token: mint('access-old'),
      oauth_refresh_token: oauth.refreshToken,
      oauth_access_token_expire: nowS() - 10,
    });
    const error = await failure(fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })());
    expect(error.message).toMatch(/\/v1\/exchange: HTTP 500 server_error \(request id R-500\)/);
    expect(oauth.requests.map((r) => r.url.pathname)).toEqual(['/v1/token', '/v1/exchange']);
    expect(stored(config)).toMatchObject({
      oauth_access_token: oauth.accessToken,
      oauth_refresh_token: oauth.refreshToken,
    });
    expect(stored(config)['sts_token']).toBeUndefined();
  });

  it('credentials close to expiry are exchanged again at the next call, one exchange for concurrent callers', async () => {
    const oauth = await startOAuthDouble();
    oauth.exchangeAnswer = () => {
      const keys = temporaryKeys('oauth-short', 600_000);
      oauth.issued.push(keys);
      return { status: 200, body: keys };
    };
    const { home } = writeOAuthProfile({
      oauth_access_token: oauth.accessToken,
      oauth_access_token_expire: nowS() + 3600,
    });
    const provider = fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url });
    await provider();
    const all = await Promise.all(Array.from({ length: 20 }, () => provider()));
    expect(new Set(all.map((c) => c.accessKeyId)).size).toBe(1);
    expect(oauth.requests.map((r) => r.url.pathname)).toEqual(['/v1/exchange', '/v1/exchange']);
  });

  it('accepts the camelCase answer the CLI reads', async () => {
    const oauth = await startOAuthDouble();
    oauth.exchangeAnswer = () => ({
      status: 200,
      body: {
        requestId: 'R-c',
        accessKeyId: 'STS.camel',
        accessKeySecret: 'SeCrEt-camel',
        securityToken: `${MARKER}-camel`,
        expiration: expiresIn(3600_000),
      },
    });
    const { home } = writeOAuthProfile({
      oauth_access_token: oauth.accessToken,
      oauth_access_token_expire: nowS() + 3600,
    });
    expect((await fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })()).accessKeyId).toBe(
      'STS.camel',
    );
  });

  it('a refused refresh token names the code and asks to sign in again, without any token', async () => {
    const oauth = await startOAuthDouble();
    const { home } = writeOAuthProfile({
      oauth_access_token: mint('access-old'),
      oauth_refresh_token: mint('refresh-revoked'),
      oauth_access_token_expire: nowS() - 10,
    });
    const error = await failure(fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })());
    expect(error.message).toMatch(
      /OAuth profile "o": cannot get credentials: OAuth POST http:\/\/127\.0\.0\.1:\d+\/v1\/token: HTTP 400 invalid_grant \(request id R-t\); the refresh token was refused: sign in again with `aliyun configure --mode OAuth --profile o`/,
    );
  });

  it('a refused exchange names the status, the code and the request id', async () => {
    const oauth = await startOAuthDouble();
    const { home } = writeOAuthProfile({
      oauth_access_token: mint('access-stale'),
      oauth_access_token_expire: nowS() + 3600,
    });
    const error = await failure(fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })());
    expect(error.message).toMatch(/\/v1\/exchange: HTTP 401 expired_token \(request id R-e\)/);
  });

  it('an exchange answer without a field names it', async () => {
    const oauth = await startOAuthDouble();
    oauth.exchangeAnswer = () => ({ status: 200, body: { AccessKeyId: 'STS.x', AccessKeySecret: 'SeCrEt-x' } });
    const { home } = writeOAuthProfile({
      oauth_access_token: oauth.accessToken,
      oauth_access_token_expire: nowS() + 3600,
    });
    const error = await failure(fromCliProfile({ env: {}, homeDir: home, oauthEndpoint: oauth.url })());
    expect(error.message).toMatch(/the answer has no SecurityToken, Expiration/);
  });

  it('a profile without tokens, or with another site type, is an error naming the profile; nothing is sent', async () => {
    const oauth = await startOAuthDouble();
    const none = writeOAuthProfile({});
    expect(
      (await failure(fromCliProfile({ env: {}, homeDir: none.home, oauthEndpoint: oauth.url })())).message,
    ).toMatch(
      /profile "o" \(mode OAuth\) has no oauth_access_token or oauth_refresh_token: sign in with `aliyun configure --mode OAuth --profile o`/,
    );
    const site = writeOAuthProfile({ oauth_site_type: 'JP', oauth_access_token: oauth.accessToken });
    expect(
      (await failure(fromCliProfile({ env: {}, homeDir: site.home, oauthEndpoint: oauth.url })())).message,
    ).toMatch(/profile "o": .*oauth_site_type must be CN or INTL \(it is "JP"\)/);
    expect(oauth.requests).toHaveLength(0);
  });

  it('the default chain reads the OAuth profile in its CLI step', async () => {
    const oauth = await startOAuthDouble();
    const { home } = writeOAuthProfile({
      oauth_access_token: oauth.accessToken,
      oauth_access_token_expire: nowS() + 3600,
    });
    const credentials = await defaultCredentialsChain({
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
      homeDir: home,
      oauthEndpoint: oauth.url,
    })();
    expect(credentials.accessKeyId).toBe(oauth.issued[0]?.AccessKeyId);
  });
});
