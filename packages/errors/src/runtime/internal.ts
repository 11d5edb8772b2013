/**
 * Helpers shared by the runtime modules. Not re-exported from the package.
 * @internal
 */

/** Typed, prototype-safe read access to an untrusted, JSON-parsed value. @internal */
export interface JsonReader {
  /** Own property `key` of the input object, else `undefined`. */
  get(key: string): unknown;
  /** Own string property `key`, else `undefined`. */
  str(key: string): string | undefined;
  /** Own finite number property `key`, else `undefined`. */
  num(key: string): number | undefined;
  /** Own boolean property `key`, else `undefined`. */
  bool(key: string): boolean | undefined;
}

/**
 * Wraps untrusted input. Only own properties of a non-array object are read, so inherited
 * (possibly polluted) properties and arrays are ignored; nothing is ever copied wholesale.
 * @internal
 */
export function jsonReader(json: unknown): JsonReader {
  const source = typeof json === 'object' && json !== null && !Array.isArray(json) ? json : undefined;
  const get = (key: string): unknown =>
    source !== undefined && Object.hasOwn(source, key) ? (Reflect.get(source, key) as unknown) : undefined;
  const typed =
    <T>(check: (value: unknown) => value is T) =>
    (key: string): T | undefined => {
      const value = get(key);
      return check(value) ? value : undefined;
    };
  return {
    get,
    str: typed((v): v is string => typeof v === 'string'),
    num: typed((v): v is number => typeof v === 'number' && Number.isFinite(v)),
    bool: typed((v): v is boolean => typeof v === 'boolean'),
  };
}

/** Deletes the keys whose value is `undefined`, so that JSON output round-trips exactly. @internal */
export function omitUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value)) {
    if (Reflect.get(value, key) === undefined) Reflect.deleteProperty(value, key);
  }
  return value;
}
