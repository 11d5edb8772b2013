#!/usr/bin/env node
// Run after tsup (and dedupeDeclarations) in a package's build: `node ../../tools/release/src/cjsWrappers.mjs`.
//
// tsup writes the JavaScript twice, an ESM build and a CommonJS one, each with its own chunks (the client's 1.1 MiB
// of CommonJS beside 0.9 MiB of ESM). Node >=20.19 (our `engines`) can `require()` an ES module without a flag, so
// each CommonJS entry the manifest names becomes one line, `module.exports = require('./index.js');`, and the
// CommonJS chunks go. `require` and `import` then load the same module instance: one copy on disk, one class per
// error in a process that does both (no dual-package hazard), and the CommonJS declarations (`.d.cts`, which attw's
// node16 CommonJS resolution needs) stay as tsup wrote them. The ESM build must have no top-level `await`
// (require() of such a module throws ERR_REQUIRE_ASYNC_MODULE); this script refuses a build that has one. A CommonJS
// entry that standaloneEntry.mjs built (it starts with its banner) stays as it is: it must require nothing.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(process.cwd(), 'dist');
const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));

/** CommonJS entry → the ESM file of the same export, from the manifest's `exports` (`require` / `import`). */
const wrappers = new Map();
for (const [key, target] of Object.entries(manifest.exports)) {
  if (target === null || typeof target !== 'object') continue;
  const cjs = target.require?.default;
  const esm = target.import?.default;
  if (cjs === undefined) continue;
  if (esm === undefined) throw new Error(`cjsWrappers: exports["${key}"] has require but no import`);
  wrappers.set(cjs.replace(/^\.\/dist\//, ''), esm.replace(/^\.\/dist\//, ''));
}
if (manifest.main !== undefined && !wrappers.has(manifest.main.replace(/^\.\/dist\//, ''))) {
  throw new Error(`cjsWrappers: main ${manifest.main} is not the require target of an export`);
}

/** The first line of a file standaloneEntry.mjs wrote (the same string there): a CommonJS build importing nothing. */
const STANDALONE_BANNER = '// @ensdk standalone entry: imports nothing (tools/release/src/standaloneEntry.mjs)';

let removed = 0;
const kept = [];
// Recursively: a package may build entries in folders of dist/ (the proxy's groups/), CommonJS chunks of the ESM build.
for (const name of readdirSync(dist, { recursive: true })) {
  if (!name.endsWith('.cjs')) continue;
  const path = join(dist, name);
  const before = readFileSync(path).byteLength;
  const esm = wrappers.get(name);
  if (esm !== undefined && readFileSync(path, 'utf8').startsWith(STANDALONE_BANNER)) {
    // A standalone entry's own CommonJS build: a wrapper would require() the ESM file, and it must require nothing.
    kept.push(name);
    continue;
  }
  if (esm === undefined) {
    // A CommonJS chunk: only the CommonJS entries required it.
    rmSync(path);
    removed += before;
    continue;
  }
  const source = readFileSync(join(dist, esm), 'utf8');
  if (/^await\b/m.test(source))
    throw new Error(`cjsWrappers: dist/${esm} has a top-level await; require() cannot load it`);
  const text = `'use strict';\n// CommonJS entry: the ES module build, loaded with require() (Node >=20.19), so both share one instance.\nmodule.exports = require('./${esm}');\n`;
  writeFileSync(path, text);
  removed += before - text.length;
}
for (const name of wrappers.keys()) {
  if (!readdirSync(dist).includes(name)) throw new Error(`cjsWrappers: the manifest names dist/${name}, not built`);
}
console.log(
  `cjsWrappers: ${manifest.name}: ${(removed / 1024).toFixed(0)} KiB of CommonJS build replaced by wrappers` +
    (kept.length > 0 ? `; standalone ${kept.join(', ')} kept` : ''),
);
