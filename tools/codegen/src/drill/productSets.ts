/**
 * Which metadata files the product drill runs on: Alibaba's corpus (never in the repository: `$ENSDK_CORPUS_DIR`,
 * else `../shared/corpus/` beside the checkout), whole (`--set corpus`) or the CI set (`--set ci`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compareCodeUnits } from '../util/order.js';

/** Names the folder of Alibaba's other products' metadata when it is not `../shared/corpus/` beside the checkout. */
export const CORPUS_DIR_ENV = 'ENSDK_CORPUS_DIR';

/**
 * The CI set, by file name: RPC products that together show every kind of repair the corpus needs, and every
 * other row of the policy table an RPC file of the corpus shows (a test holds it to that), plus one file of
 * another style to show the refusal. The smallest that do: ECS is the only file with `member-name-clash` and
 * `odd-status-key` (and has duplicates, padded codes, several placeholders); R-kvstore the smallest with the
 * catch-all code; SLB arrays without items; ESS an operation without responses; CDN codes beginning with `%s`;
 * SAE (ROA) is refused.
 */
export const CI_PRODUCTS = [
  'ecs-2014-05-26.api-docs.json',
  'r-kvstore-2015-01-01.api-docs.json',
  'slb-2014-05-15.api-docs.json',
  'ess-2014-08-28.api-docs.json',
  'cdn-2018-05-10.api-docs.json',
  'sae-2019-05-06.api-docs.json',
] as const;

/** The corpus folder; a missing one is an error saying where it looked (nothing must pass by reading nothing). */
export function corpusDir(repoRoot: string): string {
  const dir = process.env[CORPUS_DIR_ENV] || join(repoRoot, '..', 'shared', 'corpus');
  if (!existsSync(dir))
    throw new Error(`Alibaba's metadata corpus is not at ${dir}: set ${CORPUS_DIR_ENV} to the folder that holds it`);
  return dir;
}

/** Paths of every metadata file of the corpus, in name order. */
export function corpusMetadataFiles(repoRoot: string): string[] {
  const dir = corpusDir(repoRoot);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.api-docs.json'))
    .sort(compareCodeUnits)
    .map((name) => join(dir, name));
}

/** Paths of a named set: `corpus` (every file) or `ci` ({@link CI_PRODUCTS}); a file missing from the corpus throws. */
export function productSet(name: string, repoRoot: string): string[] {
  if (name === 'corpus') return corpusMetadataFiles(repoRoot);
  if (name !== 'ci') throw new Error(`--set ${name}: expected ci or corpus`);
  const dir = corpusDir(repoRoot);
  return CI_PRODUCTS.map((file) => {
    if (!existsSync(join(dir, file))) throw new Error(`--set ci: ${file} is not in the corpus at ${dir}`);
    return join(dir, file);
  });
}
