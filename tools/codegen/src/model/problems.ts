import { describeFound, jsonPath, type SpecProblem } from '../spec/specError.js';

/** Collects problems while the model is built, so that one run reports all of them. */
export class ProblemCollector {
  readonly problems: SpecProblem[] = [];
  constructor(readonly file: string) {}
  add(path: readonly PropertyKey[], expected: string, found: unknown): void {
    const problem = { file: this.file, path: jsonPath(path), expected, found: describeFound(found) };
    // A fragment used by several operations would report the same problem once per operation.
    if (
      !this.problems.some(
        (p) => p.path === problem.path && p.expected === problem.expected && p.found === problem.found,
      )
    ) {
      this.problems.push(problem);
    }
  }
}
