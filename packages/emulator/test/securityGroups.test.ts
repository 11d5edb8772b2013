import { describe, expect, it } from 'vitest';
import type { AuthorizeSecurityGroupEgressInput, AuthorizeSecurityGroupInput } from '@ensdk/client/models';
import { EmulatorError } from '../src/core/emulatorError.js';
import {
  SECURITY_GROUP_ACTIONS,
  SecurityGroupStore,
  formatCreationTime,
  formatSecurityGroupId,
  type SecurityGroupStoreOptions,
} from '../src/core/securityGroups.js';

const T0 = new Date('2024-07-26T08:15:03.456Z');

/** A store whose clock starts at T0 and moves one second per reading. */
function newStore(options: SecurityGroupStoreOptions = {}): SecurityGroupStore {
  let tick = 0;
  return new SecurityGroupStore({ now: () => new Date(T0.getTime() + 1000 * tick++), ...options });
}

/** Runs `fn` and returns the EmulatorError it throws; fails if it throws something else or nothing. */
function errorOf(fn: () => unknown): EmulatorError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EmulatorError);
    return error as EmulatorError;
  }
  throw new Error('expected an EmulatorError, nothing was thrown');
}

function expectError(fn: () => unknown, code: string, message?: string): void {
  const error = errorOf(fn);
  expect(error.code).toBe(code);
  expect(error.statusCode).toBe(400);
  if (message !== undefined) expect(error.message).toBe(message);
}

function createGroup(store: SecurityGroupStore, securityGroupName?: string): string {
  const { securityGroupId } = store.createSecurityGroup(securityGroupName === undefined ? {} : { securityGroupName });
  expect(securityGroupId).toBeDefined();
  return securityGroupId as string;
}

function permissionsOf(store: SecurityGroupStore, securityGroupId: string) {
  return store.describeSecurityGroupAttribute({ securityGroupId }).permissions?.permission ?? [];
}

const EGRESS: Omit<AuthorizeSecurityGroupEgressInput, 'securityGroupId'> = {
  ipProtocol: 'tcp',
  portRange: '22/22',
  destCidrIp: '10.0.0.0/8',
};
const INGRESS: Omit<AuthorizeSecurityGroupInput, 'securityGroupId'> = {
  ipProtocol: 'tcp',
  portRange: '22/22',
  sourceCidrIp: '10.0.0.0/8',
};

describe('SecurityGroupStore: the full story', () => {
  it('creates, authorizes egress, describes with defaults, revokes with defaults omitted, then answers SecurityGroupRule.NotFound', () => {
    const store = newStore();
    const { securityGroupId } = store.createSecurityGroup({ securityGroupName: 'web', description: 'front ends' });
    expect(securityGroupId).toBe('sg-emu000000000001');
    const id = securityGroupId as string;

    expect(store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS })).toEqual({});

    const attribute = store.describeSecurityGroupAttribute({ securityGroupId: id });
    expect(attribute).toEqual({
      securityGroupId: id,
      securityGroupName: 'web',
      description: 'front ends',
      permissions: {
        permission: [
          {
            creationTime: '2024-07-26T08:15:04Z',
            description: '',
            destCidrIp: '10.0.0.0/8',
            direction: 'egress',
            ipProtocol: 'TCP',
            policy: 'Accept',
            portRange: '22/22',
            priority: 1,
            sourceCidrIp: '',
            sourcePortRange: '',
          },
        ],
      },
    });
    expect(attribute).not.toHaveProperty('requestId');

    // Revoke with the defaults written out matches the rule authorized with them left out.
    expect(store.revokeSecurityGroupEgress({ securityGroupId: id, ...EGRESS, policy: 'accept', priority: 1 })).toEqual(
      {},
    );
    expect(permissionsOf(store, id)).toEqual([]);

    const error = errorOf(() => store.revokeSecurityGroupEgress({ securityGroupId: id, ...EGRESS }));
    expect(error.code).toBe('SecurityGroupRule.NotFound');
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('The input security group rule does not exist.');
    expect(error.name).toBe('EmulatorError');
  });

  it('revokes with the defaults left out a rule authorized with them written out', () => {
    const store = newStore();
    const id = createGroup(store);
    store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS, policy: 'accept', priority: 1 });
    store.revokeSecurityGroupEgress({ securityGroupId: id, ...EGRESS });
    expect(permissionsOf(store, id)).toEqual([]);
  });

  it('treats an omitted SourcePortRange and -1/-1 as the same unrestricted range', () => {
    const store = newStore();
    const id = createGroup(store);
    store.authorizeSecurityGroup({
      securityGroupId: id,
      ipProtocol: 'icmp',
      portRange: '-1/-1',
      sourceCidrIp: '0.0.0.0/0',
      sourcePortRange: '-1/-1',
    });
    expect(permissionsOf(store, id)[0]).toMatchObject({
      ipProtocol: 'ICMP',
      sourcePortRange: '',
      sourceCidrIp: '0.0.0.0/0',
      destCidrIp: '',
    });
    expectError(
      () =>
        store.authorizeSecurityGroup({
          securityGroupId: id,
          ipProtocol: 'icmp',
          portRange: '-1/-1',
          sourceCidrIp: '0.0.0.0/0',
        }),
      'SecurityGroupRuleConflict.Duplicated',
    );
    store.revokeSecurityGroup({
      securityGroupId: id,
      ipProtocol: 'icmp',
      portRange: '-1/-1',
      sourceCidrIp: '0.0.0.0/0',
    });
    expect(permissionsOf(store, id)).toEqual([]);
  });

  it('reports a written source port range, a drop policy and a priority as given', () => {
    const store = newStore();
    const id = createGroup(store);
    store.authorizeSecurityGroup({
      securityGroupId: id,
      ...INGRESS,
      sourcePortRange: '1024/2048',
      policy: 'drop',
      priority: 7,
    });
    expect(permissionsOf(store, id)).toEqual([
      expect.objectContaining({
        direction: 'ingress',
        sourceCidrIp: '10.0.0.0/8',
        destCidrIp: '',
        sourcePortRange: '1024/2048',
        policy: 'Drop',
        priority: 7,
      }),
    ]);
  });
});

describe('SecurityGroupStore: rule identity', () => {
  it('answers SecurityGroupRuleConflict.Duplicated to the same rule twice, defaults or not', () => {
    const store = newStore();
    const id = createGroup(store);
    store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS });
    expectError(
      () => store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS }),
      'SecurityGroupRuleConflict.Duplicated',
      'The SecurityGroup rule already exists.',
    );
    expectError(
      () => store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS, policy: 'accept', priority: 1 }),
      'SecurityGroupRuleConflict.Duplicated',
    );
    expect(permissionsOf(store, id)).toHaveLength(1);
  });

  it('keeps ingress and egress rules with the same fields apart', () => {
    const store = newStore();
    const id = createGroup(store);
    store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS });
    store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS });
    expect(permissionsOf(store, id).map((p) => p.direction)).toEqual(['ingress', 'egress']);

    store.revokeSecurityGroup({ securityGroupId: id, ...INGRESS });
    expectError(() => store.revokeSecurityGroup({ securityGroupId: id, ...INGRESS }), 'SecurityGroupRule.NotFound');
    expect(permissionsOf(store, id).map((p) => p.direction)).toEqual(['egress']);
  });

  const variants: readonly [string, Partial<AuthorizeSecurityGroupInput>][] = [
    ['ipProtocol', { ipProtocol: 'udp' }],
    ['portRange', { portRange: '22/23' }],
    ['sourceCidrIp', { sourceCidrIp: '192.168.0.0/16' }],
    ['sourcePortRange', { sourcePortRange: '22/22' }],
    ['policy', { policy: 'drop' }],
    ['priority', { priority: 2 }],
  ];
  it.each(variants)('tells rules apart by %s', (_field, change) => {
    const store = newStore();
    const id = createGroup(store);
    store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS });
    store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS, ...change });
    expect(permissionsOf(store, id)).toHaveLength(2);

    // Revoking the variant leaves the original, and the variant is then gone.
    store.revokeSecurityGroup({ securityGroupId: id, ...INGRESS, ...change });
    expect(permissionsOf(store, id)).toEqual([
      expect.objectContaining({
        ipProtocol: 'TCP',
        portRange: '22/22',
        priority: 1,
        policy: 'Accept',
        sourcePortRange: '',
      }),
    ]);
    expectError(
      () => store.revokeSecurityGroup({ securityGroupId: id, ...INGRESS, ...change }),
      'SecurityGroupRule.NotFound',
    );
  });

  it('tells egress rules apart by destCidrIp and priority', () => {
    const store = newStore();
    const id = createGroup(store);
    store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS });
    store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS, destCidrIp: '172.16.0.0/12' });
    store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS, priority: 2 });
    expect(permissionsOf(store, id).map((p) => [p.destCidrIp, p.priority])).toEqual([
      ['10.0.0.0/8', 1],
      ['172.16.0.0/12', 1],
      ['10.0.0.0/8', 2],
    ]);
    expectError(
      () => store.revokeSecurityGroupEgress({ securityGroupId: id, ...EGRESS, priority: 3 }),
      'SecurityGroupRule.NotFound',
    );
  });

  it('keeps rules of different groups apart', () => {
    const store = newStore();
    const a = createGroup(store);
    const b = createGroup(store);
    store.authorizeSecurityGroup({ securityGroupId: a, ...INGRESS });
    store.authorizeSecurityGroup({ securityGroupId: b, ...INGRESS });
    store.revokeSecurityGroup({ securityGroupId: a, ...INGRESS });
    expect(permissionsOf(store, a)).toEqual([]);
    expect(permissionsOf(store, b)).toHaveLength(1);
  });
});

describe('SecurityGroupStore: unknown group', () => {
  const missing = 'sg-emu000000000099';
  const calls: readonly [string, (store: SecurityGroupStore) => unknown][] = [
    ['DeleteSecurityGroup', (s) => s.deleteSecurityGroup({ securityGroupId: missing })],
    ['DescribeSecurityGroupAttribute', (s) => s.describeSecurityGroupAttribute({ securityGroupId: missing })],
    ['AuthorizeSecurityGroup', (s) => s.authorizeSecurityGroup({ securityGroupId: missing, ...INGRESS })],
    ['AuthorizeSecurityGroupEgress', (s) => s.authorizeSecurityGroupEgress({ securityGroupId: missing, ...EGRESS })],
    ['RevokeSecurityGroup', (s) => s.revokeSecurityGroup({ securityGroupId: missing, ...INGRESS })],
    ['RevokeSecurityGroupEgress', (s) => s.revokeSecurityGroupEgress({ securityGroupId: missing, ...EGRESS })],
  ];
  it.each(calls)('%s answers InvalidSecurityGroupId.NotFound', (_action, call) => {
    const store = newStore();
    createGroup(store);
    expectError(() => call(store), 'InvalidSecurityGroupId.NotFound', 'The specified SecurityGroupId does not exist.');
  });

  it('ModifySecurityGroupAttribute answers InvalidSecurityGroupId.NotFound with its own message', () => {
    const store = newStore();
    expectError(
      () => store.modifySecurityGroupAttribute({ securityGroupId: missing, securityGroupName: 'x1' }),
      'InvalidSecurityGroupId.NotFound',
      'The specified SecurityGroupId does not exist',
    );
  });

  it('DescribeSecurityGroups with an unknown SecurityGroupId filter returns an empty list', () => {
    const store = newStore();
    createGroup(store);
    expect(store.describeSecurityGroups({ securityGroupId: missing })).toEqual({
      pageNumber: 1,
      pageSize: 10,
      totalCount: 0,
      securityGroups: { securityGroup: [] },
    });
  });
});

describe('SecurityGroupStore: limits', () => {
  it('answers AuthorizationLimitExceed past maxRulesPerGroup, counting ingress and egress together', () => {
    const store = newStore({ maxRulesPerGroup: 3 });
    const id = createGroup(store);
    store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS });
    store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS, priority: 2 });
    store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS });
    expectError(
      () => store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS, priority: 2 }),
      'AuthorizationLimitExceed',
      'The limit of authorization records in the security group reaches.',
    );
    expectError(
      () => store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS, priority: 3 }),
      'AuthorizationLimitExceed',
    );
    // A duplicate is reported as such even at the limit.
    expectError(
      () => store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS }),
      'SecurityGroupRuleConflict.Duplicated',
    );
    // Another group has its own quota; revoking frees a place.
    const other = createGroup(store);
    store.authorizeSecurityGroup({ securityGroupId: other, ...INGRESS });
    store.revokeSecurityGroup({ securityGroupId: id, ...INGRESS });
    store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS, priority: 2 });
    expect(permissionsOf(store, id)).toHaveLength(3);
  });

  it('allows 200 rules per group by default', () => {
    const store = newStore();
    const id = createGroup(store);
    for (let priority = 1; priority <= 100; priority++) {
      store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS, priority });
      store.authorizeSecurityGroupEgress({ securityGroupId: id, ...EGRESS, priority });
    }
    expect(permissionsOf(store, id)).toHaveLength(200);
    expectError(
      () => store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS, policy: 'drop' }),
      'AuthorizationLimitExceed',
    );
  });

  it('answers LimitExceeded.SecurityGroup past maxGroups, and a delete frees a place', () => {
    const store = newStore({ maxGroups: 2 });
    const first = createGroup(store);
    createGroup(store);
    expectError(
      () => store.createSecurityGroup({}),
      'LimitExceeded.SecurityGroup',
      'The number of securityGroup exceeds the limit.',
    );
    store.deleteSecurityGroup({ securityGroupId: first });
    expect(store.createSecurityGroup({}).securityGroupId).toBe('sg-emu000000000003');
  });

  it('allows 100 groups by default', () => {
    const store = newStore();
    for (let i = 0; i < 100; i++) store.createSecurityGroup({});
    expectError(() => store.createSecurityGroup({}), 'LimitExceeded.SecurityGroup');
  });

  it('rejects nonsensical limits at construction', () => {
    expect(() => new SecurityGroupStore({ maxGroups: -1 })).toThrow(RangeError);
    expect(() => new SecurityGroupStore({ maxRulesPerGroup: 1.5 })).toThrow(RangeError);
  });
});

describe('SecurityGroupStore: DescribeSecurityGroups', () => {
  it('pages 23 groups by 10 in creation order, with TotalCount 23', () => {
    const store = newStore();
    const ids = Array.from({ length: 23 }, (_, i) => createGroup(store, `group-${i + 1}`));
    const pages = [1, 2, 3, 4].map((pageNumber) => store.describeSecurityGroups({ pageNumber, pageSize: 10 }));
    expect(pages.map((page) => page.securityGroups?.securityGroup?.length)).toEqual([10, 10, 3, 0]);
    for (const [index, page] of pages.entries()) {
      expect(page).toMatchObject({ pageNumber: index + 1, pageSize: 10, totalCount: 23 });
    }
    expect(
      pages.flatMap((page) => page.securityGroups?.securityGroup ?? []).map((group) => group.securityGroupId),
    ).toEqual(ids);
  });

  it('defaults to page 1 of 10 and describes every field', () => {
    const store = newStore();
    for (let i = 0; i < 12; i++) createGroup(store);
    store.modifySecurityGroupAttribute({
      securityGroupId: 'sg-emu000000000001',
      securityGroupName: 'first',
      description: 'the first one',
    });
    const page = store.describeSecurityGroups({});
    expect(page).toMatchObject({ pageNumber: 1, pageSize: 10, totalCount: 12 });
    expect(page.securityGroups?.securityGroup?.[0]).toEqual({
      creationTime: '2024-07-26T08:15:03Z',
      description: 'the first one',
      instanceCount: 0,
      securityGroupId: 'sg-emu000000000001',
      securityGroupName: 'first',
    });
    expect(page.securityGroups?.securityGroup?.[1]).toMatchObject({
      securityGroupName: '',
      description: '',
      creationTime: '2024-07-26T08:15:04Z',
    });
    expect(page).not.toHaveProperty('requestId');
  });

  it('accepts PageSize 50 and answers InvalidParameter.PageSize to 51 and 0', () => {
    const store = newStore();
    for (let i = 0; i < 23; i++) createGroup(store);
    expect(store.describeSecurityGroups({ pageSize: 50 }).securityGroups?.securityGroup).toHaveLength(23);
    expectError(
      () => store.describeSecurityGroups({ pageSize: 51 }),
      'InvalidParameter.PageSize',
      'The specified field PageSize invalid. Please check it again.',
    );
    expectError(() => store.describeSecurityGroups({ pageSize: 0 }), 'InvalidParameter.PageSize');
    expectError(() => store.describeSecurityGroups({ pageNumber: 0 }), 'InvalidParameter.PageNumber');
  });

  it('filters by exact SecurityGroupName and by SecurityGroupId', () => {
    const store = newStore();
    const a = createGroup(store, 'alpha');
    createGroup(store, 'alphabet');
    const c = createGroup(store, 'alpha');
    createGroup(store);
    const byName = store.describeSecurityGroups({ securityGroupName: 'alpha' });
    expect(byName.totalCount).toBe(2);
    expect(byName.securityGroups?.securityGroup?.map((group) => group.securityGroupId)).toEqual([a, c]);
    expect(store.describeSecurityGroups({ securityGroupName: 'alph' }).totalCount).toBe(0);
    expect(store.describeSecurityGroups({ securityGroupName: '' }).totalCount).toBe(4);

    const byId = store.describeSecurityGroups({ securityGroupId: c });
    expect(byId.securityGroups?.securityGroup?.map((group) => group.securityGroupName)).toEqual(['alpha']);
    expect(store.describeSecurityGroups({ securityGroupId: c, securityGroupName: 'alphabet' }).totalCount).toBe(0);
  });
});

describe('SecurityGroupStore: modify, delete, reset, handlers', () => {
  it('modifies the name and the description, each on its own', () => {
    const store = newStore();
    const id = store.createSecurityGroup({ securityGroupName: 'old-name', description: 'old description' })
      .securityGroupId as string;
    expect(store.modifySecurityGroupAttribute({ securityGroupId: id, securityGroupName: 'new-name' })).toEqual({});
    expect(store.describeSecurityGroupAttribute({ securityGroupId: id })).toMatchObject({
      securityGroupName: 'new-name',
      description: 'old description',
    });
    store.modifySecurityGroupAttribute({ securityGroupId: id, description: 'new description' });
    expect(store.describeSecurityGroupAttribute({ securityGroupId: id })).toMatchObject({
      securityGroupName: 'new-name',
      description: 'new description',
    });
    expect(store.describeSecurityGroups({ securityGroupName: 'new-name' }).totalCount).toBe(1);
    expect(store.describeSecurityGroups({ securityGroupName: 'old-name' }).totalCount).toBe(0);
  });

  it('deletes a group with rules, after which every operation on it answers InvalidSecurityGroupId.NotFound', () => {
    const store = newStore();
    const id = createGroup(store);
    store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS });
    expect(store.deleteSecurityGroup({ securityGroupId: id })).toEqual({});
    expectError(() => store.describeSecurityGroupAttribute({ securityGroupId: id }), 'InvalidSecurityGroupId.NotFound');
    expectError(() => store.deleteSecurityGroup({ securityGroupId: id }), 'InvalidSecurityGroupId.NotFound');
    expect(store.describeSecurityGroups({}).totalCount).toBe(0);
    // Ids are not reused after a delete.
    expect(createGroup(store)).toBe('sg-emu000000000002');
  });

  it('reset forgets everything and restarts ids', () => {
    const store = newStore();
    const id = createGroup(store);
    createGroup(store);
    store.authorizeSecurityGroup({ securityGroupId: id, ...INGRESS });
    store.reset();
    expect(store.describeSecurityGroups({}).totalCount).toBe(0);
    expectError(() => store.describeSecurityGroupAttribute({ securityGroupId: id }), 'InvalidSecurityGroupId.NotFound');
    expect(createGroup(store)).toBe('sg-emu000000000001');
    expect(permissionsOf(store, 'sg-emu000000000001')).toEqual([]);
  });

  it('handlers() maps exactly the 9 actions to bound methods', () => {
    const store = newStore();
    const handlers = store.handlers();
    expect(Object.keys(handlers).sort()).toEqual([...SECURITY_GROUP_ACTIONS].sort());
    expect(Object.keys(handlers)).toHaveLength(9);
    expect(Object.isFrozen(handlers)).toBe(true);
    expect(store.handlers()).toBe(handlers);

    // Detached from the store, as a dispatch table calls them.
    type Handler = (input: unknown) => Record<string, unknown>;
    const call = (action: string, input: unknown): Record<string, unknown> => (handlers[action] as Handler)(input);
    const { securityGroupId } = call('CreateSecurityGroup', { securityGroupName: 'dispatch' });
    expect(securityGroupId).toBe('sg-emu000000000001');
    expect(call('AuthorizeSecurityGroupEgress', { securityGroupId, ...EGRESS })).toEqual({});
    expect(call('DescribeSecurityGroupAttribute', { securityGroupId })).toMatchObject({
      securityGroupName: 'dispatch',
    });
    expect(call('RevokeSecurityGroupEgress', { securityGroupId, ...EGRESS })).toEqual({});
    expect(() => call('RevokeSecurityGroupEgress', { securityGroupId, ...EGRESS })).toThrow(EmulatorError);
    expect(call('ModifySecurityGroupAttribute', { securityGroupId, description: 'via dispatch' })).toEqual({});
    expect(call('DescribeSecurityGroups', {})).toMatchObject({ totalCount: 1 });
    expect(call('AuthorizeSecurityGroup', { securityGroupId, ...INGRESS })).toEqual({});
    expect(call('RevokeSecurityGroup', { securityGroupId, ...INGRESS })).toEqual({});
    expect(call('DeleteSecurityGroup', { securityGroupId })).toEqual({});
  });

  it('formats ids and creation times like Alibaba', () => {
    expect(formatSecurityGroupId(1)).toBe('sg-emu000000000001');
    expect(formatSecurityGroupId(123456)).toBe('sg-emu000000123456');
    expect(formatCreationTime(new Date('2019-11-01T06:08:46.999Z'))).toBe('2019-11-01T06:08:46Z');
  });

  it('uses the system clock by default', () => {
    const store = new SecurityGroupStore();
    const before = formatCreationTime(new Date());
    store.createSecurityGroup({});
    const after = formatCreationTime(new Date());
    const creationTime = store.describeSecurityGroups({}).securityGroups?.securityGroup?.[0]?.creationTime ?? '';
    expect(creationTime >= before && creationTime <= after).toBe(true);
    expect(creationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});
