/**
 * `@ensdk/client/models`: the browser-safe half of the client. Generated operation types, input schemas
 * (`zod/mini`) and wire mappings for all operations, plus the validation helpers they use. No Node built-ins,
 * no signing, no credentials: `@ensdk/proxy` builds its browser client on it.
 */
import {
  array,
  boolean,
  enum as enumOf,
  int,
  int32,
  literal,
  maxLength,
  maximum,
  minLength,
  minimum,
  number,
  optional,
  regex,
  strictObject,
  string,
  superRefine,
} from 'zod/mini';
import { provideZod } from './core/zod.js';

// Browsers and bundlers: the parts of zod/mini the schemas use, imported statically and bundled.
provideZod(() => ({
  array,
  boolean,
  enum: enumOf,
  int,
  int32,
  literal,
  maxLength,
  maximum,
  minLength,
  minimum,
  number,
  optional,
  regex,
  strictObject,
  string,
  superRefine,
}));

export * from './surface.js';
