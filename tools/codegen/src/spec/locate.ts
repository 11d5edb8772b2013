import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * One of Alibaba's API metadata files the generator reads. The files are Alibaba's, so this repository never holds
 * them: they are found on the machine ({@link locateMetadata}) or downloaded by `npm run spec:fetch`.
 */
export interface MetadataSource {
  /** Alibaba's product code as its metadata service spells it, e.g. `Ens`. */
  readonly product: string;
  /** API version, e.g. `2017-11-10`. */
  readonly version: string;
  /** The file's name wherever it is kept, e.g. `ens-2017-11-10.api-docs.json`; also what generated headers name. */
  readonly fileName: string;
}

/** ENS 2017-11-10, the service this repository generates. */
export const ENS_METADATA: MetadataSource = {
  product: 'Ens',
  version: '2017-11-10',
  fileName: 'ens-2017-11-10.api-docs.json',
};

/**
 * STS 2015-04-01, the second product: the credentials providers' AssumeRole and AssumeRoleWithOIDC (internal to
 * `@ensdk/client`). Read from the same folders as ENS's (`../shared/corpus/` on this project's machines).
 */
export const STS_METADATA: MetadataSource = {
  product: 'Sts',
  version: '2015-04-01',
  fileName: 'sts-2015-04-01.api-docs.json',
};

/** Every metadata file `npm run generate` reads, in the order `npm run spec:fetch` downloads them. */
export const METADATA_SOURCES: readonly MetadataSource[] = [ENS_METADATA, STS_METADATA];

/** Environment variable naming a folder searched first for metadata files (by their {@link MetadataSource.fileName}). */
export const METADATA_DIR_ENV = 'ENSDK_METADATA_DIR';

/** The git-ignored folder of the repository where `npm run spec:fetch` writes. */
export const FETCHED_METADATA_DIR = '.metadata';

/** Alibaba's public metadata service. */
export const METADATA_SERVICE = 'https://api.aliyun.com';

/** Where Alibaba's metadata service publishes a file. */
export function metadataUrl(source: MetadataSource, service: string = METADATA_SERVICE): string {
  return `${service.replace(/\/+$/, '')}/meta/v1/products/${source.product}/versions/${source.version}/api-docs.json`;
}

/** A folder searched for metadata files, and why it is searched. */
export interface SearchedFolder {
  readonly dir: string;
  readonly why: string;
}

/**
 * The folders searched for metadata files, first match wins: `$ENSDK_METADATA_DIR`, the repository's `.metadata/`
 * (what `npm run spec:fetch` downloads), then `../shared/upstream/` and `../shared/corpus/` beside the checkout
 * (present on every development and CI machine of this project).
 */
export function metadataSearchPath(root: string, env: NodeJS.ProcessEnv = process.env): SearchedFolder[] {
  const folders: SearchedFolder[] = [];
  const override = env[METADATA_DIR_ENV];
  if (override !== undefined && override !== '') folders.push({ dir: resolve(override), why: `$${METADATA_DIR_ENV}` });
  folders.push(
    { dir: join(root, FETCHED_METADATA_DIR), why: 'npm run spec:fetch' },
    { dir: join(root, '..', 'shared', 'upstream'), why: 'beside the checkout' },
    { dir: join(root, '..', 'shared', 'corpus'), why: 'beside the checkout' },
  );
  return folders;
}

/** Thrown when a metadata file is in none of the searched folders; the message says where to get it. */
export class MetadataNotFoundError extends Error {
  readonly source: MetadataSource;
  readonly searched: readonly SearchedFolder[];

  constructor(source: MetadataSource, searched: readonly SearchedFolder[], root: string) {
    super(
      [
        `Alibaba's metadata file ${source.fileName} was not found. Looked in:`,
        ...searched.map((f) => `  ${displayPath(root, join(f.dir, source.fileName))}  (${f.why})`),
        'Get it with `npm run spec:fetch` (downloads it into .metadata/, which git ignores), or put the file in a folder',
        `named by $${METADATA_DIR_ENV}, or pass --metadata FILE. It is published at ${metadataUrl(source)}.`,
      ].join('\n'),
    );
    this.name = 'MetadataNotFoundError';
    this.source = source;
    this.searched = searched;
  }
}

/** Absolute path of the first file named `source.fileName` on the {@link metadataSearchPath}. */
export function locateMetadata(root: string, source: MetadataSource, env: NodeJS.ProcessEnv = process.env): string {
  const searched = metadataSearchPath(root, env);
  for (const folder of searched) {
    const path = join(folder.dir, source.fileName);
    if (existsSync(path)) return path;
  }
  throw new MetadataNotFoundError(source, searched, root);
}

/** A path as a person reads it in messages: relative to the repository root when that is shorter. */
export function displayPath(root: string, path: string): string {
  const shown = relative(root, path);
  return shown === '' || isAbsolute(shown) || shown.length > path.length ? path : shown;
}
