/**
 * `npm run size`: bundles src/page.ts (a page that revokes one egress rule through @ensdk/proxy: browser client,
 * validation, error classes) the way an app's bundler would, minified for the browser, and compares its gzip size
 * with the budget. Exits 1 over budget. For scale it also prints, unbudgeted, a page using the full client class
 * with every operation.
 *
 * Needs the packages built (the root script runs turbo first). Options: --json prints the figures as JSON.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** The budget of the one-operation page, min+gzip. */
export const BUDGET_BYTES = 8 * 1024;

const PAGE = fileURLToPath(new URL('./page.ts', import.meta.url));

/** The package (or `page`) a bundled input belongs to, for the breakdown. */
function ownerOf(input) {
  const match =
    /(?:^|\/)(?:packages|node_modules\/@ensdk)\/([^/]+)\//.exec(input) ??
    /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match ? match[1] : 'page';
}

/** Bundles an entry (a file, or source text) for the browser and measures it. */
async function measure(entry) {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, loader: 'ts' } }),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const byOwner = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    byOwner.set(ownerOf(input), (byOwner.get(ownerOf(input)) ?? 0) + bytesInOutput);
  }
  return {
    minBytes: code.byteLength,
    gzipBytes: gzipSync(code, { level: 9 }).byteLength,
    byOwner: Object.fromEntries([...byOwner].sort((a, b) => b[1] - a[1])),
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(2)} KB`;

const page = await measure(PAGE);
const full = await measure({
  contents:
    "import { createEnsBrowserClient } from '@ensdk/proxy';\nexport const ens = createEnsBrowserClient({ baseUrl: '/api/ens' });\n",
  resolveDir: fileURLToPath(new URL('.', import.meta.url)),
});
const withinBudget = page.gzipBytes <= BUDGET_BYTES;

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ budgetBytes: BUDGET_BYTES, withinBudget, page, fullClient: full }, null, 2));
} else {
  console.log(
    'Browser bundle of a page calling RevokeSecurityGroupEgress through @ensdk/proxy (esbuild, minified, gzip -9):',
  );
  console.log(
    `  ${kb(page.gzipBytes)} min+gzip (${kb(page.minBytes)} minified); budget ${kb(BUDGET_BYTES)}: ${withinBudget ? 'within' : 'OVER'}`,
  );
  console.log(
    `  minified bytes by package: ${Object.entries(page.byOwner)
      .map(([owner, bytes]) => `${owner} ${bytes}`)
      .join(', ')}`,
  );
  console.log(`For scale (no budget): createEnsBrowserClient with all 231 operations: ${kb(full.gzipBytes)} min+gzip.`);
}
if (!withinBudget) {
  console.error(`size: the page is ${page.gzipBytes - BUDGET_BYTES} bytes over its ${BUDGET_BYTES}-byte budget.`);
  process.exitCode = 1;
}
