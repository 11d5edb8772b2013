import type * as Zod from 'zod/mini';

/**
 * The parts of `zod/mini` that generated schemas and ensdk's checks use. Naming them (instead of handing over the
 * whole namespace) keeps the rest of zod, its locales above all, out of browser bundles. The generator emits
 * only these (a codegen test checks it).
 */
export type ZodMini = Pick<
  typeof Zod,
  | 'array'
  | 'boolean'
  | 'enum'
  | 'int'
  | 'int32'
  | 'literal'
  | 'looseObject'
  | 'maxLength'
  | 'maximum'
  | 'minLength'
  | 'minimum'
  | 'number'
  | 'optional'
  | 'regex'
  | 'strictObject'
  | 'string'
  | 'superRefine'
>;

let loaded: ZodMini | undefined;
let loader: (() => ZodMini) | undefined;

/**
 * Tells the schemas where `zod/mini` comes from. The browser-safe entry (`@ensdk/client/models`) hands over its
 * static import; the Node entry hands over a loader that requires it on first use, so that importing the client
 * does not load zod until a schema is first needed. The first provider wins.
 */
export function provideZod(load: () => ZodMini): void {
  loader ??= load;
}

/** `zod/mini`, loaded on first call. Every generated schema and check gets it from here. */
export function zod(): ZodMini {
  if (loaded !== undefined) return loaded;
  if (loader === undefined)
    throw new Error('ensdk: zod/mini was not provided; import @ensdk/client or @ensdk/client/models');
  loaded = loader();
  return loaded;
}
