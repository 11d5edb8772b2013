/**
 * The two validators the generator emits from one model, the zod/mini schemas (Node) and the plain constraints
 * checked without zod (browsers, `@ensdk/client/validation`), must agree on every input of every operation: the
 * same issues (path, rule, message) in the same order. Inputs are drawn from each operation's constraints, valid and
 * broken in every way the constraints can be broken, plus values of the wrong type and unknown keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import * as client from '../src/models.js';
import { constraintIssues, type ObjectConstraints, type ValueConstraints } from '../src/core/validation/constraints.js';
import { toValidationIssues } from '../src/core/validation/issues.js';

/** Values of the wrong type for any field. */
const junk = fc.constantFrom<unknown>(
  null,
  true,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  [],
  {},
  ['a'],
  2 ** 31,
  2 ** 53,
);

const formatSamples = [
  '22/22',
  '1/65535',
  '-1/-1',
  '200/1',
  '0/0',
  '1/70000',
  '22',
  'a/b',
  '10.0.0.1',
  '10.0.0.0/8',
  '256.0.0.1',
  '10.0.0.0/33',
  '01.2.3.4',
  '',
];

function stringValue(c: Extract<ValueConstraints, { type: 'string' }>): fc.Arbitrary<unknown> {
  const lengths = [c.minLength, c.maxLength].flatMap((n) =>
    n === undefined ? [] : [n - 1, n, n + 1].filter((k) => k >= 0),
  );
  return fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(...formatSamples),
    lengths.length > 0 ? fc.constantFrom(...lengths).map((n) => 'a'.repeat(n)) : fc.constant('abc'),
    junk,
  );
}

function numberValue(c: Extract<ValueConstraints, { type: 'integer' | 'number' }>): fc.Arbitrary<unknown> {
  const edges = [c.minimum, c.maximum].flatMap((n) => (n === undefined ? [] : [n - 1, n, n + 1, n + 0.5]));
  return fc.oneof(
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, 1, -2147483649, 2147483648, 2 ** 53, -(2 ** 53), ...edges),
    junk,
  );
}

/** An arbitrary drawn from constraints: mostly plausible values, sometimes anything. */
function valueFor(c: ValueConstraints, depth = 0): fc.Arbitrary<unknown> {
  switch (c.type) {
    case 'string':
      return stringValue(c);
    case 'enum': {
      const values = c.values;
      const cased: (string | number)[] = values.flatMap((v): (string | number)[] =>
        typeof v === 'string' ? [v.toUpperCase(), v.toLowerCase()] : [v + 1],
      );
      return fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: fc.constantFrom(...cased) },
        { weight: 1, arbitrary: junk },
      );
    }
    case 'integer':
    case 'number':
      return numberValue(c);
    case 'boolean':
      return fc.oneof(fc.boolean(), junk);
    case 'array': {
      const most = Math.min(c.maxItems ?? 4, 4) + 1;
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(valueFor(c.items, depth + 1), { maxLength: most }) },
        { weight: 1, arbitrary: junk },
      );
    }
    case 'freeform':
      return fc.oneof(
        { weight: 3, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })) },
        { weight: 1, arbitrary: fc.constantFrom<unknown>(new Date(0), Object.create(null), { __proto__: null, a: 1 }) },
        { weight: 2, arbitrary: junk },
      );
    case 'object':
      return depth > 3 ? junk : objectFor(c, depth + 1);
  }
}

/** An object with each member present or not, sometimes with unknown keys, sometimes not an object at all. */
function objectFor(c: ObjectConstraints, depth = 0): fc.Arbitrary<unknown> {
  const members = Object.fromEntries(Object.entries(c.fields).map(([name, field]) => [name, valueFor(field, depth)]));
  const record = fc.record(members, { requiredKeys: [] });
  const extra = fc.dictionary(
    fc.constantFrom('extra', 'PortRange', 'ipprotocol', '__proto__', 'constructor', 'toString'),
    fc.constant('x'),
    { maxKeys: 2 },
  );
  const withExtra = fc.tuple(record, extra).map(([known, unknown]) => {
    const merged: Record<string, unknown> = { ...known };
    for (const [key, value] of Object.entries(unknown))
      Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
    return merged;
  });
  return fc.oneof(
    { weight: 6, arbitrary: record },
    { weight: 2, arbitrary: withExtra },
    { weight: 1, arbitrary: junk },
  );
}

interface OperationUnderTest {
  readonly action: string;
  readonly schema: () => {
    safeParse(
      input: unknown,
      params?: { reportInput?: boolean },
    ): { success: boolean; error?: { issues: readonly unknown[] } };
  };
  readonly constraints: ObjectConstraints;
}

const operations: OperationUnderTest[] = Object.entries(client)
  .filter(([name]) => name.endsWith('InputConstraints'))
  .map(([name, constraints]) => {
    const stem = name.slice(0, -'InputConstraints'.length);
    const schema = (client as Record<string, unknown>)[`${stem}InputSchema`];
    const definition = (client as Record<string, unknown>)[`${stem}Operation`] as { action: string };
    return {
      action: definition.action,
      schema: schema as OperationUnderTest['schema'],
      constraints: constraints as ObjectConstraints,
    };
  });

function zodIssues(op: OperationUnderTest, input: unknown): unknown[] {
  const result = op.schema().safeParse(input, { reportInput: true });
  return result.success ? [] : toValidationIssues(result.error!.issues as Parameters<typeof toValidationIssues>[0]);
}

describe('zod schemas and zod-free constraints agree', () => {
  it('covers every operation', () => {
    expect(operations).toHaveLength(231);
  });

  it.each(operations.map((op) => [op.action, op] as const))('%s', (_action, op) => {
    fc.assert(
      fc.property(objectFor(op.constraints), (input) => {
        expect(constraintIssues(op.constraints, input)).toEqual(zodIssues(op, input));
      }),
      { numRuns: 60 },
    );
  });

  it('a free-form object (what the generator emits for an object without properties): any keys, never a list', () => {
    // ENS has no such parameter; KMS's EncryptionContext is one. The generator writes z.looseObject({}) and
    // { type: 'freeform' } for it (tools/codegen/src/emit/shapes.ts).
    const op: OperationUnderTest = {
      action: 'Encrypt',
      schema: () => z.strictObject({ keyId: z.string(), encryptionContext: z.optional(z.looseObject({})) }),
      constraints: {
        type: 'object',
        fields: { keyId: { type: 'string' }, encryptionContext: { type: 'freeform', optional: true } },
      },
    };
    expect(constraintIssues(op.constraints, { keyId: 'k', encryptionContext: { Example: 'Example', n: [1] } })).toEqual(
      [],
    );
    expect(constraintIssues(op.constraints, { keyId: 'k', encryptionContext: ['a'] })).toEqual([
      { path: 'encryptionContext', rule: 'type', message: 'must be an object; got ["a"]' },
    ]);
    fc.assert(
      fc.property(objectFor(op.constraints), (input) => {
        expect(constraintIssues(op.constraints, input)).toEqual(zodIssues(op, input));
      }),
      { numRuns: 2000 },
    );
  });

  it('RevokeSecurityGroupEgress: many more inputs, including the cross-field rules', () => {
    const op = operations.find((o) => o.action === 'RevokeSecurityGroupEgress')!;
    fc.assert(
      fc.property(objectFor(op.constraints), (input) => {
        expect(constraintIssues(op.constraints, input)).toEqual(zodIssues(op, input));
      }),
      { numRuns: 3000 },
    );
  });
});
