/**
 * The browser-safe surface shared by both entries: generated operation types, schemas (built on first use) and
 * wire mappings, and the validation helpers. It imports no zod at module load; each entry provides zod/mini its
 * own way (`core/zod.ts`).
 */
export * from './generated/operations/index.gen.js';
export * from './core/validation/index.js';
export type {
  InputOf,
  OperationDefinition,
  OutputOf,
  RequestParameter,
  WireArrayShape,
  WireField,
  WireObjectShape,
  WireScalarType,
  WireShape,
  WireStyle,
} from './core/operation.js';
export type { ZodMini } from './core/zod.js';
