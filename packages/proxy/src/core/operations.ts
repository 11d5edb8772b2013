import { EnsError, errorFromJSONWith, serviceErrorFromJSONByName } from '@ensdk/errors';
import { Paginator, type PaginationOptions, type Paging } from '@ensdk/client/pagination';
import {
  ipv4CidrStringFormat,
  ipv4OrCidrStringFormat,
  ipv4StringFormat,
  type ObjectConstraints,
  portRangeStringFormat,
  type StringFormat,
} from '@ensdk/client/validation';
import { BASE_CLASSES, type EnsBrowserBareClient, type EnsBrowserRequestOptions } from './browserClient.js';
import type { ProxyOperation } from './proxyOperation.js';

/** A group of operations of a browser client class: action → input constraints. */
export type OperationTable = Readonly<Record<string, ObjectConstraints>>;

/** The string formats generated constraints may name, handed to a group's `operations` (its module imports none). */
export interface StringFormats {
  readonly portRangeStringFormat: StringFormat;
  readonly ipv4StringFormat: StringFormat;
  readonly ipv4CidrStringFormat: StringFormat;
  readonly ipv4OrCidrStringFormat: StringFormat;
}

const formats: StringFormats = {
  portRangeStringFormat,
  ipv4StringFormat,
  ipv4CidrStringFormat,
  ipv4OrCidrStringFormat,
};

/** Loads one group's module (a generated `groups/gNN.gen.ts`, by `import()`: bundlers make it a chunk). */
export type OperationGroupLoader = () => Promise<{ operations(formats: StringFormats): OperationTable }>;

/**
 * Returns a subclass of `Base` with one method per action in `actions` (groups separated by `|`, actions in a group by
 * a space), named as on `EnsClient` (the action with a lower-case first letter). A method's first call loads its
 * group with `groups[i]` (concurrent first calls share one load; a load that fails is forgotten, so the next call tries
 * again, and the call fails with an `EnsError` naming the operation); then it validates and calls as
 * `EnsBrowserBareClient.call` does (nothing is sent before the input is checked). A service error is rebuilt by its
 * class's name (`serviceErrorFromJSONByName`): an `EnsServiceError` branded with that name, so `instanceof` its own class
 * of `@ensdk/errors` holds while the bundle carries none of the 214 classes and no list per operation.
 *
 * Each of `pagings` adds `paginate<Action>(input, options)`, a `Paginator` that pages through the class's own method.
 */
export function withOperations(
  Base: typeof EnsBrowserBareClient,
  actions: string,
  groups: readonly OperationGroupLoader[],
  pagings: readonly Paging[] = [],
): typeof EnsBrowserBareClient {
  const loading: (Promise<OperationTable> | undefined)[] = [];
  const load = (group: number, action: string): Promise<ProxyOperation<unknown, unknown>> => {
    loading[group] ??= groups[group]!().then(
      (module) => module.operations(formats),
      (cause: unknown) => {
        loading[group] = undefined;
        throw new EnsError(`Loading the browser client's code for ${action} failed: ${String(cause)}`, { cause });
      },
    );
    return loading[group].then((table) => ({ action, input: table[action]!, errors: [] }));
  };
  // The methods go on one object between the class and `Base`, defined while it has no prototype: V8 keeps such an
  // object a hash table, where each definition is cheap; on a class prototype it copies the property table at each of
  // the 263 definitions (about 12 ms in Node 20's V8, see @ensdk/client's node/operations.ts).
  const methods = Object.create(null) as object;
  const descriptor: PropertyDescriptor = { value: undefined, writable: true, configurable: true };
  const define = (name: string, method: unknown): void => {
    descriptor.value = method;
    Object.defineProperty(methods, name, descriptor);
  };
  class WithOperations extends Base {
    protected override errorFromJSON(_operation: ProxyOperation<unknown, unknown>, json: unknown): EnsError {
      return serviceErrorFromJSONByName(json) ?? errorFromJSONWith(BASE_CLASSES, json);
    }

    static {
      actions.split('|').forEach((names, group) => {
        for (const action of names.split(' ')) {
          define(
            lowerFirst(action),
            function (this: WithOperations, value: unknown, options?: EnsBrowserRequestOptions): Promise<unknown> {
              // The call's time limit and signal run from here, while the group loads.
              return this.callLoading(load(group, action), value, options);
            },
          );
        }
      });
    }
  }
  for (const paging of pagings) {
    const method = lowerFirst(paging.action);
    define(
      `paginate${paging.action}`,
      function (
        this: EnsBrowserBareClient,
        input: object = {},
        options: PaginationOptions & EnsBrowserRequestOptions = {},
      ): Paginator<unknown, unknown, EnsBrowserRequestOptions> {
        const call = Reflect.get(this, method) as (
          input: unknown,
          options?: EnsBrowserRequestOptions,
        ) => Promise<unknown>;
        return new Paginator(
          paging,
          (pageInput, requestOptions) => call.call(this, pageInput, requestOptions),
          input,
          options,
        );
      },
    );
  }
  Object.setPrototypeOf(methods, Base.prototype);
  Object.setPrototypeOf(WithOperations.prototype, methods);
  return WithOperations;
}

/** The method name of an action, as on `EnsClient`: `RevokeSecurityGroupEgress` → `revokeSecurityGroupEgress`. */
function lowerFirst(action: string): string {
  return action.charAt(0).toLowerCase() + action.slice(1);
}
