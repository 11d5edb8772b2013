/** An Alibaba Cloud AccessKey pair, optionally with an STS security token. */
export interface EnsCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS token of temporary credentials; sent as `x-acs-security-token` (V3) / `SecurityToken` (RPC). */
  readonly securityToken?: string | undefined;
}

/** Async source of credentials, called before each request attempt (so rotating STS keys are picked up); it may cache. */
export type EnsCredentialsProvider = () => Promise<EnsCredentials>;

/** What `EnsClient` accepts: fixed keys, a provider, or nothing (the default chain). */
export type EnsCredentialsOption = EnsCredentials | EnsCredentialsProvider;

/** Where the default chain and the file sources look; every field defaults to the real process. */
export interface CredentialsChainOptions {
  /** Environment variables to read. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Home directory holding `.aliyun/config.json` and `.alibabacloud/credentials`. Default: `os.homedir()`. */
  readonly homeDir?: string;
  /** Profile to use in both files; wins over `ALIBABA_CLOUD_PROFILE` (and over `current` in the CLI config). */
  readonly profile?: string;
}
