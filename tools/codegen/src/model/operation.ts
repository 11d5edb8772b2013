import type { MetadataApi, MetadataParameter } from '../spec/metadataSchema.js';
import type { OverlayDocument } from '../spec/overlaySchema.js';
import { compareCodeUnits } from '../util/order.js';
import { lowerFirst, toCamelCase } from './names.js';
import { detectPaging } from './paging.js';
import { buildRules, resolveOverlay } from './overlay.js';
import type { ProblemCollector } from './problems.js';
import type { RepairLog } from './repairs.js';
import { checkResponsePaths } from './responsePaths.js';
import { docOf, isRequired, objectShape, shapeOf } from './shapes.js';
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
  repairs: RepairLog,
): PartialOperation {
  const resolved = resolveOverlay(overlay, name, overlayProblems);
  const path = ['apis', name];
  const parameters: Parameter[] = [];
  const seen = new Map<string, string>();
  const copies = duplicateCopies(api, path, metadataProblems, repairs);
  api.parameters.forEach((p, i) => {
    const paramPath = [...path, 'parameters', i];
    const others = copies.get(p.name) ?? [];
    if (others[0] !== i) return; // a later copy of a duplicate: merged into the first
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
      repairs,
      side: 'request',
      enforceRequired: true,
      english: {},
      dotted: '',
      overlay: po,
      jsonEncoded: p.style === 'json',
    });
    if (po?.format !== undefined && (shape.kind !== 'string' || shape.enum !== undefined)) {
      overlayProblems.add(
        resolved.formatOrigins[p.name] ?? [],
        'a format only on a string parameter without an enum',
        po.format,
      );
    }
    const style = p.style ?? (shape.kind === 'array' || shape.kind === 'object' ? 'repeatList' : 'simple');
    if (style === 'json' && shape.kind !== 'object' && shape.kind !== 'array' && shape.kind !== 'freeform') {
      metadataProblems.add([...paramPath, 'style'], 'style "json" only on object or array parameters', p.style);
    }
    parameters.push({
      name: camel,
      wireName: p.name,
      required: others.every((j) =>
        isRequired(api.parameters[j]!.schema, [...path, 'parameters', j, 'schema'], repairs),
      ),
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
  const response = api.responses['200'];
  if (response === undefined) {
    repairs.add(
      [...path, 'responses'],
      'no-responses',
      'no 200 response: the output is an empty object (the body is not read)',
      api.responses,
    );
  }
  const output = objectShape(response?.schema ?? {}, [...path, 'responses', '200', 'schema'], {
    problems: metadataProblems,
    repairs,
    side: 'response',
    enforceRequired: false,
    english: resolved.response,
    dotted: '',
  });

  checkResponsePaths(name, output, resolved.response, overlayProblems);

  const errorCodes = operationErrorCodes(api, path, repairs);
  const paging = detectPaging(parameters, output, overlay.operations[name]?.paging, (at, expected, found) =>
    overlayProblems.add(['operations', name, 'paging', ...at], expected, found),
  );
  const signed = isSigned(api.security, [...path, 'security'], repairs);
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
    signed,
    parameters,
    rules: buildRules(name, resolved, parameters, overlayProblems),
    output,
    errorCodes,
    ...(paging === undefined ? {} : { paging }),
  };
}

/** A parameter without what may differ between copies of it: its documentation and whether it is required. */
function withoutDocs(p: MetadataParameter): string {
  const { description: _d, title: _t, example: _e, required: _r, docRequired: _dr, ...schema } = p.schema;
  return JSON.stringify({ ...p, schema });
}

/**
 * Parameters listed more than once, by wire name → the indexes of every copy. Copies are merged into the first
 * (the later ones are reported as repairs); copies that differ in more than documentation and `required` are
 * unusable (which one would be sent?) and reported as problems.
 */
function duplicateCopies(
  api: MetadataApi,
  path: readonly PropertyKey[],
  problems: ProblemCollector,
  repairs: RepairLog,
): Map<string, number[]> {
  const copies = new Map<string, number[]>();
  api.parameters.forEach((p, i) => {
    copies.set(p.name, [...(copies.get(p.name) ?? []), i]);
  });
  for (const [wire, indexes] of copies) {
    const [first, ...later] = indexes;
    for (const i of later) {
      const here = [...path, 'parameters', i];
      if (withoutDocs(api.parameters[i]!) !== withoutDocs(api.parameters[first!]!)) {
        problems.add(
          here,
          `a copy of parameter ${wire} (#/${[...path, 'parameters', first!].join('/')}) that agrees with it`,
          wire,
        );
      } else {
        repairs.add(
          here,
          'duplicate-parameter',
          `${wire} listed again: merged into parameters/${first} (required only if every copy is)`,
        );
      }
    }
  }
  return copies;
}

/** An HTTP status from an `errorCodes` key: `"400"`; a key that is not one (`"4003"`) counts as its class, 400. */
function statusOf(key: string, path: readonly PropertyKey[], repairs: RepairLog): number {
  if (/^[1-5]\d\d$/.test(key)) return Number(key);
  const status = /^[1-5]/.test(key) ? Number(key[0]) * 100 : 400;
  repairs.add(path, 'odd-status-key', `status key "${key}" is not an HTTP status: its codes count as ${status}`, key);
  return status;
}

/**
 * The operation's error codes, repaired: whitespace trimmed; a code with no literal part (`%s`, which would match
 * every code) dropped, so its answers stay plain `EnsServiceError`s; several placeholders (`Mismatch.%sAnd%s`) made
 * one (`Mismatch.%s`: the runtime matches one variable part).
 */
function operationErrorCodes(api: MetadataApi, path: readonly PropertyKey[], repairs: RepairLog): OperationErrorCode[] {
  const errorCodes: OperationErrorCode[] = [];
  for (const [key, list] of Object.entries(api.errorCodes ?? {}).sort(([a], [b]) => compareCodeUnits(a, b))) {
    const status = statusOf(key, [...path, 'errorCodes', key], repairs);
    list.forEach((entry, i) => {
      const here = [...path, 'errorCodes', key, i, 'errorCode'];
      let code = entry.errorCode.trim();
      if (code !== entry.errorCode)
        repairs.add(here, 'padded-code', `code padded with whitespace: "${code}"`, entry.errorCode);
      if (code.replace(/%s/g, '').replace(/[^A-Za-z0-9]/g, '') === '') {
        repairs.add(
          here,
          'catch-all-code',
          `"${code}" matches every code: no class (such answers are EnsServiceError)`,
          code,
        );
        return;
      }
      const first = code.indexOf('%s');
      if (first >= 0 && code.indexOf('%s', first + 2) >= 0) {
        const single = `${code.slice(0, first)}%s`;
        repairs.add(here, 'several-placeholders', `"${code}" has several %s: matched as "${single}"`, code);
        code = single;
      }
      if (!errorCodes.some((e) => e.code === code && e.httpStatus === status)) {
        errorCodes.push({ code, httpStatus: status, message: (entry.errorMessage ?? '').trim() });
      }
    });
  }
  return errorCodes;
}

/** Security schemes of Alibaba's metadata: `AK` calls are signed; these carry their proof in the request instead. */
const UNSIGNED_SCHEMES: ReadonlySet<string> = new Set(['Anonymous', 'ARS_OIDC', 'ARS_SAML']);

/**
 * Whether an operation is signed, from its metadata `security` (alternatives, each naming schemes), as Alibaba's
 * SDKs decide: signed when an alternative names `AK` or the metadata says nothing; unsigned when the schemes named
 * are ones whose proof travels in the request (`Anonymous`, `ARS_OIDC`, `ARS_SAML`). Any other scheme alone
 * (`BearerToken`, `APP`, `PrivateKey`: ways ensdk does not authenticate) is repaired (`unsupported-security`): the
 * call is signed with an AccessKey, as Alibaba's SDKs sign everything not anonymous.
 */
export function isSigned(
  security: readonly Readonly<Record<string, readonly string[]>>[] | undefined,
  path: readonly PropertyKey[],
  repairs: RepairLog,
): boolean {
  const schemes = (security ?? []).flatMap((alternative) => Object.keys(alternative));
  if (schemes.length === 0 || schemes.includes('AK')) return true;
  const other = schemes.filter((scheme) => !UNSIGNED_SCHEMES.has(scheme));
  if (other.length === 0) return false;
  repairs.add(
    path,
    'unsupported-security',
    `security ${schemes.join(', ')} is not one ensdk sends (AK signed; Anonymous, ARS_OIDC, ARS_SAML unsigned): signed with an AccessKey`,
    other.join(', '),
  );
  return true;
}
