import type { OperationDefinition, RequestParameter, WireObjectShape, WireShape } from '../core/operation.js';

/** Request parameters in Alibaba's wire form: names and values as they travel, split by location. */
export interface WireParameters {
  readonly query: Record<string, string>;
  /** Parameters the metadata puts in a form body (`in: formData`); empty for most operations. */
  readonly form: Record<string, string>;
}

/** A parameter's one wire value; a list in the `simple` style travels as its items joined with commas, as Alibaba's clients send it. */
function scalar(value: unknown): string {
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? value.map(String).join(',') : String(value);
}

/** camelCase value → the same value with wire names, for `json` style parameters. */
function toWireValue(value: unknown, shape: WireShape | undefined): unknown {
  if (shape === undefined || value === null || typeof value !== 'object') return value;
  if (shape.kind === 'array') return (value as readonly unknown[]).map((item) => toWireValue(item, shape.items));
  const out: Record<string, unknown> = {};
  for (const field of shape.fields) {
    const member = (value as Record<string, unknown>)[field.name];
    if (member !== undefined) out[field.wire] = toWireValue(member, field.shape);
  }
  return out;
}

/**
 * Flattens a value as Alibaba's `repeatList` / `flat` styles do: list items get 1-based indexes and object
 * members their wire names, joined with dots (`Tag.1.Key=a&Tag.1.Value=b`).
 */
function flatten(prefix: string, value: unknown, shape: WireShape | undefined, out: Record<string, string>): void {
  if (value === undefined || value === null) return;
  if (shape === undefined || typeof value !== 'object') {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        flatten(`${prefix}.${i + 1}`, item, undefined, out);
      });
    } else out[prefix] = scalar(value);
    return;
  }
  if (shape.kind === 'array') {
    (value as readonly unknown[]).forEach((item, i) => {
      flatten(`${prefix}.${i + 1}`, item, shape.items, out);
    });
    return;
  }
  for (const field of shape.fields)
    flatten(`${prefix}.${field.wire}`, (value as Record<string, unknown>)[field.name], field.shape, out);
}

function addParameter(parameter: RequestParameter, value: unknown, target: Record<string, string>): void {
  switch (parameter.style) {
    case undefined:
      target[parameter.wire] = scalar(value);
      return;
    case 'json':
      target[parameter.wire] = JSON.stringify(toWireValue(value, parameter.shape));
      return;
    case 'repeatList':
    case 'flat':
      flatten(parameter.wire, value, parameter.shape, target);
  }
}

/** Maps validated camelCase input to wire parameters, following the operation's generated mapping. */
export function toWireParameters<I, O>(definition: OperationDefinition<I, O>, input: I): WireParameters {
  const query: Record<string, string> = {};
  const form: Record<string, string> = {};
  const values = input as Record<string, unknown>;
  for (const parameter of definition.parameters) {
    const value = values[parameter.name];
    if (value !== undefined) addParameter(parameter, value, parameter.in === 'formData' ? form : query);
  }
  return { query, form };
}

/**
 * Maps a parsed JSON response body (wire names) to the camelCase output. Members the model does not know
 * are dropped; values are not coerced (the service's JSON types are kept).
 */
export function fromWireObject(shape: WireObjectShape, body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body === null || typeof body !== 'object') return out;
  for (const field of shape.fields) {
    const value = (body as Record<string, unknown>)[field.wire];
    if (value !== undefined) out[field.name] = fromWireValue(field.shape, value);
  }
  return out;
}

function fromWireValue(shape: WireShape | undefined, value: unknown): unknown {
  if (shape === undefined || value === null || typeof value !== 'object') return value;
  if (shape.kind === 'object') return fromWireObject(shape, value);
  return Array.isArray(value) ? value.map((item) => fromWireValue(shape.items, item)) : value;
}
