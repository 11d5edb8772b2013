#!/usr/bin/env node
// Run after tsup in @ensdk/client's build: `node ../../tools/release/src/pureCalls.mjs`; @ensdk/proxy's names its own
// functions: `node ../../tools/release/src/pureCalls.mjs withLazyOperations`.
//
// The shipped JavaScript is minified (whitespace), and esbuild then prints no `/* @__PURE__ */` annotation: a user's
// bundler would keep every `defineOperation({...})` (each generated operation definition) and `formatCheck(...)` at
// module level as a possible side effect, and a browser page that imports one operation's constraints would carry all
// 231 definitions; the same for `withOperations(EnsBareClient, {...})`, which makes `EnsClient`'s methods from its
// table of the 231 standalone functions: a script calling one of them over `EnsBareClient` would carry them all.
// This puts the annotation back before each call of the functions below that initialises a module-level binding (the
// only place the generated and core code calls them), and fails when it finds none.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Functions whose module-level calls are pure (no side effect but their result): the arguments, else the client's. */
const PURE = process.argv.length > 2 ? process.argv.slice(2) : ['defineOperation', 'formatCheck', 'withOperations'];

const dist = join(process.cwd(), 'dist');
const pattern = new RegExp(`(?<=[=,]\\s*)(${PURE.join('|')})\\(`, 'g');
const counts = Object.fromEntries(PURE.map((name) => [name, 0]));
for (const name of readdirSync(dist).filter((file) => file.endsWith('.js'))) {
  const path = join(dist, name);
  const text = readFileSync(path, 'utf8');
  const annotated = text.replace(pattern, (_match, fn) => {
    counts[fn] += 1;
    return `/* @__PURE__ */ ${fn}(`;
  });
  if (annotated !== text) writeFileSync(path, annotated);
}
for (const [fn, count] of Object.entries(counts)) {
  if (count === 0) throw new Error(`pureCalls: no call of ${fn} found in dist/ (renamed? update PURE)`);
}
console.log(
  `pureCalls: ${Object.entries(counts)
    .map(([fn, n]) => `${n} × ${fn}`)
    .join(', ')} annotated /* @__PURE__ */`,
);
