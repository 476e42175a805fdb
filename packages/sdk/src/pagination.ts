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
  /**
   * Items per request, 1 to 100 (the API's maximum). Default: 100, or as many as fit your query-cost
   * budget (smaller without a credential): a page refused for its cost is asked for again, smaller.
   */
  pageSize?: number;
};

/** The largest page the API serves. */
export const MAX_PAGE_SIZE = 100;

/**
 * Every item of a list, page after page (forward, with `first`/`after`), fetching the next page
 * only when the previous one is used up. Stop early with `break`. Without a `pageSize`, pages are as
 * large as the caller's query-cost budget allows, up to the API's maximum.
 */
export async function* paginate<TNode>(
  fetchPage: (first: number, after: string | null) => Promise<Page<TNode>>,
  pageSize?: number,
): AsyncGenerator<TNode, void, undefined> {
  if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
    throw new RangeError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}.`);
  }
  let size = pageSize ?? MAX_PAGE_SIZE;
  let after: string | null = null;
  for (;;) {
    let page: Page<TNode>;
    try {
      page = await fetchPage(size, after);
    } catch (error) {
      // A size the caller chose is kept: the refusal is theirs to see.
      const smaller = pageSize === undefined ? sizeWithinBudget(error, size) : null;
      if (smaller === null) throw error;
      size = smaller;
      continue;
    }
    yield* page.nodes;
    if (!page.pageInfo.hasNextPage) return;
    const next = page.pageInfo.endCursor;
    if (next === null || next === after) {
      throw new TemuBisnisError('The API reported a next page but no new cursor to fetch it; stopped paging.');
    }
    after = next;
  }
}

/**
 * The page size that fits the caller's budget when the API refused a page for its query cost
 * (`extensions.limit` costLimit, with `cost` and `maxCost`): a list's cost grows with its page size,
 * so the size shrinks by budget ÷ cost. Null for any other error, or when the page cannot shrink.
 */
function sizeWithinBudget(error: unknown, size: number): number | null {
  if (!(error instanceof TemuBisnisError)) return null;
  const extensions = error.errors[0]?.extensions;
  if (extensions?.limit !== 'costLimit' || typeof extensions.cost !== 'number' || typeof extensions.maxCost !== 'number') return null;
  const fitted = Math.floor((size * extensions.maxCost) / extensions.cost);
  return fitted >= 1 && fitted < size ? fitted : null;
}
