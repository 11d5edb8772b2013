import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * `EnsBrowserClient`'s groups of operations (`src/generated/groups/gNN.gen.ts`), each an entry of its own:
 * `dist/groups/gNN.js`. As chunks of the two entries they were named `gNN.gen-<hash>.js`, and an app's bundler adds a
 * hash of its own: 20 such names in every page that uses the class are about 0.2 KB min+gzip of random characters.
 */
const groups = Object.fromEntries(
  readdirSync(new URL('./src/generated/groups/', import.meta.url))
    .filter((file) => file.endsWith('.gen.ts'))
    .map((file) => [`groups/${file.replace(/\.gen\.ts$/, '')}`, `src/generated/groups/${file}`]),
);

const entries = { index: 'src/index.ts', server: 'src/server/index.ts' };

// tsup reads its configuration from a default export; this file is build tooling, not part of the package.
export default defineConfig({
  entry: { ...entries, ...groups },
  format: ['esm', 'cjs'],
  // Declarations for the package's entries only: the groups are loaded by `import()` and typed from the sources.
  dts: { entry: entries },
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  minifyWhitespace: true,
  minifySyntax: true,
});
