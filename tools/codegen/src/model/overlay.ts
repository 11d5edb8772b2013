import type { OverlayDocument, OverlayRule, ParameterOverlay } from '../spec/overlaySchema.js';
import type { ProblemCollector } from './problems.js';
import type { CrossFieldRule, Parameter } from './types.js';

/** One operation's overlay with its fragments applied, and where each entry was written (for problem paths). */
export interface ResolvedOverlay {
  readonly summary?: string;
  readonly description?: string;
  readonly parameters: Readonly<Record<string, ParameterOverlay>>;
  /** Where each parameter entry was written (the operation's own entry wins over a fragment's). */
  readonly parameterOrigins: Readonly<Record<string, readonly PropertyKey[]>>;
  /** Where each parameter's `format` was written. */
  readonly formatOrigins: Readonly<Record<string, readonly PropertyKey[]>>;
  readonly response: Readonly<Record<string, string>>;
  readonly rules: readonly {
    readonly rule: OverlayRule;
    readonly path: readonly PropertyKey[];
    readonly fragment?: string;
  }[];
}

/** Applies the fragments an operation `use`s, then its own entry (which wins). */
export function resolveOverlay(overlay: OverlayDocument, name: string, problems: ProblemCollector): ResolvedOverlay {
  const entry = overlay.operations[name];
  if (entry === undefined) return { parameters: {}, parameterOrigins: {}, formatOrigins: {}, response: {}, rules: [] };
  const parameters: Record<string, ParameterOverlay> = {};
  const parameterOrigins: Record<string, PropertyKey[]> = {};
  const formatOrigins: Record<string, PropertyKey[]> = {};
  const rules: { rule: OverlayRule; path: PropertyKey[]; fragment?: string }[] = [];
  (entry.use ?? []).forEach((fragmentName, i) => {
    const fragment = overlay.fragments?.[fragmentName];
    if (fragment === undefined) {
      problems.add(
        ['operations', name, 'use', i],
        `the name of a fragment in "fragments" (${Object.keys(overlay.fragments ?? {}).join(', ') || 'none defined'})`,
        fragmentName,
      );
      return;
    }
    for (const [wire, p] of Object.entries(fragment.parameters ?? {})) {
      parameters[wire] = { ...parameters[wire], ...p };
      parameterOrigins[wire] = ['fragments', fragmentName, 'parameters', wire];
      if (p.format !== undefined) formatOrigins[wire] = [...parameterOrigins[wire], 'format'];
    }
    (fragment.rules ?? []).forEach((rule, j) => {
      rules.push({ rule, path: ['fragments', fragmentName, 'rules', j], fragment: fragmentName });
    });
  });
  for (const [wire, p] of Object.entries(entry.parameters ?? {})) {
    parameters[wire] = { ...parameters[wire], ...p };
    parameterOrigins[wire] = ['operations', name, 'parameters', wire];
    if (p.format !== undefined) formatOrigins[wire] = [...parameterOrigins[wire], 'format'];
  }
  (entry.rules ?? []).forEach((rule, j) => {
    rules.push({ rule, path: ['operations', name, 'rules', j] });
  });
  const response = Object.fromEntries(Object.entries(entry.response ?? {}).map(([k, v]) => [k, v.description]));
  return {
    ...(entry.summary !== undefined ? { summary: entry.summary } : {}),
    ...(entry.description !== undefined ? { description: entry.description } : {}),
    parameters,
    parameterOrigins,
    formatOrigins,
    response,
    rules,
  };
}

/** Resolves the overlay's cross-field rules against the operation's parameters. */
export function buildRules(
  operationName: string,
  resolved: ResolvedOverlay,
  parameters: readonly Parameter[],
  overlayProblems: ProblemCollector,
): CrossFieldRule[] {
  const byWire = new Map(parameters.map((p) => [p.wireName, p]));
  const rules: CrossFieldRule[] = [];
  for (const { rule, path, fragment } of resolved.rules) {
    const when = byWire.get(rule.when.parameter);
    if (when === undefined) {
      overlayProblems.add([...path, 'when', 'parameter'], `a parameter of ${operationName}`, rule.when.parameter);
      continue;
    }
    if (when.shape.kind === 'string' && when.shape.enum) {
      rule.when.in.forEach((value, i) => {
        if (when.shape.kind === 'string' && !when.shape.enum?.includes(value)) {
          overlayProblems.add(
            [...path, 'when', 'in', i],
            `one of ${when.wireName}'s values (${when.shape.enum?.join(', ')})`,
            value,
          );
        }
      });
    }
    const members: string[] = [];
    rule.then.parameters.forEach((wire, i) => {
      const target = byWire.get(wire);
      if (target === undefined || target.shape.kind !== 'string') {
        overlayProblems.add([...path, 'then', 'parameters', i], `a string parameter of ${operationName}`, wire);
      } else {
        members.push(target.name);
      }
    });
    const t = rule.then;
    const constraint: CrossFieldRule['then']['constraint'] =
      t.equals !== undefined
        ? { kind: 'equals', value: t.equals }
        : t.oneOf !== undefined
          ? { kind: 'oneOf', values: t.oneOf }
          : { kind: 'portRange', minimum: t.portRange?.minimum ?? 0, maximum: t.portRange?.maximum ?? 0 };
    rules.push({
      name: rule.name,
      ...(fragment !== undefined ? { fragment } : {}),
      description: rule.description,
      when: { member: when.name, in: rule.when.in },
      then: { members, constraint },
    });
  }
  return rules;
}
