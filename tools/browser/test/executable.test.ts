import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveChromium, unpackExecutable } from '../src/executable.js';

const scratch = mkdtempSync(join(tmpdir(), 'ensdk-test-browser-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh folder under the scratch folder. */
const folder = (name: string): string => {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Writes a file; `executable` sets mode 755, otherwise 644. */
const file = (path: string, text: string, executable = true): string => {
  writeFileSync(path, text);
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
};

describe('resolveChromium', () => {
  it('defaults to the Chromium npm installs, unpacked once per version and user into the temp folder', async () => {
    for (const env of [{}, { ENSDK_CHROMIUM: '' }, { ENSDK_CHROMIUM: 'npm' }]) {
      const chosen = await resolveChromium(env);
      expect(chosen.source).toBe('npm');
      expect(chosen.path).toBe(join(tmpdir(), `ensdk-chromium-153.0.0-${process.getuid?.() ?? 'user'}`, 'chromium'));
      expect(statSync(chosen.path).mode & 0o111).not.toBe(0);
    }
  });

  it('system: the first known name on PATH, in name order, then PATH order', async () => {
    const first = folder('path-first');
    const second = folder('path-second');
    const PATH = `relative/dir:${first}:${second}`;
    file(join(second, 'google-chrome'), '#!/bin/sh\n');
    expect(await resolveChromium({ ENSDK_CHROMIUM: 'system', PATH })).toEqual({
      source: 'system',
      path: join(second, 'google-chrome'),
    });
    file(join(second, 'chromium'), '#!/bin/sh\n');
    file(join(first, 'chromium-browser'), '#!/bin/sh\n');
    expect((await resolveChromium({ ENSDK_CHROMIUM: 'system', PATH })).path).toBe(join(second, 'chromium'));
    // Not executable, or a folder: passed over.
    file(join(first, 'chromium'), '', false);
    mkdirSync(join(first, 'chromium-browser-dir'));
    expect((await resolveChromium({ ENSDK_CHROMIUM: 'system', PATH })).path).toBe(join(second, 'chromium'));
  });

  it('system with none on PATH: an error naming the variable and the names it looked for', async () => {
    await expect(resolveChromium({ ENSDK_CHROMIUM: 'system', PATH: folder('empty') })).rejects.toThrow(
      'ENSDK_CHROMIUM=system, but none of chromium, chromium-browser, google-chrome-stable, google-chrome is an executable on PATH',
    );
    await expect(resolveChromium({ ENSDK_CHROMIUM: 'system' })).rejects.toThrow('ENSDK_CHROMIUM=system');
  });

  it('a path: used as given when it is an executable file; refused, naming the variable, otherwise', async () => {
    const dir = folder('explicit');
    const browser = file(join(dir, 'my-chromium'), '#!/bin/sh\n');
    expect(await resolveChromium({ ENSDK_CHROMIUM: browser })).toEqual({ source: 'path', path: browser });
    for (const bad of [join(dir, 'missing'), file(join(dir, 'plain'), '', false), dir, 'my-chromium', 'chrome']) {
      await expect(resolveChromium({ ENSDK_CHROMIUM: bad })).rejects.toThrow(
        `ENSDK_CHROMIUM=${bad} is not the absolute path of an executable file; set it to "npm"`,
      );
    }
  });
});

describe('unpackExecutable', () => {
  const script = '#!/bin/sh\necho unpacked\n'.repeat(2_000);
  const archive = join(folder('archive'), 'tool.br');
  writeFileSync(archive, brotliCompressSync(script));

  it('decompresses to an executable; concurrent calls agree and leave no partial file', async () => {
    const target = join(scratch, 'unpacked', 'nested', 'tool');
    await Promise.all(Array.from({ length: 5 }, () => unpackExecutable(archive, target)));
    expect(readFileSync(target, 'utf8')).toBe(script);
    expect(statSync(target).mode & 0o777).toBe(0o755);
    expect(readdirSync(join(scratch, 'unpacked', 'nested'))).toEqual(['tool']);
  });

  it('keeps an executable already in place; replaces a file that is not executable', async () => {
    const dir = folder('existing');
    const kept = file(join(dir, 'kept'), 'already here');
    await unpackExecutable(archive, kept);
    expect(readFileSync(kept, 'utf8')).toBe('already here');
    const replaced = file(join(dir, 'replaced'), 'half written', false);
    await unpackExecutable(archive, replaced);
    expect(readFileSync(replaced, 'utf8')).toBe(script);
  });

  it('refuses a folder that others can write to, or a file where the folder should be', async () => {
    const shared = folder('shared');
    chmodSync(shared, 0o777);
    await expect(unpackExecutable(archive, join(shared, 'tool'))).rejects.toThrow(
      `${shared} is not a folder of this user that only this user can write to; remove it, or set ENSDK_CHROMIUM`,
    );
    const notFolder = file(join(folder('blocked'), 'dir'), '');
    await expect(unpackExecutable(archive, join(notFolder, 'tool'))).rejects.toThrow();
    expect(readdirSync(shared)).toEqual([]);
  });

  it('a corrupt archive: rejects, and leaves neither the target nor a partial file', async () => {
    const dir = folder('corrupt');
    const corrupt = file(join(dir, 'corrupt.br'), 'not brotli at all', false);
    await expect(unpackExecutable(corrupt, join(dir, 'tool'))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['corrupt.br']);
  });
});
