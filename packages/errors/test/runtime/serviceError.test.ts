import { describe, expect, it } from 'vitest';
import { EnsError, EnsPatternServiceError, EnsServiceError, matchCodePattern } from '../../src/runtime/index.js';
import {
  InvalidError,
  InvalidParameterError,
  SecurityGroupRuleNotFoundError,
  ThrottlingUserError,
} from './fixtures.js';

describe('EnsServiceError', () => {
  it('keeps what the service answered', () => {
    const cause = new Error('low level');
    const err = new EnsServiceError({
      code: 'Foo.Bar',
      message: 'Something failed.',
      statusCode: 400,
      requestId: 'R1',
      hostId: 'ens.aliyuncs.com',
      recommend: 'https://api.aliyun.com/troubleshoot?q=Foo.Bar',
      attempts: 2,
      cause,
    });
    expect(err).toBeInstanceOf(EnsError);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      name: 'EnsServiceError',
      code: 'Foo.Bar',
      message: 'Something failed.',
      statusCode: 400,
      requestId: 'R1',
      hostId: 'ens.aliyuncs.com',
      attempts: 2,
      fault: 'client',
      retryable: false,
    });
    expect(err.cause).toBe(cause);
    expect(err.toJSON()).toEqual({
      name: 'EnsServiceError',
      code: 'Foo.Bar',
      message: 'Something failed.',
      statusCode: 400,
      requestId: 'R1',
      hostId: 'ens.aliyuncs.com',
      recommend: 'https://api.aliyun.com/troubleshoot?q=Foo.Bar',
      attempts: 2,
      fault: 'client',
      retryable: false,
    });
    expect(JSON.stringify(err)).not.toMatch(/cause|stack|low level/);
  });

  it('defaults code, message, fault and retryable', () => {
    const bare = new EnsServiceError({ statusCode: 400 });
    expect([bare.code, bare.message, bare.fault, bare.retryable]).toEqual(['Unknown', 'Unknown', 'client', false]);
    expect(Object.keys(bare.toJSON()).sort()).toEqual(['code', 'fault', 'message', 'name', 'retryable', 'statusCode']);

    const cases: [code: string, status: number, fault: string, retryable: boolean][] = [
      ['X', 500, 'server', true],
      ['X', 503, 'server', true],
      ['X', 429, 'client', true],
      ['Throttling.User', 400, 'client', true],
      ['X', 404, 'client', false],
      ['X', 200, 'client', false],
    ];
    for (const [code, statusCode, fault, retryable] of cases) {
      expect(new EnsServiceError({ code, statusCode })).toMatchObject({ fault, retryable });
    }
  });

  it('prefers explicit values, then the documented statics, then the defaults', () => {
    const nf = new SecurityGroupRuleNotFoundError({
      statusCode: 503,
      message: 'The input security group rule does not exist.',
    });
    expect(nf).toMatchObject({
      code: 'SecurityGroupRule.NotFound',
      fault: 'client',
      retryable: false,
      name: 'SecurityGroupRuleNotFoundError',
    });
    expect(new ThrottlingUserError({ statusCode: 400 }).retryable).toBe(true);
    expect(new SecurityGroupRuleNotFoundError({ statusCode: 400, fault: 'server', retryable: true })).toMatchObject({
      fault: 'server',
      retryable: true,
    });
    expect(SecurityGroupRuleNotFoundError.httpStatus).toBe(400);
  });

  it('lets attempts be filled in later', () => {
    const err = new SecurityGroupRuleNotFoundError({ statusCode: 400 });
    expect(err.toJSON()).not.toHaveProperty('attempts');
    err.attempts = 3;
    expect(err.toJSON().attempts).toBe(3);
  });
});

describe('EnsPatternServiceError', () => {
  it('extracts the field matched by %s', () => {
    const err = new InvalidParameterError({ code: 'InvalidParameter.PortRange', statusCode: 400 });
    expect(err).toBeInstanceOf(EnsPatternServiceError);
    expect(err).toMatchObject({
      code: 'InvalidParameter.PortRange',
      field: 'PortRange',
      message: 'InvalidParameter.PortRange',
    });
    expect(err.toJSON()).toMatchObject({ name: 'InvalidParameterError', field: 'PortRange' });
  });

  it('treats the bare code as the same class, without a field', () => {
    const err = new InvalidParameterError({ code: 'InvalidParameter', statusCode: 400 });
    expect(err.field).toBeUndefined();
    expect(err.toJSON()).not.toHaveProperty('field');
    expect(new InvalidParameterError({ statusCode: 400 }).code).toBe('InvalidParameter');
    expect(new InvalidError({ statusCode: 400 }).code).toBe('Invalid');
  });

  it('matchCodePattern', () => {
    expect(matchCodePattern('InvalidParameter.%s', 'InvalidParameter.PortRange')).toEqual({ field: 'PortRange' });
    expect(matchCodePattern('InvalidParameter.%s', 'InvalidParameter')).toEqual({ field: undefined });
    expect(matchCodePattern('InvalidParameter.%s', 'InvalidParameter.')).toBeUndefined();
    expect(matchCodePattern('InvalidParameter.%s', 'InvalidParam')).toBeUndefined();
    expect(matchCodePattern('Invalid%s', 'InvalidParameter.PortRange')).toEqual({ field: 'Parameter.PortRange' });
    expect(matchCodePattern('Invalid%s', 'Invalid')).toEqual({ field: undefined });
    expect(matchCodePattern('Parameter.Invalid.%s', 'Parameter.Invalid.Name')).toEqual({ field: 'Name' });
    expect(matchCodePattern('Parameter.Invalid.%s', 'Parameter.Invalid')).toEqual({ field: undefined });
    expect(matchCodePattern('%s.NotFound', 'Instance.NotFound')).toEqual({ field: 'Instance' });
    expect(matchCodePattern('%s.NotFound', 'NotFound')).toEqual({ field: undefined });
    expect(matchCodePattern('Exact', 'Exact')).toEqual({ field: undefined });
    expect(matchCodePattern('Exact', 'Exactly')).toBeUndefined();
  });
});
