/**
 * Which operations page, and how: detected from the metadata, or decided by the overlay's `paging` entries. The
 * counts are pinned, so a metadata update that adds or changes a paged operation shows up here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ENS_SPEC, loadModel } from '../src/generate.js';
import type { ServiceModel } from '../src/model/types.js';
import {
  expectSpecError,
  metadataCopy,
  realOverlay,
  removeTemporaryDirectories,
  REPO_ROOT,
  specRoot,
  type Json,
} from './helpers.js';

afterAll(removeTemporaryDirectories);

let real: ServiceModel | undefined;
const model = (): ServiceModel => (real ??= loadModel(REPO_ROOT));

function summary(m: ServiceModel) {
  return m.operations.flatMap((op) => {
    const p = op.paging;
    return p === undefined ? [] : [`${op.name} ${p.kind} ${p.decidedBy} ${p.items.map((i) => i.wireName).join('.')}`];
  });
}

describe('paged operations of ENS 2017-11-10', () => {
  it('32 operations page: 29 by page number and 1 by token detected, 1 of each decided by the overlay', () => {
    const lines = summary(model());
    expect(lines).toHaveLength(32);
    expect(lines.filter((l) => l.includes(' pageNumber metadata '))).toHaveLength(29);
    expect(lines.filter((l) => l.includes(' token metadata '))).toEqual([
      'ListTagResources token metadata TagResources',
    ]);
    expect(lines.filter((l) => l.includes(' overlay '))).toEqual([
      'DescribeSelfImages pageNumber overlay Images.Image',
      'ListObjects token overlay Contents',
    ]);
  });

  it('every operation that takes a paging parameter is either detected or decided by the overlay', () => {
    const pagingParameters = new Set([
      'PageNumber',
      'PageSize',
      'NextToken',
      'MaxResults',
      'ContinuationToken',
      'Marker',
    ]);
    const undecided = model().operations.filter(
      (op) => op.paging === undefined && op.parameters.some((p) => pagingParameters.has(p.wireName)),
    );
    expect(undecided.map((op) => op.name)).toEqual([]);
  });

  it("DescribeSecurityGroups: page number and size, TotalCount, the metadata's maximum page size of 50", () => {
    const op = model().operations.find((o) => o.name === 'DescribeSecurityGroups');
    expect(op?.paging).toMatchObject({
      kind: 'pageNumber',
      maxPageSize: 50,
      pageNumber: { name: 'pageNumber', type: 'integer' },
      pageSize: { name: 'pageSize', type: 'integer' },
      totalCount: { wireName: 'TotalCount' },
      items: [{ name: 'securityGroups' }, { name: 'securityGroup' }],
    });
  });

  it('page numbers and sizes the metadata types as strings are kept as strings (DescribeDisks)', () => {
    const op = model().operations.find((o) => o.name === 'DescribeDisks');
    expect(op?.paging).toMatchObject({ pageNumber: { type: 'string' }, pageSize: { type: 'string' } });
  });
});

describe('the overlay decides', () => {
  /** The real metadata with the real overlay plus `paging` entries. */
  function withPaging(entries: Record<string, Json>): string {
    const overlay = realOverlay();
    for (const [name, paging] of Object.entries(entries))
      overlay.operations[name] = { ...overlay.operations[name], paging };
    return specRoot({ metadata: metadataCopy(), overlay });
  }

  it('`false` turns a detected operation off', () => {
    const m = loadModel(withPaging({ DescribeSecurityGroups: false }));
    expect(summary(m)).toHaveLength(31);
    expect(m.operations.find((o) => o.name === 'DescribeSecurityGroups')?.paging).toBeUndefined();
  });

  it('names the operation lacks are problems with their JSON paths', () => {
    const OVERLAY = ENS_SPEC.overlay;
    expectSpecError(
      () =>
        loadModel(
          withPaging({
            DescribeSelfImages: { items: 'Images.Nope', pageNumber: 'Page', pageSize: 'PageSize', totalCount: 'Total' },
            ListObjects: { items: 'Contents', inputToken: 'ContinuationToken', outputToken: 'NextMarker2' },
          }),
        ),
      [
        {
          file: OVERLAY,
          path: '#/operations/DescribeSelfImages/paging/items',
          expected: 'the dotted path of a list in the response (Images.Image)',
          found: '"Images.Nope"',
        },
        {
          file: OVERLAY,
          path: '#/operations/DescribeSelfImages/paging/pageNumber',
          expected: 'an integer or string request parameter',
          found: '"Page"',
        },
        {
          file: OVERLAY,
          path: '#/operations/DescribeSelfImages/paging/totalCount',
          expected: 'a top-level response member',
          found: '"Total"',
        },
        {
          file: OVERLAY,
          path: '#/operations/ListObjects/paging/outputToken',
          expected: 'a top-level response member',
          found: '"NextMarker2"',
        },
      ],
    );
  });
});
