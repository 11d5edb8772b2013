import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as models from '@ensdk/client/models';
import { acsTimestamp, signatureNonce, signRequestV3 } from '@ensdk/client';
import { DEMO_ACCESS_KEY, startEmulator, type RunningEmulator } from '../src/index.js';

const definitions = (Object.values(models) as unknown[]).filter(
  (v): v is models.OperationDefinition<unknown, unknown> =>
    typeof v === 'object' && v !== null && 'action' in v && 'parameters' in v,
);

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe('every operation of the metadata answers', () => {
  it('all 231 are routed: with no parameters, each answers 200 or names a missing required parameter', async () => {
    expect(definitions).toHaveLength(231);
    const host = new URL(emulator.url).host;
    for (const definition of definitions) {
      const method = definition.methods.includes('POST') ? 'POST' : 'GET';
      const signed = signRequestV3(
        {
          method,
          host,
          query: {},
          headers: {
            'x-acs-action': definition.action,
            'x-acs-version': definition.version,
            'x-acs-date': acsTimestamp(),
            'x-acs-signature-nonce': signatureNonce(),
          },
        },
        DEMO_ACCESS_KEY,
      );
      const { host: _host, ...headers } = signed.headers;
      void _host;
      const response = await fetch(`${emulator.url}/`, { method, headers });
      const body = (await response.json()) as Record<string, unknown>;
      const required = definition.input().safeParse({}).success === false;
      if (required) {
        expect(response.status, definition.action).toBe(400);
        expect(body['Code'], definition.action).toBe('MissingParameter');
        const wire = /"([^"]+)"/.exec(String(body['Message']))?.[1];
        expect(
          definition.parameters.some((p) => p.wire === wire),
          `${definition.action}: ${String(body['Message'])}`,
        ).toBe(true);
      } else {
        expect(response.status, `${definition.action}: ${JSON.stringify(body)}`).toBe(200);
        expect(body['RequestId'], definition.action).toBeDefined();
      }
    }
  }, 60_000);
});
