/**
 * Alibaba's default chain and each of its file and environment sources alone. Only what they were given is kept
 * here; the search, the files and the providers they make are loaded on the first resolution. @internal
 */
import { deferredProvider } from './deferredProvider.js';
import type { CredentialsChainOptions, EnsCredentialsProvider } from './types.js';

/**
 * Alibaba's default chain, in Alibaba's order:
 * 1. environment: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, `ALIBABA_CLOUD_SECURITY_TOKEN`;
 * 2. OIDC role (ACK RRSA): `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, `ALIBABA_CLOUD_OIDC_TOKEN_FILE`;
 * 3. the CLI profile in `~/.aliyun/config.json` (see {@link fromCliProfile}), unless
 *    `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`;
 * 4. the INI file `~/.alibabacloud/credentials` (see {@link fromCredentialsFile});
 * 5. the ECS instance's RAM role from the metadata service (1 s to connect, 3 s to answer; no answer means "not on
 *    ECS" and the chain moves on), unless `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`;
 * 6. a credentials URI, when `ALIBABA_CLOUD_CREDENTIALS_URI` is set.
 *
 * The first source that applies wins and is kept for the life of the provider: temporary credentials it gives
 * refresh. A source that applies but fails (a broken file, STS refusing a configured role) is an error, not a
 * fall-through. Throws `EnsCredentialsError` whose `sources` list every place looked and why it did not apply;
 * never a secret.
 */
export function defaultCredentialsChain(options?: CredentialsChainOptions): EnsCredentialsProvider {
  return deferredProvider((loaded) => loaded.resolvingProvider(() => loaded.findCredentials(options)));
}

/**
 * Credentials from `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and the optional
 * `ALIBABA_CLOUD_SECURITY_TOKEN`. Read on first use and cached; throws `EnsCredentialsError` when they are
 * unset or only partly set.
 *
 * @param env - Variables to read; default `process.env`.
 */
export function fromEnvironment(env?: Readonly<Record<string, string | undefined>>): EnsCredentialsProvider {
  return deferredProvider((loaded) =>
    loaded.providerOf(loaded.environmentSource, env === undefined ? undefined : { env }),
  );
}

/**
 * Credentials from the Alibaba Cloud CLI profile in `~/.aliyun/config.json` (or the path in
 * `ALIBABA_CLOUD_CONFIG_FILE`). Modes: `AK`, `StsToken`, `RamRoleArn`
 * (AssumeRole signed with the profile's keys), `EcsRamRole`, `OIDC`, `ChainableRamRoleArn` (AssumeRole signed
 * with the credentials of `source_profile`, followed to any depth; a cycle is an error), `CloudSSO` (the CLI's
 * sign-in access token exchanged at `<sign-in origin>/cloud-credentials`) and `External` (`process_command` run
 * without a shell, killed after 10 s, its stdout JSON the credentials; run again 3 minutes before `expiration`) and
 * `OAuth` (the CLI's OAuth access token exchanged at `<site>/v1/exchange`, refreshed with its refresh token at
 * `<site>/v1/token`; new tokens and credentials are written back into the profile, as the CLI does). Profile:
 * `options.profile`, else `ALIBABA_CLOUD_PROFILE`, else the file's `current`, else `default`. The file is read on
 * first use; temporary credentials refresh. Throws `EnsCredentialsError` when the file or profile is absent or
 * malformed.
 */
export function fromCliProfile(options?: CredentialsChainOptions): EnsCredentialsProvider {
  return deferredProvider((loaded) => loaded.providerOf(loaded.cliProfileSource, options));
}

/**
 * Credentials from the INI file `~/.alibabacloud/credentials` (or the path in `ALIBABA_CLOUD_CREDENTIALS_FILE`),
 * section `options.profile`, else `ALIBABA_CLOUD_PROFILE`, else `default`. Types: `access_key`, `sts` (adding
 * `security_token`), `ecs_ram_role` (`role_name`), `ram_role_arn` (`access_key_id`, `access_key_secret`,
 * `role_arn`, `role_session_name`, `policy`) and the legacy `oidc_role_arn` (`role_arn`, `oidc_provider_arn`,
 * `oidc_token_file_path`, `role_session_name`, `policy`). Read on first use; temporary credentials refresh. Throws
 * `EnsCredentialsError` when absent or malformed, and for the legacy types `rsa_key_pair` and `bearer`, which ENS
 * cannot use.
 */
export function fromCredentialsFile(options?: CredentialsChainOptions): EnsCredentialsProvider {
  return deferredProvider((loaded) => loaded.providerOf(loaded.credentialsFileSource, options));
}
