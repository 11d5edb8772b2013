import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildModel } from './model/build.js';
import type { ServiceModel } from './model/types.js';
import { type LoadedFile, loadMetadata, loadOverlay } from './spec/load.js';
import type { OverlayDocument } from './spec/overlaySchema.js';
import { displayPath, ENS_METADATA, locateMetadata, STS_METADATA, type MetadataSource } from './spec/locate.js';
import {
  CLIENT_CONSTRAINTS_PATH,
  CLIENT_OPERATIONS_DIR,
  CLIENT_RULES_PATH,
  emitClientConstraintsIndex,
  emitClientOperation,
  emitClientOperationsIndex,
  emitClientRuleSets,
} from './emit/clientOperation.js';
import { CLIENT_CLASS_PATH, emitClientClass } from './emit/clientClass.js';
import { CLIENT_FUNCTIONS_DIR, emitClientFunction, emitClientFunctionsIndex } from './emit/clientFunctions.js';
import { CLIENT_ENDPOINTS_PATH, emitClientEndpoints } from './emit/endpoints.js';
import { header, TypeScriptPrinter, type GeneratedFile } from './emit/common.js';
import { GeneratedFormatter } from './emit/format.js';
import { compareCodeUnits } from './util/order.js';
import { EMULATOR_EXAMPLES_PATH, emitEmulatorExamples } from './emit/emulator.js';
import {
  ERRORS_DIR,
  codesByClassName,
  emitErrorClass,
  emitErrorRegistry,
  emitErrorsIndex,
  emitOperationErrors,
} from './emit/errors.js';
import { buildOpenApiDocument, emitOpenApi, emitWireTypes, OPENAPI_PATH, WIRE_TYPES_PATH } from './emit/openapi.js';
import { emitWireCheck, WIRE_CHECK_PATH } from './emit/wireCheck.js';
import {
  PROXY_CLASS_PATH,
  PROXY_FUNCTIONS_DIR,
  PROXY_OPERATIONS_DIR,
  emitProxyClientClass,
  emitProxyFunction,
  emitProxyFunctionsIndex,
  emitProxyOperation,
  emitProxyOperationsIndex,
} from './emit/proxyOperation.js';
import { emitProxyGroup, operationGroups, PROXY_GROUPS_DIR } from './emit/proxyGroups.js';
import { API_SURFACE_PATH, emitApiSurface } from './diff/surface.js';
import {
  CLIENT_PAGINATORS_DIR,
  PROXY_PAGINATORS_DIR,
  emitClientPaginator,
  emitClientPaginatorsIndex,
  emitProxyPaginator,
  emitProxyPaginatorsIndex,
  pagedOperations,
} from './emit/paginators.js';
import {
  CLIENT_REFERENCE_PATH,
  ERRORS_REFERENCE_PATH,
  PROXY_REFERENCE_PATH,
  emitClientReference,
  emitErrorsReference,
  emitProxyReference,
} from './emit/reference.js';

/** The spec of one service version: Alibaba's metadata (found on the machine, never committed) and our overlay. */
export interface SpecLocation {
  readonly metadata: MetadataSource;
  /** The overlay, relative to the repository root. */
  readonly overlay: string;
}

/** The ENS 2017-11-10 spec this repository generates from. */
export const ENS_SPEC: SpecLocation = {
  metadata: ENS_METADATA,
  overlay: 'specs/ens/2017-11-10/overlay.json',
};

/**
 * STS 2015-04-01: the three operations the credentials providers call (the overlay's `select`), emitted as internal
 * operation definitions of `@ensdk/client` ({@link STS_OPERATIONS_DIR}), not exported from any entry.
 */
export const STS_SPEC: SpecLocation = {
  metadata: STS_METADATA,
  overlay: 'specs/sts/2015-04-01/overlay.json',
};

/** Where the client's internal STS operation definitions go. */
export const STS_OPERATIONS_DIR = 'packages/client/src/generated/sts';

/** Where the inputs of a generation come from, when not from their usual places. */
export interface LoadOptions {
  /** Alibaba's metadata file to read instead of the one {@link locateMetadata} finds. */
  readonly metadataPath?: string;
  /** The overlay to apply instead of the spec's (a path, absolute or from the root), or `'none'` for no overlay. */
  readonly overlay?: string;
  /** Repairs of the metadata are errors (`--strict`). */
  readonly strict?: boolean;
  /** Environment the metadata is located with (`$ENSDK_METADATA_DIR`); the process's by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Folders (and single files) the generator owns: every `*.gen.*` file in them is generated, and a file there that
 * the generator no longer produces is deleted.
 */
export const GENERATED_ROOTS = [
  ERRORS_DIR,
  CLIENT_OPERATIONS_DIR,
  PROXY_OPERATIONS_DIR,
  PROXY_FUNCTIONS_DIR,
  PROXY_CLASS_PATH,
  PROXY_GROUPS_DIR,
  CLIENT_RULES_PATH,
  CLIENT_CONSTRAINTS_PATH,
  CLIENT_FUNCTIONS_DIR,
  CLIENT_PAGINATORS_DIR,
  PROXY_PAGINATORS_DIR,
  CLIENT_REFERENCE_PATH,
  PROXY_REFERENCE_PATH,
  ERRORS_REFERENCE_PATH,
  STS_OPERATIONS_DIR,
  CLIENT_CLASS_PATH,
  CLIENT_ENDPOINTS_PATH,
  EMULATOR_EXAMPLES_PATH,
  WIRE_TYPES_PATH,
  WIRE_CHECK_PATH,
  OPENAPI_PATH,
  API_SURFACE_PATH,
] as const;

/**
 * Loads and validates the spec, and builds the model. Throws `SpecError` with JSON paths (problems name the metadata
 * file where it was found), or `MetadataNotFoundError` saying where it looked. Generated headers name the metadata by
 * its file name alone, so that the output does not depend on where a machine keeps it.
 */
export function loadModel(root: string, spec: SpecLocation = ENS_SPEC, options: LoadOptions = {}): ServiceModel {
  const metadataPath = options.metadataPath ?? locateMetadata(root, spec.metadata, options.env);
  const metadata = loadMetadata(metadataPath, displayPath(root, metadataPath));
  const overlayChoice = options.overlay ?? spec.overlay;
  const overlay = overlayChoice === 'none' ? NO_OVERLAY : loadOverlay(resolve(root, overlayChoice), overlayChoice);
  const model = buildModel(metadata, overlay, { strict: options.strict === true });
  const metadataName = options.metadataPath === undefined ? spec.metadata.fileName : basename(metadataPath);
  return { ...model, specFiles: [metadataName, overlayChoice === 'none' ? NO_OVERLAY.file : overlayChoice] };
}

/** The empty overlay of `--overlay none`: the metadata alone (Chinese docs, no formats, rules or gateway codes). */
export const NO_OVERLAY: LoadedFile<OverlayDocument> = {
  file: 'no overlay',
  document: { commonErrors: {}, operations: {} },
  sha256: createHash('sha256').update('no overlay').digest('hex'),
};

/** Generates every file from the model, in memory, formatted in the house style (`biome.json`), sorted by path. */
export async function generateFiles(model: ServiceModel): Promise<GeneratedFile[]> {
  const printer = new TypeScriptPrinter();
  const document = buildOpenApiDocument(model);
  const grouping = operationGroups(model, printer);
  const files: GeneratedFile[] = [
    emitOpenApi(document),
    await emitWireTypes(document, header(model)),
    emitApiSurface(model),
  ];
  for (const op of model.operations) {
    files.push(
      emitClientOperation(model, op, printer),
      emitClientFunction(model, op, printer),
      emitProxyOperation(model, op, printer),
      emitProxyFunction(model, op, printer),
      emitOperationErrors(model, op, printer),
    );
  }
  for (const op of pagedOperations(model)) {
    files.push(emitClientPaginator(model, op, printer), emitProxyPaginator(model, op, printer));
  }
  const codeOfClass = codesByClassName(model);
  for (const c of model.errorClasses) files.push(emitErrorClass(model, c, printer, codeOfClass));
  files.push(
    emitClientOperationsIndex(model, printer),
    emitWireCheck(model, printer),
    emitClientRuleSets(model, printer),
    emitClientConstraintsIndex(model, printer),
    emitClientFunctionsIndex(model, printer),
    emitClientPaginatorsIndex(model, printer),
    emitProxyPaginatorsIndex(model, printer),
    emitClientClass(model, printer),
    emitClientEndpoints(model, printer),
    emitEmulatorExamples(model, printer),
    emitProxyOperationsIndex(model, printer),
    emitProxyFunctionsIndex(model, printer),
    emitProxyClientClass(model, grouping, printer),
    ...grouping.groups.map((group, i) => emitProxyGroup(model, i, group, printer)),
    emitErrorRegistry(model, printer),
    emitErrorsIndex(model, printer),
  );
  // The reference pages are Markdown, which Biome does not format: they are written as emitted.
  const pages = [emitClientReference(model), emitProxyReference(model), emitErrorsReference(model)];
  return [...formatted(files), ...pages].sort((a, b) => compareCodeUnits(a.path, b.path));
}

/** `files` formatted in the house style, sorted by path. */
function formatted(files: readonly GeneratedFile[]): GeneratedFile[] {
  const formatter = new GeneratedFormatter();
  try {
    return files.map((file) => formatter.format(file)).sort((a, b) => compareCodeUnits(a.path, b.path));
  } finally {
    formatter.close();
  }
}

/**
 * Whether a second product's spec is part of this repository: its overlay is committed. (A temporary root holding
 * only ENS's spec, as the CLI tests build, generates ENS alone.)
 */
export function hasSpec(root: string, spec: SpecLocation): boolean {
  return existsSync(join(root, spec.overlay));
}

/**
 * Generates the client's internal STS operation definitions from the STS model: one file per operation in
 * {@link STS_OPERATIONS_DIR}, with the same emitter as ENS's operations (no OpenAPI document, API snapshot, error
 * classes or reference: STS has no public surface), each definition saying whether the call is signed. Formatted,
 * sorted by path.
 */
export function generateStsFiles(model: ServiceModel): GeneratedFile[] {
  const printer = new TypeScriptPrinter();
  return formatted(model.operations.map((op) => emitClientOperation(model, op, printer, { dir: STS_OPERATIONS_DIR })));
}
