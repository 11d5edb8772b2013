import type { MetadataSchema } from '../spec/metadataSchema.js';
import type { ParameterOverlay } from '../spec/overlaySchema.js';
import { compareCodeUnits } from '../util/order.js';
import { toCamelCase } from './names.js';
import type { ProblemCollector } from './problems.js';
import type { Doc, Member, ObjectShape, Shape } from './types.js';

function toNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** Documentation of a schema: the overlay's English first, else the metadata's description or title. */
export function docOf(schema: MetadataSchema, english: string | undefined): Doc {
  const text = (english ?? schema.description ?? schema.title ?? '').replace(/\r\n?/g, '\n').trim();
  return {
    text,
    ...(schema.example !== undefined && schema.example !== '' ? { example: schema.example } : {}),
    ...(schema.default !== undefined && schema.default !== '' ? { defaultValue: schema.default } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
  };
}

/** What a schema walk carries down: overlay of the parameter, whether `required` counts, English docs by dotted path. */
export interface WalkContext {
  readonly problems: ProblemCollector;
  readonly enforceRequired: boolean;
  readonly english: Readonly<Record<string, string>>;
  /** Dotted wire path of the current member inside the response, e.g. `SecurityGroups.SecurityGroup`. */
  readonly dotted: string;
  readonly overlay?: ParameterOverlay | undefined;
}

/** Normalises one metadata schema into a {@link Shape}, reporting what cannot be used at its JSON path. */
export function shapeOf(schema: MetadataSchema, path: readonly PropertyKey[], ctx: WalkContext): Shape {
  const { problems } = ctx;
  switch (schema.type) {
    case 'string':
    case undefined: {
      if (schema.type === undefined) problems.add([...path, 'type'], 'a schema type', undefined);
      if (schema.pattern !== undefined) {
        try {
          new RegExp(schema.pattern, 'u');
        } catch {
          problems.add([...path, 'pattern'], 'a valid regular expression', schema.pattern);
        }
      }
      return {
        kind: 'string',
        // The metadata sometimes lists `"enum": []`; an empty list means no enum.
        ...(schema.enum !== undefined && schema.enum.length > 0 ? { enum: [...schema.enum] } : {}),
        ...(ctx.overlay?.caseSensitive !== undefined ? { caseSensitive: ctx.overlay.caseSensitive } : {}),
        ...(ctx.overlay?.format ? { format: ctx.overlay.format } : {}),
        ...(schema.minLength !== undefined ? { minLength: schema.minLength } : {}),
        ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
        ...(schema.pattern !== undefined ? { pattern: schema.pattern } : {}),
      };
    }
    case 'integer': {
      const values = schema.enum !== undefined && schema.enum.length > 0 ? schema.enum.map(Number) : undefined;
      values?.forEach((v, i) => {
        if (!Number.isSafeInteger(v)) problems.add([...path, 'enum', i], 'an integer', schema.enum?.[i]);
      });
      const minimum = toNumber(schema.minimum);
      const maximum = toNumber(schema.maximum);
      if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
        problems.add([...path, 'minimum'], `a minimum not above the maximum ${maximum}`, schema.minimum);
      }
      // int32's own range is implied by `bits` (the emitters check it with z.int32() / `bits: 32`), not filled in.
      return {
        kind: 'integer',
        bits: schema.format === 'int64' ? 64 : 32,
        ...(values ? { enum: values } : {}),
        ...(minimum !== undefined ? { minimum } : {}),
        ...(maximum !== undefined ? { maximum } : {}),
      };
    }
    case 'number':
      return {
        kind: 'number',
        ...(schema.minimum !== undefined ? { minimum: Number(schema.minimum) } : {}),
        ...(schema.maximum !== undefined ? { maximum: Number(schema.maximum) } : {}),
      };
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      if (schema.items === undefined) {
        problems.add([...path, 'items'], 'an items schema for an array', undefined);
        return { kind: 'array', items: { kind: 'string' } };
      }
      return {
        kind: 'array',
        items: shapeOf(schema.items, [...path, 'items'], { ...ctx, overlay: undefined }),
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
      };
    case 'object':
      return objectShape(schema, path, ctx);
  }
}

/** Normalises an object schema: members in wire-name order, camelCase names that must stay distinct. */
export function objectShape(schema: MetadataSchema, path: readonly PropertyKey[], ctx: WalkContext): ObjectShape {
  const members: Member[] = [];
  const seen = new Map<string, string>();
  for (const [wireName, property] of Object.entries(schema.properties ?? {}).sort(([a], [b]) =>
    compareCodeUnits(a, b),
  )) {
    const name = toCamelCase(wireName);
    const propertyPath = [...path, 'properties', wireName];
    const clash = seen.get(name);
    if (clash !== undefined)
      ctx.problems.add(propertyPath, `a name distinct from "${clash}" once camel-cased (${name})`, wireName);
    seen.set(name, wireName);
    const dotted = ctx.dotted === '' ? wireName : `${ctx.dotted}.${wireName}`;
    members.push({
      name,
      wireName,
      required: ctx.enforceRequired && property.required === true,
      doc: docOf(property, ctx.english[dotted]),
      shape: shapeOf(property, propertyPath, { ...ctx, dotted, overlay: undefined }),
    });
  }
  return { kind: 'object', members };
}
