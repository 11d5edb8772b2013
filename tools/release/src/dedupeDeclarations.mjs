#!/usr/bin/env node
// Run after tsup in a package's build: `node ../../tools/release/src/dedupeDeclarations.mjs`.
//
// tsup writes every declaration twice, `.d.ts` for the ESM build and `.d.cts` for the CommonJS one, byte for byte
// the same but for the extension in their imports (the client's 1.6 MB chunk twice). The CommonJS declarations must
// stay `.d.cts` (attw's node16 CommonJS resolution needs them), but the ESM ones can be one line: ESM may import a
// CommonJS module, so `index.d.ts` becomes `export * from './index.cjs';` (TypeScript reads `./index.d.cts`) and the
// ESM-only declaration chunks go. Types stay identical for both builds; only one copy ships.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(process.cwd(), 'dist');
const files = readdirSync(dist);
const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8'));

/** The ESM declaration files the manifest names (entry points), e.g. `index.d.ts`. */
const entries = new Set();
(function walk(value) {
  if (typeof value === 'string') {
    if (value.endsWith('.d.ts')) entries.add(value.replace(/^\.\/dist\//, ''));
  } else if (value !== null && typeof value === 'object') for (const inner of Object.values(value)) walk(inner);
})(manifest.exports);

let saved = 0;
// The declarations that ship are indented four spaces a level (rollup-plugin-dts): one tab a level says the same in a
// quarter of the bytes (about 110 KiB of the client's). Only the indentation before the first non-space changes, so
// TSDoc text and code examples keep their own inner indentation.
for (const name of files.filter((file) => file.endsWith('.d.cts'))) {
  const text = readFileSync(join(dist, name), 'utf8');
  const compact = text.replace(/^(?: {4})+/gm, (run) => '\t'.repeat(run.length / 4));
  writeFileSync(join(dist, name), compact);
  saved += Buffer.byteLength(text) - Buffer.byteLength(compact);
}
for (const name of files.filter((file) => file.endsWith('.d.ts'))) {
  const cjs = name.replace(/\.d\.ts$/, '.d.cts');
  if (!files.includes(cjs)) throw new Error(`dedupeDeclarations: ${name} has no CommonJS twin ${cjs}`);
  const before = readFileSync(join(dist, name)).byteLength;
  if (entries.has(name)) {
    const text = `export * from './${name.replace(/\.d\.ts$/, '.cjs')}';\n`;
    writeFileSync(join(dist, name), text);
    saved += before - text.length;
  } else {
    // A chunk only the ESM entries imported; they now re-export the CommonJS declarations, which import its twin.
    rmSync(join(dist, name));
    saved += before;
  }
}
for (const entry of entries) {
  if (!files.includes(entry)) throw new Error(`dedupeDeclarations: the manifest names dist/${entry}, not built`);
}
console.log(
  `dedupeDeclarations: ${manifest.name}: ${(saved / 1024).toFixed(0)} KiB of duplicated declarations and indentation removed`,
);
