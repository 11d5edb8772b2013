import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { EnsCredentialsError } from '@ensdk/errors';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultCredentialsChain,
  type EnsCredentials,
  type EnsCredentialsProvider,
  fromCliProfile,
  fromCredentialsFile,
  fromEnvironment,
  toCredentialsProvider,
} from '../src/node/credentials/index.js';

// Every secret below is recognisable, so that a leak in any message, JSON or inspect output is caught.
const SECRETS: string[] = [];
const MARKER = 'SeCrEt';
const secret = (label: string): string => {
  const value = `${MARKER}-${label}-${SECRETS.length}-x9`;
  SECRETS.push(value);
  return value;
};

const homes: string[] = [];
afterAll(() => {
  for (const dir of homes) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh, empty home directory under the OS temp dir (never the real home). */
function tempHome(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk-credentials-'));
  homes.push(dir);
  return dir;
}

function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const cliPath = (home: string): string => path.join(home, '.aliyun', 'config.json');
const iniPath = (home: string): string => path.join(home, '.alibabacloud', 'credentials');
const writeCli = (home: string, config: unknown): string =>
  write(cliPath(home), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
const writeIni = (home: string, text: string): string => write(iniPath(home), text);

interface Keys {
  id: string;
  secret: string;
  token?: string;
}
const keys = (label: string, withToken = false): Keys => ({
  id: `LTAI-${label}-id`,
  secret: secret(label),
  ...(withToken ? { token: secret(`${label}-token`) } : {}),
});

const akProfile = (name: string, k: Keys, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  mode: 'AK',
  access_key_id: k.id,
  access_key_secret: k.secret,
  sts_token: '',
  region_id: 'cn-hangzhou',
  ...extra,
});
const stsProfile = (name: string, k: Keys): Record<string, unknown> => ({
  name,
  mode: 'StsToken',
  access_key_id: k.id,
  access_key_secret: k.secret,
  sts_token: k.token,
  region_id: 'cn-hangzhou',
});
const iniSection = (name: string, k: Keys, type = 'access_key'): string =>
  `[${name}]\nenable = true\ntype = ${type}\naccess_key_id = ${k.id}\naccess_key_secret = ${k.secret}\n${k.token === undefined ? '' : `security_token = ${k.token}\n`}`;

/** The fields, read directly (secrets are non-enumerable). */
const plain = (c: EnsCredentials): Record<string, string | undefined> => ({
  accessKeyId: c.accessKeyId,
  accessKeySecret: c.accessKeySecret,
  securityToken: c.securityToken,
});
const expected = (k: Keys): Record<string, string | undefined> => ({
  accessKeyId: k.id,
  accessKeySecret: k.secret,
  securityToken: k.token,
});

/** Asserts that no known secret appears anywhere in the error's visible forms. */
function expectNoSecrets(error: unknown): void {
  const shown = [
    error instanceof Error ? error.message : String(error),
    JSON.stringify(error),
    inspect(error),
    inspect(error, { depth: Infinity, showHidden: true }),
    error instanceof Error ? String(error.stack) : '',
  ].join('\n');
  for (const s of SECRETS) expect(shown).not.toContain(s);
  expect(shown).not.toContain(MARKER); // not even a fragment of a secret (V8's JSON errors quote ~10 characters)
}

/** Awaits a rejection with `EnsCredentialsError`, checking it leaks nothing. */
async function failure(promise: Promise<unknown>): Promise<EnsCredentialsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EnsCredentialsError);
  expectNoSecrets(error);
  return error as EnsCredentialsError;
}

/** Runs `fn` expecting a synchronous `EnsCredentialsError`, checking it leaks nothing. */
function thrown(fn: () => unknown): EnsCredentialsError {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(EnsCredentialsError);
  expectNoSecrets(error);
  return error as EnsCredentialsError;
}

/** The chain's ECS step disabled, so that a test that finds nothing does not ask a metadata service. */
const NO_ECS = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
const NOT_OIDC =
  'OIDC role: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set';
const CHAIN_TAIL = [
  'ECS RAM role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true',
  'credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set',
];

const envOf = (k: Keys): Record<string, string> => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: k.id,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: k.secret,
  ...(k.token === undefined ? {} : { ALIBABA_CLOUD_SECURITY_TOKEN: k.token }),
});

describe('toCredentialsProvider', () => {
  it('fixed object: returns the keys on every call, with the secret hidden from JSON, inspect and spread', async () => {
    const k = keys('fixed', true);
    const provider = toCredentialsProvider({ accessKeyId: k.id, accessKeySecret: k.secret, securityToken: k.token });
    const first = await provider();
    expect(plain(first)).toEqual(expected(k));
    expect(await provider()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    for (const shown of [JSON.stringify(first), inspect(first), inspect(provider), JSON.stringify({ ...first })]) {
      expect(shown).not.toContain(k.secret);
      expect(shown).not.toContain(k.token);
    }
    expect(JSON.parse(JSON.stringify(first))).toEqual({ accessKeyId: k.id });
    expect(inspect(first)).toContain(k.id);
  });

  it('fixed object: an empty securityToken means no token', async () => {
    const k = keys('fixed-empty-token');
    const creds = await toCredentialsProvider({ accessKeyId: k.id, accessKeySecret: k.secret, securityToken: '' })();
    expect(creds.securityToken).toBeUndefined();
    expect('securityToken' in creds).toBe(false);
  });

  it('invalid fixed object: throws at once, naming each bad field and never its value', () => {
    const s = secret('invalid-fixed');
    const a = thrown(() => toCredentialsProvider({ accessKeyId: 'LTAI-x', accessKeySecret: '' }));
    expect(a.message).toBe(
      'Invalid credentials from the credentials option: accessKeySecret must be a non-empty string (it is empty)',
    );
    expect(a.sources).toEqual(['the credentials option: accessKeySecret must be a non-empty string (it is empty)']);
    expect(a).toMatchObject({ fault: 'client', retryable: false });

    const b = thrown(() => toCredentialsProvider({ accessKeySecret: s } as unknown as EnsCredentials));
    expect(b.message).toContain('accessKeyId must be a non-empty string (it is missing)');
    expect(b.message).not.toContain('accessKeySecret');

    const c = thrown(() =>
      toCredentialsProvider({ accessKeyId: 42, accessKeySecret: '   ', securityToken: 7 } as unknown as EnsCredentials),
    );
    expect(c.sources).toEqual([
      'the credentials option: accessKeyId must be a non-empty string (it is a number)',
      'the credentials option: accessKeySecret must be a non-empty string (it is empty)',
      'the credentials option: securityToken must be a string (it is a number)',
    ]);

    const d = thrown(() => toCredentialsProvider(null as unknown as EnsCredentials));
    expect(d.message).toContain('expected an object with accessKeyId and accessKeySecret, got null');
    thrown(() => toCredentialsProvider(s as unknown as EnsCredentials));
  });

  it('provider function: called as is on every call, so rotating keys are picked up', async () => {
    const rotation = [keys('rotate-1', true), keys('rotate-2', true)];
    let calls = 0;
    const provider = toCredentialsProvider(async () => {
      const k = rotation[calls++ % 2]!;
      return { accessKeyId: k.id, accessKeySecret: k.secret, securityToken: k.token };
    });
    expect(plain(await provider())).toEqual(expected(rotation[0]!));
    expect(plain(await provider())).toEqual(expected(rotation[1]!));
    expect(calls).toBe(2);
    expect(JSON.stringify(await provider())).not.toContain(rotation[0]!.secret);
  });

  it('provider function: a malformed result is an EnsCredentialsError naming the field', async () => {
    const s = secret('malformed-provider');
    const noSecret = await failure(toCredentialsProvider(async () => ({ accessKeyId: 'LTAI-y' }) as EnsCredentials)());
    expect(noSecret.message).toBe(
      'Invalid credentials from the credentials provider: accessKeySecret must be a non-empty string (it is missing)',
    );
    const emptyId = await failure(toCredentialsProvider(async () => ({ accessKeyId: '', accessKeySecret: s }))());
    expect(emptyId.message).toContain('accessKeyId must be a non-empty string (it is empty)');
    const nothing = await failure(toCredentialsProvider(async () => undefined as unknown as EnsCredentials)());
    expect(nothing.message).toContain('got undefined');
  });

  it('provider function: its own errors propagate unchanged', async () => {
    const boom = new Error('vault unreachable');
    await expect(toCredentialsProvider(() => Promise.reject(boom))()).rejects.toBe(boom);
    await expect(
      toCredentialsProvider((() => {
        throw boom;
      }) as EnsCredentialsProvider)(),
    ).rejects.toBe(boom);
  });

  it('undefined: the default chain, with the given chain options', async () => {
    const k = keys('option-undefined');
    const provider = toCredentialsProvider(undefined, { env: envOf(k), homeDir: tempHome() });
    expect(plain(await provider())).toEqual(expected(k));
  });
});

describe('environment', () => {
  it('reads the key pair, without a token', async () => {
    const k = keys('env');
    const creds = await fromEnvironment(envOf(k))();
    expect(plain(creds)).toEqual(expected(k));
    expect(JSON.stringify(creds)).not.toContain(k.secret);
  });

  it('reads the STS token when set', async () => {
    const k = keys('env-sts', true);
    expect(plain(await fromEnvironment(envOf(k))())).toEqual(expected(k));
  });

  it('does not apply when nothing is set (blank counts as unset)', async () => {
    const err = await failure(
      fromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: '  ', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' })(),
    );
    expect(err.sources).toEqual(['environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set']);
    expect(err.message).toBe('No credentials found: environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set');
  });

  it('partly set: an error naming the missing variable', async () => {
    const k = keys('env-partial', true);
    const noSecret = await failure(fromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_ID: k.id })());
    expect(noSecret.message).toBe(
      'Cannot load credentials from environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set, but ALIBABA_CLOUD_ACCESS_KEY_ID is',
    );
    const noId = await failure(fromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: k.secret })());
    expect(noId.message).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID is not set, but ALIBABA_CLOUD_ACCESS_KEY_SECRET is');
    const tokenOnly = await failure(fromEnvironment({ ALIBABA_CLOUD_SECURITY_TOKEN: k.token })());
    expect(tokenOnly.message).toContain(
      'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are not set, but ALIBABA_CLOUD_SECURITY_TOKEN is',
    );
  });

  it('partly set: the chain stops there instead of falling back to the files', async () => {
    const home = tempHome();
    writeCli(home, { current: 'default', profiles: [akProfile('default', keys('cli-not-used'))] });
    const err = await failure(
      defaultCredentialsChain({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-only' }, homeDir: home })(),
    );
    expect(err.sources).toEqual([
      'environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set, but ALIBABA_CLOUD_ACCESS_KEY_ID is',
    ]);
  });
});

describe('CLI profile (~/.aliyun/config.json)', () => {
  it('uses the `current` profile, mode AK (an AK profile ignores sts_token)', async () => {
    const home = tempHome();
    const [a, b] = [keys('cli-a'), keys('cli-b')];
    writeCli(home, {
      current: 'work',
      profiles: [akProfile('default', a), akProfile('work', b, { sts_token: 'ignored' })],
    });
    const creds = await fromCliProfile({ env: {}, homeDir: home })();
    expect(plain(creds)).toEqual(expected(b));
  });

  it('falls back to "default" when `current` is not set; a profile without mode is AK', async () => {
    const home = tempHome();
    const k = keys('cli-nocurrent');
    const { mode: _mode, ...noMode } = akProfile('default', k);
    writeCli(home, { profiles: [noMode] });
    expect(plain(await fromCliProfile({ env: {}, homeDir: home })())).toEqual(expected(k));
  });

  it('ALIBABA_CLOUD_PROFILE wins over `current`; the explicit option wins over both', async () => {
    const home = tempHome();
    const [a, b, c] = [keys('cli-cur'), keys('cli-env'), keys('cli-opt')];
    writeCli(home, {
      current: 'cur',
      profiles: [akProfile('cur', a), akProfile('fromenv', b), akProfile('explicit', c)],
    });
    const env = { ALIBABA_CLOUD_PROFILE: 'fromenv' };
    expect(plain(await fromCliProfile({ env, homeDir: home })())).toEqual(expected(b));
    expect(plain(await fromCliProfile({ env, homeDir: home, profile: 'explicit' })())).toEqual(expected(c));
    expect(plain(await defaultCredentialsChain({ env, homeDir: home, profile: 'explicit' })())).toEqual(expected(c));
  });

  it("reads the path in ALIBABA_CLOUD_CONFIG_FILE (absolute or ~/…), as Alibaba's Go library does", async () => {
    const home = tempHome();
    const [a, b] = [keys('cli-home'), keys('cli-custom')];
    writeCli(home, { current: 'default', profiles: [akProfile('default', a)] });
    const config = JSON.stringify({ current: 'default', profiles: [akProfile('default', b)] });
    const custom = write(path.join(home, 'elsewhere', 'cli.json'), config);
    expect(plain(await fromCliProfile({ env: { ALIBABA_CLOUD_CONFIG_FILE: custom }, homeDir: home })())).toEqual(
      expected(b),
    );
    const env = { ALIBABA_CLOUD_CONFIG_FILE: '~/elsewhere/cli.json' };
    expect(plain(await fromCliProfile({ env, homeDir: home })())).toEqual(expected(b));
    expect(plain(await defaultCredentialsChain({ env, homeDir: home })())).toEqual(expected(b));
    // A path that does not exist does not apply (the chain goes on), named with the variable that chose it.
    const outside = path.join(tempHome(), 'missing.json');
    expect(
      (await failure(fromCliProfile({ env: { ALIBABA_CLOUD_CONFIG_FILE: outside }, homeDir: home })())).sources,
    ).toEqual([`${outside} (ALIBABA_CLOUD_CONFIG_FILE): not found`]);
  });

  it('mode StsToken carries the token', async () => {
    const home = tempHome();
    const k = keys('cli-sts', true);
    writeCli(home, { current: 'sts', profiles: [stsProfile('sts', k)] });
    const creds = await fromCliProfile({ env: {}, homeDir: home })();
    expect(plain(creds)).toEqual(expected(k));
    expect(inspect(creds)).not.toContain(k.token);
  });

  it('an unsupported mode does not apply, and says why', async () => {
    const home = tempHome();
    writeCli(home, {
      current: 'default',
      profiles: [
        {
          name: 'default',
          mode: 'BearerToken',
          bearer_token: secret('bearer'),
          access_key_secret: secret('ram'),
        },
      ],
    });
    const err = await failure(fromCliProfile({ env: {}, homeDir: home })());
    expect(err.sources).toEqual([
      '~/.aliyun/config.json: profile "default" has mode BearerToken, which ensdk does not read (it reads AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CloudSSO, External, OAuth)',
    ]);
  });

  it('a missing profile or file does not apply, and says why', async () => {
    const home = tempHome();
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).sources).toEqual([
      '~/.aliyun/config.json: not found',
    ]);
    writeCli(home, { current: 'default', profiles: [akProfile('default', keys('cli-other'))] });
    expect((await failure(fromCliProfile({ env: {}, homeDir: home, profile: 'x' })())).sources).toEqual([
      '~/.aliyun/config.json: profile "x" not found',
    ]);
    expect((await failure(fromCliProfile({ env: { ALIBABA_CLOUD_PROFILE: 'y' }, homeDir: home })())).sources).toEqual([
      '~/.aliyun/config.json: profile "y" (from ALIBABA_CLOUD_PROFILE) not found',
    ]);
    writeCli(home, { current: 'gone', profiles: [] });
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).sources).toEqual([
      '~/.aliyun/config.json: profile "gone" (the "current" profile) not found',
    ]);
  });

  it('bad JSON is an error naming the file and the position, never quoting it', async () => {
    const home = tempHome();
    const s = secret('cli-badjson');
    const line3 = `  "profiles": [{ "name": "default", "access_key_secret": "${s}" }}`;
    writeCli(home, `{\n  "current": "default",\n${line3}\n}`);
    const err = await failure(fromCliProfile({ env: {}, homeDir: home })());
    const column = line3.indexOf('}}') + 2; // 1-based column of the second brace
    expect(err.message).toBe(
      `Cannot load credentials from ~/.aliyun/config.json: not valid JSON (line 3, column ${column})`,
    );
    expect(err.message).not.toContain(home);
    expect(err.cause).toBeUndefined();

    writeCli(home, `{"profiles": [{"access_key_secret": ${s}}]}`); // V8's own message would quote the secret
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).message).toBe(
      'Cannot load credentials from ~/.aliyun/config.json: not valid JSON',
    );
    writeCli(home, `{"profiles": [{"access_key_secret": "${s}"`);
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).message).toMatch(
      /not valid JSON \(it ends too early\)$/,
    );
    writeCli(home, '');
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).message).toMatch(
      /not valid JSON \(the file is empty\)$/,
    );
  });

  it('a chosen profile without its keys, or a file without profiles, is an error', async () => {
    const home = tempHome();
    const k = keys('cli-missing', true);
    writeCli(home, {
      current: 'default',
      profiles: [{ name: 'default', mode: 'AK', access_key_id: k.id, access_key_secret: '' }],
    });
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).message).toBe(
      'Cannot load credentials from ~/.aliyun/config.json: profile "default" (mode AK) has no access_key_secret',
    );
    writeCli(home, { current: 'sts', profiles: [{ ...stsProfile('sts', k), sts_token: '' }] });
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).sources).toEqual([
      '~/.aliyun/config.json: profile "sts" (mode StsToken) has no sts_token',
    ]);
    writeCli(home, { current: 'default', profiles: { default: { access_key_secret: k.secret } } });
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).message).toContain('has no "profiles" list');
    writeCli(home, [k.secret]);
    expect((await failure(fromCliProfile({ env: {}, homeDir: home })())).message).toContain('expected a JSON object');
  });

  it('an unreadable path is an error with its code', async () => {
    const home = tempHome();
    fs.mkdirSync(cliPath(home), { recursive: true }); // a directory where the file should be
    const err = await failure(fromCliProfile({ env: {}, homeDir: home })());
    expect(err.message).toBe('Cannot load credentials from ~/.aliyun/config.json: cannot be read (EISDIR)');
  });
});

describe('credentials file (~/.alibabacloud/credentials)', () => {
  it('reads the default section', async () => {
    const home = tempHome();
    const [a, b] = [keys('ini-default'), keys('ini-other')];
    writeIni(home, `# comment\n; another\n${iniSection('other', b)}\n${iniSection('default', a)}`);
    expect(plain(await fromCredentialsFile({ env: {}, homeDir: home })())).toEqual(expected(a));
  });

  it('reads a named profile (option, else ALIBABA_CLOUD_PROFILE), with type sts, CRLF and quotes', async () => {
    const home = tempHome();
    const [a, b, c] = [keys('ini-d'), keys('ini-env', true), keys('ini-opt')];
    writeIni(
      home,
      [
        iniSection('default', a),
        iniSection('fromenv', b, 'sts'),
        `[explicit]\r\ntype = "access_key"\r\naccess_key_id = '${c.id}'\r\naccess_key_secret = "${c.secret}"\r\n`,
      ].join('\n'),
    );
    const env = { ALIBABA_CLOUD_PROFILE: 'fromenv' };
    expect(plain(await fromCredentialsFile({ env, homeDir: home })())).toEqual(expected(b));
    expect(plain(await fromCredentialsFile({ env, homeDir: home, profile: 'explicit' })())).toEqual(expected(c));
  });

  it('reads the path in ALIBABA_CLOUD_CREDENTIALS_FILE (absolute or ~/…)', async () => {
    const home = tempHome();
    const [a, b] = [keys('ini-home'), keys('ini-custom')];
    writeIni(home, iniSection('default', a));
    const custom = write(path.join(home, 'elsewhere', 'creds.ini'), iniSection('default', b));
    expect(
      plain(await fromCredentialsFile({ env: { ALIBABA_CLOUD_CREDENTIALS_FILE: custom }, homeDir: home })()),
    ).toEqual(expected(b));
    expect(
      plain(
        await fromCredentialsFile({
          env: { ALIBABA_CLOUD_CREDENTIALS_FILE: '~/elsewhere/creds.ini' },
          homeDir: home,
        })(),
      ),
    ).toEqual(expected(b));
    const outside = path.join(tempHome(), 'missing.ini');
    expect(
      (await failure(fromCredentialsFile({ env: { ALIBABA_CLOUD_CREDENTIALS_FILE: outside }, homeDir: home })()))
        .sources,
    ).toEqual([`${outside} (ALIBABA_CLOUD_CREDENTIALS_FILE): not found`]);
  });

  it('does not apply, saying why: no file, no section, disabled section, unsupported type', async () => {
    const home = tempHome();
    const run = async (options: object = {}): Promise<readonly string[]> =>
      (await failure(fromCredentialsFile({ env: {}, homeDir: home, ...options })())).sources;
    expect(await run()).toEqual(['~/.alibabacloud/credentials: not found']);
    writeIni(home, iniSection('other', keys('ini-nosection')));
    expect(await run()).toEqual(['~/.alibabacloud/credentials: profile "default" not found']);
    expect(await run({ env: { ALIBABA_CLOUD_PROFILE: 'p' } })).toEqual([
      '~/.alibabacloud/credentials: profile "p" (from ALIBABA_CLOUD_PROFILE) not found',
    ]);
    writeIni(home, iniSection('default', keys('ini-disabled')).replace('enable = true', 'enable = false'));
    expect(await run()).toEqual(['~/.alibabacloud/credentials: profile "default" is disabled (enable = false)']);
    writeIni(home, iniSection('default', keys('ini-saml'), 'saml'));
    expect(await run()).toEqual([
      '~/.alibabacloud/credentials: profile "default" has type saml, which ensdk does not read (it reads access_key, sts, ecs_ram_role, ram_role_arn, oidc_role_arn)',
    ]);
  });

  it('the legacy types rsa_key_pair and bearer are errors saying why, without their secrets', async () => {
    const home = tempHome();
    const run = async (): Promise<EnsCredentialsError> =>
      failure(defaultCredentialsChain({ env: NO_ECS, homeDir: home })());
    writeIni(
      home,
      `[default]\ntype = rsa_key_pair\npublic_key_id = 1234\nprivate_key_file = /home/u/${secret('rsa-path')}.pem\n`,
    );
    const rsa = await run();
    expect(rsa.message).toMatch(
      /^Cannot load credentials from ~\/\.alibabacloud\/credentials: profile "default" has type rsa_key_pair, which ensdk does not support: RSA key pairs .*; it reads access_key, sts, ecs_ram_role, ram_role_arn, oidc_role_arn$/,
    );
    writeIni(home, `[default]\ntype = bearer\nbearer_token = ${secret('bearer-token')}\n`);
    const bearer = await run();
    expect(bearer.message).toMatch(
      /profile "default" has type bearer, which ensdk does not support: a bearer token .* ENS accepts AccessKey signatures only/,
    );
    // The chain stops there (the section is the intended identity): the steps after the file are not tried.
    expect(bearer.sources.at(-1)).toMatch(/^~\/\.alibabacloud\/credentials: profile "default" has type bearer/);
  });

  it('malformed: a bad line (by number only), no type, missing keys', async () => {
    const home = tempHome();
    const s = secret('ini-badline');
    const run = async (): Promise<EnsCredentialsError> => failure(fromCredentialsFile({ env: {}, homeDir: home })());
    writeIni(home, `[default]\ntype = access_key\n${s}\n`);
    expect((await run()).message).toBe(
      'Cannot load credentials from ~/.alibabacloud/credentials: line 3 is neither "[section]" nor "key = value"',
    );
    writeIni(home, `[default]\naccess_key_id = LTAI-z\naccess_key_secret = ${s}\n`);
    expect((await run()).message).toContain('profile "default" has no type (expected type = access_key)');
    writeIni(home, `[default]\ntype = access_key\naccess_key_secret = ${s}\n`);
    expect((await run()).sources).toEqual([
      '~/.alibabacloud/credentials: profile "default" (type access_key) has no access_key_id',
    ]);
    writeIni(home, iniSection('default', keys('ini-sts-missing'), 'sts'));
    expect((await run()).sources).toEqual([
      '~/.alibabacloud/credentials: profile "default" (type sts) has no security_token',
    ]);
  });
});

describe('defaultCredentialsChain', () => {
  it('environment wins over both files', async () => {
    const home = tempHome();
    const [e, c, i] = [keys('order-env', true), keys('order-cli'), keys('order-ini')];
    writeCli(home, { current: 'default', profiles: [akProfile('default', c)] });
    writeIni(home, iniSection('default', i));
    expect(plain(await defaultCredentialsChain({ env: envOf(e), homeDir: home })())).toEqual(expected(e));
  });

  it('the CLI profile wins over the INI file', async () => {
    const home = tempHome();
    const [c, i] = [keys('order2-cli'), keys('order2-ini')];
    writeCli(home, { current: 'default', profiles: [akProfile('default', c)] });
    writeIni(home, iniSection('default', i));
    expect(plain(await defaultCredentialsChain({ env: NO_ECS, homeDir: home })())).toEqual(expected(c));
  });

  it('falls through a CLI profile that does not apply to the INI file', async () => {
    const home = tempHome();
    const i = keys('fallthrough-ini');
    writeCli(home, { current: 'default', profiles: [{ name: 'default', mode: 'BearerToken', bearer_token: 'x' }] });
    writeIni(home, iniSection('default', i));
    expect(plain(await defaultCredentialsChain({ env: NO_ECS, homeDir: home })())).toEqual(expected(i));
  });

  it('nothing found: one error listing every place, in order, with its reason', async () => {
    const home = tempHome();
    const err = await failure(defaultCredentialsChain({ env: NO_ECS, homeDir: home })());
    expect(err.sources).toEqual([
      'environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set',
      NOT_OIDC,
      '~/.aliyun/config.json: not found',
      '~/.alibabacloud/credentials: not found',
      ...CHAIN_TAIL,
    ]);
    expect(err.message).toBe(
      'No Alibaba Cloud credentials found. Looked in: (1) environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set; ' +
        `(2) ${NOT_OIDC}; (3) ~/.aliyun/config.json: not found; (4) ~/.alibabacloud/credentials: not found; ` +
        `(5) ${CHAIN_TAIL[0]}; (6) ${CHAIN_TAIL[1]}. ` +
        'Pass credentials to the client, set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `aliyun configure`.',
    );
    expect(err).toMatchObject({ name: 'EnsCredentialsError', fault: 'client', retryable: false });
    expect(err.toJSON()).toEqual({ name: 'EnsCredentialsError', message: err.message, sources: err.sources });
    expect(err.message).not.toContain(home);
  });

  it('nothing applies: the reasons of files that exist but do not fit', async () => {
    const home = tempHome();
    writeCli(home, {
      current: 'default',
      profiles: [{ name: 'default', mode: 'RsaKeyPair', access_key_secret: secret('chain-ram') }],
    });
    writeIni(home, iniSection('other', keys('chain-other')));
    const err = await failure(
      defaultCredentialsChain({
        env: {
          ALIBABA_CLOUD_ROLE_ARN: 'acs:ram::1:role/r',
          ALIBABA_CLOUD_OIDC_TOKEN_FILE: '/var/run/token',
          ...NO_ECS,
        },
        homeDir: home,
      })(),
    );
    expect(err.sources).toEqual([
      'environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set',
      'OIDC role: ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set',
      '~/.aliyun/config.json: profile "default" has mode RsaKeyPair, which ensdk does not read (it reads AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn, CloudSSO, External, OAuth)',
      '~/.alibabacloud/credentials: profile "default" not found',
      ...CHAIN_TAIL,
    ]);
  });

  it('a malformed file stops the chain; the error keeps the places looked before it', async () => {
    const home = tempHome();
    writeCli(home, `{"profiles": [ {"access_key_secret": "${secret('chain-bad')}" ]}`);
    writeIni(home, iniSection('default', keys('chain-bad-ini')));
    const err = await failure(defaultCredentialsChain({ env: NO_ECS, homeDir: home })());
    expect(err.message).toMatch(
      /^Cannot load credentials from ~\/\.aliyun\/config\.json: not valid JSON \(line 1, column \d+\)$/,
    );
    expect(err.sources).toEqual([
      'environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set',
      NOT_OIDC,
      err.message.replace('Cannot load credentials from ', ''),
    ]);
  });

  it('resolves once and caches: the files are not read again', async () => {
    const home = tempHome();
    const k = keys('cache-cli', true);
    writeCli(home, { current: 'sts', profiles: [stsProfile('sts', k)] });
    const provider = defaultCredentialsChain({ env: NO_ECS, homeDir: home });
    const first = await provider();
    fs.rmSync(cliPath(home));
    const second = await provider();
    expect(second).toBe(first);
    expect(plain(second)).toEqual(expected(k));
    // A new chain does read again, and finds nothing.
    await failure(defaultCredentialsChain({ env: NO_ECS, homeDir: home })());
  });

  it('concurrent first calls share one resolution', async () => {
    const k = keys('concurrent');
    const env = envOf(k);
    let reads = 0;
    const counting = new Proxy(env, {
      get(target, key, receiver) {
        if (key === 'ALIBABA_CLOUD_ACCESS_KEY_ID') reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const provider = defaultCredentialsChain({ env: counting, homeDir: tempHome() });
    const results = await Promise.all(Array.from({ length: 10 }, () => provider()));
    expect(reads).toBe(1);
    for (const r of results) expect(r).toBe(results[0]);
    await provider();
    expect(reads).toBe(1);
  });

  it('a failure is not cached: the next call retries', async () => {
    const home = tempHome();
    const provider = defaultCredentialsChain({ env: NO_ECS, homeDir: home });
    const [a, b] = await Promise.all([failure(provider()), failure(provider())]);
    expect(a).toBe(b);
    const k = keys('retry');
    writeIni(home, iniSection('default', k));
    expect(plain(await provider())).toEqual(expected(k));
  });

  it('single sources cache too', async () => {
    const home = tempHome();
    const k = keys('single-cache');
    writeIni(home, iniSection('default', k));
    const provider = fromCredentialsFile({ env: {}, homeDir: home });
    const first = await provider();
    fs.rmSync(iniPath(home));
    expect(await provider()).toBe(first);
  });
});

describe('secrets never leak', () => {
  it('no error path shows a secret, and neither do providers or credentials', async () => {
    const home = tempHome();
    const k = keys('leak', true);
    const errors: unknown[] = [];
    const collect = async (p: Promise<unknown>): Promise<void> => {
      errors.push(
        await p.then(
          () => new Error('resolved'),
          (e: unknown) => e,
        ),
      );
    };
    // Environment, partly set (each variable present alone with a secret).
    await collect(
      fromEnvironment({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: k.secret, ALIBABA_CLOUD_SECURITY_TOKEN: k.token })(),
    );
    await collect(defaultCredentialsChain({ env: { ALIBABA_CLOUD_SECURITY_TOKEN: k.token }, homeDir: home })());
    // CLI config: bad JSON, missing keys, unsupported mode, missing profile.
    const cliCases: string[] = [
      `{"current":"default","profiles":[{"name":"default","access_key_secret":"${k.secret}","sts_token":"${k.token}"`,
      `{"profiles":[{"name":"default","access_key_secret":"${k.secret}","sts_token":"${k.token}",]}`,
      `{"current":"default","profiles":[{"name":"default","sts_token":"${k.token}","access_key_secret": ${k.secret}}]}`, // V8 quotes this text
      JSON.stringify({
        current: 'default',
        profiles: [{ name: 'default', mode: 'StsToken', access_key_secret: k.secret, sts_token: k.token }],
      }),
      JSON.stringify({
        current: 'default',
        profiles: [{ name: 'default', mode: 'RamRoleArn', access_key_secret: k.secret, sts_token: k.token }],
      }),
      JSON.stringify({
        current: 'nope',
        profiles: [{ name: 'default', mode: 'AK', access_key_secret: k.secret, sts_token: k.token }],
      }),
      JSON.stringify({ current: 'default', profiles: k.secret }),
    ];
    for (const text of cliCases) {
      writeCli(home, text);
      await collect(fromCliProfile({ env: {}, homeDir: home })());
      await collect(defaultCredentialsChain({ env: NO_ECS, homeDir: home })());
    }
    fs.rmSync(cliPath(home));
    // INI: bad line, no type, missing keys, unsupported type, missing section.
    const iniCases = [
      `[default]\n${k.secret}\n`,
      `[default]\naccess_key_secret = ${k.secret}\nsecurity_token = ${k.token}\n`,
      `[default]\ntype = sts\naccess_key_secret = ${k.secret}\nsecurity_token = ${k.token}\n`,
      `[default]\ntype = ram_role_arn\naccess_key_secret = ${k.secret}\n`,
      `[other]\ntype = access_key\naccess_key_id = x\naccess_key_secret = ${k.secret}\n`,
    ];
    for (const text of iniCases) {
      writeIni(home, text);
      await collect(fromCredentialsFile({ env: {}, homeDir: home })());
      await collect(defaultCredentialsChain({ env: NO_ECS, homeDir: home })());
    }
    // Fixed objects and providers.
    errors.push(
      thrownError(() =>
        toCredentialsProvider({
          accessKeyId: '',
          accessKeySecret: k.secret,
          securityToken: 1,
        } as unknown as EnsCredentials),
      ),
    );
    await collect(
      toCredentialsProvider(async () => ({ accessKeyId: '', accessKeySecret: k.secret, securityToken: k.token }))(),
    );

    expect(errors).toHaveLength(2 + cliCases.length * 2 + iniCases.length * 2 + 2);
    for (const error of errors) {
      expect(error).toBeInstanceOf(EnsCredentialsError);
      expectNoSecrets(error);
    }

    // Working providers and what they return.
    writeIni(home, iniSection('default', k, 'sts'));
    const providers = [
      toCredentialsProvider({ accessKeyId: k.id, accessKeySecret: k.secret!, securityToken: k.token }),
      fromEnvironment(envOf(k)),
      fromCredentialsFile({ env: {}, homeDir: home }),
      defaultCredentialsChain({ env: NO_ECS, homeDir: home }),
    ];
    for (const provider of providers) {
      const creds = await provider();
      expect(plain(creds)).toEqual(expected(k));
      const shown = [
        inspect(provider, { showHidden: true }),
        JSON.stringify(creds),
        inspect(creds),
        inspect({ creds }, { depth: 5 }),
        JSON.stringify({ ...creds }),
        String(creds),
      ].join('\n');
      for (const s of SECRETS) expect(shown).not.toContain(s);
      expect(shown).not.toContain(MARKER);
    }
  });
});

function thrownError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return new Error('did not throw');
}
