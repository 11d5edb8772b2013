/**
 * `@ensdk/client/models`: the browser-safe half of the client. Generated operation types, input schemas
 * (`zod/mini`) and wire mappings for all operations, plus the validation helpers they use. No Node built-ins,
 * no signing, no credentials: `@ensdk/proxy` builds its browser client on it.
 */
import * as zm from 'zod/mini';
import { provideZod } from './core/zod.js';

// Browsers and bundlers: the parts of zod/mini the schemas use (property reads of a namespace import tree-shake).
provideZod(() => ({
  array: zm.array,
  boolean: zm.boolean,
  enum: zm.enum,
  int: zm.int,
  int32: zm.int32,
  literal: zm.literal,
  looseObject: zm.looseObject,
  maxLength: zm.maxLength,
  maximum: zm.maximum,
  minLength: zm.minLength,
  minimum: zm.minimum,
  number: zm.number,
  optional: zm.optional,
  regex: zm.regex,
  strictObject: zm.strictObject,
  string: zm.string,
  superRefine: zm.superRefine,
}));

export * from './surface.js';
