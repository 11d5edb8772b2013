/**
 * Metadata of another API style (ROA, FC, OSS, SLS, V3 binary bodies) is refused with one problem at #/info/style
 * naming the style and the constructs it uses, and nothing is written.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMetadata } from '../src/spec/load.js';
import { SpecError } from '../src/spec/specError.js';
import {
  corpusMetadataFiles,
  hashTree,
  readJson,
  removeTemporaryDirectories,
  runCli,
  temporaryDirectory,
} from './helpers.js';

/** A small made-up ROA product: a path template, PUT, a path parameter, a JSON body and a $ref. */
const ROA = {
  version: '1.0',
  info: { style: 'ROA', product: 'Roa', version: '2030-01-01' },
  components: { schemas: { Thing: { type: 'object', properties: { Name: { type: 'string' } } } } },
  apis: {
    UpdateThing: {
      path: '/things/{ThingId}',
      methods: ['put'],
      parameters: [
        { name: 'ThingId', in: 'path', schema: { type: 'string' } },
        { name: 'body', in: 'body', schema: { $ref: '#/components/schemas/Thing' } },
      ],
      responses: { '200': { schema: { type: 'object' } } },
    },
  },
  endpoints: [],
};

function refusal(path: string): SpecError {
  try {
    loadMetadata(path, 'roa.json');
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error('not refused');
}

afterAll(removeTemporaryDirectories);

describe('other API styles are refused', () => {
  it('one problem at #/info/style naming the style and each construct with its count', () => {
    const file = join(temporaryDirectory(), 'roa.json');
    writeFileSync(file, JSON.stringify(ROA));
    expect(refusal(file).problems).toEqual([
      {
        file: 'roa.json',
        path: '#/info/style',
        expected:
          'RPC-style metadata (the only style this generator speaks: action and parameters in the query or a form)',
        found:
          '"ROA", whose 1 operations use path templates (1), PUT methods (1), parameters in path (1), parameters in body (1), $ref into components.schemas (1)',
      },
    ]);
  });

  it('the CLI exits 1 and writes nothing', async () => {
    const root = temporaryDirectory();
    const file = join(root, 'roa.json');
    writeFileSync(file, JSON.stringify(ROA));
    const before = hashTree(root);
    const run = await runCli('--root', root, '--metadata', file, '--overlay', 'none');
    expect(run.code).toBe(1);
    expect(run.err).toContain('#/info/style: expected RPC-style metadata');
    expect(hashTree(root)).toEqual(before);
  });

  it('every non-RPC file of the corpus: one problem, naming its style', () => {
    const others = corpusMetadataFiles().filter((path) => readJson(path).info?.style !== 'RPC');
    expect(others).toHaveLength(7);
    for (const path of others) {
      const file = basename(path);
      const style = readJson(path).info.style as string;
      const { problems } = refusal(path);
      expect(problems, file).toHaveLength(1);
      expect(problems[0]!.path).toBe('#/info/style');
      expect(problems[0]!.found, file).toMatch(new RegExp(`^"${style}", whose \\d+ operations use .+ \\(\\d+\\)`));
    }
  });
});
