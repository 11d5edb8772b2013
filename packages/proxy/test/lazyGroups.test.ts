/**
 * `EnsBrowserClient` loads its operations' input constraints in groups, by `import()`, on the first call of one of them
 * (`withOperations`, generated `groups/gNN.gen.ts`). The groups must hold exactly the client's constraints, each
 * operation once, and the pagings of the paged ones; a group loads once however many calls wait for it; a group that fails to load fails the call with an
 * `EnsError` naming the operation, and the next call tries again.
 */
import { readdirSync } from 'node:fs';
import * as validation from '@ensdk/client/validation';
import { EnsAbortError, EnsError, EnsTimeoutError, EnsValidationError } from '@ensdk/errors';
import { describe, expect, it, vi } from 'vitest';
import { EnsBrowserBareClient, type EnsBrowserRequestOptions } from '../src/core/browserClient.js';
import { type OperationTable, type PagingTable, type StringFormats, withOperations } from '../src/core/operations.js';
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
          operations(formats: StringFormats): OperationTable;
          pagings?: PagingTable;
        }>,
    ]),
);

const formats: StringFormats = {
  portRangeStringFormat: validation.portRangeStringFormat,
  ipv4StringFormat: validation.ipv4StringFormat,
  ipv4CidrStringFormat: validation.ipv4CidrStringFormat,
  ipv4OrCidrStringFormat: validation.ipv4OrCidrStringFormat,
};

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
      const table = module.operations(formats);
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
});

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
    const Client = withOperations(EnsBrowserBareClient, 'GetThing PutThing|Other', [
      async () => {
        loads++;
        await gate;
        return { operations: () => constraints };
      },
      async () => {
        throw new Error('the other group is never loaded here');
      },
    ]);
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
    const Client = withOperations(EnsBrowserBareClient, 'GetThing PutThing', [
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
      expect(error.message).toMatch(/^Loading the browser client's code for (GetThing|PutThing) failed: TypeError/);
    }
    expect(sent).toEqual([]);
    await expect(client.getThing!({ thingId: 'a' })).resolves.toEqual({ requestId: 'r-1' });
    expect(loads).toBe(2);
    expect(sent).toEqual(['/api/GetThing']);
  });

  it('has ordinary methods: named as on EnsClient, on the prototype, unknown names undefined', () => {
    const Client = withOperations(EnsBrowserBareClient, 'GetThing PutThing|Other', [
      async () => ({ operations: () => constraints }),
      async () => ({ operations: () => ({}) }),
    ]);
    const client = new Client({ baseUrl: '/api' });
    expect('getThing' in client).toBe(true);
    expect('other' in client).toBe(true);
    expect(Reflect.get(client, 'describeNothing')).toBeUndefined();
    expect(Reflect.get(client, 'then')).toBeUndefined();
    expect(Object.keys(client)).not.toContain('getThing');
    for (const name in client) expect(name).not.toBe('getThing');
    // The class's own prototype, then one object with the methods, then the base class's prototype.
    const own = Object.getPrototypeOf(client) as object;
    expect(Object.getOwnPropertyNames(own).sort()).toEqual(['constructor', 'errorFromJSON']);
    const methods = Object.getPrototypeOf(own) as object;
    expect(Object.getOwnPropertyNames(methods).sort()).toEqual(['getThing', 'other', 'putThing']);
    expect(Object.getOwnPropertyDescriptor(methods, 'getThing')).toMatchObject({
      writable: true,
      enumerable: false,
      configurable: true,
    });
    expect(Object.getPrototypeOf(methods)).toBe(EnsBrowserBareClient.prototype);
    expect(client).toBeInstanceOf(Client);
    expect(client).toBeInstanceOf(EnsBrowserBareClient);
  });

  it('runs the call’s time limit and signal while its group loads: a stalled load ends in EnsTimeoutError or EnsAbortError', async () => {
    let loads = 0;
    const { gate, release } = heldGate();
    const Client = withOperations(EnsBrowserBareClient, 'GetThing PutThing', [
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
