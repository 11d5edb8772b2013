import type { OperationDefinition } from '../core/operation.js';
import type { EnsBareClient } from './bareClient.js';
import { loadOnce } from './loadOnce.js';
import type { EnsRequestOptions } from './options.js';

/** Definitions whose module has loaded, by their name (one per operation in a package): later calls send at once. */
const loadedDefinitions = new Map<string, unknown>();
/** The loader of each operation's module, by its definition's name: one load shared by concurrent first calls. */
const moduleLoaders = new Map<string, () => Promise<object>>();

/**
 * Sends an operation whose module a generated standalone function loads on its first call: the function passes the
 * name of the definition its module exports (`describeInstances` → `describeInstancesOperation`) and a loader of that
 * module (an `import()` of a literal path, which bundlers follow). The module is loaded once; the definition is kept
 * by its name. One small helper instead of a loader and a module variable in each of the 231 functions keeps the root
 * entry short: a cold `import('@ensdk/client')` compiles a body per function and a slot per module variable.
 * A load that fails rejects the calls waiting on it with its error and is forgotten: the next call loads again (Node's
 * `import()` does not keep a failure either; `loadOnce`), so a passing fault (EMFILE, a chunk a deploy was replacing) does not fail
 * the operation for the life of the process. A file missing from the package fails each call at once.
 */
export function sendLoaded<K extends string, I, O>(
  client: EnsBareClient,
  definition: K,
  load: () => Promise<Readonly<Record<K, OperationDefinition<I, O>>>>,
  input: I,
  options: EnsRequestOptions | undefined,
): Promise<O> {
  const loaded = loadedDefinitions.get(definition) as OperationDefinition<I, O> | undefined;
  if (loaded !== undefined) return client.send(loaded, input, options);
  let loadModule = moduleLoaders.get(definition) as typeof load | undefined;
  if (loadModule === undefined) {
    loadModule = loadOnce(load);
    moduleLoaders.set(definition, loadModule);
  }
  return loadModule().then((exports) => {
    const operation = exports[definition];
    loadedDefinitions.set(definition, operation);
    return client.send(operation, input, options);
  });
}
