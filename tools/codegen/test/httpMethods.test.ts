/**
 * The HTTP method, from Alibaba's file to the shipped package: every ENS operation's definition in the built
 * `@ensdk/client` allows exactly the methods its metadata lists (`#/apis/<op>/methods`), read here from the raw
 * file, not through the model. `packages/client/test/httpMethod.test.ts` then sends every definition and expects POST
 * where allowed, else GET; together they send each GET-only operation of the metadata as GET.
 */
import type { OperationDefinition } from '@ensdk/client';
// The definitions are values of @ensdk/client/models (the root entry exports their types only).
import * as client from '@ensdk/client/models';
import { describe, expect, it } from 'vitest';
import { readJson, REAL_METADATA_PATH } from './helpers.js';

const metadata = readJson(REAL_METADATA_PATH) as { apis: Record<string, { methods: string[] }> };
const definitions = new Map(
  Object.values(client as unknown as Record<string, unknown>)
    .filter(
      (v): v is OperationDefinition<unknown, unknown> =>
        typeof v === 'object' && v !== null && 'action' in v && 'methods' in v && 'parameters' in v,
    )
    .map((d) => [d.action, d]),
);

describe('ENS: the methods of the shipped definitions are the metadata’s', () => {
  it('every operation, with the methods its metadata allows; the GET-only ones allow GET alone', () => {
    const actions = Object.keys(metadata.apis).sort();
    expect([...definitions.keys()].sort()).toEqual(actions);
    const getOnly: string[] = [];
    for (const action of actions) {
      const allowed = metadata.apis[action]!.methods.map((m) => m.toUpperCase());
      expect([...definitions.get(action)!.methods].sort(), action).toEqual([...allowed].sort());
      if (!allowed.includes('POST')) getOnly.push(action);
    }
    console.log(`ENS: ${actions.length} operations, ${getOnly.length} GET-only in the metadata: ${getOnly.join(', ')}`);
    expect(getOnly.length).toBeGreaterThan(0);
    for (const action of getOnly) expect(definitions.get(action)!.methods, action).toEqual(['GET']);
  });
});
