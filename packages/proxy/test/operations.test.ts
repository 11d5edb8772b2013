import { describe, expect, expectTypeOf, it } from 'vitest';
import { SecurityGroupRuleNotFoundError, ThrottlingError } from '@ensdk/errors';
import type { RevokeSecurityGroupEgressInput as ClientInput } from '@ensdk/client/models';
import { constraintIssues, revokeSecurityGroupEgressInputConstraints } from '@ensdk/client/validation';
import {
  revokeSecurityGroupEgressProxyOperation as operation,
  type RevokeSecurityGroupEgressInput,
} from '../src/index.js';

describe('generated proxy descriptors', () => {
  it('RevokeSecurityGroupEgress uses the client constraints and its own error classes', () => {
    expect(operation.action).toBe('RevokeSecurityGroupEgress');
    expect(operation.input).toBe(revokeSecurityGroupEgressInputConstraints);
    expect(operation.errors).toContain(SecurityGroupRuleNotFoundError);
    expect(operation.errors).toContain(ThrottlingError);
    expectTypeOf<RevokeSecurityGroupEgressInput>().toEqualTypeOf<ClientInput>();
  });

  it('validates in the browser with the same rules', () => {
    const issues = constraintIssues(operation.input, {
      securityGroupId: 'sg-1',
      ipProtocol: 'tcp',
      portRange: '200/1',
      destCidrIp: '10.0.0.0/8',
    });
    expect(issues).toEqual([{ path: 'portRange', rule: 'format:port-range', message: 'start 200 > end 1' }]);
  });
});
