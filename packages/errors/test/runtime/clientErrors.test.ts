import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EnsAbortError,
  EnsError,
  EnsNetworkError,
  EnsResponseParseError,
  EnsTimeoutError,
  EnsValidationError,
} from '../../src/runtime/index.js';

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

describe('client-side errors', () => {
  it('EnsValidationError lists every issue', () => {
    const issues = [
      { path: 'portRange', rule: 'range', message: 'start 200 > end 1' },
      { path: 'priority', rule: 'maximum', message: 'must be at most 100' },
    ];
    const err = new EnsValidationError(issues, { operation: 'RevokeSecurityGroupEgress' });
    expect(err.message).toBe(
      'Invalid input for RevokeSecurityGroupEgress: portRange: start 200 > end 1; priority: must be at most 100',
    );
    expect(err).toMatchObject({
      name: 'EnsValidationError',
      fault: 'client',
      retryable: false,
      operation: 'RevokeSecurityGroupEgress',
    });
    expect(err.issues).toEqual(issues);
    expect(err.issues).not.toBe(issues);
    expect(new EnsValidationError([{ path: '', rule: 'oneOf', message: 'give a or b' }]).message).toBe(
      'Invalid input: give a or b',
    );
    expect(new EnsValidationError([]).message).toBe('Invalid input');
  });

  it('EnsNetworkError, EnsTimeoutError, EnsAbortError', () => {
    const net = new EnsNetworkError('socket hang up', {
      reason: 'ECONNRESET',
      cause: new Error('secret'),
      attempts: 3,
    });
    expect(net).toMatchObject({ fault: 'server', retryable: true, reason: 'ECONNRESET', attempts: 3 });
    expect(net.toJSON()).toEqual({
      name: 'EnsNetworkError',
      message: 'socket hang up',
      reason: 'ECONNRESET',
      attempts: 3,
    });

    const timeout = new EnsTimeoutError(1500);
    expect(timeout).toMatchObject({
      message: 'Request timed out after 1500 ms',
      timeoutMs: 1500,
      fault: 'server',
      retryable: true,
    });

    const abort = new EnsAbortError({ cause: new Error('user pressed cancel') });
    expect(abort).toMatchObject({ message: 'The request was aborted', fault: 'client', retryable: false });
    expect(abort.cause).toBeInstanceOf(Error);
    expect(abort.toJSON()).toEqual({ name: 'EnsAbortError', message: 'The request was aborted' });
    expect(JSON.stringify(abort)).not.toContain('cancel');
    for (const err of [net, timeout, abort]) expect(err).toBeInstanceOf(EnsError);
  });

  it('EnsResponseParseError keeps a short, single-line message and a 1 KiB snippet', () => {
    const body = `<html>\n<body>\n${'Bad gateway '.repeat(200)}</body></html>`;
    const err = new EnsResponseParseError(502, body);
    expect(err).toMatchObject({ statusCode: 502, fault: 'server', retryable: true, name: 'EnsResponseParseError' });
    expect(err.bodySnippet).toBe(body.slice(0, 1024));
    expect(err.message).toMatch(/^Could not parse the response \(HTTP 502\): <html> <body> Bad gateway Bad/);
    expect(err.message).not.toContain('\n');
    expect(err.message.length).toBeLessThan(200);
    expect(new EnsResponseParseError(404, 'nope').retryable).toBe(false);
    expect(new EnsResponseParseError(200, '').message).toBe('Could not parse the response (HTTP 200)');
  });

  it('cuts the snippet on a character boundary, counting UTF-8 bytes', () => {
    const body = `${'a'.repeat(1022)}é😀tail`; // é is 2 bytes: 1024 in total; 😀 would overflow
    expect(new EnsResponseParseError(500, body).bodySnippet).toBe(`${'a'.repeat(1022)}é`);
    const emoji = '😀'.repeat(300); // 4 bytes each
    const snippet = new EnsResponseParseError(500, emoji).bodySnippet;
    expect(snippet).toBe('😀'.repeat(256));
    const cjk = '错误'.repeat(400); // 3 bytes each: 341 fit
    expect(utf8Length(new EnsResponseParseError(500, cjk).bodySnippet)).toBe(1023);
  });

  it('snippet: always at most 1 KiB of UTF-8, a prefix of the body, maximal and idempotent', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 1500 }),
        fc.string({ unit: 'grapheme', maxLength: 700 }),
        (a, b) => {
          const body = a + b;
          const { bodySnippet } = new EnsResponseParseError(500, body);
          expect(utf8Length(bodySnippet)).toBeLessThanOrEqual(1024);
          expect(body.startsWith(bodySnippet)).toBe(true);
          if (utf8Length(body) <= 1024) expect(bodySnippet).toBe(body);
          else {
            const next = String.fromCodePoint(body.codePointAt(bodySnippet.length) ?? 0);
            expect(utf8Length(bodySnippet + next)).toBeGreaterThan(1024);
          }
          expect(new EnsResponseParseError(500, bodySnippet).bodySnippet).toBe(bodySnippet);
        },
      ),
    );
  });
});
