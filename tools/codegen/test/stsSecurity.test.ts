/**
 * STS, the second product through the pipeline: the model reads each operation's `security` from Alibaba's STS
 * metadata (signed for `AK`, unsigned for `ARS_OIDC` and `Anonymous`), the overlay's `select` keeps three
 * operations, and the emitted definitions say whether the call is signed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENS_SPEC, generateStsFiles, loadModel, STS_OPERATIONS_DIR, STS_SPEC } from '../src/generate.js';
import { locateMetadata, STS_METADATA } from '../src/spec/locate.js';
import { SpecError } from '../src/spec/specError.js';
import {
  expectSpecError,
  readJson,
  removeTemporaryDirectories,
  REPO_ROOT,
  temporaryDirectory,
  type Json,
} from './helpers.js';

afterAll(removeTemporaryDirectories);

const STS_METADATA_PATH = locateMetadata(REPO_ROOT, STS_METADATA);
const stsMetadata = (): Json => readJson(STS_METADATA_PATH);
const stsOverlay = (): Json => readJson(join(REPO_ROOT, STS_SPEC.overlay));

/** Loads the STS model from a temporary root holding these documents. */
function loadSts(metadata: Json, overlay: Json, strict = false) {
  const root = temporaryDirectory();
  const metadataPath = join(root, STS_METADATA.fileName);
  writeFileSync(metadataPath, JSON.stringify(metadata));
  mkdirSync(join(root, STS_SPEC.overlay, '..'), { recursive: true });
  writeFileSync(join(root, STS_SPEC.overlay), JSON.stringify(overlay));
  return () => loadModel(root, STS_SPEC, { metadataPath, strict });
}

describe('security from the metadata', () => {
  it('the metadata itself says AK for AssumeRole, ARS_OIDC for AssumeRoleWithOIDC, Anonymous for AssumeRoleWithSAML', () => {
    const apis = stsMetadata().apis;
    expect(apis.AssumeRole.security).toEqual([{ AK: [] }]);
    expect(apis.AssumeRoleWithOIDC.security).toEqual([{ ARS_OIDC: [] }]);
    expect(apis.AssumeRoleWithSAML.security).toEqual([{ Anonymous: [] }]);
  });

  it('the STS model: the three selected operations, AssumeRoleWithOIDC unsigned', () => {
    const model = loadModel(REPO_ROOT, STS_SPEC);
    expect(model.product).toBe('Sts');
    expect(model.apiVersion).toBe('2015-04-01');
    expect(model.operations.map((o) => [o.name, o.signed])).toEqual([
      ['AssumeRole', true],
      ['AssumeRoleWithOIDC', false],
      ['GetCallerIdentity', true],
    ]);
  });

  it('without select, every operation is built, and AssumeRoleWithSAML (Anonymous) is unsigned', () => {
    const { select: _dropped, ...overlay } = stsOverlay();
    const model = loadSts(stsMetadata(), overlay)();
    const signed = Object.fromEntries(model.operations.map((o) => [o.name, o.signed]));
    expect(signed).toEqual({
      AssumeRole: true,
      AssumeRoleWithOIDC: false,
      AssumeRoleWithSAML: false,
      GetCallerIdentity: true,
    });
  });

  it('no security means signed (Alibaba default); an AK alternative makes the call signed', () => {
    const metadata = stsMetadata();
    delete metadata.apis.AssumeRole.security;
    metadata.apis.AssumeRoleWithOIDC.security = [{ ARS_OIDC: [] }, { AK: [] }];
    const model = loadSts(metadata, stsOverlay())();
    expect(model.operations.find((o) => o.name === 'AssumeRole')?.signed).toBe(true);
    expect(model.operations.find((o) => o.name === 'AssumeRoleWithOIDC')?.signed).toBe(true);
  });

  it('every ENS operation is signed (its metadata says AK)', () => {
    expect(loadModel(REPO_ROOT, ENS_SPEC).operations.every((o) => o.signed)).toBe(true);
  });

  it('a scheme ensdk does not send (BearerToken) alone is repaired: signed, one warning at its path; --strict refuses', () => {
    const metadata = stsMetadata();
    metadata.apis.AssumeRole.security = [{ BearerToken: [] }];
    const model = loadSts(metadata, stsOverlay())();
    expect(model.operations.find((o) => o.name === 'AssumeRole')?.signed).toBe(true);
    expect(model.repairs.filter((r) => r.kind === 'unsupported-security')).toEqual([
      expect.objectContaining({ file: STS_METADATA.fileName, path: '#/apis/AssumeRole/security' }),
    ]);
    // STS also has required/docRequired repairs; strict lists this one among them, at the same path.
    const strict = (() => {
      try {
        loadSts(metadata, stsOverlay(), true)();
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(strict).toBeInstanceOf(SpecError);
    expect((strict as SpecError).problems).toContainEqual(
      expect.objectContaining({
        file: STS_METADATA.fileName,
        path: '#/apis/AssumeRole/security',
        found: '"BearerToken"',
        expected: expect.stringContaining('unsupported-security'),
      }),
    );
  });

  it('select: a name the metadata lacks, and an overlay entry outside the selection, are problems', () => {
    const overlay = stsOverlay();
    overlay.select = ['AssumeRole', 'AssumeRoleWithSAML2'];
    expectSpecError(loadSts(stsMetadata(), overlay), [
      {
        file: STS_SPEC.overlay,
        path: '#/select/1',
        expected: 'the name of an operation in the metadata',
        found: '"AssumeRoleWithSAML2"',
      },
      {
        file: STS_SPEC.overlay,
        path: '#/operations/AssumeRoleWithOIDC',
        expected: 'an operation listed in select',
        found: '"AssumeRoleWithOIDC"',
      },
      {
        file: STS_SPEC.overlay,
        path: '#/operations/GetCallerIdentity',
        expected: 'an operation listed in select',
        found: '"GetCallerIdentity"',
      },
    ]);
  });
});

describe('emitted STS definitions', () => {
  it('one file per selected operation; only the unsigned one says signed: false; the committed files are these', () => {
    const files = generateStsFiles(loadModel(REPO_ROOT, STS_SPEC));
    expect(files.map((f) => f.path)).toEqual(
      ['AssumeRole', 'AssumeRoleWithOIDC', 'GetCallerIdentity'].map((n) => `${STS_OPERATIONS_DIR}/${n}.gen.ts`),
    );
    for (const file of files) {
      expect(file.text).toMatch(
        /^\/\/ Generated by tools\/codegen from sts-2015-04-01\.api-docs\.json \+ specs\/sts\//,
      );
      expect(file.text.includes('signed: false,'), file.path).toBe(file.path.endsWith('AssumeRoleWithOIDC.gen.ts'));
      expect(readFileSync(join(REPO_ROOT, file.path), 'utf8'), file.path).toBe(file.text);
    }
  });
});
