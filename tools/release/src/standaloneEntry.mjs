#!/usr/bin/env node
// Run after tsup in @ensdk/client's build (after pureCalls.mjs, before dedupeDeclarations.mjs and cjsWrappers.mjs):
// `node ../../tools/release/src/standaloneEntry.mjs page-walk src/pageWalk.ts` (the file name in dist/, the source).
//
// `@ensdk/client/page-walk` is loaded lazily by browser code (`import('@ensdk/client/page-walk')` in the proxy's
// EnsBrowserClient), so that a page that never paginates carries none of it. A bundler (esbuild splits by module) makes
// it a chunk of its own only if the module imports nothing the page also uses: otherwise the shared module moves into a
// chunk both load, and the page pays for it. As a tsup entry it would import the shared chunk that code splitting makes
// (and that mergeEntryChunks.mjs merges into the root's), so it is not one: tsup only writes its declarations
// (`dts.entry` in tsup.config.ts). This script bundles the source alone with esbuild as `dist/<name>.js`, with
// tsup.config.ts's target and minification (whitespace and syntax, names kept); package imports stay imports (they are
// never bundled in), and the build FAILS when the file imports anything, so a value import added to the source (the
// error classes are handed in, imported as types only) cannot slip through. Its CommonJS entry is the wrapper
// cjsWrappers.mjs writes for every entry (`require()` of this file), so `require` and `import` share one instance.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const [name, source] = process.argv.slice(2);
if (name === undefined || source === undefined) {
  throw new Error('standaloneEntry: name the dist/ file and the source, e.g. page-walk src/pageWalk.ts');
}
const dist = join(process.cwd(), 'dist');

/** Import or require statements and calls in minified output (esbuild's metafile is checked too). */
const IMPORTS = [/\brequire\s*\(/, /\bimport\s*\(/, /\bimport\s*["'{*]/, /\bfrom\s*["']/];

const result = await build({
  entryPoints: [source],
  bundle: true,
  write: false,
  metafile: true,
  format: 'esm',
  // It runs in browsers as well as in Node: no Node-specific output.
  platform: 'neutral',
  target: 'es2022',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [
    {
      // The source's own relative modules are bundled; a package (or built-in) stays an import, which fails below.
      name: 'packages-stay-imports',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.kind === 'entry-point' ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
const file = `${name}.js`;
const text = result.outputFiles[0].text;
const [output] = Object.values(result.metafile.outputs);
const imported = output.imports.map((i) => `${i.kind} ${i.path}`);
const found = IMPORTS.filter((pattern) => pattern.test(text)).map(String);
if (imported.length > 0 || found.length > 0) {
  throw new Error(
    `standaloneEntry: dist/${file} (from ${source}) must import nothing, but it has ${[...imported, ...found].join(', ')}: ` +
      'import types only (`import type`) and take values from the caller',
  );
}
writeFileSync(join(dist, file), text);
const inputs = Object.keys(result.metafile.inputs).map((input) => relative(process.cwd(), input));
console.log(
  `standaloneEntry: dist/${file} ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB from ${inputs.join(' + ')}; no import`,
);
