// Arbitrary inputs for the "never throws" properties of errorFromResponse, serviceErrorFromResponse and
// parseErrorBody: what a JavaScript caller may pass, typed or not, hostile included.
import fc from 'fast-check';

/** A detached ArrayBuffer (its contents transferred away): viewing it throws. */
function detachedBuffer(): ArrayBuffer {
  const buffer = new ArrayBuffer(8);
  structuredClone(buffer, { transfer: [buffer] });
  return buffer;
}

/** A revoked Proxy: every operation on it throws, `typeof` and identity checks aside. */
function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/**
 * A hostile value, made only inside the property: fast-check inspects the values it generates, and a revoked Proxy
 * would throw there. {@link reveal} makes it.
 */
class Hostile {
  constructor(
    readonly label: string,
    readonly make: () => unknown,
  ) {}
}

/** The value to pass: a {@link Hostile} made, anything else as generated. */
export function reveal(value: unknown): unknown {
  return value instanceof Hostile ? value.make() : value;
}

/** Values whose reading throws, or that cannot be turned into JSON or text. */
export const hostile = (): fc.Arbitrary<unknown> =>
  fc.constantFrom(
    new Hostile('revoked proxy', revokedProxy),
    new Hostile('detached ArrayBuffer', detachedBuffer),
    new Hostile('view of a detached buffer', () => {
      const view = new Uint8Array(8);
      structuredClone(view.buffer, { transfer: [view.buffer] });
      return view;
    }),
    new Hostile('proxy whose traps throw', () => {
      const fail = (): never => {
        throw new Error('trap');
      };
      return new Proxy(
        {},
        { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail },
      );
    }),
    new Hostile('throwing getter', () => ({
      get Code(): string {
        throw new Error('getter');
      },
    })),
    new Hostile('bigint detail', () => ({ Code: 'SecurityGroupRule.NotFound', AccessDeniedDetail: { big: 1n } })),
    new Hostile('cycle', () => {
      const cyclic: Record<string, unknown> = { Message: 'cyclic' };
      cyclic['self'] = cyclic;
      return cyclic;
    }),
    new Hostile('throwing toJSON and toString', () => ({
      toJSON: () => {
        throw new Error('toJSON');
      },
      toString: () => {
        throw new Error('toString');
      },
    })),
    new Hostile('symbol', () => Symbol('body')),
    new Hostile('function', () => () => 'a function'),
    new Hostile('bigint', () => 10n ** 30n),
  );

/** Error bodies of every JavaScript type: text, bytes, parsed JSON, error-shaped objects, garbage, huge strings. */
export const anyBody = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.json(),
    fc.uint8Array(),
    fc.uint8Array().map((bytes) => bytes.buffer),
    fc.string().map((text) => Buffer.from(`{"Code":${JSON.stringify(text)}}`)),
    fc.jsonValue(),
    fc.record(
      {
        Code: fc.oneof(
          fc.string(),
          fc.constantFrom('SecurityGroupRule.NotFound', 'InvalidParameter.PortRange'),
          fc.anything(),
        ),
        Message: fc.anything(),
        RequestId: fc.anything(),
        Error: fc.anything(),
        AccessDeniedDetail: fc.anything(),
      },
      { requiredKeys: [] },
    ),
    fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    }),
    fc.constantFrom('x'.repeat(2_000_000), `{"Code":"${'C'.repeat(1_000_000)}"}`, `<Error>${'<'.repeat(200_000)}`),
    hostile(),
  );

/** Statuses: integers, then anything a caller may pass instead. */
export const anyStatus = (): fc.Arbitrary<number> =>
  fc.oneof(
    fc.integer({ min: 100, max: 599 }),
    fc.integer(),
    fc.double(),
    fc.anything(),
    hostile(),
  ) as fc.Arbitrary<number>;

/** Headers: records (string, list or garbage values), `Headers` objects, nothing, garbage, hostile objects. */
export const anyHeaders = (): fc.Arbitrary<never> =>
  fc.oneof(
    fc.constant(undefined),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('x-acs-request-id', 'X-Acs-Request-Id')),
      fc.oneof(fc.string(), fc.array(fc.string()), fc.anything()),
    ),
    fc.string().map((id) => new Headers({ 'x-acs-request-id': id.replace(/[^\x20-\x7e]/g, '') })),
    fc.anything(),
    hostile(),
    fc.constant({
      get: () => {
        throw new Error('get');
      },
    }),
  ) as fc.Arbitrary<never>;
