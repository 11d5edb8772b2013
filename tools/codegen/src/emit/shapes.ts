import type { CodeBlockWriter } from 'ts-morph';
import type { Doc, Member, ObjectShape, Shape } from '../model/types.js';
import { docText, escapeDoc, propertyKey, quote, wireNameNote } from './common.js';

/**
 * Which way a type goes. Inputs take readonly arrays; outputs have plain ones, and an int64 output is
 * `number | \`${bigint}\``: the clients parse answers losslessly, so a value beyond `Number.MAX_SAFE_INTEGER`
 * arrives as its exact decimal string.
 */
export interface TypeOptions {
  readonly direction: 'input' | 'output';
}

/** TSDoc line of an output member that may hold an unsafe int64 as text. */
export const LOSSLESS_INT64_DOC = 'A decimal string when beyond `Number.MAX_SAFE_INTEGER`.';

/** Whether an output value of this shape (or its list's items) may arrive as a decimal string. */
export function mayBeDecimalString(shape: Shape): boolean {
  if (shape.kind === 'array') return mayBeDecimalString(shape.items);
  return shape.kind === 'integer' && shape.bits === 64 && shape.enum === undefined;
}

/** Writes the TypeScript type of a shape (inline object types carry TSDoc per member). */
export function writeType(w: CodeBlockWriter, shape: Shape, options: TypeOptions): void {
  switch (shape.kind) {
    case 'string':
      w.write(shape.enum ? shape.enum.map(quote).join(' | ') : 'string');
      return;
    case 'integer':
      w.write(
        shape.enum
          ? shape.enum.join(' | ')
          : options.direction === 'output' && mayBeDecimalString(shape)
            ? `number | \`\${bigint}\``
            : 'number',
      );
      return;
    case 'number':
      w.write('number');
      return;
    case 'boolean':
      w.write('boolean');
      return;
    case 'array': {
      const item = shape.items;
      const needsParens =
        (item.kind === 'string' && (item.enum?.length ?? 0) > 1) ||
        (item.kind === 'integer' && (item.enum?.length ?? 0) > 1) ||
        (options.direction === 'output' && mayBeDecimalString(item));
      if (options.direction === 'input') w.write('readonly ');
      if (needsParens) w.write('(');
      writeType(w, item, options);
      if (needsParens) w.write(')');
      w.write('[]');
      return;
    }
    case 'unknown':
      w.write('unknown');
      return;
    case 'freeform':
      w.write(options.direction === 'input' ? 'Readonly<Record<string, unknown>>' : 'Record<string, unknown>');
      return;
    case 'object':
      writeObjectType(w, shape, options);
  }
}

function writeObjectType(w: CodeBlockWriter, shape: ObjectShape, options: TypeOptions): void {
  if (shape.members.length === 0) {
    w.write('Record<string, never>');
    return;
  }
  w.inlineBlock(() => {
    for (const member of shape.members) {
      writeDoc(w, docText(memberDoc(member.doc, options), memberDocLines(member, options)));
      w.write(`${propertyKey(member.name)}${member.required ? '' : '?'}: `);
      writeType(w, member.shape, options);
      w.write(';').newLine();
    }
  });
}

/**
 * The lines a member's TSDoc adds to its description: its wire name where it is not the capitalised field name
 * (`wireNameNote`), and for a lossless int64 output, the string.
 */
export function memberDocLines(member: Member, options: TypeOptions): string[] {
  const lines = wireNameNote(member.name, member.wireName);
  if (options.direction === 'output' && mayBeDecimalString(member.shape)) lines.push(LOSSLESS_INT64_DOC);
  return lines;
}

/**
 * A member's documentation as its TSDoc shows it: inputs keep the metadata's `@example` (what to send); outputs do not
 * (the service writes them; the reference pages keep them): their examples were about 50 KiB of the declarations.
 */
export function memberDoc(doc: Doc, options: TypeOptions): Doc {
  if (options.direction === 'input' || doc.example === undefined) return doc;
  const { example: _example, ...rest } = doc;
  return rest;
}

/** Writes a `/** ... *\/` block. */
export function writeDoc(w: CodeBlockWriter, text: string): void {
  const lines = text.split('\n');
  if (lines.length === 1) {
    w.writeLine(`/** ${lines[0]} */`);
    return;
  }
  w.writeLine('/**');
  for (const line of lines) w.writeLine(line === '' ? ' *' : ` * ${line}`);
  w.writeLine(' */');
}

/** Names of the hand-written zod checks the generated schemas may use, keyed by overlay format. */
export const FORMAT_CHECKS = {
  'port-range': 'portRangeFormat',
  ipv4: 'ipv4Format',
  'ipv4-cidr': 'ipv4CidrFormat',
  'ipv4-or-cidr': 'ipv4OrCidrFormat',
} as const;

/** Collects which format checks a schema used, so the file imports exactly those. */
export type UsedChecks = Set<(typeof FORMAT_CHECKS)[keyof typeof FORMAT_CHECKS]>;

function checks(w: CodeBlockWriter, list: readonly string[]): void {
  if (list.length > 0) w.write(`.check(${list.join(', ')})`);
}

/** Writes the `zod/mini` schema of a shape. */
export function writeZod(w: CodeBlockWriter, shape: Shape, used: UsedChecks): void {
  switch (shape.kind) {
    case 'string': {
      if (shape.enum) {
        w.write(`z.enum([${shape.enum.map(quote).join(', ')}])`);
        return;
      }
      w.write('z.string()');
      const list: string[] = [];
      if (shape.minLength !== undefined) list.push(`z.minLength(${shape.minLength})`);
      if (shape.maxLength !== undefined) list.push(`z.maxLength(${shape.maxLength})`);
      if (shape.pattern !== undefined) list.push(`z.regex(new RegExp(${quote(shape.pattern)}, 'u'))`);
      if (shape.format !== undefined) {
        const check = FORMAT_CHECKS[shape.format];
        used.add(check);
        list.push(`${check}()`);
      }
      checks(w, list);
      return;
    }
    case 'integer': {
      if (shape.enum) {
        w.write(`z.literal([${shape.enum.join(', ')}])`);
        return;
      }
      w.write(shape.bits === 32 ? 'z.int32()' : 'z.int()');
      const list: string[] = [];
      if (shape.minimum !== undefined) list.push(`z.minimum(${shape.minimum})`);
      if (shape.maximum !== undefined) list.push(`z.maximum(${shape.maximum})`);
      checks(w, list);
      return;
    }
    case 'number': {
      w.write('z.number()');
      const list: string[] = [];
      if (shape.minimum !== undefined) list.push(`z.minimum(${shape.minimum})`);
      if (shape.maximum !== undefined) list.push(`z.maximum(${shape.maximum})`);
      checks(w, list);
      return;
    }
    case 'boolean':
      w.write('z.boolean()');
      return;
    case 'array': {
      w.write('z.array(');
      writeZod(w, shape.items, used);
      w.write(')');
      const list: string[] = [];
      if (shape.minItems !== undefined) list.push(`z.minLength(${shape.minItems})`);
      if (shape.maxItems !== undefined) list.push(`z.maxLength(${shape.maxItems})`);
      checks(w, list);
      return;
    }
    case 'unknown':
      throw new Error('a request value is never unknown (the model makes undescribed request values strings)');
    case 'freeform':
      // Any object (not null, not a list), every key kept: the same test as strictObject's, without the key check.
      w.write('z.looseObject({})');
      return;
    case 'object':
      writeZodObject(w, shape.members, used);
  }
}

/** Names of the hand-written string formats the generated constraints may use, keyed by overlay format. */
export const STRING_FORMATS = {
  'port-range': 'portRangeStringFormat',
  ipv4: 'ipv4StringFormat',
  'ipv4-cidr': 'ipv4CidrStringFormat',
  'ipv4-or-cidr': 'ipv4OrCidrStringFormat',
} as const;

/** Collects which string formats the constraints used, so the file imports exactly those. */
export type UsedFormats = Set<(typeof STRING_FORMATS)[keyof typeof STRING_FORMATS]>;

/**
 * Gives the expression written for a leaf constraint (a constraint with no constraint inside, such as
 * `{ type: 'string', optional: true }`), from its source text: the text itself by default; a file that names repeated
 * leaves once (the browser class's groups) returns a constant's name.
 */
export type LeafConstraint = (source: string) => string;

/** `key: value` pairs of the bounds that are set, in a fixed order. */
function boundEntries(bounds: Readonly<Record<string, number | undefined>>): string[] {
  return Object.entries(bounds).flatMap(([key, value]) => (value !== undefined ? [`${key}: ${value}`] : []));
}

/**
 * Writes the plain-data constraints of a shape (`@ensdk/client/validation`), checked without zod in browsers. They
 * state exactly what {@link writeZod} states, bound for bound, so both validators report the same issues.
 */
export function writeConstraints(
  w: CodeBlockWriter,
  shape: Shape,
  used: UsedFormats,
  optional = false,
  leaf: LeafConstraint = (source) => source,
): void {
  const entries: string[] = [];
  switch (shape.kind) {
    case 'string':
      if (shape.enum) {
        entries.push("type: 'enum'", `values: [${shape.enum.map(quote).join(', ')}]`);
        break;
      }
      entries.push("type: 'string'", ...boundEntries({ minLength: shape.minLength, maxLength: shape.maxLength }));
      if (shape.pattern !== undefined) entries.push(`pattern: ${quote(shape.pattern)}`);
      if (shape.format !== undefined) {
        const format = STRING_FORMATS[shape.format];
        used.add(format);
        entries.push(`format: ${format}`);
      }
      break;
    case 'integer': {
      if (shape.enum) {
        entries.push("type: 'enum'", `values: [${shape.enum.join(', ')}]`);
        break;
      }
      entries.push(
        "type: 'integer'",
        `bits: ${shape.bits}`,
        ...boundEntries({ minimum: shape.minimum, maximum: shape.maximum }),
      );
      break;
    }
    case 'number':
      entries.push("type: 'number'", ...boundEntries({ minimum: shape.minimum, maximum: shape.maximum }));
      break;
    case 'boolean':
      entries.push("type: 'boolean'");
      break;
    case 'array':
      w.write("{ type: 'array', items: ");
      writeConstraints(w, shape.items, used, false, leaf);
      w.write(
        [
          ...boundEntries({ minItems: shape.minItems, maxItems: shape.maxItems }),
          ...(optional ? ['optional: true'] : []),
        ]
          .map((e) => `, ${e}`)
          .join(''),
      );
      w.write(' }');
      return;
    case 'unknown':
      throw new Error('a request value is never unknown (the model makes undescribed request values strings)');
    case 'freeform':
      entries.push("type: 'freeform'");
      break;
    case 'object':
      writeObjectConstraints(w, shape.members, used, undefined, optional, leaf);
      return;
  }
  if (optional) entries.push('optional: true');
  w.write(leaf(`{ ${entries.join(', ')} }`));
}

/** Writes `{ type: 'object', fields: {...}, rules? }` for members; `rules` is an expression naming the cross-field rules. */
export function writeObjectConstraints(
  w: CodeBlockWriter,
  members: readonly Member[],
  used: UsedFormats,
  rules?: string,
  optional = false,
  leaf?: LeafConstraint,
): void {
  w.write("{ type: 'object', fields: ");
  if (members.length === 0) w.write('{}');
  else {
    w.inlineBlock(() => {
      for (const member of members) {
        w.write(`${propertyKey(member.name)}: `);
        writeConstraints(w, member.shape, used, !member.required, leaf);
        w.write(',').newLine();
      }
    });
  }
  if (rules !== undefined) w.write(`, rules: ${rules}`);
  if (optional) w.write(', optional: true');
  w.write(' }');
}

/** Writes `z.strictObject({...})` for members: unknown keys are rejected (a typo is an error, not a silent drop). */
export function writeZodObject(w: CodeBlockWriter, members: readonly Member[], used: UsedChecks): void {
  w.write('z.strictObject(');
  w.inlineBlock(() => {
    for (const member of members) {
      w.write(`${propertyKey(member.name)}: `);
      if (!member.required) w.write('z.optional(');
      writeZod(w, member.shape, used);
      if (!member.required) w.write(')');
      w.write(',').newLine();
    }
  });
  w.write(')');
}

/** Writes the wire mapping of an object shape (`{ kind: 'object', fields: [...] }`). */
export function writeWireObject(w: CodeBlockWriter, shape: ObjectShape): void {
  w.write("{ kind: 'object', fields: [");
  if (shape.members.length > 0) {
    w.indent(() => {
      for (const member of shape.members) {
        writeWireField(w, member);
        w.write(',').newLine();
      }
    });
  }
  w.write('] }');
}

function hasStructure(shape: Shape): boolean {
  return shape.kind === 'object' || (shape.kind === 'array' && hasStructure(shape.items));
}

/** The wire type of a non-string scalar (the wire carries text; a reader needs to know what to parse it as). */
function scalarType(shape: Shape): 'integer' | 'number' | 'boolean' | undefined {
  return shape.kind === 'integer' || shape.kind === 'number' || shape.kind === 'boolean' ? shape.kind : undefined;
}

function writeWireShape(w: CodeBlockWriter, shape: Shape): void {
  if (shape.kind === 'object') {
    writeWireObject(w, shape);
  } else if (shape.kind === 'array') {
    w.write("{ kind: 'array'");
    if (hasStructure(shape.items)) {
      w.write(', items: ');
      writeWireShape(w, shape.items);
    } else {
      const itemType = scalarType(shape.items);
      if (itemType !== undefined) w.write(`, itemType: ${quote(itemType)}`);
    }
    w.write(' }');
  }
}

/** Writes one `{ name, wire, shape? }` field mapping; `extra` adds keys such as `style`. */
/**
 * Writes a member's wire mapping. `wire` is left out where it is the name with its first letter capitalised:
 * `defineOperation` (client core/operation.ts) fills it in when the operation's module loads.
 */
export function writeWireField(w: CodeBlockWriter, member: Member, extra = ''): void {
  const type = scalarType(member.shape);
  w.write(
    `{ name: ${quote(member.name)}${wireNameNote(member.name, member.wireName).length > 0 ? `, wire: ${quote(member.wireName)}` : ''}${type !== undefined ? `, type: ${quote(type)}` : ''}${extra}`,
  );
  if (member.shape.kind === 'object' || member.shape.kind === 'array') {
    w.write(', shape: ');
    writeWireShape(w, member.shape);
  }
  w.write(' }');
}

/** One-line TSDoc-safe summary: the first sentence or line of a text. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return escapeDoc(line.trim());
}
