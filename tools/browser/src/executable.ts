import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access, chmod, lstat, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

/** The environment variable that chooses the Chromium the tests drive. */
export const CHROMIUM_ENV = 'ENSDK_CHROMIUM';

/** Executable names `ENSDK_CHROMIUM=system` looks for on `PATH`, in this order. */
export const SYSTEM_CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'] as const;

/** Which Chromium a test drives, and where its executable is. */
export interface ChromiumExecutable {
  /** `npm`: the pinned `@sparticuz/chromium`; `system`: found on `PATH`; `path`: named by `ENSDK_CHROMIUM`. */
  readonly source: 'npm' | 'system' | 'path';
  readonly path: string;
}

/**
 * The Chromium `ENSDK_CHROMIUM` chooses: unset, empty or `npm` (the default) is the Chromium that `npm ci` brings
 * (`@sparticuz/chromium`, unpacked once per version and user into the temp folder); `system` is the first of
 * {@link SYSTEM_CHROMIUM_NAMES} on `PATH`; anything else is the path of an executable. The default does not depend on
 * the machine: every machine drives the same pinned build unless asked otherwise. Throws, naming the variable, when
 * the choice cannot be met.
 */
export async function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumExecutable> {
  const choice = env[CHROMIUM_ENV] ?? '';
  if (choice === '' || choice === 'npm') return { source: 'npm', path: await unpackNpmChromium() };
  if (choice === 'system') {
    const found = await findOnPath(SYSTEM_CHROMIUM_NAMES, env['PATH'] ?? '');
    if (found === undefined) {
      throw new Error(
        `${CHROMIUM_ENV}=system, but none of ${SYSTEM_CHROMIUM_NAMES.join(', ')} is an executable on PATH; ` +
          `unset ${CHROMIUM_ENV} to use the Chromium that npm ci installs`,
      );
    }
    return { source: 'system', path: found };
  }
  if (!isAbsolute(choice) || !(await isExecutable(choice))) {
    throw new Error(
      `${CHROMIUM_ENV}=${choice} is not the absolute path of an executable file; set it to "npm" (the default: ` +
        `the Chromium that npm ci installs), "system" (chromium on PATH) or a Chromium executable's absolute path`,
    );
  }
  return { source: 'path', path: choice };
}

const require = createRequire(import.meta.url);

/**
 * Unpacks `@sparticuz/chromium`'s Brotli-compressed binary (about 1.5 s, once) to
 * `<tmpdir>/ensdk-chromium-<version>-<uid>/chromium` and returns its path. The package's own `executablePath()`
 * writes `<tmpdir>/chromium` in place and reuses whatever file is there, so two test processes unpacking at once
 * (turbo runs packages in parallel) or an interrupted run would leave a truncated binary, and another version's file
 * would be taken as its own. Here the binary is written under a unique name and renamed into place: the final
 * name only ever holds a complete binary of this version.
 */
async function unpackNpmChromium(): Promise<string> {
  const packageDir = dirname(dirname(require.resolve('@sparticuz/chromium')));
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const binary = join(tmpdir(), `ensdk-chromium-${version}-${process.getuid?.() ?? 'user'}`, 'chromium');
  await unpackExecutable(join(packageDir, 'bin', 'chromium.br'), binary);
  return binary;
}

/**
 * Decompresses the Brotli file `archive` to the executable `target`, unless `target` already is an executable file.
 * Writes under a name of its own and renames into place, so concurrent calls and interrupted runs never expose a
 * partial file at `target`. The folder must be this user's and writable by no one else (in a shared temp folder,
 * another user could otherwise plant the executable). Exported for tests.
 */
export async function unpackExecutable(archive: string, target: string): Promise<void> {
  await privateFolder(dirname(target));
  if (await isExecutable(target)) return;
  const partial = `${target}.${process.pid}-${Math.random().toString(36).slice(2)}.partial`;
  try {
    await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(partial, { mode: 0o700 }));
    await chmod(partial, 0o755);
    await rename(partial, target);
  } finally {
    await rm(partial, { force: true });
  }
}

/** Creates `dir` (mode 700) if needed; throws unless it is a folder of this user that no one else can write to. */
async function privateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const info = await lstat(dir);
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0) {
    throw new Error(
      `${dir} is not a folder of this user that only this user can write to; remove it, or set ${CHROMIUM_ENV}`,
    );
  }
}

async function findOnPath(names: readonly string[], path: string): Promise<string | undefined> {
  const dirs = path.split(delimiter).filter((dir) => isAbsolute(dir));
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
