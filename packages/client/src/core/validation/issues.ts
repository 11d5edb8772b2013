import { EnsValidationError, type EnsValidationIssue } from '@ensdk/errors';
import type * as z from 'zod/mini';

const MAX_SHOWN = 60;

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function bound(origin: string, which: 'minimum' | 'maximum', limit: number | bigint, inclusive: boolean): { rule: string; message: string } {
  const below = which === 'minimum';
  if (origin === 'string') return { rule: below ? 'minLength' : 'maxLength', message: `must be ${below ? 'at least' : 'at most'} ${limit} characters long` };
  if (origin === 'array' || origin === 'set') return { rule: below ? 'minItems' : 'maxItems', message: `must have ${below ? 'at least' : 'at most'} ${limit} items` };
  const word = below ? (inclusive ? 'at least' : 'greater than') : inclusive ? 'at most' : 'less than';
  return { rule: which, message: `must be ${word} ${limit}` };
}

/** Turns zod issues into ensdk validation issues: a dotted path, a rule name and a plain message. */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): EnsValidationIssue[] {
  const out: EnsValidationIssue[] = [];
  for (const issue of issues) {
    const path = pathOf(issue.path);
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) out.push({ path, rule: 'required', message: 'is required' });
        else if (issue.expected === 'int' || (issue.expected === 'number' && typeof issue.input === 'number')) {
          out.push({ path, rule: 'integer', message: `must be an integer; got ${show(issue.input)}` });
        } else out.push({ path, rule: 'type', message: `must be ${issue.expected === 'array' ? 'an' : 'a'} ${issue.expected}; got ${show(issue.input)}` });
        break;
      case 'invalid_value': {
        if (issue.input === undefined) {
          out.push({ path, rule: 'required', message: 'is required' });
          break;
        }
        const values = issue.values.map((v) => String(v));
        const near = typeof issue.input === 'string' ? values.find((v) => v.toLowerCase() === String(issue.input).toLowerCase()) : undefined;
        const hint = near !== undefined ? ` (values are case-sensitive: did you mean "${near}"?)` : '';
        out.push({ path, rule: 'enum', message: `must be one of ${values.join(', ')}; got ${show(issue.input)}${hint}` });
        break;
      }
      case 'too_small':
        out.push({ path, ...bound(issue.origin, 'minimum', issue.minimum, issue.inclusive ?? true) });
        break;
      case 'too_big':
        out.push({ path, ...bound(issue.origin, 'maximum', issue.maximum, issue.inclusive ?? true) });
        break;
      case 'invalid_format':
        out.push({ path, rule: issue.format === 'regex' ? 'pattern' : `format:${issue.format}`, message: issue.format === 'regex' && 'pattern' in issue ? `must match ${String(issue.pattern)}` : `must be a valid ${issue.format}` });
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push({ path: pathOf([...issue.path, key]), rule: 'unknown', message: 'is not a parameter of this operation' });
        break;
      case 'custom': {
        const rule = typeof issue.params?.['rule'] === 'string' ? issue.params['rule'] : 'custom';
        out.push({ path, rule, message: issue.message });
        break;
      }
      default:
        out.push({ path, rule: issue.code, message: issue.message });
    }
  }
  return out;
}

/**
 * Validates an operation's input with its generated schema. Returns the parsed input, or throws an
 * {@link EnsValidationError} that lists every problem at once. Never performs I/O.
 */
export function validateInput<T>(operation: string, schema: z.ZodMiniType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  // Parse again with the inputs in the issues (for messages such as `got "TCP"`): only on the failure path.
  const detailed = schema.safeParse(input, { reportInput: true });
  throw new EnsValidationError(toValidationIssues(detailed.error?.issues ?? result.error.issues), { operation });
}
