import type { Context } from '../context';
import { Prisma } from '../generated/prisma/client';
import { boundSql, HOME_FLAG, stagesOf, type Term } from './bound';
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
 * read stays scored. Where the candidates at the best bound are many, a stage's first rows are
 * read in id order instead (walkTies), until a wider stage is needed. Windows with an end (last,
 * before) and a page still unsettled after MAX_READ rows return null: the caller then scores every
 * candidate (at a million IKM, tens of seconds for a partner with hundreds of thousands).
 */

const FIRST_READ = 32;
const MAX_READ = 4_096;

export type TopInputs<T extends Ranked> = {
  /** The candidates, over "Enterprise" e. */
  where: Prisma.Sql;
  terms: readonly Term[];
  /** Candidates read at every stage, whatever their flags. */
  always: readonly string[];
  /** `where` with the served kecamatan checked on the rows (candidates.ts Narrowing.servedOnRows), for the stages whose every set of flags holds HOME_FLAG. */
  homeWhere?: Prisma.Sql;
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
  const stages = stagesOf(inputs.terms);
  // The first stage's candidates all meet every flag: the best bound any of them can have is its threshold.
  let ties: number | null = stages[0]?.threshold ?? null;
  for (const stage of stages) {
    const home = inputs.homeWhere && stage.anyOf.every((flags) => flags.some((f) => f.key === HOME_FLAG));
    const where = stage.anyOf.some((flags) => flags.length === 0)
      ? inputs.where
      : Prisma.sql`${home ? inputs.homeWhere : inputs.where} AND (${Prisma.join(stage.anyOf.map((flags) => Prisma.sql`(${Prisma.join(flags.map((f) => f.sql), ' AND ')})`), ' OR ')}${always})`;
    for (;;) {
      const walked = ties === null ? null : await walkTies(ctx, { where, bound, best: ties, always: inputs.always, limit, least: n + 2 });
      if (walked === null) ties = null;
      else limit = walked.length - 1;
      const rows =
        walked ??
        (await ctx.prisma.$queryRaw<Row[]>(Prisma.sql`
        SELECT e.id::text AS id, ${bound} AS bound FROM "Enterprise" e WHERE ${where} ORDER BY bound DESC, e.id LIMIT ${limit + 1}`));
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
      else {
        // Candidates below the best bound could rank on the page: the wider stages read by bound.
        ties = null;
        break;
      }
    }
  }
  return null;
}

type Row = { id: string; bound: number };

/** The table's first rows in id order, read for ties at the best bound (walkTies). */
const WALK_WINDOW = 1_024;

/**
 * The first rows of the order (bound descending, id) when the candidates outside `always` that
 * have the best bound any of them can have are many: among those the order is the ids', which the
 * primary key's index reads without computing the bound of every candidate. A funder's best
 * candidates tie by the hundred thousand (most IKM of a sector in its KBLI with business age and
 * size class met), and ordering them by bound would compute it for each. So the table's first
 * WALK_WINDOW rows by id are read, and the candidates among them at the best bound (in id order,
 * every such candidate up to the last one read) are merged with those of `always`: the rows up to
 * the last one walked are the order's first. Null when fewer than `least` rows are so known.
 */
async function walkTies(
  ctx: Pick<Context, 'prisma'>,
  { where, bound, best, always, limit, least }: { where: Prisma.Sql; bound: Prisma.Sql; best: number; always: readonly string[]; limit: number; least: number },
): Promise<Row[] | null> {
  const others = always.length > 0 ? Prisma.sql`AND e.id <> ALL(${[...always]}::uuid[])` : Prisma.empty;
  const read = always.length > 0 ? Prisma.sql`UNION ALL SELECT e.id::text, ${bound}, false FROM "Enterprise" e WHERE ${where} AND e.id = ANY(${[...always]}::uuid[])` : Prisma.empty;
  const rows = await ctx.prisma.$queryRaw<(Row & { walked: boolean })[]>(Prisma.sql`
    SELECT id, bound, walked FROM (
      (SELECT e.id::text AS id, ${bound} AS bound, true AS walked FROM (SELECT * FROM "Enterprise" ORDER BY id LIMIT ${WALK_WINDOW}) e
        WHERE ${where} ${others} AND ${bound} >= ${best} ORDER BY e.id LIMIT ${limit + 1})
      ${read}) r
`);
  rows.sort((a, b) => rankOrder({ score: a.bound, id: a.id }, { score: b.bound, id: b.id }));
  const known = rows.slice(0, rows.findLastIndex((r) => r.walked) + 1).slice(0, limit + 1);
  return known.length >= least ? known.map(({ id, bound }) => ({ id, bound })) : null;
}

/**
 * Whether the page of what was read is the ranking's: every candidate not read ranks after `next`
 * (the stage's next row) and scores at most `outside` (null: none is outside the stage). With a
 * minimum score, a page is complete when no candidate left could reach it.
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
  const full = page.items.length === n;
  const before = (limit: Ranked) => full && page.items.every((m) => rankOrder(m, limit) < 0);
  if (outsideMatters && !before({ score: outside, id: '' })) return 'widen';
  if (nextMatters && !before(next)) return 'read more';
  // More follow for sure when a match read is left, or the stage has rows left and every candidate
  // is a match (no minimum score); else only if a candidate not read yet scores enough.
  if (page.hasNextPage || (nextMatters && minScore === 0)) return { page: { ...page, hasNextPage: true }, complete: false };
  return nextMatters ? 'read more' : 'widen';
}

/** A score above its bound means bound.ts no longer follows a component: pages could miss matches. */
function checkBound(match: Ranked, bound: number): void {
  if (match.score <= bound) return;
  const message = `Matching: ${match.id} scored ${match.score} above its bound ${bound}; bound.ts is out of date.`;
  if (process.env.NODE_ENV === 'production') console.error(message);
  else throw new Error(message);
}
