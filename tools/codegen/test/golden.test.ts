/**
 * Golden files: everything the generator writes for a small made-up service (`fixtures/golden/`), one snapshot per
 * generated file under `golden/fwl/`. The fixture exercises each feature the emitters handle (enums, bounds,
 * patterns, formats, int64, floats, booleans, repeatList / flat / json parameters, form parameters, a GET-only
 * operation, nested responses, paging by page number and by token, code patterns and the bare code that folds into one, gateway codes, fragment and
 * operation rules, English docs). `npm run generate -- --check` guards the real output; these show what a change to
 * the generator does. A change here is a change in what users get: review the diff, then accept it with
 * `npm run golden:update`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENS_SPEC, generateFiles, loadModel } from '../src/generate.js';
import { FIXTURES, readJson, REPO_ROOT, removeTemporaryDirectories, specRoot } from './helpers.js';

const FIXTURE = join(FIXTURES, 'golden');
const SNAPSHOTS = new URL('./golden/fwl/', import.meta.url);

afterAll(removeTemporaryDirectories);

const model = loadModel(
  specRoot({ metadata: readJson(join(FIXTURE, 'metadata.json')), overlay: readJson(join(FIXTURE, 'overlay.json')) }),
);
const files = new Map((await generateFiles(model)).map((f) => [f.path, f.text]));

describe('the golden fixture', () => {
  it('is the made-up service, named in headers by the file name the generator looks for', () => {
    expect(model.specFiles).toEqual([ENS_SPEC.metadata.fileName, ENS_SPEC.overlay]);
    expect(model.operations.map((o) => o.name)).toEqual([
      'DeleteFirewallRule',
      'DescribeFirewalls',
      'ListFirewallEvents',
      'ResetFirewallPassword',
    ]);
  });
});

describe('golden files of the generator output', () => {
  it.each([...files.keys()])('%s', async (path) => {
    await expect(files.get(path)).toMatchFileSnapshot(new URL(`${path}.golden`, SNAPSHOTS).pathname);
  });

  it('has no snapshot of a file the generator no longer writes (a missing one fails above)', () => {
    const snapshots: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else snapshots.push(relative(SNAPSHOTS.pathname, join(dir, entry.name)).replace(/\.golden$/, ''));
      }
    };
    if (existsSync(SNAPSHOTS)) walk(SNAPSHOTS.pathname);
    expect(snapshots.filter((path) => !files.has(path))).toEqual([]);
  });
});

describe('generated schemas use only the zod/mini functions the runtime provides', () => {
  it('every `z.<name>(` in a client operation is one of core/zod.ts ZodMini', () => {
    const declared = readFileSync(join(REPO_ROOT, 'packages/client/src/core/zod.ts'), 'utf8');
    const allowed = new Set([...declared.matchAll(/\| '([a-zA-Z0-9]+)'/g)].map((m) => m[1]));
    expect(allowed.size).toBeGreaterThan(10);
    const operations = join(REPO_ROOT, 'packages/client/src/generated/operations');
    const used = new Set<string>();
    for (const name of readdirSync(operations)) {
      for (const match of readFileSync(join(operations, name), 'utf8').matchAll(/\bz\.([a-zA-Z0-9]+)\(/g)) {
        used.add(match[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((name) => !allowed.has(name))).toEqual([]);
  });
});
