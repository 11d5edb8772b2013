import type { MetadataSchema } from '../spec/metadataSchema.js';
import type { ParameterOverlay } from '../spec/overlaySchema.js';
import { compareCodeUnits } from '../util/order.js';
import { toCamelCase } from './names.js';
import type { ProblemCollector } from './problems.js';
import type { RepairLog } from './repairs.js';
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

/**
 * Whether the metadata requires a value. `required` and `docRequired` (what the documentation page shows) often
 * disagree; a value is required only when both say so: the client validates before sending, so a wrong "required"
 * would make a valid call impossible, while a wrong "optional" costs one answer from the server (MissingParameter).
 */
export function isRequired(schema: MetadataSchema, path: readonly PropertyKey[], repairs: RepairLog): boolean {
  const required = schema.required === true;
  if (schema.docRequired === undefined || schema.docRequired === required) return required;
  repairs.add(
    [...path, 'docRequired'],
    'required-disagrees',
    `required is ${required}, docRequired ${schema.docRequired}: optional (the server stays the judge)`,
    schema.docRequired,
  );
  return false;
}

/** What a schema walk carries down: overlay of the parameter, whether `required` counts, English docs by dotted path. */
export interface WalkContext {
  readonly problems: ProblemCollector;
  readonly repairs: RepairLog;
  /** Request values must be sendable (undescribed ones become strings); response values may be `unknown`. */
  readonly side: 'request' | 'response';
  readonly enforceRequired: boolean;
  readonly english: Readonly<Record<string, string>>;
  /**
   * Whether the value travels JSON-encoded (inside a `json`-style request parameter), so that an object the metadata
   * gives no members has a defined wire form: the object as given.
   */
  readonly jsonEncoded?: boolean;
  /** Dotted wire path of the current member inside the response, e.g. `SecurityGroups.SecurityGroup`. */
  readonly dotted: string;
  readonly overlay?: ParameterOverlay | undefined;
}

/** Normalises one metadata schema into a {@link Shape}, reporting what cannot be used at its JSON path. */
export function shapeOf(schema: MetadataSchema, path: readonly PropertyKey[], ctx: WalkContext): Shape {
  const { problems } = ctx;
  if (schema.$ref !== undefined) {
    problems.add(
      [...path, '$ref'],
      'a schema written out (RPC metadata has no $ref; ROA is not supported yet)',
      schema.$ref,
    );
    return { kind: 'string' };
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    if (ctx.side === 'response') {
      ctx.repairs.add(
        [...path, 'additionalProperties'],
        'map',
        'a map in a response: unknown, passed through as received',
      );
      return { kind: 'unknown' };
    }
    problems.add(
      [...path, 'additionalProperties'],
      'no map in a request (its wire form is not defined for RPC)',
      schema.additionalProperties,
    );
    return { kind: 'string' };
  }
  if (schema.type === undefined || schema.type === 'any') {
    const kind = schema.type === undefined ? 'schema-without-type' : 'any-type';
    const what = schema.type === undefined ? 'a schema without a type' : 'type "any"';
    if (ctx.side === 'response') {
      ctx.repairs.add([...path, 'type'], kind, `${what} in a response: unknown, passed through as received`);
      return { kind: 'unknown' };
    }
    ctx.repairs.add([...path, 'type'], kind, `${what} in a request: a string, sent as written`);
    return shapeOf({ ...schema, type: 'string' }, path, ctx);
  }
  switch (schema.type) {
    case 'string': {
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
        const items = ctx.side === 'response' ? 'unknown values, passed through as received' : 'strings';
        ctx.repairs.add([...path, 'items'], 'array-without-items', `an array without items: a list of ${items}`);
        return { kind: 'array', items: ctx.side === 'response' ? { kind: 'unknown' } : { kind: 'string' } };
      }
      return {
        kind: 'array',
        items: shapeOf(schema.items, [...path, 'items'], { ...ctx, overlay: undefined }),
        ...(schema.minItems !== undefined ? { minItems: schema.minItems } : {}),
        ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}),
      };
    case 'object':
      if (schema.additionalProperties === undefined && Object.keys(schema.properties ?? {}).length === 0)
        return freeformShape(schema, path, ctx);
      return objectShape(schema, path, ctx);
  }
}

/**
 * An object the metadata gives no members and no `additionalProperties`: in a response, `unknown`, passed through as
 * received (the metadata's examples show strings and lists there too); in a `json`-style request parameter, a
 * free-form object sent JSON-encoded as given (what Alibaba's clients send); in any other request style, an error
 * (such an object's wire form is not defined, and no metadata file has one).
 */
function freeformShape(schema: MetadataSchema, path: readonly PropertyKey[], ctx: WalkContext): Shape {
  const at = schema.properties === undefined ? [...path, 'type'] : [...path, 'properties'];
  if (ctx.side === 'response') {
    ctx.repairs.add(
      at,
      'object-without-properties',
      'an object without properties in a response: unknown, passed through as received',
    );
    return { kind: 'unknown' };
  }
  if (ctx.jsonEncoded === true) {
    ctx.repairs.add(
      at,
      'object-without-properties',
      'an object without properties in a json-style request parameter: any keys, sent JSON-encoded as given',
    );
    return { kind: 'freeform' };
  }
  ctx.problems.add(
    at,
    'an object without properties only in a style "json" parameter (its wire form is not defined otherwise)',
    schema.properties ?? schema.type,
  );
  return { kind: 'string' };
}

/**
 * A camelCase name no earlier sibling has: siblings such as `Key` and `key` (both sent, as `Tag.1.Key` and
 * `Tag.1.key`) would both be `key`; the first in code-unit order keeps it, the next gets `key2`, and so on.
 */
export function distinctName(
  name: string,
  wireName: string,
  seen: Map<string, string>,
  path: readonly PropertyKey[],
  repairs: RepairLog,
): string {
  let candidate = name;
  for (let n = 2; seen.has(candidate); n++) candidate = `${name}${n}`;
  if (candidate !== name)
    repairs.add(
      path,
      'member-name-clash',
      `"${wireName}" is "${name}" once camel-cased, as "${seen.get(name)}" is: named "${candidate}"`,
    );
  seen.set(candidate, wireName);
  return candidate;
}

/** Normalises an object schema: members in wire-name order, camelCase names that must stay distinct. */
export function objectShape(schema: MetadataSchema, path: readonly PropertyKey[], ctx: WalkContext): ObjectShape {
  const members: Member[] = [];
  const seen = new Map<string, string>();
  for (const [wireName, property] of Object.entries(schema.properties ?? {}).sort(([a], [b]) =>
    compareCodeUnits(a, b),
  )) {
    const propertyPath = [...path, 'properties', wireName];
    const name = distinctName(toCamelCase(wireName), wireName, seen, propertyPath, ctx.repairs);
    const dotted = ctx.dotted === '' ? wireName : `${ctx.dotted}.${wireName}`;
    members.push({
      name,
      wireName,
      required: ctx.enforceRequired && isRequired(property, propertyPath, ctx.repairs),
      doc: docOf(property, ctx.english[dotted]),
      shape: shapeOf(property, propertyPath, { ...ctx, dotted, overlay: undefined }),
    });
  }
  return { kind: 'object', members };
}
