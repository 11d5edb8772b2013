/**
 * Broken specs are rejected with a SpecError naming the file, the JSON path, what was expected and what was found.
 * Metadata cases are built in code from the real api-docs.json (reduced to two operations, then broken);
 * overlay cases are the small committed files in fixtures/broken/.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ENS_SPEC, loadModel } from '../src/generate.js';
import type { SpecError, SpecProblem } from '../src/spec/specError.js';
import {
  expectSpecError,
  fixtureText,
  minimalMetadata,
  parameterIndex,
  readJson,
  removeTemporaryDirectories,
  specRoot,
  FIXTURES,
  type Json,
  METADATA_IN_ROOT,
} from './helpers.js';

const METADATA = METADATA_IN_ROOT;
const OVERLAY = ENS_SPEC.overlay;
const OP = 'RevokeSecurityGroupEgress';

const minimalOverlay = (): Json => readJson(`${FIXTURES}/overlay.minimal.json`);

/** Loads the model from a temp root holding the given metadata (object or raw text) and overlay. */
function load(metadata: Json | string, overlay: Json | string = minimalOverlay()): () => unknown {
  const root = specRoot({ metadata, overlay });
  return () => loadModel(root);
}

/** The minimal metadata after `mutate`. */
function brokenMetadata(mutate: (doc: Json) => void): Json {
  const doc = minimalMetadata();
  mutate(doc);
  return doc;
}

afterAll(removeTemporaryDirectories);

describe('the baseline the broken cases start from', () => {
  it('minimal metadata + minimal overlay build a model', () => {
    const model = loadModel(specRoot({ metadata: minimalMetadata(), overlay: minimalOverlay() }));
    expect(model.operations.map((o) => o.name)).toEqual(['DeleteDisk', OP]);
    const revoke = model.operations.find((o) => o.name === OP)!;
    expect(revoke.rules.map((r) => r.name)).toEqual(['all-ports-port-range']);
    expect(revoke.parameters.find((p) => p.wireName === 'DestCidrIp')?.shape).toMatchObject({
      kind: 'string',
      format: 'ipv4-or-cidr',
    });
    expect(revoke.parameters.find((p) => p.wireName === 'Priority')?.shape).toMatchObject({
      kind: 'integer',
      minimum: 1,
      maximum: 100,
    });
  });
});

describe('broken metadata (api-docs.json)', () => {
  it('rejects a non-numeric maximum', () => {
    const doc = minimalMetadata();
    const i = parameterIndex(doc, OP, 'Priority');
    doc.apis[OP].parameters[i].schema.maximum = 'abc';
    expectSpecError(load(doc), [
      {
        file: METADATA,
        path: `#/apis/${OP}/parameters/${i}/schema/maximum`,
        expected: 'a numeric string such as "100"',
        found: '"abc"',
      },
    ]);
  });

  it('rejects a bound written as a JSON number instead of a string', () => {
    const doc = minimalMetadata();
    const i = parameterIndex(doc, OP, 'Priority');
    doc.apis[OP].parameters[i].schema.minimum = 1;
    expectSpecError(load(doc), [
      {
        file: METADATA,
        path: `#/apis/${OP}/parameters/${i}/schema/minimum`,
        expected: 'a value of type string',
        found: '1',
      },
    ]);
  });

  it('rejects a parameter in a header', () => {
    const doc = minimalMetadata();
    const i = parameterIndex(doc, OP, 'PortRange');
    doc.apis[OP].parameters[i].in = 'header';
    expectSpecError(load(doc), [
      {
        file: METADATA,
        path: `#/apis/${OP}/parameters/${i}/in`,
        expected: 'one of "query", "formData", "body"',
        found: '"header"',
      },
    ]);
  });

  it('rejects an operation without methods', () => {
    const doc = brokenMetadata((d) => delete d.apis[OP].methods);
    expectSpecError(load(doc), [
      { file: METADATA, path: `#/apis/${OP}/methods`, expected: 'a required array', found: 'nothing' },
    ]);
  });

  it('rejects an info.style other than RPC', () => {
    const doc = brokenMetadata((d) => (d.info.style = 'ROA'));
    expectSpecError(load(doc), [
      {
        file: METADATA,
        path: '#/info/style',
        expected: 'RPC-style metadata',
        found: /^"ROA", whose 2 operations use /,
      },
    ]);
  });

  it('rejects an unknown parameter style', () => {
    const doc = minimalMetadata();
    const i = parameterIndex(doc, OP, 'IpProtocol');
    doc.apis[OP].parameters[i].style = 'weird';
    expectSpecError(load(doc), [
      {
        file: METADATA,
        path: `#/apis/${OP}/parameters/${i}/style`,
        expected: 'one of "json", "repeatList", "flat", "simple"',
        found: '"weird"',
      },
    ]);
  });

  it('rejects a minimum above the maximum (a check of the model builder, not of the schema)', () => {
    const doc = minimalMetadata();
    const i = parameterIndex(doc, OP, 'Priority');
    doc.apis[OP].parameters[i].schema.minimum = '200';
    expectSpecError(load(doc), [
      {
        file: METADATA,
        path: `#/apis/${OP}/parameters/${i}/schema/minimum`,
        expected: 'a minimum not above the maximum 100',
        found: '"200"',
      },
    ]);
  });

  it('rejects invalid JSON syntax with the path # and the parser message', () => {
    const error = expectSpecError(load(fixtureText('broken/metadata-invalid-syntax.json')), [
      { file: METADATA, path: '#', expected: 'valid JSON', found: /JSON/ },
    ]);
    expect(error.message).toContain(`${METADATA}#: expected valid JSON, found `);
  });

  it('reports every problem of the file at once', () => {
    const doc = minimalMetadata();
    const priority = parameterIndex(doc, OP, 'Priority');
    const portRange = parameterIndex(doc, OP, 'PortRange');
    doc.apis[OP].parameters[priority].schema.maximum = 'abc';
    doc.apis[OP].parameters[portRange].in = 'header';
    delete doc.apis.DeleteDisk.methods;
    expectSpecError(load(doc), [
      {
        file: METADATA,
        path: `#/apis/${OP}/parameters/${priority}/schema/maximum`,
        expected: 'a numeric string',
        found: '"abc"',
      },
      {
        file: METADATA,
        path: `#/apis/${OP}/parameters/${portRange}/in`,
        expected: 'one of "query"',
        found: '"header"',
      },
      { file: METADATA, path: '#/apis/DeleteDisk/methods', expected: 'a required array', found: 'nothing' },
    ]);
  });
});

describe('broken overlay (overlay.json)', () => {
  const fixture = (name: string) => load(minimalMetadata(), fixtureText(`broken/${name}.json`));

  it('rejects an unknown operation', () => {
    expectSpecError(fixture('overlay-unknown-operation'), [
      {
        file: OVERLAY,
        path: '#/operations/RevokeSecurityGroupEgres',
        expected: 'the name of an operation in the metadata',
        found: '"RevokeSecurityGroupEgres"',
      },
    ]);
  });

  it('rejects an unknown parameter, listing the parameters of the operation', () => {
    expectSpecError(fixture('overlay-unknown-parameter'), [
      {
        file: OVERLAY,
        path: `#/operations/${OP}/parameters/DestCidr`,
        // The list is the live metadata's, in its order (an upstream update that adds a parameter extends it).
        expected: `a parameter of ${OP} (${(minimalMetadata().apis[OP].parameters as { name: string }[]).map((p) => p.name).join(', ')})`,
        found: '"DestCidr"',
      },
    ]);
  });

  it('rejects a key that is not part of the format (strict objects)', () => {
    expectSpecError(fixture('overlay-unknown-key'), [
      {
        file: OVERLAY,
        path: `#/operations/${OP}/summmary`,
        expected: 'no such key (not part of the format)',
        found: '"Deletes an outbound security group rule."',
      },
    ]);
  });

  it("rejects a rule whose when.in value is not in the parameter's enum", () => {
    expectSpecError(fixture('overlay-when-in-not-in-enum'), [
      {
        file: OVERLAY,
        path: '#/fragments/securityGroupRule/rules/0/when/in/2',
        expected: "one of IpProtocol's values (tcp, udp, icmp, gre, all)",
        found: '"any"',
      },
    ]);
  });

  it('rejects the use of an unknown fragment', () => {
    expectSpecError(fixture('overlay-unknown-fragment'), [
      {
        file: OVERLAY,
        path: `#/operations/${OP}/use/0`,
        expected: 'the name of a fragment in "fragments" (securityGroupRule)',
        found: '"securityGroupRules"',
      },
    ]);
  });

  it('rejects an unknown format', () => {
    expectSpecError(fixture('overlay-unknown-format'), [
      {
        file: OVERLAY,
        path: `#/operations/${OP}/parameters/DestCidrIp/format`,
        expected: 'one of "port-range", "ipv4", "ipv4-cidr", "ipv4-or-cidr"',
        found: '"cidr"',
      },
    ]);
  });

  it('rejects a then with two constraints at once', () => {
    expectSpecError(fixture('overlay-then-two-constraints'), [
      {
        file: OVERLAY,
        path: '#/fragments/securityGroupRule/rules/0/then',
        expected: 'exactly one of "equals", "oneOf", "portRange"',
        found: '{"parameters":["PortRange"],"equals":"-1/-1","oneOf":["-1/-1"]}',
      },
    ]);
  });

  it('rejects invalid JSON syntax with the path #', () => {
    expectSpecError(fixture('overlay-invalid-syntax'), [
      { file: OVERLAY, path: '#', expected: 'valid JSON', found: /JSON/ },
    ]);
  });

  it('reports every schema problem of the file at once', () => {
    expectSpecError(fixture('overlay-several-schema-problems'), [
      {
        file: OVERLAY,
        path: '#/commonErrors/Throttling/fault',
        expected: 'one of "client", "server"',
        found: '"user"',
      },
      {
        file: OVERLAY,
        path: '#/fragments/securityGroupRule/rules/0/name',
        expected: 'a kebab-case rule name',
        found: '"All ports"',
      },
      { file: OVERLAY, path: '#/operation', expected: 'no such key', found: '{}' },
    ]);
  });

  it('reports every cross-reference problem of the file at once', () => {
    expectSpecError(fixture('overlay-several-reference-problems'), [
      {
        file: OVERLAY,
        path: '#/operations/DeleteDisks',
        expected: 'the name of an operation in the metadata',
        found: '"DeleteDisks"',
      },
      { file: OVERLAY, path: `#/operations/${OP}/use/1`, expected: 'the name of a fragment', found: '"ipRule"' },
      {
        file: OVERLAY,
        path: `#/operations/${OP}/parameters/SourceCidrIp`,
        expected: `a parameter of ${OP}`,
        found: '"SourceCidrIp"',
      },
    ]);
  });

  it('rejects a response path that is not in the response', () => {
    const overlay = minimalOverlay();
    overlay.operations[OP].response = { RequestIdd: { description: 'x' } };
    expectSpecError(load(minimalMetadata(), overlay), [
      {
        file: OVERLAY,
        path: `#/operations/${OP}/response/RequestIdd`,
        expected: `a dotted path of ${OP}'s response`,
        found: '"RequestIdd"',
      },
    ]);
  });

  it('reports a fragment parameter at its place in the fragment, once', () => {
    const overlay = minimalOverlay();
    overlay.fragments = { rule: { parameters: { NotInOp: { caseSensitive: true } } } };
    overlay.operations[OP].use = ['rule'];
    overlay.operations['DeleteDisk'] = { use: ['rule'] };
    let problems: readonly SpecProblem[] = [];
    try {
      load(minimalMetadata(), overlay)();
    } catch (error) {
      problems = (error as SpecError).problems;
    }
    // One problem per operation that uses the fragment (built in name order), each at the fragment's own path.
    expect(problems.map((p) => [p.path, p.expected.replace(/ \(.*\)$/, ''), p.found])).toEqual([
      ['#/fragments/rule/parameters/NotInOp', 'a parameter of DeleteDisk', '"NotInOp"'],
      ['#/fragments/rule/parameters/NotInOp', `a parameter of ${OP}`, '"NotInOp"'],
    ]);
  });

  it('rejects a format on a parameter that is not a string', () => {
    const overlay = minimalOverlay();
    overlay.operations[OP].parameters.Priority = { format: 'ipv4' };
    expectSpecError(load(minimalMetadata(), overlay), [
      {
        file: OVERLAY,
        path: `#/operations/${OP}/parameters/Priority/format`,
        expected: 'a format only on a string parameter without an enum',
        found: '"ipv4"',
      },
    ]);
  });
});
