import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { GeneratedFile } from './emit/common.js';

/** How the committed tree differs from a fresh generation. */
export interface OutputDiff {
  readonly added: string[];
  readonly changed: string[];
  readonly removed: string[];
}

function listGenerated(root: string, owned: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.gen\.[a-z]+$/.test(entry.name)) found.push(relative(root, full));
    }
  };
  for (const path of owned) {
    const full = join(root, path);
    if (!existsSync(full)) continue;
    if (statSync(full).isDirectory()) walk(full);
    else found.push(path);
  }
  return found.sort();
}

/** Compares generated files with what is on disk under the owned roots. */
export function diffOutput(root: string, files: readonly GeneratedFile[], owned: readonly string[]): OutputDiff {
  const wanted = new Set(files.map((f) => f.path));
  const diff: OutputDiff = { added: [], changed: [], removed: [] };
  for (const file of files) {
    const full = join(root, file.path);
    if (!existsSync(full)) diff.added.push(file.path);
    else if (readFileSync(full, 'utf8') !== file.text) diff.changed.push(file.path);
  }
  for (const path of listGenerated(root, owned)) if (!wanted.has(path)) diff.removed.push(path);
  return diff;
}

/**
 * Writes the files that differ and deletes stale generated ones. Each file is written to a temporary
 * sibling and renamed over the old one, so an interrupted run never leaves a half-written file.
 * Nothing is written unless generation as a whole succeeded (the caller only gets here with every file in memory).
 */
export function writeOutput(
  root: string,
  files: readonly GeneratedFile[],
  diff: OutputDiff,
  last: readonly string[] = [],
): void {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const paths = [...diff.added, ...diff.changed];
  // Files in `last` (the API surface snapshot) are written after all others: a run interrupted before them leaves
  // the old baseline, so the next run diffs against it again and rewrites the same changeset.
  for (const path of [...paths.filter((p) => !last.includes(p)), ...paths.filter((p) => last.includes(p))]) {
    writeFileAtomically(root, byPath.get(path)!);
  }
  for (const path of diff.removed) rmSync(join(root, path));
}

/** Writes one file (path relative to `root`) through a temporary sibling renamed over it; creates missing folders. */
export function writeFileAtomically(root: string, file: GeneratedFile): void {
  const full = join(root, file.path);
  mkdirSync(dirname(full), { recursive: true });
  const temporary = `${full}.tmp-${process.pid}`;
  writeFileSync(temporary, file.text);
  renameSync(temporary, full);
}
