import type {
  AuthorizeSecurityGroupEgressInput,
  AuthorizeSecurityGroupEgressOutput,
  AuthorizeSecurityGroupInput,
  AuthorizeSecurityGroupOutput,
  CreateSecurityGroupInput,
  CreateSecurityGroupOutput,
  DeleteSecurityGroupInput,
  DeleteSecurityGroupOutput,
  DescribeSecurityGroupAttributeInput,
  DescribeSecurityGroupAttributeOutput,
  DescribeSecurityGroupsInput,
  DescribeSecurityGroupsOutput,
  ModifySecurityGroupAttributeInput,
  ModifySecurityGroupAttributeOutput,
  RevokeSecurityGroupEgressInput,
  RevokeSecurityGroupEgressOutput,
  RevokeSecurityGroupInput,
  RevokeSecurityGroupOutput,
} from '@ensdk/client/models';
import { EmulatorError } from './emulatorError.js';

/** Options of {@link SecurityGroupStore}. */
export interface SecurityGroupStoreOptions {
  /**
   * Rules per group, ingress and egress counted together, before AuthorizeSecurityGroup(Egress) answers
   * `AuthorizationLimitExceed`. Default {@link DEFAULT_MAX_RULES_PER_GROUP} (200, the ECS/ENS quota of rules per
   * security group).
   */
  readonly maxRulesPerGroup?: number;
  /** Groups per account before CreateSecurityGroup answers `LimitExceeded.SecurityGroup`. Default {@link DEFAULT_MAX_GROUPS} (100). */
  readonly maxGroups?: number;
  /** Clock, for CreationTime (UTC `yyyy-MM-ddTHH:mm:ssZ`). Default: the system clock. */
  readonly now?: () => Date;
}

/** Default of {@link SecurityGroupStoreOptions.maxRulesPerGroup}. */
export const DEFAULT_MAX_RULES_PER_GROUP = 200;
/** Default of {@link SecurityGroupStoreOptions.maxGroups}. */
export const DEFAULT_MAX_GROUPS = 100;
/** Default PageSize of DescribeSecurityGroups. */
export const DEFAULT_PAGE_SIZE = 10;
/** Largest PageSize of DescribeSecurityGroups; above it the store answers `InvalidParameter.PageSize`. */
export const MAX_PAGE_SIZE = 50;

/** The 9 actions a {@link SecurityGroupStore} answers, in the order of {@link SecurityGroupStore.handlers}. */
export const SECURITY_GROUP_ACTIONS = [
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
  'DescribeSecurityGroups',
  'DescribeSecurityGroupAttribute',
  'ModifySecurityGroupAttribute',
  'AuthorizeSecurityGroup',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroup',
  'RevokeSecurityGroupEgress',
] as const;
export type SecurityGroupAction = (typeof SECURITY_GROUP_ACTIONS)[number];

/** One entry of `Permissions.Permission[]` in DescribeSecurityGroupAttribute, camelCase. */
export type SecurityGroupPermission = NonNullable<
  NonNullable<DescribeSecurityGroupAttributeOutput['permissions']>['permission']
>[number];
/** One entry of `SecurityGroups.SecurityGroup[]` in DescribeSecurityGroups, camelCase. */
export type SecurityGroupSummary = NonNullable<
  NonNullable<DescribeSecurityGroupsOutput['securityGroups']>['securityGroup']
>[number];

type Direction = 'ingress' | 'egress';
type Protocol = AuthorizeSecurityGroupInput['ipProtocol'];
type Policy = NonNullable<AuthorizeSecurityGroupInput['policy']>;

interface StoredRule {
  readonly direction: Direction;
  readonly ipProtocol: Protocol;
  readonly portRange: string;
  /** SourceCidrIp (ingress) or DestCidrIp (egress). */
  readonly cidrIp: string;
  /** `''` for "no source port restriction" (omitted, empty or `-1/-1`). */
  readonly sourcePortRange: string;
  readonly policy: Policy;
  readonly priority: number;
  readonly creationTime: string;
  /** The identity of the rule inside its group, see {@link ruleKey}. */
  readonly key: string;
}

interface StoredGroup {
  readonly securityGroupId: string;
  securityGroupName: string;
  description: string;
  readonly creationTime: string;
  /** In authorization order, ingress and egress together. */
  readonly rules: StoredRule[];
}

/** The fields of an Authorize/Revoke input that identify a rule, with the CIDR of its direction. */
interface RuleFields {
  readonly ipProtocol: Protocol;
  readonly portRange: string;
  readonly cidrIp: string;
  readonly sourcePortRange?: string | undefined;
  readonly policy?: Policy | undefined;
  readonly priority?: number | undefined;
}

type NormalisedRule = Omit<StoredRule, 'creationTime'>;

const DEFAULT_POLICY: Policy = 'accept';
const DEFAULT_PRIORITY = 1;
/** SourcePortRange that means "all source ports"; stored and reported as `''`. */
const ALL_PORTS = '-1/-1';

const MESSAGES = {
  groupNotFound: 'The specified SecurityGroupId does not exist.',
  /** ModifySecurityGroupAttribute's metadata spells it without the final period. */
  groupNotFoundModify: 'The specified SecurityGroupId does not exist',
  duplicated: 'The SecurityGroup rule already exists.',
  ruleNotFound: 'The input security group rule does not exist.',
  ruleLimit: 'The limit of authorization records in the security group reaches.',
  groupLimit: 'The number of securityGroup exceeds the limit.',
  invalidField: (field: string) => `The specified field ${field} invalid. Please check it again.`,
} as const;

/** `2024-07-26T08:15:03Z`: ISO 8601 in UTC without milliseconds, as ENS writes CreationTime. */
export function formatCreationTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `sg-emu000000000001` for 1: Alibaba-like ids (prefix, then 18 characters in all), deterministic per store. */
export function formatSecurityGroupId(sequence: number): string {
  return `sg-emu${String(sequence).padStart(12, '0')}`;
}

function normaliseRule(direction: Direction, fields: RuleFields): NormalisedRule {
  const sourcePortRange =
    fields.sourcePortRange === undefined || fields.sourcePortRange === '' || fields.sourcePortRange === ALL_PORTS
      ? ''
      : fields.sourcePortRange;
  const policy = fields.policy ?? DEFAULT_POLICY;
  const priority = fields.priority ?? DEFAULT_PRIORITY;
  const rule = {
    direction,
    ipProtocol: fields.ipProtocol,
    portRange: fields.portRange,
    cidrIp: fields.cidrIp,
    sourcePortRange,
    policy,
    priority,
  };
  return { ...rule, key: ruleKey(rule) };
}

/** The identity of a normalised rule: every field that tells two rules apart, joined unambiguously. */
function ruleKey(rule: Omit<NormalisedRule, 'key'>): string {
  return JSON.stringify([
    rule.direction,
    rule.ipProtocol,
    rule.portRange,
    rule.cidrIp,
    rule.sourcePortRange,
    rule.policy,
    rule.priority,
  ]);
}

/** `accept` → `Accept`, as DescribeSecurityGroupAttribute reports Policy in the metadata's sample. */
function displayPolicy(policy: Policy): string {
  return policy === 'accept' ? 'Accept' : 'Drop';
}

function checkLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`SecurityGroupStore: ${name} must be a non-negative integer, got ${value}`);
  return value;
}

/**
 * In-memory security groups and rules of one emulator. Handlers take the validated camelCase input and return the
 * camelCase output WITHOUT `requestId` (the server adds it); service errors are thrown as {@link EmulatorError}.
 *
 * It answers CreateSecurityGroup, DeleteSecurityGroup, DescribeSecurityGroups,
 * DescribeSecurityGroupAttribute, ModifySecurityGroupAttribute, AuthorizeSecurityGroup(Egress) and
 * RevokeSecurityGroup(Egress).
 *
 * Decisions, where the ENS documentation leaves room (each one also noted on the member it concerns):
 *
 * - **Ids** are `sg-emu` followed by a 12-digit, zero-padded counter per store (`sg-emu000000000001`); they are
 *   never reused after a delete, and {@link SecurityGroupStore.reset} starts them again from 1.
 * - **Rule identity** is direction + IpProtocol + PortRange + CIDR (SourceCidrIp for ingress, DestCidrIp for
 *   egress) + SourcePortRange + Policy + Priority, after defaults: Policy `accept`, Priority `1`, and an omitted
 *   SourcePortRange means "no source port restriction", the same rule as `-1/-1` (the only value the client accepts
 *   with `icmp`, `gre` and `all`). Such a rule reports SourcePortRange `""`, as Alibaba shows an unset one.
 *   Authorize and Revoke normalise alike, so a rule authorized with the defaults written out is revoked with them
 *   left out, and the other way round. CIDRs and ranges are otherwise compared as written (`10.0.0.1` is not
 *   `10.0.0.1/32`).
 * - **DescribeSecurityGroupAttribute** writes rules as the metadata's sample does: Policy `Accept` / `Drop`,
 *   IpProtocol upper-case (`TCP`), Direction `ingress` / `egress`; every field is present, unused ones `""`.
 * - **Limits**: 200 rules per group (ingress + egress) and 100 groups per store by default, both configurable.
 * - **Errors** are {@link EmulatorError}s with status 400 and the metadata's codes and messages:
 *   `InvalidSecurityGroupId.NotFound`, `SecurityGroupRuleConflict.Duplicated`, `SecurityGroupRule.NotFound`,
 *   `AuthorizationLimitExceed`, `LimitExceeded.SecurityGroup`, `InvalidParameter.PageSize` /
 *   `InvalidParameter.PageNumber`.
 * - **Delete** of a group that still has rules succeeds and drops the rules: `DependencyViolation` is about
 *   instances, and this emulator puts no instance in a group (InstanceCount is always 0).
 */
export class SecurityGroupStore {
  readonly #maxRulesPerGroup: number;
  readonly #maxGroups: number;
  readonly #now: () => Date;
  /** Insertion order is creation order: DescribeSecurityGroups lists in it. */
  readonly #groups = new Map<string, StoredGroup>();
  #sequence = 0;
  #handlers: Readonly<Record<SecurityGroupAction, (input: never) => Record<string, unknown>>> | undefined;

  constructor(options: SecurityGroupStoreOptions = {}) {
    this.#maxRulesPerGroup = checkLimit('maxRulesPerGroup', options.maxRulesPerGroup, DEFAULT_MAX_RULES_PER_GROUP);
    this.#maxGroups = checkLimit('maxGroups', options.maxGroups, DEFAULT_MAX_GROUPS);
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * CreateSecurityGroup. Name and description are optional (reported as `""` when unset) and need not be unique.
   *
   * @throws `LimitExceeded.SecurityGroup` (400) when the store already holds `maxGroups` groups; deleting one frees its place.
   */
  createSecurityGroup(input: CreateSecurityGroupInput): Omit<CreateSecurityGroupOutput, 'requestId'> {
    if (this.#groups.size >= this.#maxGroups)
      throw new EmulatorError('LimitExceeded.SecurityGroup', 400, MESSAGES.groupLimit);
    this.#sequence += 1;
    const securityGroupId = formatSecurityGroupId(this.#sequence);
    this.#groups.set(securityGroupId, {
      securityGroupId,
      securityGroupName: input.securityGroupName ?? '',
      description: input.description ?? '',
      creationTime: formatCreationTime(this.#now()),
      rules: [],
    });
    return { securityGroupId };
  }

  /**
   * DeleteSecurityGroup. A group that still has rules is deleted with them (no `DependencyViolation`: that code is
   * about instances, and no instance joins a group here). Its id is not given out again.
   *
   * @throws `InvalidSecurityGroupId.NotFound` (400) for an unknown (or already deleted) id.
   */
  deleteSecurityGroup(input: DeleteSecurityGroupInput): Omit<DeleteSecurityGroupOutput, 'requestId'> {
    this.#group(input.securityGroupId);
    this.#groups.delete(input.securityGroupId);
    return {};
  }

  /**
   * DescribeSecurityGroups: the groups in creation order, filtered by exact SecurityGroupId and SecurityGroupName
   * (an absent or empty filter filters nothing), then paged. A SecurityGroupId filter that matches nothing gives an
   * empty list, not an error, like every list operation. A page past the end is empty. TotalCount counts every
   * matching group. InstanceCount is always 0.
   *
   * @throws `InvalidParameter.PageSize` (400) for a PageSize outside 1..50, `InvalidParameter.PageNumber` (400) for a
   * PageNumber below 1 (the client's schema already rejects both; the store does not rely on it).
   */
  describeSecurityGroups(input: DescribeSecurityGroupsInput): Omit<DescribeSecurityGroupsOutput, 'requestId'> {
    const pageNumber = input.pageNumber ?? 1;
    const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new EmulatorError('InvalidParameter.PageSize', 400, MESSAGES.invalidField('PageSize'));
    }
    if (!Number.isInteger(pageNumber) || pageNumber < 1) {
      throw new EmulatorError('InvalidParameter.PageNumber', 400, MESSAGES.invalidField('PageNumber'));
    }
    const idFilter = input.securityGroupId === '' ? undefined : input.securityGroupId;
    const nameFilter = input.securityGroupName === '' ? undefined : input.securityGroupName;
    const matching = [...this.#groups.values()].filter(
      (group) =>
        (idFilter === undefined || group.securityGroupId === idFilter) &&
        (nameFilter === undefined || group.securityGroupName === nameFilter),
    );
    const start = (pageNumber - 1) * pageSize;
    const securityGroup = matching.slice(start, start + pageSize).map(
      (group): SecurityGroupSummary => ({
        creationTime: group.creationTime,
        description: group.description,
        instanceCount: 0,
        securityGroupId: group.securityGroupId,
        securityGroupName: group.securityGroupName,
      }),
    );
    return { pageNumber, pageSize, totalCount: matching.length, securityGroups: { securityGroup } };
  }

  /**
   * DescribeSecurityGroupAttribute: the group and its rules, in authorization order, as `Permissions.Permission[]`.
   * Every permission carries every field of the output type: defaults applied (Priority 1), Policy written as the
   * metadata's sample writes it (`Accept` / `Drop`), IpProtocol upper-case (`TCP`, `UDP`, `ICMP`, `GRE`, `ALL`),
   * Direction `ingress` / `egress`, the CIDR of the other direction and an unrestricted SourcePortRange as `""`, and
   * Description `""` (rules take none).
   *
   * @throws `InvalidSecurityGroupId.NotFound` (400) for an unknown id.
   */
  describeSecurityGroupAttribute(
    input: DescribeSecurityGroupAttributeInput,
  ): Omit<DescribeSecurityGroupAttributeOutput, 'requestId'> {
    const group = this.#group(input.securityGroupId);
    const permission = group.rules.map(
      (rule): SecurityGroupPermission => ({
        creationTime: rule.creationTime,
        description: '',
        destCidrIp: rule.direction === 'egress' ? rule.cidrIp : '',
        direction: rule.direction,
        ipProtocol: rule.ipProtocol.toUpperCase(),
        policy: displayPolicy(rule.policy),
        portRange: rule.portRange,
        priority: rule.priority,
        sourceCidrIp: rule.direction === 'ingress' ? rule.cidrIp : '',
        sourcePortRange: rule.sourcePortRange,
      }),
    );
    return {
      securityGroupId: group.securityGroupId,
      securityGroupName: group.securityGroupName,
      description: group.description,
      permissions: { permission },
    };
  }

  /**
   * ModifySecurityGroupAttribute: sets SecurityGroupName and/or Description; an omitted field keeps its value.
   *
   * @throws `InvalidSecurityGroupId.NotFound` (400) for an unknown id (with this operation's message, which has no final period).
   */
  modifySecurityGroupAttribute(
    input: ModifySecurityGroupAttributeInput,
  ): Omit<ModifySecurityGroupAttributeOutput, 'requestId'> {
    const group = this.#group(input.securityGroupId, MESSAGES.groupNotFoundModify);
    if (input.securityGroupName !== undefined) group.securityGroupName = input.securityGroupName;
    if (input.description !== undefined) group.description = input.description;
    return {};
  }

  /**
   * AuthorizeSecurityGroup: adds an inbound rule (identified by SourceCidrIp).
   *
   * @throws `InvalidSecurityGroupId.NotFound` (400) for an unknown id; `SecurityGroupRuleConflict.Duplicated` (400)
   * when the same rule (after defaults) is there already, checked before the limit; `AuthorizationLimitExceed` (400)
   * when the group already holds `maxRulesPerGroup` rules (ingress and egress together).
   */
  authorizeSecurityGroup(input: AuthorizeSecurityGroupInput): Omit<AuthorizeSecurityGroupOutput, 'requestId'> {
    this.#authorize(input.securityGroupId, normaliseRule('ingress', { ...input, cidrIp: input.sourceCidrIp }));
    return {};
  }

  /** AuthorizeSecurityGroupEgress: adds an outbound rule (identified by DestCidrIp); errors as {@link authorizeSecurityGroup}. */
  authorizeSecurityGroupEgress(
    input: AuthorizeSecurityGroupEgressInput,
  ): Omit<AuthorizeSecurityGroupEgressOutput, 'requestId'> {
    this.#authorize(input.securityGroupId, normaliseRule('egress', { ...input, cidrIp: input.destCidrIp }));
    return {};
  }

  /**
   * RevokeSecurityGroup: removes the inbound rule that matches every identifying field after defaults.
   *
   * @throws `InvalidSecurityGroupId.NotFound` (400) for an unknown id; `SecurityGroupRule.NotFound` (400) when no
   * inbound rule matches (an outbound rule with the same fields does not).
   */
  revokeSecurityGroup(input: RevokeSecurityGroupInput): Omit<RevokeSecurityGroupOutput, 'requestId'> {
    this.#revoke(input.securityGroupId, normaliseRule('ingress', { ...input, cidrIp: input.sourceCidrIp }));
    return {};
  }

  /** RevokeSecurityGroupEgress: removes the matching outbound rule; errors as {@link revokeSecurityGroup}. */
  revokeSecurityGroupEgress(input: RevokeSecurityGroupEgressInput): Omit<RevokeSecurityGroupEgressOutput, 'requestId'> {
    this.#revoke(input.securityGroupId, normaliseRule('egress', { ...input, cidrIp: input.destCidrIp }));
    return {};
  }

  /** Forget every group and rule; ids restart at `sg-emu000000000001`, so tests are deterministic. */
  reset(): void {
    this.#groups.clear();
    this.#sequence = 0;
  }

  /**
   * The handlers keyed by action name (`'RevokeSecurityGroupEgress'` → the bound method), exactly the 9 of
   * {@link SECURITY_GROUP_ACTIONS}, for the server's dispatch table. The same frozen object on every call.
   */
  handlers(): Readonly<Record<string, (input: never) => Record<string, unknown>>> {
    this.#handlers ??= Object.freeze({
      CreateSecurityGroup: (input: CreateSecurityGroupInput) => this.createSecurityGroup(input),
      DeleteSecurityGroup: (input: DeleteSecurityGroupInput) => this.deleteSecurityGroup(input),
      DescribeSecurityGroups: (input: DescribeSecurityGroupsInput) => this.describeSecurityGroups(input),
      DescribeSecurityGroupAttribute: (input: DescribeSecurityGroupAttributeInput) =>
        this.describeSecurityGroupAttribute(input),
      ModifySecurityGroupAttribute: (input: ModifySecurityGroupAttributeInput) =>
        this.modifySecurityGroupAttribute(input),
      AuthorizeSecurityGroup: (input: AuthorizeSecurityGroupInput) => this.authorizeSecurityGroup(input),
      AuthorizeSecurityGroupEgress: (input: AuthorizeSecurityGroupEgressInput) =>
        this.authorizeSecurityGroupEgress(input),
      RevokeSecurityGroup: (input: RevokeSecurityGroupInput) => this.revokeSecurityGroup(input),
      RevokeSecurityGroupEgress: (input: RevokeSecurityGroupEgressInput) => this.revokeSecurityGroupEgress(input),
    });
    return this.#handlers;
  }

  #group(securityGroupId: string, message: string = MESSAGES.groupNotFound): StoredGroup {
    const group = this.#groups.get(securityGroupId);
    if (group === undefined) throw new EmulatorError('InvalidSecurityGroupId.NotFound', 400, message);
    return group;
  }

  #authorize(securityGroupId: string, rule: NormalisedRule): void {
    const group = this.#group(securityGroupId);
    if (group.rules.some((existing) => existing.key === rule.key)) {
      throw new EmulatorError('SecurityGroupRuleConflict.Duplicated', 400, MESSAGES.duplicated);
    }
    if (group.rules.length >= this.#maxRulesPerGroup)
      throw new EmulatorError('AuthorizationLimitExceed', 400, MESSAGES.ruleLimit);
    group.rules.push({ ...rule, creationTime: formatCreationTime(this.#now()) });
  }

  #revoke(securityGroupId: string, rule: NormalisedRule): void {
    const group = this.#group(securityGroupId);
    const index = group.rules.findIndex((existing) => existing.key === rule.key);
    if (index === -1) throw new EmulatorError('SecurityGroupRule.NotFound', 400, MESSAGES.ruleNotFound);
    group.rules.splice(index, 1);
  }
}
