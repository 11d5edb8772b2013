import type * as z from 'zod/mini';
import { zod } from '../zod.js';
import { portRangeProblem } from './formats.js';

/** What a cross-field rule demands of each target value. */
export type RuleConstraint =
  | { readonly equals: string }
  | { readonly oneOf: readonly string[] }
  | { readonly portRange: { readonly minimum: number; readonly maximum: number } };

/** A cross-field rule: when `when[0]` has one of the values `when[1]`, every present target must meet `constraint`. */
export interface CrossFieldRule {
  readonly name: string;
  readonly when: readonly [member: string, values: readonly string[]];
  readonly targets: readonly string[];
  readonly constraint: RuleConstraint;
}

function problemOf(value: string, constraint: RuleConstraint): string | undefined {
  if ('equals' in constraint) return value === constraint.equals ? undefined : `must be "${constraint.equals}"`;
  if ('oneOf' in constraint) {
    return constraint.oneOf.includes(value) ? undefined : `must be one of ${constraint.oneOf.join(', ')}`;
  }
  return portRangeProblem(value, constraint.portRange.minimum, constraint.portRange.maximum);
}

/**
 * A zod check for an object that enforces cross-field rules. It runs even when other fields have failed
 * (so one call lists every problem), and skips a rule whose condition or target is absent, not a string, or
 * already reported by its own checks.
 */
export function crossFieldRules(rules: readonly CrossFieldRule[]): z.core.$ZodCheck<Record<string, unknown>> {
  return zod().superRefine(
    (input: Record<string, unknown>, ctx) => {
    for (const rule of rules) {
      const [member, values] = rule.when;
      const condition = input[member];
      if (typeof condition !== 'string' || !values.includes(condition)) continue;
      for (const target of rule.targets) {
        const value = input[target];
        // A value that already failed its own checks (type, format) is reported once, not again here.
        if (typeof value !== 'string' || ctx.issues.some((issue) => issue.path?.[0] === target)) continue;
        const problem = problemOf(value, rule.constraint);
        if (problem !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [target],
            input: value,
            message: `${problem} when ${member} is "${condition}"`,
            params: { rule: rule.name },
          });
        }
      }
    }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
}
