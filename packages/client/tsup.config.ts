import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** The JavaScript entries (tsup builds them, with shared chunks). */
const entry = {
  index: 'src/index.ts',
  models: 'src/models.ts',
  validation: 'src/validation.ts',
  pagination: 'src/pagination.ts',
};

// tsup reads its configuration from a default export; this file is build tooling, not part of the package.
export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  // Declarations for the JS entries and for `page-walk`, whose JavaScript is not built here but by
  // tools/release/src/standaloneEntry.mjs after tsup: as an entry of this build, code splitting would make it import
  // the chunk it shares with the others, and it must import nothing.
  dts: { entry: { ...entry, 'page-walk': 'src/pageWalk.ts' } },
  clean: true,
  target: 'es2022',
  platform: 'node',
  // index.ts reads import.meta.url (to require zod lazily); the CommonJS build needs the shim.
  shims: true,
  treeshake: true,
  // Shipped minified but for names (identifiers and stack traces stay readable): comments, such as the TSDoc esbuild
  // keeps on class members, and whitespace were about a third of the JavaScript (issue 12's weight budget).
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS too: the three entries share chunks instead of each bundling the generated operations (tsup's
  // experimental CommonJS splitting; the consumer test requires every entry and checks instanceof across builds).
  splitting: true,
  // The version sent in User-Agent; tests run from source and send `0.0.0-dev`.
  define: { __ENSDK_VERSION__: JSON.stringify(version) },
});
