// `npm run bench` (repo root) → this file. Measures, on loopback only:
//   (a) floor     undici request() with a URL + headers signed once up front,
//   (b) ensdk     @ensdk/client EnsClient.revokeSecurityGroupEgress,
//   (c) official  @alicloud/openapi-core callApi,
// each in its own fresh child process, sequential and at concurrency 32, against a loopback server in
// another child process; then cold import times. Prints a Markdown report and writes BENCHMARKS.md, keeping the
// section that `npm run bench:proxy` owns there (sections.mjs).
//
// Options: --reps N (default 3) · --quick (1 rep, small counts; does not write BENCHMARKS.md unless --write)
//          --profile (extra ensdk runs under the V8 CPU profiler, summarised in the report) · --no-write · --no-build
//          --cold-runs N (rounds of the cold-start section, default 10) · --cold-only (only the cold-start section,
//          printed, not written)
import { execFile, execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COLD_TARGETS, coldStartMarkdown, measureColdStart } from './coldStart.mjs';
import { CONTENDERS, CREDENTIALS } from './contenders.mjs';
import { profileMarkdown, summarizeProfile } from './profile.mjs';
import {
  BENCH_DIR,
  describeMachine,
  distFingerprint,
  flag,
  fmt,
  median,
  newestMtime,
  option,
  OUTPUT,
  ROOT,
  SRC,
  versionOf,
} from './common.mjs';
import { CREDENTIALS_SECTION, PROXY_SECTION, readSection, SIZE_SECTION, writeSection } from './sections.mjs';
import { installNodeLine, NODE_LINES, NODE_LINES_SECTION, nodeLinesMarkdown } from './nodeLines.mjs';
import { verifyV3 } from './verifyV3.mjs';

// ---------------------------------------------------------------------------------------------- options
const QUICK = flag('--quick');
const REPS = option('--reps', QUICK ? 1 : 3);
const WRITE = !flag('--no-write') && (!QUICK || flag('--write'));
const PROFILE = flag('--profile');
const BUILD = !flag('--no-build');
const WARMUP = QUICK ? 200 : 500;
const IMPORT_RUNS = QUICK ? 3 : 7;
const COLD_ONLY = flag('--cold-only');
/** Only the cold-start rows, on this Node and on each of NODE_LINES (nodeLines.mjs); writes its own section. */
const NODE_LINES_ONLY = flag('--node-lines');
const COLD_RUNS = option('--cold-runs', QUICK ? 3 : 10);
const MODES = [
  { id: 'seq', label: 'sequential', concurrency: 1, calls: QUICK ? 1_000 : 5_000 },
  { id: 'c32', label: 'concurrency 32', concurrency: 32, calls: QUICK ? 4_000 : 20_000 },
];
/** Time cap of one warm-up and of one measured phase; a capped phase reports the calls it finished. */
const CAP_MS = 12_000;
const GOALS = { cpuRatioMax: 1.25, throughputRatioMin: 2, c32ThroughputRatioMin: 2.5 };

// ------------------------------------------------------------------------------------- child processes
const children = new Set();
function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
function killChildren() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    killChildren();
    process.exit(130);
  });
}
process.on('uncaughtException', (error) => {
  console.error(error);
  killChildren();
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  console.error(error);
  killChildren();
  process.exit(1);
});

function withTimeout(promise, ms, what, onTimeout) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`${what} did not finish within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function startServer() {
  const child = track(fork(join(SRC, 'server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const port = await withTimeout(
    new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
      child.on('message', (m) => m?.type === 'listening' && resolve(m.port));
    }),
    10_000,
    'loopback server start',
  );
  let nextId = 0;
  const ask = (type, answerType) =>
    withTimeout(
      new Promise((resolve) => {
        const id = ++nextId;
        const onMessage = (m) => {
          if (m?.type === answerType && m.id === id) {
            child.off('message', onMessage);
            resolve(m);
          }
        };
        child.on('message', onMessage);
        child.send({ type, id });
      }),
      10_000,
      `server ${type}`,
    );
  return {
    port,
    stats: () => ask('stats', 'stats'),
    armSample: () => ask('arm-sample', 'armed'),
    stop: () => {
      if (child.connected) child.send({ type: 'stop' });
    },
  };
}

/** Runs contender.mjs once in a fresh process; resolves with its result message. */
async function runChild(config, execArgv = []) {
  const child = track(
    fork(join(SRC, 'contender.mjs'), [JSON.stringify(config)], {
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      cwd: BENCH_DIR,
    }),
  );
  const done = new Promise((resolve, reject) => {
    let result;
    child.on('message', (m) => {
      if (m?.type === 'result') result = m;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`${config.contender} child exited (${code ?? signal}) without a result`));
    });
  });
  return withTimeout(done, 2 * config.capMs + 30_000, `${config.contender} child`, () => child.kill('SIGKILL'));
}

function spawnNode(args) {
  return new Promise((resolve, reject) => {
    const child = track(
      execFile(process.execPath, args, { cwd: BENCH_DIR, timeout: 30_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(stdout.trim());
      }),
    );
    return child;
  });
}

// ----------------------------------------------------------------------------------------------- build

/** Builds a workspace package (its build script: tsup, then the declaration dedupe) when dist/ is missing, lacks `marker`, or is older than src/. */
function ensureBuilt(pkgDir, marker) {
  const entry = join(pkgDir, 'dist', 'index.js');
  const name = relative(ROOT, pkgDir);
  let reason;
  if (!existsSync(entry)) reason = 'dist/index.js is missing';
  else if (!readFileSync(entry, 'utf8').includes(marker)) reason = `dist/index.js lacks ${marker}`;
  else if (newestMtime(join(pkgDir, 'src')) > statSync(entry).mtimeMs) reason = 'src/ is newer than dist/';
  if (reason === undefined) return `${name}: dist up to date`;
  if (!BUILD) return `${name}: ${reason} (NOT rebuilt: --no-build)`;
  console.error(`· building ${name} (${reason}) …`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: pkgDir, stdio: ['ignore', 'ignore', 'inherit'] });
  return `${name}: rebuilt (${reason})`;
}

// ----------------------------------------------------------------------------------------------- stats
const min = (values) => Math.min(...values);
const max = (values) => Math.max(...values);

// ----------------------------------------------------------------------------------------------- phases
async function verifyContenders(server) {
  const checks = {};
  for (const id of Object.keys(CONTENDERS)) {
    const before = await server.stats();
    await server.armSample();
    const result = await runChild({
      contender: id,
      port: server.port,
      warmup: 0,
      calls: 3,
      concurrency: 1,
      capMs: 10_000,
    });
    const after = await server.stats();
    const signature = verifyV3(after.sample, CREDENTIALS);
    const served = after.requests - before.requests;
    const ok = result.ok && served === 3 && after.malformed === before.malformed && signature.ok;
    checks[id] = { ok, served, answer: result.sampleAnswer, signature, error: result.firstError };
    console.error(
      `· check ${id}: ${ok ? 'ok' : 'FAILED'}: ${served} requests served, answer ${result.sampleAnswer ?? result.firstError}, ` +
        `signature ${signature.ok ? `valid (SignedHeaders=${signature.signedHeaders})` : `INVALID: ${signature.reason}`}`,
    );
    if (!ok) throw new Error(`contender ${id} failed its check: ${JSON.stringify(checks[id], null, 2)}`);
  }
  return checks;
}

async function measure(server) {
  const runs = [];
  for (let rep = 1; rep <= REPS; rep++) {
    for (const mode of MODES) {
      for (const id of Object.keys(CONTENDERS)) {
        const before = await server.stats();
        const config = {
          contender: id,
          port: server.port,
          warmup: WARMUP,
          calls: mode.calls,
          concurrency: mode.concurrency,
          capMs: CAP_MS,
        };
        const result = await runChild(config);
        const after = await server.stats();
        const served = after.requests - before.requests;
        const expected = (result.warmupCalls ?? 0) + result.calls;
        if (!result.ok)
          throw new Error(`${id} ${mode.id} rep ${rep}: ${result.errors} failed calls, first: ${result.firstError}`);
        if (served !== expected)
          throw new Error(`${id} ${mode.id} rep ${rep}: server counted ${served} requests, client ${expected}`);
        if (after.malformed !== before.malformed) {
          throw new Error(
            `${id} ${mode.id}: ${after.malformed - before.malformed} malformed requests, e.g. ${JSON.stringify(after.firstMalformed)}`,
          );
        }
        const run = {
          rep,
          mode: mode.id,
          contender: id,
          served,
          connections: after.connections - before.connections,
          ...result,
        };
        runs.push(run);
        console.error(
          `· rep ${rep} ${mode.id.padEnd(3)} ${id.padEnd(8)} ${fmt(run.callsPerSec).padStart(7)} calls/s  ` +
            `${fmt(run.cpuUsPerCall, 1).padStart(6)} µs CPU/call  p50 ${fmt(run.p50Ms, 2)} ms  p99 ${fmt(run.p99Ms, 2)} ms  ` +
            `(${run.calls} calls${run.capped ? ', CAPPED' : ''}, ${run.connections} conns)`,
        );
      }
    }
  }
  return runs;
}

const IMPORT_TARGETS = [
  { id: 'undici', label: '`undici`', body: "await import('undici');" },
  { id: 'ensdk', label: '`@ensdk/client`', body: "await import('@ensdk/client');" },
  { id: 'official', label: '`@alicloud/openapi-core`', body: "await import('@alicloud/openapi-core');" },
  // Where ensdk's import time goes (each alone, in a fresh process).
  { id: 'zod', label: '↳ breakdown: `zod/mini` alone', body: "await import('zod/mini');" },
  { id: 'errors', label: '↳ breakdown: `@ensdk/errors` alone', body: "await import('@ensdk/errors');" },
  {
    id: 'models',
    label: '↳ breakdown: `@ensdk/client/models` alone (schemas, no runtime)',
    body: "await import('@ensdk/client/models');",
  },
];

async function coldImports() {
  const samples = Object.fromEntries(IMPORT_TARGETS.map((t) => [t.id, []]));
  for (let i = 0; i < IMPORT_RUNS; i++) {
    for (const target of IMPORT_TARGETS) {
      const code = `const t = performance.now(); ${target.body} console.log(performance.now() - t);`;
      const out = await spawnNode(['--input-type=module', '-e', code]);
      const ms = Number(out.split('\n').pop());
      if (!Number.isFinite(ms)) throw new Error(`cold import of ${target.id}: unexpected output ${out}`);
      samples[target.id].push(ms);
    }
  }
  console.error(
    `· cold import medians: ${IMPORT_TARGETS.map((t) => `${t.id} ${fmt(median(samples[t.id]), 1)} ms`).join(', ')}`,
  );
  return samples;
}

/** Throws unless the server counted one well-formed request per "one call" row in each of `rounds` rounds. */
function expectColdRequests(what, before, after, rounds) {
  const expected = rounds * COLD_TARGETS.filter((t) => t.call).length;
  if (after.requests - before.requests !== expected || after.malformed !== before.malformed) {
    throw new Error(
      `${what}: the server counted ${after.requests - before.requests} requests (${after.malformed - before.malformed} malformed), expected ${expected}`,
    );
  }
}

/** The cold-start section; checks that each "one call" process made exactly one request. */
async function coldStart(server) {
  const before = await server.stats();
  const samples = await measureColdStart({ port: server.port, runs: COLD_RUNS, log: (m) => console.error(m) });
  expectColdRequests('cold start', before, await server.stats(), COLD_RUNS);
  return coldStartMarkdown(samples, COLD_RUNS);
}

/** `--node-lines`: the cold-start rows on this Node and each of NODE_LINES, round by round; writes their section. */
async function nodeLines(server, machine) {
  const lines = [
    { version: process.versions.node, execPath: process.execPath },
    ...NODE_LINES.map((version) => ({ version, execPath: installNodeLine(version, (m) => console.error(m)) })),
  ];
  const before = await server.stats();
  for (const line of lines) line.samples = Object.fromEntries(COLD_TARGETS.map((t) => [t.id, []]));
  for (let round = 0; round < COLD_RUNS; round++) {
    for (const line of lines) {
      const samples = await measureColdStart({
        port: server.port,
        runs: 1,
        firstRound: round,
        execPath: line.execPath,
      });
      for (const [id, list] of Object.entries(samples)) line.samples[id].push(...list);
    }
    console.error(`· node lines: round ${round + 1}/${COLD_RUNS} done`);
  }
  expectColdRequests('node lines', before, await server.stats(), COLD_RUNS * lines.length);
  const section = nodeLinesMarkdown({
    lines,
    runs: COLD_RUNS,
    date: new Date().toISOString(),
    machine,
  });
  console.log(section);
  if (WRITE) {
    writeFileSync(
      OUTPUT,
      writeSection(existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '', NODE_LINES_SECTION, section),
    );
    console.error(`· wrote the node-lines section of ${relative(process.cwd(), OUTPUT) || OUTPUT}`);
  }
}

async function profileEnsdk(server) {
  const dir = join(BENCH_DIR, 'profiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = [];
  for (const mode of MODES) {
    const file = join(dir, `ensdk-${mode.id}.cpuprofile`);
    const result = await runChild({
      contender: 'ensdk',
      port: server.port,
      warmup: WARMUP,
      calls: mode.calls,
      concurrency: mode.concurrency,
      capMs: CAP_MS,
      profilePath: file,
    });
    if (!result.ok) throw new Error(`profiled ensdk ${mode.id}: ${result.firstError}`);
    out.push({ mode, file, summary: summarizeProfile(file) });
    console.error(
      `· profiled ensdk ${mode.id}: ${relative(ROOT, file)} (${fmt(result.cpuUsPerCall, 1)} µs CPU/call under the profiler)`,
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- report

/** Verdict on the median; says so when the individual runs fall on both sides of the target. */
function verdict(pass, runPasses = []) {
  const straddles = runPasses.includes(true) && runPasses.includes(false);
  if (pass) return straddles ? '⚠️ met by the median only; runs straddle the target' : '✅ met';
  return straddles ? '❌ missed by the median; runs straddle the target' : '❌ missed';
}

function buildReport({ started, finished, machine, builds, checks, runs, imports, cold, profiles }) {
  const pick = (contender, mode) => runs.filter((r) => r.contender === contender && r.mode === mode);
  const ratioPerRep = (mode, numeratorOf, a, b) => {
    const ratios = [];
    for (let rep = 1; rep <= REPS; rep++) {
      const x = runs.find((r) => r.rep === rep && r.mode === mode && r.contender === a);
      const y = runs.find((r) => r.rep === rep && r.mode === mode && r.contender === b);
      if (x && y) ratios.push(numeratorOf(x) / numeratorOf(y));
    }
    return ratios;
  };

  const lines = [];
  lines.push(
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (tools/bench/src/run.mjs). Each run rewrites this file but the sections that `npm run bench:proxy`, `bench:credentials`, `bench:node-lines` and `size -- -- --write` write (tools/bench/src/sections.mjs). -->',
    '',
    "How fast is `@ensdk/client` per call, next to the least a Node client can do and next to Alibaba's official",
    'client? Everything runs on one machine over loopback (127.0.0.1): a small ENS-like server in its own process',
    'answers every request `200 {"RequestId":"…"}` without checking signatures, so what is measured is the client.',
    '',
    '- **floor**: undici `request()` on a keep-alive `Agent`, URL and headers signed once up front with',
    '  `signRequestV3` and reused for every call; reads and parses the body. A practical lower bound for any client.',
    '- **ensdk**: `new EnsClient({ maxRetries: 0 }).revokeSecurityGroupEgress(input)`: validates the input, signs',
    '  ACS3-HMAC-SHA256 (fresh date and nonce), sends via undici, maps the JSON answer.',
    '- **official**: `@alicloud/openapi-core` `callApi` with the `Params` a generated ENS SDK passes, its default',
    '  ACS3-HMAC-SHA256 signature, HTTP; a fresh `OpenApiRequest`/`Params`/`RuntimeOptions` per call, as the',
    '  generated SDK does.',
    '',
    'Each contender × mode runs in a fresh child process (so `process.cpuUsage()` is that client alone), warms',
    'up, then measures a bounded number of calls (with a time cap). Runs are interleaved (floor, ensdk, official,',
    'floor, …) and repeated; the tables show medians. Before measuring, one request of each contender is captured',
    'at the server and its signature verified independently; during the runs the server counts every request and',
    'each client checks every answer (status 200 and the RequestId).',
    '',
    'Reproduce: `npm run bench` at the repository root. Options go after two `--` (npm eats one):',
    '`npm run bench -- -- --profile` adds a CPU profile of ensdk, `--reps N`, `--quick` (does not write this file).',
    '',
    '## Latest run',
    '',
    `- Date: ${finished.toISOString()} (took ${fmt((finished - started) / 1000, 0)} s)`,
    '- Command: `npm run bench`',
    `- Machine: ${machine.line}`,
    `- Node ${process.versions.node}; undici ${versionOf('undici')}; @alicloud/openapi-core ${versionOf('@alicloud/openapi-core')}; ensdk commit ${machine.commit}; dist fingerprint ${machine.dist}`,
    `- Builds: ${builds.join('; ')}`,
    `- Per run: ${WARMUP} warm-up calls, then ${MODES.map((m) => `${fmt(m.calls)} calls ${m.label}`).join(' / ')} (cap ${CAP_MS / 1000} s each); ${REPS} interleaved repetitions; cold start ${COLD_RUNS} rounds; cold imports ${IMPORT_RUNS}× each`,
    '',
    '### Calls',
    '',
    `Medians of ${REPS} runs; calls/s range shows min–max over the runs. CPU is the client process only (user + system).`,
    '',
    '| Contender | Mode | Calls/s | (min–max) | CPU µs/call | (min–max) | p50 ms | p99 ms |',
    '|---|---|--:|--:|--:|--:|--:|--:|',
  );
  for (const mode of MODES) {
    for (const id of Object.keys(CONTENDERS)) {
      const r = pick(id, mode.id);
      const cps = r.map((x) => x.callsPerSec);
      const cpu = r.map((x) => x.cpuUsPerCall);
      lines.push(
        `| ${id} | ${mode.label} | ${fmt(median(cps))} | ${fmt(min(cps))}–${fmt(max(cps))} | ${fmt(median(cpu), 1)} | ` +
          `${fmt(min(cpu), 1)}–${fmt(max(cpu), 1)} | ${fmt(median(r.map((x) => x.p50Ms)), 2)} | ${fmt(median(r.map((x) => x.p99Ms)), 2)} |`,
      );
    }
  }

  const goalRows = [];
  const verdicts = [];
  for (const mode of MODES) {
    const cpuRatios = ratioPerRep(mode.id, (r) => r.cpuUsPerCall, 'ensdk', 'floor');
    const value = median(cpuRatios);
    const pass = value <= GOALS.cpuRatioMax;
    verdicts.push({ goal: `CPU/call vs floor (${mode.label})`, value, pass });
    goalRows.push(
      `| ensdk CPU/call ÷ floor CPU/call, ${mode.label} | **${fmt(value, 2)}** (runs: ${cpuRatios.map((x) => fmt(x, 2)).join(', ')}) | ≤ ${GOALS.cpuRatioMax} | ${verdict(
        pass,
        cpuRatios.map((x) => x <= GOALS.cpuRatioMax),
      )} |`,
    );
  }
  for (const mode of MODES) {
    const tputRatios = ratioPerRep(mode.id, (r) => r.callsPerSec, 'ensdk', 'official');
    const target = mode.id === 'c32' ? GOALS.c32ThroughputRatioMin : GOALS.throughputRatioMin;
    const value = median(tputRatios);
    const pass = value >= target;
    verdicts.push({ goal: `calls/s vs official (${mode.label})`, value, pass });
    goalRows.push(
      `| ensdk calls/s ÷ official calls/s, ${mode.label} | **${fmt(value, 2)}** (runs: ${tputRatios.map((x) => fmt(x, 2)).join(', ')}) | ≥ ${target} | ${verdict(
        pass,
        tputRatios.map((x) => x >= target),
      )} |`,
    );
  }
  const importNote =
    `On this machine \`undici\` alone imports in ${fmt(median(imports.undici), 1)} ms, \`zod/mini\` alone in ${fmt(median(imports.zod), 1)} ms ` +
    `and \`@ensdk/errors\` in ${fmt(median(imports.errors), 1)} ms (see the cold-import table); the cold-start goals are in the cold-start section.`;
  // For information: the CPU ratio of the official client to the floor, same pairing.
  const officialCpu = MODES.map(
    (m) => `${m.label} ${fmt(median(ratioPerRep(m.id, (r) => r.cpuUsPerCall, 'official', 'floor')), 2)}`,
  );
  const floorVsOfficialTput = MODES.map(
    (m) => `${m.label} ${fmt(median(ratioPerRep(m.id, (r) => r.callsPerSec, 'floor', 'official')), 2)}`,
  );
  const ensdkVsOfficialCpu = MODES.map(
    (m) => `${m.label} ${fmt(median(ratioPerRep(m.id, (r) => r.cpuUsPerCall, 'ensdk', 'official')), 2)}`,
  );

  lines.push(
    '',
    '### Goals',
    '',
    'Ratios are taken within each repetition (contenders measured back to back) and the median of those is shown.',
    '',
    '| Goal | Measured | Target | Verdict |',
    '|---|--:|--:|---|',
    ...goalRows,
    '',
    importNote,
    '',
    `For comparison: official CPU/call ÷ floor CPU/call: ${officialCpu.join(', ')}; ensdk CPU/call ÷ official CPU/call: ${ensdkVsOfficialCpu.join(', ')}. ` +
      `Floor calls/s ÷ official calls/s (the most any client could reach against this server on this machine): ${floorVsOfficialTput.join(', ')}.`,
    '',
    ...cold.lines,
    '',
    '### Cold import',
    '',
    `\`node --input-type=module -e "const t = performance.now(); await import('X'); console.log(performance.now() - t)"\`, fresh process each time, ${IMPORT_RUNS} runs interleaved; Node's own start-up is not included.`,
    '',
    '| What | Median ms | (min–max) |',
    '|---|--:|--:|',
  );
  for (const target of IMPORT_TARGETS) {
    const s = imports[target.id];
    lines.push(`| ${target.label} | ${fmt(median(s), 1)} | ${fmt(min(s), 1)}–${fmt(max(s), 1)} |`);
  }

  const byContender = (id) => runs.filter((r) => r.contender === id);
  lines.push(
    '',
    '### Checks',
    '',
    '| Contender | Signature of a captured request | Answer | Requests served (all runs) | Connections opened (median per run: seq / c32) |',
    '|---|---|---|--:|--:|',
  );
  for (const id of Object.keys(CONTENDERS)) {
    const c = checks[id];
    const served = byContender(id).reduce((sum, r) => sum + r.served, 0) + c.served;
    const conns = MODES.map((m) => fmt(median(pick(id, m.id).map((r) => r.connections)))).join(' / ');
    lines.push(
      `| ${id} | valid ACS3-HMAC-SHA256, SignedHeaders=\`${c.signature.signedHeaders}\` | 200, \`${c.answer}\` | ${fmt(served)} | ${conns} |`,
    );
  }
  lines.push(
    '',
    'Every served request was answered 200 and every answer was checked by the client; the server counted exactly the calls the clients made.',
  );

  const notes = [];
  const capped = runs.filter((r) => r.capped);
  if (capped.length > 0) {
    notes.push(
      `${capped.length} run(s) hit the ${CAP_MS / 1000} s cap and measured fewer calls: ${capped.map((r) => `${r.contender} ${r.mode} rep ${r.rep} (${r.calls})`).join(', ')}.`,
    );
  }
  for (const mode of MODES) {
    for (const id of Object.keys(CONTENDERS)) {
      const cps = pick(id, mode.id).map((r) => r.callsPerSec);
      if (cps.length > 1 && max(cps) / min(cps) > 1.25) {
        notes.push(
          `${id} ${mode.label}: calls/s varied ${fmt((max(cps) / min(cps) - 1) * 100)} % between runs (noise).`,
        );
      }
    }
  }
  lines.push(
    '',
    '### Noise',
    '',
    `This machine has ${machine.cores} logical CPUs shared with other work (load average ${machine.load} at start), and the`,
    'server runs on the same CPUs as the client, so absolute numbers move between runs, sometimes by tens of percent,',
    'and p99 latencies mostly reflect scheduling. Compare contenders only within one run: the ratios above pair runs',
    'made back to back, which cancels much (not all) of the drift. At concurrency 32 the server process competes',
    'with the client for the same two cores, which compresses the differences in calls/s; CPU µs per call of the',
    'client process is the steadier measure of client overhead.',
    ...(notes.length > 0 ? ['', ...notes.map((n) => `- ${n}`)] : []),
  );

  if (profiles !== undefined) {
    lines.push(
      '',
      '### CPU profile of ensdk',
      '',
      'Extra ensdk runs with the V8 sampling profiler (100 µs) on during the measured phase only (not start-up or warm-up; not part of the numbers above). Open `tools/bench/profiles/*.cpuprofile` in Chrome DevTools; `node tools/bench/src/profile.mjs FILE` prints a longer summary.',
      '',
    );
    for (const p of profiles) lines.push(...profileMarkdown(`${p.mode.label}`, p.summary, 12));
  }
  lines.push('');
  return { markdown: lines.join('\n'), verdicts: [...verdicts, ...cold.verdicts] };
}

// ------------------------------------------------------------------------------------------------ main
async function main() {
  const started = new Date();
  const machine = describeMachine(['errors', 'client']);
  const builds = [
    ensureBuilt(join(ROOT, 'packages', 'errors'), 'EnsError'),
    ensureBuilt(join(ROOT, 'packages', 'client'), 'EnsBareClient'),
  ];
  for (const b of builds) console.error(`· ${b}`);
  const fingerprint = distFingerprint(['errors', 'client']);
  machine.dist = fingerprint;

  const server = await startServer();
  console.error(`· loopback server on 127.0.0.1:${server.port}`);
  if (NODE_LINES_ONLY) {
    try {
      await nodeLines(server, machine);
    } finally {
      server.stop();
    }
    return;
  }
  if (COLD_ONLY) {
    try {
      console.log((await coldStart(server)).lines.join('\n'));
    } finally {
      server.stop();
    }
    return;
  }
  try {
    const checks = await verifyContenders(server);
    const runs = await measure(server);
    const cold = await coldStart(server);
    const imports = await coldImports();
    const profiles = PROFILE ? await profileEnsdk(server) : undefined;
    const { markdown, verdicts } = buildReport({
      started,
      finished: new Date(),
      machine,
      builds,
      checks,
      runs,
      imports,
      cold,
      profiles,
    });
    console.log(markdown);
    if (distFingerprint(['errors', 'client']) !== fingerprint) {
      console.error(
        '· packages/*/dist changed during the run (rebuilt by someone else?): results mix builds; BENCHMARKS.md NOT written. Run again.',
      );
      process.exitCode = 1;
      return;
    }
    if (WRITE) {
      const previous = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
      let text = markdown;
      for (const marks of [PROXY_SECTION, CREDENTIALS_SECTION, SIZE_SECTION, NODE_LINES_SECTION]) {
        const kept = readSection(previous, marks);
        if (kept !== undefined) text = writeSection(text, marks, kept);
      }
      writeFileSync(OUTPUT, text);
      console.error(`· wrote ${relative(process.cwd(), OUTPUT) || OUTPUT}`);
    }
    console.error(
      `· goals: ${verdicts.map((v) => `${v.goal} ${fmt(v.value, 2)} ${v.pass ? 'met' : 'MISSED'}`).join('; ')}`,
    );
  } finally {
    server.stop();
  }
}

await main();
// Sockets of the server child or timers must not keep us alive.
killChildren();
process.exit(process.exitCode ?? 0);
