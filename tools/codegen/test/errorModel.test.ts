/** Error classes of the model built from the real spec: one class per code, unique names, gateway codes everywhere. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENS_SPEC, loadModel } from '../src/generate.js';
import { RESERVED_CLASS_NAMES } from '../src/model/errorClasses.js';
import type { ErrorClassModel, ServiceModel } from '../src/model/types.js';
import { readJson, REPO_ROOT, type Json, REAL_METADATA_PATH } from './helpers.js';

const GATEWAY_CODES = [
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId.NotFound',
  'SignatureNonceUsed',
  'InvalidTimeStamp.Expired',
  'InvalidAction.NotFound',
  'Forbidden.RAM',
  'InternalError',
  'ServiceUnavailable',
];

/**
 * Class names of the hand-written runtime of @ensdk/errors (every `errorName` its sources declare), which generated
 * classes must not take: read from the sources, so a class added there is reserved or this test fails.
 */
const RUNTIME_CLASS_NAMES = readdirSync(join(REPO_ROOT, 'packages/errors/src/runtime'))
  .filter((file) => file.endsWith('.ts'))
  .flatMap((file) => [
    ...readFileSync(join(REPO_ROOT, 'packages/errors/src/runtime', file), 'utf8').matchAll(
      /static (?:override )?readonly errorName(?::\s*string)?\s*=\s*'([A-Za-z]+)'/g,
    ),
  ])
  .map((match) => match[1]!);

let model: ServiceModel;
let metadata: Json;
let overlay: Json;
/** Distinct trimmed error codes of the metadata, with the operations listing each. */
const operationsOfCode = new Map<string, Set<string>>();

beforeAll(() => {
  model = loadModel(REPO_ROOT);
  metadata = readJson(REAL_METADATA_PATH);
  overlay = readJson(join(REPO_ROOT, ENS_SPEC.overlay));
  for (const [operation, api] of Object.entries<Json>(metadata.apis)) {
    for (const list of Object.values<Json[]>(api.errorCodes ?? {})) {
      for (const entry of list) {
        const code = (entry.errorCode as string).trim();
        operationsOfCode.set(code, (operationsOfCode.get(code) ?? new Set()).add(operation));
      }
    }
  }
});

const classByCode = (code: string): ErrorClassModel | undefined => model.errorClasses.find((c) => c.code === code);
const classNamed = (name: string): ErrorClassModel | undefined => model.errorClasses.find((c) => c.className === name);
/** The class an error code resolves to: its own, or the pattern class whose literal stem it is. */
const resolveCode = (code: string): ErrorClassModel | undefined =>
  classByCode(code) ?? model.errorClasses.find((c) => c.isPattern && c.code.replace(/[^A-Za-z0-9]*%s.*$/, '') === code);

describe('operations', () => {
  it('has the 231 operations of the metadata, sorted', () => {
    const names = Object.keys(metadata.apis).sort();
    expect(model.operations).toHaveLength(231);
    expect(model.operations.map((o) => o.name)).toEqual(names);
  });
});

describe('error classes', () => {
  it('gives every class a unique name that the runtime does not use', () => {
    const names = model.errorClasses.map((c) => c.className);
    expect(new Set(names).size).toBe(names.length);
    for (const reserved of RUNTIME_CLASS_NAMES) expect(names).not.toContain(reserved);
    // The generator reserves every one of them, whether or not a code of this spec would name it.
    expect(RUNTIME_CLASS_NAMES.length).toBeGreaterThanOrEqual(10);
    expect(RUNTIME_CLASS_NAMES.filter((name) => !RESERVED_CLASS_NAMES.has(name))).toEqual([]);
    for (const name of names) expect(name).toMatch(/^[A-Z][A-Za-z0-9_]*Error$/);
  });

  it('resolves the StockNotEnough / Stock.NotEnough collision deterministically', () => {
    expect(classByCode('StockNotEnough')?.className).toBe('StockNotEnoughError');
    expect(classByCode('Stock.NotEnough')?.className).toBe('Stock_NotEnoughError');
  });

  it('folds the bare InvalidParameter into the pattern class InvalidParameter.%s', () => {
    expect(classByCode('InvalidParameter')).toBeUndefined();
    const pattern = classByCode('InvalidParameter.%s');
    expect(pattern).toMatchObject({ className: 'InvalidParameterError', isPattern: true });
    expect(model.errorClasses.filter((c) => c.className === 'InvalidParameterError')).toHaveLength(1);
    // Operations that list only the bare code still raise the pattern class.
    const bare = operationsOfCode.get('InvalidParameter');
    expect(bare?.size).toBeGreaterThan(0);
    for (const operation of bare ?? []) {
      expect(pattern!.operations).toContain(operation);
      expect(model.operations.find((o) => o.name === operation)!.errorClassNames).toContain('InvalidParameterError');
    }
  });

  it('maps every distinct trimmed error code of the metadata to a class raised by the operations listing it', () => {
    expect(operationsOfCode.size).toBeGreaterThan(100);
    const unmapped: string[] = [];
    for (const [code, operations] of operationsOfCode) {
      const errorClass = resolveCode(code);
      if (errorClass === undefined) {
        unmapped.push(code);
        continue;
      }
      for (const operation of operations) {
        expect(errorClass.operations, `${code} → ${errorClass.className}`).toContain(operation);
        expect(model.operations.find((o) => o.name === operation)!.errorClassNames).toContain(errorClass.className);
      }
    }
    expect(unmapped).toEqual([]);
  });

  it('has no class without a code of the metadata or the overlay', () => {
    const known = new Set([...operationsOfCode.keys(), ...Object.keys(overlay.commonErrors)]);
    expect(model.errorClasses.filter((c) => !known.has(c.code)).map((c) => c.code)).toEqual([]);
  });

  it('makes the 12 gateway codes common classes with the fault, status and retryability of the overlay', () => {
    expect(Object.keys(overlay.commonErrors).sort()).toEqual([...GATEWAY_CODES].sort());
    for (const code of GATEWAY_CODES) {
      const common = overlay.commonErrors[code];
      expect(classByCode(code), code).toMatchObject({
        common: true,
        isPattern: false,
        fault: common.fault,
        retryable: common.retryable,
        httpStatus: common.httpStatus,
        description: common.description,
      });
    }
    expect(classByCode('Forbidden.RAM')?.className).toBe('ForbiddenRamError');
    expect(classByCode('InternalError')?.className).toBe('InternalError');
    expect(model.errorClasses.filter((c) => c.common)).toHaveLength(GATEWAY_CODES.length);
  });

  it('lets every operation raise every gateway class, and lists its class names sorted and unique', () => {
    const gatewayClasses = GATEWAY_CODES.map((code) => classByCode(code)!.className);
    for (const operation of model.operations) {
      expect(operation.errorClassNames).toEqual(expect.arrayContaining(gatewayClasses));
      expect([...operation.errorClassNames].sort()).toEqual(operation.errorClassNames);
      expect(new Set(operation.errorClassNames).size).toBe(operation.errorClassNames.length);
      for (const name of operation.errorClassNames)
        expect(classNamed(name), `${operation.name}: ${name}`).toBeDefined();
    }
  });
});
