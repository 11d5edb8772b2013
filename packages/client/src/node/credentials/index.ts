/**
 * Credentials for `EnsClient` in Node: fixed keys, a provider function, the providers of temporary credentials
 * (ECS RAM role, OIDC role, RAM role, credentials URI), or Alibaba's default chain. Errors are
 * `EnsCredentialsError` from `@ensdk/errors`; no message, error or credentials object ever shows a secret.
 */
export { defaultCredentialsChain, fromCliProfile, fromCredentialsFile, fromEnvironment } from './chain.js';
export { fromCredentialsUri } from './credentialsUri.js';
export { fromEcsRamRole } from './ecsRamRole.js';
export { fromOidcRoleArn } from './oidcRoleArn.js';
export { fromRamRoleArn } from './ramRoleArn.js';
export { toCredentialsProvider } from './credentialsOption.js';
export type {
  CredentialsChainOptions,
  CredentialsUriOptions,
  EcsRamRoleOptions,
  OidcRoleArnOptions,
  RamRoleArnOptions,
  CredentialsRequestOptions,
  EnsCredentials,
  EnsCredentialsOption,
  EnsCredentialsProvider,
} from './types.js';
