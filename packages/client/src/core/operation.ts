import type * as z from 'zod/mini';
import type { ObjectConstraints } from './validation/constraints.js';

/** How a request parameter travels: `simple` scalars, or Alibaba's `repeatList`, `json` and `flat` styles. */
export type WireStyle = 'simple' | 'repeatList' | 'json' | 'flat';

/** Mapping between a camelCase value and its PascalCase wire form; `shape` is absent for scalars. */
export interface WireField {
  /** Name in ensdk's API (camelCase). */
  readonly name: string;
  /** Name on the wire (Alibaba's spelling). */
  readonly wire: string;
  /** A non-string scalar's type (the wire carries it as text); absent for strings and structures. */
  readonly type?: WireScalarType;
  readonly shape?: WireShape;
}

/** Types a scalar travels as text for: what to parse it back into. */
export type WireScalarType = 'integer' | 'number' | 'boolean';

/** An object on the wire, member by member. */
export interface WireObjectShape {
  readonly kind: 'object';
  readonly fields: readonly WireField[];
}

/** A list on the wire. */
export interface WireArrayShape {
  readonly kind: 'array';
  /** Absent for a list of scalars. */
  readonly items?: WireShape;
  /** For a list of non-string scalars, their type. */
  readonly itemType?: WireScalarType;
}

/** The structure of a non-scalar wire value. */
export type WireShape = WireObjectShape | WireArrayShape;

/** A request parameter: its mapping, where it goes (query unless `formData`) and its style (`simple` unless said). */
export interface RequestParameter extends WireField {
  readonly in?: 'formData';
  readonly style?: Exclude<WireStyle, 'simple'>;
}

/**
 * Everything the runtime needs to call one operation, generated from the spec: action name, the input
 * schema that validates before any I/O, the request parameter mapping and the response mapping.
 */
export interface OperationDefinition<Input, Output> {
  /** Alibaba's action name, e.g. `RevokeSecurityGroupEgress`. */
  readonly action: string;
  /** API version, e.g. `2017-11-10`. */
  readonly version: string;
  /** HTTP methods the API accepts for this action, preferred first. */
  readonly methods: readonly ('POST' | 'GET')[];
  /**
   * `false` when the metadata's security says the call is not signed with an AccessKey (`Anonymous`, `ARS_OIDC`: the
   * proof travels in the request): it is sent without any signature parameter or header. Absent: signed.
   */
  readonly signed?: false;
  /** The zod/mini schema of the camelCase input (built on first call, then reused), for users' own validation. */
  readonly input: () => z.ZodMiniType<Input>;
  /**
   * The same rules as plain data: what the clients validate with before any I/O (`validateWithConstraints`), so a
   * call needs no zod at run time. A property test holds both to the same issues.
   */
  readonly constraints: ObjectConstraints<Input>;
  readonly parameters: readonly RequestParameter[];
  /** Mapping of the JSON response body to the camelCase output. */
  readonly output: WireObjectShape;
  /** Phantom marker that carries the output type; never set at run time. */
  readonly __output?: Output;
}

/** The camelCase input type of an operation definition. */
export type InputOf<D> = D extends OperationDefinition<infer I, unknown> ? I : never;
/** The camelCase output type of an operation definition. */
export type OutputOf<D> = D extends OperationDefinition<unknown, infer O> ? O : never;

/** A wire field as generated definitions write it: `wire` is left out where it is `name` with its first letter capitalised. */
export interface CompactWireField extends Omit<RequestParameter, 'wire' | 'shape'> {
  readonly wire?: string;
  readonly shape?: CompactWireObjectShape | CompactWireArrayShape;
}

/** {@link WireObjectShape} as generated definitions write it. */
export interface CompactWireObjectShape {
  readonly kind: 'object';
  readonly fields: readonly CompactWireField[];
}

/** {@link WireArrayShape} as generated definitions write it. */
export interface CompactWireArrayShape extends Omit<WireArrayShape, 'items'> {
  readonly items?: CompactWireObjectShape | CompactWireArrayShape;
}

/** {@link OperationDefinition} as generated definitions write it (see {@link defineOperation}). */
export interface CompactOperationDefinition<Input, Output>
  extends Omit<OperationDefinition<Input, Output>, 'methods' | 'parameters' | 'output'> {
  /** Absent: `['POST', 'GET']`. */
  readonly methods?: OperationDefinition<Input, Output>['methods'];
  readonly parameters: readonly CompactWireField[];
  readonly output: CompactWireObjectShape;
}

function expandShape(shape: CompactWireObjectShape | CompactWireArrayShape): WireShape {
  if (shape.kind === 'object') return { kind: 'object', fields: shape.fields.map(expandField) };
  return shape.items === undefined ? (shape as WireArrayShape) : { ...shape, items: expandShape(shape.items) };
}

function expandField(field: CompactWireField): RequestParameter {
  const { shape, ...rest } = field;
  const wire = field.wire ?? field.name.charAt(0).toUpperCase() + field.name.slice(1);
  return shape === undefined ? { ...rest, wire } : { ...rest, wire, shape: expandShape(shape) };
}

/**
 * A generated operation definition with every wire name and the default methods (POST, then GET) filled in. The
 * generator leaves out the wire names that are the field name with its first letter capitalised (nearly all of them:
 * about 45 KiB of the package); this puts them back when the operation's module loads, so the runtime, the emulator
 * and users see whole definitions.
 */
export function defineOperation<Input, Output>(
  definition: CompactOperationDefinition<Input, Output>,
): OperationDefinition<Input, Output> {
  return {
    ...definition,
    methods: definition.methods ?? ['POST', 'GET'],
    parameters: definition.parameters.map(expandField),
    output: { kind: 'object', fields: definition.output.fields.map(expandField) },
  };
}

/**
 * The HTTP method to send an operation with: POST where its metadata allows it (parameters may then go in a form
 * body), else the first method it allows (GET: every parameter in the query). The gateway may refuse a method the
 * metadata does not list.
 */
export function requestMethod(definition: Pick<OperationDefinition<unknown, unknown>, 'methods'>): 'POST' | 'GET' {
  return definition.methods.includes('POST') ? 'POST' : (definition.methods[0] ?? 'POST');
}
