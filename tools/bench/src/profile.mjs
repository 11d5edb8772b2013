// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by package.
// Also usable alone: `node src/profile.mjs path/to/file.cpuprofile`.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

function packageOf(url) {
  if (url === '') return '(native/V8)';
  if (url.startsWith('node:')) return 'node core';
  if (url.includes('/packages/client/dist/')) return '@ensdk/client';
  if (url.includes('/packages/errors/dist/')) return '@ensdk/errors';
  if (url.includes('/packages/proxy/dist/')) return '@ensdk/proxy';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (match !== null) return match[1];
  return url.replace(/^file:\/\//, '');
}

/** @returns `{ totalMs, functions: [{ name, where, pkg, selfMs, share }], packages: [{ pkg, selfMs, share }] }`. */
export function summarizeProfile(path) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const keyOf = (frame) => `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}`;
  // Inclusive time: every function on the sampled stack gets the sample once (recursion counted once).
  const inclusiveUs = new Map();
  for (const [id, us] of selfUs) {
    if (byId.get(id).callFrame.functionName === '(idle)') continue;
    const seen = new Set();
    for (let at = id; at !== undefined; at = parentOf.get(at)) {
      const key = keyOf(byId.get(at).callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusiveUs.set(key, (inclusiveUs.get(key) ?? 0) + us);
    }
  }
  const functions = new Map();
  const packages = new Map();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id).callFrame;
    if (frame.functionName === '(idle)') continue;
    total += us;
    const file = frame.url.split('/').pop() ?? '';
    const where = frame.url === '' ? '' : `${file}:${frame.lineNumber + 1}`;
    const name = frame.functionName || '(anonymous)';
    const pkg = packageOf(frame.url);
    const key = keyOf(frame);
    const entry = functions.get(key) ?? { name, where, pkg, selfUs: 0, totalUs: inclusiveUs.get(key) ?? 0 };
    entry.selfUs += us;
    functions.set(key, entry);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  for (const [key, us] of inclusiveUs) {
    if (functions.has(key)) continue;
    const [name, url, line] = key.split('\u0000');
    const file = url.split('/').pop() ?? '';
    functions.set(key, {
      name: name || '(anonymous)',
      where: url === '' ? '' : `${file}:${Number(line) + 1}`,
      pkg: packageOf(url),
      selfUs: 0,
      totalUs: us,
    });
  }
  const share = (us) => (total === 0 ? 0 : us / total);
  return {
    totalMs: total / 1000,
    functions: [...functions.values()]
      .sort((a, b) => b.selfUs - a.selfUs)
      .map((f) => ({
        name: f.name,
        where: f.where,
        pkg: f.pkg,
        selfMs: f.selfUs / 1000,
        share: share(f.selfUs),
        totalShare: share(f.totalUs),
      })),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([pkg, us]) => ({ pkg, selfMs: us / 1000, share: share(us) })),
  };
}

/** Markdown lines for one profile: packages, top functions overall, top functions of @ensdk/client itself. */
export function profileMarkdown(title, summary, top = 12) {
  const pct = (x) => `${(x * 100).toFixed(1)} %`;
  const lines = [`#### ${title}`, '', `Busy (non-idle) samples: ${summary.totalMs.toFixed(0)} ms.`, ''];
  lines.push('| Package | Self time | Share |', '|---|--:|--:|');
  for (const p of summary.packages.slice(0, 8))
    lines.push(`| ${p.pkg} | ${p.selfMs.toFixed(1)} ms | ${pct(p.share)} |`);
  lines.push('', '| Top self time (all) | Where | Package | Share |', '|---|---|---|--:|');
  for (const f of summary.functions.slice(0, top))
    lines.push(`| \`${f.name}\` | ${f.where} | ${f.pkg} | ${pct(f.share)} |`);
  const own = summary.functions.filter((f) => f.pkg.startsWith('@ensdk/'));
  lines.push('', "| Top self time in ensdk's own code | Where | Self | Total (incl. callees) |", '|---|---|--:|--:|');
  for (const f of own.filter((f) => f.selfMs > 0).slice(0, top))
    lines.push(`| \`${f.name}\` | ${f.where} | ${pct(f.share)} | ${pct(f.totalShare)} |`);
  const byTotal = [...own].sort((a, b) => b.totalShare - a.totalShare);
  lines.push('', "| Top total time (incl. callees) in ensdk's own code | Where | Total | Self |", '|---|---|--:|--:|');
  for (const f of byTotal.slice(0, top))
    lines.push(`| \`${f.name}\` | ${f.where} | ${pct(f.totalShare)} | ${pct(f.share)} |`);
  lines.push('');
  return lines;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2];
  if (path === undefined) {
    console.error(`usage: node ${fileURLToPath(import.meta.url)} file.cpuprofile`);
    process.exit(2);
  }
  console.log(profileMarkdown(path, summarizeProfile(path), 25).join('\n'));
}
