// What the bench scripts share: where things are, their command-line options, and small helpers for the reports.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SRC = dirname(fileURLToPath(import.meta.url));
export const BENCH_DIR = dirname(SRC);
export const ROOT = dirname(dirname(BENCH_DIR));
export const OUTPUT = join(ROOT, 'BENCHMARKS.md');

// From the repo root npm eats one `--` (`npm run bench -- -- --profile`); it also hands boolean flags over as
// npm_config_<name>=true (`npm run bench -- --quick`): both spellings work.
const argv = process.argv.slice(2);
/** True when `--name` was given. */
export const flag = (name) =>
  argv.includes(name) || process.env[`npm_config_${name.slice(2).replaceAll('-', '_')}`] === 'true';
/** The number after `--name`, else `fallback`. */
export const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? Number(argv[i + 1]) : fallback;
};

/** Latest modification time of any file below `dir`. */
export function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Hash of the JavaScript in the dist/ folders of `packages`, to notice a rebuild (by someone else) during a run. */
export function distFingerprint(packages) {
  const hash = createHash('sha256');
  for (const pkg of packages) {
    const dist = join(ROOT, 'packages', pkg, 'dist');
    if (!existsSync(dist)) continue;
    for (const name of readdirSync(dist)
      .filter((n) => n.endsWith('.js'))
      .sort())
      hash.update(name).update(readFileSync(join(dist, name)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The commit measured, and whether `packages` had uncommitted changes. */
export function gitDescribe(packages) {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', ...packages.map((pkg) => `packages/${pkg}`)], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return `${commit}${dirty === '' ? '' : ` (+ uncommitted changes in ${packages.map((pkg) => `packages/${pkg}`).join(' or ')})`}`;
  } catch {
    return 'unknown';
  }
}

/** The installed version of a dependency, or `?`. */
export function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** Median of the finite values; NaN when there are none. */
export function median(values) {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A number for a table: thousands separators, `digits` decimals, `n/a` when not finite. */
export const fmt = (value, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a';

/** The machine a run measured on (cores, load average at start, a one-line description) and the commit of `packages`. */
export function describeMachine(packages) {
  const cpus = os.cpus();
  const cores = cpus.length;
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ');
  const cpu = cpus[0]?.model.trim() ?? 'unknown CPU';
  const system = `${os.type()} ${os.release()} ${os.arch()}`;
  return {
    cores,
    load,
    commit: gitDescribe(packages),
    /** For the report's `- Machine:` line. */
    line: `${cpu} × ${cores} logical CPUs, ${fmt(os.totalmem() / 1024 ** 3)} GB RAM, ${system}; load average at start ${load}`,
  };
}
