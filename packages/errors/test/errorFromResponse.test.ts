import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AuthorizationLimitExceedError,
  CallInterfaceError,
  EnsInterfaceError,
  EnsError,
  EnsResponseParseError,
  EnsServiceError,
  InvalidParameterError,
  InvalidSecurityGroupIdNotFoundError,
  MissingParameterError,
  NoPermissionError,
  SecurityGroupRuleConflictDuplicatedError,
  SecurityGroupRuleNotFoundError,
  ThrottlingError,
  InternalError,
  allServiceErrorClasses,
  errorFromJSON,
  errorFromResponse,
  isEnsError,
  revokeSecurityGroupEgressErrorClasses,
  type RevokeSecurityGroupEgressError,
} from '../src/index.js';

function jsonBody(code: string, message = `message of ${code}`): string {
  return JSON.stringify({
    RequestId: 'CEF72CEB-54B6-4AE8-B225-F876FF7BA984',
    HostId: 'ens.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: 'https://api.aliyun.com/troubleshoot',
  });
}

// The ten codes of the seed page (RevokeSecurityGroupEgress).
const seedCodes = [
  ['MissingParameter', MissingParameterError],
  ['NoPermission', NoPermissionError],
  ['InvalidParameter.PortRange', InvalidParameterError],
  ['InvalidParameter', InvalidParameterError],
  ['InvalidSecurityGroupId.NotFound', InvalidSecurityGroupIdNotFoundError],
  ['SecurityGroupRuleConflict.Duplicated', SecurityGroupRuleConflictDuplicatedError],
  ['AuthorizationLimitExceed', AuthorizationLimitExceedError],
  ['SecurityGroupRule.NotFound', SecurityGroupRuleNotFoundError],
  ['ens.interface.error', EnsInterfaceError],
  ['CallInterface', CallInterfaceError],
] as const;

describe('errorFromResponse: the seed page codes', () => {
  it.each(seedCodes)('%s → its class, from a JSON body', (code, ErrorClass) => {
    const error = errorFromResponse(400, jsonBody(code));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(EnsServiceError);
    expect(error).toBeInstanceOf(EnsError);
    expect(error).toMatchObject({
      code,
      statusCode: 400,
      requestId: 'CEF72CEB-54B6-4AE8-B225-F876FF7BA984',
      hostId: 'ens.aliyuncs.com',
      recommend: 'https://api.aliyun.com/troubleshoot',
      message: `message of ${code}`,
      fault: 'client',
      retryable: false,
    });
    expect(revokeSecurityGroupEgressErrorClasses).toContain(ErrorClass);
  });

  it.each(seedCodes)('%s → its class, from an XML body', (code, ErrorClass) => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><RequestId>R-1</RequestId><HostId>ens.aliyuncs.com</HostId><Code>${code}</Code><Message>a &lt;b&gt; &amp; c</Message></Error>`;
    const error = errorFromResponse(400, new TextEncoder().encode(xml));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ code, requestId: 'R-1', message: 'a <b> & c' });
  });

  it('a pattern code exposes its variable part', () => {
    const error = errorFromResponse(400, jsonBody('InvalidParameter.PortRange'));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).field).toBe('PortRange');
    expect((errorFromResponse(400, jsonBody('InvalidParameter')) as InvalidParameterError).field).toBeUndefined();
  });
});

describe('errorFromResponse: other answers', () => {
  it('an unknown code stays an EnsServiceError with the code kept', () => {
    const error = errorFromResponse(409, jsonBody('Brand.New.Code'));
    expect(error.constructor).toBe(EnsServiceError);
    expect(error).toMatchObject({ code: 'Brand.New.Code', statusCode: 409, fault: 'client', retryable: false });
    const server = errorFromResponse(502, jsonBody('Gateway.Weird'));
    expect(server).toMatchObject({ fault: 'server', retryable: true });
  });

  it('gateway codes carry fault and retryable', () => {
    expect(errorFromResponse(400, jsonBody('Throttling'))).toBeInstanceOf(ThrottlingError);
    expect(errorFromResponse(400, jsonBody('Throttling'))).toMatchObject({ fault: 'client', retryable: true });
    expect(errorFromResponse(500, jsonBody('InternalError'))).toBeInstanceOf(InternalError);
    expect(errorFromResponse(500, jsonBody('InternalError'))).toMatchObject({ fault: 'server', retryable: true });
  });

  it('an HTML 502 page is a parse error with the status and at most 1 KB of the body', () => {
    const html = `<html><body>${'Bad gateway '.repeat(500)}</body></html>`;
    const error = errorFromResponse(502, html);
    expect(error).toBeInstanceOf(EnsResponseParseError);
    const parse = error as EnsResponseParseError;
    expect(parse.statusCode).toBe(502);
    expect(new TextEncoder().encode(parse.bodySnippet).length).toBeLessThanOrEqual(1024);
    expect(parse.bodySnippet.startsWith('<html><body>Bad gateway')).toBe(true);
  });

  it('takes the request id from the header when the body has none', () => {
    const error = errorFromResponse(400, JSON.stringify({ Code: 'SecurityGroupRule.NotFound' }), {
      'x-acs-request-id': 'H-1',
    });
    expect(error).toBeInstanceOf(SecurityGroupRuleNotFoundError);
    expect((error as SecurityGroupRuleNotFoundError).requestId).toBe('H-1');
  });
});

describe('generated registry', () => {
  it('has unique error names and every class round-trips through JSON', () => {
    const names = allServiceErrorClasses.map((c) => c.errorName);
    expect(new Set(names).size).toBe(names.length);
    for (const ErrorClass of allServiceErrorClasses) {
      const code = ErrorClass.code ?? ErrorClass.codePattern!.replace('%s', 'Field');
      const error = errorFromResponse(ErrorClass.httpStatus ?? 400, jsonBody(code));
      expect(error, code).toBeInstanceOf(ErrorClass);
      const copy = errorFromJSON(JSON.parse(JSON.stringify(error)));
      expect(copy, code).toBeInstanceOf(ErrorClass);
      expect(copy.toJSON()).toEqual(error.toJSON());
    }
  });
});

describe('isEnsError', () => {
  it('narrows to the class of the code at compile time and checks the code at run time', () => {
    const error: unknown = errorFromResponse(400, jsonBody('SecurityGroupRule.NotFound'));
    expect(isEnsError(error)).toBe(true);
    expect(isEnsError(new Error('x'))).toBe(false);
    expect(isEnsError(error, 'SecurityGroupRule.NotFound')).toBe(true);
    expect(isEnsError(error, 'InvalidSecurityGroupId.NotFound')).toBe(false);
    if (isEnsError(error, 'SecurityGroupRule.NotFound')) {
      expectTypeOf(error).toEqualTypeOf<SecurityGroupRuleNotFoundError>();
      expectTypeOf(error.code).toEqualTypeOf<'SecurityGroupRule.NotFound'>();
    }
    if (isEnsError(error, 'InvalidParameter.PortRange')) expectTypeOf(error).toEqualTypeOf<InvalidParameterError>();
    if (isEnsError(error, 'Not.Modelled')) expectTypeOf(error).toEqualTypeOf<EnsServiceError>();
    if (isEnsError(error)) expectTypeOf(error).toEqualTypeOf<EnsError>();
  });

  it('the per-operation union is discriminated by code', () => {
    const error = errorFromResponse(400, jsonBody('SecurityGroupRule.NotFound')) as RevokeSecurityGroupEgressError;
    if (error.code === 'SecurityGroupRule.NotFound')
      expectTypeOf(error).toEqualTypeOf<SecurityGroupRuleNotFoundError>();
    expectTypeOf<Extract<RevokeSecurityGroupEgressError, { code: 'Throttling' }>>().toEqualTypeOf<ThrottlingError>();
  });
});
