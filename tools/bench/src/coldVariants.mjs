// Lever by lever, the cold-start row "import + `new EnsClient()`" of builds side by side:
//   node tools/bench/src/coldVariants.mjs [--rounds 60] [--node /path/to/node] name=/checkout/a name=/checkout/b ...
// Each checkout's built @ensdk/client and @ensdk/errors (package.json + dist/, run the build there first) are copied
// into a temporary node_modules of their own, beside this repository's undici and zod, with coldChild.mjs, so each
// variant's process imports its client by package name as a user's program does. Every round starts `node -e 0`, an
// ES module that imports nothing (what Node's ES module loader alone costs), and each variant once, in turn (the
// order rotates each round). Printed: the median over the rounds of each row's difference to `node -e 0` in that
// round, wall time (spawn to exit) and CPU time (user + system, coldReport.cjs), and the load average before/after.
// Timing only; nothing here is a test.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmt, median, option, ROOT, SRC } from './common.mjs';

const args = process.argv.slice(2);
const rounds = option('--rounds', 60);
const nodeAt = args.indexOf('--node');
const execPath = nodeAt >= 0 ? args[nodeAt + 1] : process.execPath;
const variants = args
  .filter((arg, i) => arg.includes('=') && args[i - 1] !== '--node')
  .map((arg) => {
    const [name, checkout] = arg.split('=');
    return { name, checkout: resolve(checkout) };
  });
if (variants.length === 0) {
  console.error('usage: coldVariants.mjs [--rounds 60] [--node /path/to/node] name=/checkout ...');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'ensdk-cold-variants-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
for (const { name, checkout } of variants) {
  const dir = join(work, name);
  for (const pkg of ['client', 'errors']) {
    const to = join(dir, 'node_modules', '@ensdk', pkg);
    cpSync(join(checkout, 'packages', pkg, 'package.json'), join(to, 'package.json'));
    cpSync(join(checkout, 'packages', pkg, 'dist'), join(to, 'dist'), { recursive: true });
  }
  for (const dependency of ['undici', 'zod']) {
    symlinkSync(join(ROOT, 'node_modules', dependency), join(dir, 'node_modules', dependency));
  }
  cpSync(join(SRC, 'coldChild.mjs'), join(dir, 'coldChild.mjs'));
}
writeFileSync(join(work, 'empty.mjs'), 'export {};\n');

const REPORT = join(SRC, 'coldReport.cjs');
const rows = [
  { id: 'node -e 0', args: ['-e', '0'], cwd: work },
  { id: 'ES module importing nothing', args: [join(work, 'empty.mjs')], cwd: work },
  ...variants.map(({ name }) => ({
    id: name,
    args: [join(work, name, 'coldChild.mjs'), 'ensdk-construct'],
    cwd: join(work, name),
  })),
];

function startOnce(row) {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    execFile(execPath, ['--require', REPORT, ...row.args], { cwd: row.cwd, timeout: 60_000 }, (error, _out, err) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (error) return fail(new Error(`${row.id}: ${error.message}\n${err}`));
      const match = /cpu-us=(\d+)/.exec(err);
      if (!match) return fail(new Error(`${row.id}: no usage report in ${JSON.stringify(err)}`));
      done({ wallMs, cpuMs: Number(match[1]) / 1000 });
    });
  });
}

const loadBefore = loadavg()[0];
const samples = Object.fromEntries(rows.map((row) => [row.id, []]));
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[(i + round) % rows.length];
    samples[row.id].push(await startOnce(row));
  }
}
const base = samples['node -e 0'];
console.log(
  `${rounds} rounds, ${execPath} (${execFileSync(execPath, ['--version']).toString().trim()}), ` +
    `load ${fmt(loadBefore, 2)} → ${fmt(loadavg()[0], 2)}; \`node -e 0\`: wall ${fmt(median(base.map((s) => s.wallMs)), 1)} ms, ` +
    `CPU ${fmt(median(base.map((s) => s.cpuMs)), 1)} ms`,
);
for (const row of rows.slice(1)) {
  const over = (pick) => median(samples[row.id].map((s, i) => pick(s) - pick(base[i])));
  console.log(
    `${row.id}: over \`node -e 0\` wall +${fmt(
      over((s) => s.wallMs),
      1,
    )} ms, CPU +${fmt(
      over((s) => s.cpuMs),
      1,
    )} ms`,
  );
}
