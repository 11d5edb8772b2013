import { EnsValidationError, type EnsValidationIssue } from '@ensdk/errors/base';
import type * as z from 'zod/mini';
import {
  boundIssue,
  enumIssue,
  integerIssue,
  issuePath,
  patternIssue,
  requiredIssue,
  typeIssue,
  unknownKeyIssue,
  type BoundOrigin,
} from './messages.js';

function boundOrigin(origin: string): BoundOrigin {
  return origin === 'string' ? 'string' : origin === 'array' || origin === 'set' ? 'array' : 'number';
}

/** Turns zod issues into ensdk validation issues: a dotted path, a rule name and a plain message. */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[]): EnsValidationIssue[] {
  const out: EnsValidationIssue[] = [];
  // zod still runs length checks on a value of the wrong type (an array given for a string has a length): its
  // type issue says it all, so bounds reported at the same path after it are left out.
  const mistyped = new Set<string>();
  for (const issue of issues) {
    const path = issuePath(issue.path);
    if ((issue.code === 'too_small' || issue.code === 'too_big') && mistyped.has(path)) continue;
    if (issue.code === 'invalid_type') mistyped.add(path);
    switch (issue.code) {
      case 'invalid_type':
        if (issue.input === undefined) out.push(requiredIssue(path));
        else if (issue.expected === 'int') out.push(integerIssue(path, issue.input));
        else out.push(typeIssue(path, issue.expected, issue.input));
        break;
      case 'invalid_value':
        out.push(
          issue.input === undefined
            ? requiredIssue(path)
            : enumIssue(
                path,
                issue.values.map((v) => (typeof v === 'number' ? v : String(v))),
                issue.input,
              ),
        );
        break;
      case 'too_small':
        out.push(boundIssue(path, boundOrigin(issue.origin), 'minimum', issue.minimum, issue.inclusive ?? true));
        break;
      case 'too_big':
        out.push(boundIssue(path, boundOrigin(issue.origin), 'maximum', issue.maximum, issue.inclusive ?? true));
        break;
      case 'invalid_format':
        out.push(
          issue.format === 'regex' && 'pattern' in issue && typeof issue.pattern === 'string'
            ? patternIssue(path, issue.pattern)
            : { path, rule: `format:${issue.format}`, message: `must be a valid ${issue.format}` },
        );
        break;
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push(unknownKeyIssue(issuePath([...issue.path, key])));
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
