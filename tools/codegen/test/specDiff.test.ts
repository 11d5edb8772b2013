/**
 * `npm run spec:diff`: human and JSON output, usage and spec errors, lenient overlay application, and a replay of
 * the change the seed page's history records for RevokeSecurityGroupEgress (2023-12-21: "The Error code has
 * changed. The request parameters of the API has changed").
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fitOverlay } from '../src/diff/fitOverlay.js';
import { main } from '../src/diff/specDiffCli.js';
import { ENS_SPEC } from '../src/generate.js';
import { buildModel } from '../src/model/build.js';
import { metadataDocumentSchema } from '../src/spec/metadataSchema.js';
import { overlayDocumentSchema } from '../src/spec/overlaySchema.js';
import {
  FIXTURES,
  metadataCopy,
  minimalMetadata,
  realOverlay,
  removeTemporaryDirectories,
  temporaryDirectory,
  type Json,
  REAL_METADATA_PATH,
} from './helpers.js';

const OP = 'RevokeSecurityGroupEgress';
const MINIMAL_OVERLAY = join(FIXTURES, 'overlay.minimal.json');

afterAll(removeTemporaryDirectories);

/** Runs the CLI in-process with `cwd` as the user's directory; captures stdout and stderr. */
function run(cwd: string, ...argv: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { log: (t) => void out.push(t), error: (t) => void err.push(t) }, cwd);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A temporary directory holding the given files (objects written as JSON, strings verbatim). */
function files(contents: Record<string, Json>): string {
  const dir = temporaryDirectory();
  for (const [name, content] of Object.entries(contents)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

/** The minimal metadata with one new optional parameter and one parameter description changed. */
function minimalPair(): { old: Json; now: Json } {
  const old = minimalMetadata();
  const now = minimalMetadata();
  now.apis[OP].parameters.push({ name: 'Description', in: 'query', schema: { type: 'string', required: false } });
  now.apis.DeleteDisk.parameters[0].schema.description = '要删除的磁盘ID。';
  return { old, now };
}

describe('output', () => {
  it('prints the changes for people, breaking first, and exits 0', () => {
    const { old, now } = minimalPair();
    now.apis[OP].parameters = now.apis[OP].parameters.filter((p: { name: string }) => p.name !== 'SourcePortRange');
    const dir = files({ 'old.json': old, 'new.json': now });
    const result = run(dir, 'old.json', 'new.json', '--overlay', MINIMAL_OVERLAY);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      [
        'old.json -> new.json: major (3 changes)',
        '',
        `  major  parameter-removed         ${OP}: parameter \`SourcePortRange\` removed`,
        `  minor  parameter-added-optional  ${OP}: new optional parameter \`Description\``,
        '  patch  doc-changed               DeleteDisk: documentation of parameter `DiskId` changed (description)',
      ].join('\n'),
    );
  });

  it('reads one of the two files from standard input when it is -', () => {
    const { old, now } = minimalPair();
    const dir = files({ 'old.json': old, 'new.json': now });
    const bin = fileURLToPath(new URL('../bin/ensdk-spec-diff.mjs', import.meta.url));
    const result = spawnSync(process.execPath, [bin, '-', 'new.json', '--overlay', MINIMAL_OVERLAY], {
      cwd: dir,
      env: { ...process.env, INIT_CWD: dir },
      input: JSON.stringify(old),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`(stdin) -> new.json: minor (2 changes)`);
    expect(run(dir, '-', '-').code).toBe(2);
  });

  it('--json prints { bump, changes } and nothing else', () => {
    const { old, now } = minimalPair();
    const dir = files({ 'old.json': old, 'new.json': now });
    const result = run(dir, '--json', 'old.json', 'new.json', '--overlay', MINIMAL_OVERLAY);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      bump: 'minor',
      changes: [
        {
          operation: 'DeleteDisk',
          path: 'parameters.DiskId',
          kind: 'doc-changed',
          bump: 'patch',
          summary: 'DeleteDisk: documentation of parameter `DiskId` changed (description)',
        },
        {
          operation: OP,
          path: 'parameters.Description',
          kind: 'parameter-added-optional',
          bump: 'minor',
          summary: `${OP}: new optional parameter \`Description\``,
        },
      ],
    });
  });

  it('says so when nothing changed: bump none, exit 0', () => {
    const dir = files({ 'a.json': minimalMetadata(), 'b.json': minimalMetadata() });
    const human = run(dir, 'a.json', 'b.json', '--overlay', MINIMAL_OVERLAY);
    expect(human).toEqual({ code: 0, out: 'a.json -> b.json: no change to the public API (bump: none)', err: '' });
    const json = run(dir, 'a.json', 'b.json', '--json', '--no-overlay');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({ bump: 'none', changes: [] });
  });
});

describe('errors', () => {
  it.each([
    ['no arguments', [], 'Expected one or two metadata files, found 0'],
    ['three files', ['a.json', 'a.json', 'a.json'], 'Expected one or two metadata files, found 3'],
    ['an unknown flag', ['a.json', 'a.json', '--jsn'], 'Unknown argument: --jsn'],
    ['--overlay without a file', ['a.json', 'a.json', '--overlay'], '--overlay needs a file'],
    ['a missing file', ['a.json', 'missing.json'], 'No such file: '],
  ])('exits 2 with the usage on %s', (_label, argv, message) => {
    const dir = files({ 'a.json': minimalMetadata() });
    const result = run(dir, ...argv);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toContain(message);
    expect(result.err).toContain('Usage: npm run spec:diff');
  });

  it('prints the usage with --help and exits 0', () => {
    const result = run(temporaryDirectory(), '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--no-overlay');
  });

  it('exits 1 on a broken spec, naming the file and the JSON path', () => {
    const broken = minimalMetadata();
    broken.apis[OP].parameters[0].in = 'header';
    const dir = files({ 'old.json': minimalMetadata(), 'new.json': broken, 'bad.json': '{ "version": ' });
    const result = run(dir, 'old.json', 'new.json', '--overlay', MINIMAL_OVERLAY);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain(
      `new.json#/apis/${OP}/parameters/0/in: expected one of "query", "formData", "body", found "header"`,
    );
    const syntax = run(dir, 'bad.json', 'old.json', '--json');
    expect(syntax.code).toBe(1);
    expect(syntax.out).toBe('');
    expect(syntax.err).toContain('bad.json#: expected valid JSON');
  });
});

describe('the overlay', () => {
  it('applies the repository overlay by default, leaving out what a file lacks and saying so on stderr', () => {
    const { old, now } = minimalPair();
    const dir = files({ 'old.json': old, 'new.json': now });
    const result = run(dir, 'old.json', 'new.json', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).bump).toBe('minor');
    // The real overlay also covers three security group operations the two-operation metadata lacks.
    expect(result.err).toContain(
      `${ENS_SPEC.overlay}#/operations/AuthorizeSecurityGroupEgress: the metadata has no operation AuthorizeSecurityGroupEgress`,
    );
    expect(result.err).toMatch(
      /^Note: \d+ reference\(s\) of specs\/ens\/2017-11-10\/overlay\.json do not apply to old\.json/m,
    );
  });

  it('without an overlay the metadata is compared alone (English docs do not hide Chinese changes)', () => {
    const old = minimalMetadata();
    const now = minimalMetadata();
    now.apis[OP].parameters.find((p: { name: string }) => p.name === 'Priority').schema.description = '优先级。';
    const dir = files({ 'old.json': old, 'new.json': now });
    // The minimal overlay gives Priority no English text, the real one does: with it, the change is invisible.
    expect(JSON.parse(run(dir, 'old.json', 'new.json', '--json').out).changes).toEqual([]);
    expect(
      JSON.parse(run(dir, 'old.json', 'new.json', '--json', '--no-overlay').out).changes.map(
        (c: { kind: string }) => c.kind,
      ),
    ).toEqual(['doc-changed']);
  });
});

describe('fitOverlay', () => {
  const overlay = overlayDocumentSchema.parse(realOverlay());
  const byName = (list: { name: string }[], name: string): Json => list.find((p) => p.name === name);

  it('returns an overlay that fits unchanged', () => {
    const fitted = fitOverlay(metadataDocumentSchema.parse(metadataCopy()), overlay);
    expect(fitted.dropped).toEqual([]);
    expect(fitted.overlay).toEqual(overlay);
  });

  it('leaves out a format, an enum value and a response path the metadata does not support, and nothing else', () => {
    const doc = metadataCopy();
    const op = doc.apis[OP];
    byName(op.parameters, 'IpProtocol').schema.enum = ['tcp', 'udp', 'icmp', 'gre'];
    byName(op.parameters, 'DestCidrIp').schema.enum = ['0.0.0.0/0'];
    delete op.responses['200'].schema.properties.RequestId;
    const metadata = metadataDocumentSchema.parse(doc);
    const fitted = fitOverlay(metadata, overlay);
    expect(fitted.dropped.map((d) => d.path)).toEqual([
      `#/operations/${OP}/parameters/DestCidrIp/format`,
      '#/fragments/securityGroupRule/rules/1/when/in/2',
      `#/operations/${OP}/response/RequestId`,
    ]);
    const entry = fitted.overlay.operations[OP]!;
    expect(entry.use).toBeUndefined();
    expect(entry.parameters?.['DestCidrIp']).toEqual({
      description: overlay.operations[OP]!.parameters!['DestCidrIp']!.description,
    });
    expect(entry.parameters?.['PortRange']?.format).toBe('port-range');
    expect(entry.rules?.map((r) => [r.name, r.when.in])).toEqual([
      ['tcp-udp-port-range', ['tcp', 'udp']],
      ['all-ports-port-range', ['icmp', 'gre']],
    ]);
    expect(entry.response).toEqual({});
    // The other operations that use the fragment keep it as written.
    expect(fitted.overlay.operations['AuthorizeSecurityGroupEgress']).toBe(
      overlay.operations['AuthorizeSecurityGroupEgress'],
    );
    const model = buildModel(
      { file: 'api-docs.json', document: metadata, sha256: '0'.repeat(64) },
      { file: 'overlay.json', document: fitted.overlay, sha256: '1'.repeat(64) },
    );
    expect(model.operations.find((o) => o.name === OP)?.rules.map((r) => r.name)).toEqual([
      'tcp-udp-port-range',
      'all-ports-port-range',
    ]);
  });
});

describe('replay of the seed page history: RevokeSecurityGroupEgress, 2023-12-21', () => {
  /**
   * A reconstruction of the metadata before the change the seed page records ("The Error code has changed. The
   * request parameters of the API has changed"): the committed metadata with the operation as it plausibly was —
   * no `SourcePortRange`, `DestCidrIp` optional (the English page still says "By default, this parameter is empty"),
   * and without the error codes `SecurityGroupRule.NotFound` and `CallInterface`. The overlay names SourcePortRange,
   * so the old side also exercises lenient overlay application.
   */
  function before(): Json {
    const doc = metadataCopy();
    const op = doc.apis[OP];
    op.parameters = op.parameters.filter((p: { name: string }) => p.name !== 'SourcePortRange');
    op.parameters.find((p: { name: string }) => p.name === 'DestCidrIp').schema.required = false;
    op.errorCodes['400'] = op.errorCodes['400'].filter(
      (e: { errorCode: string }) => !['SecurityGroupRule.NotFound', 'CallInterface'].includes(e.errorCode),
    );
    return doc;
  }

  const expected = [
    {
      operation: OP,
      path: 'parameters.DestCidrIp',
      kind: 'parameter-became-required',
      bump: 'major',
      summary: `${OP}: parameter \`DestCidrIp\` became required`,
    },
    {
      operation: OP,
      path: 'parameters.SourcePortRange',
      kind: 'parameter-added-optional',
      bump: 'minor',
      summary: `${OP}: new optional parameter \`SourcePortRange\``,
    },
    {
      operation: OP,
      path: 'errors.CallInterface',
      kind: 'error-code-added',
      bump: 'minor',
      summary: `${OP}: new error code \`CallInterface\` (HTTP 400)`,
    },
    {
      operation: OP,
      path: 'errors.SecurityGroupRule.NotFound',
      kind: 'error-code-added',
      bump: 'minor',
      summary: `${OP}: new error code \`SecurityGroupRule.NotFound\` (HTTP 400)`,
    },
  ];

  it('classifies the update against the committed metadata: major, for DestCidrIp becoming required', () => {
    const dir = files({ 'before.json': before() });
    const result = run(dir, 'before.json', REAL_METADATA_PATH, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({ bump: 'major', changes: expected });
    // SourcePortRange is named by the operation's overlay entry and by the shared fragment's rules.
    expect(result.err).toContain(
      `${ENS_SPEC.overlay}#/operations/${OP}/parameters/SourcePortRange: ${OP} has no parameter SourcePortRange`,
    );
    expect(result.err).toContain(
      `${ENS_SPEC.overlay}#/fragments/securityGroupRule/rules/0/then/parameters/1: ${OP} has no string parameter SourcePortRange`,
    );
  });

  it('without the required-parameter change, the same update is minor: new parameter and error codes only', () => {
    const old = before();
    old.apis[OP].parameters.find((p: { name: string }) => p.name === 'DestCidrIp').schema.required = true;
    const dir = files({ 'before.json': old });
    const result = run(dir, 'before.json', REAL_METADATA_PATH);
    expect(result.code).toBe(0);
    expect(result.out.split('\n')).toEqual([
      `before.json -> ${REAL_METADATA_PATH}: minor (3 changes)`,
      '',
      ...expected.slice(1).map((c) => `  minor  ${c.kind.padEnd(24)}  ${c.summary}`),
    ]);
  });

  it('replayed backwards (codes and a parameter dropped) it is major', () => {
    const dir = files({ 'before.json': before() });
    const result = run(dir, REAL_METADATA_PATH, 'before.json', '--json');
    const diff = JSON.parse(result.out) as { bump: string; changes: { kind: string }[] };
    expect(diff.bump).toBe('major');
    expect(diff.changes.map((c) => c.kind)).toEqual([
      'parameter-became-optional',
      'parameter-removed',
      'error-code-removed',
      'error-code-removed',
    ]);
  });
});

describe('one file: the committed API against new metadata', () => {
  it('finds nothing to say about the metadata the committed code was generated from', () => {
    const result = run(files({}), REAL_METADATA_PATH);
    expect(result.code).toBe(0);
    expect(result.out).toBe(`the committed API -> ${REAL_METADATA_PATH}: no change to the public API (bump: none)`);
  });

  it('names what a new file changes', () => {
    const changed = metadataCopy();
    changed.apis[OP].parameters.push({ name: 'ProbeToken', in: 'query', schema: { type: 'string', required: false } });
    const result = run(files({ 'new.json': changed }), 'new.json', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out).changes).toEqual([
      {
        operation: OP,
        path: 'parameters.ProbeToken',
        kind: 'parameter-added-optional',
        bump: 'minor',
        summary: `${OP}: new optional parameter \`ProbeToken\``,
      },
    ]);
  });
});
