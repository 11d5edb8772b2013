import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnsClient } from '@ensdk/client';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../src/index.js';
import { rpcSignedQuery } from './support/rpc.js';

let emulator: RunningEmulator;
let ens: EnsClient;
beforeAll(async () => {
  emulator = await startEmulator();
  ens = new EnsClient({ endpoint: emulator.url, credentials: DEMO_ACCESS_KEY, maxRetries: 0 });
});
afterAll(async () => {
  await ens.close();
  await emulator.close();
});

/** The emulator's answer as text, from an RPC-signed GET: what is on the wire, before any parser. */
async function wireText(action: string, extra: Record<string, string>): Promise<string> {
  const query = rpcSignedQuery(action, extra);
  const response = await fetch(`${emulator.url}/?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe('an int64 beyond 2^53 in an answer', () => {
  it('travels as a bare JSON number and reaches the caller as its exact decimal string', async () => {
    emulator.setAnswer('ListObjects', {
      bucketName: 'b',
      keyCount: 2,
      contents: [
        { key: 'big', size: '9007199254740993' },
        { key: 'small', size: 15 },
        { key: 'negative', size: '-9223372036854775808' },
      ],
    });
    const text = await wireText('ListObjects', { BucketName: 'b' });
    expect(text).toContain('"Size":9007199254740993}');
    expect(text).toContain('"Size":-9223372036854775808');
    expect((JSON.parse(text) as { Contents: { Size: unknown }[] }).Contents[0]!.Size).toBe(9007199254740992);

    const output = await ens.listObjects({ bucketName: 'b' });
    expect(output.contents).toEqual([
      { key: 'big', size: '9007199254740993' },
      { key: 'small', size: 15 },
      { key: 'negative', size: '-9223372036854775808' },
    ]);
    expect(output.keyCount).toBe(2);
    expect(JSON.stringify(output)).toContain('"size":"9007199254740993"');
  });

  it('is forgotten with setAnswer(action, undefined) and reset(); an unknown action is refused', async () => {
    emulator.setAnswer('ListObjects', { keyCount: '9007199254740993' });
    expect((await ens.listObjects({ bucketName: 'b' })).keyCount).toBe('9007199254740993');
    emulator.setAnswer('ListObjects', undefined);
    expect((await ens.listObjects({ bucketName: 'b' })).keyCount).not.toBe('9007199254740993');
    emulator.setAnswer('ListObjects', { keyCount: '9007199254740993' });
    emulator.reset();
    expect((await ens.listObjects({ bucketName: 'b' })).keyCount).not.toBe('9007199254740993');
    expect(() => emulator.setAnswer('ListObjectz', {})).toThrow(/"ListObjectz" is not an ENS operation/);
  });
});
