import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_ROOTS, generateFiles, loadModel } from './generate.js';
import { diffOutput, writeOutput } from './output.js';
import { SpecError } from './spec/specError.js';

const USAGE = `Usage: npm run generate [-- --check] [-- --root <dir>]

  (no flag)   regenerate every generated file from specs/ (writes only what changed)
  --check     write nothing; exit 1 when the committed generated files are stale
  --root DIR  repository root (default: this checkout)`;

/** Runs the generator CLI; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let check = false;
  let root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--root' && argv[i + 1] !== undefined) root = resolve(argv[++i]!);
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`Unknown argument: ${arg}\n\n${USAGE}`);
      return 2;
    }
  }
  const started = performance.now();
  try {
    const model = loadModel(root);
    const files = await generateFiles(model);
    const diff = diffOutput(root, files, GENERATED_ROOTS);
    const stale = diff.added.length + diff.changed.length + diff.removed.length;
    const lines = files.reduce((sum, f) => sum + f.text.split('\n').length - 1, 0);
    const took = ((performance.now() - started) / 1000).toFixed(2);
    if (check) {
      if (stale === 0) {
        console.log(`Generated code is up to date: ${files.length} files, ${lines} lines (${took} s).`);
        return 0;
      }
      console.error('Generated code is stale; run `npm run generate` and commit the result.');
      for (const [label, list] of [['missing', diff.added], ['changed', diff.changed], ['obsolete', diff.removed]] as const) {
        for (const path of list.slice(0, 20)) console.error(`  ${label}: ${path}`);
        if (list.length > 20) console.error(`  ... and ${list.length - 20} more ${label}`);
      }
      return 1;
    }
    writeOutput(root, files, diff);
    console.log(
      `Generated ${model.operations.length} operations, ${model.errorClasses.length} error classes: ${files.length} files, ${lines} lines ` +
        `(${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed) in ${took} s.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
