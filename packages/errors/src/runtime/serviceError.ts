import { type EnsBaseErrorJSON, EnsError, type EnsFault } from './ensError.js';
import { jsonReader, omitUndefined } from './internal.js';

/** Constructor input of {@link EnsServiceError} and its subclasses. */
export interface EnsServiceErrorInit {
  /** The error code answered by the service. Defaults to the class's static `code` (trimmed), else `'Unknown'`. */
  code?: string;
  /** The service's message. Defaults to the code. */
  message?: string;
  /** HTTP status of the response. */
  statusCode: number;
  requestId?: string;
  hostId?: string;
  recommend?: string;
  accessDeniedDetail?: string;
  /** Overrides the class's static `fault` and the status-based default. */
  fault?: EnsFault;
  /** Overrides the class's static `retryable` and the status/code-based default. */
  retryable?: boolean;
  attempts?: number;
  cause?: unknown;
}

/** The JSON form of an {@link EnsServiceError}. */
export interface EnsServiceErrorJSON extends EnsBaseErrorJSON {
  code: string;
  statusCode: number;
  requestId?: string;
  hostId?: string;
  recommend?: string;
  accessDeniedDetail?: string;
  fault: EnsFault;
  retryable: boolean;
}

/**
 * An error answered by the ENS service. Generated subclasses exist for every documented code, and each operation's
 * union (`<Operation>Error`) lists the ones it can raise; an unmodelled code arrives as `EnsServiceError` itself,
 * transport and validation failures as the client-side `Ens*Error` classes.
 */
export class EnsServiceError extends EnsError {
  static override readonly errorName: string = 'EnsServiceError';
  /** The documented code of this class; `undefined` on the base class. */
  static readonly code: string | undefined = undefined;
  /** Documented fault of this code, if any. */
  static readonly fault: EnsFault | undefined = undefined;
  /** Documented retryability of this code, if any. */
  static readonly retryable: boolean | undefined = undefined;
  /** Documented HTTP status of this code, if any. */
  static readonly httpStatus: number | undefined = undefined;

  /** The code answered by the service, e.g. `'SecurityGroupRule.NotFound'`. */
  readonly code: string;
  /** HTTP status of the response. */
  readonly statusCode: number;
  readonly requestId: string | undefined;
  readonly hostId: string | undefined;
  /** Diagnosis link suggested by the service. */
  readonly recommend: string | undefined;
  readonly accessDeniedDetail: string | undefined;
  /** Explicit, else the class's documented fault, else `'server'` for statuses >= 500 and `'client'` otherwise. */
  override readonly fault: EnsFault;
  /** Explicit, else documented, else true for statuses >= 500, 429, and `Throttling*` codes. */
  override readonly retryable: boolean;

  /** @param init - What the service answered. `message` stays the service's own message, unformatted. */
  constructor(init: EnsServiceErrorInit) {
    const code = init.code ?? new.target.code?.trim() ?? 'Unknown';
    super(init.message ?? code, init);
    const { statusCode } = init;
    this.code = code;
    this.statusCode = statusCode;
    this.requestId = init.requestId;
    this.hostId = init.hostId;
    this.recommend = init.recommend;
    this.accessDeniedDetail = init.accessDeniedDetail;
    this.fault = init.fault ?? new.target.fault ?? (statusCode >= 500 ? 'server' : 'client');
    this.retryable =
      init.retryable ??
      new.target.retryable ??
      (statusCode >= 500 || statusCode === 429 || code.startsWith('Throttling'));
  }

  /** Rebuilds an error of this class from its {@link EnsServiceError.toJSON} output; invalid fields are ignored. */
  static override fromJSON(json: unknown): EnsServiceError {
    const r = jsonReader(json);
    const fault = r.str('fault');
    return new this({
      code: r.str('code'),
      message: r.str('message'),
      statusCode: r.num('statusCode') ?? this.httpStatus ?? 0,
      requestId: r.str('requestId'),
      hostId: r.str('hostId'),
      recommend: r.str('recommend'),
      accessDeniedDetail: r.str('accessDeniedDetail'),
      fault: fault === 'client' || fault === 'server' ? fault : undefined,
      retryable: r.bool('retryable'),
      attempts: r.num('attempts'),
    });
  }

  override toJSON(): EnsServiceErrorJSON {
    const base: EnsBaseErrorJSON = super.toJSON();
    return omitUndefined({
      ...base,
      code: this.code,
      statusCode: this.statusCode,
      requestId: this.requestId,
      hostId: this.hostId,
      recommend: this.recommend,
      accessDeniedDetail: this.accessDeniedDetail,
      fault: this.fault,
      retryable: this.retryable,
    });
  }
}
