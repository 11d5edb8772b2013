/**
 * The generator CLI on a temporary copy of the spec: first run, determinism, --check, stale and obsolete files,
 * and no partial output when the spec is broken. Every full generation takes a few seconds, so the cases share one
 * temporary root and run in order.
 */
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync, appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENS_SPEC, loadModel } from '../src/generate.js';
import { CLIENT_CONSTRAINTS_PATH, CLIENT_OPERATIONS_DIR, CLIENT_RULES_PATH } from '../src/emit/clientOperation.js';
import { CLIENT_CLASS_PATH } from '../src/emit/clientClass.js';
import { CLIENT_FUNCTIONS_DIR } from '../src/emit/clientFunctions.js';
import { CLIENT_ENDPOINTS_PATH } from '../src/emit/endpoints.js';
import { EMULATOR_EXAMPLES_PATH } from '../src/emit/emulator.js';
import { ERRORS_DIR } from '../src/emit/errors.js';
import { OPENAPI_PATH, WIRE_TYPES_PATH } from '../src/emit/openapi.js';
import { WIRE_CHECK_PATH } from '../src/emit/wireCheck.js';
import { PROXY_CLASS_PATH, PROXY_FUNCTIONS_DIR, PROXY_OPERATIONS_DIR } from '../src/emit/proxyOperation.js';
import { CLIENT_PAGINATORS_DIR, PROXY_PAGINATORS_DIR } from '../src/emit/paginators.js';
import { PROXY_GROUP_COUNT, PROXY_GROUPS_DIR } from '../src/emit/proxyGroups.js';
import { CLIENT_REFERENCE_PATH, ERRORS_REFERENCE_PATH, PROXY_REFERENCE_PATH } from '../src/emit/reference.js';
import { API_SURFACE_PATH } from '../src/diff/surface.js';
import {
  fixtureText,
  hashTree,
  otherThanRepairs,
  realSpecRoot,
  removeTemporaryDirectories,
  runCli as run,
  temporaryDirectory,
  METADATA_IN_ROOT,
} from './helpers.js';

// Whole generations; on a loaded two-core machine (CI runs every package's suite at once) they take tens of seconds.
const TIMEOUT = 180_000;
const OPERATION_COUNT = 231;
/** Operations with a paginator (`test/paging.test.ts` says which). */
const PAGED_OPERATION_COUNT = 32;

/** Generated files of a tree: the hashes minus the two spec inputs. */
function generatedOnly(hashes: Record<string, string>): Record<string, string> {
  const { [METADATA_IN_ROOT]: _metadata, [ENS_SPEC.overlay]: _overlay, ...rest } = hashes;
  return rest;
}

/** `*.gen.ts` files directly in a folder (index excluded). */
function genFiles(root: string, dir: string): string[] {
  return readdirSync(join(root, dir))
    .filter((name) => name.endsWith('.gen.ts') && name !== 'index.gen.ts')
    .sort();
}

afterAll(removeTemporaryDirectories);

// These runs pass no --root, so they would target this checkout: each also passes --check, so that even if
// argument parsing regressed they could only read the repository, never write to it.
describe('command line', () => {
  it('prints the usage with --help and exits 0', async () => {
    const result = await run('--check', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--root DIR');
  });

  it('exits 2 on an unknown argument or a --root without value', async () => {
    const unknown = await run('--check', '--chek');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown argument: --chek');
    expect((await run('--check', '--root')).code).toBe(2);
  });
});

describe('generation on a temporary copy of the spec', () => {
  let root: string;
  let first: { code: number; out: string; err: string };
  let afterFirst: Record<string, string>;

  beforeAll(async () => {
    root = realSpecRoot();
    first = await run('--root', root);
    afterFirst = hashTree(root);
  }, TIMEOUT);

  it('writes every file on the first run and exits 0', { timeout: TIMEOUT }, () => {
    // Only the repairs of ENS's metadata (whitespace-padded codes) on stderr, one line each, then their count.
    expect(otherThanRepairs(first.err)).toEqual([]);
    expect(first.err).toMatch(/^\d+ repairs? of the metadata \(padded-code \d+\); --strict makes them errors\.$/m);
    expect(first.code).toBe(0);
    const model = loadModel(root);
    expect(model.operations).toHaveLength(OPERATION_COUNT);
    const operationFiles = model.operations.map((o) => `${o.name}.gen.ts`).sort();
    expect(genFiles(root, CLIENT_OPERATIONS_DIR)).toEqual(operationFiles);
    expect(genFiles(root, PROXY_OPERATIONS_DIR)).toEqual(operationFiles);
    expect(genFiles(root, `${ERRORS_DIR}/operations`)).toEqual(operationFiles);
    expect(genFiles(root, CLIENT_FUNCTIONS_DIR)).toEqual(operationFiles);
    expect(genFiles(root, PROXY_FUNCTIONS_DIR)).toEqual(operationFiles);
    expect(genFiles(root, `${ERRORS_DIR}/classes`)).toEqual(
      model.errorClasses.map((c) => `${c.className}.gen.ts`).sort(),
    );
    for (const single of [
      WIRE_TYPES_PATH,
      WIRE_CHECK_PATH,
      OPENAPI_PATH,
      API_SURFACE_PATH,
      `${CLIENT_OPERATIONS_DIR}/index.gen.ts`,
      `${PROXY_OPERATIONS_DIR}/index.gen.ts`,
      `${ERRORS_DIR}/index.gen.ts`,
      `${ERRORS_DIR}/registry.gen.ts`,
      CLIENT_RULES_PATH,
      CLIENT_CONSTRAINTS_PATH,
      `${CLIENT_FUNCTIONS_DIR}/index.gen.ts`,
      CLIENT_CLASS_PATH,
      CLIENT_ENDPOINTS_PATH,
      EMULATOR_EXAMPLES_PATH,
      `${PROXY_FUNCTIONS_DIR}/index.gen.ts`,
      PROXY_CLASS_PATH,
      `${CLIENT_PAGINATORS_DIR}/index.gen.ts`,
      `${PROXY_PAGINATORS_DIR}/index.gen.ts`,
      CLIENT_REFERENCE_PATH,
      PROXY_REFERENCE_PATH,
      ERRORS_REFERENCE_PATH,
    ]) {
      expect(existsSync(join(root, single)), single).toBe(true);
    }
    const generated = Object.keys(generatedOnly(afterFirst));
    const pagedFiles = model.operations.filter((o) => o.paging !== undefined).map((o) => `${o.name}.gen.ts`);
    expect(pagedFiles).toHaveLength(PAGED_OPERATION_COUNT);
    expect(genFiles(root, CLIENT_PAGINATORS_DIR)).toEqual(pagedFiles.sort());
    expect(genFiles(root, PROXY_PAGINATORS_DIR)).toEqual(pagedFiles);
    // Per operation 5 files, per paged one 2 paginators; per error class one; 21 single files (2 paginator indexes,
    // 3 reference pages); the browser class's groups of operations.
    expect(genFiles(root, PROXY_GROUPS_DIR)).toEqual(
      Array.from({ length: PROXY_GROUP_COUNT }, (_, i) => `g${String(i).padStart(2, '0')}.gen.ts`),
    );
    expect(generated).toHaveLength(
      5 * OPERATION_COUNT + 2 * PAGED_OPERATION_COUNT + model.errorClasses.length + 21 + PROXY_GROUP_COUNT,
    );
    expect(first.out).toContain(
      `Generated ${OPERATION_COUNT} operations, ${model.errorClasses.length} error classes from ${METADATA_IN_ROOT}: ${generated.length} files`,
    );
    expect(first.out).toContain(`(${generated.length} added, 0 changed, 0 removed)`);
    // No snapshot before the first run: it is the baseline of versioning, and writes no changeset.
    expect(first.out).toContain('this is the baseline, no changeset written');
    expect(existsSync(join(root, '.changeset'))).toBe(false);
  });

  it('does not depend on where the repository is: no generated file mentions the root', { timeout: TIMEOUT }, () => {
    const leaking = Object.keys(generatedOnly(afterFirst)).filter((path) =>
      readFileSync(join(root, path), 'utf8').includes(root),
    );
    expect(leaking).toEqual([]);
  });

  it('changes nothing on a second run: every byte is identical', { timeout: TIMEOUT }, async () => {
    const second = await run('--root', root);
    expect(second.code).toBe(0);
    expect(second.out).toContain('(0 added, 0 changed, 0 removed)');
    expect(second.out).toContain('Public API unchanged since the snapshot: no changeset.');
    expect(hashTree(root)).toEqual(afterFirst);
  });

  it('--check exits 0 when the output is up to date, and writes nothing', { timeout: TIMEOUT }, async () => {
    const check = await run('--root', root, '--check');
    expect(check.code).toBe(0);
    expect(check.out).toContain('Generated code is up to date');
    expect(hashTree(root)).toEqual(afterFirst);
  });

  it('--check exits 1 on an edited, a missing and an obsolete file; regenerating repairs all', {
    timeout: TIMEOUT,
  }, async () => {
    // One --check over all three kinds of staleness (each run is a whole generation: tens of seconds when loaded).
    const edited = `${CLIENT_OPERATIONS_DIR}/RevokeSecurityGroupEgress.gen.ts`;
    const bogus = `${CLIENT_OPERATIONS_DIR}/Bogus.gen.ts`;
    const missing = `${ERRORS_DIR}/classes/StockNotEnoughError.gen.ts`;
    const handWritten = `${CLIENT_OPERATIONS_DIR}/README.md`;
    appendFileSync(join(root, edited), '// a hand edit\n');
    writeFileSync(join(root, bogus), 'export {};\n');
    writeFileSync(join(root, handWritten), 'Not generated: the generator leaves it alone.\n');
    rmSync(join(root, missing));
    const staleCheck = await run('--root', root, '--check');
    expect(staleCheck.code).toBe(1);
    expect(staleCheck.err).toContain('Generated code is stale');
    expect(staleCheck.err).toContain(`changed: ${edited}`);
    expect(staleCheck.err).toContain(`obsolete: ${bogus}`);
    expect(staleCheck.err).toContain(`missing: ${missing}`);
    expect(staleCheck.err).not.toContain(handWritten);
    expect(existsSync(join(root, bogus)), '--check deletes nothing').toBe(true);
    expect(existsSync(join(root, missing)), '--check writes nothing').toBe(false);

    const repair = await run('--root', root);
    expect(repair.code).toBe(0);
    expect(repair.out).toContain('(1 added, 1 changed, 1 removed)');
    expect(existsSync(join(root, bogus))).toBe(false);
    expect(existsSync(join(root, handWritten))).toBe(true);
    rmSync(join(root, handWritten));
    expect(hashTree(root)).toEqual(afterFirst);
    expect((await run('--root', root, '--check')).code).toBe(0);
  });

  describe('with a broken overlay', () => {
    /** A copy of the generated tree made stale (one file missing, one obsolete), so that any write would show. */
    function staleCopy(): string {
      const copy = temporaryDirectory();
      cpSync(root, copy, { recursive: true });
      rmSync(join(copy, `${PROXY_OPERATIONS_DIR}/DeleteDisk.gen.ts`));
      writeFileSync(join(copy, `${PROXY_OPERATIONS_DIR}/Bogus.gen.ts`), 'export {};\n');
      return copy;
    }

    it.each([
      ['a schema problem', 'overlay-unknown-key.json', '#/operations/RevokeSecurityGroupEgress/summmary'],
      [
        'a cross-reference problem',
        'overlay-unknown-parameter.json',
        '#/operations/RevokeSecurityGroupEgress/parameters/DestCidr',
      ],
    ])('exits 1 on %s and changes no file', { timeout: TIMEOUT }, async (_label, fixture, path) => {
      const copy = staleCopy();
      // The committed broken overlays are written for the two-operation test metadata; splice the broken
      // RevokeSecurityGroupEgress entry into the real overlay instead.
      const real = JSON.parse(readFileSync(join(copy, ENS_SPEC.overlay), 'utf8'));
      const broken = JSON.parse(fixtureText(`broken/${fixture}`));
      real.operations.RevokeSecurityGroupEgress = broken.operations.RevokeSecurityGroupEgress;
      writeFileSync(join(copy, ENS_SPEC.overlay), JSON.stringify(real, null, 2));
      const before = hashTree(copy);

      const result = await run('--root', copy);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`${ENS_SPEC.overlay}${path}: expected`);
      expect(result.out).toBe('');
      expect(hashTree(copy)).toEqual(before);

      const check = await run('--root', copy, '--check');
      expect(check.code).toBe(1);
      expect(check.err).toContain(`${ENS_SPEC.overlay}${path}`);
    });
  });
});
