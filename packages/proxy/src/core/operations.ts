import { allServiceErrorClasses } from '@ensdk/errors';
import type { ObjectConstraints } from '@ensdk/client/validation';
import type { EnsBrowserBareClient, EnsBrowserRequestOptions } from './browserClient.js';
import type { ProxyOperation } from './proxyOperation.js';

/** Every operation of a browser client class: action → input constraints. */
export type OperationTable = Readonly<Record<string, ObjectConstraints>>;

/**
 * Returns a subclass of `Base` with one method per operation of `operations`, named as on `EnsClient` (the action
 * with a lower-case first letter). Each method validates and calls as `EnsBrowserBareClient.call` does (nothing is
 * sent before the input is checked); a service error arrives as its own class of `@ensdk/errors`: the class knows
 * every operation, so it knows every error class too, and needs no list per operation.
 */
export function withOperations(
  Base: typeof EnsBrowserBareClient,
  operations: OperationTable,
): typeof EnsBrowserBareClient {
  class WithOperations extends Base {}
  for (const [action, input] of Object.entries(operations)) {
    const operation: ProxyOperation<unknown, unknown> = { action, input, errors: allServiceErrorClasses };
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
