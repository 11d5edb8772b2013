import { EnsServiceError, type EnsServiceErrorInit, type EnsServiceErrorJSON } from './serviceError.js';

/** The JSON form of an {@link EnsPatternServiceError}. */
export interface EnsPatternServiceErrorJSON extends EnsServiceErrorJSON {
  field?: string;
}

/** The pattern without its placeholder: `'InvalidParameter.%s'` → `'InvalidParameter'`, `'Invalid%s'` → `'Invalid'`. */
function bareCode(pattern: string): string {
  return pattern.includes('.%s') ? pattern.replace('.%s', '') : pattern.replace(/%s\.?/, '');
}

/**
 * Matches a service code against a documented code pattern holding one `%s` placeholder.
 *
 * @returns `{ field }` with the text that matched `%s` (`'PortRange'` for
 * `('InvalidParameter.%s', 'InvalidParameter.PortRange')`), `{ field: undefined }` for the bare code
 * (`'InvalidParameter'`), or `undefined` when the code does not match.
 */
export function matchCodePattern(pattern: string, code: string): { field: string | undefined } | undefined {
  const at = pattern.indexOf('%s');
  if (at < 0) return code === pattern ? { field: undefined } : undefined;
  if (code === bareCode(pattern)) return { field: undefined };
  const prefix = pattern.slice(0, at);
  const suffix = pattern.slice(at + 2);
  return code.length > prefix.length + suffix.length && code.startsWith(prefix) && code.endsWith(suffix)
    ? { field: code.slice(prefix.length, code.length - suffix.length) }
    : undefined;
}

/** A service error whose documented code is a pattern such as `InvalidParameter.%s`; `code` is the concrete code. */
export class EnsPatternServiceError extends EnsServiceError {
  static override readonly errorName: string = 'EnsPatternServiceError';
  /** The documented pattern, e.g. `'InvalidParameter.%s'`; `undefined` on this base class. */
  static readonly codePattern: string | undefined = undefined;

  /** The part of `code` that matched `%s`; `undefined` for the bare code. */
  readonly field: string | undefined;

  /** @param init - What the service answered. Without `code`, the bare code of the pattern is used. */
  constructor(init: EnsServiceErrorInit) {
    const pattern = new.target.codePattern;
    super(init.code === undefined && pattern !== undefined ? { ...init, code: bareCode(pattern) } : init);
    this.field = pattern === undefined ? undefined : matchCodePattern(pattern, this.code)?.field;
  }

  override toJSON(): EnsPatternServiceErrorJSON {
    const json: EnsPatternServiceErrorJSON = super.toJSON();
    if (this.field !== undefined) json.field = this.field;
    return json;
  }
}
