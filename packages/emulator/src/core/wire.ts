import type {
  OperationDefinition,
  RequestParameter,
  WireField,
  WireObjectShape,
  WireScalarType,
  WireShape,
} from '@ensdk/client/models';
import { EmulatorError } from './emulatorError.js';

function invalid(wire: string, message: string): EmulatorError {
  return new EmulatorError(
    `InvalidParameter.${wire.split('.')[0]}`,
    400,
    `The specified field ${wire} invalid. ${message}`,
  );
}

/** Text to the scalar type the model declares; text that does not parse stays text, so the schema rejects it. */
function scalar(text: string, type: WireScalarType | undefined): unknown {
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** A JSON value with wire names → the same with camelCase names (json-style parameters). */
function fromJsonWire(value: unknown, shape: WireShape | undefined): unknown {
  if (shape === undefined || value === null || typeof value !== 'object') return value;
  if (shape.kind === 'array')
    return Array.isArray(value) ? value.map((item) => fromJsonWire(item, shape.items)) : value;
  const out: Record<string, unknown> = {};
  for (const field of shape.fields) {
    const member = (value as Record<string, unknown>)[field.wire];
    if (member !== undefined) out[field.name] = fromJsonWire(member, field.shape);
  }
  return out;
}

/** Rebuilds a flattened (`repeatList` / `flat`) value from `Name.1.Key=...` style parameters. */
function unflatten(
  prefix: string,
  params: ReadonlyMap<string, string>,
  field: Pick<WireField, 'type' | 'shape'>,
): unknown {
  const shape = field.shape;
  if (shape === undefined) {
    const text = params.get(prefix);
    return text === undefined ? undefined : scalar(text, field.type);
  }
  if (shape.kind === 'array') {
    const items: unknown[] = [];
    for (let i = 1; ; i++) {
      const itemPrefix = `${prefix}.${i}`;
      const present = [...params.keys()].some((k) => k === itemPrefix || k.startsWith(`${itemPrefix}.`));
      if (!present) break;
      items.push(unflatten(itemPrefix, params, { type: shape.itemType, shape: shape.items }));
    }
    return items.length > 0 ? items : undefined;
  }
  const out: Record<string, unknown> = {};
  for (const member of shape.fields) {
    const value = unflatten(`${prefix}.${member.wire}`, params, member);
    if (value !== undefined) out[member.name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function readParameter(parameter: RequestParameter, params: ReadonlyMap<string, string>): unknown {
  if (parameter.style === 'json') {
    const text = params.get(parameter.wire);
    if (text === undefined) return undefined;
    try {
      return fromJsonWire(JSON.parse(text), parameter.shape);
    } catch {
      throw invalid(parameter.wire, 'It is not valid JSON.');
    }
  }
  if (parameter.style === 'repeatList' || parameter.style === 'flat')
    return unflatten(parameter.wire, params, parameter);
  const text = params.get(parameter.wire);
  return text === undefined ? undefined : scalar(text, parameter.type);
}

/**
 * Reads an operation's input from the request's parameters (query and form merged), the inverse of the client's
 * serialisation: wire names to camelCase, text to the declared scalar types, styles undone. Parameters the
 * operation does not declare are ignored, as Alibaba's gateway does.
 */
export function readInput(
  definition: OperationDefinition<unknown, unknown>,
  params: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const parameter of definition.parameters) {
    const value = readParameter(parameter, params);
    if (value !== undefined) input[parameter.name] = value;
  }
  return input;
}

/** camelCase output → the response body with wire names (the inverse of the client's `fromWireObject`). */
export function toWireBody(shape: WireObjectShape, output: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of shape.fields) {
    const value = output[field.name];
    if (value !== undefined) out[field.wire] = toWireValue(field.shape, value, field.type);
  }
  return out;
}

/**
 * An integer the wire carries as a bare JSON number but JavaScript cannot hold: an int64 beyond
 * `Number.MAX_SAFE_INTEGER`, given as its decimal string (as the clients deliver it). {@link toJsonText} writes
 * its digits unquoted, as Alibaba does.
 */
export class WireInteger {
  constructor(readonly digits: string) {}
}

const DECIMAL_INTEGER = /^-?(0|[1-9]\d*)$/;

function toWireValue(
  shape: WireShape | undefined,
  value: unknown,
  type: WireScalarType | undefined = undefined,
): unknown {
  if (type === 'integer' && typeof value === 'string' && DECIMAL_INTEGER.test(value)) return new WireInteger(value);
  if (shape === undefined || value === null || typeof value !== 'object') return value;
  if (shape.kind === 'object') return toWireBody(shape, value as Record<string, unknown>);
  return Array.isArray(value) ? value.map((item) => toWireValue(shape.items, item, shape.itemType)) : value;
}

/** JSON text of a wire body, as `JSON.stringify` writes it, except that a {@link WireInteger} is its bare digits. */
export function toJsonText(value: unknown): string {
  if (value instanceof WireInteger) return value.digits;
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : toJsonText(item))).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members: string[] = [];
    for (const [key, member] of Object.entries(value))
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${toJsonText(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
