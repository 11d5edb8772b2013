import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../src/emit/common.js';
import { buildOpenApiDocument } from '../src/emit/openapi.js';
import { generateFiles, loadModel } from '../src/generate.js';
import type { ServiceModel } from '../src/model/types.js';

// Golden files of the generator's output for the seed operation. A change in them is a change in what users
// get: review the diff, then accept it with `npx vitest run -u` in tools/codegen.
const root = fileURLToPath(new URL('../../..', import.meta.url));

let model: ServiceModel;
let files: Map<string, string>;

beforeAll(async () => {
  model = loadModel(root);
  files = new Map((await generateFiles(model)).map((f: GeneratedFile) => [f.path, f.text]));
}, 60_000);

describe('golden files: RevokeSecurityGroupEgress', () => {
  it.each([
    ['packages/client/src/generated/operations/RevokeSecurityGroupEgress.gen.ts', 'client-operation.ts.golden'],
    ['packages/proxy/src/generated/operations/RevokeSecurityGroupEgress.gen.ts', 'proxy-operation.ts.golden'],
    ['packages/errors/src/generated/operations/RevokeSecurityGroupEgress.gen.ts', 'errors-operation.ts.golden'],
    [
      'packages/errors/src/generated/classes/SecurityGroupRuleNotFoundError.gen.ts',
      'SecurityGroupRuleNotFoundError.ts.golden',
    ],
    ['packages/errors/src/generated/classes/InvalidParameterError.gen.ts', 'InvalidParameterError.ts.golden'],
    ['packages/client/src/generated/rules.gen.ts', 'client-rules.ts.golden'],
    ['packages/client/src/generated/functions/RevokeSecurityGroupEgress.gen.ts', 'client-function.ts.golden'],
    ['packages/client/src/generated/endpoints.gen.ts', 'client-endpoints.ts.golden'],
  ])('%s', async (path, golden) => {
    const text = files.get(path);
    expect(text, `${path} was not generated`).toBeDefined();
    await expect(text).toMatchFileSnapshot(`./golden/${golden}`);
  });

  it('OpenAPI operation and schemas', async () => {
    const document = buildOpenApiDocument(model) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    const slice = {
      path: document.paths['/RevokeSecurityGroupEgress'],
      request: document.components.schemas['RevokeSecurityGroupEgressRequest'],
      response: document.components.schemas['RevokeSecurityGroupEgressResponse'],
    };
    await expect(`${JSON.stringify(slice, null, 2)}\n`).toMatchFileSnapshot('./golden/openapi-operation.json.golden');
  });

  it('wire types from openapi-typescript', async () => {
    const wire = files.get('packages/client/src/generated/wire.gen.ts') ?? '';
    const start = wire.indexOf('    RevokeSecurityGroupEgressRequest: {');
    expect(start).toBeGreaterThan(0);
    const end = wire.indexOf('\n    RevokeSecurityGroupRequest: {', start);
    await expect(wire.slice(start, end)).toMatchFileSnapshot('./golden/wire-types.ts.golden');
  });
});

describe('generated schemas use only the zod/mini functions the runtime provides', () => {
  it('every `z.<name>(` in a client operation is one of core/zod.ts ZodMini', async () => {
    const { readFileSync } = await import('node:fs');
    const declared = readFileSync(new URL('../../../packages/client/src/core/zod.ts', import.meta.url), 'utf8');
    const allowed = new Set([...declared.matchAll(/\| '([a-zA-Z0-9]+)'/g)].map((m) => m[1]));
    expect(allowed.size).toBeGreaterThan(10);
    const used = new Set<string>();
    for (const [path, text] of files) {
      if (!path.startsWith('packages/client/src/generated/operations/')) continue;
      for (const match of text.matchAll(/\bz\.([a-zA-Z0-9]+)\(/g)) used.add(match[1]!);
    }
    expect(used.size).toBeGreaterThan(5);
    expect([...used].filter((name) => !allowed.has(name))).toEqual([]);
  });
});
