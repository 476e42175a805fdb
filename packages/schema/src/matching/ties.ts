import type { Context } from '../context';
import type { Sector } from '../domain/matching';
import { Prisma } from '../generated/prisma/client';
import { type AboveSet, aboveSets, type Term } from './bound';
import { rankOrder } from './page';

/**
 * The first rows of a ranking's order (bound descending, id) when many candidates tie at the bound
 * the page falls on: among those the order is the ids', which the primary key's index reads without
 * computing the bound of every candidate. A funder's best candidates tie by the hundred thousand (most
 * IKM of a sector in its KBLI with business age and size class met); as staff read a distributor's
 * ranking, a few hundred IKM of its kecamatan come first, then thousands of others at one bound.
 *
 * Once the first stage has widened (top.ts), and the next holds many candidates, the table's first
 * rows by id (a window) are read with their bounds: they are a sample of the candidates, since ids
 * are random, and few of the table's are above the window's highest bound `at`. Those are read
 * whole through the flags and sectors that can reach it (bound.ts aboveSets), with the candidates
 * of `always`; with the window's rows at `at` in id order, the rows up to the last of them are the
 * order's first (any other row at `at` has a greater id than the window's). A window that holds
 * too few walks the next. Null when none does, or too many candidates are above: the stage is then
 * read by bound.
 */

/** The table's first rows in id order, read for ties; the next window only when one holds too few. */
const WINDOWS = [1_024, 16_384];
/** More candidates than this above the ties are read by bound instead. */
const MAX_ABOVE = 4_096;
/** A stage of fewer candidates than this, or this share of the table (as the window counts them), is read by bound instead. */
const NEXT_READ = 20_000;
const NEXT_SHARE = 1 / 20;

export type Row = { id: string; bound: number };

export type TiesInputs = {
  /** The candidates, over "Enterprise" e. */
  where: Prisma.Sql;
  /** The bound of a row (boundSql). */
  bound: Prisma.Sql;
  terms: readonly Term[];
  /** Candidates read whatever their bound. */
  always: readonly string[];
  /** The candidates of the stage the walk stands in for (over "Enterprise" e): when they are few, it reads them by bound instead. */
  next: Prisma.Sql;
};

/** The rows up to `last` in the order, at most `limit` + 1. */
const upTo = (rows: Row[], last: Row | undefined, limit = Number.POSITIVE_INFINITY) =>
  last ? rows.sort(byOrder).slice(0, rows.indexOf(last) + 1).slice(0, limit + 1) : [];

/** The candidates of `always`, whatever their bound, for a UNION ALL beside a walk's rows (`kept` true). */
const keptRows = ({ where, bound, always }: Pick<TiesInputs, 'where' | 'bound' | 'always'>, columns: Prisma.Sql = Prisma.empty) =>
  always.length > 0
    ? Prisma.sql`UNION ALL SELECT e.id::text, ${bound}, true ${columns} FROM "Enterprise" e WHERE ${where} AND e.id = ANY(${[...always]}::uuid[])`
    : Prisma.empty;

type Read = Row & { kept: boolean };

const without = (always: readonly string[]) => (always.length > 0 ? Prisma.sql`AND e.id <> ALL(${[...always]}::uuid[])` : Prisma.empty);

/**
 * The common case, walked first: the candidates of the first stage (`where`) at its threshold, the
 * most any outside `always` can have, so that none is above. Null when the first window holds
 * fewer than `least` rows of the order.
 */
export async function walkBest(
  ctx: Pick<Context, 'prisma'>,
  inputs: Omit<TiesInputs, 'terms' | 'next'> & { threshold: number },
  limit: number,
  least: number,
): Promise<Row[] | null> {
  const { where, bound, threshold, always } = inputs;
  const rows = await ctx.prisma.$queryRaw<Read[]>(Prisma.sql`
    (SELECT e.id::text AS id, ${bound} AS bound, false AS kept FROM (SELECT * FROM "Enterprise" ORDER BY id LIMIT ${WINDOWS[0]}) e
      WHERE ${where} ${without(always)} AND ${bound} >= ${threshold} ORDER BY e.id LIMIT ${limit + 1})
    ${keptRows(inputs)}`);
  const best = rows.filter((r) => !r.kept);
  const kept = rows.filter((r) => r.kept);
  const known = upTo([...best, ...kept], best.at(-1), limit);
  return known.length >= least ? known : null;
}

/**
 * The first rows of the order among all candidates, as many as are so known (its statements do not
 * depend on how many are wanted: a caller wanting more slices, it does not walk again); null when
 * fewer than `least` are.
 */
export async function walkTies(ctx: Pick<Context, 'prisma'>, inputs: TiesInputs, least: number): Promise<Row[] | null> {
  const { where, bound, always } = inputs;
  for (const window of WINDOWS) {
    // The window stands for `scale` rows of the table each. Its rows of the next stage are counted
    // first: when they stand for few, no bound is computed and no row comes back.
    const rows = await ctx.prisma.$queryRaw<(Read & { sector: Sector; scale: number })[]>(Prisma.sql`
      WITH w AS MATERIALIZED (SELECT * FROM "Enterprise" ORDER BY id LIMIT ${window}),
        t AS (SELECT greatest(reltuples, 0)::float8 AS total FROM pg_class WHERE oid = '"Enterprise"'::regclass),
        g AS (SELECT greatest(1, t.total / ${window}) AS scale,
          (SELECT count(*) FROM w e WHERE ${where} AND ${inputs.next} ${without(always)}) * greatest(1, t.total / ${window}) >= least(${NEXT_READ}, ${NEXT_SHARE} * t.total) AS open FROM t)
      SELECT r.*, g.scale FROM g CROSS JOIN LATERAL (
        SELECT e.id::text AS id, ${bound} AS bound, false AS kept, e.sector::text AS sector FROM w e WHERE g.open AND ${where} ${without(always)}
        ${keptRows(inputs, Prisma.sql`, e.sector::text`)}) r`);
    const walked = rows.filter((r) => !r.kept);
    if (walked.length === 0) return null;
    const kept = rows.filter((r) => r.kept);
    const { scale } = walked[0]!;
    walked.sort(byOrder);
    // The window's highest bound: few candidates of the table are above it.
    const at = walked[0]!.bound;
    const inSectors = (sectors: readonly Sector[]) => walked.filter((r) => sectors.includes(r.sector)).length * scale;
    const over = aboveWhere(aboveSets(inputs.terms, at), inSectors);
    if (over === undefined) return null;
    const above =
      over === null
        ? []
        : await ctx.prisma.$queryRaw<Row[]>(Prisma.sql`
          SELECT id, bound FROM (SELECT e.id::text AS id, ${bound} AS bound FROM "Enterprise" e WHERE ${where} AND ${over} ${without(always)}) r
          WHERE bound > ${at} LIMIT ${MAX_ABOVE + 1}`);
    if (above.length > MAX_ABOVE) return null;
    // Known: every row above `at`, and those at `at` up to the last one walked.
    const ties = walked.filter((r) => r.bound === at);
    const known = upTo([...above, ...ties, ...kept], ties.at(-1));
    if (known.length >= least) return known;
    // A window holding the whole table (as its statistics count it) has walked all there is.
    if (scale === 1) return null;
  }
  return null;
}

/** A set is read through its match classes when about this many candidates at most are of its sectors; else through its flags' index. */
const CLASS_READ = 20_000;

/**
 * The condition that finds the candidates of these sets (aboveSets), each through its classes or
 * its flags, whichever reads fewer by `inSectors` (about how many candidates are of these sectors):
 * null for none, undefined when every candidate may be above.
 */
function aboveWhere(sets: AboveSet[], inSectors: (sectors: readonly Sector[]) => number): Prisma.Sql | null | undefined {
  if (sets.length === 0) return null;
  const chosen = sets.map((s) => (s.byClass && inSectors(s.byClass.sectors) <= CLASS_READ ? s.byClass.rows : s.flags));
  if (chosen.some((c) => c.text === 'true')) return undefined;
  return Prisma.sql`(${Prisma.join(chosen.map((c) => Prisma.sql`(${c})`), ' OR ')})`;
}

const byOrder = (a: Row, b: Row) => rankOrder({ score: a.bound, id: a.id }, { score: b.bound, id: b.id });
