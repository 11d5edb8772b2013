import { EnsAbortError, EnsCredentialsError } from '@ensdk/errors';
import { describe, expect, it } from 'vitest';
import { makeCredentials } from '../src/node/credentials/checkCredentials.js';
import { type ExpiringCredentials, refreshingProvider } from '../src/node/credentials/refresh.js';

const MINUTE = 60_000;
const credentialsAt = (label: string, expiresAt: number): ExpiringCredentials => ({
  credentials: makeCredentials(`STS.${label}`, `secret-${label}`, `token-${label}`),
  expiresAt,
});

/** A fetch the test answers by hand, counting calls. */
function controlledFetch() {
  const calls: {
    resolve: (value: ExpiringCredentials) => void;
    reject: (error: Error) => void;
    signal: AbortSignal;
  }[] = [];
  const fetch = (signal: AbortSignal) =>
    new Promise<ExpiringCredentials>((resolve, reject) => calls.push({ resolve, reject, signal }));
  return { calls, fetch };
}

describe('refreshingProvider (the engine every temporary-credentials provider uses)', () => {
  it('a refresh whose fetch ignores its signal still ends at timeoutMs', async () => {
    const provider = refreshingProvider({ name: 'test', fetch: () => new Promise(() => undefined), timeoutMs: 50 });
    const error = await provider().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EnsCredentialsError);
    expect((error as Error).message).toBe('test: cannot get credentials: the refresh did not finish within 50 ms');
  });

  it("one caller's abort leaves the shared refresh to the others", async () => {
    const { calls, fetch } = controlledFetch();
    const provider = refreshingProvider({ name: 'test', fetch, timeoutMs: 10_000 });
    const controller = new AbortController();
    const leaving = provider({ signal: controller.signal });
    const staying = provider();
    controller.abort();
    await expect(leaving).rejects.toBeInstanceOf(EnsAbortError);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.signal.aborted).toBe(false);
    calls[0]?.resolve(credentialsAt('a', Date.now() + 60 * MINUTE));
    expect((await staying).accessKeyId).toBe('STS.a');
  });

  it('backs off after failures while the cached credentials work: 1 s, then 2 s, ... and resets on success', async () => {
    let now = 1_000_000;
    const { calls, fetch } = controlledFetch();
    const provider = refreshingProvider({ name: 'test', fetch, timeoutMs: 10_000, now: () => now });
    const first = provider();
    calls[0]?.resolve(credentialsAt('a', now + 20 * MINUTE));
    await first;
    now += 6 * MINUTE; // inside the 15-minute window
    const failedOnce = provider();
    calls[1]?.reject(new Error('STS down'));
    expect((await failedOnce).accessKeyId).toBe('STS.a');
    await provider(); // within the first backoff (0.5-1 s): no request
    expect(calls).toHaveLength(2);
    now += 1_000;
    const failedTwice = provider();
    expect(calls).toHaveLength(3);
    calls[2]?.reject(new Error('STS down'));
    await failedTwice;
    now += 900; // the second backoff is 1-2 s
    await provider();
    expect(calls).toHaveLength(3);
    now += 1_200;
    const recovered = provider();
    calls[3]?.resolve(credentialsAt('b', now + 60 * MINUTE));
    expect((await recovered).accessKeyId).toBe('STS.b');
  });

  it('never returns credentials past their expiry, and refuses ones that arrive expired', async () => {
    let now = 1_000_000;
    const { calls, fetch } = controlledFetch();
    const provider = refreshingProvider({ name: 'test', fetch, timeoutMs: 10_000, now: () => now });
    const first = provider();
    calls[0]?.resolve(credentialsAt('a', now + 10 * MINUTE));
    await first;
    now += 10 * MINUTE; // exactly at expiry: expired
    const late = provider();
    calls[1]?.resolve(credentialsAt('stale', now - 1));
    const error = await late.catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /^test: the credentials expired at .* and could not be refreshed: the credentials received had expired already/,
    );
  });
});
