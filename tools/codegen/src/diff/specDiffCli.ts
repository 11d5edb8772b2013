/**
 * `npm run spec:diff -- [<old.json>] <new.json> [--json]`: the public API changes between two Alibaba metadata files
 * (each combined with the repository's overlay where it applies), or between the committed API snapshot and one
 * file, for people or, with `--json`, for tools.
 */
import { existsSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENS_SPEC } from '../generate.js';
import { buildModel } from '../model/build.js';
import type { ServiceModel } from '../model/types.js';
import { loadMetadata, loadOverlay, STDIN, type LoadedFile } from '../spec/load.js';
import type { OverlayDocument } from '../spec/overlaySchema.js';
import { SpecError } from '../spec/specError.js';
import { diffServiceModels, type SpecDiff } from './diffModels.js';
import { fitOverlay } from './fitOverlay.js';
import { bumpRank } from './kinds.js';
import { API_SURFACE_PATH, loadApiSurface } from './surface.js';

const USAGE = `Usage: npm run spec:diff -- [<old.json>] <new.json> [--json] [--overlay <file> | --no-overlay]

  Compares the public API of two Alibaba metadata files (api-docs.json) and prints each change with its kind and
  the version bump it calls for (major, minor, patch; none when nothing public changed). With one file, compares
  the API the packages have now (the committed snapshot, ${API_SURFACE_PATH}) with that file.
  One of the files may be -, standard input: curl -s <url> | npm run spec:diff -- -

  --json          print { "bump", "changes": [{ "operation", "path", "kind", "bump", "summary" }] } (stdout only
                  carries the JSON: run npm with --silent, or node tools/codegen/bin/ensdk-spec-diff.mjs)
  --overlay FILE  overlay to combine with both files (default: specs/ens/2017-11-10/overlay.json)
  --no-overlay    compare the metadata alone

  References of the overlay that a file lacks (an operation, parameter, enum value or response member) are left
  out for that file and listed on stderr. Exit codes: 0 diffed (whatever the bump), 1 broken spec, 2 usage.`;

/** Where the CLI prints: injectable for tests. */
export interface Output {
  log(text: string): void;
  error(text: string): void;
}

interface Options {
  /** The old file, or `null` for the committed snapshot; then the new file. */
  readonly files: readonly [string | null, string];
  readonly json: boolean;
  /** Overlay path and the name messages use for it, or `null` for none. */
  readonly overlay: { readonly path: string; readonly display: string } | null;
}

const repositoryRoot = (): string => resolve(fileURLToPath(new URL('../../../..', import.meta.url)));

/** Parses the arguments; a string is a usage error to print. */
function parseArguments(argv: readonly string[], cwd: string): Options | string | 'help' {
  const files: string[] = [];
  let json = false;
  // The repository's overlay is named as `npm run generate` names it, wherever the command runs.
  let overlay: Options['overlay'] = { path: resolve(repositoryRoot(), ENS_SPEC.overlay), display: ENS_SPEC.overlay };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--json') json = true;
    else if (arg === '--no-overlay') overlay = null;
    else if (arg === '--overlay') {
      const value = argv[++i];
      if (value === undefined) return '--overlay needs a file';
      overlay = { path: resolve(cwd, value), display: display(resolve(cwd, value), cwd) };
    } else if (arg === STDIN) files.push(arg);
    else if (arg.startsWith('-')) return `Unknown argument: ${arg}`;
    else files.push(resolve(cwd, arg));
  }
  if (files.length !== 1 && files.length !== 2) return `Expected one or two metadata files, found ${files.length}`;
  if (files[0] === STDIN && files[1] === STDIN) return 'Only one of the two files can be - (standard input)';
  for (const file of [...files, ...(overlay === null ? [] : [overlay.path])]) {
    if (file !== STDIN && (!existsSync(file) || !statSync(file).isFile())) return `No such file: ${file}`;
  }
  return { files: files.length === 1 ? [null, files[0]!] : [files[0]!, files[1]!], json, overlay };
}

/** A path as shown in messages: relative to where the user ran the command when it is below it. */
function display(path: string, cwd: string): string {
  if (path === STDIN) return '(stdin)';
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') ? rel.split('\\').join('/') : path;
}

/** Builds the model of one metadata file with the overlay fitted to it; notes what the overlay could not apply. */
function modelOf(path: string, overlay: LoadedFile<OverlayDocument>, cwd: string, out: Output): ServiceModel {
  const metadata = loadMetadata(path, display(path, cwd));
  const fitted = fitOverlay(metadata.document, overlay.document);
  if (fitted.dropped.length > 0) {
    out.error(
      `Note: ${fitted.dropped.length} reference(s) of ${overlay.file} do not apply to ${metadata.file} and were left out for it:`,
    );
    for (const d of fitted.dropped) out.error(`  ${overlay.file}${d.path}: ${d.reason}`);
  }
  return buildModel(metadata, { ...overlay, document: fitted.overlay });
}

/** The human rendering: a headline, then one line per change (bump, kind, summary), breaking changes first. */
export function formatDiff(diff: SpecDiff, from: string, to: string): string {
  if (diff.changes.length === 0) return `${from} -> ${to}: no change to the public API (bump: none)`;
  const n = diff.changes.length;
  const width = Math.max(...diff.changes.map((c) => c.kind.length));
  const sorted = [...diff.changes].sort((a, b) => bumpRank(a.bump) - bumpRank(b.bump));
  return [
    `${from} -> ${to}: ${diff.bump} (${n} change${n === 1 ? '' : 's'})`,
    '',
    ...sorted.map((c) => `  ${c.bump.padEnd(5)}  ${c.kind.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** Runs `spec:diff`; returns the exit code. `cwd` resolves relative paths (npm's INIT_CWD: where the user ran npm). */
export function main(
  argv: readonly string[],
  out: Output = console,
  cwd = process.env['INIT_CWD'] ?? process.cwd(),
): number {
  const options = parseArguments(argv, cwd);
  if (options === 'help') {
    out.log(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    out.error(`${options}\n\n${USAGE}`);
    return 2;
  }
  try {
    const overlay: LoadedFile<OverlayDocument> =
      options.overlay === null
        ? { file: '(no overlay)', document: { commonErrors: {}, operations: {} }, sha256: '0'.repeat(64) }
        : loadOverlay(options.overlay.path, options.overlay.display);
    const [from, to] = options.files;
    const before = from === null ? loadApiSurface(repositoryRoot()) : modelOf(from, overlay, cwd, out);
    if (before === undefined) {
      out.error(`There is no API snapshot (${API_SURFACE_PATH}) to compare with: name the old file too.`);
      return 1;
    }
    const diff = diffServiceModels(before, modelOf(to, overlay, cwd, out));
    if (options.json) out.log(JSON.stringify({ bump: diff.bump, changes: diff.changes }, null, 2));
    else out.log(formatDiff(diff, from === null ? 'the committed API' : display(from, cwd), display(to, cwd)));
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      out.error(error.message);
      return 1;
    }
    throw error;
  }
}
