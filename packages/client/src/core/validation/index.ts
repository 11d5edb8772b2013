export { parsePortRange, portRangeProblem, isIpv4, isIpv4Cidr, portRangeFormat, ipv4Format, ipv4CidrFormat, ipv4OrCidrFormat } from './formats.js';
export type { PortRange } from './formats.js';
export { crossFieldRules } from './rules.js';
export type { CrossFieldRule, RuleConstraint } from './rules.js';
export { toValidationIssues, validateInput } from './issues.js';
