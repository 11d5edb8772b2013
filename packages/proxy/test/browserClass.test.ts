/**
 * `EnsBrowserClient` gets its methods from one table of operations (`withOperations`), not one body each: every
 * operation must still be a method, named as its standalone function, that validates by its own constraints before
 * anything is sent, posts to its own action exactly what the standalone function posts, and rebuilds the operation's
 * error answers as their own classes. A recording `fetch` stands in for the proxy.
 */
import { EnsError, EnsPatternServiceError, EnsServiceError, EnsValidationError } from '@ensdk/errors';
import { describe, expect, it } from 'vitest';
import { validInput } from '../../client/test/support/validInput.js';
import * as proxy from '../src/index.js';
import { createEnsBrowserClient, EnsBrowserBareClient, EnsBrowserClient, type ProxyOperation } from '../src/index.js';

interface Sent {
  url: string;
  body: string;
}

/** A `fetch` that records each request and answers `answer`'s JSON with its status. */
function recordingFetch(sent: Sent[], answer: () => { status: number; json: unknown }): typeof fetch {
  return async (url, init) => {
    sent.push({ url: String(url), body: String(init?.body) });
    const { status, json } = answer();
    return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json' } });
  };
}

/** Every operation the package exports: its descriptor and its standalone function, paired by the function's name. */
const operations = Object.entries(proxy)
  .filter(([name]) => name.endsWith('ProxyOperation'))
  .map(([name, descriptor]) => {
    const method = name.slice(0, -'ProxyOperation'.length);
    const standalone = (proxy as Record<string, unknown>)[method];
    if (typeof standalone !== 'function') throw new Error(`no standalone function ${method}`);
    return {
      method,
      descriptor: descriptor as ProxyOperation<unknown, unknown>,
      standalone: standalone as (client: EnsBrowserBareClient, input: unknown) => Promise<unknown>,
    };
  });

/** The class's method `name`, called on `client`. */
function methodOf(client: EnsBrowserClient, name: string): (input: unknown) => Promise<unknown> {
  const method: unknown = Reflect.get(client, name);
  if (typeof method !== 'function') throw new Error(`EnsBrowserClient has no method ${name}`);
  return (input) => method.call(client, input) as Promise<unknown>;
}

describe('EnsBrowserClient', () => {
  it('has a method for each of the 231 operations, posting to its own action what its standalone function posts', async () => {
    expect(operations).toHaveLength(231);
    const sent: Sent[] = [];
    const fetch = recordingFetch(sent, () => ({ status: 200, json: { requestId: 'r-1' } }));
    const client = createEnsBrowserClient({ baseUrl: '/api/ens', fetch });
    const bare = new EnsBrowserBareClient({ baseUrl: '/api/ens', fetch });
    for (const { method, descriptor, standalone } of operations) {
      const input = validInput(descriptor.input);
      await expect(methodOf(client, method)(input)).resolves.toEqual({ requestId: 'r-1' });
      await standalone(bare, input);
      const [byClass, byFunction] = sent.splice(0);
      expect(byClass?.url).toBe(`/api/ens/${descriptor.action}`);
      expect(byClass).toEqual(byFunction);
    }
    // EnsBrowserClient → the class withOperations made (constructor, errorFromJSON) → the methods, made on first use.
    const made = Object.getPrototypeOf(EnsBrowserClient.prototype) as object;
    expect(Object.getOwnPropertyNames(made).sort()).toEqual(['constructor', 'errorFromJSON']);
    // A paginator method for each of the 32 standalone paginators, walking its own action (one page: the answer has no
    // items), and none for an operation that does not page.
    const paginators = Object.keys(proxy).filter((name) => /^paginate[A-Z]/.test(name));
    expect(paginators).toHaveLength(32);
    for (const name of paginators) {
      const action = name.slice('paginate'.length);
      const { descriptor } = operations.find((o) => o.descriptor.action === action)!;
      const paginate = Reflect.get(client, name) as (this: unknown, input: unknown) => AsyncIterable<unknown>;
      const pages: unknown[] = [];
      for await (const page of paginate.call(client, validInput(descriptor.input))) pages.push(page);
      expect(pages, name).toEqual([{ requestId: 'r-1' }]);
      expect(sent.splice(0).map((s) => s.url)).toEqual([`/api/ens/${action}`]);
    }
    const notPaged = Reflect.get(client, 'paginateRevokeSecurityGroupEgress') as (
      this: unknown,
    ) => AsyncIterable<unknown>;
    await expect(notPaged.call(client)[Symbol.asyncIterator]().next()).rejects.toThrow(
      new TypeError('EnsBrowserClient has no method paginateRevokeSecurityGroupEgress'),
    );
  });

  it('validates by the operation’s own constraints before sending anything', async () => {
    const sent: Sent[] = [];
    const client = createEnsBrowserClient({
      baseUrl: '/api/ens',
      fetch: recordingFetch(sent, () => ({ status: 200, json: {} })),
    });
    const error = await client
      .revokeSecurityGroupEgress({
        securityGroupId: 'sg-1',
        ipProtocol: 'tcp',
        portRange: '200/1',
        destCidrIp: '10.0.0.0/8',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EnsValidationError);
    expect(error).toMatchObject({
      operation: 'RevokeSecurityGroupEgress',
      issues: [{ path: 'portRange', rule: 'format:port-range' }],
    });
    // Every operation with a required member refuses an empty input, under its own name, and sends nothing.
    for (const { method, descriptor } of operations) {
      const required = Object.values(descriptor.input.fields).some((field) => field.optional !== true);
      if (!required) continue;
      await expect(methodOf(client, method)({})).rejects.toMatchObject({
        name: 'EnsValidationError',
        operation: descriptor.action,
      });
    }
    expect(sent).toEqual([]);
  });

  it('rebuilds each operation’s service errors by name: instanceof its own class, its name, code and requestId', async () => {
    let answer: unknown;
    const client = createEnsBrowserClient({
      baseUrl: '/api/ens',
      fetch: recordingFetch([], () => ({ status: 400, json: { error: answer } })),
    });
    let checked = 0;
    for (const { method, descriptor } of operations) {
      for (const errorClass of descriptor.errors) {
        const code = errorClass.codePattern?.replace('%s', 'PortRange') ?? errorClass.code;
        const original = new errorClass({ code, statusCode: 400, requestId: 'r-2' });
        answer = original.toJSON();
        const error = await methodOf(client, method)(validInput(descriptor.input)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(errorClass);
        expect(error).toMatchObject({ name: errorClass.errorName, code: original.code, requestId: 'r-2' });
        expect((error as EnsServiceError).toJSON()).toEqual(original.toJSON());
        // The class itself is not loaded: the error is built by its base class and branded with the name.
        expect((error as object).constructor).toBe(
          errorClass.codePattern === undefined ? EnsServiceError : EnsPatternServiceError,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('rebuilds client-side errors the proxy answers as their own classes, and an unknown name as EnsServiceError', async () => {
    let answer: unknown;
    const client = createEnsBrowserClient({
      baseUrl: '/api/ens',
      fetch: recordingFetch([], () => ({ status: 400, json: { error: answer } })),
    });
    const input = { securityGroupId: 'sg-1', ipProtocol: 'tcp', portRange: '22/22', destCidrIp: '10.0.0.0/8' } as const;
    answer = new EnsValidationError([{ path: 'portRange', rule: 'range', message: 'no' }], {
      operation: 'RevokeSecurityGroupEgress',
    }).toJSON();
    const invalid = await client.revokeSecurityGroupEgress(input).catch((e: unknown) => e);
    expect((invalid as object).constructor).toBe(EnsValidationError);
    expect(invalid).toMatchObject({ issues: [{ path: 'portRange', rule: 'range' }] });
    answer = { name: 'EnsServiceError', code: 'Odd.Code', statusCode: 400, message: 'odd' };
    const odd = await client.revokeSecurityGroupEgress(input).catch((e: unknown) => e);
    expect((odd as object).constructor).toBe(EnsServiceError);
    expect(odd).toMatchObject({ name: 'EnsServiceError', code: 'Odd.Code' });
    answer = { name: 'TypeError', message: 'not ours' };
    const plain = await client.revokeSecurityGroupEgress(input).catch((e: unknown) => e);
    expect((plain as object).constructor).toBe(EnsError);
    expect(plain).toMatchObject({ name: 'EnsError', message: 'not ours' });
  });
});
