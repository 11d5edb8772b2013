/**
 * `@ensdk/client`: the Node client of Alibaba Cloud ENS 2017-11-10.
 *
 * - `EnsClient`: one method per operation; `EnsBareClient` + standalone functions for the smallest bundles.
 * - Every input is validated before any I/O; every failure is a typed `EnsError` from `@ensdk/errors`.
 * - `signRequestV3` / `signRequestRpc`: Alibaba's two signatures, exported for reuse.
 * - `@ensdk/client/models` is the browser-safe half (types, schemas, validation) without any of this runtime.
 */
import { provideZod, type ZodMini } from './core/zod.js';
import { nodeModule } from './node/builtins.js';
import { DEFAULT_ENDPOINT, ensEndpoints } from './generated/endpoints.gen.js';
import { provideEndpoints } from './node/endpoints.js';

// Node: zod/mini is required on the first schema build, not at import (it is most of a cold import's cost).
provideZod(() => nodeModule().createRequire(import.meta.url)('zod/mini') as ZodMini);
// The runtime knows no product: the entry hands it this product's endpoint table.
provideEndpoints({ byRegion: ensEndpoints, fallback: DEFAULT_ENDPOINT });

// Operations: their types only. Their definitions, schemas and constraints (values) are in `@ensdk/client/models`
// and `@ensdk/client/validation`; here each operation's module is loaded when it is first called (the standalone
// functions' `import()`), so importing the package loads none of the 231.
export type * from './surface.js';
export * from './core/validation/index.js';
export { EnsClient } from './generated/client.gen.js';
export * from './generated/functions/index.gen.js';
export * from './generated/paginators/index.gen.js';
export { Paginator } from './core/pagination.js';
export type { PageNumberPaging, Paging, PaginationOptions, TokenPaging } from './core/pagination.js';
export { ensEndpoints } from './generated/endpoints.gen.js';
export { EnsBareClient } from './node/bareClient.js';
export { validateOperationInput } from './node/validatedInput.js';
export type {
  EnsClientHooks,
  EnsClientOptions,
  EnsRequestEvent,
  EnsRequestOptions,
  EnsResponseEvent,
} from './node/options.js';
export type { EnsLogger } from './node/logging.js';
export type { RetryDelayOptions } from './node/retry.js';
export {
  acsTimestamp,
  canonicalQueryString,
  percentEncode,
  signatureNonce,
  signRequestRpc,
  signRequestV3,
} from './node/signing/index.js';
export type {
  RpcSignedRequest,
  RpcSigningInput,
  SigningCredentials,
  V3SignedRequest,
  V3SigningInput,
} from './node/signing/index.js';
export {
  defaultCredentialsChain,
  fromCliProfile,
  fromCredentialsFile,
  fromCredentialsUri,
  fromEcsRamRole,
  fromEnvironment,
  fromOidcRoleArn,
  fromRamRoleArn,
  toCredentialsProvider,
} from './node/credentials/index.js';
export type {
  CredentialsChainOptions,
  CredentialsRequestOptions,
  CredentialsUriOptions,
  EcsRamRoleOptions,
  OidcRoleArnOptions,
  RamRoleArnOptions,
  EnsCredentials,
  EnsCredentialsOption,
  EnsCredentialsProvider,
} from './node/credentials/index.js';
