import type { ServiceErrorClassList } from '@ensdk/errors';
import type { ObjectConstraints } from '@ensdk/client/validation';

/** What the browser client needs to call one operation through the proxy: no wire mapping, no signing. */
export interface ProxyOperation<Input, Output> {
  /** Alibaba's action name, also the last path segment of the proxy URL. */
  readonly action: string;
  /** The input constraints `@ensdk/client` validates too (without zod here): the browser checks them before `fetch`. */
  readonly input: ObjectConstraints<Input>;
  /** The error classes this operation can raise, so a bundle carries only those. */
  readonly errors: ServiceErrorClassList;
  /** Phantom marker that carries the output type; never set at run time. */
  readonly __output?: Output;
}
