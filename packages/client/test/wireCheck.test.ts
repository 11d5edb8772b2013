import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// src/generated/wireCheck.gen.ts holds every operation's wire mapping against openapi-typescript's types of the spec
// (src/check/wireCheck.ts), so `npm run typecheck` fails when they disagree; that the real output passes is that
// typecheck. Here: the check can fail. tsc compiles copies of one generated operation, each with one wire name, type,
// place or requirement altered, with the check as wireCheck.gen.ts writes it; every copy fails with an error naming
// the operation and the field; the unaltered copy compiles clean.
const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED = join(PACKAGE, 'src', 'generated');
const OPERATION = 'RunInstances';
const original = readFileSync(join(GENERATED, 'operations', `${OPERATION}.gen.ts`), 'utf8');
const wireCheck = readFileSync(join(GENERATED, 'wireCheck.gen.ts'), 'utf8');

/** One alteration of the generated RunInstances.gen.ts and the problem the check must report. */
interface Alteration {
  readonly what: string;
  readonly from: string;
  readonly to: string;
  /** The problem tsc must quote (the operation's name starts it), or the problems of which it quotes one. */
  readonly problem: string | readonly string[];
}

const ALTERATIONS: readonly Alteration[] = [
  {
    what: 'a wire name',
    from: "{ name: 'hostName' }",
    to: "{ name: 'hostName', wire: 'HostNames' }",
    problem: 'RunInstances: query parameter HostNames (hostName): the spec has no such query parameter',
  },
  {
    what: "a parameter's type",
    from: "{ name: 'uniqueSuffix', type: 'boolean' }",
    to: "{ name: 'uniqueSuffix', type: 'integer' }",
    problem:
      'RunInstances: query parameter UniqueSuffix (uniqueSuffix): a number in the mapping, a boolean in the spec',
  },
  {
    what: 'a wire name inside a repeatList parameter (Tag.N.Key)',
    from: "fields: [{ name: 'key' }, { name: 'value' }]",
    to: "fields: [{ name: 'key', wire: 'TagKey' }, { name: 'value' }]",
    problem: 'RunInstances: query parameter Tag[].TagKey (key): the spec has no such query parameter',
  },
  {
    what: "a member's type inside a json parameter",
    from: "fields: [{ name: 'category' }, { name: 'size', type: 'integer' }]",
    to: "fields: [{ name: 'category' }, { name: 'size' }]",
    problem: 'RunInstances: query parameter SystemDisk.Size (size): a string in the mapping, a number in the spec',
  },
  {
    what: "a response field's type",
    from: "{ name: 'orderId' }",
    to: "{ name: 'orderId', type: 'boolean' }",
    problem: 'RunInstances: response field OrderId (orderId): a boolean in the mapping, a string in the spec',
  },
  {
    what: 'the place of a parameter',
    from: "{ name: 'imageId' }",
    to: "{ name: 'imageId', in: 'formData' }",
    problem: 'RunInstances: form parameter ImageId (imageId): the spec has no such form parameter',
  },
  {
    what: 'a required parameter made optional in the input type',
    from: 'readonly amount: number;',
    to: 'readonly amount?: number;',
    problem: 'RunInstances: query parameter Amount (amount): required by the spec, optional in the input type',
  },
  {
    what: 'an optional parameter left out (the input field would be dropped)',
    from: "\n    { name: 'hostName' },",
    to: '',
    problem: "RunInstances: parameter ? (hostName): a field of ensdk's input type that no field of the mapping sends",
  },
  {
    what: 'a response field left out (the output field would never be set)',
    from: "{ name: 'orderId' }, ",
    to: '',
    problem:
      "RunInstances: response field ? (orderId): a field of ensdk's output type that no field of the mapping reads",
  },
  {
    what: 'a required parameter left out',
    from: "\n    { name: 'instanceType' },",
    to: '',
    // Two problems; tsc quotes one of them.
    problem: [
      'RunInstances: query parameter InstanceType: required by the spec, sent by no field',
      "RunInstances: parameter ? (instanceType): a field of ensdk's input type that no field of the mapping sends",
    ],
  },
];

/** RunInstances' assertion as wireCheck.gen.ts writes it, importing the operation from `module` instead. */
function checkOf(module: string): string {
  const imports = [
    ...wireCheck.matchAll(/^import type \{[^}]*\} from '(\.\.\/check\/wireCheck|\.\/wire\.gen)\.js';$/gm),
  ];
  const assertion = new RegExp(`^export type ${OPERATION}WireCheck = [^;]*;$`, 'm').exec(wireCheck);
  expect(imports).toHaveLength(2);
  expect(assertion).not.toBeNull();
  return [
    ...imports.map((m) => m[0]),
    `import type { ${OPERATION}CompactDefinition, ${OPERATION}Input, ${OPERATION}Output } from './operations/${module}.js';`,
    assertion![0],
  ].join('\n');
}

/** Compiles the virtual files (paths under src/generated) with the package's compiler options; diagnostics by file. */
function compile(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const configPath = join(PACKAGE, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error(`cannot read ${configPath}`);
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (path) => files.has(path) || ts.sys.fileExists(path);
  host.readFile = (path) => files.get(path) ?? ts.sys.readFile(path);
  host.getSourceFile = (path, language, onError, create) => {
    const text = files.get(path);
    return text === undefined
      ? getSourceFile(path, language, onError, create)
      : ts.createSourceFile(path, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options: config.options, host });
  const byFile = new Map<string, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file?.fileName ?? '(global)';
    byFile.set(file, [...(byFile.get(file) ?? []), ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
  }
  return byFile;
}

describe('the wire check', () => {
  const files = new Map<string, string>();
  const checks = ALTERATIONS.map((alteration, i) => {
    expect(original, alteration.what).toContain(alteration.from);
    const module = `WireCheckAltered${i}.gen`;
    files.set(join(GENERATED, 'operations', `${module}.ts`), original.replace(alteration.from, alteration.to));
    const check = join(GENERATED, `wireCheckAltered${i}.ts`);
    files.set(check, checkOf(module));
    return { ...alteration, check, operation: join(GENERATED, 'operations', `${module}.ts`) };
  });
  const control = join(GENERATED, 'wireCheckUnaltered.ts');
  files.set(join(GENERATED, 'operations', 'WireCheckUnaltered.gen.ts'), original);
  files.set(control, checkOf('WireCheckUnaltered.gen'));
  // A member-less object (metadata `type: object` without properties, as KMS's EncryptionContext): openapi-typescript
  // and ensdk both type it `Record<string, never>`, whose index signature is no required member (the product drill
  // found this on KMS; ENS has none).
  files.set(
    join(GENERATED, 'wireCheckMemberless.ts'),
    `import type { NoWireProblems, WireProblems } from '../check/wireCheck.js';
    interface Spec {
      parameters: { query: { Context?: Record<string, never>; Id: string } };
      requestBody?: never;
      responses: { 200: { content: { 'application/json': { Tags?: Record<string, never> } } } };
    }
    interface Input { readonly context?: Record<string, never>; readonly id: string }
    interface Output { tags?: Record<string, never> }
    const compact = {
      action: 'Op',
      parameters: [{ name: 'context', style: 'json', shape: { kind: 'object', fields: [] } }, { name: 'id' }],
      output: { kind: 'object', fields: [{ name: 'tags', shape: { kind: 'object', fields: [] } }] },
    } as const;
    export type OpWireCheck = NoWireProblems<WireProblems<'Op', typeof compact, Input, Output, Spec>>;`,
  );
  const diagnostics = compile(files);

  it('passes the unaltered copy of the generated operation and member-less objects (and reports nothing else)', () => {
    const reported = [...diagnostics.keys()];
    expect(reported.sort()).toEqual(checks.map((c) => c.check).sort());
  });

  it.each(checks)('fails when $what is altered, naming the operation and the field', ({ check, problem }) => {
    // The copy itself still compiles (its definition is a valid CompactOperationDefinition): the check is what fails.
    const messages = diagnostics.get(check) ?? [];
    expect(messages).toHaveLength(1);
    const quoted = (typeof problem === 'string' ? [problem] : problem).filter((p) => messages[0]!.includes(`'"${p}"'`));
    expect(quoted, messages[0]).toHaveLength(1);
  });

  it('asserts every operation the client has', () => {
    const index = readFileSync(join(GENERATED, 'operations', 'index.gen.ts'), 'utf8');
    const operations = [...index.matchAll(/from '\.\/(\w+)\.gen\.js'/g)].map((m) => m[1]!);
    const asserted = [...wireCheck.matchAll(/^export type (\w+)WireCheck = /gm)].map((m) => m[1]!);
    expect(new Set(operations).size).toBe(231);
    expect(asserted).toEqual([...new Set(operations)]);
    for (const name of asserted) expect(wireCheck).toContain(`operations['${name}']`);
  });
});
