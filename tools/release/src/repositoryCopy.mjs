// A working copy of the repository for the drills (npm run test:api-change, npm run test:product): the files git
// would commit, and node_modules as links, so a drill builds and tests its copy without a second install.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Copies the files git would commit from `repo` (tracked, plus untracked files that are not ignored) into `target`. */
export function copyRepository(repo, target) {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repo, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(repo, file), join(target, file));
  }
}

/**
 * node_modules for the copy without a second install: links to `repo`'s installed packages (not its tool caches),
 * except the workspace packages (@ensdk/*), which link to the copy's own folders so that its builds and tests use
 * its code.
 */
export function linkNodeModules(repo, target) {
  const source = join(repo, 'node_modules');
  const modules = join(target, 'node_modules');
  mkdirSync(join(modules, '@ensdk'), { recursive: true });
  for (const entry of readdirSync(source)) {
    if (entry !== '@ensdk' && entry !== '.cache') symlinkSync(join(source, entry), join(modules, entry));
  }
  for (const base of ['packages', 'tools']) {
    for (const dir of readdirSync(join(target, base))) {
      const manifest = join(target, base, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
      if (name.startsWith('@ensdk/')) symlinkSync(join(target, base, dir), join(modules, name));
    }
  }
}
