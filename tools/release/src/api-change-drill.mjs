#!/usr/bin/env node
// npm run test:api-change: runs the README's "When the API changes" steps exactly as written, on a copy of the
// repository, and checks each outcome. Alibaba's metadata service is stood in for by a server on 127.0.0.1 that
// serves today's ENS metadata with one optional parameter added to RevokeSecurityGroupEgress (`ClientToken`, a minor
// change), and the other files `npm run spec:fetch` asks for as they are in ../shared; npm's registry is stood in
// for, for @ensdk only, by a registry on 127.0.0.1 (localRegistry.mjs), so fetching and publishing are real and
// reach nothing outside this machine.
//
// Checked after the steps: the spec diff and the changeset named the change and its bump; every package of the fixed
// group went to the same new version (minor, or larger when a changeset already waiting in the repository says so)
// with exact internal ranges and a changelog entry; the registry received the four packages at that version; and the
// published client, installed from that registry into a new project, has the new parameter. Options: --keep (leave the temporary folder).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import getReleasePlan from '@changesets/get-release-plan';
import { startLocalRegistry } from './localRegistry.mjs';
import { copyRepository, linkNodeModules } from './repositoryCopy.mjs';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const keep = process.argv.includes('--keep');
const GROUP = ['@ensdk/errors', '@ensdk/client', '@ensdk/proxy', '@ensdk/emulator'];
const SUMMARY = 'RevokeSecurityGroupEgress: new optional parameter `ClientToken`';
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The shell block between the README's api-change-steps markers, verbatim. */
function readmeSteps() {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const block = /<!-- api-change-steps:start -->\s*```sh\n([\s\S]*?)```\s*<!-- api-change-steps:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no api-change-steps block');
  return block[1];
}

/** Where this machine keeps Alibaba's metadata files (never in the repository). */
const SHARED = ['upstream', 'corpus'].map((dir) => join(repo, '..', 'shared', dir));
const ENS_METADATA = 'ens-2017-11-10.api-docs.json';

/** A metadata file from ../shared, by the name the generator looks for (`ens-2017-11-10.api-docs.json`). */
function sharedMetadata(name) {
  const dir = SHARED.find((d) => existsSync(join(d, name)));
  return dir === undefined ? undefined : readFileSync(join(dir, name));
}

/** Today's ENS metadata plus an optional `ClientToken` on RevokeSecurityGroupEgress. */
function newEnsMetadata() {
  const docs = JSON.parse(sharedMetadata(ENS_METADATA).toString('utf8'));
  docs.apis.RevokeSecurityGroupEgress.parameters.push({
    name: 'ClientToken',
    in: 'query',
    schema: {
      description: '保证请求幂等性。从您的客户端生成一个参数值，确保不同请求间该参数值唯一。',
      type: 'string',
      required: false,
      example: '0c593ea1-3bea-11e9-b96b-88e9fe637760',
    },
  });
  return Buffer.from(`${JSON.stringify(docs, null, 2)}\n`);
}

const BUMPS = ['patch', 'minor', 'major'];

/**
 * The bump the release gives the group: the spec change's minor, or more when a changeset already waiting in the
 * repository says so (read by changesets' own release planner, as `release:version` will).
 */
async function groupBump(repo) {
  const plan = await getReleasePlan(repo);
  const pending = plan.releases.filter((release) => GROUP.includes(release.name)).map((release) => release.type);
  return BUMPS[Math.max(BUMPS.indexOf('minor'), ...pending.map((type) => BUMPS.indexOf(type)))];
}

/** `version` after a bump, as changesets computes it (a major bump of 0.x gives 1.0.0). */
function bumped(version, bump) {
  const [major, minor, patch] = version.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * A stand-in for Alibaba's metadata service on 127.0.0.1: `/meta/v1/products/<Product>/versions/<v>/api-docs.json`
 * answers the new ENS metadata for Ens, and ../shared's file for any other product it has.
 */
async function startMetadataService() {
  const ens = newEnsMetadata();
  const server = createServer((request, response) => {
    const match = /^\/meta\/v1\/products\/([A-Za-z-]+)\/versions\/([\d-]+)\/api-docs\.json$/.exec(request.url ?? '');
    const name = match && `${match[1].toLowerCase()}-${match[2]}.api-docs.json`;
    const body = name === ENS_METADATA ? ens : name ? sharedMetadata(name) : undefined;
    if (body === undefined) response.writeHead(404).end('not found');
    else response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * Runs a command to its end without blocking this process: the registry answers from this process's event loop,
 * so a synchronous spawn would leave npm waiting on it. Resolves with the exit code and what it printed.
 */
function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? signal, output }));
  });
}

/** {@link run}, failing unless the command exits 0. */
async function runOrThrow(command, args, options) {
  const { code, output } = await run(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}`);
  return output;
}

const problems = [];
const passed = [];
const check = (ok, what, detail = '') => (ok ? passed.push(what) : problems.push(detail ? `${what}: ${detail}` : what));

const temp = mkdtempSync(join(tmpdir(), 'ensdk-api-change-'));
const copy = join(temp, 'repo');
const registry = await startLocalRegistry();
const metadataService = await startMetadataService();
try {
  copyRepository(repo, copy);
  linkNodeModules(repo, copy);
  const git = ['-c', 'user.name=api-change-drill', '-c', 'user.email=drill@localhost', '-c', 'commit.gpgsign=false'];
  await runOrThrow('git', ['init', '-q', '-b', 'main'], { cwd: copy });
  await runOrThrow('git', [...git, 'add', '-A'], { cwd: copy });
  await runOrThrow('git', [...git, 'commit', '-q', '-m', 'Before the API change'], { cwd: copy });

  // The reader's environment: "Alibaba's metadata service", a git identity, npm logged in to "the registry". The copy
  // has no ../shared beside it: the metadata it generates from is the one `npm run spec:fetch` downloads.
  const host = registry.url.replace(/^http:/, '');
  const npmrc = join(temp, 'npmrc');
  writeFileSync(npmrc, `@ensdk:registry=${registry.url}\n${host}:_authToken=${registry.token}\n`);
  const env = {
    ...process.env,
    ENSDK_METADATA_SERVICE: metadataService.url,
    ENSDK_CORPUS_DIR: SHARED[1], // the codegen tests' corpus of other products (not a generator input)
    GIT_AUTHOR_NAME: 'api-change-drill',
    GIT_AUTHOR_EMAIL: 'drill@localhost',
    GIT_COMMITTER_NAME: 'api-change-drill',
    GIT_COMMITTER_EMAIL: 'drill@localhost',
    npm_config_userconfig: npmrc,
    'npm_config_@ensdk:registry': registry.url, // changesets reads the scope's registry from the environment
    npm_config_prefer_offline: 'true', // the lockfile refresh and the consumer test take what npm's cache has
    TURBO_TELEMETRY_DISABLED: '1',
  };
  const steps = readmeSteps();
  console.log(`api-change drill: running the README's steps in ${copy}\n${steps}`);
  const result = await run('bash', ['-c', `set -euo pipefail\n${steps}`], { cwd: copy, env });
  check(result.code === 0, "the README's steps ran to the end", `bash exited ${result.code}`);

  const output = result.output;
  check(
    output.includes(`${ENS_METADATA}: `) && output.includes('(new: the committed code was generated from sha256:'),
    'spec:fetch downloaded the new metadata and said it is new',
  );
  check(
    output.includes(`the committed API -> .metadata/${ENS_METADATA}: minor (1 change)`) &&
      output.includes(`minor  parameter-added-optional  ${SUMMARY}`),
    'spec:diff classified the one change: parameter-added-optional, minor',
  );
  check(
    spawnSync('git', ['ls-files'], { cwd: copy, encoding: 'utf8' })
      .stdout.split('\n')
      .every((f) => !f.endsWith('api-docs.json')),
    'no metadata file was committed',
  );
  check(
    GROUP.every((name) => output.includes(`"${name}": minor`)) && output.split(SUMMARY).length >= 3,
    'the changeset (cat step) bumps the four packages minor and names the change',
  );

  const manifests = GROUP.map((name) => {
    const dir = name.replace('@ensdk/', 'packages/');
    return { name, dir, manifest: readJson(join(copy, dir, 'package.json')) };
  });
  // The release takes every changeset pending in the repository too (a breaking change waiting for release makes
  // this one a major release): the version to expect is the largest bump of them and the spec change's minor.
  const before = readJson(join(repo, 'packages/client/package.json')).version;
  const expected = bumped(before, await groupBump(repo));
  for (const { name, dir, manifest } of manifests) {
    check(manifest.version === expected, `${name} is at ${expected}`, `found ${manifest.version}`);
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      if (GROUP.includes(dep))
        check(range === expected, `${name} depends on ${dep} ${expected} exactly`, `found ${range}`);
    }
    const changelog = join(copy, dir, 'CHANGELOG.md');
    const text = existsSync(changelog) ? readFileSync(changelog, 'utf8') : '';
    check(
      text.includes(`## ${expected}`) && text.includes(SUMMARY),
      `${name}'s CHANGELOG.md has ${expected} and the change`,
    );
  }
  check(
    !readdirSync(join(copy, '.changeset')).some((f) => f.startsWith('ens-api-')),
    'release:version consumed the changeset',
  );

  const published = registry.published();
  for (const name of GROUP) {
    const manifest = published.get(name)?.[expected];
    check(
      manifest !== undefined,
      `${name}@${expected} was published to the registry`,
      `published: ${JSON.stringify([...published].map(([n, v]) => [n, Object.keys(v)]))}`,
    );
  }

  // A new project installs the published client from the registry and finds the new parameter.
  const consumer = join(temp, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'api-change-consumer', private: true, type: 'module' }),
  );
  await runOrThrow('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', `@ensdk/client@${expected}`], {
    cwd: consumer,
    env,
  });
  const probe = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const m = await import('@ensdk/client/validation'); console.log(JSON.stringify(m.revokeSecurityGroupEgressInputConstraints.fields.clientToken ?? null));",
    ],
    { cwd: consumer, encoding: 'utf8' },
  );
  check(
    probe.stdout.trim() === JSON.stringify({ type: 'string', optional: true }),
    `the installed @ensdk/client@${expected} takes the optional clientToken`,
    probe.stdout + probe.stderr,
  );
  const types = readdirSync(join(consumer, 'node_modules/@ensdk/client/dist')).filter((f) => /\.d\.c?ts$/.test(f)); // ESM .d.ts files re-export the .d.cts declarations
  check(
    types.some((f) =>
      /readonly clientToken\?: string;/.test(
        readFileSync(join(consumer, 'node_modules/@ensdk/client/dist', f), 'utf8'),
      ),
    ),
    'its types declare `readonly clientToken?: string`',
  );
} catch (error) {
  problems.push(String(error?.stack ?? error));
} finally {
  await registry.close();
  metadataService.close();
  if (!keep) rmSync(temp, { recursive: true, force: true });
  else console.log(`kept ${temp}`);
}

console.log('\napi-change drill:');
for (const line of passed) console.log(`  ok  ${line}`);
for (const line of problems) console.log(`  FAIL ${line}`);
if (problems.length > 0) process.exitCode = 1;
