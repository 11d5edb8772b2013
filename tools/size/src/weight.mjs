/**
 * The "Size and weight" section of BENCHMARKS.md (`npm run size -- -- --write`): the two browser pages `size.mjs`
 * measures and the unpacked size of the client, errors and proxy tarballs (`npm pack --dry-run --json` in each
 * package, the figure `npm run test:consumer` enforces), each against its budget, beside the figures before issue 12
 * (baseline.json, measured at commit 6c18a15 with the same commands).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { SIZE_SECTION, writeSection } from '../../bench/src/sections.mjs';
import { UNPACKED_BUDGETS } from '../../consumer/src/budgets.mjs';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const baseline = JSON.parse(readFileSync(new URL('../baseline.json', import.meta.url), 'utf8'));
const DIRS = { '@ensdk/client': 'client', '@ensdk/errors': 'errors', '@ensdk/proxy': 'proxy' };

/** Unpacked bytes and file count of each budgeted package, as `npm pack` would publish it. */
export function unpackedSizes() {
  const sizes = {};
  for (const [name, dir] of Object.entries(DIRS)) {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: `${repo}packages/${dir}`,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const [pack] = JSON.parse(out);
    sizes[name] = { unpackedSize: pack.unpackedSize, files: pack.entryCount };
  }
  return sizes;
}

const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;
const verdict = (ok, enforced, ceiling) =>
  ok
    ? '✅ met'
    : enforced
      ? '❌ over (fails the run)'
      : `❌ over (not enforced${ceiling === undefined ? '' : `; the run fails over a ${kb(ceiling)} ceiling`})`;

/** Writes the section into BENCHMARKS.md; `pages` is size.mjs's results. */
export function writeWeightSection(pages, labels) {
  const sizes = unpackedSizes();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  const lines = [
    SIZE_SECTION.start,
    '## Size and weight',
    '',
    `- Date: ${new Date().toISOString()}; commit ${commit}; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' / ')} (sizes do not depend on it)`,
    '- Commands: `npm run size` (browser pages, CI runs it) and `npm run test:consumer` (unpacked tarballs); this section: `npm run size -- -- --write`',
    `- Before: commit ${baseline.commit}, the same commands (tools/size/baseline.json)`,
    '',
    '### Browser pages (code splitting, minified; each file gzip -9)',
    '',
    'The page, what it imports and what the largest single call loads. esbuild decides the budget; rolldown (Vite 8) is shown beside it.',
    '',
    '| Page | Before | Now (esbuild) | rolldown | Budget | Verdict |',
    '| --- | --: | --: | --: | --: | --- |',
  ];
  for (const [id, r] of Object.entries(pages)) {
    lines.push(
      `| ${labels[id]} | ${kb(baseline.pages[id])} | **${kb(r.worstGzip)}** | ${kb(r.rolldown.worstGzip)} | ${kb(r.budgetBytes)} | ${verdict(r.withinBudget, r.enforced, r.ceilingBytes)} |`,
    );
  }
  for (const [id, r] of Object.entries(pages)) {
    if (r.walkGzip !== undefined)
      lines.push(
        '',
        `A paginator's walk on the ${labels[id]} page loads its group and the walk's chunk (\`@ensdk/client/page-walk\`): ${kb(r.walkGzip)} with the heaviest group (rolldown ${kb(r.rolldown.walkGzip)}), under its ${kb(r.walkCeilingBytes)} ceiling (the run fails over it).`,
      );
  }
  lines.push(
    '',
    '### Unpacked tarballs (`npm pack --dry-run`; `npm run test:consumer` fails over budget)',
    '',
    '| Package | Before | Now | Files | Budget | Verdict |',
    '| --- | --: | --: | --: | --: | --- |',
  );
  for (const [name, budget] of Object.entries(UNPACKED_BUDGETS)) {
    const now = sizes[name];
    lines.push(
      `| ${name} | ${kib(baseline.unpacked[name])} | **${kib(now.unpackedSize)}** | ${now.files} | ${kib(budget)} | ${verdict(now.unpackedSize <= budget, true)} |`,
    );
  }
  lines.push('', '### What each lever bought (unpacked KiB: client / errors / proxy)', '');
  for (const step of baseline.levers) lines.push(`- ${step}`);
  lines.push('', SIZE_SECTION.end);
  const file = `${repo}BENCHMARKS.md`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  writeFileSync(file, writeSection(text, SIZE_SECTION, lines.join('\n')));
  console.error('size: wrote the "Size and weight" section of BENCHMARKS.md');
}
