import type {
  FieldConstraints,
  ObjectConstraints,
  RuleConstraint,
  ValueConstraints,
} from '../../src/core/validation/plain.js';

/** Samples tried, in order, for a string with a format or a pattern: the first one the constraints accept wins. */
const STRING_SAMPLES = ['22/22', '10.0.0.0/8', '192.168.1.1', 'a'];

function stringValue(c: Extract<ValueConstraints, { type: 'string' }>): string {
  const length = Math.max(c.minLength ?? 1, 1);
  for (const sample of STRING_SAMPLES) {
    if (c.format !== undefined && c.format.problem(sample) !== undefined) continue;
    if (c.pattern !== undefined && !new RegExp(`^(?:${c.pattern})$`, 'u').test(sample)) continue;
    if (sample === 'a') return 'a'.repeat(Math.min(length, c.maxLength ?? length));
    return sample;
  }
  throw new Error(`no sample fits the string constraints ${JSON.stringify(c)}`);
}

function ruleValue(constraint: RuleConstraint): string {
  if ('equals' in constraint) return constraint.equals;
  if ('oneOf' in constraint) return constraint.oneOf[0] ?? '';
  const port = Math.max(constraint.portRange.minimum, 1);
  return `${port}/${port}`;
}

/**
 * A value the constraints accept, with every optional member filled too (so that every parameter travels):
 * the first enum value, a bound or 1 for numbers, one item for lists, a sample for strings; cross-field rules are
 * then met by giving their targets what the rule demands.
 */
export function validValue(c: ValueConstraints | FieldConstraints): unknown {
  switch (c.type) {
    case 'string':
      return stringValue(c);
    case 'enum':
      return c.values[0];
    case 'integer':
    case 'number':
      return c.minimum ?? (c.maximum !== undefined && c.maximum < 1 ? c.maximum : 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(c.minItems ?? 1, 1) }, () => validValue(c.items));
    case 'freeform':
      return { Key: 'Value' };
    case 'object':
      return validObject(c);
  }
}

function validObject(c: ObjectConstraints): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(c.fields)) value[name] = validValue(field);
  for (const rule of c.rules ?? []) {
    const [member, values] = rule.when;
    if (typeof value[member] === 'string' && values.includes(value[member])) {
      for (const target of rule.targets) if (target in value) value[target] = ruleValue(rule.constraint);
    }
  }
  return value;
}

/** A valid input with every member filled, for an operation's input constraints. */
export function validInput(constraints: ObjectConstraints): Record<string, unknown> {
  return validObject(constraints);
}
