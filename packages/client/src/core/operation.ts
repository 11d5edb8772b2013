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
