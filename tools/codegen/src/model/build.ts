import type { LoadedFile } from '../spec/load.js';
import type { MetadataDocument } from '../spec/metadataSchema.js';
import type { OverlayDocument } from '../spec/overlaySchema.js';
import { SpecError } from '../spec/specError.js';
import { compareCodeUnits } from '../util/order.js';
import { buildErrorClasses } from './errorClasses.js';
import { buildOperation } from './operation.js';
import { ProblemCollector } from './problems.js';
import { RepairLog } from './repairs.js';
import type { Operation, ServiceModel } from './types.js';

/** How the model treats quirks of the metadata. */
export interface BuildOptions {
  /** Every repair is an error instead of a warning (`generate --strict`). */
  readonly strict?: boolean;
}

/**
 * Builds the normalised model from validated metadata and overlay. Quirks with a policy (specs/README.md) are
 * repaired and listed in `repairs`, each with its JSON path; in strict mode they are problems. Throws
 * {@link SpecError} listing every problem.
 */
export function buildModel(
  metadata: LoadedFile<MetadataDocument>,
  overlay: LoadedFile<OverlayDocument>,
  options: BuildOptions = {},
): ServiceModel {
  const metadataProblems = new ProblemCollector(metadata.file);
  const overlayProblems = new ProblemCollector(overlay.file);
  const repairs = new RepairLog(metadata.file, options.strict === true, metadataProblems);
  const doc = metadata.document;
  for (const name of Object.keys(overlay.document.operations)) {
    if (doc.apis[name] === undefined)
      overlayProblems.add(['operations', name], 'the name of an operation in the metadata', name);
  }
  const select = overlay.document.select;
  select?.forEach((name, i) => {
    if (doc.apis[name] === undefined)
      overlayProblems.add(['select', i], 'the name of an operation in the metadata', name);
  });
  for (const name of Object.keys(overlay.document.operations)) {
    if (select !== undefined && !select.includes(name))
      overlayProblems.add(['operations', name], `an operation listed in select (${select.join(', ')})`, name);
  }
  const names = Object.keys(doc.apis)
    .filter((name) => select === undefined || select.includes(name))
    .sort(compareCodeUnits);
  const partial = names.map((name) =>
    buildOperation(name, doc.apis[name]!, overlay.document, metadataProblems, overlayProblems, repairs),
  );
  const { classes, classOfCode } = buildErrorClasses(doc.info.product, partial, overlay.document, repairs);
  const problems = [...metadataProblems.problems, ...overlayProblems.problems];
  if (problems.length > 0) throw new SpecError(problems);

  const commonClassNames = classes.filter((c) => c.common).map((c) => c.className);
  const operations: Operation[] = partial.map((op) => ({
    ...op,
    errorClassNames: [...new Set([...op.errorCodes.map((c) => classOfCode.get(c.code)!), ...commonClassNames])].sort(
      compareCodeUnits,
    ),
  }));
  return {
    product: doc.info.product,
    apiVersion: doc.info.version,
    specFingerprint: `sha256:${metadata.sha256.slice(0, 12)}+${overlay.sha256.slice(0, 12)}`,
    specFiles: [metadata.file, overlay.file],
    endpoints: [...doc.endpoints]
      .map((e) => ({ regionId: e.regionId, endpoint: e.endpoint }))
      .sort((a, b) => compareCodeUnits(a.regionId, b.regionId)),
    operations,
    errorClasses: classes,
    repairs: repairs.repairs,
  };
}
