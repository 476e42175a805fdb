import { badInput } from '../common/errors';

/**
 * Paging a ranking. The order is compareMatches's: score descending, then id ascending, a total
 * order on distinct ids. A cursor is that (score, id) tuple, so `after` means "every match that
 * ranks below this tuple" — a set that is well defined whether or not the match itself still
 * exists or still has that score. New or changed IKM never shift a client's place: they show up
 * where they rank, and no match is skipped or repeated because another was added in front.
 *
 * Scores are whole numbers from 0 to 100, so the best n are found by counting per score (a
 * bucket per score) and sorting only the bucket where the page ends, not the whole ranking.
 */

export type Ranked = { id: string; score: number };

export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

const PREFIX = 'match:';

export function encodeCursor({ score, id }: Ranked): string {
  return Buffer.from(`${PREFIX}${score}:${id}`, 'utf8').toString('base64');
}

export function decodeCursor(cursor: string, argument: 'after' | 'before'): Ranked {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  const match = /^match:(\d{1,3}):([0-9a-f-]{36})$/i.exec(text);
  const score = match ? Number(match[1]) : Number.NaN;
  if (!match || score > 100) {
    throw badInput(`"${argument}" is not a cursor of this list; use a cursor returned by it.`, [argument]);
  }
  return { score, id: match[2]!.toLowerCase() };
}

/** -1 when a ranks before b, 1 after, 0 when equal: compareMatches. */
export function rankOrder(a: Ranked, b: Ranked): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The first n items of `items` in rank order (the last n when `fromEnd`), sorted. Linear in the
 * number of items plus a sort of the bucket where the page ends.
 */
export function rankedSlice<T extends Ranked>(items: readonly T[], n: number, fromEnd = false): T[] {
  if (n <= 0 || items.length === 0) return [];
  const counts = new Array<number>(101).fill(0);
  for (const item of items) counts[item.score]! += 1;
  // Walk the scores from the end the page starts at until n items are covered.
  const scores = fromEnd ? [...counts.keys()] : [...counts.keys()].reverse();
  let covered = 0;
  let boundary = scores[scores.length - 1]!;
  for (const score of scores) {
    covered += counts[score]!;
    if (covered >= n) {
      boundary = score;
      break;
    }
  }
  const inside = fromEnd ? (s: number) => s <= boundary : (s: number) => s >= boundary;
  const picked = items.filter((item) => inside(item.score)).sort(rankOrder);
  return fromEnd ? picked.slice(Math.max(0, picked.length - n)) : picked.slice(0, n);
}

export type PageArgs = {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
};

export type Page<T> = {
  items: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
};

/** A Relay page of a ranking: `first`/`after` forward, `last`/`before` backward. */
export function pageOf<T extends Ranked>(all: readonly T[], args: PageArgs): Page<T> {
  if (args.first != null && args.last != null) {
    throw badInput('Give "first" or "last", not both.');
  }
  for (const name of ['first', 'last'] as const) {
    const n = args[name];
    if (n != null && (n < 0 || n > MAX_PAGE)) {
      throw badInput(`"${name}" must be between 0 and ${MAX_PAGE}.`, [name]);
    }
  }
  const after = args.after != null ? decodeCursor(args.after, 'after') : null;
  const before = args.before != null ? decodeCursor(args.before, 'before') : null;
  const window = all.filter((m) => (!after || rankOrder(after, m) < 0) && (!before || rankOrder(m, before) < 0));
  const backward = args.last != null;
  const n = backward ? args.last! : (args.first ?? DEFAULT_PAGE);
  const items = rankedSlice(window, n, backward);
  return backward
    ? { items, hasPreviousPage: window.length > items.length, hasNextPage: !!before && all.some((m) => rankOrder(m, before) >= 0) }
    : { items, hasNextPage: window.length > items.length, hasPreviousPage: !!after && all.some((m) => rankOrder(m, after) <= 0) };
}

/** The connection object the relay plugin's types expect. */
export function connectionOf<T extends Ranked>(page: Page<T>, totalCount: number) {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
