import { EnsError, errorFromJSONWith, serviceErrorFromJSONByName } from '@ensdk/errors';
import type { PaginationOptions, Paging } from '@ensdk/client/pagination';
import {
  ipv4CidrStringFormat,
  ipv4OrCidrStringFormat,
  ipv4StringFormat,
  type ObjectConstraints,
  portRangeStringFormat,
  type StringFormat,
} from '@ensdk/client/validation';
import {
  BASE_CLASSES,
  type EnsBrowserBareClient,
  type EnsBrowserCall,
  type EnsBrowserRequestOptions,
} from './browserClient.js';
import { type EnsBrowserPaginator, lazyPaginator } from './paginator.js';
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

/** How the paged operations of a group page, by action. */
export type PagingTable = Readonly<Record<string, Paging>>;

/**
 * Loads one group's module (a generated `groups/gNN.gen.ts`, by `import()`: bundlers make it a chunk): its operations'
 * input constraints, and how those that page do it.
 */
export type OperationGroupLoader = () => Promise<{
  operations(formats: StringFormats): OperationTable;
  readonly pagings?: PagingTable;
}>;

interface LoadedGroup {
  readonly table: OperationTable;
  readonly pagings: PagingTable | undefined;
}

/**
 * Returns a subclass of `Base` with one method per action in `actions` (groups separated by `|`, actions in a group by
 * a space), named as on `EnsClient` (the action with a lower-case first letter). A method's first call loads its
 * group with `groups[i]` (concurrent first calls share one load; a load that fails is forgotten, so the next call tries
 * again, and the call fails with an `EnsError` naming the operation); then it validates and calls as
 * `EnsBrowserBareClient.call` does (nothing is sent before the input is checked). A service error is rebuilt by its
 * class's name (`serviceErrorFromJSONByName`): an `EnsServiceError` branded with that name, so `instanceof` its own class
 * of `@ensdk/errors` holds while the bundle carries none of the 214 classes and no list per operation.
 *
 * An action written with a leading `*` pages: it also gets `paginate<Action>(input, options)`, which returns at once an
 * {@link EnsBrowserPaginator} through the class's own method: its walk loads the group, whose `pagings` say how the
 * action pages, so the page holds no paging.
 */
export function withOperations(
  Base: typeof EnsBrowserBareClient,
  actions: string,
  groups: readonly OperationGroupLoader[],
): typeof EnsBrowserBareClient {
  const loading: (Promise<LoadedGroup> | undefined)[] = [];
  /** The operations whose group has loaded, by action. */
  const loaded = new Map<string, ProxyOperation<unknown, unknown>>();
  const loadGroup = (group: number, action: string): Promise<LoadedGroup> =>
    (loading[group] ??= groups[group]!().then(
      (module) => ({ table: module.operations(formats), pagings: module.pagings }),
      (cause: unknown) => {
        loading[group] = undefined;
        throw new EnsError(`Loading the browser client's code for ${action} failed: ${String(cause)}`, { cause });
      },
    ));
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
        for (const name of names.split(' ')) {
          const action = name.replace('*', '');
          const method = lowerFirst(action);
          define(
            method,
            function (this: WithOperations, value: unknown, options?: EnsBrowserRequestOptions): Promise<unknown> {
              // The call's time limit and signal run from here, while the group loads; once it has, the operation
              // goes to the call as it is (no promise and no listener per call, as for a standalone function).
              return this.callLoading(
                loaded.get(action) ??
                  loadGroup(group, action).then(({ table }) => {
                    const operation = { action, input: table[action]!, errors: [] };
                    loaded.set(action, operation);
                    return operation;
                  }),
                value,
                options,
              );
            },
          );
          if (name !== action)
            define(
              `paginate${action}`,
              function (
                this: WithOperations,
                input: object = {},
                options: PaginationOptions & EnsBrowserRequestOptions = {},
              ): EnsBrowserPaginator<unknown, unknown> {
                return lazyPaginator(
                  () => loadGroup(group, action).then(({ pagings }) => pagings![action]!),
                  (pageInput, requestOptions) =>
                    (Reflect.get(this, method) as EnsBrowserCall<unknown, unknown>).call(
                      this,
                      pageInput,
                      requestOptions,
                    ),
                  input,
                  options,
                  options.timeoutMs ?? this.timeoutMs,
                );
              },
            );
        }
      });
    }
  }
  Object.setPrototypeOf(methods, Base.prototype);
  Object.setPrototypeOf(WithOperations.prototype, methods);
  return WithOperations;
}

/** The method name of an action, as on `EnsClient`: `RevokeSecurityGroupEgress` → `revokeSecurityGroupEgress`. */
function lowerFirst(action: string): string {
  return action.charAt(0).toLowerCase() + action.slice(1);
}
