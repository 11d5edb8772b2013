#!/usr/bin/env node
// npm run test:release: the release flow, proven on a throwaway copy (the repository is only read).
//
// 1. The configuration: every publishable package (non-private, under packages/) is in one changesets `fixed` group,
//    they share one version, every workspace's dependency on one of them is that exact version, and the changelog
//    generator is the built-in one (works offline, no GitHub token).
// 2. A copy of the manifests, the lockfile and .changeset/ in a temporary git repository gets a throwaway `minor`
//    changeset for one package that no other publishable package depends on; `npm run release:version` (the root
//    script: changeset version, then the lockfile refreshed, here with npm offline) must then leave every package of
//    the group at the same new version, every internal range at exactly that version, private packages unversioned,
//    a CHANGELOG.md for each package of the group, and a lockfile that agrees.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const keep = process.argv.includes('--keep');
const problems = [];
const passed = [];
const check = (ok, what, detail = '') => (ok ? passed.push(what) : problems.push(detail ? `${what}: ${detail}` : what));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** Workspace manifests (relative path -> manifest) under the root's workspace globs (`dir/*` only). */
function workspaces(root) {
  const found = new Map();
  for (const pattern of readJson(join(root, 'package.json')).workspaces ?? []) {
    if (!pattern.endsWith('/*')) throw new Error(`unsupported workspace pattern ${pattern}`);
    const base = pattern.slice(0, -2);
    if (!existsSync(join(root, base))) continue;
    for (const dir of readdirSync(join(root, base)).sort()) {
      const file = join(root, base, dir, 'package.json');
      if (existsSync(file)) found.set(`${base}/${dir}/package.json`, readJson(file));
    }
  }
  return found;
}

/** Every dependency of any workspace on a package of `group`, with the range it asks for. */
function internalRanges(manifests, group) {
  const ranges = [];
  for (const [file, manifest] of manifests) {
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (group.includes(name)) ranges.push({ file, field, name, range });
      }
    }
  }
  return ranges;
}

// 1. The configuration, in the repository itself.
const config = readJson(join(repo, '.changeset', 'config.json'));
const manifests = workspaces(repo);
const publishable = [...manifests]
  .filter(([file, m]) => file.startsWith('packages/') && m.private !== true)
  .map(([, m]) => m.name);
const groups = (config.fixed ?? []).filter((g) => g.some((name) => publishable.includes(name)));
const group = groups[0] ?? [];
check(groups.length === 1, 'one fixed group holds the publishable packages', `found ${groups.length}`);
check(
  group.length === publishable.length && publishable.every((name) => group.includes(name)),
  'the fixed group is exactly the publishable packages',
  `group [${group.join(', ')}], publishable [${publishable.join(', ')}]`,
);
const changelog = Array.isArray(config.changelog) ? config.changelog[0] : config.changelog;
check(
  changelog === '@changesets/cli/changelog',
  'changelog generator is the built-in @changesets/cli/changelog (offline)',
  `is ${JSON.stringify(config.changelog)}`,
);
check(config.access === 'public', 'access is public', `is ${config.access}`);
check(config.baseBranch === 'main', 'baseBranch is main', `is ${config.baseBranch}`);
check(
  config.commit === false,
  'changeset version does not commit (the release PR does)',
  `commit is ${JSON.stringify(config.commit)}`,
);
check(
  config.updateInternalDependencies === 'patch',
  'updateInternalDependencies is patch (every bump rewrites internal ranges)',
  `is ${config.updateInternalDependencies}`,
);
const byName = new Map([...manifests.values()].map((m) => [m.name, m]));
const versions = new Set(group.map((name) => byName.get(name)?.version));
check(versions.size === 1, 'the fixed group shares one version', `versions ${[...versions].join(', ')}`);
const [current] = versions;
const stale = internalRanges(manifests, group).filter(({ range }) => range !== current);
check(
  stale.length === 0,
  `every internal dependency range is exactly ${current}`,
  stale.map((r) => `${r.file} ${r.field}.${r.name} = ${r.range}`).join('; '),
);

// 2. Version on a copy.
const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(current ?? '');
if (!match) problems.push(`cannot compute the next minor of ${current} (prerelease mode is not covered by this check)`);
const expected = match ? `${match[1]}.${Number(match[2]) + 1}.0` : undefined;
const dependedOn = new Set(
  internalRanges(new Map([...manifests].filter(([, m]) => group.includes(m.name))), group).map((r) => r.name),
);
const target = group.find((name) => !dependedOn.has(name)) ?? group[0];
const temp = mkdtempSync(join(tmpdir(), 'ensdk-release-'));
try {
  if (expected && group.length > 0) versionOnCopy();
} finally {
  if (keep) console.log(`kept ${temp}`);
  else rmSync(temp, { recursive: true, force: true });
}

function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: temp, encoding: 'utf8', ...options });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}`.trim(),
  };
}

function versionOnCopy() {
  const files = ['package.json', 'package-lock.json', ...manifests.keys()];
  for (const file of files) {
    mkdirSync(dirname(join(temp, file)), { recursive: true });
    cpSync(join(repo, file), join(temp, file));
  }
  cpSync(join(repo, '.changeset'), join(temp, '.changeset'), { recursive: true });
  for (const file of readdirSync(join(temp, '.changeset'))) {
    if (file.endsWith('.md') && file !== 'README.md') rmSync(join(temp, '.changeset', file)); // pending real changesets
  }
  const git = (...args) =>
    sh('git', [
      '-c',
      'user.name=release-check',
      '-c',
      'user.email=release-check@localhost',
      '-c',
      'commit.gpgsign=false',
      ...args,
    ]);
  const init = [git('init', '-q', '-b', 'main'), git('add', '-A'), git('commit', '-q', '-m', 'copy')].find(
    (r) => !r.ok,
  );
  if (init) return problems.push(`git init of the copy failed: ${init.output}`);
  // The changesets CLI, its built-in changelog and the `changeset` bin resolve from the workspace's node_modules.
  symlinkSync(join(repo, 'node_modules'), join(temp, 'node_modules'), 'dir');
  const summary = `Throwaway change to prove the fixed group (${new Date().toISOString()}).`;
  writeFileSync(join(temp, '.changeset', 'release-check-throwaway.md'), `---\n"${target}": minor\n---\n\n${summary}\n`);
  const script = readJson(join(temp, 'package.json')).scripts?.['release:version'];
  check(
    typeof script === 'string' && script.includes('changeset version') && script.includes('--package-lock-only'),
    'root script release:version runs changeset version, then refreshes the lockfile',
    `is ${JSON.stringify(script)}`,
  );
  // Offline: only workspace versions change, so the lockfile refresh needs nothing from the registry.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || key.toLowerCase() === 'npm_config_cache'),
  );
  const version = sh('npm', ['run', 'release:version', '--silent'], {
    env: { ...env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  if (!version.ok) return problems.push(`npm run release:version failed on the copy:\n${version.output}`);
  passed.push(`npm run release:version (${target}: minor) ran on a copy, npm offline`);

  const after = workspaces(temp);
  const afterByName = new Map([...after.values()].map((m) => [m.name, m]));
  const bumped = group.map((name) => `${name}@${afterByName.get(name).version}`);
  check(
    group.every((name) => afterByName.get(name).version === expected),
    `every package of the group is now ${expected}`,
    bumped.join(', '),
  );
  const ranges = internalRanges(after, group).filter(({ range }) => range !== expected);
  check(
    ranges.length === 0,
    `every internal range (dependencies and devDependencies, tools too) is exactly ${expected}`,
    ranges.map((r) => `${r.file} ${r.field}.${r.name} = ${r.range}`).join('; '),
  );
  const privateMoved = [...after].filter(
    ([file, m]) => m.private === true && m.version !== manifests.get(file)?.version,
  );
  check(
    privateMoved.length === 0,
    'private workspaces keep their versions',
    privateMoved.map(([, m]) => `${m.name}@${m.version}`).join(', '),
  );
  for (const name of group) {
    const dir = [...after].find(([, m]) => m.name === name)[0].replace(/\/package\.json$/, '');
    const file = join(temp, dir, 'CHANGELOG.md');
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    check(
      text.startsWith(`# ${name}`) && text.includes(`## ${expected}`),
      `${dir}/CHANGELOG.md has a ${expected} section`,
      text ? text.slice(0, 120) : 'missing',
    );
    if (name === target) check(text.includes(summary), `${dir}/CHANGELOG.md carries the changeset's text`);
  }
  check(!existsSync(join(temp, '.changeset', 'release-check-throwaway.md')), 'the consumed changeset was deleted');

  const lock = readJson(join(temp, 'package-lock.json'));
  const lockProblems = [];
  for (const [file, manifest] of after) {
    const entry = lock.packages?.[file.replace(/\/package\.json$/, '')];
    if (!entry) {
      lockProblems.push(`${file}: not in package-lock.json`);
      continue;
    }
    if (entry.version !== manifest.version)
      lockProblems.push(`${manifest.name}: lock ${entry.version}, manifest ${manifest.version}`);
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (group.includes(name) && entry[field]?.[name] !== range)
          lockProblems.push(`${manifest.name} ${field}.${name}: lock ${entry[field]?.[name]}, manifest ${range}`);
      }
    }
  }
  check(
    lockProblems.length === 0,
    'package-lock.json agrees with the new versions and ranges',
    lockProblems.join('; '),
  );
}

for (const line of passed) console.log(`ok    ${line}`);
for (const line of problems) console.error(`FAIL  ${line}`);
console.log(
  problems.length === 0
    ? `release flow ok: ${group.join(', ')} ${current} -> ${expected} together (checked on a copy; the repository is unchanged)`
    : `release flow check FAILED (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
