import { afterEach, describe, expect, it } from 'vitest';
import { EnsValidationError } from '@ensdk/errors';
import {
  EnsBareClient,
  validateOperationInput,
  type OperationDefinition,
  type RevokeSecurityGroupEgressInput,
  type RevokeSecurityGroupEgressOutput,
} from '../src/index.js';
import { deleteSecurityGroupOperation, revokeSecurityGroupEgressOperation } from '../src/models.js';
import { json, startLoopbackServer, type LoopbackServer } from './support/loopbackServer.js';

const KEYS = { accessKeyId: 'LTAI-test-id', accessKeySecret: 'very-secret-value-42' };
const INPUT: RevokeSecurityGroupEgressInput = {
  securityGroupId: 'sg-5tz1',
  ipProtocol: 'tcp',
  portRange: '22/22',
  destCidrIp: '10.0.0.0/8',
  priority: 3,
};

let server: LoopbackServer | undefined;
let client: EnsBareClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

/** RevokeSecurityGroupEgress with a schema and constraints that count how often anything validates against them. */
function countingDefinition(): {
  definition: OperationDefinition<RevokeSecurityGroupEgressInput, RevokeSecurityGroupEgressOutput>;
  parses: () => number;
} {
  let parses = 0;
  const schema = revokeSecurityGroupEgressOperation.input();
  const counting = new Proxy(schema, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key !== 'safeParse' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        parses++;
        return Reflect.apply(value, target, args);
      };
    },
  });
  // send validates with the constraints (no zod on a call), validateOperationInput with the schema: both count.
  const definition = { ...revokeSecurityGroupEgressOperation, input: () => counting };
  Object.defineProperty(definition, 'constraints', {
    get: () => {
      parses++;
      return revokeSecurityGroupEgressOperation.constraints;
    },
  });
  return { definition, parses: () => parses };
}

async function loopbackClient(): Promise<EnsBareClient> {
  server = await startLoopbackServer((_req, res) => json(res, 200, { RequestId: 'R-1' }));
  client = new EnsBareClient({ endpoint: server.url, credentials: KEYS, maxRetries: 0 });
  return client;
}

describe('validateOperationInput', () => {
  it('returns the parsed input, deeply frozen; the caller’s object is left alone', () => {
    const input = { ...INPUT };
    const valid = validateOperationInput(revokeSecurityGroupEgressOperation, input);
    expect(valid).toEqual(INPUT);
    expect(valid).not.toBe(input);
    expect(Object.isFrozen(valid)).toBe(true);
    expect(Object.isFrozen(input)).toBe(false);
    expect(() => {
      (valid as { portRange: string }).portRange = '200/1';
    }).toThrow(TypeError);
  });

  it('throws EnsValidationError naming each field and rule, before any I/O', () => {
    let caught: unknown;
    try {
      validateOperationInput(revokeSecurityGroupEgressOperation, { ...INPUT, portRange: '200/1', ipProtocol: 'TCP' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnsValidationError);
    const issues = (caught as EnsValidationError).issues.map((i) => i.path);
    expect(issues).toEqual(expect.arrayContaining(['ipProtocol']));
    expect((caught as EnsValidationError).operation).toBe('RevokeSecurityGroupEgress');
  });
});

describe('send after validateOperationInput', () => {
  it('does not validate an input twice: one parse for validateOperationInput + send', async () => {
    const ens = await loopbackClient();
    const { definition, parses } = countingDefinition();
    const valid = validateOperationInput(definition, INPUT);
    expect(parses()).toBe(1);
    expect(await ens.send(definition, valid)).toEqual({ requestId: 'R-1' });
    expect(parses()).toBe(1);
    expect(server!.requests).toHaveLength(1);
    expect(server!.requests[0]!.url.searchParams.get('PortRange')).toBe('22/22');
  });

  it('validates anything it did not produce: a plain input, a copy, an input validated for another operation', async () => {
    const ens = await loopbackClient();
    const { definition, parses } = countingDefinition();
    await ens.send(definition, { ...INPUT });
    expect(parses()).toBe(1);
    const valid = validateOperationInput(definition, INPUT);
    await ens.send(definition, { ...valid });
    expect(parses()).toBe(3);
    // Validated for the real definition, sent with another object (the counting one): validated again.
    await ens.send(definition, validateOperationInput(revokeSecurityGroupEgressOperation, INPUT));
    expect(parses()).toBe(4);
    expect(server!.requests).toHaveLength(3);
  });

  it('never sends an invalid input: one validated for another operation is checked against this one', async () => {
    const ens = await loopbackClient();
    const other = validateOperationInput(deleteSecurityGroupOperation, { securityGroupId: 'sg-1' });
    await expect(
      ens.send(revokeSecurityGroupEgressOperation, other as unknown as RevokeSecurityGroupEgressInput),
    ).rejects.toBeInstanceOf(EnsValidationError);
    // A forged look-alike (same shape, frozen) is not trusted either.
    const forged = Object.freeze({ ...INPUT, portRange: '200/1' });
    await expect(ens.send(revokeSecurityGroupEgressOperation, forged)).rejects.toBeInstanceOf(EnsValidationError);
    expect(server!.requests).toHaveLength(0);
  });
});
