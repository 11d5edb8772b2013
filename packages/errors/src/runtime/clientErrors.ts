import { type EnsBaseErrorJSON, EnsError, type EnsErrorOptions, type EnsFault } from './ensError.js';
import { jsonReader, omitUndefined } from './internal.js';

/** One reason why an input was rejected before any request was sent. */
export interface EnsValidationIssue {
  /** Dotted path of the offending input, e.g. `'portRange'`; `''` for the input as a whole. */
  path: string;
  /** Identifier of the violated rule, e.g. `'maximum'`. */
  rule: string;
  message: string;
}

/** The JSON form of an {@link EnsValidationError}. */
export interface EnsValidationErrorJSON extends EnsBaseErrorJSON {
  issues: EnsValidationIssue[];
  operation?: string;
}

/** The JSON form of an {@link EnsNetworkError}. */
export interface EnsNetworkErrorJSON extends EnsBaseErrorJSON {
  reason?: string;
}

/** The JSON form of an {@link EnsTimeoutError}. */
export interface EnsTimeoutErrorJSON extends EnsBaseErrorJSON {
  timeoutMs: number;
}

/** The JSON form of an {@link EnsAbortError}. */
export type EnsAbortErrorJSON = EnsBaseErrorJSON;

/** The JSON form of an {@link EnsResponseParseError}. */
export interface EnsResponseParseErrorJSON extends EnsBaseErrorJSON {
  statusCode: number;
  bodySnippet: string;
}

/** The JSON form of an {@link EnsPaginationError}. */
export interface EnsPaginationErrorJSON extends EnsBaseErrorJSON {
  operation: string;
  pages: number;
}

/** The JSON form of an {@link EnsCredentialsError}. */
export interface EnsCredentialsErrorJSON extends EnsBaseErrorJSON {
  sources: string[];
}

const copyIssue = ({ path, rule, message }: EnsValidationIssue): EnsValidationIssue => ({ path, rule, message });

/** The input of an operation broke its documented constraints; nothing was sent. */
export class EnsValidationError extends EnsError {
  static override readonly errorName: string = 'EnsValidationError';

  /** Every problem found, in input order. */
  readonly issues: readonly EnsValidationIssue[];
  /** The operation whose input was rejected, e.g. `'RevokeSecurityGroupEgress'`. */
  readonly operation: string | undefined;

  /** Message: `Invalid input for OP: path: message; …`. */
  constructor(issues: readonly EnsValidationIssue[], options?: EnsErrorOptions & { operation?: string }) {
    const operation = options?.operation;
    const details = issues.map(({ path, message }) => (path === '' ? message : `${path}: ${message}`));
    super(
      `Invalid input${operation === undefined ? '' : ` for ${operation}`}${details.length > 0 ? `: ${details.join('; ')}` : ''}`,
      options,
    );
    this.issues = Object.freeze(issues.map(copyIssue));
    this.operation = operation;
  }

  static override fromJSON(json: unknown): EnsValidationError {
    const r = jsonReader(json);
    const raw = r.get('issues');
    const issues = (Array.isArray(raw) ? raw : []).flatMap((item: unknown) => {
      const i = jsonReader(item);
      const [path, rule, message] = [i.str('path'), i.str('rule'), i.str('message')];
      return path === undefined || rule === undefined || message === undefined ? [] : [{ path, rule, message }];
    });
    return new this(issues, { operation: r.str('operation'), attempts: r.num('attempts') });
  }

  override toJSON(): EnsValidationErrorJSON {
    const base: EnsBaseErrorJSON = super.toJSON();
    return omitUndefined({ ...base, issues: this.issues.map(copyIssue), operation: this.operation });
  }
}

/** The request could not reach the service or the connection broke (DNS, TLS, reset, …). */
export class EnsNetworkError extends EnsError {
  static override readonly errorName: string = 'EnsNetworkError';
  override readonly fault: EnsFault = 'server';
  override readonly retryable: boolean = true;

  /** Low-level reason, e.g. `'ECONNRESET'`. */
  readonly reason: string | undefined;

  constructor(message: string, options?: EnsErrorOptions & { reason?: string }) {
    super(message, options);
    this.reason = options?.reason;
  }

  static override fromJSON(json: unknown): EnsNetworkError {
    const r = jsonReader(json);
    return new this(r.str('message') ?? '', { reason: r.str('reason'), attempts: r.num('attempts') });
  }

  override toJSON(): EnsNetworkErrorJSON {
    const base: EnsBaseErrorJSON = super.toJSON();
    return omitUndefined({ ...base, reason: this.reason });
  }
}

/** No complete response arrived within the configured time. */
export class EnsTimeoutError extends EnsError {
  static override readonly errorName: string = 'EnsTimeoutError';
  override readonly fault: EnsFault = 'server';
  override readonly retryable: boolean = true;

  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: EnsErrorOptions) {
    super(`Request timed out after ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }

  static override fromJSON(json: unknown): EnsTimeoutError {
    const r = jsonReader(json);
    return new this(r.num('timeoutMs') ?? 0, { attempts: r.num('attempts') });
  }

  override toJSON(): EnsTimeoutErrorJSON {
    const base: EnsBaseErrorJSON = super.toJSON();
    return { ...base, timeoutMs: this.timeoutMs };
  }
}

/** The caller aborted the request. The abort reason is kept on `cause` only, never serialized. */
export class EnsAbortError extends EnsError {
  static override readonly errorName: string = 'EnsAbortError';

  constructor(options?: EnsErrorOptions) {
    super('The request was aborted', options);
  }

  static override fromJSON(json: unknown): EnsAbortError {
    return new this({ attempts: jsonReader(json).num('attempts') });
  }
}

/** Maximum size of {@link EnsResponseParseError.bodySnippet}, in UTF-8 bytes. */
const SNIPPET_BYTES = 1024;
/** Maximum length of the body excerpt in the message, in code points. */
const MESSAGE_CHARS = 120;

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
function cutUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // a lone surrogate encodes as U+FFFD: 3
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/** The response could not be understood: not a recognizable error body, or not parseable at all. */
export class EnsResponseParseError extends EnsError {
  static override readonly errorName: string = 'EnsResponseParseError';
  override readonly fault: EnsFault = 'server';
  /** True for statuses >= 500 (a failing gateway), false otherwise. */
  override readonly retryable: boolean;

  /** HTTP status of the response. */
  readonly statusCode: number;
  /** The start of the body: at most 1 KiB of UTF-8, cut on a character boundary. */
  readonly bodySnippet: string;

  /** @param body - The response body, or an already-cut snippet (kept unchanged). */
  constructor(statusCode: number, body: string, options?: EnsErrorOptions) {
    const snippet = cutUtf8(body, SNIPPET_BYTES);
    const line = [...snippet.replace(/\s+/g, ' ').trim()];
    const excerpt = line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS).join('')}…` : line.join('');
    super(`Could not parse the response (HTTP ${statusCode})${excerpt === '' ? '' : `: ${excerpt}`}`, options);
    this.statusCode = statusCode;
    this.bodySnippet = snippet;
    this.retryable = statusCode >= 500;
  }

  static override fromJSON(json: unknown): EnsResponseParseError {
    const r = jsonReader(json);
    return new this(r.num('statusCode') ?? 0, r.str('bodySnippet') ?? '', { attempts: r.num('attempts') });
  }

  override toJSON(): EnsResponseParseErrorJSON {
    const base: EnsBaseErrorJSON = super.toJSON();
    return { ...base, statusCode: this.statusCode, bodySnippet: this.bodySnippet };
  }
}

/**
 * No usable credentials: nothing in the credentials chain applied, a credentials file is malformed, or the
 * credentials given (or returned by a provider) are incomplete. Never carries a key, secret or token.
 */
export class EnsCredentialsError extends EnsError {
  static override readonly errorName: string = 'EnsCredentialsError';

  /** Every place looked, in order, each with why it did not apply, e.g. `'environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set'`. */
  readonly sources: readonly string[];

  constructor(message: string, options?: EnsErrorOptions & { sources?: readonly string[] }) {
    super(message, options);
    this.sources = Object.freeze([...(options?.sources ?? [])]);
  }

  static override fromJSON(json: unknown): EnsCredentialsError {
    const r = jsonReader(json);
    const raw = r.get('sources');
    const sources = (Array.isArray(raw) ? raw : []).filter((item: unknown): item is string => typeof item === 'string');
    return new this(r.str('message') ?? '', { sources, attempts: r.num('attempts') });
  }

  override toJSON(): EnsCredentialsErrorJSON {
    const base: EnsBaseErrorJSON = super.toJSON();
    return { ...base, sources: [...this.sources] };
  }
}

/**
 * A paginator stopped because the service broke the paging contract: it answered a continuation token it had
 * already given (walking on would loop forever). The pages before it were delivered; nothing is retried.
 */
export class EnsPaginationError extends EnsError {
  static override readonly errorName: string = 'EnsPaginationError';
  override readonly fault: EnsFault = 'server';

  /** The paged operation, e.g. `'ListTagResources'`. */
  readonly operation: string;
  /** How many pages had been received when the walk stopped. */
  readonly pages: number;

  constructor(message: string, options: EnsErrorOptions & { operation: string; pages: number }) {
    super(message, options);
    this.operation = options.operation;
    this.pages = options.pages;
  }

  static override fromJSON(json: unknown): EnsPaginationError {
    const r = jsonReader(json);
    return new this(r.str('message') ?? '', {
      operation: r.str('operation') ?? '',
      pages: r.num('pages') ?? 0,
      attempts: r.num('attempts'),
    });
  }

  override toJSON(): EnsPaginationErrorJSON {
    const base: EnsBaseErrorJSON = super.toJSON();
    return { ...base, operation: this.operation, pages: this.pages };
  }
}
