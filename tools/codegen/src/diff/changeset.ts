/**
 * Versioning from the spec diff: the changeset `npm run generate` writes when the public API changed since the
 * committed snapshot, for the fixed release group of `.changeset/config.json`.
 */
import { createHash } from 'node:crypto';
import type { GeneratedFile } from '../emit/common.js';
import { bumpRank, type Bump } from './kinds.js';
import { diffServiceModels, type SpecChange, type SpecDiff } from './diffModels.js';
import { loadApiSurface, toApiSurface, type ApiSurface } from './surface.js';

/** The packages versioned together (the `fixed` group of `.changeset/config.json`; a test keeps them in step). */
export const RELEASE_GROUP = ['@ensdk/errors', '@ensdk/client', '@ensdk/proxy', '@ensdk/emulator'] as const;

/** Folder of the changesets, relative to the repository root. */
export const CHANGESET_DIR = '.changeset';

const HEADINGS: Readonly<Record<Exclude<Bump, 'none'>, string>> = {
  major: 'Breaking changes',
  minor: 'New',
  patch: 'Documentation and fixes',
};

/**
 * The changeset's bullet lines for one bump: one per change, except that several documentation changes of one
 * operation (or of the service) are folded into one line naming their paths.
 */
function lines(changes: readonly SpecChange[]): string[] {
  const out: string[] = [];
  const docs = new Map<string | null, SpecChange[]>();
  for (const c of changes) {
    if (c.kind !== 'doc-changed') out.push(c.summary);
    else docs.set(c.operation, [...(docs.get(c.operation) ?? []), c]);
  }
  for (const [operation, group] of docs) {
    if (group.length === 1) out.push(group[0]!.summary);
    else {
      const paths = [...new Set(group.map((c) => `\`${c.path === '' ? 'doc' : c.path}\``))].join(', ');
      out.push(
        `${operation === null ? '' : `${operation}: `}documentation changed in ${group.length} places (${paths})`,
      );
    }
  }
  return out;
}

/**
 * Renders a changeset for `diff`: front matter naming every package of {@link RELEASE_GROUP} with the diff's bump,
 * a headline, and the changes in plain words grouped by bump (breaking first). `diff.bump` must not be `none`.
 */
export function renderChangeset(
  diff: SpecDiff,
  api: { readonly product: string; readonly apiVersion: string },
): string {
  if (diff.bump === 'none') throw new Error('renderChangeset: nothing changed');
  const counts = (['major', 'minor', 'patch'] as const)
    .map((bump) => [bump, diff.changes.filter((c) => c.bump === bump).length] as const)
    .filter(([, n]) => n > 0);
  const total = diff.changes.length;
  const parts: string[] = [
    '---',
    ...RELEASE_GROUP.map((name) => `"${name}": ${diff.bump}`),
    '---',
    '',
    `${api.product} API ${api.apiVersion} spec update: ${total} change${total === 1 ? '' : 's'} to the public API ` +
      `(${counts.map(([bump, n]) => `${n} ${bump}`).join(', ')}).`,
  ];
  const sorted = [...diff.changes].sort((a, b) => bumpRank(a.bump) - bumpRank(b.bump));
  for (const [bump] of counts) {
    parts.push(
      '',
      `${HEADINGS[bump]}:`,
      '',
      ...lines(sorted.filter((c) => c.bump === bump)).map((line) => `- ${line}`),
    );
  }
  return `${parts.join('\n')}\n`;
}

/**
 * The changeset's path: derived from the two surfaces, so that a run interrupted after writing it and repeated
 * rewrites the same file instead of adding a second one.
 */
export function changesetPath(old: ApiSurface, now: ApiSurface): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(toApiSurface(old)))
    .update('\0')
    .update(JSON.stringify(toApiSurface(now)))
    .digest('hex');
  return `${CHANGESET_DIR}/ens-api-${hash.slice(0, 12)}.md`;
}

/** What a generation means for versioning: no baseline yet, or the diff and (when it bumps) the changeset to write. */
export type ReleasePlan =
  | { readonly baseline: true }
  | { readonly baseline: false; readonly diff: SpecDiff; readonly changeset?: GeneratedFile };

/**
 * Diffs `model` against the snapshot committed under `root`. Without a snapshot the run is the baseline (no
 * changeset). Throws `SpecError` when the snapshot is not valid.
 */
export function planRelease(root: string, model: ApiSurface): ReleasePlan {
  const previous = loadApiSurface(root);
  if (previous === undefined) return { baseline: true };
  const diff = diffServiceModels(previous, model);
  if (diff.bump === 'none') return { baseline: false, diff };
  return {
    baseline: false,
    diff,
    changeset: { path: changesetPath(previous, model), text: renderChangeset(diff, model) },
  };
}
