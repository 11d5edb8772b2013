import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseErrorBody } from '../../src/runtime/index.js';
import { anyBody, reveal } from '../anyInput.js';

const full = {
  requestId: 'F7C9-11',
  hostId: 'ens.aliyuncs.com',
  code: 'SecurityGroupRule.NotFound',
  message: 'The input security group rule does not exist.',
  recommend: 'https://api.aliyun.com/troubleshoot?q=SecurityGroupRule.NotFound',
};

describe('parseErrorBody', () => {
  it('reads a JSON body', () => {
    const body = JSON.stringify({
      RequestId: 'F7C9-11',
      HostId: 'ens.aliyuncs.com',
      Code: 'SecurityGroupRule.NotFound',
      Message: 'The input security group rule does not exist.',
      Recommend: 'https://api.aliyun.com/troubleshoot?q=SecurityGroupRule.NotFound',
    });
    expect(parseErrorBody(body)).toEqual(full);
    expect(parseErrorBody(`\uFEFF  ${body}\n`)).toEqual(full);
  });

  it('reads the same fields from bytes and from the value JSON.parse gives', () => {
    const body = JSON.stringify({
      RequestId: ' R ',
      Error: { Code: 'SecurityGroupRule.NotFound', AccessDeniedDetail: { a: 1 } },
    });
    const expected = { requestId: 'R', code: 'SecurityGroupRule.NotFound', accessDeniedDetail: '{"a":1}' };
    expect(parseErrorBody(body)).toEqual(expected);
    expect(parseErrorBody(new TextEncoder().encode(body))).toEqual(expected);
    expect(parseErrorBody(new TextEncoder().encode(body).buffer)).toEqual(expected);
    expect(parseErrorBody(JSON.parse(body) as object)).toEqual(expected);
    expect(parseErrorBody({ Code: 'X', AccessDeniedDetail: { cyclic: globalThis } })).toEqual({ code: 'X' });
    for (const nothing of [{}, [], ['Code'], null, undefined, 42])
      expect(parseErrorBody(nothing as never)).toBeUndefined();
  });

  it('reads camelCase keys, the Error wrapper, and coerces and trims values', () => {
    expect(parseErrorBody('{"code":" NoPermission\\t","message":"denied","requestId":"R"}')).toEqual({
      code: 'NoPermission',
      message: 'denied',
      requestId: 'R',
    });
    expect(parseErrorBody('{"RequestId":"R","Error":{"Code":"Forbidden","Message":"no"}}')).toEqual({
      requestId: 'R',
      code: 'Forbidden',
      message: 'no',
    });
    expect(parseErrorBody('{"Code":404,"Message":"","HostId":null,"Recommend":["x"]}')).toEqual({ code: '404' });
  });

  it('keeps AccessDeniedDetail, as JSON text when it is an object', () => {
    expect(parseErrorBody('{"Code":"NoPermission","AccessDeniedDetail":"AuthAction: ens:Describe"}')).toMatchObject({
      accessDeniedDetail: 'AuthAction: ens:Describe',
    });
    const detail = { AuthAction: 'ens:DescribeInstances', NoPermissionType: 'ImplicitDeny' };
    expect(
      parseErrorBody(JSON.stringify({ Code: 'NoPermission', AccessDeniedDetail: detail }))?.accessDeniedDetail,
    ).toBe(JSON.stringify(detail));
  });

  it('reads an XML body with any root element, entities and CDATA', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <RequestId>F7C9-11</RequestId>
  <HostId>ens.aliyuncs.com</HostId>
  <Code>SecurityGroupRule.NotFound</Code>
  <Message><![CDATA[The input security group rule does not exist.]]></Message>
  <Recommend>https://api.aliyun.com/troubleshoot?q=SecurityGroupRule.NotFound</Recommend>
</Error>`;
    expect(parseErrorBody(xml)).toEqual(full);
    expect(
      parseErrorBody(
        '<Response><Code>A&amp;B</Code><Message> &lt;x&gt; &quot;q&quot; &apos;s&apos; &#233;&#x1F600; &amp;lt; <![CDATA[<raw> &amp;]]> &bogus; </Message><Recommend/></Response>',
      ),
    ).toEqual({ code: 'A&B', message: '<x> "q" \'s\' é😀 &lt; <raw> &amp; &bogus;' });
  });

  it('keeps nested XML markup raw and skips unterminated elements', () => {
    expect(
      parseErrorBody(
        '<Error><Code>X</Code><AccessDeniedDetail><AuthAction>ens:A</AuthAction></AccessDeniedDetail></Error>',
      ),
    ).toEqual({
      code: 'X',
      accessDeniedDetail: '<AuthAction>ens:A</AuthAction>',
    });
    expect(parseErrorBody('<Error><Code>X</Code><Message>never closed</Error>')).toEqual({ code: 'X' });
    expect(parseErrorBody('<Error><CodeName>no</CodeName><Code attr="1">Y</Code ></Error>')).toEqual({ code: 'Y' });
  });

  it('returns undefined for bodies that are not error bodies', () => {
    for (const body of [
      '',
      '   ',
      'Bad Gateway',
      '<html><body>502</body></html>',
      '{"Code":',
      '[1,2]',
      '{}',
      '{"Other":1}',
      'null',
      '"Code"',
    ]) {
      expect(parseErrorBody(body)).toBeUndefined();
    }
  });

  it('only looks at the first 64 KiB', () => {
    expect(parseErrorBody(`<Error>${' '.repeat(70_000)}<Code>X</Code></Error>`)).toBeUndefined();
    expect(parseErrorBody(`{"Code":"X","Message":"${'m'.repeat(70_000)}"}`)).toBeUndefined();
    const started = Date.now();
    parseErrorBody(`<Error><Message>${'<![CDATA[<Code '.repeat(5_000)}</Message>`);
    parseErrorBody(`<${'<Code '.repeat(12_000)}`);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('never throws, on a body of any type, and only returns trimmed, non-empty strings', () => {
    const bodies = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.json(),
      fc
        .dictionary(
          fc.constantFrom('Code', 'code', 'Message', 'RequestId', 'Error', 'AccessDeniedDetail', '__proto__'),
          fc.jsonValue(),
        )
        .map((o) => JSON.stringify(o)),
      fc
        .array(fc.tuple(fc.constantFrom('Code', 'Message', 'HostId', 'Error'), fc.string({ unit: 'binary' })))
        .map((parts) => `<Error>${parts.map(([k, v]) => `<${k}>${v}</${k}>`).join('')}`),
      anyBody(),
    );
    fc.assert(
      fc.property(bodies, (body) => {
        const parsed = parseErrorBody(reveal(body) as never);
        if (parsed === undefined) return;
        expect(Object.keys(parsed).length).toBeGreaterThan(0);
        for (const value of Object.values(parsed)) {
          expect(typeof value).toBe('string');
          expect(value).toBe(value.trim());
          expect(value).not.toBe('');
        }
      }),
    );
  });
});
