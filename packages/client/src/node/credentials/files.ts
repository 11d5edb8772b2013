/** Async reading of the credentials files. @internal */
import { nodeFsPromises } from '../builtins.js';
import { brokenSource } from './internal.js';

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
