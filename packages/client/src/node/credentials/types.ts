/** An Alibaba Cloud AccessKey pair, optionally with an STS security token. */
export interface EnsCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS token of temporary credentials; sent as `x-acs-security-token` (V3) / `SecurityToken` (RPC). */
  readonly securityToken?: string | undefined;
}

/** What a caller passes to a provider: the call's `AbortSignal`, so that waiting for a refresh can be abandoned. */
export interface CredentialsRequestOptions {
  /** Stops waiting (an `EnsAbortError`); a refresh shared with other callers carries on for them. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Async source of credentials, called before each request attempt (so rotating STS keys are picked up); it may
 * cache. The client passes the call's signal; a provider may ignore it.
 */
export type EnsCredentialsProvider = (options?: CredentialsRequestOptions) => Promise<EnsCredentials>;

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
  /**
   * STS endpoint for every AssumeRole / AssumeRoleWithOIDC the chain makes (OIDC, RAM role profiles): a host or a
   * URL such as `http://127.0.0.1:9100`. Wins over profile keys and `ALIBABA_CLOUD_STS_REGION`.
   */
  readonly stsEndpoint?: string;
  /** ECS metadata service for the ECS RAM role step and profiles. Default `http://100.100.100.200`. */
  readonly metadataEndpoint?: string;
}
