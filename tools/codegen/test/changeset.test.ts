/**
 * Versioning from the spec diff: the API surface snapshot, the changeset text, and `npm run generate` writing a
 * changeset on a temporary copy of the repository (once; not again on a second run; never with --check).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesetPath, planRelease, RELEASE_GROUP, renderChangeset } from '../src/diff/changeset.js';
import { diffServiceModels } from '../src/diff/diffModels.js';
import { API_SURFACE_PATH, emitApiSurface, loadApiSurface, prettyJson, toApiSurface } from '../src/diff/surface.js';
import { loadModel } from '../src/generate.js';
import type { ServiceModel } from '../src/model/types.js';
import {
  expectSpecError,
  otherThanRepairs,
  FIXTURES,
  minimalMetadata,
  readJson,
  realSpecRoot,
  REPO_ROOT,
  removeTemporaryDirectories,
  runCli as run,
  specRoot,
  type Json,
  METADATA_IN_ROOT,
} from './helpers.js';

const OP = 'RevokeSecurityGroupEgress';
const TIMEOUT = 180_000;

afterAll(removeTemporaryDirectories);

/** A model of the two-operation test metadata after `mutate`. */
function minimalModel(mutate?: (doc: Json) => void): ServiceModel {
  const doc = minimalMetadata();
  mutate?.(doc);
  return loadModel(specRoot({ metadata: doc, overlay: readJson(join(FIXTURES, 'overlay.minimal.json')) }));
}

/** Adds an optional `Description` and a new error code to RevokeSecurityGroupEgress (the seed history's kind of change). */
function seedLikeUpdate(doc: Json): void {
  doc.apis[OP].parameters.push({
    name: 'Description',
    in: 'query',
    schema: { type: 'string', required: false, description: '规则描述。' },
  });
  doc.apis[OP].errorCodes['400'].push({
    errorCode: 'SecurityGroupRule.Locked',
    errorMessage: 'The security group rule is locked.',
  });
}

describe('the release group', () => {
  it('is the fixed group of .changeset/config.json', () => {
    const config = readJson(join(REPO_ROOT, '.changeset/config.json')) as { fixed: string[][] };
    expect(config.fixed).toContainEqual([...RELEASE_GROUP]);
  });
});

describe('the changeset', () => {
  it('names every package of the group with the bump and each change in plain words, breaking first', () => {
    const old = minimalModel();
    const now = minimalModel((doc) => {
      seedLikeUpdate(doc);
      doc.apis.DeleteDisk.parameters = [];
      doc.apis[OP].parameters.find((p: { name: string }) => p.name === 'Priority').schema.description = '优先级。';
      doc.apis[OP].parameters.find((p: { name: string }) => p.name === 'Policy').schema.description = '策略。';
    });
    const text = renderChangeset(diffServiceModels(old, now), now);
    expect(text).toBe(
      [
        '---',
        '"@ensdk/errors": major',
        '"@ensdk/client": major',
        '"@ensdk/proxy": major',
        '"@ensdk/emulator": major',
        '---',
        '',
        'Ens API 2017-11-10 spec update: 6 changes to the public API (1 major, 3 minor, 2 patch).',
        '',
        'Breaking changes:',
        '',
        '- DeleteDisk: parameter `DiskId` removed',
        '',
        'New:',
        '',
        `- ${OP}: new optional parameter \`Description\``,
        `- ${OP}: new error code \`SecurityGroupRule.Locked\` (HTTP 400)`,
        '- new error class `SecurityGroupRuleLockedError` (code `SecurityGroupRule.Locked`)',
        '',
        'Documentation and fixes:',
        '',
        `- ${OP}: documentation changed in 2 places (\`parameters.Policy\`, \`parameters.Priority\`)`,
        '',
      ].join('\n'),
    );
  });

  it('is never rendered for no change', () => {
    const model = minimalModel();
    expect(() => renderChangeset(diffServiceModels(model, model), model)).toThrow(/nothing changed/);
  });

  it('has a name that depends only on the two surfaces', () => {
    const [a, b] = [minimalModel(), minimalModel(seedLikeUpdate)];
    expect(changesetPath(a, b)).toMatch(/^\.changeset\/ens-api-[0-9a-f]{12}\.md$/);
    expect(changesetPath(a, b)).toBe(changesetPath(toApiSurface(a), toApiSurface(b)));
    expect(changesetPath(b, a)).not.toBe(changesetPath(a, b));
  });
});

describe('the API surface snapshot', () => {
  let model: ServiceModel;
  beforeAll(() => {
    model = loadModel(REPO_ROOT);
  }, TIMEOUT);

  it('reads back as the surface it was written from, so the next diff is empty', () => {
    const root = realSpecRoot();
    const file = emitApiSurface(model);
    expect(file.path).toBe(API_SURFACE_PATH);
    expect(emitApiSurface(model).text).toBe(file.text);
    mkdirSync(join(root, API_SURFACE_PATH, '..'), { recursive: true });
    writeFileSync(join(root, API_SURFACE_PATH), file.text);
    const loaded = loadApiSurface(root);
    expect(loaded).toEqual(toApiSurface(model));
    expect(diffServiceModels(loaded!, model)).toEqual({ bump: 'none', changes: [] });
    expect(planRelease(root, model)).toEqual({ baseline: false, diff: { bump: 'none', changes: [] } });
  });

  it('is JSON with short objects on one line', () => {
    const value = { a: [1, 2], b: { c: 'd' }, long: Array.from({ length: 30 }, (_, i) => `item-${i}`) };
    const text = prettyJson(value);
    expect(JSON.parse(text)).toEqual(value);
    expect(text.split('\n').slice(0, 3)).toEqual(['{', '  "a": [1, 2],', '  "b": { "c": "d" },']);
    expect(text.split('\n').every((line) => line.length <= 100)).toBe(true);
  });

  it('is absent on a first run: the baseline, no changeset', () => {
    expect(planRelease(realSpecRoot(), model)).toEqual({ baseline: true });
  });

  it('is a broken spec when it does not parse (a hand edit, a merge conflict)', () => {
    const root = realSpecRoot();
    mkdirSync(join(root, API_SURFACE_PATH, '..'), { recursive: true });
    const snapshot = JSON.parse(emitApiSurface(model).text);
    snapshot.operations[0].parameters[0].required = 'yes';
    writeFileSync(join(root, API_SURFACE_PATH), JSON.stringify(snapshot));
    expectSpecError(
      () => loadApiSurface(root),
      [
        {
          file: API_SURFACE_PATH,
          path: '#/operations/0/parameters/0/required',
          expected: 'a value of type boolean',
          found: '"yes"',
        },
      ],
    );
    writeFileSync(join(root, API_SURFACE_PATH), '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> branch\n');
    expectSpecError(
      () => loadApiSurface(root),
      [{ file: API_SURFACE_PATH, path: '#', expected: 'valid JSON', found: /Unexpected token/ }],
    );
  });
});

describe('npm run generate on a temporary copy, after a spec update', () => {
  let root: string;
  const changesets = (): string[] =>
    existsSync(join(root, '.changeset')) ? readdirSync(join(root, '.changeset')).sort() : [];

  beforeAll(() => {
    // The baseline as the previous generation left it: the snapshot of the committed spec (no full generation).
    root = realSpecRoot();
    const snapshot = emitApiSurface(loadModel(root));
    mkdirSync(join(root, API_SURFACE_PATH, '..'), { recursive: true });
    writeFileSync(join(root, snapshot.path), snapshot.text);
    const metadata = readJson(join(root, METADATA_IN_ROOT));
    seedLikeUpdate(metadata);
    writeFileSync(join(root, METADATA_IN_ROOT), JSON.stringify(metadata, null, 2));
  }, TIMEOUT);

  it('--check exits 1, says what generate would write, and writes no changeset', { timeout: TIMEOUT }, async () => {
    const check = await run('--root', root, '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain(`changed: ${API_SURFACE_PATH}`);
    expect(check.err).toContain(
      'The public API changed since the committed snapshot (3 changes, minor); `npm run generate` writes a changeset.',
    );
    expect(changesets()).toEqual([]);
  });

  it('generate writes one changeset for the fixed group, then the new snapshot', { timeout: TIMEOUT }, async () => {
    const result = await run('--root', root);
    expect(otherThanRepairs(result.err)).toEqual([]);
    expect(result.code).toBe(0);
    const written = changesets();
    expect(written).toHaveLength(1);
    expect(result.out).toContain(`Public API changed (3 changes, minor): wrote .changeset/${written[0]}.`);
    const text = readFileSync(join(root, '.changeset', written[0]!), 'utf8');
    expect(text).toMatch(
      /^---\n"@ensdk\/errors": minor\n"@ensdk\/client": minor\n"@ensdk\/proxy": minor\n"@ensdk\/emulator": minor\n---\n/,
    );
    expect(text).toContain(`- ${OP}: new optional parameter \`Description\`\n`);
    expect(text).toContain(`- ${OP}: new error code \`SecurityGroupRule.Locked\` (HTTP 400)\n`);
    expect(text).toContain('- new error class `SecurityGroupRuleLockedError` (code `SecurityGroupRule.Locked`)\n');
    expect(loadApiSurface(root)).toEqual(toApiSurface(loadModel(root)));
  });

  it('a second generate writes no second changeset', { timeout: TIMEOUT }, async () => {
    const before = changesets();
    const result = await run('--root', root);
    expect(result.code).toBe(0);
    expect(result.out).toContain('(0 added, 0 changed, 0 removed)');
    expect(result.out).toContain('Public API unchanged since the snapshot: no changeset.');
    expect(changesets()).toEqual(before);
  });
});
