import { describe, expect, it, vi } from 'vitest';
import * as errorsBase from '../../src/base.js';
import {
  allServiceErrorClasses,
  type EnsError,
  EnsPatternServiceError,
  EnsServiceError,
  EnsValidationError,
  InvalidParameterError,
  SecurityGroupRuleNotFoundError,
  type ServiceErrorClass,
  serviceErrorFromJSONByName,
  ThrottlingUserError,
} from '../../src/index.js';

/** What the proxy server sends: the error's `toJSON()`, through JSON. */
const wire = (error: EnsError): unknown => JSON.parse(JSON.stringify(error.toJSON()));

describe('serviceErrorFromJSONByName', () => {
  it('rebuilds every generated class by name alone: instanceof, name, code, fields and toJSON as the class gives them', () => {
    expect(allServiceErrorClasses.length).toBeGreaterThan(200);
    for (const cls of allServiceErrorClasses as readonly ServiceErrorClass[]) {
      const code = cls.codePattern?.replace('%s', 'PortRange') ?? cls.code;
      const original = new cls({ code, statusCode: 400, requestId: 'R1', hostId: 'H', attempts: 2 });
      const rebuilt = serviceErrorFromJSONByName(wire(original));
      expect(rebuilt, cls.errorName).toBeDefined();
      if (rebuilt === undefined) continue;
      expect(rebuilt instanceof cls, cls.errorName).toBe(true);
      expect(rebuilt).toBeInstanceOf(EnsServiceError);
      expect(rebuilt).toBeInstanceOf(Error);
      expect(rebuilt.name).toBe(cls.errorName);
      expect(rebuilt.toJSON()).toEqual(original.toJSON());
      expect([rebuilt.code, rebuilt.requestId, rebuilt.attempts]).toEqual([original.code, 'R1', 2]);
      expect(rebuilt.constructor).toBe(cls.codePattern === undefined ? EnsServiceError : EnsPatternServiceError);
      expect(rebuilt instanceof EnsPatternServiceError).toBe(cls.codePattern !== undefined);
    }
  });

  it('brands with that one class: other classes, and client-side ones, do not match', () => {
    const rebuilt = serviceErrorFromJSONByName(
      wire(new SecurityGroupRuleNotFoundError({ statusCode: 400, requestId: 'R' })),
    );
    expect(rebuilt instanceof SecurityGroupRuleNotFoundError).toBe(true);
    expect(rebuilt instanceof ThrottlingUserError).toBe(false);
    expect(rebuilt instanceof InvalidParameterError).toBe(false);
    expect(rebuilt instanceof EnsValidationError).toBe(false);
    expect(rebuilt?.stack).toContain('SecurityGroupRuleNotFoundError');
  });

  it('keeps the field of a pattern error, and a bare pattern code is a plain service error of the class', () => {
    const withField = serviceErrorFromJSONByName(
      wire(new InvalidParameterError({ code: 'InvalidParameter.PortRange', statusCode: 400 })),
    );
    expect(withField).toBeInstanceOf(EnsPatternServiceError);
    expect((withField as EnsPatternServiceError).field).toBe('PortRange');
    const bare = serviceErrorFromJSONByName(
      wire(new InvalidParameterError({ code: 'InvalidParameter', statusCode: 400 })),
    );
    expect(bare instanceof InvalidParameterError).toBe(true);
    expect(bare instanceof EnsPatternServiceError).toBe(false);
    expect(bare?.toJSON()).toEqual({ ...(wire(new InvalidParameterError({ statusCode: 400 })) as object) });
  });

  it('takes fault and retryable from the JSON (the class is not there to say), and statusCode too', () => {
    const throttled = serviceErrorFromJSONByName(
      wire(new ThrottlingUserError({ statusCode: 400, message: 'slow down' })),
    );
    expect([throttled?.retryable, throttled?.fault, throttled?.statusCode, throttled?.message]).toEqual([
      true,
      'client',
      400,
      'slow down',
    ]);
  });

  it('refuses names that are not a service class name, and JSON without a string code', () => {
    const base = { code: 'X.Y', statusCode: 400, message: 'm' };
    // Every hand-written class of the package, as its base entry exports them: a name the runtime knows is no service
    // class's, whatever classes are added later.
    const baseClassNames = Object.values(errorsBase)
      .filter((value): value is typeof EnsError => typeof value === 'function' && Object.hasOwn(value, 'errorName'))
      .map((value) => value.errorName);
    expect(baseClassNames).toContain('EnsPaginationError');
    expect(baseClassNames.length).toBeGreaterThanOrEqual(10);
    for (const name of [
      ...baseClassNames,
      'Error',
      'TypeError',
      'DOMException',
      'securityGroupError',
      'SecurityGroup',
      'Security Group Error',
      '<img src=x>Error',
      '__proto__',
      '',
    ]) {
      expect(serviceErrorFromJSONByName({ ...base, name }), name).toBeUndefined();
    }
    expect(serviceErrorFromJSONByName({ name: 'FooError', statusCode: 400 })).toBeUndefined();
    expect(serviceErrorFromJSONByName({ name: 'FooError', code: 7 })).toBeUndefined();
    for (const junk of [
      null,
      undefined,
      'FooError',
      42,
      ['FooError'],
      Object.create({ name: 'FooError', code: 'C' }),
    ]) {
      expect(serviceErrorFromJSONByName(junk)).toBeUndefined();
    }
  });

  it('builds an unknown but plausible name as that name (a newer server), never throwing on odd fields', () => {
    const rebuilt = serviceErrorFromJSONByName({ name: 'NewThingError', code: 'New.Thing', statusCode: 'x', field: 3 });
    expect(rebuilt?.name).toBe('NewThingError');
    expect(rebuilt?.constructor).toBe(EnsServiceError);
    expect(rebuilt?.statusCode).toBe(0);
    expect(serviceErrorFromJSONByName({ name: 'AError', code: 'A', field: 'nothere' })?.constructor).toBe(
      EnsServiceError,
    );
  });

  it('is recognized by another copy of the package (ESM and CJS side by side)', async () => {
    vi.resetModules();
    const other = await import('../../src/index.js');
    expect(other.SecurityGroupRuleNotFoundError).not.toBe(SecurityGroupRuleNotFoundError);
    const rebuilt = other.serviceErrorFromJSONByName({
      name: 'SecurityGroupRuleNotFoundError',
      code: 'SecurityGroupRule.NotFound',
      statusCode: 400,
    });
    expect(rebuilt instanceof SecurityGroupRuleNotFoundError).toBe(true);
    expect(rebuilt instanceof EnsServiceError).toBe(true);
  });
});
