// `npm run bench:proxy` (repo root) → this file. A bounded load run, on loopback only, of RevokeSecurityGroupEgress
// forwarded to @ensdk/emulator three ways, each server in its own child process (proxyLoadServer.mjs):
//   proxy        node:http + createEnsProxyListener(...) of @ensdk/proxy/server (native) → EnsClient → emulator
//   proxy-fetch  node:http + toNodeListener(createEnsProxyHandler(...)) (web Request/Response) → EnsClient → emulator
//   direct       node:http whose handler calls EnsClient.revokeSecurityGroupEgress(JSON.parse(body))  → emulator
// autocannon, here, fires a fixed number of POST /RevokeSecurityGroupEgress at 50 connections; every body is distinct
// and revokes an egress rule that exists (created beforehand), so every answer must be 200 {"requestId":…}.
// Measured per run: requests/s, p50 and p99 latency, the server's CPU per request, and the server's memory (heap
// after full GCs, and rss) before, halfway through and after the load. Proxy and direct runs are interleaved and
// repeated. Fails (exit 1, BENCHMARKS.md untouched) on any error, timeout, non-2xx or unexpected answer, on a rule
// left unrevoked, or when the heap grows more than MEMORY_BOUND_MB over the run. Writes its section of BENCHMARKS.md.
// The goals (proxy ÷ direct: CPU/request ≤ 1.3, requests/s ≥ 0.8, p99 ≤ 1.3) are judged on the `proxy` side.
//
// Options (from the repo root after two `--`, e.g. `npm run bench:proxy -- -- --requests 2000`):
//   --quick (1,000 requests, 1 repetition, does not write BENCHMARKS.md) · --requests N · --reps N · --no-write
//   --build (rebuild the packages with turbo even when their dist/ is there)
//   --sides a,b (a subset of proxy,proxy-fetch,direct; direct is always measured; only the full set writes the file)
//   --profile (one more run of each side with the V8 CPU profiler on during its measured phase, not part of the
//   figures: tools/bench/profiles/proxy-<side>.cpuprofile, summarised in the report)
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
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
import { profileMarkdown, summarizeProfile } from './profile.mjs';
import { PROXY_SECTION, writeSection } from './sections.mjs';

// ---------------------------------------------------------------------------------------------- options
const QUICK = flag('--quick');
const REQUESTS = option('--requests', QUICK ? 1_000 : 10_000);
const REPS = option('--reps', QUICK ? 1 : 3);
const ALL_SIDES = ['proxy', 'proxy-fetch', 'direct'];
const SIDES = (() => {
  const i = process.argv.indexOf('--sides');
  if (i < 0) return ALL_SIDES;
  const asked = new Set([...(process.argv[i + 1] ?? '').split(','), 'direct']);
  const unknown = [...asked].filter((side) => !ALL_SIDES.includes(side));
  if (unknown.length > 0) throw new Error(`--sides: unknown ${unknown.join(', ')} (known: ${ALL_SIDES.join(', ')})`);
  return ALL_SIDES.filter((side) => asked.has(side));
})();
/** The side the goals are judged on: the native listener, else the fetch adapter when only it was asked. */
const GOAL_SIDE = SIDES[0];
const WRITE = !QUICK && !flag('--no-write') && SIDES.length === ALL_SIDES.length;
const PROFILE = flag('--profile');
const PROFILE_DIR = join(BENCH_DIR, 'profiles');
/**
 * The measurement before the native listener and validate-once (issue 14), kept for the report's before/after:
 * written by `--record-before` (a run of the code as it was, `--sides proxy-fetch --profile --record-before`).
 */
const BEFORE_FILE = join(BENCH_DIR, 'proxy-before.json');
const RECORD_BEFORE = flag('--record-before');
const BUILD = flag('--build');
const WARMUP = QUICK ? 500 : 2_000;
const CONNECTIONS = 50;
/** The emulator's defaults: rules per group (ingress + egress) and groups. */
const RULES_PER_GROUP = 200;
const MAX_GROUPS = 100;
/** Concurrency of the setup client that authorizes the rules. */
const SETUP_CONCURRENCY = 32;
/** Time cap of one load phase; a capped phase fails the run. */
const CAP_MS = 60_000;
/** autocannon's per-request timeout, in seconds. */
const REQUEST_TIMEOUT_S = 10;
/** Largest accepted growth of the server's heap (after GC) from before to after the measured phase. */
const MEMORY_BOUND_MB = 10;
/** The goals of issue 14, as side ÷ direct within a repetition. */
const GOALS = [
  { label: 'server CPU per request', key: 'cpuUsPerRequest', at: 'most', target: 1.3 },
  { label: 'requests/s', key: 'requestsPerSec', at: 'least', target: 0.8 },
  { label: 'p99 latency', key: 'p99Ms', at: 'most', target: 1.3 },
];
const ACTION = 'RevokeSecurityGroupEgress';
/** The answer both servers give: the client's output, `{ requestId }` (the emulator's ids are upper-case UUIDs). */
const ANSWER = /^\{"requestId":"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"\}$/;
const PACKAGES = ['errors', 'client', 'proxy', 'emulator'];
const MB = 1024 * 1024;

if (!Number.isInteger(REQUESTS) || REQUESTS < CONNECTIONS || !Number.isInteger(REPS) || REPS < 1) {
  throw new Error(`--requests must be an integer ≥ ${CONNECTIONS} and --reps ≥ 1`);
}
if (WARMUP + REQUESTS > RULES_PER_GROUP * MAX_GROUPS) {
  throw new Error(
    `--requests: at most ${RULES_PER_GROUP * MAX_GROUPS - WARMUP} (the emulator holds ${MAX_GROUPS} groups × ${RULES_PER_GROUP} rules)`,
  );
}

// ------------------------------------------------------------------------------------- child processes
const children = new Set();
function killChildren() {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => process.exit(130));
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Forks proxyLoadServer.mjs in `role`; resolves once it listens, with its `listening` message (`url` or `port`),
 * `ask(type)` (a request answered over IPC) and `stop()`.
 */
async function startChild(role, args = []) {
  const child = fork(join(SRC, 'proxyLoadServer.mjs'), [role, ...args], {
    cwd: BENCH_DIR,
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => children.delete(child));
  const listening = await withTimeout(
    new Promise((resolve, reject) => {
      exited.then((code) => reject(new Error(`${role} process exited early (${code})`)));
      child.on('message', (m) => m?.type === 'listening' && resolve(m));
    }),
    15_000,
    `${role} start`,
  );
  let lastId = 0;
  const ask = (type, args = {}) =>
    withTimeout(
      new Promise((resolve) => {
        const id = ++lastId;
        const onMessage = (m) => {
          if (m?.type !== type || m.id !== id) return;
          child.off('message', onMessage);
          resolve(m);
        };
        child.on('message', onMessage);
        child.send({ ...args, type, id });
      }),
      15_000,
      `${role} ${type}`,
    );
  const stop = () => {
    if (child.connected) child.disconnect(); // the child exits on 'disconnect'
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    return exited.finally(() => clearTimeout(timer));
  };
  return { ...listening, ask, stop };
}

// ----------------------------------------------------------------------------------------------- build
const distDir = (pkg) => join(ROOT, 'packages', pkg, 'dist');

/** Builds the four packages with turbo when a dist/ is missing (or with --build); says which dist/ is older than its src/. */
function ensureBuilt() {
  const missing = PACKAGES.filter((pkg) => !existsSync(join(distDir(pkg), 'index.js')));
  if (BUILD || missing.length > 0) {
    console.error(`· building with turbo (${BUILD ? '--build' : `no dist/ in ${missing.join(', ')}`}) …`);
    execFileSync(
      'npx',
      ['turbo', 'run', 'build', '--filter=@ensdk/proxy', '--filter=@ensdk/emulator', '--output-logs=errors-only'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
  }
  const stale = PACKAGES.filter(
    (pkg) => newestMtime(join(ROOT, 'packages', pkg, 'src')) > statSync(join(distDir(pkg), 'index.js')).mtimeMs,
  );
  const built = BUILD || missing.length > 0 ? 'built with turbo' : 'existing dist/ used';
  return stale.length === 0
    ? `${built}, none older than its src/`
    : `${built}; dist/ older than src/ in ${stale.join(', ')} (measured: the dist/)`;
}

// ----------------------------------------------------------------------------------------------- stats
function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
const range = (values, digits = 0) => `${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}`;

// ------------------------------------------------------------------------------------------ setup, load
async function inParallel(items, concurrency, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Creates the groups and `count` distinct egress rules (tcp port p/p to 10.0.0.0/8, p = 1…200 per group). */
async function createRules(client, count) {
  const groupIds = [];
  for (let g = 0; g < Math.ceil(count / RULES_PER_GROUP); g++) {
    groupIds.push((await client.createSecurityGroup({ securityGroupName: `load-${g}` })).securityGroupId);
  }
  const rules = Array.from({ length: count }, (_, i) => {
    const port = (i % RULES_PER_GROUP) + 1;
    return {
      securityGroupId: groupIds[Math.floor(i / RULES_PER_GROUP)],
      ipProtocol: 'tcp',
      portRange: `${port}/${port}`,
      destCidrIp: '10.0.0.0/8',
    };
  });
  await inParallel(rules, SETUP_CONCURRENCY, (rule) => client.authorizeSecurityGroupEgress(rule));
  return { groupIds, rules };
}

/** Egress rules still in the groups, per DescribeSecurityGroupAttribute. */
async function egressRulesLeft(client, groupIds) {
  let left = 0;
  for (const securityGroupId of groupIds) {
    const { permissions } = await client.describeSecurityGroupAttribute({ securityGroupId });
    left += (permissions?.permission ?? []).filter((rule) => rule.direction === 'egress').length;
  }
  return left;
}

/**
 * One autocannon run: a POST per body, each body sent once (a shared cursor in `setupRequest`), CONNECTIONS
 * connections, one request in flight on each. Calls `onHalfway` when half the answers are in. Resolves with
 * autocannon's result, the bodies used, the answers that matched ANSWER, whether the cap was hit, the time from
 * the start to the last answer, and every answer's latency (ms, sorted).
 */
async function fire(autocannon, port, bodies, onHalfway) {
  let used = 0;
  let expectedAnswers = 0;
  let answered = 0;
  let capped = false;
  let lastAnswerAt;
  const latencies = new Float64Array(bodies.length);
  const startedAt = performance.now();
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/${ACTION}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        connections: CONNECTIONS,
        amount: bodies.length,
        timeout: REQUEST_TIMEOUT_S,
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: bodies[used++] }),
            onResponse: (status, body) => {
              if (status === 200 && ANSWER.test(body)) expectedAnswers++;
            },
          },
        ],
      },
      (error, outcome) => {
        clearTimeout(cap);
        if (error) reject(error);
        else resolve(outcome);
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      if (answered < latencies.length) latencies[answered] = ms;
      answered++;
      lastAnswerAt = performance.now();
      if (answered === bodies.length >> 1) onHalfway?.();
    });
    const cap = setTimeout(() => {
      capped = true;
      instance.stop();
    }, CAP_MS);
  });
  return {
    result,
    used,
    answered,
    expectedAnswers,
    capped,
    wallMs: (lastAnswerAt ?? performance.now()) - startedAt,
    latencies: latencies.subarray(0, Math.min(answered, latencies.length)).sort(),
  };
}

/** What went wrong in one load phase that should have answered `expected` requests 200. */
function loadProblems(phase, load, expected) {
  const { result } = load;
  const problems = [];
  if (load.capped) problems.push(`${phase}: hit the ${CAP_MS / 1000} s cap`);
  if (result.errors > 0)
    problems.push(`${phase}: ${result.errors} request errors (${result.timeouts} of them timeouts)`);
  if (result.non2xx > 0)
    problems.push(`${phase}: ${result.non2xx} non-2xx answers, by status ${JSON.stringify(result.statusCodeStats)}`);
  if (load.answered !== expected || result['2xx'] !== expected)
    problems.push(`${phase}: ${load.answered} answers, ${result['2xx']} of them 2xx, for ${expected} requests`);
  if (load.expectedAnswers !== expected)
    problems.push(`${phase}: ${expected - load.expectedAnswers} answers were not 200 {"requestId":…}`);
  if (load.used !== expected) problems.push(`${phase}: ${load.used} distinct bodies sent for ${expected} requests`);
  return problems;
}

/** What the server itself saw go wrong: any answer but 200, or a failure of the upstream call. */
function serverProblems(stats, expected) {
  const problems = [];
  const served200 = stats.byStatus[200] ?? 0;
  if (served200 !== expected || Object.keys(stats.byStatus).length !== 1) {
    problems.push(`server: answered ${JSON.stringify(stats.byStatus)} (status: count) for ${expected} requests`);
  }
  if (stats.failures > 0)
    problems.push(`server: ${stats.failures} failed upstream calls, first: ${stats.firstFailure}`);
  return problems;
}

/**
 * One run of one side against a fresh emulator state: setup, fresh server process, warm-up, measured load, checks.
 * With `profilePath`, the server's CPU profile of the measured phase is written there.
 */
async function measureRun(autocannon, side, rep, emulator, setupClient, profilePath) {
  await emulator.ask('reset');
  const { groupIds, rules } = await createRules(setupClient, WARMUP + REQUESTS);
  const bodies = rules.map((rule) => JSON.stringify(rule));
  const server = await startChild(side, [emulator.url]);
  try {
    const warm = await fire(autocannon, server.port, bodies.slice(0, WARMUP));
    const memoryBefore = await server.ask('memory');
    const statsBefore = await server.ask('stats');
    if (profilePath !== undefined) await server.ask('profileStart');
    let halfway;
    const load = await fire(autocannon, server.port, bodies.slice(WARMUP), () => {
      halfway = server.ask('memory');
    });
    const statsAfter = await server.ask('stats');
    if (profilePath !== undefined) await server.ask('profileStop', { path: profilePath });
    const memoryAfter = await server.ask('memory');
    const memoryHalfway = (await halfway) ?? { heapUsed: NaN, rss: NaN }; // none when the load stopped early
    const rulesLeft = await egressRulesLeft(setupClient, groupIds);

    const memory = [memoryBefore, memoryHalfway, memoryAfter].map(({ heapUsed, rss }) => ({
      heapMb: heapUsed / MB,
      rssMb: rss / MB,
    }));
    const heapGrowthMb = memory[2].heapMb - memory[0].heapMb;
    const cpuUs = statsAfter.cpu.user + statsAfter.cpu.system - statsBefore.cpu.user - statsBefore.cpu.system;
    const problems = [
      ...loadProblems('warm-up', warm, WARMUP),
      ...loadProblems('load', load, REQUESTS),
      ...serverProblems(statsAfter, WARMUP + REQUESTS),
      ...(rulesLeft > 0 ? [`emulator: ${rulesLeft} of ${rules.length} egress rules still there after the run`] : []),
      ...(heapGrowthMb > MEMORY_BOUND_MB
        ? [`memory: heap grew ${fmt(heapGrowthMb, 1)} MB (bound ${MEMORY_BOUND_MB} MB)`]
        : []),
    ];
    const run = {
      side,
      rep,
      requestsPerSec: (REQUESTS / load.wallMs) * 1000,
      p50Ms: quantile(load.latencies, 0.5),
      p99Ms: quantile(load.latencies, 0.99),
      cpuUsPerRequest: cpuUs / REQUESTS,
      memory,
      heapGrowthMb,
      served: WARMUP + REQUESTS,
      groups: groupIds.length,
      problems,
    };
    console.error(
      `· ${profilePath === undefined ? `rep ${rep}` : 'profiled'} ${side.padEnd(11)} ${fmt(run.requestsPerSec).padStart(6)} req/s  p50 ${fmt(run.p50Ms, 2)} ms  p99 ${fmt(run.p99Ms, 2)} ms  ` +
        `${fmt(run.cpuUsPerRequest)} µs CPU/req  heap ${memory.map((m) => fmt(m.heapMb, 1)).join(' → ')} MB  ` +
        `rss ${memory.map((m) => fmt(m.rssMb, 0)).join(' → ')} MB  ${problems.length === 0 ? 'ok' : `FAILED: ${problems.join('; ')}`}`,
    );
    return run;
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------- report

/** `side` ÷ direct of `metric`, within each repetition. */
function ratiosPerRep(runs, side, metric) {
  const ratios = [];
  for (let rep = 1; rep <= REPS; rep++) {
    const [proxied, direct] = [side, 'direct'].map((s) => runs.find((r) => r.rep === rep && r.side === s));
    ratios.push(metric(proxied) / metric(direct));
  }
  return ratios;
}

/** Met or missed by the median, and whether the repetitions fall on both sides of the target. */
function verdict(goal, ratios) {
  const meets = (x) => (goal.at === 'most' ? x <= goal.target : x >= goal.target);
  const passes = ratios.map(meets);
  const straddles = passes.includes(true) && passes.includes(false);
  if (meets(median(ratios))) return straddles ? '⚠️ met by the median; runs straddle the target' : '✅ met';
  return straddles ? '❌ missed by the median; runs straddle the target' : '❌ missed';
}

/** The goals of issue 14 on GOAL_SIDE, this run beside the recorded run before the change. */
function goalLines(runs, before) {
  const lines = [
    '',
    '### Goals (issue 14): before and after',
    '',
    before === undefined
      ? 'No run before the change is recorded (`tools/bench/proxy-before.json`).'
      : `Before: ${before.what}, measured ${before.date} on commit ${before.commit} by \`${before.command}\` (${before.machine}). After: \`${GOAL_SIDE}\` in this run. Both are the median of the per-repetition ratios to \`direct\` in the same run.`,
    '',
    '| Goal | Before | After | Target | Verdict (after) |',
    '|---|--:|--:|--:|---|',
  ];
  for (const goal of GOALS) {
    const ratios = ratiosPerRep(runs, GOAL_SIDE, (r) => r[goal.key]);
    const was = before?.ratios?.[goal.key];
    lines.push(
      `| ${goal.label}, ${GOAL_SIDE} ÷ direct | ${was === undefined ? '–' : fmt(was, 2)} | **${fmt(median(ratios), 2)}** (runs: ${ratios.map((x) => fmt(x, 2)).join(', ')}) | ${goal.at === 'most' ? '≤' : '≥'} ${goal.target} | ${verdict(goal, ratios)} |`,
    );
  }
  return lines;
}

/** Summaries of the CPU profiles of this run (and the recorded top items before the change). */
function profileLines(profiles, before) {
  if (profiles === undefined && before?.profile === undefined) return [];
  const lines = [
    '',
    '### CPU profile of the server',
    '',
    'One extra run of each side with the V8 sampling profiler (100 µs) on during its measured phase only (not part of',
    'the figures above). Open `tools/bench/profiles/proxy-*.cpuprofile` in Chrome DevTools;',
    '`node tools/bench/src/profile.mjs FILE` prints a longer summary. Self time; shares of the busy samples.',
    '',
  ];
  if (before?.profile !== undefined) {
    lines.push(
      `#### Before: ${before.what} (commit ${before.commit})`,
      '',
      '| Top self time | Where | Package | Share |',
    );
    lines.push('|---|---|---|--:|');
    for (const f of before.profile)
      lines.push(`| \`${f.name}\` | ${f.where} | ${f.pkg} | ${(f.share * 100).toFixed(1)} % |`);
    lines.push('');
  }
  for (const p of profiles ?? []) lines.push(...profileMarkdown(`This run: ${p.side}`, p.summary, 12));
  return lines;
}

function buildSection({ started, finished, machine, builds, runs, profiles, before }) {
  const groups = runs[0].groups;
  const lines = [
    PROXY_SECTION.start,
    '',
    '## Proxy under load',
    '',
    'Does `@ensdk/proxy/server` hold up under load, and what does it cost on top of calling `@ensdk/client`',
    'directly? Both serve RevokeSecurityGroupEgress against `@ensdk/emulator` over loopback (127.0.0.1), each in',
    'its own process, so its CPU and memory are its own:',
    '',
    '- **proxy**: `node:http` with the native listener',
    '  `createEnsProxyListener({ client, allow: [revokeSecurityGroupEgressOperation] })` (no web `Request`/`Response`),',
    '  `client = new EnsClient({ endpoint: emulator, credentials: demo keys, maxRetries: 0 })`.',
    '- **proxy-fetch**: `node:http` with the fetch-standard handler through the adapter,',
    '  `toNodeListener(createEnsProxyHandler({ … }))`: the same decision core, a web `Request` and `Response` per call.',
    '- **direct**: `node:http` whose handler reads the body and answers 200 JSON with',
    '  `await client.revokeSecurityGroupEgress(JSON.parse(body))`, the same client. It is the proxy minus the proxy',
    '  (refusal checks, body limit, JSON shape check, error mapping), so the difference between the rows is the',
    "  proxy's cost. Both proxies validate once: the input checked by `validateOperationInput` is not checked again",
    '  by `client.send`. `direct` reads the body with `for await (const chunk of req)` (more CPU than the listener’s',
    '  `data` events) and passes no AbortSignal (less), so the native proxy can come out at or below 1.0 on CPU.',
    '- **emulator**: `startEmulator()` with the demo keys, in a third process; it checks every signature and nonce.',
    `- **load**: autocannon ${versionOf('autocannon')}, in the bench process: \`POST /${ACTION}\` with a JSON body, ${CONNECTIONS}`,
    '  connections, one request in flight on each, a fixed number of requests (and a 60 s cap). Every body is',
    '  distinct and revokes an egress rule that exists: before each run the emulator is reset and',
    `  AuthorizeSecurityGroupEgress creates warm-up + measured rules (${groups} groups × up to ${RULES_PER_GROUP}, the emulator's quota),`,
    '  so every answer must be 200 `{"requestId":…}`.',
    '',
    'Each run: reset the emulator, create the rules, start a fresh server process, send the warm-up requests, take the',
    "server's memory, send the measured requests (memory again at half of them: its GCs pause that server briefly",
    'mid-load, both servers alike), take its memory after, then check with DescribeSecurityGroupAttribute that no',
    'egress rule is left in any group. Requests/s = measured requests ÷ time from the first request to the last',
    "answer. Latency is autocannon's per request (request written → answer parsed); p50 and p99 are computed from",
    'every measured answer. Server CPU is `process.cpuUsage()` of the server process over the measured phase ÷',
    "requests. Memory is the server process's `rss` and its `heapUsed` after",
    '`gc()` (`--expose-gc`), a 50 ms pause and `gc()` again: the pause lets the finalizers the first GC queued run',
    "(Node's `Request` ties each request's `AbortSignal` to the caller's through a `FinalizationRegistry`; after a",
    "single GC the proxy's heap seemed to grow by 0.5–1 KB per request, records freed once the finalizers have run).",
    `The run fails if the heap after the load exceeds the heap before by more than ${MEMORY_BOUND_MB} MB.`,
    'A run also fails on any request error, timeout, non-2xx or unexpected answer, on a status other than 200 seen',
    'by the server, or on a rule left unrevoked. Proxy and direct runs are interleaved (their order alternates each',
    'repetition); ratios are taken within each repetition.',
    '',
    'Reproduce: `npm run bench:proxy` at the repository root (`-- --quick` for a fast check that does not write this',
    'file; `-- -- --requests N --reps N`; `-- -- --profile` adds the CPU profiles below; `-- -- --sides proxy` measures',
    'a subset and does not write this file). `npm run bench` rewrites the rest of this file and keeps this section.',
    '',
    '### Latest run',
    '',
    `- Date: ${finished.toISOString()} (took ${fmt((finished - started) / 1000)} s)`,
    `- Command: \`npm run bench:proxy${process.argv.length > 2 ? ` -- -- ${process.argv.slice(2).join(' ')}` : ''}\``,
    `- Machine: ${machine.line}`,
    `- Node ${process.versions.node}; autocannon ${versionOf('autocannon')}; ensdk commit ${machine.commit}; dist fingerprint ${machine.dist}`,
    `- Builds: ${builds}`,
    `- Per run: ${fmt(WARMUP)} warm-up requests, then ${fmt(REQUESTS)} measured, ${CONNECTIONS} connections; ${REPS} repetitions of each side`,
    '',
    `Medians of ${REPS} runs, min–max in brackets. CPU is the server process only (user + system).`,
    '',
    '| Server | Requests/s | (min–max) | p50 ms | (min–max) | p99 ms | (min–max) | Server CPU µs/request | (min–max) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const side of SIDES) {
    const mine = runs.filter((r) => r.side === side);
    const column = (key, digits) => {
      const values = mine.map((r) => r[key]);
      return `${fmt(median(values), digits)} | ${range(values, digits)}`;
    };
    lines.push(
      `| ${side} | ${column('requestsPerSec', 0)} | ${column('p50Ms', 2)} | ${column('p99Ms', 2)} | ${column('cpuUsPerRequest', 0)} |`,
    );
  }
  lines.push('', '| ÷ direct, per repetition | Side | Median | Runs |', '|---|---|--:|---|');
  for (const side of SIDES.filter((s) => s !== 'direct')) {
    for (const [label, key] of [
      ['requests/s', 'requestsPerSec'],
      ['p50 latency', 'p50Ms'],
      ['p99 latency', 'p99Ms'],
      ['server CPU per request', 'cpuUsPerRequest'],
    ]) {
      const ratios = ratiosPerRep(runs, side, (r) => r[key]);
      lines.push(`| ${label} | ${side} | **${fmt(median(ratios), 2)}** | ${ratios.map((x) => fmt(x, 2)).join(', ')} |`);
    }
  }
  lines.push(...goalLines(runs, before), ...profileLines(profiles, before));
  lines.push(
    '',
    '### Memory of the server process',
    '',
    `Heap used (after GC, pause, GC) and rss, in MB: after the warm-up → at half the measured requests → after them. Bound: heap growth ≤ ${MEMORY_BOUND_MB} MB.`,
    '',
    '| Server | Rep | Heap MB | Heap growth MB | RSS MB |',
    '|---|--:|--:|--:|--:|',
  );
  for (const r of runs) {
    const heap = r.memory.map((m) => fmt(m.heapMb, 1)).join(' → ');
    const rss = r.memory.map((m) => fmt(m.rssMb, 0)).join(' → ');
    lines.push(
      `| ${r.side} | ${r.rep} | ${heap} | ${r.heapGrowthMb >= 0 ? '+' : ''}${fmt(r.heapGrowthMb, 2)} | ${rss} |`,
    );
  }
  const served = runs.reduce((sum, r) => sum + r.served, 0);
  lines.push(
    '',
    '### Checks',
    '',
    `Every one of the ${fmt(served)} requests (${runs.length} runs × ${fmt(WARMUP)} warm-up + ${fmt(REQUESTS)} measured) was answered 200`,
    '`{"requestId":…}`, with no request error, timeout or other status at autocannon or at the server; every body was',
    'sent once; after each run DescribeSecurityGroupAttribute showed no egress rule left in any group, so the emulator',
    `revoked every rule; the heap grew less than ${MEMORY_BOUND_MB} MB in every run (largest growth ${fmt(Math.max(...runs.map((r) => r.heapGrowthMb)), 2)} MB).`,
    '',
    "Noise: the load generator, the server and the emulator share the machine's CPUs (with whatever else runs on it),",
    'so requests/s and latencies move between runs, sometimes by tens of percent; compare the two servers within a',
    'repetition (the ratios above). Server CPU per request is the steadier measure of what the handler costs.',
    '',
    PROXY_SECTION.end,
  );
  return lines.join('\n');
}

// ------------------------------------------------------------------------------------------------ main
async function main() {
  const started = new Date();
  const machine = describeMachine(PACKAGES);
  const builds = ensureBuilt();
  console.error(`· ${builds}`);
  machine.dist = distFingerprint(PACKAGES);

  const { default: autocannon } = await import('autocannon');
  const { EnsClient } = await import('@ensdk/client');
  const { DEMO_ACCESS_KEY } = await import('@ensdk/emulator');
  const emulator = await startChild('emulator');
  console.error(
    `· emulator at ${emulator.url}; ${fmt(WARMUP)} warm-up + ${fmt(REQUESTS)} requests per run, ${CONNECTIONS} connections, ${REPS} reps`,
  );
  const setupClient = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY, maxRetries: 0 });
  const runs = [];
  let profiles;
  try {
    for (let rep = 1; rep <= REPS; rep++) {
      const order = rep % 2 === 1 ? SIDES : [...SIDES].reverse();
      for (const side of order) runs.push(await measureRun(autocannon, side, rep, emulator, setupClient));
    }
    if (PROFILE) {
      rmSync(PROFILE_DIR, { recursive: true, force: true });
      mkdirSync(PROFILE_DIR, { recursive: true });
      profiles = [];
      for (const side of SIDES) {
        const file = join(PROFILE_DIR, `proxy-${side}.cpuprofile`);
        const run = await measureRun(autocannon, side, 0, emulator, setupClient, file);
        if (run.problems.length > 0) throw new Error(`profiled ${side}: ${run.problems.join('; ')}`);
        profiles.push({ side, file, summary: summarizeProfile(file) });
        console.error(`· profiled ${side}: ${relative(ROOT, file)}`);
      }
    }
  } finally {
    await setupClient.close();
    await emulator.stop();
  }

  const problems = runs.flatMap((r) => r.problems.map((p) => `rep ${r.rep} ${r.side}: ${p}`));
  if (problems.length > 0) {
    console.error(`· FAILED, BENCHMARKS.md not written:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  if (RECORD_BEFORE) {
    const side = SIDES[0];
    const ratios = Object.fromEntries(
      ['requestsPerSec', 'p50Ms', 'p99Ms', 'cpuUsPerRequest'].map((key) => [
        key,
        median(ratiosPerRep(runs, side, (r) => r[key])),
      ]),
    );
    const record = {
      what: `\`${side}\` before issue 14 (toNodeListener(createEnsProxyHandler(…)), input validated twice)`,
      date: started.toISOString(),
      commit: machine.commit,
      command: `npm run bench:proxy -- -- ${process.argv.slice(2).join(' ')}`,
      machine: machine.line,
      ratios,
      profile: profiles
        ?.find((p) => p.side === side)
        ?.summary.functions.slice(0, 12)
        .map(({ name, where, pkg, share }) => ({ name, where, pkg, share })),
    };
    writeFileSync(BEFORE_FILE, `${JSON.stringify(record, null, 2)}\n`);
    console.error(`· recorded ${relative(ROOT, BEFORE_FILE)}`);
  }
  const before = existsSync(BEFORE_FILE) ? JSON.parse(readFileSync(BEFORE_FILE, 'utf8')) : undefined;
  const section = buildSection({ started, finished: new Date(), machine, builds, runs, profiles, before });
  console.log(section);
  if (distFingerprint(PACKAGES) !== machine.dist) {
    console.error(
      '· packages/*/dist changed during the run (rebuilt by someone else?): results mix builds; BENCHMARKS.md NOT written. Run again.',
    );
    process.exitCode = 1;
    return;
  }
  if (WRITE) {
    writeFileSync(OUTPUT, writeSection(existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '', PROXY_SECTION, section));
    console.error('· wrote the "Proxy under load" section of BENCHMARKS.md');
  }
}

await main();
