/**
 * The CLI profile mode `External`: the profile's `process_command` is run and prints the credentials as JSON on its
 * stdout. Loaded on the first resolution, with the CLI profile source. @internal
 *
 * Decisions (the CLI runs the command with Go's `exec.Command` on `strings.Fields` of it, no shell; Alibaba's
 * Node library with `execFile`, 60 s, re-running it 180 s before `expiration`):
 * - no shell: the command is split into a program and its arguments ({@link splitProcessCommand}) and the program
 *   is started directly (found on `PATH`), with stdin closed and the process's environment;
 * - it must finish within {@link PROCESS_TIMEOUT_MS}; at the limit, or when the caller's refresh is abandoned, it is
 *   killed (SIGKILL, its whole process group on POSIX, so a helper it started dies too);
 * - stdout is read up to {@link PROCESS_OUTPUT_LIMIT} bytes; more kills it;
 * - stdout and stderr are never shown in a message, nor kept in an error: they hold the secret (stdout) or may
 *   (stderr: a helper may echo what it fetched). A message names the profile, the program (not its arguments: they
 *   may hold a token), the exit code or signal, and how many bytes each stream carried;
 * - `expiration` set: the credentials are cached and the command run again when less than 3 minutes remain (as
 *   Alibaba's provider), by the refresh engine (one run shared by concurrent callers, a failed run while the
 *   credentials still work keeps them, expired credentials never returned); no `expiration`: the command runs once.
 */
import { EnsAbortError, EnsCredentialsError } from '@ensdk/errors/base';
import { nodeChildProcess } from '../builtins.js';
import { makeCredentials } from './checkCredentials.js';
import { isObject, own } from './json.js';
import { badOption } from './providerOptions.js';
import { type ExpiringCredentials, parseIsoTime, refreshingProvider } from './refresh.js';
import type { EnsCredentialsProvider } from './types.js';

/** How long `process_command` may run before it is killed, in ms. @internal */
export const PROCESS_TIMEOUT_MS = 10_000;
/** The most stdout `process_command` may print, in bytes (a credentials answer is well under 4 KB). @internal */
export const PROCESS_OUTPUT_LIMIT = 64 * 1024;
/** Re-run the command when less than this remains before `expiration` (Alibaba's external provider: 180 s). */
const EXTERNAL_REFRESH_AHEAD_MS = 3 * 60_000;

/** What a CLI profile in mode `External` says. @internal */
export interface ProcessCommandSettings {
  /** The profile's name, for messages. */
  readonly profile: string;
  /** `process_command`, as the profile holds it. */
  readonly command: string;
  /** Default {@link PROCESS_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /** Default {@link PROCESS_OUTPUT_LIMIT}. */
  readonly outputLimit?: number;
}

/**
 * Splits `process_command` into a program and its arguments, without a shell: blanks separate words; `'…'` keeps
 * its text as it is; `"…"` too, except that `\"` and `\\` inside stand for `"` and `\`. A backslash outside quotes
 * is an ordinary character (Windows paths). So `strings.Fields`, as the CLI splits, gives the same words for any
 * command without quotes. An empty command or an unclosed quote throws `EnsCredentialsError` (the message does not
 * quote the command: it may hold a token).
 * @internal
 */
export function splitProcessCommand(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      const next = command[i + 1];
      if (c === '"') quote = undefined;
      else if (c === '\\' && (next === '"' || next === '\\')) {
        word += next;
        i++;
      } else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== undefined) throw badOption('process_command', `has an unclosed ${quote} quote`);
  if (inWord) words.push(word);
  if (words.length === 0 || words[0] === '') throw badOption('process_command', 'is empty');
  return words;
}

/** What a run printed and how it ended. */
interface ProcessRun {
  readonly stdout: Buffer;
}

/** Kills the child and, on POSIX, its process group (it was started as the leader of its own group). */
function kill(pid: number | undefined, fallback: () => void): void {
  if (pid !== undefined && process.platform !== 'win32') {
    try {
      process.kill(-pid, 'SIGKILL');
      return;
    } catch {
      // The group is gone already, or was never made: kill the child alone.
    }
  }
  fallback();
}

/** `<step> <problem>`, e.g. `"vault-helper" exited with code 3`. Never pass what the command printed. */
const stepError = (step: string, problem: string): EnsCredentialsError => new EnsCredentialsError(`${step} ${problem}`);

const bytes = (n: number): string => `${n} byte${n === 1 ? '' : 's'}`;

/**
 * Runs `program` with `args` and resolves with its stdout once it exits with 0. Rejects with `EnsCredentialsError`
 * (`step: problem`, never what it printed) when it cannot start, exits otherwise, prints too much, outlives
 * `timeoutMs` (killed) or `signal` aborts (killed, `EnsAbortError`).
 */
function runProcess(
  step: string,
  words: readonly string[],
  limits: { readonly timeoutMs: number; readonly outputLimit: number },
  signal: AbortSignal,
): Promise<ProcessRun> {
  const [program = '', ...args] = words;
  return new Promise<ProcessRun>((resolve, reject) => {
    if (signal.aborted) {
      reject(new EnsAbortError({ cause: signal.reason }));
      return;
    }
    const child = nodeChildProcess().spawn(program, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let settled = false;
    const finish = (error: Error | undefined, run?: ProcessRun): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (error === undefined && run !== undefined) resolve(run);
      else reject(error);
    };
    const stop = (error: Error): void => {
      kill(child.pid, () => child.kill('SIGKILL'));
      child.stdout.destroy();
      child.stderr.destroy();
      finish(error);
    };
    const timer = setTimeout(
      () =>
        stop(
          stepError(
            step,
            `did not finish within ${limits.timeoutMs} ms; it was killed (${bytes(stdoutBytes)} on stdout)`,
          ),
        ),
      limits.timeoutMs,
    );
    const onAbort = (): void => stop(new EnsAbortError({ cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > limits.outputLimit)
        stop(stepError(step, `printed more than ${bytes(limits.outputLimit)} on stdout; it was killed`));
      else chunks.push(chunk);
    });
    // Counted, never kept: stderr may echo what the helper fetched.
    child.stderr.on('data', (chunk: Buffer) => {
      stderrBytes += chunk.length;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      // Spawning failed (ENOENT, EACCES): the code says why; the error's message would quote the arguments.
      finish(stepError(step, `cannot be started (${typeof error.code === 'string' ? error.code : 'failed'})`));
    });
    child.on('close', (code: number | null, ended: NodeJS.Signals | null) => {
      if (code === 0) {
        finish(undefined, { stdout: Buffer.concat(chunks) });
        return;
      }
      const how = code !== null ? `exited with code ${code}` : `was ended by ${ended ?? 'a signal'}`;
      const output =
        stderrBytes > 0
          ? `; it wrote ${bytes(stderrBytes)} to stderr, not shown here (they may hold secrets): run the command yourself to read them`
          : '';
      finish(stepError(step, `${how}${output}`));
    });
  });
}

/**
 * The credentials `process_command` printed: a JSON object `{mode, access_key_id, access_key_secret, sts_token,
 * expiration}`. `mode` is `AK` or `StsToken`; without it, `StsToken` when `sts_token` is set, else `AK`. `AK` ignores
 * `sts_token`. `expiration` is an ISO 8601 time with `Z` or an offset; absent, empty or null: the credentials do not
 * expire. Errors name the field, never a secret's value.
 * @internal
 */
export function parseProcessOutput(stdout: Buffer, step: string): ExpiringCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.toString('utf8'));
  } catch {
    // The parser's message quotes the text, which holds the secret.
    throw stepError(step, `printed no JSON (${bytes(stdout.length)} on stdout, not shown: they may hold secrets)`);
  }
  if (!isObject(parsed)) throw stepError(step, 'printed JSON that is not an object');
  const text = (key: string): string | undefined => {
    const value = own(parsed, key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const rawMode = own(parsed, 'mode');
  const mode = rawMode === undefined || rawMode === null || rawMode === '' ? undefined : rawMode;
  if (mode !== undefined && mode !== 'AK' && mode !== 'StsToken') {
    const shown = typeof mode === 'string' ? `"${mode.slice(0, 40)}"` : `a ${typeof mode}`;
    throw stepError(step, `printed mode ${shown}; ensdk reads AK or StsToken`);
  }
  const sts = mode === 'StsToken' || (mode === undefined && text('sts_token') !== undefined);
  const required = sts ? ['access_key_id', 'access_key_secret', 'sts_token'] : ['access_key_id', 'access_key_secret'];
  const missing = required.filter((key) => text(key) === undefined);
  if (missing.length > 0)
    throw stepError(step, `printed mode ${sts ? 'StsToken' : 'AK'} without ${missing.join(', ')}`);
  const credentials = makeCredentials(
    text('access_key_id') ?? '',
    text('access_key_secret') ?? '',
    sts ? text('sts_token') : undefined,
  );
  const expiration = own(parsed, 'expiration');
  if (expiration === undefined || expiration === null || expiration === '')
    return { credentials, expiresAt: Number.POSITIVE_INFINITY };
  const at = parseIsoTime(expiration);
  if (Number.isNaN(at)) {
    const shown = typeof expiration === 'string' ? `"${expiration.slice(0, 40)}"` : `a ${typeof expiration}`;
    throw stepError(step, `printed expiration ${shown}; expected a time like 2026-01-31T12:00:00Z`);
  }
  return { credentials, expiresAt: at };
}

/**
 * Credentials from a CLI profile in mode `External` (see the module's notes). The command is split now (a bad one
 * throws here, before anything runs) and run on the first call.
 * @internal
 */
export function processCommandProvider(settings: ProcessCommandSettings): EnsCredentialsProvider {
  const words = splitProcessCommand(settings.command);
  const limits = {
    timeoutMs: settings.timeoutMs ?? PROCESS_TIMEOUT_MS,
    outputLimit: settings.outputLimit ?? PROCESS_OUTPUT_LIMIT,
  };
  const step = `"${words[0]}"`;
  return refreshingProvider({
    name: `process_command of profile "${settings.profile}"`,
    fetch: async (signal) => parseProcessOutput((await runProcess(step, words, limits, signal)).stdout, step),
    refreshAheadMs: EXTERNAL_REFRESH_AHEAD_MS,
    // The command's own limit ends it first; this bounds the engine's wait should the kill not be reported.
    timeoutMs: limits.timeoutMs + 1_000,
  });
}
