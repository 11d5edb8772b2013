#!/usr/bin/env node
// npm run test:consumer: the publishable packages as a user gets them. Builds them, `npm pack`s each, installs the
// tarballs into a fresh project under os.tmpdir() (outside the workspace, so nothing resolves to the sources), and
// checks: publint --strict and attw on every tarball; ESM import and CJS require of every entry point; instanceof
// across the ESM and CJS copies; tsc --strict under nodenext, bundler and a DOM-only browser config; the installed
// client and proxy against the installed emulator on 127.0.0.1; the `ensdk-emulator` bin; browser bundles of the
// proxy and of @ensdk/client/models with esbuild and rolldown (no `node:` imports, and they run); the unpacked size of
// the client, errors and proxy tarballs against their budgets (printed with the tarball table).
//
// Flags: --skip-build (use the current dist/), --keep (keep the temporary directory and print its path).
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cleanDist } from '../../release/src/cleanDist.mjs';
import { UNPACKED_BUDGETS } from './budgets.mjs';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixture/', import.meta.url));
const bin = (name) => join(repo, 'node_modules', '.bin', name);
const flags = new Set(process.argv.slice(2));
const started = performance.now();

// What the temporary project installs besides the tarballs: exact versions (the workspace's own, so the npm cache
// is warm). rolldown is Vite 8's bundler; it honours `sideEffects` more aggressively than esbuild.
const TOOLS = { typescript: '5.9.3', esbuild: '0.28.2', '@types/node': '20.19.43', rolldown: '1.2.19' };
const CONCURRENCY = 3;
const TASK_TIMEOUT_MS = 180_000;

const rows = [];
const failures = [];
const packs = [];
const kb = (bytes) => (bytes / 1024).toFixed(1);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function fail(check, message) {
  Object.assign(row(check), { ok: false, note: message.split('\n')[0] });
  failures.push({ check, message });
}

/** Runs a command; resolves with its exit code and output (never rejects). */
function run(command, args, { cwd = repo, env = process.env, timeoutMs = TASK_TIMEOUT_MS } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n[consumer-test] killed after ${timeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => (stderr += `\n${error.message}`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 1 : 0), stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** The end of a command's output; long lines (Node quotes the failing line of a minified bundle) are cut. */
const tail = (text, lines = 40) =>
  text
    .trim()
    .split('\n')
    .slice(-lines)
    .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
    .join('\n');

/** A row of the summary, in the order the checks are declared (they finish in any order). */
function row(check) {
  let found = rows.find((r) => r.check === check);
  if (!found) {
    found = { check, ok: undefined, ms: 0, note: '' };
    rows.push(found);
  }
  return found;
}

/** Records a check from a finished command (exit code 0 = pass); the note is the last stdout line, or `note(result)`. */
function record(check, result, note) {
  const ok = result.code === 0;
  const text = note ? note(result) : (result.stdout.trim().split('\n').pop() ?? '');
  Object.assign(row(check), { ok, ms: result.ms, note: ok ? text : `exit ${result.code}` });
  if (!ok) failures.push({ check, message: tail(`${result.stdout}\n${result.stderr}`) });
  return ok;
}

async function pool(tasks, size) {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (queue.length > 0) await queue.shift()();
    }),
  );
}

/** The env for child npm: without the npm_* variables of the `npm run` that started us (workspace, prefix, ...). */
function cleanEnv() {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig', 'npm_config_globalconfig']);
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.has(key.toLowerCase())),
  );
}

/** Every file a manifest points at: exports targets, main, module, types, bin. */
function manifestTargets(manifest) {
  const targets = new Map();
  const walk = (value, where) => {
    if (typeof value === 'string') targets.set(value.replace(/^\.\//, ''), where);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk(inner, `${where}.${key}`);
  };
  walk(manifest.exports ?? {}, 'exports');
  for (const field of ['main', 'module', 'types']) if (manifest[field]) walk(manifest[field], field);
  walk(typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {}), 'bin');
  return targets;
}

// 1. The publishable packages: the non-private workspaces under packages/. They must be the changesets fixed group.
const packages = readdirSync(join(repo, 'packages'))
  .map((dir) => ({ dir: join(repo, 'packages', dir), file: join(repo, 'packages', dir, 'package.json') }))
  .filter(({ file }) => existsSync(file))
  .map(({ dir, file }) => ({ dir, manifest: JSON.parse(readFileSync(file, 'utf8')) }))
  .filter(({ manifest }) => manifest.private !== true);
const names = packages.map(({ manifest }) => manifest.name);
const fixed = JSON.parse(readFileSync(join(repo, '.changeset', 'config.json'), 'utf8')).fixed ?? [];
const group = fixed.find((g) => g.some((name) => names.includes(name))) ?? [];
if (group.length !== names.length || !names.every((name) => group.includes(name))) {
  fail(
    'changesets fixed group',
    `publishable packages [${names.join(', ')}] differ from the fixed group [${group.join(', ')}]`,
  );
}

const temp = mkdtempSync(join(tmpdir(), 'ensdk-consumer-'));
const tarballs = join(temp, 'tarballs');
const project = join(temp, 'project');
mkdirSync(tarballs);
const cleanup = () => {
  if (flags.has('--keep')) console.log(`kept ${temp}`);
  else rmSync(temp, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });

try {
  await main();
} finally {
  cleanup();
}
report();

async function main() {
  // 2. Build (turbo: cached when the sources did not change), into empty dist/ folders: a cache hit writes over what is
  // there and deletes nothing, so an older build's hashed chunks would be packed too (cleanDist.mjs).
  if (!flags.has('--skip-build')) {
    cleanDist(packages.map(({ dir }) => relative(join(repo, 'packages'), dir)));
    const build = await run(
      bin('turbo'),
      ['run', 'build', ...names.map((name) => `--filter=${name}`), '--output-logs=errors-only'],
      {
        env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
      },
    );
    if (!record('build (turbo)', build, () => `${names.length} packages`)) return;
  }

  // 3. Everything the manifests point at exists before packing.
  const missing = [];
  for (const { dir, manifest } of packages) {
    for (const [target, where] of manifestTargets(manifest)) {
      if (!existsSync(join(dir, target))) missing.push(`${manifest.name}: ${where} -> ./${target} does not exist`);
    }
  }
  if (missing.length > 0) return fail('manifest targets exist', missing.join('\n'));

  // 4. npm pack, one call for all packages.
  const pack = await run(
    'npm',
    ['pack', ...names.flatMap((name) => ['-w', name]), '--json', '--pack-destination', tarballs],
    { env: cleanEnv() },
  );
  if (!record('npm pack', pack, () => `${names.length} tarballs`)) return;
  const packed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
  const tarballOf = new Map();
  for (const entry of packed) {
    const { manifest } = packages.find((p) => p.manifest.name === entry.name);
    const files = entry.files.map((f) => f.path);
    const problems = [];
    for (const required of ['package.json', 'README.md', 'LICENSE', ...manifestTargets(manifest).keys()]) {
      if (!files.includes(required)) problems.push(`missing ${required}`);
    }
    const extra = files.filter((f) => !['package.json', 'README.md', 'LICENSE'].includes(f) && !f.startsWith('dist/'));
    if (extra.length > 0) problems.push(`unexpected ${extra.join(', ')}`);
    if (problems.length > 0) fail(`tarball ${entry.name}`, problems.join('\n'));
    else
      Object.assign(row(`tarball ${entry.name}`), {
        ok: true,
        note: `${entry.entryCount} files: package.json, README.md, LICENSE, dist/`,
      });
    tarballOf.set(entry.name, { file: join(tarballs, entry.filename), ...entry });
    packs.push(entry);
  }
  for (const [name, budget] of Object.entries(UNPACKED_BUDGETS)) {
    const entry = packed.find((p) => p.name === name);
    const check = `unpacked size ${name} ≤ ${kb(budget)} KiB`;
    if (entry === undefined) fail(check, `${name} was not packed`);
    else if (entry.unpackedSize <= budget)
      Object.assign(row(check), { ok: true, note: `${kb(entry.unpackedSize)} KiB` });
    else
      fail(
        check,
        `${name} unpacks to ${kb(entry.unpackedSize)} KiB, ${kb(entry.unpackedSize - budget)} KiB over its budget`,
      );
  }

  // 5. The consumer project, and in parallel publint + attw on each tarball.
  mkdirSync(project);
  cpSync(fixture, project, { recursive: true });
  writeFileSync(join(project, 'packages.json'), `${JSON.stringify(names)}\n`);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify(
      {
        name: 'ensdk-consumer',
        private: true,
        type: 'module',
        dependencies: Object.fromEntries(
          names.map((name) => [name, `file:${relative(project, tarballOf.get(name).file)}`]),
        ),
        devDependencies: TOOLS,
      },
      null,
      2,
    )}\n`,
  );

  row('npm install (tarballs + tools)');
  const lint = names.flatMap((name) => {
    const file = tarballOf.get(name).file;
    row(`publint --strict ${name}`);
    row(`attw --profile node16 ${name}`);
    return [
      async () =>
        record(
          `publint --strict ${name}`,
          await run(bin('publint'), ['run', file, '--strict'], { cwd: temp }),
          () => 'ok',
        ),
      async () =>
        record(
          `attw --profile node16 ${name}`,
          await run(bin('attw'), [file, '--profile', 'node16', '--no-color', '--format', 'table-flipped'], {
            cwd: temp,
          }),
          () => 'no problems',
        ),
    ];
  });
  const consumer = async () => {
    const install = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: project,
      env: cleanEnv(),
    });
    if (
      !record('npm install (tarballs + tools)', install, () =>
        Object.entries(TOOLS)
          .map(([n, v]) => `${n}@${v}`)
          .join(' '),
      )
    )
      return false;
    // Each package comes from its tarball, once: a nested or registry copy would mean a broken internal range.
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
    const copies = Object.entries(lock.packages).filter(([key]) =>
      names.some((name) => key.endsWith(`node_modules/${name}`)),
    );
    const wrong = copies.filter(
      ([key, value]) =>
        !names.includes(key.replace(/^node_modules\//, '')) || !String(value.resolved).startsWith('file:'),
    );
    if (wrong.length > 0) {
      fail(
        'installed from the tarballs',
        wrong.map(([key, value]) => `${key} resolved from ${value.resolved}`).join('\n'),
      );
      return false;
    }
    return true;
  };

  let installed = false;
  await pool([async () => (installed = await consumer()), ...lint], CONCURRENCY);
  if (!installed) return;

  // 6. In the consumer project.
  // Each check gets its row now (the report keeps this order) and runs later, in the pool.
  const node = (check, script) => {
    row(check);
    return async () => record(check, await run(process.execPath, [script], { cwd: project }));
  };
  const tsc = (check, config) => {
    row(check);
    return async () =>
      record(
        check,
        await run(process.execPath, [join(project, 'node_modules/typescript/bin/tsc'), '-p', config], { cwd: project }),
        () => 'no errors',
      );
  };

  const checks = [
    tsc('tsc --strict nodenext (.ts + .cts)', 'tsconfig.nodenext.json'),
    tsc('tsc --strict bundler', 'tsconfig.bundler.json'),
    tsc('tsc --strict browser (DOM, no @types/node)', 'tsconfig.browser.json'),
    node('ESM import, every entry point', 'esm.mjs'),
    node('CJS require, every entry point', 'cjs.cjs'),
    node('instanceof across ESM/CJS copies', 'dual.mjs'),
    node('client + proxy -> emulator (127.0.0.1)', 'e2e.mjs'),
    node('ensdk-emulator bin', 'cli.mjs'),
    bundles,
  ];
  for (const entry of ['@ensdk/proxy', '@ensdk/client/models']) {
    for (const bundler of ['esbuild', 'rolldown']) row(`${bundler} --platform=browser ${entry}`);
  }
  await pool(checks, CONCURRENCY);
}

/** Browser bundles with the installed esbuild and rolldown: they build for the browser, hold no `node:` import, and run. */
async function bundles() {
  const load = createRequire(join(project, 'package.json'));
  const esbuild = load('esbuild');
  const { rolldown } = load('rolldown');
  const out = join(project, 'bundles');
  for (const entry of ['browser-proxy', 'browser-models']) {
    for (const bundler of ['esbuild', 'rolldown']) {
      const check = `${bundler} --platform=browser ${entry === 'browser-proxy' ? '@ensdk/proxy' : '@ensdk/client/models'}`;
      // esbuild inlines what `import()` loads into the one file; rolldown splits it into chunks (the browser class's
      // groups of operations), so it writes a folder, the entry named as esbuild's file.
      const dir = join(out, `${entry}.${bundler}`);
      const file = bundler === 'esbuild' ? join(out, `${entry}.${bundler}.mjs`) : join(dir, `${entry}.mjs`);
      const t0 = performance.now();
      try {
        if (bundler === 'esbuild') {
          await esbuild.build({
            entryPoints: [join(project, `${entry}.mjs`)],
            outfile: file,
            bundle: true,
            minify: true,
            format: 'esm',
            platform: 'browser',
            logLevel: 'silent',
          });
        } else {
          const build = await rolldown({
            input: join(project, `${entry}.mjs`),
            platform: 'browser',
            logLevel: 'silent',
          });
          await build.write({ dir, entryFileNames: `${entry}.mjs`, format: 'esm', minify: true });
          await build.close();
        }
      } catch (error) {
        fail(check, `bundling failed: ${error.message}`);
        continue;
      }
      const code =
        bundler === 'esbuild'
          ? readFileSync(file, 'utf8')
          : readdirSync(dir)
              .sort()
              .map((name) => readFileSync(join(dir, name), 'utf8'))
              .join('\n');
      const nodeImports = [...new Set(code.match(/["']node:[a-z_/]+["']/g) ?? [])];
      if (nodeImports.length > 0 || /\brequire\(/.test(code)) {
        fail(check, `the browser bundle holds Node imports: ${nodeImports.join(', ') || 'require('}`);
        continue;
      }
      const result = await run(process.execPath, [file], { cwd: project, timeoutMs: 30_000 });
      result.ms = performance.now() - t0;
      record(check, result, () => `runs; ${kb(code.length)} KiB min, ${kb(gzipSync(code).length)} KiB gzip`);
    }
  }
}

function report() {
  const ok = failures.length === 0;
  const table = (header, body) =>
    [
      `| ${header.join(' | ')} |`,
      `| ${header.map(() => '---').join(' | ')} |`,
      ...body.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  console.log('');
  const result = (r) => (r.ok === undefined ? 'skipped' : r.ok ? 'ok' : '**FAIL**');
  console.log(
    table(
      ['check', 'result', 'time', 'note'],
      rows.map((r) => [r.check, result(r), r.ms ? seconds(r.ms) : '', r.note]),
    ),
  );
  if (packs.length > 0) {
    console.log(
      `\n${table(
        ['package', 'version', 'tarball (KiB)', 'unpacked (KiB)', 'unpacked budget (KiB)', 'files'],
        packs.map((p) => [
          p.name,
          p.version,
          kb(p.size),
          kb(p.unpackedSize),
          UNPACKED_BUDGETS[p.name] === undefined
            ? '—'
            : `${kb(UNPACKED_BUDGETS[p.name])} ${p.unpackedSize <= UNPACKED_BUDGETS[p.name] ? '(within)' : '(OVER)'}`,
          String(p.entryCount),
        ]),
      )}`,
    );
  }
  for (const { check, message } of failures) console.error(`\n--- FAIL: ${check}\n${message}`);
  console.log(
    `\nconsumer test ${ok ? 'passed' : `FAILED (${failures.length} problem${failures.length === 1 ? '' : 's'})`} in ${seconds(performance.now() - started)}`,
  );
  process.exitCode = ok ? 0 : 1;
}
