/**
 * Each quirk of Alibaba's metadata has a policy (specs/README.md): the model repairs it, says so once with the JSON
 * path, and `--strict` makes the repair an error. The fixture is a small made-up product with one operation per
 * group of quirks; the last test loads every RPC file of the shared corpus.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel, NO_OVERLAY } from '../src/generate.js';
import { productSet } from '../src/drill/productSets.js';
import { expectedWire, validInput } from '../src/drill/wireExpectation.js';
import { buildModel } from '../src/model/build.js';
import type { RepairKind } from '../src/model/repairs.js';
import type { Operation, ServiceModel, Shape } from '../src/model/types.js';
import { loadMetadata } from '../src/spec/load.js';
import { SpecError } from '../src/spec/specError.js';
import {
  FIXTURES,
  hashTree,
  corpusMetadataFiles,
  readJson,
  REPO_ROOT,
  removeTemporaryDirectories,
  runCli,
  temporaryDirectory,
  thrownBy,
  type Json,
} from './helpers.js';

const QUIRKS = join(FIXTURES, 'quirks', 'metadata.json');
const FILE = 'metadata.json';

function build(strict = false, path = QUIRKS): ServiceModel {
  return buildModel(loadMetadata(path, FILE), NO_OVERLAY, { strict });
}

/** The quirks fixture after `mutate`, written to a temporary file; returns its path. */
function mutated(mutate: (doc: Json) => void): string {
  const doc = readJson(QUIRKS);
  mutate(doc);
  const path = join(temporaryDirectory(), 'metadata.json');
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

const model = build();
const op = (name: string): Operation => model.operations.find((o) => o.name === name)!;
const repairsAt = (kind: RepairKind): string[] => model.repairs.filter((r) => r.kind === kind).map((r) => r.path);
const member = (shape: Shape, wire: string): Shape | undefined =>
  shape.kind === 'object' ? shape.members.find((m) => m.wireName === wire)?.shape : undefined;

afterAll(removeTemporaryDirectories);

describe('repairs, one warning each with its JSON path', () => {
  it('a parameter listed twice is merged into its first copy; required only if every copy is', () => {
    const list = op('ListDuplicates');
    expect(list.parameters.map((p) => [p.wireName, p.required])).toEqual([
      ['RegionId', true],
      ['Zone', false],
    ]);
    expect(list.parameters[0]!.doc.text).toBe('first');
    expect(repairsAt('duplicate-parameter')).toEqual([
      '#/apis/ListDuplicates/parameters/2',
      '#/apis/ListDuplicates/parameters/3',
    ]);
  });

  it('required and docRequired disagree: optional, whichever way they disagree', () => {
    const flags = op('DescribeFlags');
    expect(flags.parameters.map((p) => [p.wireName, p.required])).toEqual([
      ['Name', false],
      ['Size', false],
      ['Kept', true],
    ]);
    expect(repairsAt('required-disagrees')).toEqual([
      '#/apis/DescribeFlags/parameters/0/schema/docRequired',
      '#/apis/DescribeFlags/parameters/1/schema/docRequired',
    ]);
  });

  it('arrays without items, type any, no type: strings in a request, unknown (passed through) in a response', () => {
    const loose = op('ListLoose');
    expect(loose.parameters.find((p) => p.wireName === 'Ids')?.shape).toEqual({
      kind: 'array',
      items: { kind: 'string' },
    });
    expect(loose.parameters.find((p) => p.wireName === 'Filter')?.shape).toEqual({ kind: 'string' });
    expect(member(loose.output, 'Values')).toEqual({ kind: 'array', items: { kind: 'unknown' } });
    expect(member(loose.output, 'Extra')).toEqual({ kind: 'unknown' });
    expect(member(loose.output, 'Untyped')).toEqual({ kind: 'unknown' });
    expect(member(loose.output, 'Labels')).toEqual({ kind: 'unknown' });
    expect(repairsAt('map')).toEqual(['#/apis/ListLoose/responses/200/schema/properties/Labels/additionalProperties']);
    expect(repairsAt('array-without-items')).toEqual([
      '#/apis/ListLoose/parameters/0/schema/items',
      '#/apis/ListLoose/responses/200/schema/properties/Values/items',
    ]);
    expect(repairsAt('any-type')).toEqual([
      '#/apis/ListLoose/parameters/1/schema/type',
      '#/apis/ListLoose/responses/200/schema/properties/Extra/type',
    ]);
    expect(repairsAt('schema-without-type')).toEqual(['#/apis/ListLoose/responses/200/schema/properties/Untyped/type']);
  });

  it('siblings Key and key: the first keeps "key", the next is "key2", both sent under their own wire names', () => {
    const tag = op('ListLoose').parameters.find((p) => p.wireName === 'Tag')!;
    const items = tag.shape.kind === 'array' ? tag.shape.items : undefined;
    expect(items?.kind === 'object' ? items.members.map((m) => [m.name, m.wireName]) : []).toEqual([
      ['key', 'Key'],
      ['key2', 'key'],
    ]);
    expect(repairsAt('member-name-clash')).toEqual(['#/apis/ListLoose/parameters/2/schema/items/properties/key']);
  });

  it('no responses: an empty output', () => {
    expect(op('VerifyNothing').output).toEqual({ kind: 'object', members: [] });
    expect(repairsAt('no-responses')).toEqual(['#/apis/VerifyNothing/responses']);
  });

  it('codes: trimmed; %s has no class; several placeholders are one; an odd status key; no global class names', () => {
    const codes = op('BreakCodes').errorCodes.map((c) => [c.code, c.httpStatus]);
    expect(codes).toEqual([
      ['Quota.Exceeded', 400],
      ['Mismatch.%s', 400],
      ['%sSuspended', 400],
      ['Disk.Busy', 400],
      ['DisK.Busy', 400],
      ['TypeError', 500],
    ]);
    const names = model.errorClasses.map((c) => c.className);
    expect(names).not.toContain('Error');
    expect(names).not.toContain('TypeError');
    expect(names).toContain('QrkTypeError');
    expect(names).toEqual(expect.arrayContaining(['MismatchError', 'SuspendedError', 'QuotaExceededError']));
    expect(model.errorClasses.every((c) => c.code.replace(/%s/g, '') !== '')).toBe(true);
    // Class names are file names: none may differ from another only in case.
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['DisKBusyError', 'DiskBusy2Error']));
    expect(repairsAt('padded-code')).toEqual(['#/apis/BreakCodes/errorCodes/400/0/errorCode']);
    expect(repairsAt('catch-all-code')).toEqual(['#/apis/BreakCodes/errorCodes/400/1/errorCode']);
    expect(repairsAt('several-placeholders')).toEqual(['#/apis/BreakCodes/errorCodes/400/2/errorCode']);
    expect(repairsAt('odd-status-key')).toEqual(['#/apis/BreakCodes/errorCodes/4003']);
    expect(repairsAt('global-class-name')).toEqual(['#/apis/BreakCodes/errorCodes']);
  });

  it('an object without properties: free-form in a json-style request parameter, unknown in a response', () => {
    const encrypt = op('EncryptFreeform');
    expect(encrypt.parameters.map((p) => [p.wireName, p.style, p.shape])).toEqual([
      ['EncryptionContext', 'json', { kind: 'freeform' }],
      [
        'Options',
        'json',
        {
          kind: 'object',
          members: [
            expect.objectContaining({ wireName: 'Extra', shape: { kind: 'freeform' } }),
            expect.objectContaining({ wireName: 'Name', shape: { kind: 'string' } }),
          ],
        },
      ],
    ]);
    // Before: objects with zero members, whose wire mapping kept no key of the answer.
    expect(member(encrypt.output, 'Content')).toEqual({ kind: 'unknown' });
    expect(member(encrypt.output, 'Coupons')).toEqual({ kind: 'unknown' });
    expect(repairsAt('object-without-properties')).toEqual([
      '#/apis/EncryptFreeform/parameters/0/schema/type',
      '#/apis/EncryptFreeform/parameters/1/schema/properties/Extra/type',
      '#/apis/EncryptFreeform/responses/200/schema/properties/Content/type',
      '#/apis/EncryptFreeform/responses/200/schema/properties/Coupons/properties',
    ]);
  });

  it('the product drill fills a free-form object with at least one key, and expects it JSON-encoded as given', () => {
    const encrypt = op('EncryptFreeform');
    const { input, unfilled } = validInput(encrypt);
    expect(unfilled).toEqual([]);
    expect(input).toEqual({
      encryptionContext: { Example: 'Example' },
      options: { extra: { Key: 'Value' }, name: 'abc' },
    });
    const wire = expectedWire(encrypt, input);
    expect(wire.get('EncryptionContext')?.value).toBe('{"Example":"Example"}');
    expect(wire.get('Options')?.value).toBe('{"Extra":{"Key":"Value"},"Name":"abc"}');
  });

  it('each repair is reported once', () => {
    const keys = model.repairs.map((r) => `${r.kind} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(model.repairs).toHaveLength(21);
  });
});

describe('--strict and unusable metadata', () => {
  it('strict: every repair is an error at the same JSON path', () => {
    const thrown = thrownBy(() => build(true));
    expect(thrown).toBeInstanceOf(SpecError);
    const problems = (thrown as SpecError).problems;
    expect(problems.map((p) => p.path).sort()).toEqual(model.repairs.map((r) => r.path).sort());
    expect(problems.every((p) => p.file === FILE && p.expected.includes('--strict'))).toBe(true);
  });

  it('copies of a parameter that differ in more than docs and required are an error naming both', () => {
    const path = mutated((doc) => {
      doc.apis.ListDuplicates.parameters[3].schema.type = 'integer';
    });
    const thrown = thrownBy(() => build(false, path));
    expect(thrown).toBeInstanceOf(SpecError);
    expect((thrown as SpecError).problems).toEqual([
      {
        file: FILE,
        path: '#/apis/ListDuplicates/parameters/3',
        expected: 'a copy of parameter Zone (#/apis/ListDuplicates/parameters/1) that agrees with it',
        found: '"Zone"',
      },
    ]);
  });

  it('an object without properties in a request parameter of another style is an error at its path', () => {
    const path = mutated((doc) => {
      doc.apis.EncryptFreeform.parameters[0].style = 'flat';
      delete doc.apis.EncryptFreeform.parameters[1].style;
    });
    const thrown = thrownBy(() => build(false, path));
    expect(thrown).toBeInstanceOf(SpecError);
    expect((thrown as SpecError).problems.map((p) => [p.path, p.expected])).toEqual([
      [
        '#/apis/EncryptFreeform/parameters/0/schema/type',
        'an object without properties only in a style "json" parameter (its wire form is not defined otherwise)',
      ],
      [
        '#/apis/EncryptFreeform/parameters/1/schema/properties/Extra/type',
        'an object without properties only in a style "json" parameter (its wire form is not defined otherwise)',
      ],
    ]);
  });

  it('a $ref or a map in a request is an error at its path', () => {
    const path = mutated((doc) => {
      doc.apis.ListLoose.parameters[1].schema = { $ref: '#/components/schemas/Filter' };
      doc.apis.ListLoose.parameters[0].schema = { type: 'object', additionalProperties: { type: 'string' } };
    });
    const thrown = thrownBy(() => build(false, path));
    expect(thrown).toBeInstanceOf(SpecError);
    expect((thrown as SpecError).problems.map((p) => p.path)).toEqual([
      '#/apis/ListLoose/parameters/0/schema/additionalProperties',
      '#/apis/ListLoose/parameters/1/schema/$ref',
    ]);
  });

  it('the CLI prints one warning per repair; --strict exits 1 and writes nothing', async () => {
    const root = temporaryDirectory();
    const before = hashTree(root);
    const strict = await runCli('--root', root, '--metadata', QUIRKS, '--overlay', 'none', '--strict', '--check');
    expect(strict.code).toBe(1);
    expect(strict.err).toContain('#/apis/BreakCodes/errorCodes/4003');
    expect(hashTree(root)).toEqual(before);
    const lenient = await runCli('--root', root, '--metadata', QUIRKS, '--overlay', 'none', '--check');
    const warnings = lenient.err.split('\n').filter((line) => line.startsWith('warning '));
    expect(warnings).toHaveLength(model.repairs.length);
    expect(
      warnings.some((line) =>
        line.endsWith(
          'metadata.json#/apis/BreakCodes/errorCodes/400/1/errorCode [catch-all-code]: "%s" matches every code: no class (such answers are EnsServiceError)',
        ),
      ),
      warnings.join('\n'),
    ).toBe(true);
  }, 120_000);
});

describe("Alibaba's RPC metadata", () => {
  const models = new Map<string, ServiceModel>();
  const corpusModel = (path: string): ServiceModel => {
    const built = models.get(path) ?? buildModel(loadMetadata(path, basename(path)), NO_OVERLAY);
    models.set(path, built);
    return built;
  };
  const isRpc = (path: string): boolean => readJson(path).info?.style === 'RPC';

  it('every RPC file of the corpus, and ENS, builds a model without overlay', () => {
    const rpc = corpusMetadataFiles().filter(isRpc);
    expect(rpc).toHaveLength(11);
    for (const path of rpc) {
      const file = basename(path);
      const built = corpusModel(path);
      expect(built.operations.length, file).toBeGreaterThan(0);
      for (const c of built.errorClasses) expect(c.className, `${file} ${c.code}`).not.toMatch(/^(Error|TypeError)$/);
    }
    expect(loadModel(REPO_ROOT).operations).toHaveLength(231);
  }, 120_000);

  it("the product drill's CI set shows every repair the corpus needs, a %s… code, and one refused style", () => {
    const kinds = (paths: readonly string[]): string[] =>
      [...new Set(paths.flatMap((path) => corpusModel(path).repairs.map((r) => r.kind)))].sort();
    const ci = productSet('ci', REPO_ROOT);
    const ciRpc = ci.filter(isRpc);
    expect(kinds(ciRpc)).toEqual(kinds(corpusMetadataFiles().filter(isRpc)));
    expect(kinds(ciRpc).length).toBeGreaterThanOrEqual(8);
    const suffixPatterns = ciRpc.flatMap((path) =>
      corpusModel(path).errorClasses.filter((c) => c.isPattern && c.code.startsWith('%s') && c.code.length > 2),
    );
    expect(suffixPatterns.length).toBeGreaterThan(0);
    const refused = ci.filter((path) => !isRpc(path));
    expect(refused).toHaveLength(1);
    const error = (() => {
      try {
        loadMetadata(refused[0]!, basename(refused[0]!));
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).problems.map((p) => p.path)).toEqual(['#/info/style']);
  }, 120_000);
});
