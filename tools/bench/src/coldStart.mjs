// The "cold start" section of `npm run bench`: what a serverless function or a CLI script pays on every start.
// Each sample is a fresh `node` process (coldChild.mjs) timed from spawn to exit by this process; its peak resident
// memory (getrusage maxrss) and CPU time it reports itself at exit (coldReport.cjs, preloaded into every row, so
// only Node is needed). The targets alternate within each round, so drift in the machine's load falls on all of
// them alike; the report shows medians and per-round ratios.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_DIR, fmt, median, SRC } from './common.mjs';

/** Preloaded into every cold-start process: reports its maxrss and CPU time at exit. */
const REPORT = join(SRC, 'coldReport.cjs');

/**
 * What is started, in the order a round runs them. The "then idle" rows are the call rows again, staying until
 * their peak memory settles (coldChild.mjs): a process that exits at once reports its peak at its 'exit' event,
 * before V8 has finished what it still compiles in the background, and that compile (undici's llhttp WebAssembly
 * with TurboFan) then raises the whole process's peak while it tears down. The peak-memory goal is read from them.
 */
export const COLD_TARGETS = [
  { id: 'node', label: '`node -e 0`', args: ['-e', '0'] },
  { id: 'ensdk-construct', label: 'ensdk: import + `new EnsClient()`', args: ['ensdk-construct'] },
  { id: 'official-construct', label: 'official: import + `new Client(Config)`', args: ['official-construct'] },
  { id: 'ensdk-call', label: 'ensdk: import, construct, one call', args: ['ensdk-call'], call: true },
  { id: 'official-call', label: 'official: import, construct, one call', args: ['official-call'], call: true },
  {
    id: 'ensdk-call-idle',
    label: 'ensdk: one call, then idle until memory settles',
    args: ['ensdk-call'],
    idle: true,
    call: true,
  },
  {
    id: 'official-call-idle',
    label: 'official: one call, then idle until memory settles',
    args: ['official-call'],
    idle: true,
    call: true,
  },
];

/** Goals of issue 12 (first call vs the official client; import + construct vs `node -e 0`). */
export const COLD_GOALS = { callWallRatioMax: 0.8, callRssRatioMax: 1.0, constructOverNodeMaxMs: 15 };

function startOnce(target, port, execPath) {
  const script = join(SRC, 'coldChild.mjs');
  const childArgs =
    target.id === 'node' ? target.args : [script, ...target.args, String(port), ...(target.idle ? ['idle'] : [])];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    execFile(
      execPath,
      ['--require', REPORT, ...childArgs],
      { cwd: BENCH_DIR, timeout: 60_000 },
      (error, _stdout, stderr) => {
        const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
        if (error) return reject(new Error(`cold start ${target.id} failed: ${error.message}\n${stderr}`));
        const match = /ensdk-bench-usage maxrss-kib=(\d+) cpu-us=(\d+)/.exec(stderr);
        if (!match) return reject(new Error(`cold start ${target.id}: no usage report in ${JSON.stringify(stderr)}`));
        resolve({ wallMs, rssMiB: Number(match[1]) / 1024, cpuMs: Number(match[2]) / 1000 });
      },
    );
  });
}

/**
 * Runs `runs` rounds, numbered from `firstRound`; each round starts every target once, in turn (the order rotates
 * each round), with the Node binary `execPath` (default: this one). The server counts requests, so the caller can
 * check that every `call` target made exactly one.
 */
export async function measureColdStart({ port, runs, log = () => {}, execPath = process.execPath, firstRound = 0 }) {
  const samples = Object.fromEntries(COLD_TARGETS.map((t) => [t.id, []]));
  for (let round = firstRound; round < firstRound + runs; round++) {
    const order = COLD_TARGETS.map((_, i) => COLD_TARGETS[(i + round) % COLD_TARGETS.length]);
    for (const target of order) samples[target.id].push({ round, ...(await startOnce(target, port, execPath)) });
  }
  log(
    `· cold start medians${execPath === process.execPath ? '' : ` (${execPath})`}: ${COLD_TARGETS.map(
      (t) =>
        `${t.id} ${fmt(median(samples[t.id].map((s) => s.wallMs)), 1)} ms / ${fmt(median(samples[t.id].map((s) => s.rssMiB)), 1)} MiB`,
    ).join(', ')}`,
  );
  return samples;
}

/** Per-round ratio (or difference) of one target's figure to another's, paired by round. */
function paired(samples, a, b, pick, combine) {
  return samples[a].map((s) => combine(pick(s), pick(samples[b].find((o) => o.round === s.round))));
}

/** A goal's verdict: met, or missed, and whether the rounds straddle the target. */
export const verdict = (pass, values, ok) => {
  const straddles = values.some(ok) && !values.every(ok);
  if (pass) return straddles ? '⚠️ met by the median only' : '✅ met';
  return straddles ? '❌ missed by the median; rounds straddle the target' : '❌ missed';
};

/**
 * What each lever of issue 12 bought, measured by hand (not by this run) on this 2-core machine shared with other
 * work, on 2026-12-02; kept here so that every run of the bench shows it beside its own figures.
 */
const COLD_LEVERS = [
  '#### What each lever bought (issue 12; measured by hand on 2026-12-02, not by this run)',
  '',
  'CPU is user + system of the whole process as it reports it at exit (`coldReport.cjs`), the minimum of 15 alternating runs ' +
    '(the least disturbed, on a machine at load 7–18); wall times are medians. Before/after figures of one row come from the same hour.',
  '',
  '| Lever | Figure | Before → after |',
  '|---|---|--:|',
  "| Operations loaded on first use: the root entry holds no operation; each standalone function `import()`s its operation's module on its first call and keeps it, `EnsClient`'s methods and the paginators call the functions (commit 5889e05) | import + `new EnsClient()`, CPU over `node -e 0` | +41.5 → +29.3 ms |",
  '| 〃 | import + `new EnsClient()`, peak RSS | 53.6 → 48.1 MiB |',
  '| 〃 | first call, then idle: peak RSS (÷ official) | 100.5 (1.25) → 94.3 MiB (1.18–1.20) |',
  '| Node-only peak memory (`process.resourceUsage().maxRSS`, "then idle" rows) instead of GNU time | the ensdk first-call peak it reads | 100.9 (GNU time, exit at once) ≈ 100.5 (then idle); 67 at the exit event, which misses the teardown |',
  '| Whitespace-minified Node entry (tried on the built file, not kept here) | import CPU; peak RSS | 88.2 → 87.9 ms (noise); −0.9 MiB |',
  '| Definitions wrapped in functions, V8 pre-parses them (tried before the split, not kept) | import CPU | no measurable change |',
  "| undici's llhttp WebAssembly without SIMD (`UNDICI_NO_WASM_SIMD=1`) | peak RSS of one undici request | 90 → 90 MiB: nothing |",
  "| undici's Agent module and its 22 dependencies bundled into one file (esbuild; tried, not kept: 360–470 KB more in the client package, whose budget is 1.5 MiB) | one undici request process: CPU; peak RSS at exit | 90.2 → 85.6 ms; 57.0 → 53.2 MiB (51.6 whitespace-minified) |",
  '| zod off the call path (earlier commit 20c8c0a), verified | zod modules loaded after a valid and an invalid call | 0 |',
  '',
  'The four levers below were measured together at 06:30 on a quieter machine (load 1.3–1.7): each is a build of the client ' +
    'and errors installed side by side in a temporary `node_modules`, started as this section\'s "import + `new EnsClient()`" ' +
    'row (`coldChild.mjs ensdk-construct`), 60 alternating rounds with `node -e 0`; the figure is the median of the per-round ' +
    'differences (wall / CPU). For scale, an ES module script that imports nothing costs +7.2 / +6.4 ms over `node -e 0` ' +
    "in the same rounds: Node's ES module loader, which every row of this section pays.",
  '',
  '| Lever | Figure | Before → after |',
  '|---|---|--:|',
  '| `@ensdk/errors/base`: the base classes and resolvers without the 214 service classes; the client imports it, and the root (for `errorFromResponse`) by `import()` on its first error answer (commit be9ec49) | import + `new EnsClient()` over `node -e 0`, wall / CPU | +37.6 / +37.5 → +29.2 / +29.0 ms |',
  '| Node built-ins on first use (`process.getBuiltinModule`, `client/src/node/builtins.ts`): crypto with the first signature, fs/os/path with the credentials lookups (commit 5177f3c) | 〃 | +29.2 / +29.0 → +22.8 / +21.5 ms |',
  "| Three module files instead of seven: the root entry's four chunks merged into one, errors' base entry is its own chunk (`tools/release/src/mergeEntryChunks.mjs`, commit 940413d) | 〃 | +22.8 / +21.5 → +20.1 / +17.8 ms |",
  '| The 231 standalone functions send through one helper (`client/src/node/sendLoaded.ts`) instead of a loader each: root entry 199 → 154 KB, client package 1520 → 1476 KiB unpacked (commit 5d8ffb0) | 〃 | +20.1 / +17.8 → +18.0 / +17.5 ms |',
  '| STS definitions loaded on the first role request (tried, not kept) | in-process import of the client | 7.65 → 7.74 ms: nothing |',
  '',
  "Measured at 11:40–12:40 on a busier machine (load 2.7–6.4): whole processes with `tools/bench/src/coldVariants.mjs` (this row, builds side by side, medians of per-round differences; a difference of a few ms needs 150 rounds at that load), and the import alone inside fresh processes (`performance.now()` around `import('@ensdk/client')`), alternating.",
  '',
  '| Lever | Figure | Before → after |',
  '|---|---|--:|',
  "| `EnsClient`'s 263 methods (231 operations, 32 paginators) made at load from one table (`withOperations`, `client/src/node/operations.ts`) on a prototype-less object placed between the class and `EnsBareClient`, their types and TSDoc an interface merged with the class: root entry 154 → 137 KB (commit d721788) | in-process `import('@ensdk/client')`, median of 61 alternating fresh processes (load 3.4) | 22.8 → 20.6 ms (with no method at all: 19.7) |",
  '| 〃 | import + `new EnsClient()` over `node -e 0`, wall / CPU (`node tools/bench/src/coldVariants.mjs --rounds 150 before=… after=…`, load 2.7–4.3) | +38.4 / +29.6 → +34.4 / +29.1 ms |',
  "| 〃, each method defined on the class prototype by `Object.defineProperty` (tried, not kept: V8 copies a class prototype's property table at each definition) | time `withOperations` takes at load | ~12 ms, against ~1 ms on a prototype-less object (and ~2 ms of compile saved) |",
  "| The 231 standalone functions made by one factory, `const op = lazyOperation(() => import('./Op.gen.js'), 'opOperation')` (tried on the built entry, not kept) | compile of the root entry (`vm.SourceTextModule`, 41 alternating runs) | 8.2 → 10.8 ms: worse |",
  "| `@ensdk/errors/base` on the first error instead of at import: the Node runtime throws and tests for stand-ins (`new` builds the real class, `instanceof` asks it) whose classes a synchronous `require` loads on first use; the shared core's three classes handed over by each entry (built and tested, not kept: a `require` bundlers cannot see, so the client bundled into one file, as `nodeBundle.test.ts` ships it, fails its first error) | in-process `import('@ensdk/client')`, median of 41 alternating fresh processes (load 3.2) | 18.3 → 15.5 ms |",
  "| 〃 | import + `new EnsClient()` over `node -e 0`, wall / CPU (`coldVariants.mjs`, 100 rounds, load 6.4 → 3.9; the method table's build, then this one) | +32.4 / +31.3 → +29.0 / +27.4 ms (before both: +33.8 / +33.5) |",
  "| This day's levers together, on the day's second VM: commit bdaee24 (the day's start) → 3b6b6d2 (the method table; nothing else of the day touches the Node entry's cold path) | import + `new EnsClient()` over `node -e 0`, wall / CPU (`coldVariants.mjs`, 13:21, load 1.1; `node -e 0` 158.6 ms there, an ES module importing nothing +7.7 / +7.9 ms): Node 20.20.2, 40 rounds; Node 22.23.5, 30 rounds | Node 20: +35.3 / +37.2 → +28.7 / +29.9 ms; Node 22: +22.7 / +23.3 → +20.2 / +21.3 ms |",
  '',
  "Measured at 15:50–16:40 on the day's third machine (load 2.5–6.8), each lever against the build before it: the import alone inside fresh processes (`performance.now()` around `import('@ensdk/client')`, alternating), the compile of the root entry (`vm.SourceTextModule`, warm), and the row with `coldVariants.mjs`.",
  '',
  '| Lever | Figure | Before → after |',
  '|---|---|--:|',
  "| Credential providers' work (the default chain's search, CLI and INI files, STS, ECS metadata, a credentials URI, refreshing) loaded on the first credential resolution by an `import()` of a literal (`client/src/node/credentials/deferredProvider.ts`); the factories' option checks stay synchronous (commits 3ff1647, 4b77bc3) | JavaScript on the import path; in-process `import('@ensdk/client')`, 80 alternating fresh processes (load 2.5–3.2) | 153.6 → 122.7 KB; 23.6 → 20.1 ms |",
  "| The 231 standalone functions without a module variable each: `sendLoaded(client, 'opOperation', () => import('…'), input, options)` keeps loads and definitions by name (commit f7c10f2) | root entry; its compile; in-process import (80 rounds) | 91.5 → 83.9 KB; 4.5 → 4.0 ms; 20.1 → 18.1 ms |",
  '| Both, whole process (commit 7d9bebb → e1271c2) | import + `new EnsClient()` over `node -e 0`, wall / CPU (`coldVariants.mjs`): Node 20.20.2, 60 rounds, load 3.2 → 4.6; Node 22.23.5, 40 rounds, load 6.8 → 6.1 | Node 20: +34.7 / +30.3 → +33.7 / +24.8 ms; Node 22: +36.9 / +23.4 → +33.9 / +20.0 ms (wall is noisy at that load; CPU is the steadier) |',
  "| Tried, not kept: the send path loaded with the first call (emptying all 231 function bodies, 38 KB, moves the entry's compile 4.1 → 3.6 ms only: byte count in function bodies matters little, and each extra file costs ~1 ms at the first call); one import of `@ensdk/errors/base` instead of two; `EnsClient`'s table as one string of names (compile 3.5 → 3.2 ms); the root's 308 exports cut to 13 (tried on the build) | in-process import | no measurable change, or ≤ 0.3 ms |",
  '',
  "**What the library cannot change: undici's llhttp.** One response is enough for V8 to tier llhttp's parser function " +
    "(33 KB of WebAssembly) up to TurboFan in the background: about 29 MiB of compiler memory (V8's own trace), and a process " +
    'that exits waits for that compile. A bare undici `Agent` request process (load ~3): 237 ms wall and 90 MiB; with V8 ' +
    'never tiering it up (`node --wasm-tiering-budget=1000000000`) 137 ms and 55 MiB; `node:http` (what the official client ' +
    'uses) 78 ms and 42 MiB. The ensdk first-call process: 428 ms by default, 250 ms with that flag (load ~4; official 497 ms). ' +
    'So the first-call goals (wall ≤ 0.8×, peak ≤ 1.0×) are missed by this compile: it closes only with a transport without ' +
    'the WebAssembly parser or with V8 flags the application sets (`--liftoff-only`, `--wasm-tiering-budget`); a library must not set them. ' +
    'Since 12:00 on 2026-12-02 this machine is another VM (kernel 6.18.44-fc-v1045; `node -e 0` 97 → 122 ms), where that compile ' +
    "weighs more: the ensdk first-call process (the bench's `coldChild.mjs ensdk-call`, 12 alternating rounds, load 1.3) takes " +
    "445 ms wall / 223 ms CPU at commit bdaee24 (this day's start) and 445 / 223 at 1bb0ff5, so nothing of the day's work moved it; " +
    'with `--wasm-tiering-budget=1000000000` 257 / 254 ms, with `--liftoff-only` 285 / 284 ms. The first-call wall ratio went ' +
    '0.65 → 1.06 with the machine, not with the code.',
  '',
  '**Import + construct, what remains** (Node 20.20.2, in the process, load ~3, after the levers above: in-process ' +
    'import ~18 ms): a package whose entry is empty already costs 4.7–5.9 ms (resolving its bare specifier: a package.json ' +
    'read, the `exports` match, a realpath); `@ensdk/errors/base` 3.6–4.7 ms (~1.7 resolving, ~2 loading its file), which ' +
    "the client imports statically because the constructor's credentials check, the provider factories' option checks and " +
    '`validateOperationInput` throw synchronously (an `import()` on the first error would make them asynchronous; a ' +
    "synchronous `require` is invisible to bundlers, see the try above); each further module file ~1 ms; the client's " +
    'entry (84 KB) and chunk (32 KB) compile in ~4.0 + 0.85 ms warm, most of it top-level code naming module-level ' +
    'bindings rather than bytes (the method table of `EnsClient` ~0.9 ms, the paginators ~0.2); `new EnsClient()` ~0.7 ms. ' +
    "On top of these the whole process pays Node's ES module loader for an ES module script (+6 to +9 ms over " +
    '`node -e 0` on Node 20, +3 to +4 on Node 22). On Node 22.23.5 and 24.22.3 (earlier builds, 30 rounds, load ~2, ' +
    "the day's first machine) the row went from +42.7 and +47.2 ms wall before the first levers to +14.4 and +15.4 ms.",
];

/** The goals of issue 12, each with its per-round values (paired by round) and its test. */
export function coldStartGoals(samples) {
  const wall = (s) => s.wallMs;
  const rss = (s) => s.rssMiB;
  const callWall = paired(samples, 'ensdk-call', 'official-call', wall, (x, y) => x / y);
  const callRss = paired(samples, 'ensdk-call-idle', 'official-call-idle', rss, (x, y) => x / y);
  const overNode = paired(samples, 'ensdk-construct', 'node', wall, (x, y) => x - y);
  return [
    {
      goal: 'first call: ensdk wall ÷ official wall',
      values: callWall,
      target: `≤ ${COLD_GOALS.callWallRatioMax}`,
      ok: (v) => v <= COLD_GOALS.callWallRatioMax,
      digits: 2,
      unit: '',
    },
    {
      goal: 'first call: ensdk peak RSS ÷ official peak RSS (the "then idle" rows)',
      values: callRss,
      target: `≤ ${COLD_GOALS.callRssRatioMax}`,
      ok: (v) => v <= COLD_GOALS.callRssRatioMax,
      digits: 2,
      unit: '',
    },
    {
      goal: 'import + construct: ensdk wall − `node -e 0` wall',
      values: overNode,
      target: `≤ ${COLD_GOALS.constructOverNodeMaxMs} ms`,
      ok: (v) => v <= COLD_GOALS.constructOverNodeMaxMs,
      digits: 1,
      unit: ' ms',
    },
  ];
}

/** The Markdown of the section, and the goals' verdicts. */
export function coldStartMarkdown(samples, runs) {
  const lines = [
    '### Cold start',
    '',
    `Fresh processes, ${runs} rounds; each round starts every row once, in turn (the order rotates), so the rows alternate. ` +
      'Wall time is spawn to exit, measured by the bench process. Peak memory (maxrss) and CPU time (user + system) ' +
      'each process reports itself at its exit (`tools/bench/src/coldReport.cjs`, preloaded into every row, `node -e 0` ' +
      'included). The scripts (`tools/bench/src/coldChild.mjs`) import the client by its package name (ESM), build it with ' +
      'static credentials, and for "one call" make one RevokeSecurityGroupEgress to the loopback server, check the ' +
      "RequestId and exit at once (`process.exit(0)`, both: the official client's keep-alive socket has no close). " +
      "An ensdk process that exits at once reports its peak before V8 has finished compiling undici's llhttp " +
      'WebAssembly with TurboFan in the background; that compile still runs while the process tears down (its exit ' +
      'waits for it) and raises the whole process\'s peak by about 35 MiB. The "then idle" rows stay until their peak ' +
      'has not grown for 0.6 s, so their peak holds it: the peak-memory goal is read from them, the wall-time goal ' +
      'from the rows that exit at once.',
    '',
    '| Process | Wall ms, median | (min–max) | CPU ms, median | Peak RSS MiB, median | (min–max) |',
    '|---|--:|--:|--:|--:|--:|',
  ];
  for (const target of COLD_TARGETS) {
    const wall = samples[target.id].map((s) => s.wallMs);
    const rss = samples[target.id].map((s) => s.rssMiB);
    const cpu = samples[target.id].map((s) => s.cpuMs);
    lines.push(
      `| ${target.label} | ${target.idle ? '(idle)' : fmt(median(wall), 1)} | ${target.idle ? '' : `${fmt(Math.min(...wall), 1)}–${fmt(Math.max(...wall), 1)}`} | ` +
        `${fmt(median(cpu), 1)} | ${fmt(median(rss), 1)} | ${fmt(Math.min(...rss), 1)}–${fmt(Math.max(...rss), 1)} |`,
    );
  }
  const goals = coldStartGoals(samples);
  const verdicts = [];
  lines.push('', '| Goal | Median of the rounds | Rounds (min–max) | Target | Verdict |', '|---|--:|--:|--:|---|');
  for (const g of goals) {
    const value = median(g.values);
    const pass = g.ok(value);
    verdicts.push({ goal: g.goal, value, pass });
    lines.push(
      `| ${g.goal} | **${fmt(value, g.digits)}${g.unit}** | ${fmt(Math.min(...g.values), g.digits)}–${fmt(Math.max(...g.values), g.digits)} | ${g.target} | ${verdict(pass, g.values, g.ok)} |`,
    );
  }
  const officialOverNode = paired(
    samples,
    'official-construct',
    'node',
    (s) => s.wallMs,
    (x, y) => x - y,
  );
  const cpu = (x) => x.cpuMs;
  const callCpu = paired(samples, 'ensdk-call', 'official-call', cpu, (x, y) => x / y);
  const constructCpuOverNode = paired(samples, 'ensdk-construct', 'node', cpu, (x, y) => x - y);
  lines.push(
    '',
    `For scale: the official client's import + construct costs ${fmt(median(officialOverNode), 1)} ms over \`node -e 0\` (median of the rounds). ` +
      `CPU time, which a loaded machine disturbs less than wall time (not a goal): first call ensdk ÷ official ${fmt(median(callCpu), 2)}, ` +
      `import + construct ${fmt(median(constructCpuOverNode), 1)} ms over \`node -e 0\` (medians of the rounds).`,
  );
  lines.push('', ...COLD_LEVERS);
  return { lines, verdicts };
}
