/**
 * What each temporary-credential provider factory checks when it is called, before any I/O (an `EnsCredentialsError`
 * naming the option and its rule): the settings its refresh, loaded on the first resolution, is built from.
 * @internal
 */
import { providerOfOption } from './checkCredentials.js';
import {
  badOption,
  checkEndpoint,
  checkTimeout,
  envFlag,
  type Environment,
  optionalText,
  requiredText,
} from './providerOptions.js';
import { checkRoleRequest, type RoleRequest, type StsTarget, stsEndpointOf, stsTimeoutOf } from './roleOptions.js';
import type {
  CredentialsUriOptions,
  EcsRamRoleOptions,
  EnsCredentialsProvider,
  OidcRoleArnOptions,
  RamRoleArnOptions,
} from './types.js';

/** The metadata service of every ECS instance. @internal */
export const DEFAULT_METADATA_ENDPOINT = 'http://100.100.100.200';

/** What `fromRamRoleArn` checked: where STS is, the keys that sign AssumeRole, the role request. @internal */
export interface RamRoleSettings {
  readonly target: StsTarget;
  readonly source: EnsCredentialsProvider;
  readonly request: RoleRequest & { readonly externalId?: string | undefined };
}

/** `fromRamRoleArn`'s options checked (throws `EnsCredentialsError` naming the option and its rule). @internal */
export function checkRamRoleArn(options: RamRoleArnOptions, env: Environment): RamRoleSettings {
  if (options.credentials === undefined)
    throw badOption('credentials', 'is required: the keys or provider that sign AssumeRole');
  const source = providerOfOption(options.credentials, 'the source credentials of fromRamRoleArn');
  const request = checkRoleRequest(options, env);
  const externalId = optionalText(options.externalId, 'externalId');
  if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId))
    throw badOption('externalId', 'must be 2 to 1224 letters, digits or + = , . @ : / - _');
  const timeoutMs = stsTimeoutOf(options);
  return { target: { endpoint: stsEndpointOf(options, env), timeoutMs }, source, request: { ...request, externalId } };
}

/** What `fromOidcRoleArn` checked: where STS is, the role request, the token file. @internal */
export interface OidcRoleSettings {
  readonly target: StsTarget;
  readonly request: RoleRequest & { readonly oidcProviderArn: string };
  readonly tokenFile: string;
}

/** `fromOidcRoleArn`'s options checked, variables filled in. @internal */
export function checkOidcRoleArn(options: OidcRoleArnOptions, env: Environment): OidcRoleSettings {
  const request = checkRoleRequest(options, env);
  const oidcProviderArn = requiredText(
    options.oidcProviderArn ?? env['ALIBABA_CLOUD_OIDC_PROVIDER_ARN'],
    'oidcProviderArn',
  );
  const tokenFile = requiredText(options.oidcTokenFile ?? env['ALIBABA_CLOUD_OIDC_TOKEN_FILE'], 'oidcTokenFile');
  const target = { endpoint: stsEndpointOf(options, env), timeoutMs: stsTimeoutOf(options) };
  return { target, request: { ...request, oidcProviderArn }, tokenFile };
}

/** What `fromCredentialsUri` checked. @internal */
export interface CredentialsUriSettings {
  readonly url: URL;
  readonly timeoutMs: number;
}

/** `fromCredentialsUri`'s options checked: an absolute http(s) URL, a positive limit. @internal */
export function checkCredentialsUri(options: CredentialsUriOptions, env: Environment): CredentialsUriSettings {
  const uri = optionalText(options.uri, 'uri') ?? optionalText(env['ALIBABA_CLOUD_CREDENTIALS_URI'], 'uri');
  if (uri === undefined) throw badOption('uri', 'is required (or set ALIBABA_CLOUD_CREDENTIALS_URI)');
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw badOption('uri', 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badOption('uri', 'must use http or https');
  return { url, timeoutMs: checkTimeout(options.timeoutMs ?? 5_000, 'timeoutMs') };
}

/** What `fromEcsRamRole` checked; `disabled` when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`. @internal */
export interface EcsMetadataSettings {
  readonly origin: URL;
  readonly roleName: string | undefined;
  readonly disableImdsV1: boolean;
  readonly timeoutMs: number;
  readonly connectTimeoutMs: number;
  readonly disabled: boolean;
}

/** `fromEcsRamRole`'s options checked (the chain also passes `connectTimeoutMs`). @internal */
export function checkEcsRamRole(
  options: EcsRamRoleOptions & { readonly connectTimeoutMs?: number },
  env: Environment,
): EcsMetadataSettings {
  const origin = checkEndpoint(options.metadataEndpoint ?? DEFAULT_METADATA_ENDPOINT, 'metadataEndpoint');
  const timeoutMs = checkTimeout(options.timeoutMs ?? 1_000, 'timeoutMs');
  const connectTimeoutMs = checkTimeout(options.connectTimeoutMs ?? timeoutMs, 'connectTimeoutMs');
  const roleName =
    optionalText(options.roleName, 'roleName') ??
    optionalText(env['ALIBABA_CLOUD_ECS_METADATA'], 'ALIBABA_CLOUD_ECS_METADATA');
  const disableImdsV1 = options.disableImdsV1 ?? envFlag(env, 'ALIBABA_CLOUD_IMDSV1_DISABLED');
  const disabled = envFlag(env, 'ALIBABA_CLOUD_ECS_METADATA_DISABLED');
  return { origin, roleName, disableImdsV1, timeoutMs, connectTimeoutMs, disabled };
}
