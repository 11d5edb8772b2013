/**
 * The zod-free part of validation: generated constraints and their checker, string formats and cross-field rules.
 * `@ensdk/client/validation` exports exactly this; `core/validation/index.ts` adds the zod checks on top.
 */
export { constraintIssues, validateWithConstraints } from './constraints.js';
export type {
  ArrayConstraints,
  BooleanConstraints,
  EnumConstraints,
  FieldConstraints,
  FreeformConstraints,
  IntegerConstraints,
  NumberConstraints,
  ObjectConstraints,
  StringConstraints,
  ValueConstraints,
} from './constraints.js';
export {
  ipv4CidrStringFormat,
  ipv4OrCidrStringFormat,
  ipv4StringFormat,
  isIpv4,
  isIpv4Cidr,
  parsePortRange,
  portRangeProblem,
  portRangeStringFormat,
} from './formats.js';
export type { PortRange, StringFormat } from './formats.js';
export { crossFieldViolations } from './rules.js';
export { checkIntegerOption, MAX_TIMER_MS } from './numberOption.js';
export type { CrossFieldRule, CrossFieldViolation, RuleConstraint } from './rules.js';
