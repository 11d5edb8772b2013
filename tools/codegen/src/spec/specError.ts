/** One problem found in a spec file: where it is (file and JSON path), what was expected, what was found. */
export interface SpecProblem {
  readonly file: string;
  /** JSON pointer-like path inside the file, e.g. `#/apis/RevokeSecurityGroupEgress/parameters/4/schema/maximum`. */
  readonly path: string;
  readonly expected: string;
  readonly found: string;
}

/** Thrown when a spec (Alibaba metadata or our overlay) is malformed; generation stops and writes nothing. */
export class SpecError extends Error {
  readonly problems: readonly SpecProblem[];

  constructor(problems: readonly SpecProblem[]) {
    super(
      `Invalid spec (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.file}${p.path}: expected ${p.expected}, found ${p.found}`).join('\n'),
    );
    this.name = 'SpecError';
    this.problems = problems;
  }
}

/** Renders a path of keys and indices as `#/a/0/b` (JSON pointer escaping for `~` and `/`). */
export function jsonPath(segments: readonly PropertyKey[]): string {
  return `#${segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')}`;
}

/** A short, single-line description of a found value for error messages. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
