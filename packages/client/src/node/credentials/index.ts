/**
 * Credentials for `EnsClient` in Node: fixed keys, a provider function, the providers of temporary credentials
 * (ECS RAM role, OIDC role, RAM role, credentials URI), or Alibaba's default chain. Errors are
 * `EnsCredentialsError` from `@ensdk/errors`; no message, error or credentials object ever shows a secret.
 */
export { defaultCredentialsChain } from './chain.js';
export { fromCliProfile } from './cliProfile.js';
export { fromCredentialsUri, type CredentialsUriOptions } from './credentialsUri.js';
export { fromEcsRamRole, type EcsRamRoleOptions } from './ecsRamRole.js';
export { fromOidcRoleArn, type OidcRoleArnOptions } from './oidcRoleArn.js';
export { fromRamRoleArn, type RamRoleArnOptions } from './ramRoleArn.js';
export { fromEnvironment } from './environment.js';
export { fromCredentialsFile } from './iniFile.js';
export { toCredentialsProvider } from './credentialsOption.js';
export type {
  CredentialsChainOptions,
  CredentialsRequestOptions,
  EnsCredentials,
  EnsCredentialsOption,
  EnsCredentialsProvider,
} from './types.js';
