import { describe, expect, it } from 'vitest';
import {
  reinitInstanceOperation,
  runInstancesOperation,
  unassociateNetworkAclOperation,
  describeSecurityGroupsOperation,
  validateInput,
} from '../src/models.js';
import type { OperationDefinition } from '../src/core/operation.js';
import { fromWireObject, toWireParameters } from '../src/node/wire.js';

describe('request parameters in Alibaba wire form', () => {
  it('json style: the value with wire names as a JSON string; repeatList: Name.N.Member', () => {
    const input = validateInput('RunInstances', runInstancesOperation.input(), {
      instanceType: 'ens.sn1.small',
      imageId: 'centos_7',
      ensRegionId: 'cn-hangzhou-telecom',
      instanceChargeType: 'PostPaid',
      amount: 1,
      internetChargeType: '95BandwidthByMonth',
      scheduleAreaLevel: 'Region',
      internetMaxBandwidthOut: 100,
      systemDisk: { size: 50, category: 'local_ssd' },
      dataDisk: [{ size: 20, category: 'cloud_ssd', encrypted: true }],
      tag: [
        { key: 'team', value: 'edge' },
        { key: 'env', value: 'prod' },
      ],
    });
    const { query, form } = toWireParameters(runInstancesOperation, input);
    expect(form).toEqual({});
    expect(JSON.parse(query['SystemDisk']!)).toEqual({ Size: 50, Category: 'local_ssd' });
    expect(JSON.parse(query['DataDisk']!)).toEqual([{ Size: 20, Category: 'cloud_ssd', Encrypted: true }]);
    expect(query).toMatchObject({
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'edge',
      'Tag.2.Key': 'env',
      'Tag.2.Value': 'prod',
      Amount: '1',
    });
    expect(Object.keys(query).some((k) => k.startsWith('Tag') && !/^Tag\.\d\.(Key|Value)$/.test(k))).toBe(false);
  });

  it('flat style: Name.N.Member with 1-based indexes', () => {
    const input = {
      networkAclId: 'nacl-1',
      resource: [
        { resourceId: 'n-1', resourceType: 'Network' },
        { resourceId: 'n-2', resourceType: 'Network' },
      ],
    } as const;
    const { query } = toWireParameters(
      unassociateNetworkAclOperation,
      validateInput('UnassociateNetworkAcl', unassociateNetworkAclOperation.input(), input),
    );
    expect(query).toEqual({
      NetworkAclId: 'nacl-1',
      'Resource.1.ResourceId': 'n-1',
      'Resource.1.ResourceType': 'Network',
      'Resource.2.ResourceId': 'n-2',
      'Resource.2.ResourceType': 'Network',
    });
  });

  it('formData parameters go to the form, not the query', () => {
    const { query, form } = toWireParameters(reinitInstanceOperation, {
      instanceId: 'i-1',
      imageId: 'm-1',
      password: 'Pa55word!',
    });
    expect(query).toEqual({});
    expect(form).toEqual({ InstanceId: 'i-1', ImageId: 'm-1', Password: 'Pa55word!' });
  });

  it("simple style on a list: one parameter, the items joined with commas, as Alibaba's clients send it", () => {
    // VPC's GrantInstanceToVbr declares its list VbrInstanceIds with `style: simple` (no ENS operation does).
    const definition = {
      parameters: [
        { name: 'vbrInstanceIds', wire: 'VbrInstanceIds', shape: { kind: 'array' } },
        { name: 'ports', wire: 'Ports', shape: { kind: 'array', itemType: 'number' } },
      ],
    } as unknown as OperationDefinition<unknown, unknown>;
    expect(toWireParameters(definition, { vbrInstanceIds: ['vbr-1', 'vbr-2'], ports: [80, 443] })).toEqual({
      query: { VbrInstanceIds: 'vbr-1,vbr-2', Ports: '80,443' },
      form: {},
    });
  });
});

describe('objects the metadata gives no members (KMS EncryptionContext, SLB Labels)', () => {
  // The mapping the generator emits for them: a json-style parameter and a response field with neither type nor shape.
  const definition = {
    parameters: [
      { name: 'keyId', wire: 'KeyId' },
      { name: 'encryptionContext', wire: 'EncryptionContext', style: 'json' },
    ],
    output: { kind: 'object', fields: [{ name: 'labels', wire: 'Labels' }] },
  } as unknown as OperationDefinition<unknown, unknown>;

  it('a free-form request object is sent JSON-encoded with its keys as given', () => {
    const context = { Example: 'Example', camelKey: { Nested: [1, 'two'] } };
    const { query } = toWireParameters(definition, { keyId: 'k', encryptionContext: context });
    expect(query).toEqual({ KeyId: 'k', EncryptionContext: JSON.stringify(context) });
  });

  it('a response object without members is passed through as received, every key kept', () => {
    const labels = { Env: 'prod', 'team/a': ['x'], Deep: { Key: 1 } };
    expect(fromWireObject(definition.output, { Labels: labels, RequestId: 'R' })).toEqual({ labels });
    // What the old mapping, an object with zero fields, made of it: every key dropped.
    expect(
      fromWireObject(
        { kind: 'object', fields: [{ name: 'labels', wire: 'Labels', shape: { kind: 'object', fields: [] } }] },
        {
          Labels: labels,
        },
      ),
    ).toEqual({ labels: {} });
  });
});

describe('responses mapped to camelCase', () => {
  it('nested objects and arrays, unknown members dropped', () => {
    const body = {
      RequestId: 'R',
      PageNumber: 1,
      TotalCount: 2,
      Unknown: 'dropped',
      SecurityGroups: {
        SecurityGroup: [
          { SecurityGroupId: 'sg-1', SecurityGroupName: 'a', InstanceCount: 3 },
          { SecurityGroupId: 'sg-2' },
        ],
      },
    };
    expect(fromWireObject(describeSecurityGroupsOperation.output, body)).toEqual({
      requestId: 'R',
      pageNumber: 1,
      totalCount: 2,
      securityGroups: {
        securityGroup: [
          { securityGroupId: 'sg-1', securityGroupName: 'a', instanceCount: 3 },
          { securityGroupId: 'sg-2' },
        ],
      },
    });
  });

  it('a body that is not an object maps to an empty output', () => {
    expect(fromWireObject(describeSecurityGroupsOperation.output, null)).toEqual({});
    expect(fromWireObject(describeSecurityGroupsOperation.output, 'x')).toEqual({});
  });
});
