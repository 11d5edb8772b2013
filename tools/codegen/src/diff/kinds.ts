/**
 * The kinds of public API change the spec diff reports, and the version bump each one implies.
 * The table is the single source of truth: `specs/README.md` documents it and a test keeps the two in step.
 */

/** A semver bump of the fixed release group; `none` when nothing public changed. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** The bump of one change (a change always bumps something). */
export type ChangeBump = Exclude<Bump, 'none'>;

/** Every kind of change, with its bump. Request = input a user sends; response = output a user reads. */
export const CHANGE_KINDS = {
  'api-version-changed': 'major',
  'operation-removed': 'major',
  'parameter-removed': 'major',
  'parameter-added-required': 'major',
  'parameter-became-required': 'major',
  'type-changed': 'major',
  'enum-value-removed': 'major',
  'constraint-narrowed': 'major',
  'rule-added': 'major',
  'response-field-removed': 'major',
  'error-code-removed': 'major',
  'error-class-removed': 'major',
  'operation-added': 'minor',
  'parameter-added-optional': 'minor',
  'parameter-became-optional': 'minor',
  'enum-value-added': 'minor',
  'constraint-widened': 'minor',
  'rule-removed': 'minor',
  'response-field-added': 'minor',
  'error-code-added': 'minor',
  'error-class-added': 'minor',
  deprecated: 'minor',
  'constraint-changed': 'patch',
  'wire-changed': 'patch',
  'methods-changed': 'patch',
  'error-class-changed': 'patch',
  'endpoint-changed': 'patch',
  'doc-changed': 'patch',
} as const satisfies Record<string, ChangeBump>;

/** A kind of public API change, e.g. `parameter-added-optional`. */
export type ChangeKind = keyof typeof CHANGE_KINDS;

const ORDER: readonly Bump[] = ['none', 'patch', 'minor', 'major'];

/** The larger of two bumps (`major` > `minor` > `patch` > `none`). */
export function maxBump(a: Bump, b: Bump): Bump {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/** Sort key of a bump: major first. */
export function bumpRank(bump: Bump): number {
  return ORDER.length - 1 - ORDER.indexOf(bump);
}
