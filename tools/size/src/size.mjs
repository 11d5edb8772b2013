/**
 * `npm run size`: bundles the two browser pages of the same small app (revoke one egress rule through the proxy:
 * browser client, validation, error classes) the way an app's bundler does, with code splitting, minified for the
 * browser, and compares what the page loads (min+gzip, each file gzipped as it would be served) with its budget:
 *
 * - `page.ts`: `EnsBrowserBareClient` + the standalone `revokeSecurityGroupEgress` function; one file.
 * - `clientPage.ts`: `createEnsBrowserClient({ baseUrl })` and `ens.revokeSecurityGroupEgress(...)`, the README's
 *   first example. The class loads each operation with `import()` on first use, so what counts is the page's
 *   chunk, what it imports, and the chunks the one call loads (found by the action name in the chunk).
 *
 * Exits 1 when a page is over an enforced budget (see ENFORCED). For scale it prints, unbudgeted, everything the class could ever load.
 * Needs the packages built (the root script runs turbo first). Options: --json prints the figures as JSON; --write also
 * writes the "Size and weight" section of BENCHMARKS.md (weight.mjs: these pages and the unpacked tarballs).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeWeightSection } from './weight.mjs';

/** Budgets, min+gzip bytes (issue 12). */
export const BUDGETS = { bare: 6 * 1024, client: 8 * 1024 };
/**
 * Budgets that fail the run. The class page's is printed but not yet enforced: `EnsBrowserClient` holds every
 * operation's constraints and error classes (about 21 KB), and loading each operation on first use only pays once
 * bundlers can split `@ensdk/errors` and `@ensdk/client/validation` by module (they ship as one file each; esbuild
 * and rolldown both put a single module in one chunk, so a lazy chunk drags the whole package into the page).
 */
const ENFORCED = new Set(['bare']);
/** The one call both pages make. */
const ACTION = 'RevokeSecurityGroupEgress';

const PAGES = [
  {
    id: 'bare',
    label: '`EnsBrowserBareClient` + `revokeSecurityGroupEgress(ens, input)`',
    file: fileURLToPath(new URL('./page.ts', import.meta.url)),
  },
  {
    id: 'client',
    label: '`createEnsBrowserClient({ baseUrl })` + `ens.revokeSecurityGroupEgress(input)`',
    file: fileURLToPath(new URL('./clientPage.ts', import.meta.url)),
  },
];

/** The package (or `page`) a bundled input belongs to, for the breakdown. */
function ownerOf(input) {
  const match =
    /(?:^|\/)(?:packages|node_modules\/@ensdk)\/([^/]+)\//.exec(input) ??
    /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match ? match[1] : 'page';
}

/** Bundles a page with code splitting; returns its output files by path, with the metafile's view of each. */
async function bundle(file) {
  const result = await build({
    entryPoints: [file],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: '/virtual/out',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const outputs = new Map();
  for (const out of result.outputFiles) {
    const key = Object.keys(result.metafile.outputs).find((k) => out.path.endsWith(k.replace(/^.*?virtual\//, '')));
    outputs.set(key, { code: out.contents, meta: result.metafile.outputs[key] });
  }
  return outputs;
}

/** The outputs `from` loads with static imports, itself included. */
function staticClosure(outputs, from, seen = new Set()) {
  if (seen.has(from)) return seen;
  seen.add(from);
  for (const imported of outputs.get(from).meta.imports) {
    if (imported.kind === 'import-statement' && outputs.has(imported.path)) staticClosure(outputs, imported.path, seen);
  }
  return seen;
}

/** Measures what the page loads before its first call and for the call to ACTION. */
async function measure(page) {
  const outputs = await bundle(page.file);
  // Dynamically imported modules are entry points of their own chunks too: the page's is the one named after it.
  const pageName = page.file.split('/').pop();
  const entry = [...outputs].find(([, o]) => o.meta.entryPoint?.endsWith(`/${pageName}`))[0];
  const loaded = staticClosure(outputs, entry);
  // Chunks the page loads lazily; the one holding the action's descriptor is the call's.
  const lazy = new Set();
  for (const key of loaded) {
    for (const imported of outputs.get(key).meta.imports) {
      if (imported.kind === 'dynamic-import' && outputs.has(imported.path)) lazy.add(imported.path);
    }
  }
  const names = (key) => new TextDecoder().decode(outputs.get(key).code).includes(`"${ACTION}"`);
  const calls = [...lazy].filter((key) => [...staticClosure(outputs, key)].some(names));
  if (lazy.size > 0 && calls.length !== 1) {
    throw new Error(`${page.id}: expected one lazily loaded chunk naming ${ACTION}, found ${calls.length}`);
  }
  for (const key of calls) staticClosure(outputs, key, loaded);
  const byOwner = new Map();
  let minBytes = 0;
  let gzipBytes = 0;
  for (const key of loaded) {
    const { code, meta } = outputs.get(key);
    minBytes += code.byteLength;
    gzipBytes += gzipSync(code, { level: 9 }).byteLength;
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      byOwner.set(ownerOf(input), (byOwner.get(ownerOf(input)) ?? 0) + bytesInOutput);
    }
  }
  let everythingGzip = 0;
  for (const { code } of outputs.values()) everythingGzip += gzipSync(code, { level: 9 }).byteLength;
  return {
    files: loaded.size,
    lazyChunks: lazy.size,
    minBytes,
    gzipBytes,
    everythingGzip,
    byOwner: Object.fromEntries([...byOwner].sort((a, b) => b[1] - a[1])),
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

const results = {};
for (const page of PAGES) {
  const figures = await measure(page);
  results[page.id] = {
    ...figures,
    budgetBytes: BUDGETS[page.id],
    enforced: ENFORCED.has(page.id),
    withinBudget: figures.gzipBytes <= BUDGETS[page.id],
  };
}

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log(
    `Browser pages calling ${ACTION} through @ensdk/proxy (esbuild, code splitting, minified; each file gzip -9):`,
  );
  for (const page of PAGES) {
    const r = results[page.id];
    console.log(`- ${page.label}`);
    console.log(
      `  ${kb(r.gzipBytes)} min+gzip (${kb(r.minBytes)} minified, ${r.files} file${r.files === 1 ? '' : 's'}); budget ${kb(r.budgetBytes)}: ${r.withinBudget ? 'within' : 'OVER'}${ENFORCED.has(page.id) ? '' : ' (not enforced yet)'}`,
    );
    console.log(
      `  minified bytes by package: ${Object.entries(r.byOwner)
        .map(([owner, bytes]) => `${owner} ${bytes}`)
        .join(', ')}`,
    );
    if (r.lazyChunks > 0)
      console.log(
        `  for scale (no budget): all ${r.lazyChunks} operation chunks the class can load, with the page: ${kb(r.everythingGzip)} min+gzip`,
      );
  }
}
for (const page of PAGES) {
  const r = results[page.id];
  if (!r.withinBudget && !ENFORCED.has(page.id)) {
    console.error(`size: the ${page.id} page is over its ${r.budgetBytes}-byte budget (not enforced yet).`);
  } else if (!r.withinBudget) {
    console.error(
      `size: the ${page.id} page is ${r.gzipBytes - r.budgetBytes} bytes over its ${r.budgetBytes}-byte budget.`,
    );
    process.exitCode = 1;
  }
}
if (process.argv.includes('--write')) {
  writeWeightSection(results, Object.fromEntries(PAGES.map((page) => [page.id, page.label])));
}
