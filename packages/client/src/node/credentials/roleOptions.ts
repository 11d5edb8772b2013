/** Checks of the options the two role providers share, against STS's documented rules. @internal */
import { badOption, checkTimeout, type Environment, optionalText, requiredText } from './providerOptions.js';
import type { RoleRequest, StsEndpointOptions } from './sts.js';

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
