/** Checks of the options the two role providers share, against STS's documented rules. @internal */
import {
  badOption,
  checkEndpoint,
  checkTimeout,
  envFlag,
  type Environment,
  optionalText,
  requiredText,
} from './providerOptions.js';

/** Where STS is and how long to wait for it. @internal */
export interface StsTarget {
  readonly endpoint: URL;
  readonly timeoutMs: number;
}

/** The parameters both role calls share. @internal */
export interface RoleRequest {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds: number;
  readonly policy?: string | undefined;
}

/** How the STS endpoint is chosen. @internal */
export interface StsEndpointOptions {
  readonly stsEndpoint?: string | undefined;
  readonly stsRegion?: string | undefined;
  readonly enableVpc?: boolean | undefined;
}

/**
 * The STS endpoint, as Alibaba's libraries choose it: an explicit endpoint; else a region (option, else
 * `ALIBABA_CLOUD_STS_REGION`) → `sts.<region>.aliyuncs.com`, or `sts-vpc.<region>.aliyuncs.com` when VPC is on
 * (option, else `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`); else `sts.aliyuncs.com`.
 * @internal
 */
export function stsEndpointOf(options: StsEndpointOptions, env: Environment): URL {
  if (options.stsEndpoint !== undefined && options.stsEndpoint.trim() !== '')
    return checkEndpoint(options.stsEndpoint, 'stsEndpoint');
  const region = options.stsRegion?.trim() || env['ALIBABA_CLOUD_STS_REGION']?.trim() || undefined;
  if (region === undefined) return new URL('https://sts.aliyuncs.com');
  if (!/^[a-z0-9-]+$/.test(region)) throw badOption('stsRegion', 'must be a region id such as cn-hangzhou');
  const vpc = options.enableVpc ?? envFlag(env, 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED');
  return new URL(`https://${vpc ? 'sts-vpc' : 'sts'}.${region}.aliyuncs.com`);
}

/** What both role providers accept besides their own inputs. @internal */
export interface RoleOptions extends StsEndpointOptions {
  readonly roleArn?: string | undefined;
  readonly roleSessionName?: string | undefined;
  readonly durationSeconds?: number | undefined;
  readonly policy?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

/** The checked role request: ARN, session name (option, env, or `ensdk-<ms>`), duration (≥ 900 s), policy. @internal */
export function checkRoleRequest(options: RoleOptions, env: Environment): RoleRequest {
  const roleArn = requiredText(options.roleArn ?? env['ALIBABA_CLOUD_ROLE_ARN'], 'roleArn');
  if (!/^acs:ram::[^:\s]+:role\/\S+$/i.test(roleArn))
    throw badOption('roleArn', 'must look like acs:ram::<account id>:role/<role name>');
  const roleSessionName =
    optionalText(options.roleSessionName, 'roleSessionName') ??
    optionalText(env['ALIBABA_CLOUD_ROLE_SESSION_NAME'], 'ALIBABA_CLOUD_ROLE_SESSION_NAME') ??
    `ensdk-${Date.now()}`;
  if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(roleSessionName))
    throw badOption('roleSessionName', 'must be 2 to 64 letters, digits or . @ - _');
  const durationSeconds = options.durationSeconds ?? 3600;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900)
    throw badOption(
      'durationSeconds',
      "must be an integer of at least 900 (the maximum is the role's MaxSessionDuration)",
    );
  const policy = optionalText(options.policy, 'policy');
  if (policy !== undefined && policy.length > 2048) throw badOption('policy', 'must be at most 2048 characters');
  return { roleArn, roleSessionName, durationSeconds, policy };
}

/** The per-request limit of STS calls: 10 s by default, as Alibaba's read timeout. @internal */
export function stsTimeoutOf(options: RoleOptions): number {
  return checkTimeout(options.timeoutMs ?? 10_000, 'timeoutMs');
}
