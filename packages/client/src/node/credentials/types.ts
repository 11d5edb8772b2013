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
  /**
   * OAuth service for CLI profiles in mode `OAuth`, as an origin (`http://127.0.0.1:9200` in tests). Default: the
   * profile's site, `https://oauth.aliyun.com` (CN) or `https://oauth.alibabacloud.com` (INTL).
   */
  readonly oauthEndpoint?: string;
}

/** Options of `fromRamRoleArn`. */
export interface RamRoleArnOptions {
  /** Signs the AssumeRole call: fixed keys or any provider (another role, so roles chain). */
  readonly credentials: EnsCredentialsOption;
  /** `acs:ram::<account id>:role/<role name>`. Default `ALIBABA_CLOUD_ROLE_ARN`. */
  readonly roleArn?: string;
  /** 2-64 of letters, digits, `.@-_`. Default `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else `ensdk-<ms since epoch>`. */
  readonly roleSessionName?: string;
  /** Lifetime of the credentials, at least 900 s, at most the role's MaxSessionDuration. Default 3600. */
  readonly durationSeconds?: number;
  /** A policy narrowing the role's permissions (JSON, up to 2048 characters). */
  readonly policy?: string;
  /** The external id the role's trust policy asks for (2-1224 of letters, digits and `+=,.@:/-_`). */
  readonly externalId?: string;
  /**
   * STS host or origin (`http://127.0.0.1:9100` in tests). Default: from `stsRegion` /
   * `ALIBABA_CLOUD_STS_REGION` (and VPC), else `sts.aliyuncs.com`.
   */
  readonly stsEndpoint?: string;
  /** Region of the STS endpoint. Default `ALIBABA_CLOUD_STS_REGION`. */
  readonly stsRegion?: string;
  /** Use `sts-vpc.<region>.aliyuncs.com`. Default `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`. */
  readonly enableVpc?: boolean;
  /** Limit of each STS request, in ms. Default 10000. */
  readonly timeoutMs?: number;
}

/** Options of `fromOidcRoleArn`. */
export interface OidcRoleArnOptions {
  /** `acs:ram::<account id>:role/<role name>`. Default `ALIBABA_CLOUD_ROLE_ARN`. */
  readonly roleArn?: string;
  /** `acs:ram::<account id>:oidc-provider/<name>`. Default `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`. */
  readonly oidcProviderArn?: string;
  /** The file holding the OIDC token (in ACK with RRSA, mounted into the pod). Default `ALIBABA_CLOUD_OIDC_TOKEN_FILE`. */
  readonly oidcTokenFile?: string;
  /** Default `ALIBABA_CLOUD_ROLE_SESSION_NAME`, else `ensdk-<ms since epoch>`. */
  readonly roleSessionName?: string;
  /** At least 900. Default 3600. */
  readonly durationSeconds?: number;
  readonly policy?: string;
  /** STS host or origin. Default: from `stsRegion` / `ALIBABA_CLOUD_STS_REGION`, else `sts.aliyuncs.com`. */
  readonly stsEndpoint?: string;
  readonly stsRegion?: string;
  readonly enableVpc?: boolean;
  /** Limit of each STS request, in ms. Default 10000. */
  readonly timeoutMs?: number;
}

/** Options of `fromCredentialsUri`. */
export interface CredentialsUriOptions {
  /** Where to `GET` the credentials. Default `ALIBABA_CLOUD_CREDENTIALS_URI`. */
  readonly uri?: string;
  /** Limit of each request, in ms. Default 5000. */
  readonly timeoutMs?: number;
}

/** Options of `fromEcsRamRole`. */
export interface EcsRamRoleOptions {
  /** The instance's RAM role. Default `ALIBABA_CLOUD_ECS_METADATA`, else asked of the metadata service. */
  readonly roleName?: string;
  /** Default `http://100.100.100.200`. */
  readonly metadataEndpoint?: string;
  /** Refuse IMDSv1 (requests without a session token). Default `ALIBABA_CLOUD_IMDSV1_DISABLED=true`, else false. */
  readonly disableImdsV1?: boolean;
  /** Connect and read limit of each request to the metadata service, in ms. Default 1000. */
  readonly timeoutMs?: number;
}
