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
import { methodGroup } from './methodGroup.js';
import type { ProxyOperation } from './proxyOperation.js';

/** A group of operations of a browser client class: action → input constraints. */
export type OperationTable = Readonly<Record<string, ObjectConstraints>>;

/**
 * The string formats generated constraints may name, handed to a group's `operations` in this order (its module imports
 * none): `portRangeStringFormat`, `ipv4StringFormat`, `ipv4CidrStringFormat`, `ipv4OrCidrStringFormat`.
 */
export type StringFormatArguments = readonly [
  portRange: StringFormat,
  ipv4: StringFormat,
  ipv4Cidr: StringFormat,
  ipv4OrCidr: StringFormat,
];

/** The string formats, in the order of {@link StringFormatArguments}. */
export const STRING_FORMAT_ARGUMENTS: StringFormatArguments = [
  portRangeStringFormat,
  ipv4StringFormat,
  ipv4CidrStringFormat,
  ipv4OrCidrStringFormat,
];

/** How the paged operations of a group page, by action. */
export type PagingTable = Readonly<Record<string, Paging>>;

/**
 * Loads one group's module (a generated `groups/gNN.gen.ts`, by `import()`: bundlers make it a chunk): its operations'
 * input constraints, and how those that page do it.
 */
export type OperationGroupLoader = () => Promise<{
  operations(...formats: StringFormatArguments): OperationTable;
  readonly pagings?: PagingTable;
}>;

interface LoadedGroup {
  readonly table: OperationTable;
  readonly pagings: PagingTable | undefined;
}

/** The prefix of a paginator method: `paginateDescribeThings` walks DescribeThings. */
const PAGINATE = 'paginate';

/** `EnsBrowserBareClient`'s protected `callLoading`, which the methods {@link withOperations} makes call. */
interface LoadingCaller {
  callLoading<I, O>(
    loading: ProxyOperation<I, O> | Promise<ProxyOperation<I, O>>,
    input: I,
    options?: EnsBrowserRequestOptions,
  ): Promise<O>;
}

/** A method made by {@link withOperations}. */
type MadeMethod = (this: EnsBrowserBareClient, ...args: never[]) => unknown;

/**
 * Returns a subclass of `Base` whose instances have one method per operation, named as on `EnsClient` (the action with
 * a lower-case first letter), and `paginate<Action>` for the operations that page, without a list of them in the page:
 * a name that begins with one of the operations' verbs (`verbs`, generated: `/^(?:add|create|…)(?=[^a-z])/`) gets a
 * method on first use, the same function every time after. The method's group is the hash of its name
 * ({@link methodGroup} with `seed`, the generator's); its first call loads the group with `groups[i]` (concurrent first
 * calls share one load; a load that fails is forgotten, so the next call tries again, and the call fails with an
 * `EnsError` naming the method). The group's table says whether the operation exists: a name that matches the pattern
 * but no operation fails its call with a `TypeError` (`EnsBrowserClient has no method describeNothing`), as calling a
 * missing method would; any other name reads as on `Base` (`then`, `toJSON`: `undefined`). So `in` and `typeof` say
 * `true` of any name the pattern matches (`addEventListener` too, where `add` is a verb): the class's TypeScript
 * interface is the list of its methods. Then a method validates and calls as `EnsBrowserBareClient.call` does (nothing
 * is sent before the input is checked). A service error is rebuilt by its class's name (`serviceErrorFromJSONByName`):
 * an `EnsServiceError` branded with that name, so `instanceof` its own class of `@ensdk/errors` holds while the bundle
 * carries none of the 214 classes and no list per operation.
 *
 * `paginate<Action>(input, options)` returns at once an {@link EnsBrowserPaginator} through the class's own method: its
 * walk loads the group, whose `pagings` say how the action pages, so the page holds no paging.
 */
export function withOperations(
  Base: typeof EnsBrowserBareClient,
  verbs: RegExp,
  seed: number,
  groups: readonly OperationGroupLoader[],
): typeof EnsBrowserBareClient {
  const loading: (Promise<LoadedGroup> | undefined)[] = [];
  const loadGroup = (group: number, method: string): Promise<LoadedGroup> =>
    (loading[group] ??= groups[group]!().then(
      (module) => ({ table: module.operations(...STRING_FORMAT_ARGUMENTS), pagings: module.pagings }),
      (cause: unknown) => {
        loading[group] = undefined;
        throw new EnsError(`Loading the browser client's code for ${method} failed: ${String(cause)}`, { cause });
      },
    ));
  /** The methods made so far, by name. */
  const made = new Map<string, MadeMethod>();
  /** The operation of a method once its group has loaded, by method name. */
  const loaded = new Map<string, ProxyOperation<unknown, unknown>>();
  /** The error of a name that matched the verbs but names no operation, forgotten so that it costs nothing after. */
  const noSuchMethod = (client: object, name: string): TypeError => {
    made.delete(name);
    return new TypeError(`${client.constructor.name} has no method ${name}`);
  };

  /** The action of method `method` in `table`: `RevokeX` for `revokeX`, or the name itself (an action in lower case). */
  const actionOf = (table: object, method: string): string | undefined => {
    const upper = method.charAt(0).toUpperCase() + method.slice(1);
    return Object.hasOwn(table, upper) ? upper : Object.hasOwn(table, method) ? method : undefined;
  };

  /** The method named `name`, made now if it is an operation's name (by its verb); else `undefined`. */
  const methodNamed = (name: string): MadeMethod | undefined => {
    const known = made.get(name);
    if (known !== undefined) return known;
    // `paginateDescribeThings` walks DescribeThings, whose method is `describeThings`.
    const action = name.startsWith(PAGINATE) ? name.slice(PAGINATE.length) : undefined;
    const method = action === undefined ? name : action.charAt(0).toLowerCase() + action.slice(1);
    const verb = verbs.exec(method);
    if (verb === null) return undefined;
    const group = methodGroup(method, verb[0].length, seed, groups.length);
    const created: MadeMethod =
      action === undefined
        ? (function (this: EnsBrowserBareClient, value: unknown, options?: EnsBrowserRequestOptions) {
            // The call's time limit and signal run from here, while the group loads; once it has, the operation goes to
            // the call as it is (no promise and no listener per call, as for a standalone function).
            return (this as unknown as LoadingCaller).callLoading(
              loaded.get(name) ??
                loadGroup(group, name).then(({ table }) => {
                  const found = actionOf(table, name);
                  if (found === undefined) throw noSuchMethod(this, name);
                  const operation = { action: found, input: table[found]!, errors: [] };
                  loaded.set(name, operation);
                  return operation;
                }),
              value,
              options,
            );
          } as MadeMethod)
        : (function (
            this: EnsBrowserBareClient,
            input: object = {},
            options: PaginationOptions & EnsBrowserRequestOptions = {},
          ): EnsBrowserPaginator<unknown, unknown> {
            return lazyPaginator(
              () =>
                loadGroup(group, name).then(({ pagings }) => {
                  const paging = pagings?.[action];
                  if (paging === undefined) throw noSuchMethod(this, name);
                  return paging;
                }),
              (pageInput, requestOptions) =>
                (Reflect.get(this, method) as EnsBrowserCall<unknown, unknown>).call(this, pageInput, requestOptions),
              input,
              options,
              options.timeoutMs ?? this.timeoutMs,
            );
          } as MadeMethod);
    made.set(name, created);
    return created;
  };

  // The methods are looked up through a proxy between the class and `Base`: a name `Base` lacks is an operation's if
  // its verb says so. Defining 263 methods up front took a list of their names into every page (about 1.2 KB).
  const methods = new Proxy(Object.create(Base.prototype) as object, {
    get: (target, name, receiver) =>
      (typeof name === 'string' && !(name in target) && methodNamed(name)) || Reflect.get(target, name, receiver),
    has: (target, name) => name in target || (typeof name === 'string' && methodNamed(name) !== undefined),
  });

  class WithOperations extends Base {
    protected override errorFromJSON(_operation: ProxyOperation<unknown, unknown>, json: unknown): EnsError {
      return serviceErrorFromJSONByName(json) ?? errorFromJSONWith(BASE_CLASSES, json);
    }
  }
  Object.setPrototypeOf(WithOperations.prototype, methods);
  return WithOperations;
}
