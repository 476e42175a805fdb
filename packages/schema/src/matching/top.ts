import type { Context } from '../context';
import { Prisma } from '../generated/prisma/client';
import { boundSql, HOME_FLAG, type Stage, stagesOf, type Term } from './bound';
import { type Row, walkBest, walkTies } from './ties';
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
 * read stays scored. Where many candidates tie, their ids are walked instead (ties.ts): the first
 * stage's at its threshold; once it has widened, all candidates at the bound a window of the table
 * puts the page on. Windows with an end (last, before) and a page still unsettled after MAX_READ
 * rows return null: the caller then scores every candidate (at a million IKM, tens of seconds for
 * a partner with hundreds of thousands).
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
  // Scores the rows read up to `limit` (the next one bounds the rest) and settles the page.
  const read = async (rows: Row[], outside: number | null) => {
    const fresh = rows.slice(0, limit).filter((r) => !known.has(r.id));
    for (const { id } of fresh) known.set(id, null);
    const bounds = new Map(fresh.map((r) => [r.id, r.bound]));
    for (const match of fresh.length > 0 ? await inputs.score([...bounds.keys()]) : []) {
      checkBound(match, bounds.get(match.id)!);
      known.set(match.id, match);
    }
    const ranked = [...known.values()].filter((m): m is T => m !== null);
    const next = rows[limit];
    const settled = settle(ranked, args, n, inputs.minScore, next ? { score: next.bound, id: next.id } : null, outside);
    return typeof settled === 'string' ? settled : { ...settled, ranked };
  };
  const stages = stagesOf(inputs.terms);
  const always = inputs.always.length > 0 ? Prisma.sql` OR e.id = ANY(${[...inputs.always]}::uuid[])` : Prisma.empty;
  const whereOf = (stage: Stage) => {
    if (stage.anyOf.some((flags) => flags.length === 0)) return inputs.where;
    const home = inputs.homeWhere && stage.anyOf.every((flags) => flags.some((f) => f.key === HOME_FLAG));
    return Prisma.sql`${home ? inputs.homeWhere : inputs.where} AND (${Prisma.join(stage.anyOf.map((flags) => Prisma.sql`(${Prisma.join(flags.map((f) => f.sql), ' AND ')})`), ' OR ')}${always})`;
  };
  // Walks while it settles nothing but could read more; null when it reads no further, 'widen' when the next stage is to.
  const walk = async (rowsOf: (limit: number) => Promise<Row[] | null>, outside: number | null) => {
    for (;;) {
      const walked = await rowsOf(limit);
      if (walked === null) return null;
      // A walk that ends short of the rows asked for has read all it can: any more are read by bound.
      const more = walked.length > limit && limit < MAX_READ;
      limit = walked.length - 1;
      const settled = await read(walked, outside);
      if (typeof settled !== 'string') return settled;
      if (settled === 'widen') return settled;
      if (!more) return null;
      limit = Math.min(4 * limit, MAX_READ);
    }
  };
  const least = n + 2;
  // The walk of all candidates' ties, read once: reading more of it slices what it found.
  let tied: Promise<Row[] | null> | null = null;
  for (const [i, stage] of stages.entries()) {
    const where = whereOf(stage);
    // Ties at the first stage's threshold, else (once it widens) ties at any bound among all candidates.
    const walked =
      i === 0
        ? await walk((l) => walkBest(ctx, { where, bound, threshold: stage.threshold, always: inputs.always }, l, least), stage.outside)
        : i === 1
          ? await walk(async (l) => {
              tied ??= walkTies(ctx, { where: inputs.where, bound, terms: inputs.terms, always: inputs.always, next: where }, least);
              return (await tied)?.slice(0, l + 1) ?? null;
            }, null)
          : null;
    if (walked === 'widen') continue;
    if (walked) return walked;
    for (;;) {
      const rows = await ctx.prisma.$queryRaw<Row[]>(Prisma.sql`
        SELECT e.id::text AS id, ${bound} AS bound FROM "Enterprise" e WHERE ${where} ORDER BY bound DESC, e.id LIMIT ${limit + 1}`);
      const settled = await read(rows, stage.outside);
      if (settled === 'read more' && rows.length > limit && limit < MAX_READ) limit = Math.min(4 * limit, MAX_READ);
      else if (settled === 'read more') return null;
      else if (settled !== 'widen') return settled;
      else break;
    }
  }
  return null;
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
