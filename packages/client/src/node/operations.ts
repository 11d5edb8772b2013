import type { EnsBareClient } from './bareClient.js';

/**
 * A standalone function or paginator of the generated client, `(client, input, options)`: what an `EnsClient`
 * method calls with the client itself.
 */
export type ClientMethodTarget = (client: EnsBareClient, input: never, options?: never) => unknown;

/** Every method of a class client: method name → the standalone function or paginator it calls. */
export type ClientMethodTable = Readonly<Record<string, ClientMethodTarget>>;

/** A method calling `target` with the client it is called on: `client.name(input, options)`. */
function methodCalling(target: ClientMethodTarget) {
  const call = target as (client: EnsBareClient, input: unknown, options: unknown) => unknown;
  return function (this: EnsBareClient, input: unknown, options: unknown): unknown {
    return call(this, input, options);
  };
}

/**
 * Returns a subclass of `Base` with one method per entry of `methods`: `name(input, options)` calls
 * `methods[name](this, input, options)`. The generated `EnsClient` is made this way from one table instead of a
 * body written out per operation, so a cold import compiles one loop instead of 263 method bodies; the methods'
 * types and documentation are an interface the generator merges with the class. The methods are writable,
 * configurable and not enumerable, as a class body makes them, on one object between the class and `Base`. That
 * object starts without a prototype (V8 keeps it a hash table, so each definition is cheap; on a class prototype,
 * V8 copies the property table at each of the 263 `Object.defineProperty` calls: ~12 ms on Node 20 instead of
 * ~0.4 ms) and gets `Base.prototype` once they are all defined. A method's own name is empty; a stack trace names
 * the standalone function it calls, one frame below.
 */
export function withOperations(Base: typeof EnsBareClient, methods: ClientMethodTable): typeof EnsBareClient {
  const prototype = Object.create(null) as object;
  const descriptor: PropertyDescriptor = { value: undefined, writable: true, configurable: true };
  for (const name of Object.keys(methods)) {
    descriptor.value = methodCalling(methods[name]!);
    Object.defineProperty(prototype, name, descriptor);
  }
  Object.setPrototypeOf(prototype, Base.prototype);
  class WithOperations extends Base {}
  Object.setPrototypeOf(WithOperations.prototype, prototype);
  return WithOperations;
}
