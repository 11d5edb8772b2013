/**
 * `EnsBrowserClient` loads its operations' input constraints in groups, by `import()`, on the first call of one of them
 * (`withOperations`, generated `groups/gNN.gen.ts`). The groups must hold exactly the client's constraints, each
 * operation once, and the pagings of the paged ones; a group loads once however many calls wait for it; a group that fails to load fails the call with an
 * `EnsError` naming the operation, and the next call tries again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as validation from '@ensdk/client/validation';
import { EnsAbortError, EnsError, EnsTimeoutError, EnsValidationError } from '@ensdk/errors';
import { describe, expect, it, vi } from 'vitest';
import { EnsBrowserBareClient, type EnsBrowserRequestOptions } from '../src/core/browserClient.js';
import { methodGroup } from '../src/core/methodGroup.js';
import {
  type OperationGroupLoader,
  type OperationTable,
  type PagingTable,
  STRING_FORMAT_ARGUMENTS,
  type StringFormatArguments,
  withOperations,
} from '../src/core/operations.js';
import * as proxy from '../src/index.js';

const GROUPS = new URL('../src/generated/groups/', import.meta.url);
/** Every generated group module, by file name. */
const groupModules = Object.fromEntries(
  readdirSync(GROUPS)
    .filter((file) => file.endsWith('.gen.ts'))
    .map((file) => [
      file,
      () =>
        import(new URL(file, GROUPS).href) as Promise<{
          operations(...formats: StringFormatArguments): OperationTable;
          pagings?: PagingTable;
        }>,
    ]),
);

/** A `fetch` that counts requests and answers `{ requestId }`. */
function countingFetch(sent: string[]): typeof fetch {
  return async (url) => {
    sent.push(String(url));
    return new Response(JSON.stringify({ requestId: 'r-1' }), { headers: { 'content-type': 'application/json' } });
  };
}

describe('the groups of EnsBrowserClient', () => {
  it('hold every operation once, with exactly the constraints of @ensdk/client/validation', async () => {
    const seen = new Map<string, string>();
    const paged = new Map<string, unknown>();
    expect(Object.keys(groupModules).length).toBeGreaterThan(1);
    for (const [path, load] of Object.entries(groupModules)) {
      const module = await load();
      const table = module.operations(...STRING_FORMAT_ARGUMENTS);
      for (const [action, paging] of Object.entries(module.pagings ?? {})) {
        expect(table[action], `${action}'s paging in ${path}, not its constraints`).toBeDefined();
        paged.set(action, paging);
      }
      for (const [action, constraints] of Object.entries(table)) {
        expect(seen.get(action), `${action} in ${path} and ${seen.get(action)}`).toBeUndefined();
        seen.set(action, path);
        const name = `${action.charAt(0).toLowerCase()}${action.slice(1)}InputConstraints`;
        expect(constraints, action).toEqual(Reflect.get(validation, name));
      }
    }
    const actions = Object.keys(proxy)
      .filter((name) => name.endsWith('ProxyOperation'))
      .map((name) => (Reflect.get(proxy, name) as { action: string }).action);
    expect(actions).toHaveLength(231);
    expect([...seen.keys()].sort()).toEqual(actions.sort());
    // Each paged operation's paging, as its standalone paginator has it (`describeInstancesPaging`, ...).
    const pagings = Object.entries(proxy).filter(([name]) => name.endsWith('Paging'));
    expect(pagings).toHaveLength(32);
    expect(Object.fromEntries(paged)).toEqual(
      Object.fromEntries(pagings.map(([, paging]) => [(paging as { action: string }).action, paging])),
    );
  });

  it('hold each operation in the group its method name hashes to at run time, with the generated verbs and seed', async () => {
    // The class's generated call: withOperations(EnsBrowserBareClient, /^(?:verb|…)(?![a-z])/, seed, [loaders]).
    const source = readFileSync(new URL('../src/generated/client.gen.ts', import.meta.url), 'utf8');
    const [, pattern, seed] = /withOperations\(\s*EnsBrowserBareClient,\s*\/(.+)\/,\s*(\d+),/.exec(source) ?? [];
    const verbs = new RegExp(pattern!);
    const files = Object.keys(groupModules).sort();
    expect(files).toEqual(files.map((_, i) => `g${String(i).padStart(2, '0')}.gen.ts`));
    let operations = 0;
    for (const [index, file] of files.entries()) {
      const table = (await groupModules[file]!()).operations(...STRING_FORMAT_ARGUMENTS);
      expect(Object.keys(table).length, `${file} is empty`).toBeGreaterThan(0);
      for (const action of Object.keys(table)) {
        const method = `${action.charAt(0).toLowerCase()}${action.slice(1)}`;
        const verb = verbs.exec(method);
        expect(verb, `${method} begins with none of the verbs`).not.toBeNull();
        expect(methodGroup(method, verb![0].length, Number(seed), files.length), `${action} in ${file}`).toBe(index);
        operations++;
      }
    }
    expect(operations).toBe(231);
  });
});

/** The verbs of the test's operations (GetThing, PutThing, ListWidgets), as the generator writes them. */
const VERBS = /^(?:get|list|put)(?=[^a-z])/;

/**
 * Two loaders, in the order the hash puts them with seed 0: `things` for the group of getThing and putThing (the same:
 * the hash skips the verb), `others` for the group of listWidgets (a different one, checked).
 */
function twoGroups(things: OperationGroupLoader, others: OperationGroupLoader): OperationGroupLoader[] {
  const thing = methodGroup('getThing', 3, 0, 2);
  expect(methodGroup('putThing', 3, 0, 2)).toBe(thing);
  expect(methodGroup('listWidgets', 4, 0, 2)).toBe(1 - thing);
  return thing === 0 ? [things, others] : [others, things];
}

/** A promise that stays pending until `release()`: a group load held back while calls wait for it. */
function heldGate(): { gate: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { gate, release };
}

describe('withOperations', () => {
  const constraints: OperationTable = {
    GetThing: { type: 'object', fields: { thingId: { type: 'string' } } },
    PutThing: { type: 'object', fields: { thingId: { type: 'string', minLength: 3 } } },
  };

  it('loads a group once: concurrent first calls share one load, later calls none', async () => {
    let loads = 0;
    const { gate, release } = heldGate();
    const Client = withOperations(
      EnsBrowserBareClient,
      VERBS,
      0,
      twoGroups(
        async () => {
          loads++;
          await gate;
          return { operations: () => constraints };
        },
        async () => {
          throw new Error('the other group is never loaded here');
        },
      ),
    );
    const sent: string[] = [];
    const client = new Client({ baseUrl: '/api', fetch: countingFetch(sent) }) as unknown as Record<
      string,
      (input: unknown) => Promise<unknown>
    >;
    const calls = [client.getThing!({ thingId: 'a' }), client.putThing!({ thingId: 'abc' }), client.getThing!({})];
    release();
    const results = await Promise.allSettled(calls);
    expect(loads).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    // The third call failed validation (thingId is required): never sent.
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(EnsValidationError);
    expect(sent).toEqual(['/api/GetThing', '/api/PutThing']);
    // Once its group has loaded, a call hands its operation over as it is: no promise and no listener per call.
    const callLoading = vi.spyOn(
      EnsBrowserBareClient.prototype as unknown as { callLoading(operation: unknown): Promise<unknown> },
      'callLoading',
    );
    await client.putThing!({ thingId: 'xyz' });
    expect(callLoading).toHaveBeenCalledTimes(1);
    expect(callLoading.mock.calls[0]![0]).not.toBeInstanceOf(Promise);
    expect(callLoading.mock.calls[0]![0]).toMatchObject({ action: 'PutThing', input: constraints.PutThing });
    callLoading.mockRestore();
    expect(loads).toBe(1);
    await expect(client.putThing!({ thingId: 'x' })).rejects.toMatchObject({
      name: 'EnsValidationError',
      operation: 'PutThing',
      issues: [{ path: 'thingId' }],
    });
    expect(sent).toHaveLength(3);
  });

  it('fails a call whose group does not load with an EnsError naming the operation, and tries again on the next call', async () => {
    let loads = 0;
    const cause = new TypeError('Failed to fetch dynamically imported module');
    const Client = withOperations(EnsBrowserBareClient, VERBS, 0, [
      async () => {
        loads++;
        if (loads === 1) throw cause;
        return { operations: () => constraints };
      },
    ]);
    const sent: string[] = [];
    const client = new Client({ baseUrl: '/api', fetch: countingFetch(sent) }) as unknown as Record<
      string,
      (input: unknown) => Promise<unknown>
    >;
    const first = await Promise.allSettled([client.getThing!({ thingId: 'a' }), client.putThing!({ thingId: 'abc' })]);
    expect(loads).toBe(1);
    for (const result of first) {
      const error = (result as PromiseRejectedResult).reason as EnsError;
      expect(error.constructor).toBe(EnsError);
      expect(error.retryable).toBe(false);
      expect(error.cause).toBe(cause);
      expect(error.message).toMatch(/^Loading the browser client's code for (getThing|putThing) failed: TypeError/);
    }
    expect(sent).toEqual([]);
    await expect(client.getThing!({ thingId: 'a' })).resolves.toEqual({ requestId: 'r-1' });
    expect(loads).toBe(2);
    expect(sent).toEqual(['/api/GetThing']);
  });

  it('has methods named as on EnsClient, made on first use for names that begin with a verb, the same each time', async () => {
    let loads = 0;
    const Client = withOperations(
      EnsBrowserBareClient,
      VERBS,
      0,
      twoGroups(
        async () => {
          loads++;
          return { operations: () => constraints };
        },
        async () => ({ operations: () => ({ ListWidgets: { type: 'object', fields: {} } }) }),
      ),
    );
    const sent: string[] = [];
    const client = new Client({ baseUrl: '/api', fetch: countingFetch(sent) }) as unknown as Record<
      string,
      (input: unknown) => Promise<unknown>
    >;
    expect('getThing' in client).toBe(true);
    expect('listWidgets' in client).toBe(true);
    expect(typeof client.getThing).toBe('function');
    expect(client.getThing).toBe(client.getThing);
    expect(client.getThing).not.toBe(client.putThing);
    expect(Object.hasOwn(client, 'getThing')).toBe(false);
    expect(Object.keys(client)).not.toContain('getThing');
    for (const name in client) expect(name).not.toBe('getThing');
    // Names without a verb read as on the base class: undefined, so `await client` and JSON.stringify work as usual.
    for (const name of [
      'then',
      'toJSON',
      'asymmetricMatch',
      '$$typeof',
      'describeNothing',
      'getthing',
      'get',
      'put',
      'paginate',
    ])
      expect(Reflect.get(client, name), name).toBeUndefined();
    expect('then' in client).toBe(false);
    expect('get' in client).toBe(false);
    expect(await (client as unknown as Promise<unknown>)).toBe(client);
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseUrl: '/api', timeoutMs: 30_000 });
    expect(typeof Reflect.get(client, 'callLoading')).toBe('function');
    // A name with a verb but no operation is a method whose call fails as calling a missing method would, once its
    // group says so: a TypeError naming it, nothing sent.
    const putNothing = client.putNothing;
    expect(client.putNothing).toBe(putNothing);
    await expect(putNothing!.call(client, {})).rejects.toThrow(
      new TypeError('WithOperations has no method putNothing'),
    );
    // Once its group has said so, the name is forgotten: a later look-up makes a new function.
    expect(client.putNothing).not.toBe(putNothing);
    expect(sent).toEqual([]);
    await expect(client.listWidgets!({})).resolves.toEqual({ requestId: 'r-1' });
    expect(sent).toEqual(['/api/ListWidgets']);
    expect(loads).toBe(1);
    // The class's own prototype holds only what it overrides; the methods come from the object between it and the base.
    const own = Object.getPrototypeOf(client) as object;
    expect(Object.getOwnPropertyNames(own).sort()).toEqual(['constructor', 'errorFromJSON']);
    expect(Object.getOwnPropertyNames(Object.getPrototypeOf(own))).toEqual([]);
    expect(client).toBeInstanceOf(Client);
    expect(client).toBeInstanceOf(EnsBrowserBareClient);
  });

  it('calls an action written in lower case by its own name', async () => {
    const Client = withOperations(EnsBrowserBareClient, /^(?:create)(?=[^a-z])/, 0, [
      async () => ({ operations: () => ({ createInstance: { type: 'object', fields: {} } }) }),
    ]);
    const sent: string[] = [];
    const client = new Client({ baseUrl: '/api', fetch: countingFetch(sent) }) as unknown as Record<
      string,
      (input: unknown) => Promise<unknown>
    >;
    await expect(client.createInstance!({})).resolves.toEqual({ requestId: 'r-1' });
    expect(sent).toEqual(['/api/createInstance']);
  });

  it('runs the call’s time limit and signal while its group loads: a stalled load ends in EnsTimeoutError or EnsAbortError', async () => {
    let loads = 0;
    const { gate, release } = heldGate();
    const Client = withOperations(EnsBrowserBareClient, VERBS, 0, [
      async () => {
        loads++;
        await gate;
        return { operations: () => constraints };
      },
    ]);
    const sent: string[] = [];
    const client = new Client({ baseUrl: '/api', fetch: countingFetch(sent), timeoutMs: 60_000 }) as unknown as Record<
      string,
      (input: unknown, options?: EnsBrowserRequestOptions) => Promise<unknown>
    >;
    const timedOut = client.getThing!({ thingId: 'a' }, { timeoutMs: 20 });
    await expect(timedOut).rejects.toBeInstanceOf(EnsTimeoutError);
    await expect(timedOut).rejects.toMatchObject({ timeoutMs: 20 });
    const controller = new AbortController();
    const aborted = client.putThing!({ thingId: 'abc' }, { signal: controller.signal });
    controller.abort(new Error('user left the page'));
    await expect(aborted).rejects.toBeInstanceOf(EnsAbortError);
    // A signal aborted before the call ends it at once, whatever the input.
    await expect(client.getThing!({}, { signal: controller.signal })).rejects.toBeInstanceOf(EnsAbortError);
    expect(sent).toEqual([]);
    // The load itself goes on: once it settles, calls run as usual on the one group it loaded.
    release();
    await expect(client.getThing!({ thingId: 'a' })).resolves.toEqual({ requestId: 'r-1' });
    expect(loads).toBe(1);
    expect(sent).toEqual(['/api/GetThing']);
  });
});
