import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planRelease, type ReleasePlan } from './diff/changeset.js';
import { API_SURFACE_PATH, loadApiSurfaceFingerprint } from './diff/surface.js';
import {
  ENS_SPEC,
  GENERATED_ROOTS,
  generateFiles,
  generateStsFiles,
  hasSpec,
  loadModel,
  STS_OPERATIONS_DIR,
  STS_SPEC,
} from './generate.js';
import { formatRepair, type Repair } from './model/repairs.js';
import type { ServiceModel } from './model/types.js';
import { diffOutput, writeFileAtomically, writeOutput } from './output.js';
import {
  displayPath,
  ENS_METADATA,
  locateMetadata,
  METADATA_DIR_ENV,
  MetadataNotFoundError,
  STS_METADATA,
} from './spec/locate.js';
import { SpecError } from './spec/specError.js';

const USAGE = `Usage: npm run generate [-- --check] [-- --strict] [-- --metadata FILE [--overlay FILE|none]] [-- --root <dir>]

  (no flag)        regenerate every generated file from Alibaba's metadata and specs/ (writes only what changed);
                   when the public API changed since specs/.../generated/api-surface.gen.json, also write a
                   .changeset/*.md
  --check          write nothing; exit 1 when the committed generated files are stale
  --strict         every repair of the metadata (printed as a warning otherwise) is an error; nothing is written
  --metadata FILE  generate from this api-docs.json (any RPC product) instead of ENS's
  --overlay FILE   apply this overlay instead of specs/ens/2017-11-10/overlay.json; none: no overlay
  --root DIR       repository root (default: this checkout)

Alibaba's metadata (${ENS_METADATA.fileName}, and ${STS_METADATA.fileName} for the credentials providers'
internal STS calls) is not part of the repository. It is read from the first folder
that has it: $${METADATA_DIR_ENV}, .metadata/ (npm run spec:fetch), ../shared/upstream/, ../shared/corpus/.`;

/** Runs the generator CLI; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let check = false;
  let strict = false;
  let metadataFile: string | undefined;
  let overlay: string | undefined;
  let root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--strict') strict = true;
    else if (arg === '--root' && argv[i + 1] !== undefined) root = resolve(argv[++i]!);
    else if (arg === '--metadata' && argv[i + 1] !== undefined) metadataFile = resolve(argv[++i]!);
    else if (arg === '--overlay' && argv[i + 1] !== undefined) {
      const value = argv[++i]!;
      overlay = value === 'none' ? value : resolve(value);
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`Unknown argument: ${arg}\n\n${USAGE}`);
      return 2;
    }
  }
  if (overlay !== undefined && metadataFile === undefined) {
    console.error(`--overlay goes with --metadata.\n\n${USAGE}`);
    return 2;
  }
  const started = performance.now();
  try {
    const metadataPath = metadataFile ?? locateMetadata(root, ENS_SPEC.metadata);
    const model = loadModel(root, ENS_SPEC, {
      metadataPath,
      strict,
      ...(metadataFile !== undefined ? { overlay: overlay ?? ENS_SPEC.overlay } : {}),
    });
    for (const repair of model.repairs) console.error(formatRepair(repair));
    if (model.repairs.length > 0) console.error(repairSummary(model.repairs));
    const from = `from ${displayPath(root, metadataPath)}`;
    const files = await generateFiles(model);
    // STS, the second product: internal definitions for the credentials providers, when its spec is committed. A run
    // on another metadata file (--metadata, the product drill's copies) leaves them as committed.
    const sts =
      metadataFile === undefined && hasSpec(root, STS_SPEC) ? loadModel(root, STS_SPEC, { strict }) : undefined;
    if (sts !== undefined) {
      for (const repair of sts.repairs) console.error(formatRepair(repair));
      files.push(...generateStsFiles(sts));
    }
    const roots = sts === undefined ? GENERATED_ROOTS.filter((r) => r !== STS_OPERATIONS_DIR) : GENERATED_ROOTS;
    const diff = diffOutput(root, files, roots);
    const stale = diff.added.length + diff.changed.length + diff.removed.length;
    const lines = files.reduce((sum, f) => sum + f.text.split('\n').length - 1, 0);
    const took = ((performance.now() - started) / 1000).toFixed(2);
    if (check) {
      if (stale === 0) {
        console.log(`Generated code is up to date: ${files.length} files, ${lines} lines, ${from} (${took} s).`);
        return 0;
      }
      console.error('Generated code is stale; run `npm run generate` and commit the result.');
      for (const [label, list] of [
        ['missing', diff.added],
        ['changed', diff.changed],
        ['obsolete', diff.removed],
      ] as const) {
        for (const path of list.slice(0, 20)) console.error(`  ${label}: ${path}`);
        if (list.length > 20) console.error(`  ... and ${list.length - 20} more ${label}`);
      }
      const pending = pendingRelease(root, model);
      if (pending !== undefined) console.error(pending);
      const provenance = metadataMismatch(root, model, metadataPath);
      if (provenance !== undefined) console.error(provenance);
      return 1;
    }
    // Diff against the committed snapshot before anything is written; the changeset goes first, the new snapshot last.
    const plan = planRelease(root, model);
    if (!plan.baseline && plan.changeset !== undefined) writeFileAtomically(root, plan.changeset);
    writeOutput(root, files, diff, [API_SURFACE_PATH]);
    console.log(
      `Generated ${model.operations.length} operations, ${model.errorClasses.length} error classes ${from}` +
        `${sts === undefined ? '' : ` and ${sts.operations.length} internal STS operations`}: ${files.length} files, ` +
        `${lines} lines (${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed) in ${took} s.`,
    );
    console.log(describePlan(plan));
    return 0;
  } catch (error) {
    if (error instanceof SpecError || error instanceof MetadataNotFoundError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

/**
 * With --check: when the metadata read is not the file the committed code was generated from (the snapshot records
 * its fingerprint), say so, since regenerating from it would change the code rather than repair it.
 */
function metadataMismatch(root: string, model: ServiceModel, metadataPath: string): string | undefined {
  let recorded: string | undefined;
  try {
    recorded = loadApiSurfaceFingerprint(root);
  } catch (error) {
    if (error instanceof SpecError) return undefined;
    throw error;
  }
  const read = model.specFingerprint.split('+')[0];
  const committed = recorded?.split('+')[0];
  if (committed === undefined || committed === read) return undefined;
  return (
    `The metadata read (${displayPath(root, metadataPath)}, ${read}) is not the file the committed code was generated ` +
    `from (${committed}, recorded in ${API_SURFACE_PATH}). Generate from that file (put it in $${METADATA_DIR_ENV} or ` +
    '.metadata/), or run `npm run generate` to move the code to the metadata you have.'
  );
}

/** One line on what the generation means for versioning. */
function describePlan(plan: ReleasePlan): string {
  if (plan.baseline)
    return `Public API snapshot created (${API_SURFACE_PATH}): this is the baseline, no changeset written.`;
  if (plan.changeset === undefined) return 'Public API unchanged since the snapshot: no changeset.';
  const count = plan.diff.changes.length;
  return `Public API changed (${count} change${count === 1 ? '' : 's'}, ${plan.diff.bump}): wrote ${plan.changeset.path}.`;
}

/** With --check: what `npm run generate` would do about versioning, when the snapshot is readable and differs. */
function pendingRelease(root: string, model: ServiceModel): string | undefined {
  try {
    const plan = planRelease(root, model);
    if (plan.baseline || plan.changeset === undefined) return undefined;
    const count = plan.diff.changes.length;
    return `The public API changed since the committed snapshot (${count} change${count === 1 ? '' : 's'}, ${plan.diff.bump}); \`npm run generate\` writes a changeset.`;
  } catch (error) {
    if (error instanceof SpecError) return undefined; // an unreadable snapshot is already listed as changed
    throw error;
  }
}

/** One line counting the repairs by kind, e.g. `3 repairs of the metadata (duplicate-parameter 2, padded-code 1)`. */
export function repairSummary(repairs: readonly Repair[]): string {
  const counts = new Map<string, number>();
  for (const r of repairs) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  const kinds = [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ');
  return `${repairs.length} repair${repairs.length === 1 ? '' : 's'} of the metadata (${kinds}); --strict makes them errors.`;
}
