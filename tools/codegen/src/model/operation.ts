import type { MetadataApi } from '../spec/metadataSchema.js';
import type { OverlayDocument } from '../spec/overlaySchema.js';
import { compareCodeUnits } from '../util/order.js';
import { lowerFirst, toCamelCase } from './names.js';
import { detectPaging } from './paging.js';
import { buildRules, resolveOverlay } from './overlay.js';
import type { ProblemCollector } from './problems.js';
import { checkResponsePaths } from './responsePaths.js';
import { docOf, objectShape, shapeOf } from './shapes.js';
import type { Operation, OperationErrorCode, Parameter } from './types.js';

/** An operation before its error classes are named (they depend on every operation's codes). */
export type PartialOperation = Omit<Operation, 'errorClassNames'>;

/** Builds one operation from its metadata and overlay entry; problems go to the two collectors. */
export function buildOperation(
  name: string,
  api: MetadataApi,
  overlay: OverlayDocument,
  metadataProblems: ProblemCollector,
  overlayProblems: ProblemCollector,
): PartialOperation {
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

  checkResponsePaths(name, output, resolved.response, overlayProblems);

  const errorCodes: OperationErrorCode[] = [];
  for (const [status, list] of Object.entries(api.errorCodes ?? {}).sort(([a], [b]) => compareCodeUnits(a, b))) {
    for (const entry of list) {
      const code = entry.errorCode.trim();
      if (!errorCodes.some((e) => e.code === code && e.httpStatus === Number(status))) {
        errorCodes.push({ code, httpStatus: Number(status), message: (entry.errorMessage ?? '').trim() });
      }
    }
  }
  const paging = detectPaging(parameters, output, overlay.operations[name]?.paging, (at, expected, found) =>
    overlayProblems.add(['operations', name, 'paging', ...at], expected, found),
  );
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
    ...(paging === undefined ? {} : { paging }),
  };
}
