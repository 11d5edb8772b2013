// The paging page's script: bundled for the browser from @ensdk/proxy's browser entry by the paging e2e test.
import { EnsAbortError, EnsPaginationError } from '@ensdk/errors';
import { createEnsBrowserClient, EnsBrowserBareClient, paginateDescribeSecurityGroups } from '../../src/index.js';

export interface PagingResult {
  /** Group count of each page of a full walk by the class method. */
  readonly pageSizes: readonly number[];
  /** Group ids of a full walk by items with the standalone function on the bare client. */
  readonly itemIds: readonly string[];
  readonly maxPages: number;
  readonly aborted: { instanceOf: boolean; name: string };
  readonly repeated: { instanceOf: boolean; name: string; pages: number; delivered: number };
}

/** What the page exposes to the test. */
export interface PagingHost {
  runPaging(): Promise<PagingResult>;
}

(globalThis as unknown as PagingHost).runPaging = async () => {
  const ens = createEnsBrowserClient({ baseUrl: '/api/ens' });

  const pageSizes: number[] = [];
  for await (const page of ens.paginateDescribeSecurityGroups())
    pageSizes.push(page.securityGroups?.securityGroup?.length ?? 0);

  const itemIds: string[] = [];
  const bare = new EnsBrowserBareClient({ baseUrl: '/api/ens' });
  for await (const group of paginateDescribeSecurityGroups(bare).items()) itemIds.push(group.securityGroupId ?? '');

  let maxPages = 0;
  for await (const _ of ens.paginateDescribeSecurityGroups({}, { maxPages: 2 })) maxPages++;

  const controller = new AbortController();
  let aborted = { instanceOf: false, name: 'none' };
  try {
    for await (const _ of ens.paginateDescribeSecurityGroups({}, { signal: controller.signal })) controller.abort();
  } catch (error) {
    aborted = { instanceOf: error instanceof EnsAbortError, name: (error as Error).name };
  }

  let repeated = { instanceOf: false, name: 'none', pages: 0, delivered: 0 };
  let delivered = 0;
  try {
    for await (const _ of ens.paginateListTagResources({ resourceType: 'instance' })) delivered++;
  } catch (error) {
    repeated = {
      instanceOf: error instanceof EnsPaginationError,
      name: (error as Error).name,
      pages: (error as EnsPaginationError).pages,
      delivered,
    };
  }
  return { pageSizes, itemIds, maxPages, aborted, repeated };
};
