/**
 * `@ensdk/client/models`: the browser-safe half of the client. Generated operation types, input schemas
 * (`zod/mini`) and wire mappings for all operations, plus the validation helpers they use. No Node built-ins,
 * no signing, no credentials: `@ensdk/proxy` builds its browser client on it.
 */
export * from './generated/operations/index.gen.js';
export * from './core/validation/index.js';
export type { InputOf, OperationDefinition, OutputOf, RequestParameter, WireArrayShape, WireField, WireObjectShape, WireShape, WireStyle } from './core/operation.js';
