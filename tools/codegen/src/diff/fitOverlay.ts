/**
 * Lenient overlay application for `spec:diff`: the repository's overlay is written for the current metadata, so
 * an older (or newer) metadata file may lack an operation, parameter, enum value or response member it names.
 * `fitOverlay` drops exactly those references (and reports each) so that both sides of a diff get the overlay's
 * English docs, formats, rules and common errors wherever they still apply. `npm run generate` never uses it: there
 * a mismatch is a `SpecError`.
 */
import type { MetadataApi, MetadataDocument, MetadataSchema } from '../spec/metadataSchema.js';
import type { OverlayDocument, OverlayRule, ParameterOverlay } from '../spec/overlaySchema.js';
import { jsonPath } from '../spec/specError.js';

/** One overlay reference that does not apply to the metadata, and was left out. */
export interface DroppedReference {
  /** JSON path in the overlay, e.g. `#/operations/RevokeSecurityGroupEgress/parameters/SourcePortRange`. */
  readonly path: string;
  readonly reason: string;
}

/** The overlay reduced to what applies to one metadata document, and what was left out. */
export interface FittedOverlay {
  readonly overlay: OverlayDocument;
  readonly dropped: readonly DroppedReference[];
}

type OperationOverlay = OverlayDocument['operations'][string];

const isString = (schema: MetadataSchema | undefined): boolean =>
  schema !== undefined && (schema.type === 'string' || schema.type === undefined);
const enumOf = (schema: MetadataSchema | undefined): readonly string[] | undefined =>
  isString(schema) && schema?.enum !== undefined && schema.enum.length > 0 ? schema.enum : undefined;

/** Dotted wire paths of a response schema (arrays add no segment), as the overlay's `response` keys use them. */
function responsePaths(schema: MetadataSchema, prefix = '', into = new Set<string>()): Set<string> {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const dotted = prefix === '' ? name : `${prefix}.${name}`;
    into.add(dotted);
    let inner: MetadataSchema | undefined = property;
    while (inner?.type === 'array') inner = inner.items;
    if (inner?.type === 'object') responsePaths(inner, dotted, into);
  }
  return into;
}

/** A rule reduced to the parameters and values the operation has; `undefined` when nothing of it applies. */
function fitRule(
  rule: OverlayRule,
  name: string,
  api: MetadataApi,
  path: readonly PropertyKey[],
  dropped: DroppedReference[],
): OverlayRule | undefined {
  const schemaOf = (wire: string): MetadataSchema | undefined => api.parameters.find((p) => p.name === wire)?.schema;
  const when = schemaOf(rule.when.parameter);
  if (when === undefined) {
    dropped.push({
      path: jsonPath([...path, 'when', 'parameter']),
      reason: `${name} has no parameter ${rule.when.parameter}: rule ${rule.name} left out`,
    });
    return undefined;
  }
  const values = enumOf(when);
  const kept = rule.when.in.filter((value, i) => {
    const ok = values === undefined || values.includes(value);
    if (!ok)
      dropped.push({
        path: jsonPath([...path, 'when', 'in', i]),
        reason: `${name}.${rule.when.parameter} has no value ${value}`,
      });
    return ok;
  });
  const targets = rule.then.parameters.filter((wire, i) => {
    const ok = isString(schemaOf(wire));
    if (!ok)
      dropped.push({
        path: jsonPath([...path, 'then', 'parameters', i]),
        reason: `${name} has no string parameter ${wire}`,
      });
    return ok;
  });
  if (kept.length === 0 || targets.length === 0) {
    dropped.push({ path: jsonPath(path), reason: `rule ${rule.name} applies to nothing in ${name}: left out` });
    return undefined;
  }
  return { ...rule, when: { ...rule.when, in: kept }, then: { ...rule.then, parameters: targets } };
}

/** A value of the overlay and where it was written. */
type Located<T> = readonly [value: T, path: readonly PropertyKey[]];

/** Parameter overlays merged in order (fragments, then the operation), without those the operation lacks. */
function fitParameters(
  name: string,
  api: MetadataApi,
  sources: readonly Located<Record<string, ParameterOverlay> | undefined>[],
  dropped: DroppedReference[],
): Record<string, ParameterOverlay> {
  const parameters: Record<string, ParameterOverlay> = {};
  for (const [source, at] of sources) {
    for (const [wire, p] of Object.entries(source ?? {})) {
      const schema = api.parameters.find((q) => q.name === wire)?.schema;
      if (schema === undefined) {
        dropped.push({ path: jsonPath([...at, wire]), reason: `${name} has no parameter ${wire}` });
        continue;
      }
      const { format, ...rest } = p;
      const formatFits = format === undefined || (isString(schema) && enumOf(schema) === undefined);
      if (!formatFits)
        dropped.push({
          path: jsonPath([...at, wire, 'format']),
          reason: `${name}.${wire} is not a string without an enum`,
        });
      parameters[wire] = { ...parameters[wire], ...rest, ...(formatFits && format !== undefined ? { format } : {}) };
    }
  }
  return parameters;
}

/** Response descriptions whose dotted path the operation's response has. */
function fitResponse(
  name: string,
  api: MetadataApi,
  response: Readonly<Record<string, { description: string }>>,
  dropped: DroppedReference[],
): Record<string, { description: string }> {
  const known = responsePaths(api.responses['200']?.schema ?? {});
  return Object.fromEntries(
    Object.entries(response).filter(([key]) => {
      if (!known.has(key))
        dropped.push({
          path: jsonPath(['operations', name, 'response', key]),
          reason: `${name}'s response has no member ${key}`,
        });
      return known.has(key);
    }),
  );
}

/** One operation's overlay with its fragments applied, then fitted; `undefined` when it already fits. */
function fitOperation(
  overlay: OverlayDocument,
  name: string,
  entry: OperationOverlay,
  api: MetadataApi,
  dropped: DroppedReference[],
): OperationOverlay | undefined {
  const fragments: [string, NonNullable<OverlayDocument['fragments']>[string]][] = [];
  for (const f of entry.use ?? []) {
    const fragment = overlay.fragments?.[f];
    // An unknown fragment is a mistake in the overlay itself, whatever the metadata: leave it for the model to report.
    if (fragment === undefined) return undefined;
    fragments.push([f, fragment]);
  }
  const before = dropped.length;
  const parameters = fitParameters(
    name,
    api,
    [
      ...fragments.map(
        ([f, fragment]): Located<Record<string, ParameterOverlay> | undefined> => [
          fragment.parameters,
          ['fragments', f, 'parameters'],
        ],
      ),
      [entry.parameters, ['operations', name, 'parameters']],
    ],
    dropped,
  );
  const ruleSources: Located<OverlayRule>[] = [
    ...fragments.flatMap(([f, fragment]) =>
      (fragment.rules ?? []).map((rule, j): Located<OverlayRule> => [rule, ['fragments', f, 'rules', j]]),
    ),
    ...(entry.rules ?? []).map((rule, j): Located<OverlayRule> => [rule, ['operations', name, 'rules', j]]),
  ];
  const rules = ruleSources
    .map(([rule, at]) => fitRule(rule, name, api, at, dropped))
    .filter((r): r is OverlayRule => r !== undefined);
  const response = fitResponse(name, api, entry.response ?? {}, dropped);
  if (dropped.length === before) return undefined;
  // Something did not fit: the operation gets its own copy of what applies, without fragments.
  return {
    ...(entry.summary !== undefined ? { summary: entry.summary } : {}),
    ...(entry.description !== undefined ? { description: entry.description } : {}),
    parameters,
    response,
    rules,
  };
}

/**
 * Fits `overlay` to `metadata`: operations the metadata lacks are left out; an operation whose overlay names a
 * missing parameter, enum value or response member gets its own copy of the overlay (fragments applied) without
 * those references. Everything else, and an overlay that fits, is returned unchanged.
 */
export function fitOverlay(metadata: MetadataDocument, overlay: OverlayDocument): FittedOverlay {
  const dropped: DroppedReference[] = [];
  const operations: Record<string, OperationOverlay> = {};
  for (const [name, entry] of Object.entries(overlay.operations)) {
    const api = metadata.apis[name];
    if (api === undefined) {
      dropped.push({ path: jsonPath(['operations', name]), reason: `the metadata has no operation ${name}` });
      continue;
    }
    operations[name] = fitOperation(overlay, name, entry, api, dropped) ?? entry;
  }
  return { overlay: { ...overlay, operations }, dropped };
}
