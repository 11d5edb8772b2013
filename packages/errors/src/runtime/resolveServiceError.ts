import { EnsResponseParseError } from './clientErrors.js';
import { EnsError } from './ensError.js';
import { jsonReader } from './internal.js';
import { matchCodePattern } from './patternServiceError.js';
import { type ErrorResponseBody, jsonText, readErrorBody } from './parseErrorBody.js';
import { EnsServiceError } from './serviceError.js';

/** A service error class: {@link EnsServiceError} or a subclass, possibly with a static `codePattern`. */
export type ServiceErrorClass = typeof EnsServiceError & { readonly codePattern?: string | undefined };

/** The service error classes to choose from. Treat as immutable: lookups are cached per array. */
export type ServiceErrorClassList = readonly ServiceErrorClass[];

/** Any ensdk error class: what {@link errorFromJSONWith} needs from it. */
export interface EnsErrorClass {
  readonly errorName: string;
  readonly prototype: EnsError;
  fromJSON(json: unknown): EnsError;
}

/** Response headers: a `Headers`-like object or a plain record (as in Node's `IncomingMessage`). */
export type ResponseHeaders =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

interface Lookup {
  exact: Map<string, ServiceErrorClass>;
  /** Pattern classes, longest literal prefix first. */
  patterns: { cls: ServiceErrorClass; pattern: string }[];
}

const lookups = new WeakMap<ServiceErrorClassList, Lookup>();

function lookupOf(classes: ServiceErrorClassList): Lookup {
  let lookup = lookups.get(classes);
  if (lookup === undefined) {
    lookup = { exact: new Map(), patterns: [] };
    for (const cls of classes) {
      const code = cls.code?.trim();
      if (code !== undefined && !lookup.exact.has(code)) lookup.exact.set(code, cls);
      const pattern = cls.codePattern?.trim();
      if (pattern !== undefined) lookup.patterns.push({ cls, pattern });
    }
    const prefixLength = (pattern: string): number => {
      const at = pattern.indexOf('%s');
      return at < 0 ? pattern.length : at;
    };
    lookup.patterns.sort((a, b) => prefixLength(b.pattern) - prefixLength(a.pattern));
    lookups.set(classes, lookup);
  }
  return lookup;
}

/** The class for `code`: exact static `code` first, then the pattern with the longest literal prefix, else the base. */
function classFor(classes: ServiceErrorClassList, code: string): ServiceErrorClass {
  const { exact, patterns } = lookupOf(classes);
  return (
    exact.get(code) ??
    patterns.find(({ pattern }) => matchCodePattern(pattern, code) !== undefined)?.cls ??
    EnsServiceError
  );
}

/** The first value of header `name` (lower case), trimmed; `undefined` when absent, empty or unreadable. */
function header(headers: ResponseHeaders | undefined, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  try {
    let value: unknown;
    if (isHeadersObject(headers)) value = headers.get(name);
    else {
      const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
      value = key === undefined ? undefined : Reflect.get(headers, key);
    }
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first.trim() || undefined : undefined;
  } catch {
    return undefined; // a hostile headers object
  }
}

function isHeadersObject(headers: ResponseHeaders): headers is { get(name: string): string | null } {
  return typeof headers.get === 'function';
}

/**
 * Turns an HTTP error response into the most specific error. The body may be text, bytes or the value already parsed
 * from JSON (see {@link ErrorResponseBody}).
 *
 * - Body with a `Code` → the class whose static `code` equals the (trimmed) code, else the pattern class
 *   with the longest literal prefix (`InvalidParameter.%s` beats `Invalid%s`), else {@link EnsServiceError}
 *   keeping the code.
 * - Empty body with a status >= 400 → {@link EnsServiceError} with code `Http<status>` (e.g. `Http503`),
 *   since the service did answer, just without details.
 * - Anything else (HTML, truncated JSON, a body without `Code`) → {@link EnsResponseParseError}.
 *
 * `requestId` falls back to the `x-acs-request-id` header. Never throws, whatever the status, body and headers
 * (a status that is not an integer becomes 0; a body whose properties throw when read is an
 * {@link EnsResponseParseError} with that error as `cause`); `classes` is trusted.
 */
export function serviceErrorFromResponse(
  classes: ServiceErrorClassList,
  statusCode: number,
  body: ErrorResponseBody,
  headers?: ResponseHeaders,
): EnsServiceError | EnsResponseParseError {
  const status = Number.isInteger(statusCode) && statusCode !== 0 ? statusCode : 0; // -0 too
  let read: ReturnType<typeof readErrorBody>;
  try {
    read = readErrorBody(body);
  } catch (cause) {
    return new EnsResponseParseError(status, '', { cause });
  }
  const requestId = read.fields?.requestId ?? header(headers, 'x-acs-request-id');
  const code = read.fields?.code;
  if (code === undefined) {
    if ('parsed' in read) return new EnsResponseParseError(status, jsonText(read.parsed) ?? '');
    if (read.text.trim() !== '' || status < 400) return new EnsResponseParseError(status, read.text);
    return new EnsServiceError({
      code: `Http${status}`,
      message: `HTTP ${status} with an empty body`,
      statusCode: status,
      requestId,
    });
  }
  return new (classFor(classes, code))({ ...read.fields, code, statusCode: status, requestId });
}

const nameLookups = new WeakMap<readonly EnsErrorClass[], Map<string, EnsErrorClass>>();

/**
 * Rebuilds an error from its `toJSON()` output, choosing the class by `name` among `classes`
 * (unknown names: {@link EnsServiceError} when there is a string `code`, else {@link EnsError}).
 * The input is untrusted: fields of the wrong type are ignored, only own properties are read, and it never throws.
 */
export function errorFromJSONWith(classes: readonly EnsErrorClass[], json: unknown): EnsError {
  let byName = nameLookups.get(classes);
  if (byName === undefined) {
    byName = new Map();
    for (const cls of classes) if (!byName.has(cls.errorName)) byName.set(cls.errorName, cls);
    nameLookups.set(classes, byName);
  }
  const r = jsonReader(json);
  const cls = byName.get(r.str('name') ?? '') ?? (r.str('code') === undefined ? EnsError : EnsServiceError);
  return cls.fromJSON(json);
}
