export { parsePortRange, portRangeProblem, isIpv4, isIpv4Cidr, portRangeFormat, ipv4Format, ipv4CidrFormat, ipv4OrCidrFormat } from './formats.js';
export { portRangeStringFormat, ipv4StringFormat, ipv4CidrStringFormat, ipv4OrCidrStringFormat } from './formats.js';
export type { PortRange, StringFormat } from './formats.js';
export { crossFieldRules, crossFieldViolations } from './rules.js';
export type { CrossFieldRule, CrossFieldViolation, RuleConstraint } from './rules.js';
export { toValidationIssues, validateInput } from './issues.js';
export { constraintIssues, validateWithConstraints } from './constraints.js';
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
} from './constraints.js';
