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

/** One broken cross-field rule: the member whose value breaks it, that value, the rule's name and a message. */
export interface CrossFieldViolation {
  readonly member: string;
  readonly value: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * The cross-field rules an input object breaks. A rule whose condition or target is absent or not a string is
 * skipped, and so is a target for which `alreadyReported` is true or that an earlier rule already flagged (a value is
 * reported once).
 */
export function crossFieldViolations(
  rules: readonly CrossFieldRule[],
  input: Readonly<Record<string, unknown>>,
  alreadyReported: (member: string) => boolean,
): CrossFieldViolation[] {
  const found: CrossFieldViolation[] = [];
  for (const rule of rules) {
    const [member, values] = rule.when;
    const condition = input[member];
    if (typeof condition !== 'string' || !values.includes(condition)) continue;
    for (const target of rule.targets) {
      const value = input[target];
      if (typeof value !== 'string' || alreadyReported(target) || found.some((v) => v.member === target)) continue;
      const problem = problemOf(value, rule.constraint);
      if (problem !== undefined)
        found.push({ member: target, value, rule: rule.name, message: `${problem} when ${member} is "${condition}"` });
    }
  }
  return found;
}

/**
 * A zod check for an object that enforces cross-field rules ({@link crossFieldViolations}). It runs even when other
 * fields have failed, so one call lists every problem.
 */
export function crossFieldRules(rules: readonly CrossFieldRule[]): z.core.$ZodCheck<Record<string, unknown>> {
  return zod().superRefine(
    (input: Record<string, unknown>, ctx) => {
      const reported = (member: string): boolean => ctx.issues.some((issue) => issue.path?.[0] === member);
      for (const v of crossFieldViolations(rules, input, reported)) {
        ctx.addIssue({
          code: 'custom',
          path: [v.member],
          input: v.value,
          message: v.message,
          params: { rule: v.rule },
        });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
}
