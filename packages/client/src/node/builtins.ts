/**
 * The Node built-ins the client uses, loaded on first use with `process.getBuiltinModule` (Node >=20.16; engines
 * say >=20.19) instead of static imports. A static `import … from 'node:crypto'` loads crypto (it is not in Node's
 * startup snapshot) and builds an ES module facade for each built-in when the package is imported: about 10 ms of a
 * cold `import('@ensdk/client')` + `new EnsClient()` (issue 12), paid by programs that never sign a request. Now
 * crypto loads with the first signature, `fs`/`os`/`path` with the first credentials lookup that needs them.
 */
import type * as ChildProcess from 'node:child_process';
import type * as Crypto from 'node:crypto';
import type * as FsPromises from 'node:fs/promises';
import type * as Os from 'node:os';
import type * as Path from 'node:path';
import type * as Util from 'node:util';

let crypto: typeof Crypto | undefined;

/** `node:crypto`, loaded on the first call (the signers and the nonce call it once per request). */
export function nodeCrypto(): typeof Crypto {
  crypto ??= process.getBuiltinModule('node:crypto');
  return crypto;
}

/** `node:child_process` (a CLI profile's `process_command`, mode External). */
export const nodeChildProcess = (): typeof ChildProcess => process.getBuiltinModule('node:child_process');

/** `node:fs/promises` (credentials files, OIDC token file). */
export const nodeFsPromises = (): typeof FsPromises => process.getBuiltinModule('node:fs/promises');

/** `node:module` (`createRequire`, for zod/mini on the first schema build). */
export const nodeModule = (): { createRequire(path: string): NodeJS.Require } =>
  process.getBuiltinModule('node:module');

/** `node:os` (the home directory). */
export const nodeOs = (): typeof Os => process.getBuiltinModule('node:os');

/** `node:path` (credentials file paths). */
export const nodePath = (): typeof Path => process.getBuiltinModule('node:path');

/** `node:util` (`inspect`, for the clients' safe summaries). */
export const nodeUtil = (): typeof Util => process.getBuiltinModule('node:util');

/** `util.inspect.custom` without loading `node:util`: the registered symbol Node's inspect looks for. */
export const inspectCustom = Symbol.for('nodejs.util.inspect.custom') as typeof Util.inspect.custom;
