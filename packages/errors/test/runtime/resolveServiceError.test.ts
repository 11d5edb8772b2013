import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EnsResponseParseError, EnsServiceError, serviceErrorFromResponse } from '../../src/runtime/index.js';
import {
  InvalidError,
  InvalidParameterError,
  InvalidParameterKeyPairNameError,
  NoPermissionError,
  SecurityGroupRuleNotFoundError,
  serviceClasses,
} from './fixtures.js';
import { anyBody, anyHeaders, anyStatus, reveal } from '../anyInput.js';

const json = (code: string, extra: Record<string, string> = {}): string =>
  JSON.stringify({ RequestId: 'R1', HostId: 'ens.aliyuncs.com', Code: code, Message: `msg of ${code}`, ...extra });

describe('serviceErrorFromResponse', () => {
  it('picks the class with the exact code', () => {
    const err = serviceErrorFromResponse(serviceClasses, 400, json('SecurityGroupRule.NotFound'));
    expect(err).toBeInstanceOf(SecurityGroupRuleNotFoundError);
    expect(err).toMatchObject({
      code: 'SecurityGroupRule.NotFound',
      message: 'msg of SecurityGroupRule.NotFound',
      requestId: 'R1',
      hostId: 'ens.aliyuncs.com',
      statusCode: 400,
    });
  });

  it('decodes byte bodies and XML', () => {
    const xml =
      '<Error><RequestId>R2</RequestId><Code>SecurityGroupRule.NotFound</Code><Message>gone &amp; lost</Message></Error>';
    const err = serviceErrorFromResponse(serviceClasses, 404, new TextEncoder().encode(xml));
    expect(err).toBeInstanceOf(SecurityGroupRuleNotFoundError);
    expect(err).toMatchObject({ requestId: 'R2', message: 'gone & lost', statusCode: 404 });
  });

  it('keeps unknown codes on EnsServiceError', () => {
    const err = serviceErrorFromResponse(serviceClasses, 503, json('ServiceUnavailable'));
    expect(err.constructor).toBe(EnsServiceError);
    expect(err).toMatchObject({ code: 'ServiceUnavailable', fault: 'server', retryable: true });
  });

  it('prefers an exact code over a pattern, and the longest pattern prefix', () => {
    expect(serviceErrorFromResponse(serviceClasses, 400, json('InvalidParameter.KeyPairName'))).toBeInstanceOf(
      InvalidParameterKeyPairNameError,
    );
    const port = serviceErrorFromResponse(serviceClasses, 400, json('InvalidParameter.PortRange'));
    expect(port.constructor).toBe(InvalidParameterError);
    expect(port).toMatchObject({ field: 'PortRange', code: 'InvalidParameter.PortRange' });
    const bare = serviceErrorFromResponse(serviceClasses, 400, json('InvalidParameter'));
    expect(bare.constructor).toBe(InvalidParameterError);
    expect(bare).toHaveProperty('field', undefined);
    const other = serviceErrorFromResponse(serviceClasses, 400, json('InvalidInstanceId.Malformed'));
    expect(other.constructor).toBe(InvalidError);
    expect(other).toMatchObject({ field: 'InstanceId.Malformed' });
  });

  it('trims codes, both received and declared', () => {
    const err = serviceErrorFromResponse(serviceClasses, 403, '{"Code":"NoPermission\\t","Message":"denied"}');
    expect(err).toBeInstanceOf(NoPermissionError);
    expect(err).toMatchObject({ code: 'NoPermission' });
    expect(new NoPermissionError({ statusCode: 403 }).code).toBe('NoPermission');
  });

  it('falls back to the x-acs-request-id header', () => {
    const body = '{"Code":"SecurityGroupRule.NotFound"}';
    expect(serviceErrorFromResponse(serviceClasses, 400, body, { 'X-Acs-Request-Id': 'H1' })).toMatchObject({
      requestId: 'H1',
    });
    expect(serviceErrorFromResponse(serviceClasses, 400, body, { 'x-acs-request-id': ['H2', 'H3'] })).toMatchObject({
      requestId: 'H2',
    });
    expect(
      serviceErrorFromResponse(serviceClasses, 400, body, new Headers({ 'X-ACS-REQUEST-ID': 'H4' })),
    ).toMatchObject({ requestId: 'H4' });
    expect(serviceErrorFromResponse(serviceClasses, 400, json('X'), { 'x-acs-request-id': 'H5' })).toMatchObject({
      requestId: 'R1',
    });
    expect(serviceErrorFromResponse(serviceClasses, 400, body)).toHaveProperty('requestId', undefined);
    expect(serviceErrorFromResponse(serviceClasses, 400, body, { 'x-acs-request-id': ' ' })).toHaveProperty(
      'requestId',
      undefined,
    );
  });

  it('turns unparseable bodies into EnsResponseParseError', () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${'é'.repeat(2000)}</body></html>`;
    const err = serviceErrorFromResponse(serviceClasses, 502, html);
    expect(err).toBeInstanceOf(EnsResponseParseError);
    expect(err).toMatchObject({ statusCode: 502, retryable: true });
    expect(new TextEncoder().encode((err as EnsResponseParseError).bodySnippet).length).toBeLessThanOrEqual(1024);
    expect(serviceErrorFromResponse(serviceClasses, 400, '{"RequestId":"R","Message":"no code"}')).toBeInstanceOf(
      EnsResponseParseError,
    );
    expect(serviceErrorFromResponse(serviceClasses, 200, undefined)).toBeInstanceOf(EnsResponseParseError);
  });

  it('gives an empty error response the code Http<status>', () => {
    const err = serviceErrorFromResponse(serviceClasses, 503, '', { 'x-acs-request-id': 'H' });
    expect(err.constructor).toBe(EnsServiceError);
    expect(err).toMatchObject({ code: 'Http503', statusCode: 503, requestId: 'H', retryable: true, fault: 'server' });
    expect(serviceErrorFromResponse(serviceClasses, 429, new Uint8Array())).toMatchObject({
      code: 'Http429',
      retryable: true,
    });
  });

  it('uses a list given as a fresh array too (cache per array)', () => {
    const list = [SecurityGroupRuleNotFoundError];
    expect(serviceErrorFromResponse(list, 400, json('SecurityGroupRule.NotFound'))).toBeInstanceOf(
      SecurityGroupRuleNotFoundError,
    );
    expect(serviceErrorFromResponse([], 400, json('SecurityGroupRule.NotFound')).constructor).toBe(EnsServiceError);
  });

  it('never throws, on any status, body and headers, with any list of classes', () => {
    fc.assert(
      fc.property(anyStatus(), anyBody(), anyHeaders(), fc.boolean(), (status, body, headers, all) => {
        const error = serviceErrorFromResponse(
          all ? serviceClasses : [SecurityGroupRuleNotFoundError],
          reveal(status) as number,
          reveal(body) as never,
          reveal(headers) as never,
        );
        expect(error instanceof EnsServiceError || error instanceof EnsResponseParseError).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
