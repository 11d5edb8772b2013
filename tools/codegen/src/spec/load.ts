import { readFileSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { SpecError, describeFound, jsonPath, type SpecProblem } from './specError.js';
import { metadataDocumentSchema, type MetadataDocument } from './metadataSchema.js';
import { overlayDocumentSchema, type OverlayDocument } from './overlaySchema.js';
import { refuseUnsupportedStyle } from './style.js';

/** A spec file read from disk: its parsed JSON, its display name and the SHA-256 of its bytes. */
export interface LoadedFile<T> {
  readonly file: string;
  readonly document: T;
  readonly sha256: string;
}

/** The path that stands for standard input (`spec:diff -- - new.json`). */
export const STDIN = '-';

/**
 * Reads standard input to its end, synchronously. A pipe or socket left non-blocking by the parent answers EAGAIN
 * until data arrives: wait a little and read again.
 */
function readStandardInput(): Buffer {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let count: number;
    try {
      count = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 5);
        continue;
      }
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (count === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, count)));
  }
  return Buffer.concat(chunks);
}

function readJson(path: string, display: string): { json: unknown; sha256: string } {
  const bytes = path === STDIN ? readStandardInput() : readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8');
  try {
    return { json: JSON.parse(text) as unknown, sha256 };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SpecError([{ file: display, path: '#', expected: 'valid JSON', found: message }]);
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Converts zod issues into spec problems with JSON paths, the expectation and the value found. */
function toProblems(file: string, root: unknown, issues: readonly z.core.$ZodIssue[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_key' && issue.issues.length > 0) {
      // A bad record key: report the key's own problem, at the key's path.
      problems.push(
        ...toProblems(
          file,
          root,
          issue.issues.map((i) => ({ ...i, path: issue.path })),
        ).map((p) => ({ ...p, found: describeFound(issue.path.at(-1)) })),
      );
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      problems.push(...toProblems(file, root, issue.errors.flat()));
      continue;
    }
    const found = valueAt(root, issue.path);
    let expected: string;
    switch (issue.code) {
      case 'invalid_type':
        expected = found === undefined ? `a required ${issue.expected}` : `a value of type ${issue.expected}`;
        break;
      case 'invalid_value':
        expected = `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'unrecognized_keys':
        problems.push(
          ...issue.keys.map((key) => ({
            file,
            path: jsonPath([...issue.path, key]),
            expected: 'no such key (not part of the format)',
            found: describeFound(valueAt(root, [...issue.path, key])),
          })),
        );
        continue;
      case 'too_small':
        expected = `${issue.origin === 'array' ? 'at least' : 'a value of at least'} ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : ''}`;
        break;
      case 'too_big':
        expected = `at most ${String(issue.maximum)}`;
        break;
      default:
        expected = issue.message;
    }
    problems.push({ file, path: jsonPath(issue.path), expected, found: describeFound(found) });
  }
  return problems;
}

/**
 * Reads a JSON file and validates it against `schema`. Throws {@link SpecError} naming `display` and the JSON path
 * of every problem (invalid JSON is reported at `#`).
 */
export function loadJson<T>(
  path: string,
  display: string,
  schema: z.ZodType<T>,
  precheck?: (json: unknown, display: string) => void,
): LoadedFile<T> {
  const { json, sha256 } = readJson(path, display);
  precheck?.(json, display);
  const result = schema.safeParse(json);
  if (!result.success) throw new SpecError(toProblems(display, json, result.error.issues));
  return { file: display, document: result.data, sha256 };
}

/** Reads and validates Alibaba's API metadata (`api-docs.json`). Throws {@link SpecError}. */
export function loadMetadata(path: string, display = path): LoadedFile<MetadataDocument> {
  return loadJson(path, display, metadataDocumentSchema, refuseUnsupportedStyle);
}

/** Reads and validates ensdk's overlay (`overlay.json`). Throws {@link SpecError}. */
export function loadOverlay(path: string, display = path): LoadedFile<OverlayDocument> {
  return loadJson(path, display, overlayDocumentSchema);
}
