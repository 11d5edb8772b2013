import { type EnsError, errorFromJSONWith, serviceErrorFromJSONByName } from '@ensdk/errors';
import type { ObjectConstraints } from '@ensdk/client/validation';
import { BASE_CLASSES, type EnsBrowserBareClient, type EnsBrowserRequestOptions } from './browserClient.js';
import type { ProxyOperation } from './proxyOperation.js';

/** Every operation of a browser client class: action → input constraints. */
export type OperationTable = Readonly<Record<string, ObjectConstraints>>;

/**
 * Returns a subclass of `Base` with one method per operation of `operations`, named as on `EnsClient` (the action
 * with a lower-case first letter). Each method validates and calls as `EnsBrowserBareClient.call` does (nothing is
 * sent before the input is checked). A service error is rebuilt by its class's name (`serviceErrorFromJSONByName`):
 * an `EnsServiceError` branded with that name, so `instanceof` its own class of `@ensdk/errors` holds while the
 * bundle carries none of the 214 classes and no list per operation.
 */
export function withOperations(
  Base: typeof EnsBrowserBareClient,
  operations: OperationTable,
): typeof EnsBrowserBareClient {
  class WithOperations extends Base {
    protected override errorFromJSON(_operation: ProxyOperation<unknown, unknown>, json: unknown): EnsError {
      return serviceErrorFromJSONByName(json) ?? errorFromJSONWith(BASE_CLASSES, json);
    }
  }
  for (const [action, input] of Object.entries(operations)) {
    const operation: ProxyOperation<unknown, unknown> = { action, input, errors: [] };
    Object.defineProperty(WithOperations.prototype, action.charAt(0).toLowerCase() + action.slice(1), {
      value(this: EnsBrowserBareClient, value: unknown, options?: EnsBrowserRequestOptions): Promise<unknown> {
        return this.call(operation, value, options);
      },
      writable: true,
      configurable: true,
    });
  }
  return WithOperations;
}
