/**
 * Credentials for `EnsClient` in Node: fixed keys, a provider function, or Alibaba's default chain
 * (environment, `~/.aliyun/config.json`, `~/.alibabacloud/credentials`). Errors are `EnsCredentialsError`
 * from `@ensdk/errors`; no message, error or credentials object ever shows a secret.
 */
export { defaultCredentialsChain } from './chain.js';
export { fromCliProfile } from './cliProfile.js';
export { fromEnvironment } from './environment.js';
export { fromCredentialsFile } from './iniFile.js';
export { toCredentialsProvider } from './credentialsOption.js';
export type { CredentialsChainOptions, EnsCredentials, EnsCredentialsOption, EnsCredentialsProvider } from './types.js';
