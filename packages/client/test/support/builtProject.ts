import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The repository's root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

const installs: string[] = [];
afterAll(() => {
  for (const dir of installs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A temporary project (removed after the test file) with @ensdk/client and @ensdk/errors installed as built (their
 * package.json and dist/) and undici linked, for a script run in it to import the packages as a user would.
 * (turbo builds both before the client's tests: packages/client/turbo.json.)
 */
export function installBuilt(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  installs.push(dir);
  for (const name of ['client', 'errors']) {
    const target = join(dir, 'node_modules', '@ensdk', name);
    mkdirSync(target, { recursive: true });
    cpSync(join(ROOT, 'packages', name, 'package.json'), join(target, 'package.json'));
    cpSync(join(ROOT, 'packages', name, 'dist'), join(target, 'dist'), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules', 'undici'), join(dir, 'node_modules', 'undici'), 'dir');
  return dir;
}
