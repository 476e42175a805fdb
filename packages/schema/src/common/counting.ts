import type { Context } from '../context';

/** Up to this many matches a list's totalCount is exact; above, an estimate (documented on the field). */
export const EXACT_COUNT_LIMIT = 10_000;

/** Above this many rows expected, countRows answers with PostgreSQL's estimate without counting. */
export const ESTIMATED_WITHOUT_COUNTING = 4 * EXACT_COUNT_LIMIT;

/**
 * A count estimated from a sample, counted instead (`counted`: up to EXACT_COUNT_LIMIT + 1) when
 * the estimate is at most twice the limit: twice the limit is over a hundred matches in a sample of
 * 10,000 IKM at a million, far from the limit in its error. Never below the rows counted.
 */
export async function sampledOrCounted(estimate: number, counted: () => Promise<number>): Promise<number> {
  if (estimate > 2 * EXACT_COUNT_LIMIT) return estimate;
  const n = await counted();
  return n <= EXACT_COUNT_LIMIT ? n : Math.max(n, estimate);
}

/**
 * How many rows match, for a list's totalCount (`count` is a Prisma count() with the `take` given): counted exactly up to EXACT_COUNT_LIMIT (the count
 * stops there, so it costs at most that many rows); beyond, PostgreSQL's estimate from its
 * statistics (ctx.estimator), never below the rows already counted. Counting a million IKM exactly
 * costs more than the page it comes with; "about 52,000" serves a reader as well as 52,380.
 */
export async function countOrEstimate(
  ctx: Context,
  count: (prisma: Context['prisma'], take?: number) => Promise<number>,
  /** The rows counted up to EXACT_COUNT_LIMIT + 1 another way, when they were. */
  counted: number | null = null,
): Promise<number> {
  counted ??= await count(ctx.prisma, EXACT_COUNT_LIMIT + 1);
  if (counted <= EXACT_COUNT_LIMIT || !ctx.estimator) return counted;
  return Math.max(counted, await count(ctx.estimator));
}

/**
 * countOrEstimate for rows whose count up to the limit costs more than their page (conditions
 * every IKM is likely to meet, checked row by row): when the planner expects several times
 * EXACT_COUNT_LIMIT, its estimate is the answer without counting.
 */
export async function countRows(ctx: Context, count: (prisma: Context['prisma'], take?: number) => Promise<number>): Promise<number> {
  const estimate = ctx.estimator ? await count(ctx.estimator) : 0;
  return estimate > ESTIMATED_WITHOUT_COUNTING ? estimate : countOrEstimate(ctx, count);
}
