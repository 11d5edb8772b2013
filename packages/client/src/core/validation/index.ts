export * from './plain.js';
export { portRangeFormat, ipv4Format, ipv4CidrFormat, ipv4OrCidrFormat } from './formats.js';
export { crossFieldRules } from './rules.js';
export { toValidationIssues, validateInput } from './issues.js';
export { unknownKeyIssue } from './messages.js';
