import { readFileSync } from 'node:fs';
import { Biome, type Configuration } from '@biomejs/js-api/nodejs';
import type { GeneratedFile } from './common.js';

/** The house style: the `biome.json` of the repository this generator belongs to. */
const HOUSE_STYLE = new URL('../../../../biome.json', import.meta.url);

/**
 * Formats generated files with the repository's own Biome configuration (`biome.json`), in process (Biome's
 * WebAssembly build, the same version as the `biome` CLI that `npm run format` and `npm run lint` run), so that
 * the committed output is what the formatter would write and `generate --check` stays byte-exact.
 */
export class GeneratedFormatter {
  readonly #biome: Biome;
  readonly #projectKey: number;

  constructor() {
    const configuration = JSON.parse(readFileSync(HOUSE_STYLE, 'utf8')) as Configuration & {
      $schema?: string;
    };
    // The file list and VCS settings choose which files on disk the CLI visits; here the files are named one by one.
    const { $schema: _schema, vcs: _vcs, files, ...settings } = configuration;
    this.#biome = new Biome();
    this.#projectKey = this.#biome.openProject().projectKey;
    this.#biome.applyConfiguration(this.#projectKey, {
      ...settings,
      ...(files?.maxSize !== undefined ? { files: { maxSize: files.maxSize } } : {}),
    });
  }

  /** The file with its text formatted; a file Biome cannot parse is a generator bug, reported with its path. */
  format(file: GeneratedFile): GeneratedFile {
    const result = this.#biome.formatContent(this.#projectKey, file.text, { filePath: file.path });
    const errors = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'fatal');
    if (errors.length > 0) {
      const detail = errors.map((d) =>
        this.#biome.printDiagnostics([d], { filePath: file.path, fileSource: file.text }),
      );
      throw new Error(`The generator emitted ${file.path}, which does not parse:\n${detail.join('\n')}`);
    }
    return { path: file.path, text: result.content };
  }

  /** Releases the WebAssembly workspace. */
  close(): void {
    this.#biome.shutdown();
  }
}
