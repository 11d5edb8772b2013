#!/usr/bin/env node
// Run after tsup (and dedupeDeclarations) in a package's build: `node ../../tools/release/src/cjsWrappers.mjs`.
//
// tsup writes the JavaScript twice, an ESM build and a CommonJS one, each with its own chunks (the client's 1.1 MiB
// of CommonJS beside 0.9 MiB of ESM). Node >=20.19 (our `engines`) can `require()` an ES module without a flag, so
// each CommonJS entry the manifest names becomes one line, `module.exports = require('./index.js');`, and the
// CommonJS chunks go. `require` and `import` then load the same module instance: one copy on disk, one class per
// error in a process that does both (no dual-package hazard), and the CommonJS declarations (`.d.cts`, which attw's
// node16 CommonJS resolution needs) stay as tsup wrote them. The ESM build must have no top-level `await`
// (require() of such a module throws ERR_REQUIRE_ASYNC_MODULE); this script refuses a build that has one.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

let removed = 0;
// The CommonJS chunks go: only the CommonJS entries required them. Recursively: a package may build entries in folders
// of dist/ (the proxy's groups/).
for (const name of readdirSync(dist, { recursive: true })) {
  if (!name.endsWith('.cjs') || wrappers.has(name)) continue;
  const path = join(dist, name);
  removed += readFileSync(path).byteLength;
  rmSync(path);
}
// Each CommonJS entry the manifest names becomes the wrapper, whether tsup built a CommonJS file for it or not (an entry
// built by standaloneEntry.mjs has only its ES module).
for (const [name, esm] of wrappers) {
  const path = join(dist, name);
  if (!existsSync(join(dist, esm))) throw new Error(`cjsWrappers: the manifest names dist/${esm}, not built`);
  if (/^await\b/m.test(readFileSync(join(dist, esm), 'utf8')))
    throw new Error(`cjsWrappers: dist/${esm} has a top-level await; require() cannot load it`);
  const before = existsSync(path) ? readFileSync(path).byteLength : 0;
  const text = `'use strict';\n// CommonJS entry: the ES module build, loaded with require() (Node >=20.19), so both share one instance.\nmodule.exports = require('./${esm}');\n`;
  writeFileSync(path, text);
  removed += before - text.length;
}
console.log(`cjsWrappers: ${manifest.name}: ${(removed / 1024).toFixed(0)} KiB of CommonJS build replaced by wrappers`);
