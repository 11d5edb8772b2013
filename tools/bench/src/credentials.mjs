// Credentials benchmark: ensdk's refreshing providers against Alibaba's own @alicloud/credentials 2.4.7, both
// talking to the same loopback servers in the same run:
//   1. refresh latency: the first call of a fresh RAM role provider = one AssumeRole at the emulator's STS
//      (signature checked), rounds alternating ensdk / official; medians and p90;
//   2. 100 concurrent callers on a provider with no credentials yet, and on one whose credentials are inside the
//      15-minute refresh window: requests the server received (STS through a counting forwarder, and a credentials URI);
//   3. a failed refresh after expiry: what each library hands the caller.
// The official library hard-codes https for STS; its provider's doRequest is wrapped to send the same request over
// http to 127.0.0.1 (method, path, query and body unchanged). Writes its section of BENCHMARKS.md.
// Options: --rounds N (default 200) · --no-write
import { createServer } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describeMachine, flag, fmt, option, OUTPUT } from './common.mjs';
import { CREDENTIALS_SECTION, writeSection } from './sections.mjs';

const ROUNDS = option('--rounds', 200);
const WRITE = !flag('--no-write');
const CONCURRENT = 100;
const ROLE = 'acs:ram::1234567890123456:role/bench';
const require = createRequire(import.meta.url);

const { fromCredentialsUri, fromRamRoleArn } = await import('@ensdk/client');
const { DEMO_ACCESS_KEY, startEmulator } = await import('@ensdk/emulator');
const official = require('@alicloud/credentials');
const officialHttp = require('@alicloud/credentials/dist/src/providers/http');

const utc = (ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

function listen(handler) {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    }),
  );
}
const readBody = (req) =>
  new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

/** Forwards to the emulator and counts what it forwarded. */
async function countingForwarder(target) {
  const state = { count: 0 };
  const server = await listen(async (req, res) => {
    state.count++;
    const body = await readBody(req);
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
      body: body.length > 0 ? body : undefined,
    });
    const text = await answer.text();
    res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
  return { ...server, state };
}

/** A credentials URI whose answers the scenario sets: lifetime in ms, or a failure status. */
async function uriServer() {
  const state = { count: 0, lifetimeMs: 3600_000, status: 200 };
  const server = await listen((_req, res) => {
    state.count++;
    if (state.status !== 200) {
      res.writeHead(state.status, { 'content-type': 'application/json' }).end('{"Code":"InternalError"}');
      return;
    }
    const n = state.count;
    const text = JSON.stringify({
      Code: 'Success',
      AccessKeyId: `STS.uri${n}`,
      AccessKeySecret: `secret-${n}`,
      SecurityToken: `token-${n}`,
      Expiration: utc(Date.now() + state.lifetimeMs),
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
  });
  return { ...server, state };
}

/** The official RAM role provider, its https request sent over http to `origin` (otherwise unchanged). */
function officialRamRole(origin) {
  const source = official.StaticAKCredentialsProvider.builder()
    .withAccessKeyId(DEMO_ACCESS_KEY.accessKeyId)
    .withAccessKeySecret(DEMO_ACCESS_KEY.accessKeySecret)
    .build();
  const provider = official.RAMRoleARNCredentialsProvider.builder()
    .withCredentialsProvider(source)
    .withRoleArn(ROLE)
    .withRoleSessionName('bench')
    .withStsEndpoint(new URL(origin).host)
    .build();
  provider.doRequest = (request) => {
    request.protocol = 'http';
    return officialHttp.doRequest(request);
  };
  return provider;
}
const ensdkRamRole = (origin) =>
  fromRamRoleArn({ credentials: DEMO_ACCESS_KEY, roleArn: ROLE, roleSessionName: 'bench', stsEndpoint: origin });
const officialUri = (url) => official.URICredentialsProvider.builder().withCredentialsURI(url).build();

async function refreshLatency(emulator) {
  const times = { ensdk: [], official: [] };
  const sides = {
    ensdk: () => ensdkRamRole(emulator.url)(),
    official: () => officialRamRole(emulator.url).getCredentials(),
  };
  for (let round = 0; round < ROUNDS + 10; round++) {
    for (const side of round % 2 ? ['official', 'ensdk'] : ['ensdk', 'official']) {
      const started = performance.now();
      const credentials = await sides[side]();
      const elapsed = performance.now() - started;
      if (!String(credentials.accessKeyId).startsWith('STS.')) throw new Error(`${side}: no STS credentials`);
      if (round >= 10) times[side].push(elapsed); // 10 warm-up rounds
    }
  }
  return times;
}

async function concurrency(emulator) {
  const rows = [];
  const forwarder = await countingForwarder(emulator.url);
  try {
    for (const [side, make] of [
      ['ensdk', () => ensdkRamRole(forwarder.url)],
      ['official', () => officialRamRole(forwarder.url)],
    ]) {
      const provider = make();
      const call = side === 'ensdk' ? () => provider() : () => provider.getCredentials();
      forwarder.state.count = 0;
      const results = await Promise.all(Array.from({ length: CONCURRENT }, call));
      rows.push({
        scenario: `STS AssumeRole, no credentials yet`,
        side,
        requests: forwarder.state.count,
        ok: results.length,
      });
    }
  } finally {
    await forwarder.close();
  }
  const uri = await uriServer();
  try {
    for (const [side, make] of [
      ['ensdk', () => fromCredentialsUri({ uri: uri.url })],
      ['official', () => officialUri(uri.url)],
    ]) {
      const provider = make();
      const call = side === 'ensdk' ? () => provider() : () => provider.getCredentials();
      uri.state.count = 0;
      uri.state.lifetimeMs = 10 * 60_000; // inside the 15-minute window: every caller finds it stale
      await call();
      uri.state.count = 0;
      uri.state.lifetimeMs = 3600_000;
      await Promise.all(Array.from({ length: CONCURRENT }, call));
      rows.push({
        scenario: 'credentials URI, 10 min left (refresh due)',
        side,
        requests: uri.state.count,
        ok: CONCURRENT,
      });
    }
  } finally {
    await uri.close();
  }
  return rows;
}

async function afterExpiry() {
  const uri = await uriServer();
  const rows = [];
  try {
    const providers = { ensdk: fromCredentialsUri({ uri: uri.url }), official: officialUri(uri.url) };
    uri.state.lifetimeMs = 1_500;
    await providers.ensdk();
    await providers.official.getCredentials();
    uri.state.status = 500;
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    for (const side of ['ensdk', 'official']) {
      try {
        const c = side === 'ensdk' ? await providers.ensdk() : await providers.official.getCredentials();
        rows.push({ side, outcome: `returned ${c.accessKeyId}, expired about a second earlier` });
      } catch (error) {
        rows.push({ side, outcome: `${error.constructor.name}: ${String(error.message).slice(0, 260)}` });
      }
    }
  } finally {
    await uri.close();
  }
  return rows;
}

async function main() {
  const machine = describeMachine(['client', 'emulator']);
  const started = new Date();
  console.error(`· credentials bench: ${ROUNDS} rounds; ${machine.line}`);
  const emulator = await startEmulator({ sts: { roles: [ROLE] } });
  let latency;
  let concurrent;
  try {
    latency = await refreshLatency(emulator);
    concurrent = await concurrency(emulator);
  } finally {
    await emulator.close();
  }
  const expiry = await afterExpiry();
  const problems = [];
  for (const row of concurrent)
    if (row.side === 'ensdk' && row.requests !== 1) problems.push(`${row.scenario}: ensdk sent ${row.requests}`);
  if (!expiry[0]?.outcome.startsWith('EnsCredentialsError')) problems.push('ensdk returned expired credentials');

  const m = { ensdk: median(latency.ensdk), official: median(latency.official) };
  const section = [
    CREDENTIALS_SECTION.start,
    '',
    '## Credentials',
    '',
    `Run ${started.toISOString()} at ${machine.commit}, by \`npm run bench:credentials\` (tools/bench/src/credentials.mjs).`,
    `- Machine: ${machine.line}; load average at the end ${(await import('node:os')).default
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')}`,
    '- Against `@alicloud/credentials` 2.4.7 (official), same loopback servers, same run. Its STS requests are sent over',
    '  http to 127.0.0.1 by wrapping its `doRequest` (it hard-codes https); nothing else is changed.',
    '',
    `### Refresh latency: one AssumeRole at the emulator's STS (signature verified), ${ROUNDS} rounds alternating`,
    '',
    '| | median ms | p90 ms | ratio of medians |',
    '|---|---:|---:|---:|',
    `| ensdk \`fromRamRoleArn\` | ${fmt(m.ensdk, 2)} | ${fmt(p90(latency.ensdk), 2)} | ${fmt(m.ensdk / m.official, 2)}× |`,
    `| official \`RAMRoleARNCredentialsProvider\` | ${fmt(m.official, 2)} | ${fmt(p90(latency.official), 2)} | 1.00× |`,
    '',
    `### ${CONCURRENT} concurrent callers: requests the server received`,
    '',
    '| scenario | ensdk | official |',
    '|---|---:|---:|',
    ...[...new Set(concurrent.map((r) => r.scenario))].map((scenario) => {
      const of = (side) => concurrent.find((r) => r.scenario === scenario && r.side === side)?.requests;
      return `| ${scenario} | ${of('ensdk')} | ${of('official')} |`;
    }),
    '',
    '### A failed refresh after the credentials expired (credentials URI answering 500)',
    '',
    '| | what the caller gets |',
    '|---|---|',
    ...expiry.map((row) => `| ${row.side} | ${row.outcome.replaceAll('|', '\\|')} |`),
    '',
    problems.length === 0
      ? '- Checks: ensdk sent one request per refresh and returned no expired credentials.'
      : `- PROBLEMS: ${problems.join('; ')}`,
    '',
    CREDENTIALS_SECTION.end,
  ].join('\n');
  console.log(section);
  if (problems.length > 0) {
    console.error(`· FAILED, BENCHMARKS.md not written: ${problems.join('; ')}`);
    process.exitCode = 1;
    return;
  }
  if (WRITE) {
    writeFileSync(
      OUTPUT,
      writeSection(existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '', CREDENTIALS_SECTION, section),
    );
    console.error('· wrote the "Credentials" section of BENCHMARKS.md');
  }
}

await main();
