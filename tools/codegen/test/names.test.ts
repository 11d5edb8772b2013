/** Naming rules of model/names.ts: wire names to camelCase members, error codes to class names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorClassName, lowerFirst, toCamelCase, upperFirst } from '../src/model/names.js';

/** A TypeScript identifier made of ASCII characters (what the generator must emit). */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

describe('toCamelCase', () => {
  it.each([
    ['IpProtocol', 'ipProtocol'],
    ['KMSKeyId', 'kmsKeyId'],
    ['DataDisk.1.Size', 'dataDisk1Size'],
    ['device_type', 'deviceType'],
    ['ISP', 'isp'],
    ['uuid', 'uuid'],
    ['SecurityGroupId', 'securityGroupId'],
    ['EnsRegionIds', 'ensRegionIds'],
    ['Tag.N.Key', 'tagNKey'],
  ])('%s → %s', (wire, camel) => {
    expect(toCamelCase(wire)).toBe(camel);
  });

  it('keeps an all-caps run apart from the capitalised word after it', () => {
    expect(toCamelCase('HTTPSListenerPort')).toBe('httpsListenerPort');
    expect(toCamelCase('EIPAddress')).toBe('eipAddress');
  });
});

describe('upperFirst / lowerFirst', () => {
  it('changes only the first letter', () => {
    expect(upperFirst('revokeSecurityGroup')).toBe('RevokeSecurityGroup');
    expect(lowerFirst('RevokeSecurityGroupEgress')).toBe('revokeSecurityGroupEgress');
    expect(lowerFirst('')).toBe('');
  });
});

describe('errorClassName', () => {
  it.each([
    ['InvalidSecurityGroupId.NotFound', 'InvalidSecurityGroupIdNotFoundError'],
    ['ens.interface.error', 'EnsInterfaceError'],
    ['InvalidParameter.%s', 'InvalidParameterError'],
    ['PARAM_NOT_ENOUGH', 'ParamNotEnoughError'],
    ['InternalError', 'InternalError'],
    ['Forbidden.RAM', 'ForbiddenRamError'],
    ['Throttling.User', 'ThrottlingUserError'],
    ['Parameter.Invalid.%s', 'ParameterInvalidError'],
    ['  NoPermission\t', 'NoPermissionError'],
    ['404.NotFound', 'E404NotFoundError'],
  ])('%j → %s', (code, name) => {
    expect(errorClassName(code)).toBe(name);
  });

  it.each([
    ['Stock.NotEnough', 'Stock_NotEnoughError'],
    ['PARAM_NOT_ENOUGH', 'Param_Not_EnoughError'],
    ['Forbidden.SourceCIDR.Duplicated', 'Forbidden_SourceCIDR_DuplicatedError'], // only all-caps segments are title-cased
    ['InvalidParameter.%s', 'InvalidParameterError'],
    ['StockNotEnough', 'StockNotEnoughError'],
  ])('with keepSeparators: %j → %s', (code, name) => {
    expect(errorClassName(code, true)).toBe(name);
  });
});

describe('properties (fast-check)', () => {
  /** Strings of letters, digits, dots and underscores, with a few multi-character tokens codes contain. */
  const codeLike = fc
    .array(fc.oneof(fc.constantFrom(...'aAbBzZ09._'), fc.constantFrom('Error', '%s', 'ID', 'Id', 'NotFound', 'RAM')), {
      maxLength: 24,
    })
    .map((parts) => parts.join(''));
  const wireLike = fc
    .array(fc.oneof(fc.constantFrom(...'aAbBzZ09._'), fc.constantFrom('Id', 'KMS', 'Key', 'N')), { maxLength: 24 })
    .map((parts) => parts.join(''));

  it('errorClassName always yields an identifier ending in Error, with and without keepSeparators', () => {
    fc.assert(
      fc.property(codeLike, fc.boolean(), (code, keepSeparators) => {
        const name = errorClassName(code, keepSeparators);
        expect(name).toMatch(IDENTIFIER);
        expect(name).toMatch(/Error$/);
        expect(name).toMatch(/^[A-Z]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('errorClassName without keepSeparators never contains an underscore (so it cannot collide with a separator name)', () => {
    fc.assert(
      fc.property(codeLike, (code) => {
        expect(errorClassName(code)).not.toContain('_');
      }),
      { numRuns: 1000 },
    );
  });

  it('toCamelCase yields an identifier starting lower-case when the input starts with a letter', () => {
    fc.assert(
      fc.property(
        wireLike.filter((w) => /^[A-Za-z]/.test(w)),
        (wire) => {
          const camel = toCamelCase(wire);
          expect(camel).toMatch(IDENTIFIER);
          expect(camel).toMatch(/^[a-z]/);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('toCamelCase keeps every letter and digit, only changing case', () => {
    fc.assert(
      fc.property(wireLike, (wire) => {
        expect(toCamelCase(wire).toLowerCase()).toBe(wire.replace(/[^A-Za-z0-9]/g, '').toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });
});
