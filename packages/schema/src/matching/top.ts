import type { Context } from '../context';
import { Prisma } from '../generated/prisma/client';
import { boundSql, stagesOf, type Term } from './bound';
import { DEFAULT_PAGE, type Page, type PageArgs, pageOf, type Ranked, rankOrder } from './page';

/**
 * The first pages of a ranking without scoring every candidate: candidates are read best bound
 * first (bound.ts), a few dozen at a time, and scored exactly; the page is the ranking's own once
 * every candidate not read ranks after it.
 *
 * A stage reads, in the order (bound descending, id) and up to a limit, the candidates that meet
 * one of its sets of flags (and those read at every stage: the IKM met, and those whose protected
 * data the viewer sees). Two things bound what it has not read: the next row of that order
 * (nothing unread ranks before its bound and id), and the stage's outside bound (what a candidate
 * meeting none of its sets scores at most). While either could still rank inside the page, the
 * stage reads more rows or the next, wider stage runs; the last reads every candidate. Whatever is
 * read stays scored. Windows with an end (last, before) and a page still unsettled after MAX_READ
 * rows return null: the caller then scores every candidate.
 */

const FIRST_READ = 32;
const MAX_READ = 4_096;

export type TopInputs<T extends Ranked> = {
  /** The candidates, over "Enterprise" e. */
  where: Prisma.Sql;
  terms: readonly Term[];
  /** Candidates read at every stage, whatever their flags. */
  always: readonly string[];
  minScore: number;
  /** The exact matches of these candidates that score at least minScore. */
  score: (ids: string[]) => Promise<T[]>;
};

/** The page; `ranked` holds every match read, all of them when `complete`. */
export type Top<T> = { page: Page<T>; ranked: T[]; complete: boolean };

export async function topOf<T extends Ranked>(ctx: Pick<Context, 'prisma'>, inputs: TopInputs<T>, args: PageArgs): Promise<Top<T> | null> {
  if (args.last != null || args.before != null) return null;
  const n = args.first ?? DEFAULT_PAGE;
  const bound = boundSql(inputs.terms);
  const known = new Map<string, T | null>();
  let limit = Math.max(FIRST_READ, 2 * n + 8);
  const always = inputs.always.length > 0 ? Prisma.sql` OR e.id = ANY(${[...inputs.always]}::uuid[])` : Prisma.empty;
  for (const stage of stagesOf(inputs.terms)) {
    const where = stage.anyOf.some((flags) => flags.length === 0)
      ? inputs.where
      : Prisma.sql`${inputs.where} AND (${Prisma.join(stage.anyOf.map((flags) => Prisma.sql`(${Prisma.join(flags.map((f) => f.sql), ' AND ')})`), ' OR ')}${always})`;
    for (;;) {
      const rows = await ctx.prisma.$queryRaw<{ id: string; bound: number }[]>(Prisma.sql`
        SELECT e.id::text AS id, ${bound} AS bound FROM "Enterprise" e WHERE ${where} ORDER BY bound DESC, e.id LIMIT ${limit + 1}`);
      const fresh = rows.slice(0, limit).filter((r) => !known.has(r.id));
      for (const { id } of fresh) known.set(id, null);
      const bounds = new Map(fresh.map((r) => [r.id, r.bound]));
      for (const match of fresh.length > 0 ? await inputs.score([...bounds.keys()]) : []) {
        checkBound(match, bounds.get(match.id)!);
        known.set(match.id, match);
      }
      const ranked = [...known.values()].filter((m): m is T => m !== null);
      const next = rows[limit];
      const settled = settle(ranked, args, n, inputs.minScore, next ? { score: next.bound, id: next.id } : null, stage.outside);
      if (settled === 'read more' && next && limit < MAX_READ) limit = Math.min(4 * limit, MAX_READ);
      else if (settled === 'read more') return null;
      else if (settled !== 'widen') return { ...settled, ranked };
      else break;
    }
  }
  return null;
}

/**
 * Whether the page of what was read is the ranking's: every candidate not read ranks after `next`
 * (the stage's next row) and scores at most `outside` (null: none is outside the stage). A page
 * with a minimum score must also hold every candidate above it, so that its count is exact.
 */
function settle<T extends Ranked>(
  ranked: readonly T[],
  args: PageArgs,
  n: number,
  minScore: number,
  next: Ranked | null,
  outside: number | null,
): { page: Page<T>; complete: boolean } | 'read more' | 'widen' {
  const page = pageOf(ranked, args);
  const matters = (score: number) => score >= minScore;
  const nextMatters = next !== null && matters(next.score);
  const outsideMatters = outside !== null && matters(outside);
  if (!nextMatters && !outsideMatters) return { page, complete: true };
  if (minScore > 0) return outsideMatters ? 'widen' : 'read more';
  const full = page.items.length === n;
  const before = (limit: Ranked) => full && page.items.every((m) => rankOrder(m, limit) < 0);
  if (outsideMatters && !before({ score: outside, id: '' })) return 'widen';
  if (nextMatters && !before(next)) return 'read more';
  // More follow for sure when the stage has rows left; outside it, only if some candidate is there.
  if (page.hasNextPage || nextMatters) return { page: { ...page, hasNextPage: true }, complete: false };
  return 'widen';
}

/** A score above its bound means bound.ts no longer follows a component: pages could miss matches. */
function checkBound(match: Ranked, bound: number): void {
  if (match.score <= bound) return;
  const message = `Matching: ${match.id} scored ${match.score} above its bound ${bound}; bound.ts is out of date.`;
  if (process.env.NODE_ENV === 'production') console.error(message);
  else throw new Error(message);
}
