import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import * as A from '../../src/runtime/index.js';
import * as FA from './fixtures.js';

// A second, independent copy of the runtime and of the generated classes (as when the ESM and the
// CJS build are both loaded).
vi.resetModules();
const B = await import('../../src/runtime/index.js');
const FB = await import('./fixtures.js');

const notFound = (F: typeof FA) => new F.SecurityGroupRuleNotFoundError({ statusCode: 400, requestId: 'R' });

describe('instanceof across two copies of the package', () => {
  it('really has two copies', () => {
    expect(A.EnsError).not.toBe(B.EnsError);
    expect(A.EnsServiceError).not.toBe(B.EnsServiceError);
    expect(FA.SecurityGroupRuleNotFoundError).not.toBe(FB.SecurityGroupRuleNotFoundError);
    expect(Object.getPrototypeOf(FB.SecurityGroupRuleNotFoundError)).toBe(B.EnsServiceError);
    expect(Object.prototype.isPrototypeOf.call(A.EnsError.prototype, notFound(FB))).toBe(false);
  });

  it('recognizes an error of copy A with the classes of copy B, and vice versa', () => {
    for (const [err, other, F] of [
      [notFound(FA), B, FB],
      [notFound(FB), A, FA],
    ] as const) {
      expect(err instanceof F.SecurityGroupRuleNotFoundError).toBe(true);
      expect(err instanceof other.EnsServiceError).toBe(true);
      expect(err instanceof other.EnsError).toBe(true);
      expect(err instanceof other.EnsPatternServiceError).toBe(false);
      expect(err instanceof F.ThrottlingUserError).toBe(false);
      expect(err instanceof other.EnsNetworkError).toBe(false);
      expect(other.isEnsErrorWithCode(err, 'SecurityGroupRule.NotFound')).toBe(true);
    }
  });

  it('recognizes pattern and client-side errors of the other copy', () => {
    const invalid = new FA.InvalidParameterError({ code: 'InvalidParameter.PortRange', statusCode: 400 });
    expect(invalid instanceof B.EnsPatternServiceError).toBe(true);
    expect(invalid instanceof FB.InvalidParameterError).toBe(true);
    expect(invalid instanceof FB.InvalidError).toBe(false);
    const timeout = new A.EnsTimeoutError(5000);
    expect(timeout instanceof B.EnsTimeoutError).toBe(true);
    expect(timeout instanceof B.EnsError).toBe(true);
    expect(timeout instanceof B.EnsServiceError).toBe(false);
    expect(timeout instanceof B.EnsNetworkError).toBe(false);
  });

  it('keeps the brand hidden and rejects non-errors', () => {
    const err = notFound(FA);
    expect(Object.keys(err)).not.toContain(String(Symbol.for('@ensdk/errors.brand')));
    expect(JSON.stringify(err)).not.toContain('brand');
    for (const value of [null, undefined, 42, 'EnsError', {}, new Error('x'), { name: 'EnsError' }]) {
      expect(value instanceof A.EnsError).toBe(false);
      expect(A.isEnsErrorWithCode(value, 'SecurityGroupRule.NotFound')).toBe(false);
    }
  });

  it('does not let a subclass without its own errorName claim instances of its parent', () => {
    class Unnamed extends B.EnsServiceError {}
    expect(notFound(FA) instanceof Unnamed).toBe(false);
    expect(new Unnamed({ statusCode: 500 }) instanceof A.EnsServiceError).toBe(true);
  });

  it('names instances after errorName and narrows types', () => {
    const err: unknown = notFound(FA);
    expect((err as Error).name).toBe('SecurityGroupRuleNotFoundError');
    if (err instanceof FA.SecurityGroupRuleNotFoundError) {
      expectTypeOf(err.code).toEqualTypeOf<'SecurityGroupRule.NotFound'>();
    } else {
      expect.unreachable();
    }
  });
});
