/**
 * `npm run test:product -- FILE...`: the product drill. For each metadata file, on a temporary copy of the
 * repository: regenerate @ensdk/errors, @ensdk/client and @ensdk/proxy from FILE with no overlay; build them and
 * type-check their sources (the client's include the wire check, wireCheck.gen.ts: every operation's wire mapping
 * against openapi-typescript's types of the product's OpenAPI document); send every operation once through the
 * generated `EnsClient` (V3 and RPC signatures), with a valid input built from the metadata, to a loopback server
 * that checks each request against the metadata (every parameter with its wire name and style, in the right place, a
 * method the metadata allows, a signature the emulator's own checker accepts); and every operation once through the
 * generated `EnsBrowserClient` (methods found by verb, constraints in groups by a hash of the name), the first page of
 * each paged one too, to a `fetch` that checks each posts to its own action. Another API style is refused by the
 * loader: reported, not a failure. Exits 1 with the list of failures. Options: --set ci|corpus (the files of
 * productSets.ts, instead of or besides FILE...), --jobs N (products drilled at once, default 1), --keep (leave the
 * temporary copies).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { copyRepository, linkNodeModules } from '../../../release/src/repositoryCopy.mjs';
import { Authenticator } from '../../../../packages/emulator/src/core/auth.js';
import { WIRE_CHECK_PATH } from '../emit/wireCheck.js';
import { NO_OVERLAY } from '../generate.js';
import { buildModel } from '../model/build.js';
import type { Operation, ServiceModel } from '../model/types.js';
import { loadMetadata } from '../spec/load.js';
import { SpecError } from '../spec/specError.js';
import { productSet } from './productSets.js';
import { expectedWire, validInput } from './wireExpectation.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const KEYS = { accessKeyId: 'drill-key-id', accessKeySecret: 'drill-key-secret' };
/** Parameters every RPC request carries besides the operation's own. */
const SYSTEM = new Set([
  'Action',
  'Version',
  'Format',
  'SignatureNonce',
  'Timestamp',
  'SignatureMethod',
  'SignatureVersion',
  'AccessKeyId',
  'Signature',
  'SecurityToken',
  'RegionId',
]);
const PACKAGES = ['errors', 'client', 'proxy'];

/** What one product's drill found. */
interface ProductResult {
  readonly file: string;
  readonly refused?: string;
  readonly operations?: number;
  readonly seconds?: { generate: number; build: number; typecheck: number; send: number };
  readonly repairs?: Readonly<Record<string, number>>;
  readonly failures: string[];
}

/** Runs a command to its end without blocking the event loop (other products' drills and servers run meanwhile). */
function run(command: string, args: string[], cwd: string): Promise<{ ok: boolean; output: string; seconds: number }> {
  const started = performance.now();
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-64 * 1024);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const finish = (ok: boolean): void =>
      done({ ok, output, seconds: Math.round((performance.now() - started) / 100) / 10 });
    child.on('error', (error) => {
      output += String(error);
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks)));
  });
}

/** Checks one received request against the operation's metadata; returns what is wrong. */
function checkRequest(
  op: Operation,
  input: Record<string, unknown>,
  method: string,
  query: URLSearchParams,
  form: URLSearchParams,
): string[] {
  const wrong: string[] = [];
  if (!(op.methods as readonly string[]).includes(method))
    wrong.push(`method ${method}, the metadata allows ${op.methods.join(', ')}`);
  const expected = expectedWire(op, input);
  const received = new Map<string, { value: string; where: 'query' | 'form' }>();
  for (const [k, v] of query) received.set(k, { value: v, where: 'query' });
  for (const [k, v] of form) received.set(k, { value: v, where: 'form' });
  for (const [name, { value, parameter }] of expected) {
    const got = received.get(name);
    if (got === undefined) wrong.push(`${name} (${parameter.style}) missing`);
    else if (got.value !== value)
      wrong.push(`${name}: sent ${JSON.stringify(got.value)}, expected ${JSON.stringify(value)}`);
    else {
      const where = parameter.location === 'formData' && method === 'POST' ? 'form' : 'query';
      if (got.where !== where) wrong.push(`${name} in the ${got.where}, expected in the ${where}`);
    }
  }
  for (const name of received.keys())
    if (!expected.has(name) && !SYSTEM.has(name)) wrong.push(`${name} sent, not in the metadata`);
  return wrong;
}

/** Sends every operation through the copy's built EnsClient to a checking loopback server; returns the failures. */
async function sendEveryOperation(copy: string, model: ServiceModel): Promise<string[]> {
  const failures: string[] = [];
  const byAction = new Map(model.operations.map((op) => [op.name, op]));
  const inputs = new Map<string, Record<string, unknown>>();
  const seen = new Set<string>();
  const auth = new Authenticator([KEYS]);
  /** The signature the client is set to; requests are sent one at a time. */
  let sending: 'v3' | 'rpc' = 'v3';
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const url = new URL(req.url ?? '/', 'http://drill');
      const form = new URLSearchParams(
        req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? body.toString('utf8') : '',
      );
      const params = new Map([...url.searchParams, ...form]);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
      );
      let action = '?';
      const named = byAction.get(params.get('Action') ?? '');
      if (named !== undefined && !named.signed) {
        // An operation the metadata's security leaves unsigned (STS's AssumeRoleWithOIDC, ...): nothing of a
        // signature may travel, whichever signature the client is set to.
        const leaked = [
          ...['AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureNonce', 'SecurityToken'].filter((n) =>
            params.has(n),
          ),
          ...['authorization', 'x-acs-security-token'].filter((n) => headers[n] !== undefined),
        ];
        if (leaked.length > 0) failures.push(`${named.name}: unsigned in the metadata, sent ${leaked.join(', ')}`);
        seen.add(`${named.name} ${sending}`);
        for (const w of checkRequest(named, inputs.get(named.name) ?? {}, req.method ?? '', url.searchParams, form))
          failures.push(`${named.name}: ${w}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"RequestId":"drill"}');
        return;
      }
      try {
        action = auth.authenticate({
          method: req.method ?? '',
          host: req.headers.host ?? '',
          rawQuery: url.search.slice(1),
          headers,
          body,
          params,
        }).action;
        const op = byAction.get(action);
        if (op === undefined) failures.push(`${action}: not an operation of the metadata`);
        else {
          seen.add(`${action} ${headers['authorization'] !== undefined ? 'v3' : 'rpc'}`);
          for (const w of checkRequest(op, inputs.get(action) ?? {}, req.method ?? '', url.searchParams, form))
            failures.push(`${action}: ${w}`);
        }
      } catch (error) {
        failures.push(`${action}: signature refused: ${error instanceof Error ? error.message : String(error)}`);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"RequestId":"drill"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const client = (await import(pathToFileURL(join(copy, 'packages/client/dist/index.js')).href)) as {
      EnsClient: new (
        options: object,
      ) => Record<string, (input: unknown) => Promise<unknown>> & { close(): Promise<void> };
    };
    for (const signatureVersion of ['v3', 'rpc'] as const) {
      sending = signatureVersion;
      const ens = new client.EnsClient({ endpoint, credentials: KEYS, signatureVersion, maxRetries: 0 });
      for (const op of model.operations) {
        const { input, unfilled } = validInput(op);
        const required = op.parameters.filter((p) => p.required && unfilled.includes(p.wireName));
        if (required.length > 0) {
          failures.push(`${op.name}: no valid value found for ${required.map((p) => p.wireName).join(', ')}`);
          continue;
        }
        inputs.set(op.name, input);
        try {
          await ens[op.methodName]!(input);
        } catch (error) {
          failures.push(
            `${op.name} (${signatureVersion}): the client refused or failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
          );
        }
        if (!seen.has(`${op.name} ${signatureVersion}`))
          failures.push(`${op.name} (${signatureVersion}): nothing received`);
      }
      await ens.close();
    }
  } finally {
    server.close();
  }
  return failures;
}

/**
 * Every operation once through the generated `EnsBrowserClient`, and the first page of each paged one, to a `fetch`
 * that records where it posts: the class finds its methods by the verbs their names begin with and loads their
 * constraints in groups by a hash of the name, so each method must resolve, validate the same valid input, and post
 * to its own action (`{baseUrl}/{Action}`) for this product's names too.
 */
async function callEveryBrowserMethod(copy: string, model: ServiceModel): Promise<string[]> {
  const failures: string[] = [];
  const posted: string[] = [];
  const fetch = async (url: string | URL | Request): Promise<Response> => {
    posted.push(String(url));
    return new Response('{"requestId":"drill"}', { headers: { 'content-type': 'application/json' } });
  };
  const proxy = (await import(pathToFileURL(join(copy, 'packages/proxy/dist/index.js')).href)) as {
    createEnsBrowserClient(options: object): Record<string, unknown>;
  };
  const client = proxy.createEnsBrowserClient({ baseUrl: 'http://drill', fetch });
  for (const op of model.operations) {
    const { input, unfilled } = validInput(op);
    // An input the metadata cannot fill is reported by sendEveryOperation.
    if (op.parameters.some((p) => p.required && unfilled.includes(p.wireName))) continue;
    const calls: [string, (method: (value: unknown) => unknown) => Promise<unknown>][] = [
      [op.methodName, async (method) => method(input)],
    ];
    if (op.paging !== undefined)
      calls.push([
        `paginate${op.name}`,
        async (method) => (method(input) as AsyncIterable<unknown>)[Symbol.asyncIterator]().next(),
      ]);
    for (const [name, call] of calls) {
      posted.length = 0;
      const method = client[name];
      try {
        if (typeof method !== 'function') throw new Error('no such method');
        await call((value) => method.call(client, value));
        if (posted.length !== 1 || posted[0] !== `http://drill/${op.name}`)
          failures.push(`${name} (browser class): posted to ${posted.join(', ') || 'nothing'}, not /${op.name}`);
      } catch (error) {
        failures.push(
          `${name} (browser class): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
      }
    }
  }
  return failures;
}

async function drill(file: string, keep: boolean): Promise<ProductResult> {
  let model: ServiceModel;
  try {
    model = buildModel(loadMetadata(file, basename(file)), NO_OVERLAY);
  } catch (error) {
    if (error instanceof SpecError && error.problems.length === 1 && error.problems[0]!.path === '#/info/style')
      return { file, refused: error.message.split('\n')[1]!.trim(), failures: [] };
    return { file, failures: [error instanceof Error ? error.message : String(error)] };
  }
  const repairs: Record<string, number> = {};
  for (const r of model.repairs) repairs[r.kind] = (repairs[r.kind] ?? 0) + 1;
  const copy = mkdtempSync(join(tmpdir(), 'ensdk-product-'));
  const failures: string[] = [];
  try {
    copyRepository(REPO, copy);
    linkNodeModules(REPO, copy);
    const generated = await run(
      'node',
      ['tools/codegen/bin/ensdk-codegen.mjs', '--metadata', file, '--overlay', 'none'],
      copy,
    );
    if (!generated.ok) failures.push(`generate failed:\n${generated.output.slice(-4000)}`);
    else {
      // The client's type-check below compiles the wire check (wireCheck.gen.ts against this product's wire.gen.ts):
      // it must hold an assertion for every operation, so that it cannot pass by checking nothing.
      const wireCheck = readFileSync(join(copy, WIRE_CHECK_PATH), 'utf8');
      const asserted = new Set([...wireCheck.matchAll(/^export type (\w+)WireCheck = /gm)].map((m) => m[1]));
      const unchecked = model.operations.filter((op) => !asserted.has(op.name)).map((op) => op.name);
      if (unchecked.length > 0 || asserted.size !== model.operations.length)
        failures.push(`${WIRE_CHECK_PATH} asserts ${asserted.size} operations; not: ${unchecked.join(', ') || 'none'}`);
    }
    // Each package's own build, in dependency order (turbo would also build the ENS-only emulator the proxy tests use).
    let built: { ok: boolean; seconds: number } | undefined;
    if (generated.ok) {
      built = { ok: true, seconds: 0 };
      for (const p of PACKAGES) {
        const step = await run('npm', ['run', 'build', '--silent', '-w', `@ensdk/${p}`], copy);
        built = { ok: step.ok, seconds: Math.round((built.seconds + step.seconds) * 10) / 10 };
        if (!step.ok) {
          failures.push(`build of @ensdk/${p} failed:\n${step.output.slice(-4000)}`);
          break;
        }
      }
    }
    let typecheckSeconds = 0;
    if (built?.ok) {
      for (const p of PACKAGES) {
        const config = join(copy, 'packages', p, 'tsconfig.drill.json');
        writeFileSync(config, JSON.stringify({ extends: './tsconfig.json', include: ['src'] }));
        const checked = await run('npx', ['tsc', '--noEmit', '-p', config], copy);
        typecheckSeconds += checked.seconds;
        if (!checked.ok) failures.push(`typecheck of @ensdk/${p} failed:\n${checked.output.slice(-4000)}`);
      }
    }
    const sendStarted = performance.now();
    if (failures.length === 0)
      failures.push(...(await sendEveryOperation(copy, model)), ...(await callEveryBrowserMethod(copy, model)));
    return {
      file,
      operations: model.operations.length,
      seconds: {
        generate: generated.seconds,
        build: built?.seconds ?? 0,
        typecheck: Math.round(typecheckSeconds * 10) / 10,
        send: Math.round((performance.now() - sendStarted) / 100) / 10,
      },
      repairs,
      failures,
    };
  } finally {
    if (!keep) rmSync(copy, { recursive: true, force: true });
    else console.log(`kept ${copy}`);
  }
}

/** One product's lines of the report: pass/FAIL with figures and warnings by kind, then its failures. */
function report(file: string, result: ProductResult): string[] {
  if (result.refused !== undefined) return [`refused ${basename(file)}: ${result.refused}`];
  const s = result.seconds;
  const kinds =
    Object.entries(result.repairs ?? {})
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const lines = [
    `${result.failures.length === 0 ? 'pass' : 'FAIL'} ${basename(file)}: ${result.operations ?? 0} operations` +
      (s ? `, generate ${s.generate} s, build ${s.build} s, typecheck ${s.typecheck} s, send ${s.send} s` : '') +
      `; warnings: ${kinds}`,
  ];
  for (const f of result.failures.slice(0, 50)) lines.push(`  - ${f}`);
  if (result.failures.length > 50) lines.push(`  ... and ${result.failures.length - 50} more`);
  return lines;
}

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at === -1 ? undefined : argv[at + 1];
}

/**
 * Runs the drill on each file, `--jobs` at a time (each product's steps are single-threaded tools, so two cores
 * drill two products at once); prints each product's lines as it ends and the total time; returns the exit code.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const usage = 'Usage: npm run test:product -- [FILE...] [--set ci|corpus] [--jobs N] [--keep]';
  const keep = argv.includes('--keep');
  const set = option(argv, '--set');
  const jobsText = option(argv, '--jobs') ?? '1';
  const jobs = Number(jobsText);
  if (!Number.isInteger(jobs) || jobs < 1) {
    console.error(`--jobs ${jobsText}: expected a whole number of at least 1\n${usage}`);
    return 2;
  }
  const valued = new Set(['--set', '--jobs'].flatMap((name) => (argv.includes(name) ? [argv.indexOf(name) + 1] : [])));
  const files = argv.filter((a, i) => !a.startsWith('--') && !valued.has(i)).map((f) => resolve(f));
  if (set !== undefined) {
    try {
      files.push(...productSet(set, REPO));
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
      return 2;
    }
  }
  if (files.length === 0) {
    console.error(usage);
    return 2;
  }
  const started = performance.now();
  let failed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      const result = await drill(file, keep);
      console.log(report(file, result).join('\n'));
      if (result.failures.length > 0) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  console.log(
    `${files.length} files, ${failed} failed, in ${Math.round((performance.now() - started) / 1000)} s (--jobs ${jobs})`,
  );
  return failed === 0 ? 0 : 1;
}
