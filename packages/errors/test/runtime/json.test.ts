import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorFromJSON } from '../../src/index.js';
import {
  EnsAbortError,
  EnsCredentialsError,
  EnsError,
  EnsNetworkError,
  EnsPatternServiceError,
  EnsResponseParseError,
  EnsServiceError,
  EnsTimeoutError,
  EnsValidationError,
  errorFromJSONWith,
} from '../../src/runtime/index.js';
import { allClasses, InvalidParameterError, SecurityGroupRuleNotFoundError } from './fixtures.js';

const samples: EnsError[] = [
  new EnsError('plain', { attempts: 1 }),
  new EnsServiceError({ code: 'Foo', statusCode: 500, requestId: 'R', recommend: 'https://x', attempts: 2 }),
  new EnsServiceError({
    statusCode: 400,
    accessDeniedDetail: '{"AuthAction":"ens:X"}',
    fault: 'server',
    retryable: true,
  }),
  new SecurityGroupRuleNotFoundError({
    statusCode: 400,
    message: 'The input security group rule does not exist.',
    requestId: 'R',
    hostId: 'H',
  }),
  new InvalidParameterError({ code: 'InvalidParameter.PortRange', statusCode: 400 }),
  new InvalidParameterError({ code: 'InvalidParameter', statusCode: 400 }),
  new EnsPatternServiceError({ code: 'Whatever', statusCode: 400 }),
  new EnsValidationError([{ path: 'portRange', rule: 'range', message: 'start 200 > end 1' }], {
    operation: 'RevokeSecurityGroupEgress',
  }),
  new EnsValidationError([{ path: '', rule: 'oneOf', message: 'a or b' }]),
  new EnsNetworkError('socket hang up', { reason: 'ECONNRESET', attempts: 4, cause: new Error('x') }),
  new EnsNetworkError('offline'),
  new EnsTimeoutError(3000, { attempts: 3 }),
  new EnsAbortError({ cause: 'user' }),
  new EnsResponseParseError(502, `<html>${'😀'.repeat(600)}</html>`),
  new EnsCredentialsError('No credentials found', {
    sources: ['environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set', '~/.aliyun/config.json: not found'],
    cause: new Error('x'),
  }),
  new EnsCredentialsError('bad', { attempts: 1 }),
];

describe('errorFromJSONWith', () => {
  it.each(samples.map((e) => [e.name, e] as const))('round-trips %s exactly', (_, err) => {
    const json: unknown = JSON.parse(JSON.stringify(err));
    expect(json).toEqual(err.toJSON());
    const back = errorFromJSONWith(allClasses, json);
    expect(back.constructor).toBe(err.constructor);
    expect(back.toJSON()).toEqual(err.toJSON());
    expect(back.message).toBe(err.message);
    expect([back.fault, back.retryable]).toEqual([err.fault, err.retryable]);
  });

  it('falls back on EnsServiceError or EnsError for unknown names', () => {
    const svc = errorFromJSONWith(allClasses, {
      name: 'FutureError',
      code: 'Future',
      message: 'm',
      statusCode: 503,
      fault: 'client',
      retryable: false,
    });
    expect(svc.constructor).toBe(EnsServiceError);
    expect(svc).toMatchObject({ code: 'Future', fault: 'client', retryable: false, statusCode: 503 });
    const plain = errorFromJSONWith(allClasses, { name: 'FutureClientError', message: 'm' });
    expect(plain.constructor).toBe(EnsError);
    expect(plain.message).toBe('m');
  });

  it('ignores fields of the wrong type', () => {
    const err = errorFromJSONWith(allClasses, {
      name: 'SecurityGroupRuleNotFoundError',
      code: 42,
      message: ['x'],
      statusCode: '400',
      requestId: { a: 1 },
      attempts: 'many',
      fault: 'nobody',
      retryable: 'yes',
    });
    expect(err.constructor).toBe(SecurityGroupRuleNotFoundError);
    expect(err.toJSON()).toEqual({
      name: 'SecurityGroupRuleNotFoundError',
      code: 'SecurityGroupRule.NotFound',
      message: 'SecurityGroupRule.NotFound',
      statusCode: 400,
      fault: 'client',
      retryable: false,
    });
    const v = errorFromJSONWith(allClasses, {
      name: 'EnsValidationError',
      issues: [{ path: 'a', rule: 'r', message: 'm' }, { path: 1 }, null, 'x'],
    });
    expect((v as EnsValidationError).issues).toEqual([{ path: 'a', rule: 'r', message: 'm' }]);
  });

  it('never throws on garbage and never pollutes prototypes', () => {
    const garbage: unknown[] = [
      null,
      undefined,
      0,
      'EnsError',
      [],
      [{ name: 'EnsServiceError' }],
      { name: '__proto__' },
      { name: 'constructor', code: 'X' },
      { name: 'toString' },
      JSON.parse('{"__proto__":{"x":1},"name":"EnsServiceError","code":"A","statusCode":400}'),
      JSON.parse('{"name":"EnsValidationError","issues":{"__proto__":{"polluted":true}}}'),
      Object.assign(Object.create({ name: 'EnsServiceError', code: 'Inherited' }) as object, { message: 'own' }),
    ];
    for (const value of garbage) {
      const err = errorFromJSONWith(allClasses, value);
      expect(err).toBeInstanceOf(EnsError);
      expect(() => JSON.stringify(err)).not.toThrow();
    }
    const polluted = errorFromJSONWith(allClasses, garbage[9]);
    expect(polluted.constructor).toBe(EnsServiceError);
    expect(polluted.toJSON()).toEqual({
      name: 'EnsServiceError',
      code: 'A',
      message: 'A',
      statusCode: 400,
      fault: 'client',
      retryable: false,
    });
    expect(errorFromJSONWith(allClasses, garbage[11]).constructor).toBe(EnsError);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on arbitrary JSON', () => {
    const names = fc.constantFrom(...allClasses.map((c) => c.errorName), '__proto__', 'constructor');
    const input = fc.oneof(
      fc.jsonValue(),
      fc
        .record({ name: names }, { requiredKeys: [] })
        .chain((base) => fc.dictionary(fc.string(), fc.jsonValue()).map((o) => ({ ...o, ...base }))),
    );
    fc.assert(
      fc.property(input, (value) => {
        const err = errorFromJSONWith(allClasses, value);
        expect(err).toBeInstanceOf(EnsError);
        expect(errorFromJSONWith(allClasses, JSON.parse(JSON.stringify(err))).toJSON()).toEqual(err.toJSON());
      }),
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('EnsCredentialsError', () => {
  it('is a client fault, not retryable, and serializes its sources', () => {
    const sources = ['environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set', '~/.alibabacloud/credentials: not found'];
    const err = new EnsCredentialsError('No credentials', { sources, cause: new Error('hidden cause') });
    expect(err).toMatchObject({ name: 'EnsCredentialsError', fault: 'client', retryable: false, sources });
    expect(err.sources).not.toBe(sources);
    expect(Object.isFrozen(err.sources)).toBe(true);
    expect(err.toJSON()).toEqual({ name: 'EnsCredentialsError', message: 'No credentials', sources });
    expect(JSON.stringify(err)).not.toContain('hidden cause');
    expect(new EnsCredentialsError('m').toJSON()).toEqual({ name: 'EnsCredentialsError', message: 'm', sources: [] });
  });

  it('round-trips through the package-level errorFromJSON and ignores non-string sources', () => {
    const err = new EnsCredentialsError('No credentials', { sources: ['a: b'], attempts: 2 });
    const back = errorFromJSON(JSON.parse(JSON.stringify(err)));
    expect(back).toBeInstanceOf(EnsCredentialsError);
    expect(back.toJSON()).toEqual(err.toJSON());
    const lenient = errorFromJSON({ name: 'EnsCredentialsError', message: 'm', sources: ['ok', 1, null, { x: 1 }] });
    expect((lenient as EnsCredentialsError).sources).toEqual(['ok']);
    expect((errorFromJSON({ name: 'EnsCredentialsError', sources: 'x' }) as EnsCredentialsError).sources).toEqual([]);
  });
});
