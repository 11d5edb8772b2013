import type { LoadedFile } from '../spec/load.js';
import type { MetadataApi, MetadataDocument, MetadataSchema } from '../spec/metadataSchema.js';
import type { OverlayDocument, OverlayRule, ParameterOverlay } from '../spec/overlaySchema.js';
import { SpecError, describeFound, jsonPath, type SpecProblem } from '../spec/specError.js';
import { errorClassName, lowerFirst, patternStem, toCamelCase } from './names.js';
import type {
  CrossFieldRule,
  Doc,
  ErrorClassModel,
  Member,
  ObjectShape,
  Operation,
  OperationErrorCode,
  Parameter,
  ServiceModel,
  Shape,
} from './types.js';

/** Class names the hand-written runtime of `@ensdk/errors` already uses; generated classes never take them. */
const RESERVED_CLASS_NAMES = new Set([
  'EnsError',
  'EnsServiceError',
  'EnsPatternServiceError',
  'EnsValidationError',
  'EnsNetworkError',
  'EnsTimeoutError',
  'EnsAbortError',
  'EnsResponseParseError',
]);

const INT32 = { min: -2147483648, max: 2147483647 };

/** Collects problems while the model is built, so that one run reports all of them. */
class ProblemCollector {
  readonly problems: SpecProblem[] = [];
  constructor(readonly file: string) {}
  add(path: readonly PropertyKey[], expected: string, found: unknown): void {
    const problem = { file: this.file, path: jsonPath(path), expected, found: describeFound(found) };
    // A fragment used by several operations would report the same problem once per operation.
    if (
      !this.problems.some(
        (p) => p.path === problem.path && p.expected === problem.expected && p.found === problem.found,
      )
    ) {
      this.problems.push(problem);
    }
  }
}

function toNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

function docOf(schema: MetadataSchema, english: string | undefined): Doc {
  const text = (english ?? schema.description ?? schema.title ?? '').replace(/\r\n?/g, '\n').trim();
  return {
    text,
    ...(schema.example !== undefined && schema.example !== '' ? { example: schema.example } : {}),
    ...(schema.default !== undefined && schema.default !== '' ? { defaultValue: schema.default } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
  };
}

/** What a schema walk carries down: overlay of the parameter, whether `required` counts, English docs by dotted path. */
interface WalkContext {
  readonly problems: ProblemCollector;
  readonly enforceRequired: boolean;
  readonly english: Readonly<Record<string, string>>;
  /** Dotted wire path of the current member inside the response, e.g. `SecurityGroups.SecurityGroup`. */
  readonly dotted: string;
  readonly overlay?: ParameterOverlay | undefined;
}

function shapeOf(schema: MetadataSchema, path: readonly PropertyKey[], ctx: WalkContext): Shape {
  const { problems } = ctx;
  switch (schema.type) {
    case 'string':
    case undefined: {
      if (schema.type === undefined) problems.add([...path, 'type'], 'a schema type', undefined);
      if (schema.pattern !== undefined) {
        try {
          new RegExp(schema.pattern, 'u');
        } catch {
          problems.add([...path, 'pattern'], 'a valid regular expression', schema.pattern);
        }
      }
      return {
        kind: 'string',
        // The metadata sometimes lists `"enum": []`; an empty list means no enum.
        ...(schema.enum !== undefined && schema.enum.length > 0 ? { enum: [...schema.enum] } : {}),
        ...(ctx.overlay?.caseSensitive !== undefined ? { caseSensitive: ctx.overlay.caseSensitive } : {}),
        ...(ctx.overlay?.format ? { format: ctx.overlay.format } : {}),
        ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}),
        ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
        ...(schema.pattern !== undefined ? { pattern: schema.pattern } : {}),
      };
    }
    case 'integer': {
      const bits = schema.format === 'int64' ? 64 : 32;
      const values = schema.enum !== undefined && schema.enum.length > 0 ? schema.enum.map(Number) : undefined;
      values?.forEach((v, i) => {
        if (!Number.isSafeInteger(v)) problems.add([...path, 'enum', i], 'an integer', schema.enum?.[i]);
      });
      const minimum = toNumber(schema.minimum);
      const maximum = toNumber(schema.maximum);
      if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
        problems.add([...path, 'minimum'], `a minimum not above the maximum ${maximum}`, schema.minimum);
      }
      return {
        kind: 'integer',
        bits,
        ...(values ? { enum: values } : {}),
        ...(minimum !== undefined ? { minimum } : bits === 32 ? { minimum: INT32.min } : {}),
        ...(maximum !== undefined ? { maximum } : bits === 32 ? { maximum: INT32.max } : {}),
      };
    }
    case 'number':
      return {
        kind: 'number',
        ...(schema.minimum !== undefined ? { minimum: Number(schema.minimum) } : {}),
        ...(schema.maximum !== undefined ? { maximum: Number(schema.maximum) } : {}),
      };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      if (schema.items === undefined) {
        problems.add([...path, 'items'], 'an items schema for an array', undefined);
        return { kind: 'array', items: { kind: 'string' } };
      }
      return {
        kind: 'array',
        items: shapeOf(schema.items, [...path, 'items'], { ...ctx, overlay: undefined }),
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
      };
    case 'object':
      return objectShape(schema, path, ctx);
  }
}

function objectShape(schema: MetadataSchema, path: readonly PropertyKey[], ctx: WalkContext): ObjectShape {
  const members: Member[] = [];
  const seen = new Map<string, string>();
  for (const [wireName, property] of Object.entries(schema.properties ?? {}).sort(([a], [b]) => compare(a, b))) {
    const name = toCamelCase(wireName);
    const propertyPath = [...path, 'properties', wireName];
    const clash = seen.get(name);
    if (clash !== undefined)
      ctx.problems.add(propertyPath, `a name distinct from "${clash}" once camel-cased (${name})`, wireName);
    seen.set(name, wireName);
    const dotted = ctx.dotted === '' ? wireName : `${ctx.dotted}.${wireName}`;
    members.push({
      name,
      wireName,
      required: ctx.enforceRequired && property.required === true,
      doc: docOf(property, ctx.english[dotted]),
      shape: shapeOf(property, propertyPath, { ...ctx, dotted, overlay: undefined }),
    });
  }
  return { kind: 'object', members };
}

/** Byte-order comparison (the order Alibaba's signature uses), independent of locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface ResolvedOverlay {
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

function resolveOverlay(overlay: OverlayDocument, name: string, problems: ProblemCollector): ResolvedOverlay {
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

function buildRules(
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

function buildOperation(
  name: string,
  api: MetadataApi,
  overlay: OverlayDocument,
  metadataProblems: ProblemCollector,
  overlayProblems: ProblemCollector,
): Omit<Operation, 'errorClassNames'> {
  const resolved = resolveOverlay(overlay, name, overlayProblems);
  const path = ['apis', name];
  const parameters: Parameter[] = [];
  const seen = new Map<string, string>();
  api.parameters.forEach((p, i) => {
    const paramPath = [...path, 'parameters', i];
    const camel = toCamelCase(p.name);
    const clash = seen.get(camel);
    if (clash !== undefined)
      metadataProblems.add(
        [...paramPath, 'name'],
        `a name distinct from "${clash}" once camel-cased (${camel})`,
        p.name,
      );
    seen.set(camel, p.name);
    const po = resolved.parameters[p.name];
    const shape = shapeOf(p.schema, [...paramPath, 'schema'], {
      problems: metadataProblems,
      enforceRequired: true,
      english: {},
      dotted: '',
      overlay: po,
    });
    if (po?.format !== undefined && (shape.kind !== 'string' || shape.enum !== undefined)) {
      overlayProblems.add(
        resolved.formatOrigins[p.name] ?? [],
        'a format only on a string parameter without an enum',
        po.format,
      );
    }
    const style = p.style ?? (shape.kind === 'array' || shape.kind === 'object' ? 'repeatList' : 'simple');
    if (style === 'json' && shape.kind !== 'object' && shape.kind !== 'array') {
      metadataProblems.add([...paramPath, 'style'], 'style "json" only on object or array parameters', p.style);
    }
    parameters.push({
      name: camel,
      wireName: p.name,
      required: p.schema.required === true,
      doc: docOf(p.schema, po?.description),
      shape,
      location: p.in === 'formData' ? 'formData' : 'query',
      style,
    });
  });
  for (const [wire, origin] of Object.entries(resolved.parameterOrigins)) {
    if (!api.parameters.some((p) => p.name === wire)) {
      overlayProblems.add(origin, `a parameter of ${name} (${api.parameters.map((p) => p.name).join(', ')})`, wire);
    }
  }
  const responseSchema = api.responses['200'].schema;
  const output = objectShape(responseSchema, [...path, 'responses', '200', 'schema'], {
    problems: metadataProblems,
    enforceRequired: false,
    english: resolved.response,
    dotted: '',
  });

  const responsePaths = new Set<string>();
  const collect = (members: readonly Member[], prefix: string): void => {
    for (const m of members) {
      const dotted = prefix === '' ? m.wireName : `${prefix}.${m.wireName}`;
      responsePaths.add(dotted);
      let shape: Shape = m.shape;
      while (shape.kind === 'array') shape = shape.items;
      if (shape.kind === 'object') collect(shape.members, dotted);
    }
  };
  collect(output.members, '');
  for (const key of Object.keys(resolved.response)) {
    if (!responsePaths.has(key)) {
      overlayProblems.add(
        ['operations', name, 'response', key],
        `a dotted path of ${name}'s response (${[...responsePaths].slice(0, 8).join(', ')})`,
        key,
      );
    }
  }

  const errorCodes: OperationErrorCode[] = [];
  for (const [status, list] of Object.entries(api.errorCodes ?? {}).sort(([a], [b]) => compare(a, b))) {
    for (const entry of list) {
      const code = entry.errorCode.trim();
      if (!errorCodes.some((e) => e.code === code && e.httpStatus === Number(status))) {
        errorCodes.push({ code, httpStatus: Number(status), message: (entry.errorMessage ?? '').trim() });
      }
    }
  }
  const summary = resolved.summary ?? api.summary ?? api.title ?? name;
  const description = resolved.description ?? (api.description?.trim() || undefined);
  return {
    name,
    methodName: lowerFirst(name),
    doc: {
      text: description !== undefined ? `${summary.trim()}\n\n${description}` : summary.trim(),
      ...(api.deprecated ? { deprecated: true } : {}),
    },
    methods: (['POST', 'GET'] as const).filter((m) => api.methods.includes(m.toLowerCase() as 'get' | 'post')),
    parameters,
    rules: buildRules(name, resolved, parameters, overlayProblems),
    output,
    errorCodes,
  };
}

function mostCommon<T extends string | number>(values: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort(([a, ca], [b, cb]) => cb - ca || compare(String(a), String(b)))[0]![0];
}

/**
 * Builds the error classes: one per distinct code across all operations plus the common gateway codes.
 * A bare code joins the pattern class of the same stem (`InvalidParameter` joins `InvalidParameter.%s`).
 * Name collisions (`Stock.NotEnough` and `StockNotEnough`) are resolved deterministically: the code that is
 * already a plain PascalCase word keeps the name; the others keep their separators as `_`
 * (`Stock_NotEnoughError`); a clash left after that gets a numeric suffix in code order.
 */
function buildErrorClasses(
  operations: readonly Omit<Operation, 'errorClassNames'>[],
  overlay: OverlayDocument,
): {
  classes: ErrorClassModel[];
  classOfCode: Map<string, string>;
} {
  interface Entry {
    code: string;
    statuses: number[];
    messages: string[];
    operations: Set<string>;
  }
  const entries = new Map<string, Entry>();
  const entry = (code: string): Entry => {
    let e = entries.get(code);
    if (!e) {
      e = { code, statuses: [], messages: [], operations: new Set() };
      entries.set(code, e);
    }
    return e;
  };
  for (const op of operations) {
    for (const c of op.errorCodes) {
      const e = entry(c.code);
      e.statuses.push(c.httpStatus);
      if (c.message !== '') e.messages.push(c.message);
      e.operations.add(op.name);
    }
  }
  for (const code of Object.keys(overlay.commonErrors)) entry(code);

  const patterns = [...entries.keys()].filter((c) => c.includes('%s'));
  const stemOwner = new Map(patterns.map((p) => [patternStem(p), p]));
  // Fold bare codes into the pattern of the same stem.
  for (const [code, e] of [...entries]) {
    const owner = stemOwner.get(code);
    if (owner !== undefined && owner !== code) {
      const target = entries.get(owner)!;
      target.statuses.push(...e.statuses);
      target.messages.push(...e.messages);
      for (const o of e.operations) target.operations.add(o);
      entries.delete(code);
    }
  }

  const codes = [...entries.keys()].sort(compare);
  const byName = new Map<string, string[]>();
  for (const code of codes) {
    const name = errorClassName(code);
    byName.set(name, [...(byName.get(name) ?? []), code]);
  }
  const taken = new Set(RESERVED_CLASS_NAMES);
  const classOfCode = new Map<string, string>();
  const assign = (code: string, name: string): void => {
    let candidate = name;
    for (let n = 2; taken.has(candidate); n++) candidate = `${name.replace(/Error$/, '')}${n}Error`;
    taken.add(candidate);
    classOfCode.set(code, candidate);
  };
  for (const [name, group] of [...byName].sort(([a], [b]) => compare(a, b))) {
    const plain = group.find((c) => `${c}Error` === name || c === name);
    const winner = !RESERVED_CLASS_NAMES.has(name) ? (plain ?? (group.length === 1 ? group[0] : undefined)) : undefined;
    if (winner !== undefined) assign(winner, name);
    for (const code of group) if (code !== winner) assign(code, errorClassName(code, true));
  }

  const classes: ErrorClassModel[] = codes.map((code) => {
    const e = entries.get(code)!;
    const common = overlay.commonErrors[code];
    const httpStatus = common?.httpStatus ?? mostCommon(e.statuses);
    const fault = common?.fault ?? (httpStatus >= 500 ? 'server' : 'client');
    return {
      className: classOfCode.get(code)!,
      code,
      isPattern: code.includes('%s'),
      httpStatus,
      fault,
      retryable: common?.retryable ?? (httpStatus >= 500 || httpStatus === 429 || code.startsWith('Throttling')),
      description: common?.description ?? (e.messages.length > 0 ? mostCommon(e.messages) : code),
      common: common !== undefined,
      operations: [...e.operations].sort(compare),
    };
  });
  // Bare codes that were folded into a pattern resolve to the pattern's class.
  for (const [stem, owner] of stemOwner) classOfCode.set(stem, classOfCode.get(owner)!);
  return { classes: classes.sort((a, b) => compare(a.className, b.className)), classOfCode };
}

/** Builds the normalised model from validated metadata and overlay. Throws {@link SpecError} listing every problem. */
export function buildModel(metadata: LoadedFile<MetadataDocument>, overlay: LoadedFile<OverlayDocument>): ServiceModel {
  const metadataProblems = new ProblemCollector(metadata.file);
  const overlayProblems = new ProblemCollector(overlay.file);
  const doc = metadata.document;
  for (const name of Object.keys(overlay.document.operations)) {
    if (doc.apis[name] === undefined)
      overlayProblems.add(['operations', name], 'the name of an operation in the metadata', name);
  }
  const names = Object.keys(doc.apis).sort(compare);
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
      compare,
    ),
  }));
  return {
    product: doc.info.product,
    apiVersion: doc.info.version,
    specFingerprint: `sha256:${metadata.sha256.slice(0, 12)}+${overlay.sha256.slice(0, 12)}`,
    specFiles: [metadata.file, overlay.file],
    endpoints: [...doc.endpoints]
      .map((e) => ({ regionId: e.regionId, endpoint: e.endpoint }))
      .sort((a, b) => compare(a.regionId, b.regionId)),
    operations,
    errorClasses: classes,
  };
}
