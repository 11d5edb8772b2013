import { errorCode } from './http.js';

/**
 * A loader that starts `load` on its first call and hands later calls the same promise, while it is pending and once it
 * has resolved. A rejection is forgotten: the calls waiting on it reject with its error and the next call starts `load`
 * again (as Node's own `import()` keeps no failure), so a passing fault (EMFILE, a chunk a deploy was replacing) does not
 * last the life of the process. Every module the client loads on first use goes through it. @internal
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/**
 * What the client says when a module it loads on first use (`what`) failed to load: the installation looks broken,
 * with the loader's message and code (the message is a path; no credential exists while a module loads). @internal
 */
export function loadFailureMessage(what: string, error: unknown): string {
  const code = errorCode(error);
  return `The client could not load ${what}; is the package installed completely? ${error instanceof Error ? error.message : String(error)}${code === undefined ? '' : ` (${code})`}`;
}
