// Removes packages/*/dist before a build whose output is packed. turbo restores a cached build by writing its files
// over dist/ and deletes nothing, so the hashed chunks of an older build would stay there and ship in the tarball (and
// count against the unpacked budgets). With dist/ gone, a cache hit restores exactly one build. tsup's own `clean`
// runs only when the build really runs.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = fileURLToPath(new URL('../../../packages/', import.meta.url));

/** Removes the dist/ folder of every workspace package under packages/ (or only of those in `names`, by folder). */
export function cleanDist(names = readdirSync(PACKAGES)) {
  for (const name of names) rmSync(join(PACKAGES, name, 'dist'), { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) cleanDist();
