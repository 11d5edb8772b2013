/**
 * Every operation goes out with a method its metadata allows: POST where allowed, else GET with every parameter in
 * the query and no body. The expectation is read from each definition's `methods` (the model), not from a list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from '../src/index.js';
import * as models from '../src/models.js';
import { requestMethod } from '../src/core/operation.js';
import type { ObjectConstraints } from '../src/core/validation/plain.js';
import { toWireParameters } from '../src/node/wire.js';
import { json, startLoopbackServer, type LoopbackServer } from './support/loopbackServer.js';
import { validInput } from './support/validInput.js';

const KEYS = { accessKeyId: 'LTAI-test-id', accessKeySecret: 'very-secret-value-42' };
// The definitions are values of `@ensdk/client/models`; the root entry exports their types only.
const exports = models as unknown as Record<string, unknown>;
const definitions = Object.values(exports).filter(
  (v): v is client.OperationDefinition<unknown, unknown> =>
    typeof v === 'object' && v !== null && 'action' in v && 'methods' in v && 'parameters' in v,
);
const constraintsOf = (action: string): ObjectConstraints =>
  exports[`${action.charAt(0).toLowerCase()}${action.slice(1)}InputConstraints`] as ObjectConstraints;

/** Parameters as received: the query, plus the form body when there is one (names → values). */
function received(url: URL, body: Buffer): Map<string, string> {
  const all = new Map(url.searchParams);
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) all.set(k, v);
  return all;
}

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer((_request, res) => json(res, 200, { RequestId: 'r-1' }));
});
afterAll(() => server.close());

describe('HTTP method from the metadata', () => {
  it('requestMethod: POST when allowed, else the method the metadata allows', () => {
    expect(requestMethod({ methods: ['POST'] })).toBe('POST');
    expect(requestMethod({ methods: ['POST', 'GET'] })).toBe('POST');
    expect(requestMethod({ methods: ['GET', 'POST'] })).toBe('POST');
    expect(requestMethod({ methods: ['GET'] })).toBe('GET');
  });

  for (const signatureVersion of ['v3', 'rpc'] as const) {
    it(`every operation, ${signatureVersion} signature: an allowed method; GET carries everything in the query`, async () => {
      const getOnly = definitions.filter((d) => !d.methods.includes('POST'));
      expect(definitions.length).toBeGreaterThan(200);
      expect(getOnly.length).toBeGreaterThan(0);
      const ens = new client.EnsBareClient({
        endpoint: server.url,
        credentials: KEYS,
        signatureVersion,
        maxRetries: 0,
      });
      for (const definition of definitions) {
        const input = validInput(constraintsOf(definition.action));
        const start = server.requests.length;
        await ens.send(definition, input);
        const request = server.requests[start];
        if (request === undefined) throw new Error(`${definition.action}: nothing sent`);
        const expected = definition.methods.includes('POST') ? 'POST' : 'GET';
        expect(request.method, definition.action).toBe(expected);
        expect(definition.methods, definition.action).toContain(request.method);
        const wire = toWireParameters(definition, input);
        const sent = received(request.url, request.body);
        for (const [name, value] of Object.entries({ ...wire.query, ...wire.form })) {
          expect(sent.get(name), `${definition.action} ${name}`).toBe(value);
        }
        if (expected === 'GET') {
          expect(request.body.length, definition.action).toBe(0);
          expect(request.headers['content-type'], definition.action).toBeUndefined();
          for (const name of Object.keys(wire.form)) expect(request.url.searchParams.get(name)).toBe(wire.form[name]);
        }
      }
      await ens.close();
    }, 120_000);
  }
});
