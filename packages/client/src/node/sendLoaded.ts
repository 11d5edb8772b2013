import type { OperationDefinition } from '../core/operation.js';
import type { EnsBareClient } from './bareClient.js';
import type { EnsRequestOptions } from './options.js';

/** Definitions whose module has loaded, by that module's promise: later calls send at once, without a turn. */
const loadedDefinitions = new WeakMap<Promise<object>, unknown>();

/**
 * Sends an operation whose module a generated standalone function loads on its first call: it keeps the
 * `import()` promise in a module variable and hands it over with the name of the definition the module exports
 * (`describeInstances` → `describeInstancesOperation`). One small helper instead of a loader written out in each of
 * the 231 functions keeps the root entry short: a cold `import('@ensdk/client')` compiles a body per function.
 * A module that failed to load is not retried (a file missing from the package stays missing); each call rejects
 * with that error.
 */
export function sendLoaded<K extends string, I, O>(
  client: EnsBareClient,
  module: Promise<Readonly<Record<K, OperationDefinition<I, O>>>>,
  definition: K,
  input: I,
  options: EnsRequestOptions | undefined,
): Promise<O> {
  const loaded = loadedDefinitions.get(module) as OperationDefinition<I, O> | undefined;
  if (loaded !== undefined) return client.send(loaded, input, options);
  return module.then((exports) => {
    const operation = exports[definition];
    loadedDefinitions.set(module, operation);
    return client.send(operation, input, options);
  });
}
