import type { Member, Operation, Parameter, Shape } from '../model/types.js';

/**
 * Valid camelCase input for an operation, every parameter filled (so that every wire name and style travels),
 * built from the model alone: the first enum value, a bound or 1 for numbers, one item per list, a string that
 * meets the length and pattern. Returns the parameters no value could be found for (a drill failure if required).
 */
export function validInput(op: Operation): { input: Record<string, unknown>; unfilled: string[] } {
  const unfilled: string[] = [];
  const input: Record<string, unknown> = {};
  for (const p of op.parameters) {
    const value = validValue(p.shape, p);
    if (value === undefined) unfilled.push(p.wireName);
    else input[p.name] = value;
  }
  return { input, unfilled };
}

const STRING_SAMPLES = ['abc', '1', 'a1', 'example', '2030-01-01T00:00:00Z', '10.0.0.1', '10.0.0.0/8', 'cn-hangzhou'];

function stringValue(shape: Extract<Shape, { kind: 'string' }>, member: Member | undefined): string | undefined {
  if (shape.enum !== undefined) return shape.enum[0];
  const candidates = [...(member?.doc.example !== undefined ? [member.doc.example] : []), ...STRING_SAMPLES];
  const fits = (s: string): boolean =>
    s.length >= (shape.minLength ?? 0) &&
    s.length <= (shape.maxLength ?? Number.POSITIVE_INFINITY) &&
    (shape.pattern === undefined || new RegExp(shape.pattern, 'u').test(s));
  const padded = 'a'.repeat(Math.max(shape.minLength ?? 1, 1));
  return [...candidates, padded].find(fits);
}

function validValue(shape: Shape, member?: Member): unknown {
  switch (shape.kind) {
    case 'string':
      return stringValue(shape, member);
    case 'integer':
    case 'number': {
      if (shape.kind === 'integer' && shape.enum !== undefined) return shape.enum[0];
      if (shape.minimum !== undefined) return shape.minimum;
      return shape.maximum !== undefined && shape.maximum < 1 ? shape.maximum : 1;
    }
    case 'boolean':
      return true;
    case 'array': {
      const item = validValue(shape.items);
      return item === undefined ? undefined : Array.from({ length: Math.max(shape.minItems ?? 1, 1) }, () => item);
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const m of shape.members) {
        const value = validValue(m.shape, m);
        if (value !== undefined) out[m.name] = value;
      }
      return out;
    }
    case 'freeform':
      return freeformValue(member);
    case 'unknown':
      return undefined;
  }
}

/**
 * A free-form object with at least one key (so its keys travel): the metadata's example where it is a JSON object
 * with keys (KMS's `{"Example":"Example"}`), else `{ Key: 'Value' }` (ESS's example is a list).
 */
function freeformValue(member: Member | undefined): Record<string, unknown> {
  try {
    const example: unknown = JSON.parse(member?.doc.example ?? '');
    if (example !== null && typeof example === 'object' && !Array.isArray(example) && Object.keys(example).length > 0)
      return example as Record<string, unknown>;
  } catch {
    // not JSON: the fallback below
  }
  return { Key: 'Value' };
}

/** camelCase value → wire-named value (for `json` style; a free-form object as given). */
function wireValue(shape: Shape, value: unknown): unknown {
  if (shape.kind === 'array' && Array.isArray(value)) return value.map((v) => wireValue(shape.items, v));
  if (shape.kind === 'object' && value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const m of shape.members) {
      const v = (value as Record<string, unknown>)[m.name];
      if (v !== undefined) out[m.wireName] = wireValue(m.shape, v);
    }
    return out;
  }
  return value;
}

/** `repeatList` / `flat`: `Name.1`, `Name.1.Member` (1-based), each leaf as text. */
function flatten(prefix: string, shape: Shape, value: unknown, out: Map<string, string>): void {
  if (shape.kind === 'array' && Array.isArray(value)) {
    value.forEach((v, i) => {
      flatten(`${prefix}.${i + 1}`, shape.items, v, out);
    });
  } else if (shape.kind === 'object' && value !== null && typeof value === 'object') {
    for (const m of shape.members) {
      const v = (value as Record<string, unknown>)[m.name];
      if (v !== undefined) flatten(`${prefix}.${m.wireName}`, m.shape, v, out);
    }
  } else {
    out.set(prefix, String(value));
  }
}

/**
 * The wire parameters the metadata says a request for `input` carries, by location, written from the model and
 * Alibaba's documented styles (independently of the client's own mapping).
 */
export function expectedWire(
  op: Operation,
  input: Record<string, unknown>,
): Map<string, { value: string; parameter: Parameter }> {
  const expected = new Map<string, { value: string; parameter: Parameter }>();
  for (const p of op.parameters) {
    const value = input[p.name];
    if (value === undefined) continue;
    const out = new Map<string, string>();
    if (p.style === 'json') out.set(p.wireName, JSON.stringify(wireValue(p.shape, value)));
    // `simple` on a list: one parameter, the items joined with commas (Alibaba's arrayToStringWithSpecifiedStyle).
    else if (p.style === 'simple' && Array.isArray(value)) out.set(p.wireName, value.map(String).join(','));
    else if (p.shape.kind === 'array' || p.shape.kind === 'object') flatten(p.wireName, p.shape, value, out);
    else out.set(p.wireName, String(value));
    for (const [name, v] of out) expected.set(name, { value: v, parameter: p });
  }
  return expected;
}
