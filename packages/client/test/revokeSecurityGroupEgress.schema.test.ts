import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnsValidationError, type EnsValidationIssue } from '@ensdk/errors';
import { revokeSecurityGroupEgressInputSchema, validateInput } from '../src/models.js';

const schema = revokeSecurityGroupEgressInputSchema();

const valid = { securityGroupId: 'sg-5tz1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' } as const;

function issuesOf(input: unknown): EnsValidationIssue[] {
  try {
    validateInput('RevokeSecurityGroupEgress', schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(EnsValidationError);
    return [...(error as EnsValidationError).issues];
  }
  return [];
}

describe('RevokeSecurityGroupEgress input schema: accepted', () => {
  it.each([
    ['1/200', 'tcp'],
    ['22/22', 'udp'],
    ['1/65535', 'tcp'],
    ['-1/-1', 'icmp'],
    ['-1/-1', 'gre'],
    ['-1/-1', 'all'],
  ] as const)('portRange %s with %s', (portRange, ipProtocol) => {
    expect(issuesOf({ ...valid, portRange, ipProtocol })).toEqual([]);
  });

  it.each(['10.0.0.0/8', '192.168.1.1', '0.0.0.0/0', '255.255.255.255/32'])('destCidrIp %s', (destCidrIp) => {
    expect(issuesOf({ ...valid, destCidrIp })).toEqual([]);
  });

  it('all optional fields', () => {
    const input = { ...valid, policy: 'drop', priority: 100, sourcePortRange: '1024/65535' } as const;
    expect(validateInput('RevokeSecurityGroupEgress', schema, input)).toEqual(input);
  });
});

describe('RevokeSecurityGroupEgress input schema: rejected, naming the field and the rule', () => {
  it.each([
    [{ portRange: '200/1' }, 'portRange', 'format:port-range', 'start 200 > end 1'],
    [{ portRange: '0/22' }, 'portRange', 'tcp-udp-port-range', 'start 0 is below 1'],
    [{ portRange: '1/65536' }, 'portRange', 'format:port-range', 'end 65536 is above 65535'],
    [{ portRange: '22' }, 'portRange', 'format:port-range', 'must be "start/end"'],
    [{ portRange: '-1/-1' }, 'portRange', 'tcp-udp-port-range', 'start -1 is below 1 when ipProtocol is "tcp"'],
    [
      { ipProtocol: 'icmp', portRange: '1/200' },
      'portRange',
      'all-ports-port-range',
      'must be "-1/-1" when ipProtocol is "icmp"',
    ],
    [{ ipProtocol: 'TCP' }, 'ipProtocol', 'enum', 'did you mean "tcp"'],
    [{ policy: 'Accept' }, 'policy', 'enum', 'must be one of accept, drop'],
    [{ priority: 0 }, 'priority', 'minimum', 'must be at least 1'],
    [{ priority: 101 }, 'priority', 'maximum', 'must be at most 100'],
    [{ priority: 1.5 }, 'priority', 'integer', 'must be an integer'],
    [{ destCidrIp: '10.0.0.0/33' }, 'destCidrIp', 'format:ipv4-or-cidr', 'IPv4 address or CIDR block'],
    [{ destCidrIp: '300.1.1.1' }, 'destCidrIp', 'format:ipv4-or-cidr', 'got "300.1.1.1"'],
    [{ sourcePortRange: '9/8' }, 'sourcePortRange', 'format:port-range', 'start 9 > end 8'],
    [
      { ipProtocol: 'gre', portRange: '-1/-1', sourcePortRange: '22/22' },
      'sourcePortRange',
      'all-ports-port-range',
      'must be "-1/-1"',
    ],
    [{ priorty: 1 }, 'priorty', 'unknown', 'is not a parameter'],
  ] as const)('%j → %s (%s)', (change, path, rule, message) => {
    const issues = issuesOf({ ...valid, ...change });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path, rule });
    expect(issues[0]!.message).toContain(message);
  });

  it('names all four required fields when all are missing', () => {
    const issues = issuesOf({});
    expect(issues.map((i) => [i.path, i.rule])).toEqual(
      expect.arrayContaining([
        ['ipProtocol', 'required'],
        ['portRange', 'required'],
        ['securityGroupId', 'required'],
        ['destCidrIp', 'required'],
      ]),
    );
    expect(issues).toHaveLength(4);
  });

  it('lists every problem at once, cross-field rules included', () => {
    const issues = issuesOf({ ...valid, portRange: '0/22', priority: 101, destCidrIp: 'x', securityGroupId: 7 });
    expect(issues.map((i) => `${i.path}:${i.rule}`).sort()).toEqual([
      'destCidrIp:format:ipv4-or-cidr',
      'portRange:tcp-udp-port-range',
      'priority:maximum',
      'securityGroupId:type',
    ]);
  });

  it('the error message names the operation, the field and the rule', () => {
    expect(() => validateInput('RevokeSecurityGroupEgress', schema, { ...valid, portRange: '200/1' })).toThrow(
      'Invalid input for RevokeSecurityGroupEgress: portRange: start 200 > end 1',
    );
  });
});

describe('RevokeSecurityGroupEgress port ranges (property)', () => {
  const port = fc.integer({ min: 1, max: 65535 });
  it('accepts every valid tcp/udp range', () => {
    fc.assert(
      fc.property(port, port, fc.constantFrom('tcp', 'udp'), (a, b, ipProtocol) => {
        const portRange = `${Math.min(a, b)}/${Math.max(a, b)}`;
        expect(issuesOf({ ...valid, ipProtocol, portRange, sourcePortRange: portRange })).toEqual([]);
      }),
    );
  });

  it('rejects every inverted range with a start > end issue', () => {
    fc.assert(
      fc.property(port, port, fc.constantFrom('tcp', 'udp'), (a, b, ipProtocol) => {
        fc.pre(a !== b);
        const [start, end] = [Math.max(a, b), Math.min(a, b)];
        const issues = issuesOf({ ...valid, ipProtocol, portRange: `${start}/${end}` });
        expect(issues).toEqual([
          { path: 'portRange', rule: 'format:port-range', message: `start ${start} > end ${end}` },
        ]);
      }),
    );
  });

  it('rejects every port outside 1..65535 with tcp/udp', () => {
    const outside = fc.oneof(fc.integer({ min: -1, max: 0 }), fc.integer({ min: 65536, max: 99999 }));
    fc.assert(
      fc.property(outside, port, (bad, good) => {
        const portRange = bad < 1 ? `${bad}/${good}` : `${good}/${bad}`;
        expect(issuesOf({ ...valid, portRange }).length).toBeGreaterThan(0);
      }),
    );
  });
});
