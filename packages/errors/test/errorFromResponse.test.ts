import { readFileSync } from 'node:fs';
import fc from 'fast-check';
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
import * as generated from '../src/generated/index.gen.js';
import * as runtime from '../src/runtime/index.js';
import { anyBody, anyHeaders, anyStatus, hostile, reveal } from './anyInput.js';

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

describe('errorFromResponse: a body already parsed, bytes of any view, or no text at all', () => {
  it('reads the value response.json() gives, as it reads the text', () => {
    expect(errorFromResponse(400, { Code: 'SecurityGroupRule.NotFound' })).toBeInstanceOf(
      SecurityGroupRuleNotFoundError,
    );
    for (const [code] of seedCodes) {
      const parsed = errorFromResponse(400, JSON.parse(jsonBody(code)) as object, { 'x-acs-request-id': 'H' });
      expect(parsed.toJSON(), code).toEqual(errorFromResponse(400, jsonBody(code)).toJSON());
    }
    expect(errorFromResponse(400, { RequestId: 'R', Error: { Code: 'NoPermission' } })).toMatchObject({
      name: 'NoPermissionError',
      requestId: 'R',
    });
    expect(errorFromResponse(400, { code: ' InvalidParameter.PortRange ', message: 'bad' })).toMatchObject({
      name: 'InvalidParameterError',
      field: 'PortRange',
      message: 'bad',
    });
  });

  it('a parsed value without a code is a parse error showing its JSON; an unserializable one shows nothing', () => {
    for (const value of [{ error: 'nope' }, ['SecurityGroupRule.NotFound'], {}]) {
      const error = errorFromResponse(502, value);
      expect(error).toBeInstanceOf(EnsResponseParseError);
      expect(error).toMatchObject({ statusCode: 502, bodySnippet: JSON.stringify(value), retryable: true });
    }
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(errorFromResponse(502, cyclic)).toMatchObject({ name: 'EnsResponseParseError', bodySnippet: '' });
  });

  it('decodes Buffer, ArrayBuffer and any typed-array view', () => {
    const text = jsonBody('SecurityGroupRule.NotFound');
    const bytes = new TextEncoder().encode(text);
    const padded = new Uint8Array(bytes.length + 4);
    padded.set(bytes, 2);
    for (const body of [
      Buffer.from(text),
      bytes.buffer,
      new DataView(padded.buffer, 2, bytes.length),
      new Uint16Array(new TextEncoder().encode(text.length % 2 === 0 ? text : `${text} `).buffer),
    ]) {
      expect(errorFromResponse(400, body)).toBeInstanceOf(SecurityGroupRuleNotFoundError);
    }
  });

  it('nothing, or a value that is not a body: an empty answer, or a parse error holding its text', () => {
    for (const body of [undefined, null, '', Symbol('s'), () => 'f']) {
      expect(errorFromResponse(503, body as never)).toMatchObject({ name: 'EnsServiceError', code: 'Http503' });
      expect(errorFromResponse(200, body as never)).toMatchObject({ name: 'EnsResponseParseError', bodySnippet: '' });
    }
    expect(errorFromResponse(400, 42 as never)).toMatchObject({ name: 'EnsResponseParseError', bodySnippet: '42' });
    expect(errorFromResponse(400, true as never)).toMatchObject({ bodySnippet: 'true' });
  });

  it('a status that is not an integer becomes 0', () => {
    for (const status of [Number.NaN, 400.5, '400', null, {}, Symbol('s')]) {
      expect(errorFromResponse(status as number, { Code: 'NoPermission' })).toMatchObject({
        name: 'NoPermissionError',
        statusCode: 0,
      });
    }
  });

  it('a body whose reading throws is a parse error with that cause; headers that throw are ignored', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const error = errorFromResponse(400, proxy);
    expect(error).toBeInstanceOf(EnsResponseParseError);
    expect(error).toMatchObject({ statusCode: 400, bodySnippet: '' });
    expect(error.cause).toBeInstanceOf(TypeError);
    const throwing = {
      get: () => {
        throw new Error('no');
      },
    };
    expect(errorFromResponse(400, { Code: 'NoPermission' }, throwing)).toMatchObject({
      name: 'NoPermissionError',
      requestId: undefined,
    });
    expect(errorFromResponse(400, { Code: 'NoPermission' }, proxy as never)).toMatchObject({ requestId: undefined });
  });

  it('never throws, on any status, body and headers; what it returns survives JSON', () => {
    fc.assert(
      fc.property(anyStatus(), anyBody(), anyHeaders(), (...generated) => {
        const [status, body, headers] = generated.map(reveal);
        const error = errorFromResponse(status as number, body as never, headers as never);
        expect(error instanceof EnsServiceError || error instanceof EnsResponseParseError).toBe(true);
        expect(Number.isInteger(error.statusCode)).toBe(true);
        expect(typeof error.message).toBe('string');
        expect(errorFromJSON(JSON.parse(JSON.stringify(error))).toJSON()).toEqual(error.toJSON());
        // An error-shaped object (not a hostile one) with a usable code always gets that code.
        const shaped = generated[1];
        const code: unknown =
          typeof shaped === 'object' &&
          shaped !== null &&
          Object.hasOwn(shaped, 'Code') &&
          !Object.hasOwn(shaped, 'Error')
            ? Reflect.get(shaped, 'Code')
            : undefined;
        if (typeof code === 'string' && code.trim() !== '') expect(error).toMatchObject({ code: code.trim() });
      }),
      { numRuns: 500 },
    );
  });

  it('hostile values in every position', () => {
    fc.assert(
      fc.property(hostile(), hostile(), hostile(), (...generated) => {
        const [status, body, headers] = generated.map(reveal);
        expect(errorFromResponse(status as number, body as never, headers as never)).toBeInstanceOf(EnsError);
      }),
    );
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
  it('is one function with both overloads; the entry point shadows nothing it re-exports', () => {
    const ownExports = [
      ...readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8').matchAll(
        /^export (?:function|const|class) (\w+)/gm,
      ),
    ].map((match) => match[1]!);
    expect(ownExports).toEqual(expect.arrayContaining(['errorFromResponse', 'errorFromJSON', 'isEnsError']));
    for (const name of ownExports) {
      expect(Object.keys(runtime), name).not.toContain(name);
      expect(Object.keys(generated), name).not.toContain(name);
    }
    for (const value of [
      null,
      undefined,
      42,
      'EnsError',
      {},
      new Error('x'),
      { name: 'EnsError', code: 'Throttling' },
    ]) {
      expect(isEnsError(value)).toBe(false);
      expect(isEnsError(value, 'Throttling')).toBe(false);
    }
  });

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
