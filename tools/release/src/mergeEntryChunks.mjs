#!/usr/bin/env node
// Run after tsup in a package's build (the client's before pureCalls.mjs):
// `node ../../tools/release/src/mergeEntryChunks.mjs index.js` (an entry file of dist/).
//
// tsup's code splitting gives every set of entry points (the package's entries and, in the client, each operation
// module that an `import()` loads) that share code a chunk of its own, so the client's root entry statically
// imported four small chunks (the lossless JSON parser, the constraint checker, the Paginator, defineOperation and
// the zod provider), and `@ensdk/errors/base` was one line re-exporting the chunk it shares with the root. In Node
// each module file costs its resolution, read, compile and link in the ES module loader: about 0.6 ms apiece, cold,
// of `import('@ensdk/client')` (issue 12's import + construct goal). This script merges every chunk that the named
// entry imports statically (transitively) into one module with esbuild (the exports keep their names; esbuild
// renames clashing locals), rewrites every file of dist/ that imported one of them to import the merged module, and
// deletes them. The merged module is the entry itself when the entry only re-exports those chunks (errors' base),
// else a new `chunk-<hash>.js` (named as esbuild names chunks: 466 files import it, so every byte of the name counts). Every importer shares the one merged module, so identity (classes, the
// Paginator, zod's provider) holds as before. No side effect is added; pureCalls.mjs (the client's next step)
// restores the `/* @__PURE__ */` annotations minified output drops.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const dist = join(process.cwd(), 'dist');
const entry = process.argv[2];
if (entry === undefined) throw new Error('mergeEntryChunks: name the entry file, e.g. index.js');

/** Static imports and re-exports of a minified ES module, by specifier (side-effect imports too). */
const staticSpecifiers = (source) => [
  ...new Set(
    [...source.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[^;'"()]*?\bfrom\s*)?['"]([^'"]+)['"]/g)].map(
      (m) => m[1],
    ),
  ),
];

const read = (file) => readFileSync(join(dist, file), 'utf8');
const isChunk = (specifier) => /^\.\/chunk-[A-Z0-9]+\.js$/.test(specifier);

/** The chunks the entry loads statically: chunk files reached through static imports only. */
const chunks = [];
const visit = (file) => {
  for (const specifier of staticSpecifiers(read(file))) {
    if (!isChunk(specifier)) continue;
    const chunk = specifier.slice(2);
    if (chunks.includes(chunk)) continue;
    chunks.push(chunk);
    visit(chunk);
  }
};
visit(entry);

// An entry that is only `export { … } from './chunk-….js'` lines (no renaming) becomes the merged module itself.
const entrySource = read(entry).trim();
const reExportOnly = /^(?:export\s*\{[^}]*\}\s*from\s*['"]\.\/chunk-[A-Z0-9]+\.js['"];?\s*)+$/.test(entrySource);
if (reExportOnly && /\bas\b/.test(entrySource)) throw new Error(`mergeEntryChunks: dist/${entry} renames an export`);
if (chunks.length < (reExportOnly ? 1 : 2)) {
  console.log(`mergeEntryChunks: dist/${entry} imports ${chunks.length} chunk(s); nothing to merge`);
  process.exit(0);
}

// Two chunks exporting one name would make `export *` drop it silently: refuse.
const exported = new Map();
for (const chunk of chunks) {
  for (const list of read(chunk).matchAll(/(?:^|[;\n}])\s*export\s*\{([^}]*)\}\s*;?\s*(?:$|[\n])/g)) {
    for (const item of list[1].split(',')) {
      const name = item
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name === '') continue;
      if (exported.has(name))
        throw new Error(`mergeEntryChunks: ${name} is exported by ${exported.get(name)} and ${chunk}`);
      exported.set(name, chunk);
    }
  }
}

const merged = await build({
  stdin: { contents: chunks.map((c) => `export * from './${c}';`).join('\n'), resolveDir: dist, loader: 'js' },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  plugins: [
    {
      // Only the chunks being merged go in; everything else (other chunks, packages, built-ins) stays an import.
      name: 'only-these-chunks',
      setup(b) {
        b.onResolve({ filter: /.*/ }, (args) =>
          args.kind === 'entry-point' || (isChunk(args.path) && chunks.includes(args.path.slice(2)))
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
});
const text = merged.outputFiles[0].text;
const name = reExportOnly
  ? entry
  : `chunk-${createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase()}.js`;
if (!reExportOnly && readdirSync(dist).includes(name)) throw new Error(`mergeEntryChunks: dist/${name} exists already`);
writeFileSync(join(dist, name), text);

// Every importer of a merged chunk now imports the merged one (the names it imports are the same).
const specifiers = new RegExp(`(['"])\\./(?:${chunks.map((c) => c.replace('.', '\\.')).join('|')})\\1`, 'g');
let rewritten = 0;
for (const file of readdirSync(dist).filter((f) => f.endsWith('.js') && !chunks.includes(f) && f !== name)) {
  const source = read(file);
  const next = source.replace(specifiers, `$1./${name}$1`);
  if (next === source) continue;
  writeFileSync(join(dist, file), next);
  rewritten += 1;
}
for (const chunk of chunks) rmSync(join(dist, chunk));
const left = reExportOnly ? [] : staticSpecifiers(read(entry)).filter((s) => isChunk(s) && s !== `./${name}`);
if (left.length !== 0) throw new Error(`mergeEntryChunks: dist/${entry} still imports ${left.join(', ')}`);
console.log(
  `mergeEntryChunks: ${chunks.length} chunks of dist/${entry} merged into dist/${name}; ${rewritten} importers rewritten`,
);
