import type { ServiceErrorClassList } from '@ensdk/errors';
import type * as z from 'zod/mini';

/** What the browser client needs to call one operation through the proxy: no wire mapping, no signing. */
export interface ProxyOperation<Input, Output> {
  /** Alibaba's action name, also the last path segment of the proxy URL. */
  readonly action: string;
  /** The same input schema as `@ensdk/client`: the browser validates before `fetch`. */
  readonly input: () => z.ZodMiniType<Input>;
  /** The error classes this operation can raise, so a bundle carries only those. */
  readonly errors: ServiceErrorClassList;
  /** Phantom marker that carries the output type; never set at run time. */
  readonly __output?: Output;
}
