/**
 * `npm run spec:fetch`: downloads Alibaba's metadata files that `npm run generate` reads from Alibaba's public
 * metadata service into the repository's git-ignored `.metadata/` folder (the generator searches it before
 * `../shared/`). The files stay Alibaba's: they are never committed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadApiSurfaceFingerprint } from '../diff/surface.js';
import {
  displayPath,
  ENS_METADATA,
  FETCHED_METADATA_DIR,
  METADATA_SERVICE,
  METADATA_SOURCES,
  type MetadataSource,
  metadataUrl,
} from './locate.js';

/** Environment variable overriding the metadata service's origin (a mirror, or a loopback server in tests). */
export const METADATA_SERVICE_ENV = 'ENSDK_METADATA_SERVICE';

const USAGE = `Usage: npm run spec:fetch [-- --service URL] [--out DIR] [--timeout-ms N]

  Downloads ${METADATA_SOURCES.map((s) => s.fileName).join(', ')} from Alibaba's metadata service
  (${metadataUrl(ENS_METADATA)}) into .metadata/, which git ignores and
  \`npm run generate\` reads before ../shared/. Each file is checked (JSON, the expected product and version) and
  written whole or not at all.

  --service URL   origin of the metadata service (default: $${METADATA_SERVICE_ENV}, else ${METADATA_SERVICE})
  --out DIR       folder to write to (default: .metadata/ in this checkout)
  --timeout-ms N  give up on a download after N ms (default: 60000)

  Exit codes: 0 every file fetched, 1 a download or check failed, 2 usage.`;

/** Where the CLI prints: injectable for tests. */
export interface Output {
  log(text: string): void;
  error(text: string): void;
}

const repositoryRoot = (): string => resolve(fileURLToPath(new URL('../../../..', import.meta.url)));

interface Options {
  readonly service: string;
  readonly out: string;
  readonly timeoutMs: number;
}

function parseArguments(argv: readonly string[], env: NodeJS.ProcessEnv, root: string): Options | string | 'help' {
  let service = env[METADATA_SERVICE_ENV] || METADATA_SERVICE;
  let out = join(root, FETCHED_METADATA_DIR);
  let timeoutMs = 60_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg !== '--service' && arg !== '--out' && arg !== '--timeout-ms') return `Unknown argument: ${arg}`;
    if (value === undefined) return `${arg} needs a value`;
    i++;
    if (arg === '--service') service = value;
    else if (arg === '--out') out = resolve(value);
    else if (!/^\d+$/.test(value) || Number(value) === 0)
      return `--timeout-ms needs a positive integer, found ${value}`;
    else timeoutMs = Number(value);
  }
  if (!/^https?:\/\//.test(service)) return `--service needs an http(s) origin, found ${service}`;
  return { service, out, timeoutMs };
}

/** Downloads and checks one file; returns its bytes, or throws an `Error` whose message says what went wrong. */
async function download(source: MetadataSource, url: string, timeoutMs: number): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : String(error);
    throw new Error(`${url}: ${reason}${cause}`);
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${response.statusText}`.trim());
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${url}: the answer is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const info = typeof document === 'object' && document !== null ? Reflect.get(document, 'info') : undefined;
  const product: unknown = typeof info === 'object' && info !== null ? Reflect.get(info, 'product') : undefined;
  const version: unknown = typeof info === 'object' && info !== null ? Reflect.get(info, 'version') : undefined;
  if (product !== source.product || version !== source.version) {
    throw new Error(
      `${url}: expected the metadata of ${source.product} ${source.version}, found info.product ${JSON.stringify(product)} ` +
        `and info.version ${JSON.stringify(version)}`,
    );
  }
  return bytes;
}

/** Runs `spec:fetch`; returns the exit code. */
export async function main(
  argv: readonly string[],
  out: Output = console,
  env: NodeJS.ProcessEnv = process.env,
  root: string = repositoryRoot(),
): Promise<number> {
  const options = parseArguments(argv, env, root);
  if (options === 'help') {
    out.log(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    out.error(`${options}\n\n${USAGE}`);
    return 2;
  }
  let failed = 0;
  for (const source of METADATA_SOURCES) {
    const url = metadataUrl(source, options.service);
    try {
      const bytes = await download(source, url, options.timeoutMs);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = join(options.out, source.fileName);
      mkdirSync(options.out, { recursive: true });
      const temporary = `${target}.tmp-${process.pid}`;
      writeFileSync(temporary, bytes);
      renameSync(temporary, target);
      out.log(
        `${source.fileName}: ${bytes.length} bytes, sha256:${sha256.slice(0, 12)} -> ${displayPath(root, target)}` +
          `${source === ENS_METADATA ? describeNovelty(root, sha256) : ''}`,
      );
    } catch (error) {
      failed++;
      out.error(`${source.fileName}: not fetched. ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

/** Whether the ENS file is the one the committed code was generated from (the API snapshot records it). */
function describeNovelty(root: string, sha256: string): string {
  let recorded: string | undefined;
  try {
    recorded = loadApiSurfaceFingerprint(root)?.split('+')[0];
  } catch {
    return '';
  }
  if (recorded === undefined) return '';
  return recorded === `sha256:${sha256.slice(0, 12)}`
    ? ' (the file the committed code was generated from)'
    : ` (new: the committed code was generated from ${recorded}; see \`npm run spec:diff -- ${FETCHED_METADATA_DIR}/${ENS_METADATA.fileName}\`, then \`npm run generate\`)`;
}
