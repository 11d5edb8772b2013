import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// tsup reads its configuration from a default export; this file is build tooling, not part of the package.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    models: 'src/models.ts',
    validation: 'src/validation.ts',
    pagination: 'src/pagination.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
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
