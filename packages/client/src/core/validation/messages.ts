/**
 * The words of every validation issue, shared by the two validators (the zod schemas in Node, the plain constraint
 * checker in browsers) so that both report the same input with the same path, rule and message.
 */
import type { EnsValidationIssue } from '@ensdk/errors/base';

const MAX_SHOWN = 60;

/** A short, safe rendering of an offending value for a message (strings quoted, long values cut). */
export function showValue(value: unknown): string {
  const text =
    typeof value === 'number' && !Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? JSON.stringify(value)
        : String(JSON.stringify(value) ?? value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

/** `['rules', 0, 'port']` → `'rules[0].port'`; `[]` → `''` (the input as a whole). */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** A required member is absent. */
export function requiredIssue(path: string): EnsValidationIssue {
  return { path, rule: 'required', message: 'is required' };
}

/** A value of the wrong JSON type (`expected` is `string`, `number`, `boolean`, `array` or `object`). */
export function typeIssue(path: string, expected: string, input: unknown): EnsValidationIssue {
  if (expected === 'number' && typeof input === 'number')
    return { path, rule: 'type', message: `must be a finite number; got ${showValue(input)}` };
  return {
    path,
    rule: 'type',
    message: `must be ${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}; got ${showValue(input)}`,
  };
}

/** A number with a fractional part where an integer is expected. */
export function integerIssue(path: string, input: unknown): EnsValidationIssue {
  return { path, rule: 'integer', message: `must be an integer; got ${showValue(input)}` };
}

/** A value outside an enumeration; a string differing only in case gets a hint (values are case-sensitive). */
export function enumIssue(path: string, values: readonly (string | number)[], input: unknown): EnsValidationIssue {
  const names = values.map(String);
  const near = typeof input === 'string' ? names.find((v) => v.toLowerCase() === input.toLowerCase()) : undefined;
  const hint = near !== undefined ? ` (values are case-sensitive: did you mean "${near}"?)` : '';
  return { path, rule: 'enum', message: `must be one of ${names.join(', ')}; got ${showValue(input)}${hint}` };
}

/** What a bound applies to: a string's length, an array's item count, or a number's value. */
export type BoundOrigin = 'string' | 'array' | 'number';

/** A string, array or number beyond a minimum or maximum. */
export function boundIssue(
  path: string,
  origin: BoundOrigin,
  which: 'minimum' | 'maximum',
  limit: number | bigint,
  inclusive = true,
): EnsValidationIssue {
  const below = which === 'minimum';
  if (origin === 'string')
    return {
      path,
      rule: below ? 'minLength' : 'maxLength',
      message: `must be ${below ? 'at least' : 'at most'} ${limit} characters long`,
    };
  if (origin === 'array')
    return {
      path,
      rule: below ? 'minItems' : 'maxItems',
      message: `must have ${below ? 'at least' : 'at most'} ${limit} items`,
    };
  const word = below ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
  return { path, rule: which, message: `must be ${word} ${limit}` };
}

/** A string that does not match the documented pattern. */
export function patternIssue(path: string, pattern: RegExp | string): EnsValidationIssue {
  return { path, rule: 'pattern', message: `must match ${String(pattern)}` };
}

/** A key the operation does not define (strict objects: a typo is an error, not a silent drop). */
export function unknownKeyIssue(path: string): EnsValidationIssue {
  return { path, rule: 'unknown', message: 'is not a parameter of this operation' };
}
