/** JSON helpers that never echo file content. @internal */
import { brokenSource } from './internal.js';

/** A plain JSON object. @internal */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for a non-array object. @internal */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own property `key` (inherited properties are ignored). @internal */
export function own(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Parses `text`, or throws `EnsCredentialsError` naming `place` and, when V8 reports it, the line and column.
 * The parser's own message is not used (nor kept as `cause`): it quotes the file, which holds secrets.
 * @internal
 */
export function parseJson(text: string, place: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reported = error instanceof Error ? error.message : '';
    const position = /\bposition (\d+)/.exec(reported)?.[1];
    let where = '';
    if (position !== undefined && Number(position) >= text.trimEnd().length) where = ' (it ends too early)';
    else if (position !== undefined) {
      const before = text.slice(0, Number(position)).split('\n');
      where = ` (line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1})`;
    } else if (text.trim() === '') where = ' (the file is empty)';
    else if (reported.includes('end of JSON')) where = ' (it ends too early)';
    throw brokenSource(place, `not valid JSON${where}`);
  }
}
