import { TemuBisnisError } from './errors';

/** The Relay page information every list of the API returns. */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** One page of a list: its items, where it stands, and (where the API counts) how many match in all. */
export interface Page<TNode> {
  nodes: TNode[];
  pageInfo: PageInfo;
  totalCount?: number;
}

/** Variables of a list query without the cursor arguments, plus the page size `iterate` asks for. */
export type IterateVariables<TVariables> = Omit<TVariables, 'first' | 'after' | 'last' | 'before'> & {
  /** Items per request, 1 to 100 (the API's maximum); default 100. */
  pageSize?: number;
};

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 100;

/**
 * Every item of a list, page after page (forward, with `first`/`after`), fetching the next page
 * only when the previous one is used up. Stop early with `break`.
 */
export async function* paginate<TNode>(
  fetchPage: (first: number, after: string | null) => Promise<Page<TNode>>,
  pageSize: number = MAX_PAGE_SIZE,
): AsyncGenerator<TNode, void, undefined> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}.`);
  }
  let after: string | null = null;
  for (;;) {
    const page: Page<TNode> = await fetchPage(pageSize, after);
    yield* page.nodes;
    if (!page.pageInfo.hasNextPage) return;
    const next = page.pageInfo.endCursor;
    if (next === null || next === after) {
      throw new TemuBisnisError('The API reported a next page but no new cursor to fetch it; stopped paging.');
    }
    after = next;
  }
}
