/**
 * `npm run size`: bundles the two browser pages of the same small app (revoke one egress rule through the proxy:
 * browser client, validation, error classes) the way an app's bundler does, with code splitting, minified for the
 * browser, and compares what the page loads (min+gzip, each file gzipped as it would be served) with its budget:
 *
 * - `page.ts`: `EnsBrowserBareClient` + the standalone `revokeSecurityGroupEgress` function; one file.
 * - `clientPage.ts`: `createEnsBrowserClient({ baseUrl })` and `ens.revokeSecurityGroupEgress(...)`, the README's
 *   first example.
 *
 * What counts: the page's chunk and what it imports statically, plus what a call loads with `import()`. For a page
 * with lazily loaded chunks it prints the page alone, the page with the chunks RevokeSecurityGroupEgress's call
 * loads, and the page with the largest set of chunks any single call can load; the budget applies to that worst
 * case, so grouping operations cannot hide a heavy group behind the measured one. A paginator's walk is not a call: it
 * loads the walk's chunk (`@ensdk/client/page-walk`) besides its group, and the page + the heaviest group + the walk
 * has a ceiling of its own (WALK_CEILING), so the 8 KB budget speaks of pages that call, not of pages that paginate.
 * esbuild decides budgets (what CI runs); rolldown (Vite 8's bundler) is printed beside it, unbudgeted, because the two
 * split differently (see ENFORCED). For scale it prints, unbudgeted, everything the page could ever load.
 *
 * Exits 1 when a page is over an enforced budget (see ENFORCED), over its ceiling (see CEILINGS) when it is not, or
 * when a walk is over WALK_CEILING.
 * Needs the packages built (the root script runs turbo first). Options: --json prints the figures as JSON; --write also
 * writes the "Size and weight" section of BENCHMARKS.md (weight.mjs: these pages and the unpacked tarballs).
 */
import { build } from 'esbuild';
import { rolldown } from 'rolldown';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { writeWeightSection } from './weight.mjs';

/** Budgets, min+gzip bytes (issue 12). */
export const BUDGETS = { bare: 6 * 1024, client: 8 * 1024 };
/**
 * Budgets that fail the run: both pages. The class page's service errors are rebuilt by name (no error class in it),
 * its methods are made on first use from the verbs their names begin with (no list of the 231 names), its operations'
 * constraints and pagings load in 20 groups by `import()`, and a paginator's walk (`@ensdk/client/page-walk`) loads by
 * `import()` too, from a module that imports no value: esbuild puts a module in the chunks of every entry that reaches
 * it through any import, unused re-exports of a barrel included (test/splitting.test.mjs), and turns every `import()`
 * it scans into a chunk, so a lazy module that took anything from a module the page reaches would carry it into the
 * page (and into the bare page).
 */
const ENFORCED = new Set(['bare', 'client']);
/**
 * Ceilings that fail the run for a page whose budget is not enforced: what it measures today plus a little, so it
 * cannot grow back unnoticed while its budget waits. None now: both budgets are enforced.
 */
export const CEILINGS = {};
/**
 * A paginator's walk on the class page loads its group and the walk's chunk: the page plus the heaviest group plus the
 * walk must stay under this (no budget of issue 12 names it; measured 9.00 KB when it was set).
 */
export const WALK_CEILING = 9.5 * 1024;
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

/**
 * One bundler's output in a common shape: chunk name → { code, imports (static), dynamicImports, inputs (minified
 * bytes by source file) }, and the page's entry chunk.
 */
async function esbuildChunks(file) {
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
  const name = (path) => path.replace(/^.*?virtual\/out\//, '');
  const chunks = new Map();
  let entry;
  for (const out of result.outputFiles) {
    const key = Object.keys(result.metafile.outputs).find((k) => name(out.path) === name(k));
    const meta = result.metafile.outputs[key];
    const imports = (kind) => meta.imports.filter((i) => i.kind === kind && !i.external).map((i) => name(i.path));
    chunks.set(name(key), {
      code: out.contents,
      imports: imports('import-statement'),
      dynamicImports: imports('dynamic-import'),
      inputs: Object.fromEntries(
        Object.entries(meta.inputs).map(([input, { bytesInOutput }]) => [input, bytesInOutput]),
      ),
    });
    // Dynamically imported modules are entry points of their own chunks too: the page's is the one named after it.
    if (meta.entryPoint !== undefined && resolve(meta.entryPoint) === file) entry = name(key);
  }
  return { chunks, entry };
}

/** The same with rolldown (Vite 8's bundler), minified, its default code splitting. */
async function rolldownChunks(file) {
  const bundle = await rolldown({ input: file, platform: 'browser', logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'esm', minify: true });
  await bundle.close();
  const chunks = new Map();
  let entry;
  for (const out of output) {
    if (out.type !== 'chunk') continue;
    chunks.set(out.fileName, {
      code: new TextEncoder().encode(out.code),
      imports: out.imports.filter((i) => output.some((o) => o.fileName === i)),
      dynamicImports: out.dynamicImports,
      inputs: Object.fromEntries(Object.entries(out.modules).map(([input, m]) => [input, m.renderedLength])),
    });
    if (out.isEntry) entry = out.fileName;
  }
  return { chunks, entry };
}

/** The chunks `from` loads with static imports, itself included. */
function staticClosure(chunks, from, seen = new Set()) {
  if (seen.has(from)) return seen;
  seen.add(from);
  for (const imported of chunks.get(from).imports) staticClosure(chunks, imported, seen);
  return seen;
}

/** Bytes of a set of chunks: minified, and min+gzip with each file gzipped as it would be served. */
function weigh(chunks, keys) {
  let minBytes = 0;
  let gzipBytes = 0;
  for (const key of keys) {
    const { code } = chunks.get(key);
    minBytes += code.byteLength;
    gzipBytes += gzipSync(code, { level: 9 }).byteLength;
  }
  return { files: keys.size, minBytes, gzipBytes };
}

/**
 * What the page loads: its chunk and their static imports; then, for each chunk the page can load with `import()`
 * (an operation, or a group of them), what that adds. `call` is the one ACTION's call loads (the lazy chunk naming
 * it); `worst` the largest any single call can add. Budgets apply to `page + worst`, so grouping operations cannot
 * hide a heavy group behind a light one. An eager page has no lazy chunks: worst = call = nothing.
 */
function figures({ chunks, entry }) {
  const page = staticClosure(chunks, entry);
  const lazy = new Set([...page].flatMap((key) => chunks.get(key).dynamicImports));
  const names = new RegExp(`\\b${ACTION}\\b`);
  // The walk of a paginator (`@ensdk/client/page-walk`), loaded by `import()` with the paged operation's group: a
  // chunk of its own, measured with the heaviest group below, not as a call.
  const walk = [...lazy].find((key) =>
    Object.keys(chunks.get(key).inputs).some((input) => /page-walk\.js$/.test(input)),
  );
  let call = new Set();
  let worst = new Set();
  let worstBytes = 0;
  for (const key of lazy) {
    if (key === walk) continue;
    const adds = new Set([...staticClosure(chunks, key)].filter((k) => !page.has(k)));
    const bytes = weigh(chunks, adds).gzipBytes;
    if (bytes > worstBytes) [worst, worstBytes] = [adds, bytes];
    if (new TextDecoder().decode(chunks.get(key).code).match(names)) call = adds;
  }
  if (lazy.size > 0 && call.size === 0) throw new Error(`expected a lazily loaded chunk naming ${ACTION}`);
  const byOwner = new Map();
  for (const key of new Set([...page, ...call])) {
    for (const [input, bytes] of Object.entries(chunks.get(key).inputs)) {
      byOwner.set(ownerOf(input), (byOwner.get(ownerOf(input)) ?? 0) + bytes);
    }
  }
  const pageBytes = weigh(chunks, page);
  const withCall = weigh(chunks, new Set([...page, ...call]));
  const withWorst = weigh(chunks, new Set([...page, ...worst]));
  const withWalk =
    walk === undefined ? undefined : weigh(chunks, new Set([...page, ...worst, ...staticClosure(chunks, walk)]));
  return {
    pageGzip: pageBytes.gzipBytes,
    files: withCall.files,
    minBytes: withCall.minBytes,
    gzipBytes: withCall.gzipBytes,
    worstGzip: withWorst.gzipBytes,
    walkGzip: withWalk?.gzipBytes,
    lazyChunks: lazy.size,
    everythingGzip: weigh(chunks, new Set(chunks.keys())).gzipBytes,
    byOwner: Object.fromEntries([...byOwner].sort((a, b) => b[1] - a[1])),
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

const results = {};
for (const page of PAGES) {
  const esbuilt = figures(await esbuildChunks(page.file));
  const rolled = figures(await rolldownChunks(page.file));
  results[page.id] = {
    ...esbuilt,
    rolldown: {
      pageGzip: rolled.pageGzip,
      gzipBytes: rolled.gzipBytes,
      worstGzip: rolled.worstGzip,
      walkGzip: rolled.walkGzip,
      files: rolled.files,
    },
    budgetBytes: BUDGETS[page.id],
    enforced: ENFORCED.has(page.id),
    withinBudget: esbuilt.worstGzip <= BUDGETS[page.id],
    ceilingBytes: CEILINGS[page.id],
    walkCeilingBytes: WALK_CEILING,
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
    const lazy = (f) =>
      r.lazyChunks > 0 ? ` (page ${kb(f.pageGzip)} + the call; any call at most ${kb(f.worstGzip)})` : '';
    console.log(`- ${page.label}`);
    console.log(
      `  ${kb(r.gzipBytes)} min+gzip${lazy(r)} (${kb(r.minBytes)} minified, ${r.files} file${r.files === 1 ? '' : 's'}); budget ${kb(r.budgetBytes)}: ${r.withinBudget ? 'within' : 'OVER'}${ENFORCED.has(page.id) ? '' : ` (not enforced${r.ceilingBytes === undefined ? '' : `; fails over its ${kb(r.ceilingBytes)} ceiling`})`}`,
    );
    console.log(
      `  minified bytes by package: ${Object.entries(r.byOwner)
        .map(([owner, bytes]) => `${owner} ${bytes}`)
        .join(', ')}`,
    );
    if (r.walkGzip !== undefined)
      console.log(
        `  a paginator's walk: ${kb(r.walkGzip)} min+gzip (page + the heaviest group + the walk; rolldown ${kb(r.rolldown.walkGzip)}); ceiling ${kb(WALK_CEILING)}: ${r.walkGzip <= WALK_CEILING ? 'within' : 'OVER'}`,
      );
    console.log(`  rolldown (no budget): ${kb(r.rolldown.gzipBytes)} min+gzip${lazy(r.rolldown)}`);
    if (r.lazyChunks > 0)
      console.log(
        `  for scale (no budget): all ${r.lazyChunks} chunks the class can load, with the page: ${kb(r.everythingGzip)} min+gzip`,
      );
  }
}
for (const page of PAGES) {
  const r = results[page.id];
  if (!r.withinBudget && !ENFORCED.has(page.id)) {
    console.error(`size: the ${page.id} page is over its ${r.budgetBytes}-byte budget (not enforced).`);
    if (r.ceilingBytes !== undefined && r.worstGzip > r.ceilingBytes) {
      console.error(
        `size: the ${page.id} page is ${r.worstGzip - r.ceilingBytes} bytes over its ${r.ceilingBytes}-byte ceiling (it grew back).`,
      );
      process.exitCode = 1;
    }
  } else if (!r.withinBudget) {
    console.error(
      `size: the ${page.id} page is ${r.worstGzip - r.budgetBytes} bytes over its ${r.budgetBytes}-byte budget.`,
    );
    process.exitCode = 1;
  }
}
for (const page of PAGES) {
  const r = results[page.id];
  if (r.walkGzip !== undefined && r.walkGzip > WALK_CEILING) {
    console.error(
      `size: a paginator's walk on the ${page.id} page is ${r.walkGzip - WALK_CEILING} bytes over its ${WALK_CEILING}-byte ceiling.`,
    );
    process.exitCode = 1;
  }
}
if (process.argv.includes('--write')) {
  writeWeightSection(results, Object.fromEntries(PAGES.map((page) => [page.id, page.label])));
}
