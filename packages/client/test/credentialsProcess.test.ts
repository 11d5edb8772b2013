import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { EnsCredentialsError } from '@ensdk/errors';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultCredentialsChain, fromCliProfile } from '../src/node/credentials/index.js';
import { processCommandProvider, splitProcessCommand } from '../src/node/credentials/processCommand.js';

// CLI profile mode External: `process_command` is a real program (a small node script) run without a shell; its
// stdout JSON gives the credentials. No network: the script prints what its arguments say.

const MARKER = 'SeCrEt';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensdk process '));
  dirs.push(dir);
  return dir;
}

/**
 * The helper the profiles run: `node helper.cjs <behaviour> <state dir>`. It counts its runs in `<state>/runs`, and
 * prints keys numbered by the run, so that a test sees whether the command ran again.
 */
const HELPER = `
const fs = require('node:fs');
const path = require('node:path');
const [behaviour, state] = process.argv.slice(2);
const runsFile = path.join(state, 'runs');
const run = (fs.existsSync(runsFile) ? Number(fs.readFileSync(runsFile, 'utf8')) : 0) + 1;
fs.writeFileSync(runsFile, String(run));
const keys = { access_key_id: 'LTAI-ext-' + run, access_key_secret: '${MARKER}-ext-secret-' + run };
const at = (ms) => new Date(Date.now() + ms).toISOString().slice(0, 19) + 'Z';
const print = (value) => process.stdout.write(JSON.stringify(value));
switch (behaviour) {
  case 'ak': print({ mode: 'AK', ...keys }); break;
  case 'sts': print({ mode: 'StsToken', ...keys, sts_token: '${MARKER}-ext-token-' + run, expiration: at(3600e3) }); break;
  case 'sts-no-mode': print({ ...keys, sts_token: '${MARKER}-ext-token-' + run }); break;
  case 'sts-soon': print({ mode: 'StsToken', ...keys, sts_token: '${MARKER}-ext-token-' + run, expiration: at(120e3) }); break;
  case 'sts-no-token': print({ mode: 'StsToken', ...keys }); break;
  case 'no-secret': print({ mode: 'AK', access_key_id: keys.access_key_id }); break;
  case 'bad-mode': print({ mode: 'RamRoleArn', ...keys }); break;
  case 'bad-expiration': print({ mode: 'StsToken', ...keys, sts_token: 't', expiration: 'tomorrow' }); break;
  case 'bad-json': process.stdout.write('{"access_key_secret": "${MARKER}-half-printed'); break;
  case 'fail':
    process.stderr.write('vault: token ${MARKER}-in-stderr refused\\n');
    process.stdout.write('{"access_key_secret": "${MARKER}-before-failing"}');
    process.exit(3);
  case 'flood': process.stdout.write('x'.repeat(200 * 1024)); break;
  case 'hang': {
    const child = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], { stdio: 'ignore' });
    fs.writeFileSync(path.join(state, 'pids'), JSON.stringify([process.pid, child.pid]));
    process.stdout.write('{"access_key_secret": "${MARKER}-partial"');
    setInterval(() => {}, 1e6);
    break;
  }
  default: process.exit(64);
}
`;

/** A folder (with a space in its name, so the command needs quotes) holding the helper and its state. */
function setup(): { command: (behaviour: string) => string; runs: () => number; state: string } {
  const dir = tempDir();
  const script = path.join(dir, 'helper.cjs');
  fs.writeFileSync(script, HELPER);
  return {
    command: (behaviour) => `"${process.execPath}" "${script}" ${behaviour} '${dir}'`,
    runs: () => {
      const file = path.join(dir, 'runs');
      return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0;
    },
    state: dir,
  };
}

function writeExternalProfile(command: string, extra: Record<string, unknown> = {}): string {
  const home = tempDir();
  fs.mkdirSync(path.join(home, '.aliyun'));
  fs.writeFileSync(
    path.join(home, '.aliyun', 'config.json'),
    JSON.stringify({
      current: 'ext',
      profiles: [{ name: 'ext', mode: 'External', process_command: command, ...extra }],
    }),
  );
  return home;
}

/** Asserts no secret the helper prints (all carry MARKER) shows in any visible form of the error. */
function expectNoSecrets(error: unknown): void {
  const shown = [
    error instanceof Error ? `${error.message}\n${String(error.stack)}` : '',
    JSON.stringify(error),
    inspect(error),
    inspect(error, { depth: Infinity, showHidden: true }),
  ].join('\n');
  expect(shown).not.toContain(MARKER);
}

/** Credentials show their key id, never the secret or token, in JSON, `util.inspect` or a spread. */
function expectHiddenSecrets(credentials: object): void {
  const shown = [
    JSON.stringify(credentials),
    inspect(credentials, { depth: Infinity }),
    JSON.stringify({ ...credentials }),
  ];
  for (const text of shown) expect(text).not.toContain(MARKER);
}

async function failure(promise: Promise<unknown>): Promise<EnsCredentialsError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EnsCredentialsError);
  expectNoSecrets(error);
  return error as EnsCredentialsError;
}

/** Whether `pid` runs (a zombie, killed but not yet reaped by an init that does not reap, counts as dead). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('splitting process_command (no shell)', () => {
  it('splits on blanks like the CLI, and honours quotes', () => {
    expect(splitProcessCommand('  vault-helper  get --role ens ')).toEqual(['vault-helper', 'get', '--role', 'ens']);
    expect(splitProcessCommand(`"/opt/my tools/helper" 'a b' "say \\"hi\\"" C:\\bin\\x.exe ''`)).toEqual([
      '/opt/my tools/helper',
      'a b',
      'say "hi"',
      'C:\\bin\\x.exe',
      '',
    ]);
    // Shell syntax is an ordinary argument: nothing is interpreted.
    expect(splitProcessCommand('helper $HOME; rm -rf / | cat')).toEqual([
      'helper',
      '$HOME;',
      'rm',
      '-rf',
      '/',
      '|',
      'cat',
    ]);
  });

  it('an empty command or an unclosed quote is refused before anything runs, without quoting the command', () => {
    for (const [command, rule] of [
      ['   ', /process_command is empty/],
      [`helper --token ${MARKER}-arg "unclosed`, /process_command has an unclosed " quote/],
    ] as const) {
      let error: unknown;
      try {
        splitProcessCommand(command);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(EnsCredentialsError);
      expect((error as Error).message).toMatch(rule);
      expectNoSecrets(error);
    }
  });
});

describe('CLI profile mode External', () => {
  it('AK: the command runs once, without a shell, and its keys are used', async () => {
    const helper = setup();
    const provider = fromCliProfile({ env: {}, homeDir: writeExternalProfile(helper.command('ak')) });
    const first = await provider();
    expect(first.accessKeyId).toBe('LTAI-ext-1');
    expect(first.accessKeySecret).toBe(`${MARKER}-ext-secret-1`);
    expect(first.securityToken).toBeUndefined();
    // No expiration: the credentials are kept, the command is not run again.
    expect((await provider()).accessKeyId).toBe('LTAI-ext-1');
    expect(helper.runs()).toBe(1);
    expectHiddenSecrets(first);
  });

  it('StsToken: keys and token; concurrent first callers share one run', async () => {
    const helper = setup();
    const provider = fromCliProfile({ env: {}, homeDir: writeExternalProfile(helper.command('sts')) });
    const all = await Promise.all(Array.from({ length: 10 }, () => provider()));
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(['LTAI-ext-1']));
    expect(all[0]?.securityToken).toBe(`${MARKER}-ext-token-1`);
    expect(helper.runs()).toBe(1);
    // An hour left: the next call keeps them.
    expect((await provider()).accessKeyId).toBe('LTAI-ext-1');
    expect(helper.runs()).toBe(1);
    expectHiddenSecrets(all[0] ?? {});
  });

  it('without mode, a printed sts_token means StsToken', async () => {
    const helper = setup();
    const credentials = await fromCliProfile({
      env: {},
      homeDir: writeExternalProfile(helper.command('sts-no-mode')),
    })();
    expect(credentials.securityToken).toBe(`${MARKER}-ext-token-1`);
  });

  it('an expiration less than 3 minutes away runs the command again at the next call', async () => {
    const helper = setup();
    const provider = fromCliProfile({ env: {}, homeDir: writeExternalProfile(helper.command('sts-soon')) });
    expect((await provider()).accessKeyId).toBe('LTAI-ext-1');
    const second = await provider();
    expect(second.accessKeyId).toBe('LTAI-ext-2');
    expect(second.securityToken).toBe(`${MARKER}-ext-token-2`);
    expect(helper.runs()).toBe(2);
  });

  it('the default chain reads the External profile in its CLI step', async () => {
    const helper = setup();
    const credentials = await defaultCredentialsChain({
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
      homeDir: writeExternalProfile(helper.command('ak')),
    })();
    expect(credentials.accessKeyId).toBe('LTAI-ext-1');
  });

  it('output that is not JSON: named, never quoted', async () => {
    const helper = setup();
    const error = await failure(
      fromCliProfile({ env: {}, homeDir: writeExternalProfile(helper.command('bad-json')) })(),
    );
    expect(error.message).toMatch(
      /profile "ext" \(mode External\): process_command of profile "ext": cannot get credentials: ".*node" printed no JSON \(\d+ bytes on stdout, not shown: they may hold secrets\)/,
    );
  });

  it('a missing key, a StsToken without token, an unknown mode, a bad expiration: each named', async () => {
    const cases = [
      ['no-secret', /printed mode AK without access_key_secret/],
      ['sts-no-token', /printed mode StsToken without sts_token/],
      ['bad-mode', /printed mode "RamRoleArn"; ensdk reads AK or StsToken/],
      ['bad-expiration', /printed expiration "tomorrow"; expected a time like 2026-01-31T12:00:00Z/],
    ] as const;
    for (const [behaviour, rule] of cases) {
      const helper = setup();
      const error = await failure(
        fromCliProfile({ env: {}, homeDir: writeExternalProfile(helper.command(behaviour)) })(),
      );
      expect(error.message).toMatch(rule);
    }
  });

  it('a non-zero exit names the profile and the code, not what the command printed on stdout or stderr', async () => {
    const helper = setup();
    const error = await failure(fromCliProfile({ env: {}, homeDir: writeExternalProfile(helper.command('fail')) })());
    expect(error.message).toMatch(/profile "ext"/);
    expect(error.message).toMatch(
      /".*node" exited with code 3; it wrote \d+ bytes to stderr, not shown here \(they may hold secrets\): run the command yourself to read them/,
    );
  });

  it('a program that does not exist: the reason, not the arguments', async () => {
    const error = await failure(
      fromCliProfile({ env: {}, homeDir: writeExternalProfile(`/nonexistent/ensdk-helper --token ${MARKER}-arg`) })(),
    );
    expect(error.message).toMatch(/"\/nonexistent\/ensdk-helper" cannot be started \(ENOENT\)/);
  });

  it('a profile without process_command, or with an unclosed quote, is an error naming the profile', async () => {
    const without = await failure(fromCliProfile({ env: {}, homeDir: writeExternalProfile('') })());
    expect(without.message).toMatch(/profile "ext" \(mode External\) has no process_command/);
    const unclosed = await failure(fromCliProfile({ env: {}, homeDir: writeExternalProfile('"helper get') })());
    expect(unclosed.message).toMatch(/profile "ext": .*process_command has an unclosed " quote/);
  });

  it('more stdout than the limit kills the command', async () => {
    const helper = setup();
    const error = await failure(fromCliProfile({ env: {}, homeDir: writeExternalProfile(helper.command('flood')) })());
    expect(error.message).toMatch(/printed more than 65536 bytes on stdout; it was killed/);
  });

  it('a command that hangs is killed at the limit, with what it started', async () => {
    const helper = setup();
    const provider = processCommandProvider({ profile: 'ext', command: helper.command('hang'), timeoutMs: 1_500 });
    const started = performance.now();
    const error = await failure(provider());
    const waited = performance.now() - started;
    expect(error.message).toMatch(/".*node" did not finish within 1500 ms; it was killed \(\d+ bytes on stdout\)/);
    expect(waited).toBeGreaterThanOrEqual(1_400);
    expect(waited).toBeLessThan(1_500 + 2_500); // killed at the limit, not by the engine's bound or never
    const pids = JSON.parse(fs.readFileSync(path.join(helper.state, 'pids'), 'utf8')) as number[];
    // SIGKILL to the process group: the helper and the process it started both die.
    const deadline = Date.now() + 2_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(pids.filter(alive)).toEqual([]);
  });
});
