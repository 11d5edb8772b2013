/**
 * `@ensdk/client/validation`: every operation's input constraints as plain data, and the checker that applies
 * them, without zod. For browsers and other places where bytes count: it reports the same issues as the zod
 * schemas of `@ensdk/client` and `@ensdk/client/models`. No Node built-ins, no signing, no credentials.
 *
 * ```ts
 * import { revokeSecurityGroupEgressInputConstraints, validateWithConstraints } from '@ensdk/client/validation';
 * const input = validateWithConstraints('RevokeSecurityGroupEgress', revokeSecurityGroupEgressInputConstraints, data);
 * ```
 */
export * from './generated/constraints.gen.js';
export { constraintIssues, validateWithConstraints } from './core/validation/constraints.js';
export type {
  ArrayConstraints,
  BooleanConstraints,
  EnumConstraints,
  FieldConstraints,
  IntegerConstraints,
  NumberConstraints,
  ObjectConstraints,
  StringConstraints,
  ValueConstraints,
} from './core/validation/constraints.js';
export { ipv4CidrStringFormat, ipv4OrCidrStringFormat, ipv4StringFormat, portRangeStringFormat } from './core/validation/formats.js';
export type { StringFormat } from './core/validation/formats.js';
export { crossFieldViolations } from './core/validation/rules.js';
export type { CrossFieldRule, CrossFieldViolation, RuleConstraint } from './core/validation/rules.js';
