import { jsonPath } from '../spec/specError.js';
import type { ProblemCollector } from './problems.js';

/**
 * The kinds of metadata quirk the model repairs, one row each in the policy table of specs/README.md. A repair is
 * reported as a warning with the file's JSON path; with `--strict` it is an error instead and nothing is written.
 */
export type RepairKind =
  | 'duplicate-parameter'
  | 'required-disagrees'
  | 'array-without-items'
  | 'any-type'
  | 'map'
  | 'object-without-properties'
  | 'schema-without-type'
  | 'member-name-clash'
  | 'no-responses'
  | 'odd-status-key'
  | 'padded-code'
  | 'catch-all-code'
  | 'several-placeholders'
  | 'global-class-name'
  | 'unsupported-security';

/** One repair the model made: where (file and JSON path), of which kind, and what it did. */
export interface Repair {
  readonly file: string;
  readonly path: string;
  readonly kind: RepairKind;
  readonly message: string;
}

/** Formats a repair as the one-line warning the generator prints. */
export function formatRepair(repair: Repair): string {
  return `warning ${repair.file}${repair.path} [${repair.kind}]: ${repair.message}`;
}

/** Collects repairs; in strict mode each one is a problem instead (so the build fails listing them all). */
export class RepairLog {
  readonly repairs: Repair[] = [];
  constructor(
    readonly file: string,
    private readonly strict: boolean,
    private readonly problems: ProblemCollector,
  ) {}

  add(path: readonly PropertyKey[], kind: RepairKind, message: string, found?: unknown): void {
    if (this.strict) {
      this.problems.add(path, `metadata that needs no repair (--strict; ${kind}: ${message})`, found);
      return;
    }
    const repair = { file: this.file, path: jsonPath(path), kind, message };
    if (!this.repairs.some((r) => r.path === repair.path && r.kind === kind && r.message === message))
      this.repairs.push(repair);
  }
}
