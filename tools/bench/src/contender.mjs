// One contender, one mode, in its own fresh process (forked by run.mjs), so that process.cpuUsage()
// counts this client's work only. Config arrives as JSON in argv[2]; the result goes back over IPC.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { CONTENDERS } from './contenders.mjs';

const config = JSON.parse(process.argv[2]);
const { contender, port, warmup, calls, concurrency, capMs, profilePath } = config;

// The parent going away ends this process too.
process.on('disconnect', () => process.exit(1));

/**
 * Runs up to `total` calls in `concurrency` loops, stopping early at `deadline` (performance.now() ms).
 * With `latencies` given, records each call's latency (ms) in completion order.
 */
async function drive(call, total, deadline, latencies) {
  let issued = 0;
  let done = 0;
  let errors = 0;
  let firstError;
  let firstAnswer;
  async function loop() {
    while (issued < total && performance.now() < deadline) {
      issued++;
      const started = performance.now();
      try {
        const answer = await call();
        firstAnswer ??= answer;
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        // A failing contender is reported and the run rejected by the parent; stop hammering.
        issued = total;
      }
      if (latencies !== undefined) latencies[done] = performance.now() - started;
      done++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { done, errors, firstError, firstAnswer };
}

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

async function main() {
  const { create } = CONTENDERS[contender];
  const client = await create(port);

  const warm = await drive(client.call, warmup, performance.now() + capMs, undefined);
  if (warm.errors > 0) {
    await client.close();
    process.send({
      type: 'result',
      ok: false,
      warmupCalls: warm.done,
      calls: 0,
      errors: warm.errors,
      firstError: warm.firstError,
    });
    return;
  }

  // With profilePath, a V8 CPU profile of the measured phase only (not start-up, imports or warm-up).
  let session;
  if (profilePath !== undefined) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  const latencies = new Float64Array(calls);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const run = await drive(client.call, calls, t0 + capMs, latencies);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (session !== undefined) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
    session.disconnect();
  }
  await client.close();

  const sorted = latencies.subarray(0, run.done).sort();
  process.send({
    type: 'result',
    ok: run.errors === 0,
    warmupCalls: warm.done,
    calls: run.done,
    capped: run.done < calls,
    errors: run.errors,
    firstError: run.firstError,
    sampleAnswer: run.firstAnswer,
    wallMs,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    callsPerSec: (run.done / wallMs) * 1000,
    cpuUsPerCall: (cpu.user + cpu.system) / run.done,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    rssMb: process.memoryUsage().rss / 1048576,
  });
}

main().then(
  () => process.disconnect(),
  (error) => {
    process.send({ type: 'result', ok: false, calls: 0, errors: 1, firstError: String(error?.stack ?? error) }, () =>
      process.exit(1),
    );
  },
);
