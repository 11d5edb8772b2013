/**
 * Signature nonces: a nonce is refused while it is remembered (twice the 15-minute timestamp window), accepted again
 * after, and forgetting expired nonces keeps the memory bounded by the traffic of the last half hour.
 */
import { signRequestV3 } from '@ensdk/client';
import { describe, expect, it } from 'vitest';
import { Authenticator, type ReceivedRequest } from '../src/core/auth.js';
import { EmulatorError } from '../src/core/emulatorError.js';

const KEY = { accessKeyId: 'nonce-test-key', accessKeySecret: 'nonce-test-secret' };
const HOST = '127.0.0.1:9100';

/** A V3-signed DescribeEnsRegions as the emulator receives it, dated by the test's clock. */
function received(now: number, nonce: string): ReceivedRequest {
  const signed = signRequestV3(
    {
      method: 'POST',
      host: HOST,
      query: {},
      headers: {
        'x-acs-action': 'DescribeEnsRegions',
        'x-acs-version': '2017-11-10',
        'x-acs-date': new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        'x-acs-signature-nonce': nonce,
      },
    },
    KEY,
  );
  const headers = Object.fromEntries(
    Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return {
    method: 'POST',
    host: HOST,
    rawQuery: signed.canonicalQuery,
    headers,
    body: Buffer.alloc(0),
    params: new Map(),
  };
}

describe('signature nonces', () => {
  it('refuses a nonce while it is remembered, accepts it after, and forgets expired ones', () => {
    let clock = Date.parse('2026-11-29T10:00:00Z');
    const auth = new Authenticator([KEY], () => clock);
    for (let i = 0; i < 1_000; i++) auth.authenticate(received(clock, `n-${i}`));
    expect(auth.heldNonces).toBe(1_000);

    clock += 29 * 60_000; // still remembered
    const reuse = (): unknown => {
      try {
        return auth.authenticate(received(clock, 'n-0'));
      } catch (error) {
        return error;
      }
    };
    expect(reuse()).toMatchObject({ code: 'SignatureNonceUsed' });
    expect(reuse()).toBeInstanceOf(EmulatorError);

    clock += 2 * 60_000; // 31 minutes after the first batch: all of it has expired
    expect(reuse()).toMatchObject({ action: 'DescribeEnsRegions' });
    // The request that reused n-0 dropped the 1,000 expired nonces and holds its own.
    expect(auth.heldNonces).toBe(1);
    expect(reuse()).toMatchObject({ code: 'SignatureNonceUsed' });
  });
});
