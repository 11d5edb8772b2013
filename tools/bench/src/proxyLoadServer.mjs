// The child processes of `npm run bench:proxy` (forked by proxyLoad.mjs), one role each, on 127.0.0.1:
//   emulator  @ensdk/emulator with the demo keys; `reset` forgets all state (groups, rules, nonces).
//   proxy        node:http + createEnsProxyListener(...) of @ensdk/proxy/server (the native listener), which
//                forwards RevokeSecurityGroupEgress through an EnsClient to the emulator.
//   proxy-fetch  node:http + toNodeListener(createEnsProxyHandler(...)): the fetch-standard handler (web Request and
//                Response per call) over the same decision core.
//   direct    node:http whose handler parses the JSON body and calls EnsClient.revokeSecurityGroupEgress itself:
//             the same client and the same answer as the proxy, without the proxy handler.
// The proxy and direct servers count their answers by status and, on request, report their memory (after full
// GCs: run with --expose-gc) and their CPU time, so both belong to that server alone; `profileStart` and
// `profileStop` (with a `path`) record a V8 CPU profile (100 µs sampling) between them.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';

const [role, emulatorUrl] = process.argv.slice(2);

// The parent going away (crash, Ctrl-C) ends this process too.
process.on('disconnect', () => process.exit(0));

/** Answers the parent's `{ type, id, ...args }` requests with `{ type, id, ...answer(message) }`. */
function answerRequests(answers) {
  process.on('message', async (message) => {
    const answer = answers[message?.type];
    if (answer !== undefined) process.send({ type: message.type, id: message.id, ...(await answer(message)) });
  });
}

async function serveEmulator() {
  const { DEMO_ACCESS_KEY, startEmulator } = await import('@ensdk/emulator');
  const emulator = await startEmulator({ host: '127.0.0.1', port: 0, accessKeys: [DEMO_ACCESS_KEY] });
  answerRequests({
    reset: () => {
      emulator.reset();
      return {};
    },
  });
  process.send({ type: 'listening', url: emulator.url });
}

async function proxyListener(client, onFailure) {
  const { revokeSecurityGroupEgressOperation } = await import('@ensdk/client/models');
  const { createEnsProxyListener } = await import('@ensdk/proxy/server');
  return createEnsProxyListener({ client, allow: [revokeSecurityGroupEgressOperation], onError: onFailure });
}

async function proxyFetchListener(client, onFailure) {
  const { revokeSecurityGroupEgressOperation } = await import('@ensdk/client/models');
  const { createEnsProxyHandler, toNodeListener } = await import('@ensdk/proxy/server');
  return toNodeListener(
    createEnsProxyHandler({ client, allow: [revokeSecurityGroupEgressOperation], onError: onFailure }),
  );
}

const LISTENERS = { proxy: proxyListener, 'proxy-fetch': proxyFetchListener, direct: directListener };

/** A V8 CPU profile of this process between `start()` and `stop(path)`. */
function profiler() {
  let session;
  return {
    async start() {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 100 });
      await session.post('Profiler.start');
      return {};
    },
    async stop(path) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(path, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
      return {};
    },
  };
}

function directListener(client, onFailure) {
  const answer = (res, status, body) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  return async (req, res) => {
    try {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      answer(res, 200, await client.revokeSecurityGroupEgress(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    } catch (error) {
      onFailure(error);
      answer(res, 502, { error: String(error) });
    }
  };
}

async function serveLoadTarget() {
  const { EnsClient } = await import('@ensdk/client');
  const { DEMO_ACCESS_KEY } = await import('@ensdk/emulator');
  const client = new EnsClient({ endpoint: emulatorUrl, credentials: DEMO_ACCESS_KEY, maxRetries: 0 });
  const byStatus = {};
  let failures = 0;
  let firstFailure;
  const onFailure = (error) => {
    failures++;
    firstFailure ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  };
  const listener = await LISTENERS[role](client, onFailure);
  const profile = profiler();
  const server = createServer((req, res) => {
    res.once('finish', () => {
      byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
    });
    listener(req, res);
  });
  answerRequests({
    memory: async () => {
      // Full GC, a pause for the FinalizationRegistry callbacks it queued (Node's Request ties each request's
      // AbortSignal to the caller's through one), full GC again: what is still reachable.
      globalThis.gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      globalThis.gc();
      const { heapUsed, rss } = process.memoryUsage();
      return { heapUsed, rss };
    },
    stats: () => ({ byStatus: { ...byStatus }, failures, firstFailure, cpu: process.cpuUsage() }),
    profileStart: () => profile.start(),
    profileStop: (message) => profile.stop(message.path),
  });
  server.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.address().port }));
}

if (role === 'emulator') await serveEmulator();
else if (Object.hasOwn(LISTENERS, role)) await serveLoadTarget();
else throw new Error(`proxyLoadServer.mjs: unknown role ${role}`);
