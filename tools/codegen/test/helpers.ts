/**
 * Shared helpers of the codegen tests: paths of the real spec, builders of small (possibly broken) specs in
 * temporary repository roots, SpecError assertions and tree hashing.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, vi } from 'vitest';
import { main } from '../src/cli.js';
import { corpusMetadataFiles as corpusFilesOf } from '../src/drill/productSets.js';
import { ENS_SPEC } from '../src/generate.js';
import { ENS_METADATA, FETCHED_METADATA_DIR, locateMetadata } from '../src/spec/locate.js';
import { SpecError, type SpecProblem } from '../src/spec/specError.js';
import { compareCodeUnits } from '../src/util/order.js';

/** Root of the monorepo (read only: tests never write there). */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** Committed test fixtures. */
export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));

/** A parsed JSON document the tests mutate freely. */
// biome-ignore lint/suspicious/noExplicitAny: tests reach into and rewrite arbitrary spec JSON.
export type Json = any;

export function readJson(path: string): Json {
  return JSON.parse(readFileSync(path, 'utf8')) as Json;
}

/** Alibaba's ENS metadata where this machine keeps it (never in the repository: `../shared/upstream/` by default). */
export const REAL_METADATA_PATH = locateMetadata(REPO_ROOT, ENS_METADATA);

/**
 * Paths of every metadata file in Alibaba's corpus (`$ENSDK_CORPUS_DIR`, else `../shared/corpus/`), in name order.
 * A missing folder is an error saying where it looked: the corpus tests must not pass by reading nothing.
 */
export function corpusMetadataFiles(): string[] {
  return corpusFilesOf(REPO_ROOT);
}

/**
 * Where the tests' temporary repository roots hold the metadata, relative to the root: the folder
 * `npm run spec:fetch` writes, which the generator searches before `../shared/` (absent beside a temporary root).
 */
export const METADATA_IN_ROOT = `${FETCHED_METADATA_DIR}/${ENS_METADATA.fileName}`;

/** The real metadata, parsed once per test file; callers get a fresh deep copy. */
let realMetadata: Json | undefined;
export function metadataCopy(): Json {
  realMetadata ??= readJson(REAL_METADATA_PATH);
  return structuredClone(realMetadata);
}

export function realOverlay(): Json {
  return readJson(join(REPO_ROOT, ENS_SPEC.overlay));
}

/** Operations kept in the minimal metadata: one with enums, bounds and rules, one tiny. */
export const MINIMAL_OPERATIONS = ['RevokeSecurityGroupEgress', 'DeleteDisk'] as const;

/** A valid metadata document: the real one, reduced to {@link MINIMAL_OPERATIONS}. */
export function minimalMetadata(): Json {
  const doc = metadataCopy();
  doc.apis = Object.fromEntries(MINIMAL_OPERATIONS.map((name) => [name, doc.apis[name]]));
  return doc;
}

/** Index of a parameter in an operation of a metadata document (fails the test when absent). */
export function parameterIndex(doc: Json, operation: string, parameter: string): number {
  const index = (doc.apis[operation].parameters as { name: string }[]).findIndex((p) => p.name === parameter);
  expect(index, `${operation} has parameter ${parameter}`).toBeGreaterThanOrEqual(0);
  return index;
}

/** Reads a committed fixture as text. */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

const temporaryDirectories: string[] = [];

/** A fresh directory under the OS temp dir, removed by {@link removeTemporaryDirectories}. */
export function temporaryDirectory(prefix = 'ensdk-codegen-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaryDirectories.push(dir);
  return dir;
}

export function removeTemporaryDirectories(): void {
  for (const dir of temporaryDirectories.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Creates a temporary repository root holding the metadata ({@link METADATA_IN_ROOT}) and the overlay.
 * Each document is written as JSON when it is an object, verbatim when it is a string.
 */
export function specRoot(spec: { metadata: Json | string; overlay: Json | string }): string {
  const root = temporaryDirectory();
  for (const [relativePath, content] of [
    [METADATA_IN_ROOT, spec.metadata],
    [ENS_SPEC.overlay, spec.overlay],
  ] as const) {
    const full = join(root, relativePath);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
  return root;
}

/** A temporary root with byte copies of the real metadata and overlay. */
export function realSpecRoot(): string {
  const root = temporaryDirectory();
  for (const [from, to] of [
    [REAL_METADATA_PATH, METADATA_IN_ROOT],
    [join(REPO_ROOT, ENS_SPEC.overlay), ENS_SPEC.overlay],
  ] as const) {
    mkdirSync(join(root, to, '..'), { recursive: true });
    cpSync(from, join(root, to));
  }
  return root;
}

/** What a test expects of one problem: exact path and found value, and a fragment of the expectation. */
export interface ExpectedProblem {
  readonly file: string;
  readonly path: string;
  readonly expected: string;
  readonly found: string | RegExp;
}

/** What `fn` throws; the test fails when it returns instead. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw; it returned');
}

/** Calls `fn`, which must throw a {@link SpecError} with exactly these problems (in any order), all in its message. */
export function expectSpecError(fn: () => unknown, expected: readonly ExpectedProblem[]): SpecError {
  const thrown = thrownBy(() => fn());
  expect(thrown, 'a SpecError is thrown').toBeInstanceOf(SpecError);
  const error = thrown as SpecError;
  const summary = error.problems.map((p) => `${p.file}${p.path}: ${p.expected} / ${p.found}`).join('\n');
  expect(error.problems, `problems:\n${summary}`).toHaveLength(expected.length);
  expect(error.message).toMatch(new RegExp(`^Invalid spec \\(${expected.length} problems?\\):\\n`));
  const lines = error.message.split('\n').slice(1);
  for (const want of expected) {
    const problem: SpecProblem | undefined = error.problems.find((p) => p.file === want.file && p.path === want.path);
    expect(problem, `a problem at ${want.file}${want.path}; got:\n${summary}`).toBeDefined();
    expect(problem!.expected).toContain(want.expected);
    if (typeof want.found === 'string') expect(problem!.found).toBe(want.found);
    else expect(problem!.found).toMatch(want.found);
    // The message has one line per problem: "  <file><path>: expected <expected>, found <found>".
    expect(lines).toContain(`  ${want.file}${want.path}: expected ${problem!.expected}, found ${problem!.found}`);
  }
  return error;
}

/** SHA-256 of every file under `root`, keyed by path relative to it (sorted). */
export function hashTree(root: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        hashes[relative(root, full).split('\\').join('/')] = createHash('sha256')
          .update(readFileSync(full))
          .digest('hex');
    }
  };
  walk(root);
  return Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => compareCodeUnits(a, b)));
}

/** Runs the generator CLI in-process, capturing what it prints. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void err.push(args.join(' ')));
  try {
    return { code: await main(argv), out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** The lines of a generator run's stderr other than its repair warnings and their count (ENS's file has some). */
export function otherThanRepairs(err: string): string[] {
  return err
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('warning ') && !/^\d+ repairs? of the metadata /.test(line));
}
