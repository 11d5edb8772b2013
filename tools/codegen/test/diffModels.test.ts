/**
 * The spec diff, one fixture pair per rule: the two-operation test metadata (RevokeSecurityGroupEgress + DeleteDisk)
 * and the minimal overlay, mutated into an "old" and a "new" document that differ by exactly one thing. Each case
 * checks the kind, the bump and the plain-words summary of what the diff reports, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffServiceModels, type SpecChange } from '../src/diff/diffModels.js';
import { CHANGE_KINDS, type ChangeKind } from '../src/diff/kinds.js';
import { toApiSurface } from '../src/diff/surface.js';
import { buildModel } from '../src/model/build.js';
import type { ServiceModel } from '../src/model/types.js';
import { metadataDocumentSchema } from '../src/spec/metadataSchema.js';
import { overlayDocumentSchema } from '../src/spec/overlaySchema.js';
import { FIXTURES, minimalMetadata, readJson, REPO_ROOT, type Json } from './helpers.js';

const OP = 'RevokeSecurityGroupEgress';

/** Builds a model from documents in memory (strictly, as `npm run generate` does). */
function modelOf(metadata: Json, overlay: Json): ServiceModel {
  return buildModel(
    { file: 'api-docs.json', document: metadataDocumentSchema.parse(metadata), sha256: '0'.repeat(64) },
    { file: 'overlay.json', document: overlayDocumentSchema.parse(overlay), sha256: '1'.repeat(64) },
  );
}

/** The fixture pair's two sides: metadata and overlay, freshly copied for each side. */
interface Side {
  metadata: Json;
  overlay: Json;
}
type Mutation = (side: Side) => void;

function side(mutate?: Mutation): Side {
  const s: Side = { metadata: minimalMetadata(), overlay: readJson(join(FIXTURES, 'overlay.minimal.json')) };
  mutate?.(s);
  return s;
}

/** Diffs the base documents after `old` and `now` mutations. */
function diffOf(old: Mutation | undefined, now: Mutation | undefined): ReturnType<typeof diffServiceModels> {
  const a = side(old);
  const b = side(now);
  return diffServiceModels(modelOf(a.metadata, a.overlay), modelOf(b.metadata, b.overlay));
}

/** The schema of a request parameter of RevokeSecurityGroupEgress (or another operation). */
function param(s: Side, name: string, op = OP): Json {
  const found = (s.metadata.apis[op].parameters as { name: string; schema: Json }[]).find((p) => p.name === name);
  if (found === undefined) throw new Error(`${op} has no parameter ${name}`);
  return found.schema;
}
function paramEntry(s: Side, name: string, op = OP): Json {
  return (s.metadata.apis[op].parameters as { name: string }[]).find((p) => p.name === name);
}
function response(s: Side, op = OP): Json {
  return s.metadata.apis[op].responses['200'].schema;
}
function addParameter(s: Side, name: string, schema: Json, op = OP): void {
  s.metadata.apis[op].parameters.push({ name, in: 'query', schema });
}
const removeParameter = (s: Side, name: string, op = OP): void => {
  s.metadata.apis[op].parameters = s.metadata.apis[op].parameters.filter((p: { name: string }) => p.name !== name);
};
const errorCodes = (s: Side, op = OP): { errorCode: string; errorMessage?: string }[] =>
  s.metadata.apis[op].errorCodes['400'];
const rule = (s: Side): Json => s.overlay.fragments.securityGroupRule.rules[0];

/** What a case expects of one change (the bump is checked against the kind table). */
type Expected = [operation: string | null, path: string, kind: ChangeKind, summary: string];

interface Case {
  readonly name: string;
  readonly old?: Mutation;
  readonly now?: Mutation;
  readonly expected: readonly Expected[];
}

const TAGS: Json = {
  type: 'array',
  items: { type: 'object', properties: { Key: { type: 'string' } } },
  minItems: 1,
  maxItems: 20,
};
const RULES: Json = { type: 'array', items: { type: 'object', properties: { RuleId: { type: 'string' } } } };

const CASES: readonly Case[] = [
  // Operations
  {
    name: 'a new operation is minor',
    now: (s) => {
      s.metadata.apis.DeleteDisks = { ...structuredClone(s.metadata.apis.DeleteDisk), errorCodes: {} };
    },
    expected: [['DeleteDisks', '', 'operation-added', 'DeleteDisks: new operation']],
  },
  {
    name: 'a removed operation is major',
    old: (s) => {
      s.metadata.apis.DeleteDisks = { ...structuredClone(s.metadata.apis.DeleteDisk), errorCodes: {} };
    },
    expected: [['DeleteDisks', '', 'operation-removed', 'DeleteDisks: operation removed']],
  },
  {
    name: 'a deprecated operation is minor',
    now: (s) => {
      s.metadata.apis.DeleteDisk.deprecated = true;
    },
    expected: [['DeleteDisk', 'doc', 'deprecated', 'DeleteDisk: operation deprecated']],
  },
  {
    name: 'changed HTTP methods are a patch (the SDK picks the method)',
    now: (s) => {
      s.metadata.apis.DeleteDisk.methods = ['post'];
    },
    expected: [['DeleteDisk', 'methods', 'methods-changed', 'DeleteDisk: HTTP methods POST (were GET, POST)']],
  },
  {
    name: 'changed operation documentation is a patch',
    now: (s) => {
      s.overlay.operations[OP].summary = 'Deletes one outbound rule.';
    },
    expected: [[OP, 'doc', 'doc-changed', `${OP}: documentation changed (description)`]],
  },
  {
    name: 'another API version is major',
    now: (s) => {
      s.metadata.info.version = '2024-01-01';
    },
    expected: [[null, 'apiVersion', 'api-version-changed', 'API Ens 2024-01-01 (was Ens 2017-11-10)']],
  },
  // Request parameters
  {
    name: 'a new optional parameter is minor',
    now: (s) => addParameter(s, 'Description', { type: 'string', required: false }),
    expected: [
      [OP, 'parameters.Description', 'parameter-added-optional', `${OP}: new optional parameter \`Description\``],
    ],
  },
  {
    name: 'a new required parameter is major',
    now: (s) => addParameter(s, 'Description', { type: 'string', required: true }),
    expected: [
      [OP, 'parameters.Description', 'parameter-added-required', `${OP}: new required parameter \`Description\``],
    ],
  },
  {
    name: 'a removed parameter is major',
    now: (s) => removeParameter(s, 'SourcePortRange'),
    expected: [[OP, 'parameters.SourcePortRange', 'parameter-removed', `${OP}: parameter \`SourcePortRange\` removed`]],
  },
  {
    name: 'a parameter that became required is major',
    now: (s) => {
      param(s, 'SourcePortRange').required = true;
    },
    expected: [
      [
        OP,
        'parameters.SourcePortRange',
        'parameter-became-required',
        `${OP}: parameter \`SourcePortRange\` became required`,
      ],
    ],
  },
  {
    name: 'a parameter that became optional is minor',
    now: (s) => {
      param(s, 'SecurityGroupId').required = false;
    },
    expected: [
      [
        OP,
        'parameters.SecurityGroupId',
        'parameter-became-optional',
        `${OP}: parameter \`SecurityGroupId\` became optional`,
      ],
    ],
  },
  {
    name: 'a deprecated parameter is minor',
    now: (s) => {
      param(s, 'Policy').deprecated = true;
    },
    expected: [[OP, 'parameters.Policy', 'deprecated', `${OP}: parameter \`Policy\` deprecated`]],
  },
  {
    name: 'a changed parameter type is major',
    now: (s) => {
      const { format: _format, minimum: _minimum, maximum: _maximum, ...rest } = param(s, 'Priority');
      paramEntry(s, 'Priority').schema = { ...rest, type: 'string' };
    },
    expected: [
      [OP, 'parameters.Priority', 'type-changed', `${OP}: parameter \`Priority\` changed type from integer to string`],
    ],
  },
  {
    name: 'a new enum value of a parameter is minor',
    now: (s) => void param(s, 'Policy').enum.push('reject'),
    expected: [[OP, 'parameters.Policy', 'enum-value-added', `${OP}: new value \`reject\` of parameter \`Policy\``]],
  },
  {
    name: 'a removed enum value of a parameter is major',
    now: (s) => {
      param(s, 'Policy').enum = ['accept'];
    },
    expected: [
      [OP, 'parameters.Policy', 'enum-value-removed', `${OP}: value \`drop\` of parameter \`Policy\` removed`],
    ],
  },
  {
    name: 'a raised minimum on a parameter narrows: major',
    now: (s) => {
      param(s, 'Priority').minimum = '5';
    },
    expected: [
      [OP, 'parameters.Priority', 'constraint-narrowed', `${OP}: parameter \`Priority\`: minimum raised from 1 to 5`],
    ],
  },
  {
    name: 'a raised maximum on a parameter widens: minor',
    now: (s) => {
      param(s, 'Priority').maximum = '200';
    },
    expected: [
      [
        OP,
        'parameters.Priority',
        'constraint-widened',
        `${OP}: parameter \`Priority\`: maximum raised from 100 to 200`,
      ],
    ],
  },
  {
    name: 'a new maxLength narrows',
    now: (s) => {
      param(s, 'SecurityGroupId').maxLength = 64;
    },
    expected: [
      [
        OP,
        'parameters.SecurityGroupId',
        'constraint-narrowed',
        `${OP}: parameter \`SecurityGroupId\`: maxLength 64 added`,
      ],
    ],
  },
  {
    name: 'a removed minLength widens',
    old: (s) => {
      param(s, 'SecurityGroupId').minLength = 3;
    },
    expected: [
      [
        OP,
        'parameters.SecurityGroupId',
        'constraint-widened',
        `${OP}: parameter \`SecurityGroupId\`: minLength 3 removed`,
      ],
    ],
  },
  {
    name: 'a changed pattern narrows (containment of regular expressions is not decided)',
    old: (s) => {
      param(s, 'SecurityGroupId').pattern = '^sg-';
    },
    now: (s) => {
      param(s, 'SecurityGroupId').pattern = '^sg-[a-z0-9]+$';
    },
    expected: [
      [
        OP,
        'parameters.SecurityGroupId',
        'constraint-narrowed',
        `${OP}: parameter \`SecurityGroupId\`: pattern changed from \`^sg-\` to \`^sg-[a-z0-9]+$\``,
      ],
    ],
  },
  {
    name: 'a format that accepts more widens (ipv4 → ipv4-or-cidr)',
    old: (s) => {
      s.overlay.operations[OP].parameters.DestCidrIp.format = 'ipv4';
    },
    expected: [
      [
        OP,
        'parameters.DestCidrIp',
        'constraint-widened',
        `${OP}: parameter \`DestCidrIp\`: format changed from ipv4 to ipv4-or-cidr`,
      ],
    ],
  },
  {
    name: 'a format that accepts less narrows (ipv4-or-cidr → ipv4-cidr)',
    now: (s) => {
      s.overlay.operations[OP].parameters.DestCidrIp.format = 'ipv4-cidr';
    },
    expected: [
      [
        OP,
        'parameters.DestCidrIp',
        'constraint-narrowed',
        `${OP}: parameter \`DestCidrIp\`: format changed from ipv4-or-cidr to ipv4-cidr`,
      ],
    ],
  },
  {
    name: 'an enum on a free string parameter narrows',
    now: (s) => {
      param(s, 'SecurityGroupId').enum = ['sg-1', 'sg-2'];
    },
    expected: [
      [
        OP,
        'parameters.SecurityGroupId',
        'constraint-narrowed',
        `${OP}: parameter \`SecurityGroupId\`: only \`sg-1\`, \`sg-2\` accepted (was any string)`,
      ],
    ],
  },
  {
    name: 'int32 → int64 widens (one change, not the implicit int32 bounds)',
    old: (s) => addParameter(s, 'Count', { type: 'integer', format: 'int32' }),
    now: (s) => addParameter(s, 'Count', { type: 'integer', format: 'int64' }),
    expected: [[OP, 'parameters.Count', 'constraint-widened', `${OP}: parameter \`Count\`: int64 (was int32)`]],
  },
  {
    name: 'number → integer narrows',
    old: (s) => addParameter(s, 'Ratio', { type: 'number' }),
    now: (s) => addParameter(s, 'Ratio', { type: 'integer', format: 'int64' }),
    expected: [
      [OP, 'parameters.Ratio', 'constraint-narrowed', `${OP}: parameter \`Ratio\`: integers only (was any number)`],
    ],
  },
  {
    name: 'a raised minItems narrows; nested members are parameters too',
    old: (s) => addParameter(s, 'Tag', structuredClone(TAGS)),
    now: (s) =>
      addParameter(s, 'Tag', {
        ...structuredClone(TAGS),
        minItems: 2,
        items: { type: 'object', properties: { Key: { type: 'string' }, Value: { type: 'string' } } },
      }),
    expected: [
      [OP, 'parameters.Tag', 'constraint-narrowed', `${OP}: parameter \`Tag\`: minItems raised from 1 to 2`],
      [OP, 'parameters.Tag[].Value', 'parameter-added-optional', `${OP}: new optional parameter \`Tag[].Value\``],
    ],
  },
  {
    name: 'how a parameter travels is a patch',
    now: (s) => {
      paramEntry(s, 'Policy').in = 'formData';
    },
    expected: [
      [OP, 'parameters.Policy', 'wire-changed', `${OP}: parameter \`Policy\` is sent in the formData (was query)`],
    ],
  },
  {
    name: 'a wire name with the same TypeScript name is a patch',
    old: (s) => addParameter(s, 'KMSKeyId', { type: 'string' }),
    now: (s) => addParameter(s, 'KmsKeyId', { type: 'string' }),
    expected: [
      [
        OP,
        'parameters.KmsKeyId',
        'wire-changed',
        `${OP}: parameter \`KmsKeyId\` was \`KMSKeyId\` on the wire (the TypeScript name \`kmsKeyId\` is unchanged)`,
      ],
    ],
  },
  {
    name: 'parameter documentation is a patch',
    now: (s) => {
      param(s, 'Priority').description = '优先级';
      param(s, 'Priority').example = '2';
    },
    expected: [
      [
        OP,
        'parameters.Priority',
        'doc-changed',
        `${OP}: documentation of parameter \`Priority\` changed (description, example)`,
      ],
    ],
  },
  {
    name: 'case sensitivity is documentation (it never changed validation)',
    now: (s) => void delete s.overlay.fragments.securityGroupRule.parameters.IpProtocol.caseSensitive,
    expected: [
      [
        OP,
        'parameters.IpProtocol',
        'doc-changed',
        `${OP}: parameter \`IpProtocol\`: documented as case-insensitive or unspecified`,
      ],
    ],
  },
  // Cross-field rules
  {
    name: 'a new cross-field rule is major',
    old: (s) => {
      s.overlay.fragments.securityGroupRule.rules = [];
    },
    expected: [
      [
        OP,
        'rules.all-ports-port-range',
        'rule-added',
        `${OP}: new cross-field rule \`all-ports-port-range\`: With IpProtocol icmp, gre or all, the port range is -1/-1.`,
      ],
    ],
  },
  {
    name: 'a removed cross-field rule is minor',
    now: (s) => {
      s.overlay.fragments.securityGroupRule.rules = [];
    },
    expected: [
      [OP, 'rules.all-ports-port-range', 'rule-removed', `${OP}: cross-field rule \`all-ports-port-range\` removed`],
    ],
  },
  {
    name: 'a rule that applies in more cases or to more parameters narrows',
    old: (s) => {
      rule(s).when.in = ['icmp', 'gre'];
    },
    now: (s) => void rule(s).then.parameters.push('SourcePortRange'),
    expected: [
      [
        OP,
        'rules.all-ports-port-range',
        'constraint-narrowed',
        `${OP}: cross-field rule \`all-ports-port-range\` now also applies when \`IpProtocol\` is \`all\``,
      ],
      [
        OP,
        'rules.all-ports-port-range',
        'constraint-narrowed',
        `${OP}: cross-field rule \`all-ports-port-range\` now also constrains \`SourcePortRange\``,
      ],
    ],
  },
  {
    name: 'a rule that allows more values widens',
    old: (s) => {
      rule(s).then = { parameters: ['PortRange'], oneOf: ['-1/-1'] };
    },
    now: (s) => {
      rule(s).then = { parameters: ['PortRange'], oneOf: ['-1/-1', '1/65535'] };
    },
    expected: [
      [
        OP,
        'rules.all-ports-port-range',
        'constraint-widened',
        `${OP}: cross-field rule \`all-ports-port-range\` now also allows \`1/65535\``,
      ],
    ],
  },
  // Response fields
  {
    name: 'a new response field is minor',
    now: (s) => {
      response(s).properties.RuleCount = { type: 'integer', format: 'int32' };
    },
    expected: [[OP, 'response.RuleCount', 'response-field-added', `${OP}: new response field \`RuleCount\``]],
  },
  {
    name: 'a removed response field is major',
    now: (s) => void delete response(s).properties.RequestId,
    expected: [[OP, 'response.RequestId', 'response-field-removed', `${OP}: response field \`RequestId\` removed`]],
  },
  {
    name: 'response fields are compared recursively (arrays add `[]`)',
    old: (s) => {
      response(s).properties.Rules = structuredClone(RULES);
    },
    now: (s) => {
      response(s).properties.Rules = structuredClone(RULES);
      response(s).properties.Rules.items.properties.Policy = { type: 'string', enum: ['accept', 'drop'] };
    },
    expected: [[OP, 'response.Rules[].Policy', 'response-field-added', `${OP}: new response field \`Rules[].Policy\``]],
  },
  {
    name: 'a new enum value of a response field is minor (response enums are open; see specs/README.md)',
    old: (s) => {
      response(s).properties.Status = { type: 'string', enum: ['Available'] };
    },
    now: (s) => {
      response(s).properties.Status = { type: 'string', enum: ['Available', 'Deleting'] };
    },
    expected: [
      [OP, 'response.Status', 'enum-value-added', `${OP}: new value \`Deleting\` of response field \`Status\``],
    ],
  },
  {
    name: 'a removed enum value of a response field is major',
    old: (s) => {
      response(s).properties.Status = { type: 'string', enum: ['Available', 'Deleting'] };
    },
    now: (s) => {
      response(s).properties.Status = { type: 'string', enum: ['Available'] };
    },
    expected: [
      [OP, 'response.Status', 'enum-value-removed', `${OP}: value \`Deleting\` of response field \`Status\` removed`],
    ],
  },
  {
    name: 'an enum on a free string response field changes its type: major',
    old: (s) => {
      response(s).properties.Status = { type: 'string' };
    },
    now: (s) => {
      response(s).properties.Status = { type: 'string', enum: ['Available'] };
    },
    expected: [
      [
        OP,
        'response.Status',
        'type-changed',
        `${OP}: response field \`Status\`: type is now one of \`Available\` (was any string)`,
      ],
    ],
  },
  {
    name: 'a response field constraint is documentation (responses are not checked)',
    now: (s) => {
      response(s).properties.RequestId.maxLength = 64;
    },
    expected: [
      [
        OP,
        'response.RequestId',
        'constraint-changed',
        `${OP}: response field \`RequestId\`: maxLength 64 added (not checked on responses)`,
      ],
    ],
  },
  // Error codes and classes
  {
    name: 'a new error code of an operation is minor',
    now: (s) => void errorCodes(s, 'DeleteDisk').push(errorCodes(s).find((e) => e.errorCode === 'MissingParameter')!),
    expected: [
      [
        'DeleteDisk',
        'errors.MissingParameter',
        'error-code-added',
        'DeleteDisk: new error code `MissingParameter` (HTTP 400)',
      ],
    ],
  },
  {
    name: 'an error code an operation no longer lists is major (its class no longer maps it for that operation)',
    now: (s) => {
      s.metadata.apis.DeleteDisk.errorCodes['400'] = errorCodes(s, 'DeleteDisk').filter(
        (e) => e.errorCode !== 'NoPermission',
      );
    },
    expected: [
      ['DeleteDisk', 'errors.NoPermission', 'error-code-removed', 'DeleteDisk: error code `NoPermission` removed'],
    ],
  },
  {
    name: 'a new error code no operation had adds an error class: minor',
    now: (s) => void errorCodes(s).push({ errorCode: 'SecurityGroupRule.Locked', errorMessage: 'Locked.' }),
    expected: [
      [
        OP,
        'errors.SecurityGroupRule.Locked',
        'error-code-added',
        `${OP}: new error code \`SecurityGroupRule.Locked\` (HTTP 400)`,
      ],
      [
        null,
        'errorClasses.SecurityGroupRuleLockedError',
        'error-class-added',
        'new error class `SecurityGroupRuleLockedError` (code `SecurityGroupRule.Locked`)',
      ],
    ],
  },
  {
    name: 'an error code no operation lists any more removes its class: major',
    now: (s) => {
      s.metadata.apis[OP].errorCodes['400'] = errorCodes(s).filter((e) => e.errorCode !== 'CallInterface');
    },
    expected: [
      [OP, 'errors.CallInterface', 'error-code-removed', `${OP}: error code \`CallInterface\` removed`],
      [
        null,
        'errorClasses.CallInterfaceError',
        'error-class-removed',
        'error class `CallInterfaceError` removed (code `CallInterface`)',
      ],
    ],
  },
  {
    name: 'a changed error class property is a patch',
    now: (s) => {
      s.overlay.commonErrors.Throttling.retryable = false;
    },
    expected: [
      [
        null,
        'errorClasses.ThrottlingError',
        'error-class-changed',
        'error class `ThrottlingError`: retryable false (was true)',
      ],
    ],
  },
  {
    name: 'a new region endpoint is a patch (the table only routes; unknown regions use the default endpoint)',
    now: (s) => void s.metadata.endpoints.push({ regionId: 'cn-test-1', endpoint: 'ens.cn-test-1.aliyuncs.com' }),
    expected: [
      [
        null,
        'endpoints.cn-test-1',
        'endpoint-changed',
        'new endpoint `ens.cn-test-1.aliyuncs.com` for region `cn-test-1`',
      ],
    ],
  },
];

/** The parts of a change a case states (the bump comes from the kind table and is checked separately). */
const shown = (c: SpecChange): Expected => [c.operation, c.path, c.kind, c.summary];

describe('one fixture pair per rule', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const diff = diffOf(c.old, c.now);
    expect(diff.changes.map(shown)).toEqual(c.expected);
    for (const change of diff.changes) expect(change.bump).toBe(CHANGE_KINDS[change.kind]);
    const bumps = c.expected.map(([, , kind]) => CHANGE_KINDS[kind]);
    const want = bumps.includes('major') ? 'major' : bumps.includes('minor') ? 'minor' : 'patch';
    expect(diff.bump).toBe(want);
  });

  it('covers every kind of change', () => {
    const covered = new Set(CASES.flatMap((c) => c.expected.map(([, , kind]) => kind)));
    expect(Object.keys(CHANGE_KINDS).filter((k) => !covered.has(k as ChangeKind))).toEqual([]);
  });
});

describe('the diff as a whole', () => {
  it('is empty with bump none when nothing changed', () => {
    expect(diffOf(undefined, undefined)).toEqual({ bump: 'none', changes: [] });
  });

  it('takes the largest bump of its changes, and lists them in a stable order', () => {
    const diff = diffOf(undefined, (s) => {
      param(s, 'Priority').description = '优先级';
      addParameter(s, 'Description', { type: 'string' });
      removeParameter(s, 'DiskId', 'DeleteDisk');
    });
    expect(diff.bump).toBe('major');
    expect(diff.changes.map((c) => `${c.bump} ${c.kind} ${c.operation}`)).toEqual([
      'major parameter-removed DeleteDisk',
      'minor parameter-added-optional RevokeSecurityGroupEgress',
      'patch doc-changed RevokeSecurityGroupEgress',
    ]);
  });

  it('does not depend on parameter or error code order in the metadata', () => {
    const diff = diffOf(undefined, (s) => {
      s.metadata.apis[OP].parameters.reverse();
      errorCodes(s).reverse();
    });
    expect(diff.changes).toEqual([]);
  });

  it('a rule target that is itself a new parameter is not a narrowing', () => {
    const diff = diffOf(
      (s) => removeParameter(s, 'SourcePortRange'),
      (s) => void rule(s).then.parameters.push('SourcePortRange'),
    );
    expect(diff.changes.map((c) => c.kind)).toEqual(['parameter-added-optional']);
  });

  it('a surface projection diffs like the model it came from', () => {
    const a = side();
    const b = side((s) => addParameter(s, 'Description', { type: 'string' }));
    const [old, now] = [modelOf(a.metadata, a.overlay), modelOf(b.metadata, b.overlay)];
    expect(diffServiceModels(toApiSurface(old), toApiSurface(now))).toEqual(diffServiceModels(old, now));
  });
});

describe('specs/README.md documents the kinds', () => {
  it('its table lists every kind with the bump the code uses', () => {
    const readme = readFileSync(join(REPO_ROOT, 'specs/README.md'), 'utf8');
    const table = Object.fromEntries(
      [...readme.matchAll(/^\| `([a-z-]+)` \| (major|minor|patch) \|/gm)].map((m) => [m[1], m[2]]),
    );
    expect(table).toEqual(CHANGE_KINDS);
  });
});
