/**
 * Types only, and imported only by `generated/wireCheck.gen.ts`, which no entry imports: nothing here ships. They hold
 * each generated operation's wire mapping, as written in its module (the `<Op>CompactDefinition` type: literal wire
 * names), against openapi-typescript's types of the OpenAPI document the generator emits (`generated/wire.gen.ts`), so
 * that `npm run typecheck` fails when the two disagree. A problem is a string naming the field and the rule it breaks;
 * `wireCheck.gen.ts` asserts, per operation, that there is none ({@link NoWireProblems}).
 *
 * What is held, for request parameters (by place: a `formData` parameter against the spec's form body, any other
 * against its query parameters) and for the response fields, at every depth of an object or list:
 * - the wire name is a member of the spec's type there, and the camelCase name a field of ensdk's input/output type;
 * - the mapping's kind (string, number, boolean, object, list) is the spec's; at scalar leaves, ensdk's input type is
 *   assignable to the spec's and the spec's response type to ensdk's output type;
 * - a member the spec requires is mapped, and is required in the input type; a field the output type requires is
 *   required by the spec;
 * - every field of ensdk's input and output types is mapped (none dropped from a request, none never set);
 * - a free-form object (the spec's index signature of `unknown`, no named member: a `json`-style parameter the metadata
 *   gives no members) maps with neither `type` nor `shape`, passed as given, and ensdk's input type must be assignable.
 *
 * Not held here: a structure's Alibaba style (`repeatList` `Tag.1.Key`, `flat`, `json`), which openapi-typescript's
 * types cannot say (the document carries it as `x-alibaba-style`); the product drill checks styles against the metadata.
 */

/** `T` without `undefined`: an optional member's value. */
type Defined<T> = Exclude<T, undefined>;

/**
 * Named keys of `T` that are not optional. An index signature names none: a member-less object, which both
 * openapi-typescript and ensdk type `Record<string, never>`, requires nothing.
 */
type RequiredKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : object extends Pick<T, K> ? never : K]: K;
};

/** A compact field's wire name: `wire`, or `name` with its first letter capitalised (`defineOperation`'s rule). */
type WireName<F> = F extends { readonly wire: infer W extends string }
  ? W
  : F extends { readonly name: infer N extends string }
    ? Capitalize<N>
    : never;

/** Which way a value travels: ensdk's input to the spec's request, or the spec's response to ensdk's output. */
type Direction = 'input' | 'output';

/** How a value is described in a problem. */
type Describe<T> = [T] extends [readonly unknown[]]
  ? 'a list'
  : [T] extends [number]
    ? 'a number'
    : [T] extends [boolean]
      ? 'a boolean'
      : [T] extends [string]
        ? 'a string'
        : unknown extends T
          ? 'untyped'
          : [T] extends [object]
            ? 'an object'
            : 'a mixed type';

/** A scalar mapping's kind, from its `type` (absent: a string, or an untyped value). */
type ScalarKind<Type> = Type extends 'integer' | 'number' ? 'number' : Type extends 'boolean' ? 'boolean' : 'string';

/** Wire names of a union of compact fields. */
type WireNames<Fields> = Fields extends unknown ? WireName<Fields> : never;

/**
 * Problems of a union of compact fields against the spec's object type `T` and ensdk's type `C` of the same object:
 * each field's own, and every member the spec requires that no field maps.
 */
type FieldsProblems<
  Fields,
  T,
  C,
  D extends Direction,
  Where extends string,
  Prefix extends string,
  // false for the request's query and form parameters, each a part of the input: their union is held once.
  Whole extends boolean = true,
> =
  | (Fields extends unknown ? FieldProblems<Fields, T, C, D, Where, Prefix> : never)
  | (Whole extends true ? UnmappedProblems<Fields, C, D, Where, Prefix> : never)
  | (Exclude<RequiredKeys<T>, WireNames<Fields>> extends infer K
      ? K extends string
        ? `${Where} ${Prefix}${K}: required by the spec, ${D extends 'input' ? 'sent' : 'read'} by no field`
        : never
      : never);

/** Named keys of `T` (an index signature names none). */
type NamedKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: K };

/** camelCase names of a union of compact fields. */
type FieldNames<Fields> = Fields extends { readonly name: infer N } ? N : never;

/** Fields of ensdk's object `C` that no field of the mapping sends (dropped from the request) or reads (never set). */
type UnmappedProblems<Fields, C, D extends Direction, Where extends string, Prefix extends string> = [C] extends [
  object,
]
  ? Exclude<NamedKeys<C>, FieldNames<Fields>> extends infer N
    ? N extends string
      ? `${Where} ${Prefix}? (${N}): a field of ensdk's ${D} type that no field of the mapping ${D extends 'input' ? 'sends' : 'reads'}`
      : never
    : never
  : never;

/** Problems of one compact field against the spec's object `T` and ensdk's object `C`. */
type FieldProblems<F, T, C, D extends Direction, Where extends string, Prefix extends string> = F extends {
  readonly name: infer N extends string;
}
  ? WireName<F> extends infer K extends string
    ? K extends keyof T
      ? N extends keyof C
        ?
            | OptionalityProblems<K, T, N, C, D, `${Where} ${Prefix}${K} (${N})`>
            | ValueProblems<F, Defined<T[K]>, Defined<C[N]>, D, Where, `${Prefix}${K}`, N>
        : `${Where} ${Prefix}${K} (${N}): ${N} is not a field of ensdk's ${D} type`
      : `${Where} ${Prefix}${K} (${N}): the spec has no such ${Where}`
    : never
  : never;

/** The spec requires a member ensdk's input lets users leave out, or ensdk's output promises one the spec does not. */
type OptionalityProblems<K, T, N, C, D extends Direction, At extends string> = D extends 'input'
  ? Optional<T, K> extends true
    ? never
    : Optional<C, N> extends true
      ? `${At}: required by the spec, optional in the input type`
      : never
  : Optional<C, N> extends true
    ? never
    : Optional<T, K> extends true
      ? `${At}: optional in the spec, required in the output type`
      : never;

/** Whether `T`'s member `K` is optional. */
type Optional<T, K> = object extends Pick<T, K & keyof T> ? true : false;

/** Problems of a field's value: its shape (object or list) or its scalar type. */
type ValueProblems<
  F,
  T,
  C,
  D extends Direction,
  Where extends string,
  Path extends string,
  N extends string,
> = F extends {
  readonly shape: infer S;
}
  ? ShapeProblems<S, T, C, D, Where, Path, N>
  : LeafProblems<ScalarKind<F extends { readonly type: infer Type } ? Type : undefined>, T, C, D, Where, Path, N>;

/** Problems of a structured value: an object's fields, a list's items. */
type ShapeProblems<
  S,
  T,
  C,
  D extends Direction,
  Where extends string,
  Path extends string,
  N extends string,
> = S extends {
  readonly kind: 'object';
  readonly fields: infer Fields extends readonly unknown[];
}
  ? [T] extends [readonly unknown[]]
    ? `${Where} ${Path} (${N}): an object in the mapping, a list in the spec`
    : [T] extends [object]
      ? FieldsProblems<Fields[number], T, C, D, Where, `${Path}.`>
      : `${Where} ${Path} (${N}): an object in the mapping, ${Describe<T>} in the spec`
  : [T] extends [readonly (infer E)[]]
    ? [C] extends [readonly (infer CE)[]]
      ? S extends { readonly items: infer Items }
        ? ShapeProblems<Items, Defined<E>, Defined<CE>, D, Where, `${Path}[]`, N>
        : LeafProblems<
            ScalarKind<S extends { readonly itemType: infer Type } ? Type : undefined>,
            Defined<E>,
            Defined<CE>,
            D,
            Where,
            `${Path}[]`,
            N
          >
      : `${Where} ${Path} (${N}): a list in the mapping and the spec, ${Describe<C>} in ensdk's ${D} type`
    : `${Where} ${Path} (${N}): a list in the mapping, ${Describe<T>} in the spec`;

/** Problems of a scalar: the mapping's kind against the spec's type, and ensdk's type against the spec's. */
type LeafProblems<Kind, T, C, D extends Direction, Where extends string, Path extends string, N extends string> =
  | (Kind extends 'number'
      ? [T] extends [number]
        ? never
        : `${Where} ${Path} (${N}): a number in the mapping, ${Describe<T>} in the spec`
      : Kind extends 'boolean'
        ? [T] extends [boolean]
          ? never
          : `${Where} ${Path} (${N}): a boolean in the mapping, ${Describe<T>} in the spec`
        : [T] extends [string]
          ? never
          : unknown extends T
            ? never
            : FreeformObject<T> extends true
              ? never
              : `${Where} ${Path} (${N}): a string in the mapping, ${Describe<T>} in the spec`)
  | (D extends 'input'
      ? [C] extends [T]
        ? never
        : `${Where} ${Path} (${N}): the input type's value is not one the spec accepts`
      : [T] extends [C]
        ? never
        : `${Where} ${Path} (${N}): the spec's value is not one the output type allows`);

/**
 * Whether the spec's `T` is a free-form object (`additionalProperties: true`, an index signature of `unknown` values,
 * no named member): the mapping passes such a value as given (a `json`-style parameter sends it JSON-encoded), with
 * neither `type` nor `shape`.
 */
type FreeformObject<T> = [T] extends [readonly unknown[]]
  ? false
  : [T] extends [object]
    ? string extends keyof T
      ? unknown extends T[string]
        ? [NamedKeys<T>] extends [never]
          ? true
          : false
        : false
      : false
    : false;

/** An object type, or `{}` for `never` (openapi-typescript's `query?: never` when there is no query parameter). */
type ObjectOrEmpty<T> = [Defined<T>] extends [never] ? Record<never, never> : Defined<T>;

/** The spec's query parameters of one operation (`operations[Op]` of wire.gen.ts). */
type QueryOf<Spec> = Spec extends { readonly parameters: { readonly query?: infer Q } }
  ? ObjectOrEmpty<Q>
  : Record<never, never>;

/** The spec's form body of one operation. */
type FormOf<Spec> = Spec extends { readonly requestBody?: infer B }
  ? [Defined<B>] extends [never]
    ? Record<never, never>
    : Defined<B> extends { readonly content: { readonly 'application/x-www-form-urlencoded': infer F } }
      ? F
      : Record<never, never>
  : Record<never, never>;

/** The spec's 200 response body of one operation. */
type ResponseOf<Spec> = Spec extends {
  readonly responses: { readonly 200: { readonly content: { readonly 'application/json': infer R } } };
}
  ? R
  : Record<never, never>;

/** The shape of a generated operation's definition as written that this check reads. */
interface CheckedDefinition {
  readonly action: string;
  readonly parameters: readonly unknown[];
  readonly output: { readonly fields: readonly unknown[] };
}

/**
 * Every disagreement of one operation's wire mapping with the spec, each a string that starts with the operation's
 * name and names the field: `never` when there is none. `Definition` is the operation's `<Op>CompactDefinition`,
 * `Input`/`Output` its camelCase types, `Spec` openapi-typescript's `operations[Op]`.
 */
export type WireProblems<Op extends string, Definition extends CheckedDefinition, Input, Output, Spec> =
  | (Definition['action'] extends Op ? never : `${Op}: the definition's action is ${Definition['action']}`)
  | Prefixed<
      Op,
      | UnmappedProblems<Definition['parameters'][number], Input, 'input', 'parameter', ''>
      | FieldsProblems<
          Extract<Definition['parameters'][number], { readonly in: 'formData' }>,
          FormOf<Spec>,
          Input,
          'input',
          'form parameter',
          '',
          false
        >
      | FieldsProblems<
          Exclude<Definition['parameters'][number], { readonly in: 'formData' }>,
          QueryOf<Spec>,
          Input,
          'input',
          'query parameter',
          '',
          false
        >
      | FieldsProblems<Definition['output']['fields'][number], ResponseOf<Spec>, Output, 'output', 'response field', ''>
    >;

/** Each problem prefixed with the operation's name. */
type Prefixed<Op extends string, Problems> = Problems extends string ? `${Op}: ${Problems}` : never;

/** Compiles only when `Problems` is `never`; otherwise tsc's error quotes each problem. */
export type NoWireProblems<Problems extends never> = Problems;
