import type { LoadedFile } from '../spec/load.js';
import type { MetadataDocument } from '../spec/metadataSchema.js';
import type { OverlayDocument } from '../spec/overlaySchema.js';
import { SpecError } from '../spec/specError.js';
import { compareCodeUnits } from '../util/order.js';
import { buildErrorClasses } from './errorClasses.js';
import { buildOperation } from './operation.js';
import { ProblemCollector } from './problems.js';
import type { Operation, ServiceModel } from './types.js';

/** Builds the normalised model from validated metadata and overlay. Throws {@link SpecError} listing every problem. */
export function buildModel(metadata: LoadedFile<MetadataDocument>, overlay: LoadedFile<OverlayDocument>): ServiceModel {
  const metadataProblems = new ProblemCollector(metadata.file);
  const overlayProblems = new ProblemCollector(overlay.file);
  const doc = metadata.document;
  for (const name of Object.keys(overlay.document.operations)) {
    if (doc.apis[name] === undefined)
      overlayProblems.add(['operations', name], 'the name of an operation in the metadata', name);
  }
  const names = Object.keys(doc.apis).sort(compareCodeUnits);
  const partial = names.map((name) =>
    buildOperation(name, doc.apis[name]!, overlay.document, metadataProblems, overlayProblems),
  );
  const problems = [...metadataProblems.problems, ...overlayProblems.problems];
  if (problems.length > 0) throw new SpecError(problems);

  const { classes, classOfCode } = buildErrorClasses(partial, overlay.document);
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
  };
}
