/** Async reading of the credentials files. @internal */
import { nodeFsPromises, nodePath } from '../builtins.js';
import { brokenSource, displayPath, envVar, type SourceContext } from './internal.js';

/**
 * The credentials file to read: the path in environment variable `variable` (absolute, relative to the working
 * directory, or `~/…`), else `~/<defaultPath>`; and, for messages, how to show it (`~` for the home directory, the
 * variable's name when it chose the path). @internal
 */
export function locateFile(
  ctx: SourceContext,
  variable: string,
  defaultPath: readonly string[],
): { path: string; place: string } {
  const fromEnv = envVar(ctx, variable);
  if (fromEnv === undefined) {
    const path = nodePath().join(ctx.homeDir, ...defaultPath);
    return { path, place: displayPath(path, ctx.homeDir) };
  }
  const path = fromEnv === '~' || fromEnv.startsWith('~/') ? nodePath().join(ctx.homeDir, fromEnv.slice(1)) : fromEnv;
  return { path, place: `${nodePath().isAbsolute(path) ? displayPath(path, ctx.homeDir) : path} (${variable})` };
}

/** The file's text without a leading BOM, or `undefined` when it does not exist; other read errors throw. @internal */
export async function readOptionalFile(path: string, place: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await nodeFsPromises().readFile(path, 'utf8');
  } catch (error) {
    const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw brokenSource(place, `cannot be read${typeof code === 'string' ? ` (${code})` : ''}`, error);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
