import { countOrEstimate, countRows, ESTIMATED_WITHOUT_COUNTING, EXACT_COUNT_LIMIT, sampledOrCounted } from '../common/counting';
import { requestCache } from '../common/request-cache';
import type { Context } from '../context';
import type { PageSql } from '../planner/page';
import { sampledCount } from './sampled-count';
import { ACTIVE, MAX_WALKED_VALUES, type Param, type Source, type WrittenSource } from './sources';

/**
 * A directory filter of several conditions (sources.ts), read in the directory's order. IKM
 * cluster in name order by what they make and where ("Batik …" in Pekalongan), so walking the
 * enterprises in name order and checking each reads every IKM named before the first match, and
 * collecting the matches first sorts them all. So the condition PostgreSQL expects fewest rows of
 * drives: its IKM are walked in name order from its index, each checked against the other
 * conditions (by one index look-up, or against their ids hashed once when they are few) until the
 * page is full. A sample of about SAMPLE_ROWS of its IKM, chosen by id, tells first how many
 * match: the count (the share that match times all of them; exact when every check is hashed),
 * and whether matches are too few for a walk (under 1 %: they are then collected by joins,
 * counted exactly and sorted). Up to JOINED_COUNT matches are listed once, by the sample when it
 * checked every row, else by one statement of joins, and the count and the page both read that
 * list. When every condition has more than MAX_DRIVING_ROWS rows, matches are dense: the walk is
 * short, and the count is estimated from a sample of the registry's pages (sampled-count.ts).
 * Conditions that each read their IKM in name order from one range of an index, of like sizes,
 * are merged instead (merged): no more read than the sample and its joins, and exact up to
 * JOINED_COUNT matches.
 */

/** The count reads this many of the driving condition's IKM: all of them when there are no more (exact), else a sample. */
export const SAMPLE_ROWS = 1_000;
/** How many times fewer rows a condition spread over names (Source.clustered) needs, to drive rather than one clustered in them. */
const SPREAD_WEIGHT = 2;
/** Up to about this many matches (by the sample), they are counted exactly, by joins: a reader counts a short list; up to this many, their list is the page's rows. */
const JOINED_COUNT = 2_000;
/** A driving condition PostgreSQL expects more rows of is not sampled: its rows are too many to read for a count. */
export const MAX_DRIVING_ROWS = 100_000;
/** How many times fewer rows a condition that cannot walk (a capacity, a founding date) needs, to drive rather than one that can: it collects all its matches. */
const COLLECT_WEIGHT = 4;
/** Conditions that each read their IKM from one index range in name order are merged when none has more than this many times the rows of the fewest. */
export const MERGED_SPREAD = 4;

/** The matches of a plan, each once, with their names (from the driver's index). */
type Listed = { ids: string[]; names: string[] };

/**
 * The ends of a merge's matches when they are more than JOINED_COUNT: the first JOINED_COUNT + 1 in
 * name order, and the merge read from the end (its statement, with its parameters), for a page
 * without a cursor.
 */
type MergedEnds = { head: Listed; params: unknown[]; fromEnd: string };

/** A merge's matches: listed when at most JOINED_COUNT, else its ends and a count of it up to EXACT_COUNT_LIMIT + 1. */
type MergedMatches = { count: number; listed: Listed } | { counted: () => Promise<number>; listed: null; ends: MergedEnds };

/**
 * A plan that reads the matches: the sources written into one statement, the driver first; `listed`
 * all the matches when they were collected by joins (at most JOINED_COUNT); `ends` when a merge read more.
 */
type Planned = { params: unknown[]; driver: WrittenSource; checks: string[]; joined: string[]; sparse: boolean; count: number; listed: Listed | null; ends?: MergedEnds };

export type CombinedPlan =
  | { empty: true }
  | Planned
  /** Matches not few, no condition that can walk but the driver, which cannot: the page is read the general way, walking the directory. */
  | { count: number; general: true }
  /** Every condition broad: matches are dense, so the walk is short (the general read's when the driver cannot walk), and the count is sampled. */
  | { params: unknown[]; driver: WrittenSource; checks: string[]; broad: true }
  | { general: true; broad: true };

/** A condition with at most this many rows is checked against its IKM's ids, hashed once; one with more, by a look-up for each IKM read. */
export const HASHED_ROWS = 50_000;

/**
 * Writes the sources into one statement's parameters: the driver, then the others' checks (with
 * the status when the driver's rows are not the enterprises'). A look-up costs a random read of
 * an index or the enterprises' table for each IKM the walk or the sample reads; a condition of
 * few rows is cheaper as its ids, read once from its index and hashed. The sample, which reads
 * all the driver's rows, also hashes a condition of no more rows than the driver (a sector the
 * driver is weighted against): twice the rows read, and every row checked, so its count is exact
 * and the matches, when few, are listed without joining the two sets again.
 */
function written(sources: readonly Source[], driving: number, estimates: readonly number[]) {
  const params: unknown[] = [];
  const $: Param = (value) => `$${params.push(value)}`;
  const driver = sources[driving]!.write($);
  const others = sources.flatMap((source, i) => (i === driving ? [] : [{ source: source.write($), rows: estimates[i]! }]));
  const active = sources[driving]!.activeRows ? [] : [ACTIVE];
  // IS TRUE keeps the ids a filter, hashed once: as a bare IN, PostgreSQL joined them to every row
  // of the driver and sorted the matches, where the walk stops at the page ("batik-tulis" products
  // in a kecamatan at a million IKM: 17 ms for the page, against 8 ms).
  const checksHashing = (most: number) => [...active, ...others.map(({ source, rows }) => (rows <= most && source.ids ? `(r.id IN (${source.ids})) IS TRUE` : source.check))];
  const sampleHashes = Math.max(HASHED_ROWS, estimates[driving]!);
  return {
    params,
    driver,
    // Every check hashed: the sample statement counts all matches exactly at little more cost.
    hashedOnly: others.every(({ source, rows }) => rows <= sampleHashes && source.ids),
    checks: checksHashing(HASHED_ROWS),
    sampleChecks: checksHashing(sampleHashes),
    joined: [...active, ...others.map(({ source }) => source.joined)],
  };
}

/** PostgreSQL's estimate of the rows a statement gives (from its statistics: close for a single range). */
async function explainedRows(statement: string, params: unknown[], sql: NonNullable<Context['sql']>): Promise<number> {
  const [row] = await sql(`EXPLAIN (FORMAT JSON) ${statement}`, params);
  const plan = row!['QUERY PLAN'];
  return ((typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }])[0].Plan['Plan Rows'];
}

/** A source PostgreSQL expects fewer rows of is counted instead, up to this many (from its index alone: a few dozen blocks). */
const COUNTED_ROWS = 10_000;

/**
 * A source's rows, once per request (a word's count and its plan both ask); Infinity when no index
 * serves it. PostgreSQL's estimate (close for a range its statistics know) where it expects
 * COUNTED_ROWS or more, else counted, up to COUNTED_ROWS. A value below its most common ones and
 * between two of its histogram's bounds is a row or so to it, whether none ("pedas") or 25,000
 * ("singkong", at a million IKM) have it: counted, a word of none drives, and its empty sample ends
 * the search, where the other's 25,000 were checked (103,000 blocks). And the plan's choices (which
 * condition drives, whether two merge) are compared against thresholds: on an estimate that moves a
 * few percent with each ANALYZE's sample, a filter near one flipped between plans from one
 * statistics to the next.
 */
export function estimatedRows(source: Source, ctx: Context, sql: NonNullable<Context['sql']>): Promise<number> {
  return requestCache(ctx, `estimate:${source.key}`, async () => {
    const params: unknown[] = [];
    const { ids } = source.write((value) => `$${params.push(value)}`);
    if (!ids) return Number.POSITIVE_INFINITY;
    const expected = await explainedRows(`SELECT 1 FROM (${ids}) r`, params, sql);
    if (expected >= COUNTED_ROWS) return expected;
    const [row] = await sql(`SELECT count(*)::int AS n FROM (${ids} LIMIT ${COUNTED_ROWS + 1}) r`, params);
    return (row as { n: number }).n;
  });
}

/**
 * The matches of conditions that each read their IKM in name order from one range of an index
 * (WrittenSource.stream: a KBLI code, a word of one term, a sector, a certification), merged on
 * (name, id), which reads each range once and in order: listed when at most JOINED_COUNT, else
 * counted by a second merge up to EXACT_COUNT_LIMIT + 1 or, beyond, by the plan's sample
 * (sampledOrCounted: the merge's count when the sample finds few); a page without a cursor is
 * then the first matches listed, or the merge read from the end (MergedEnds), where a walk of the driver from the
 * end checked every IKM of a kecamatan named after the "Batik …" ones ("batik" and a kecamatan of
 * Kota Semarang at a million IKM, 8,342 matches: 26 ms, against 5 ms). At a million IKM, a KBLI
 * code's 77,000 IKM and a sector's 55,000 that never meet take 18 ms, where a sample of the
 * sector's IKM (18 ms) found none and joining the two to be sure took 22 ms more; a batik
 * sector's 77,000 and the 48,000 medium IKM are counted exactly (3,610) in 15-23 ms, where the
 * sample took 40. Listing and counting in one statement cost "batik tulis" (52,380 matches) 42 ms:
 * its list stops at the limit instead. Null when a condition has no such range, or one has several
 * times the rows of the fewest, whose sample reads little.
 */
async function merged(sources: readonly Source[], estimates: readonly number[], sql: NonNullable<Context['sql']>): Promise<MergedMatches | null> {
  const fewest = Math.min(...estimates);
  if (sources.length < 2 || fewest <= SAMPLE_ROWS || Math.max(...estimates) > Math.min(MAX_DRIVING_ROWS, MERGED_SPREAD * fewest)) return null;
  const params: unknown[] = [];
  const streams = sources.map((source) => source.write((value) => `$${params.push(value)}`).stream);
  if (!streams.every((stream) => stream !== null)) return null;
  const [first, ...others] = streams as [NonNullable<(typeof streams)[0]>, ...NonNullable<(typeof streams)[0]>[]];
  const single = streams.flatMap((stream) => (stream.single ? [stream.single] : []));
  const where = [...single, ...(sources.some((source) => source.activeRows) ? [] : [ACTIVE])];
  // Each range in its index's order, behind a fence (OFFSET 0): the one join left is the merge. With
  // the other's rows looked up in its index for each row, the limit made the planner expect a short
  // walk (a word's term is an initplan's value to it: a few hundred rows), and it read them all.
  const ordered = (rows: string, backwards: boolean) => `(SELECT * FROM (${rows}) o ORDER BY ${backwards ? 'o.name DESC, o.id DESC' : 'o.name, o.id'} OFFSET 0)`;
  const merge = (backwards: boolean) => `SELECT r.id, r.name FROM ${ordered(first.rows, backwards)} r
       ${others.map((stream, i) => `JOIN ${ordered(stream.rows, backwards)} s${i} ON s${i}.name = r.name AND s${i}.id = r.id`).join(' ')}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const matches = `WITH m AS (${merge(false)})`;
  const [row] = await sql(
    `${matches} SELECT ${single.length ? single.join(' AND ') : 'TRUE'} AS single,
       (SELECT json_agg(json_build_array(l.id, l.name)) FROM (SELECT * FROM m ORDER BY m.name, m.id LIMIT ${JOINED_COUNT + 1}) l) AS listed`,
    params,
  );
  const { single: holds, listed } = row as { single: boolean | null; listed: [string, string][] | null };
  if (!holds) return null;
  const rows = listed ?? [];
  if (rows.length <= JOINED_COUNT) return { count: rows.length, listed: listedOnce(rows) };
  let counting: Promise<number> | undefined;
  const counted = () =>
    (counting ??= sql(`${matches} SELECT count(*)::int AS n FROM (SELECT 1 FROM m LIMIT ${EXACT_COUNT_LIMIT + 1}) c`, params).then(([n]) => (n as { n: number }).n));
  // The merge from the end as a plain join, which the page's limit stops: inside a WITH, PostgreSQL sorted all its rows first.
  return { counted, listed: null, ends: { head: listedOnce(rows), params, fromEnd: merge(true) } };
}

async function plan(sources: readonly Source[], ctx: Context, sql: NonNullable<Context['sql']>): Promise<CombinedPlan | null> {
  const estimates = await Promise.all(sources.map((source) => estimatedRows(source, ctx, sql)));
  // The condition of fewest rows that can walk drives (the sample reads all its rows); one spread
  // over names (a kecamatan, a size class) only when it has under half as many: names cluster by
  // what IKM make ("Kopi …", and a sector's), so a kecamatan's walk passes every "Agro …" first,
  // while the kecamatan of the "kopi" IKM are spread (measured at a million IKM: bench province;
  // a medium batik IKM's last page, walked by size class from the end, read 143,000 blocks).
  // One that cannot walk only when it has several times fewer (Infinity: no index serves it).
  const weight = (i: number) => estimates[i]! * (!sources[i]!.walks ? COLLECT_WEIGHT : sources[i]!.clustered ? 1 : SPREAD_WEIGHT);
  const driving = sources.reduce((best, _, i) => (weight(i) < (best === -1 ? Number.POSITIVE_INFINITY : weight(best)) ? i : best), -1);
  if (driving === -1) return null;
  const { params, driver, checks, sampleChecks, joined, hashedOnly } = written(sources, driving, estimates);
  const merge = await merged(sources, estimates, sql);
  if (merge?.listed) return merge.count === 0 ? { empty: true } : { params, driver, checks, joined, sparse: false, ...merge };
  // A merge's many matches: its ends for the pages, and their count.
  const fromMerge = (ends: MergedEnds, count: number): Planned => ({ params, driver, checks, joined, sparse: false, listed: null, ends, count });
  // Conditions of few IKM are counted first: their merge has few matches to count, or reaches
  // the limit soon ("batik" in a kecamatan of 21,126 IKM: 8,342, exact, where the sample read first
  // cost 8-16 ms more). Beyond, the sample comes first.
  if (merge && Math.min(...estimates) <= ESTIMATED_WITHOUT_COUNTING) {
    const count = await merge.counted();
    if (count <= EXACT_COUNT_LIMIT) return fromMerge(merge.ends, count);
  }
  if (estimates[driving]! > MAX_DRIVING_ROWS) return driver.walk !== null && driver.spread === null ? { params, driver, checks, broad: true } : { general: true, broad: true };
  // About SAMPLE_ROWS of the driver's IKM, chosen by their id (an IKM's rows are all in or all out):
  // all of them, each counted once, when they are no more (exact). The share of matches among the
  // sample's IKM, times the driver's rows with their repeats' share in the sample, is the count.
  const step = Math.max(1, Math.ceil(estimates[driving]! / SAMPLE_ROWS));
  const sampled = `(get_byte(uuid_send(d.id), 14) * 256 + get_byte(uuid_send(d.id), 15)) % ${step} = 0`;
  // Each row's flags once, as it is read (OFFSET 0 keeps PostgreSQL from copying them into each
  // aggregate); the checks only for the sample's rows, unless all are hashed (then every row, for
  // the exact count). A merge's many matches are sampled, each IKM looked up: hashing every row of
  // the others costs what counting the merge does ("batik tulis" at a million IKM: 28-38 ms).
  const exactly = hashedOnly && !merge;
  const matches = ['TRUE', ...(merge ? checks : sampleChecks)].join(' AND ');
  // Every row checked against the others, the driver read with its names from the index its walk
  // reads: the matches are listed by the same statement when few, where the page joined the two
  // sets again (a word and a kabupaten at a million IKM: 31 ms for 931 matches); at most
  // JOINED_COUNT + 1 rows of them come back. Alone, a condition's page walks its own index: nothing
  // to list (a word alone, "kopi", listed its 38,800 IKM in 49 ms more).
  const listing = exactly && driver.walk !== null && sources.length > 1;
  const matchedRows = (column: string) => `(array_agg(f.${column}) FILTER (WHERE f.m))[1:${JOINED_COUNT + 1}]`;
  const [sample] = await sql(
    `SELECT count(*)::int AS "all", count(*) FILTER (WHERE f.s)::int AS read,
       count(DISTINCT f.id) FILTER (WHERE f.s)::int AS ikm,
       count(DISTINCT f.id) FILTER (WHERE f.s AND f.m)::int AS matched,
       ${exactly ? 'count(DISTINCT f.id) FILTER (WHERE f.m)' : 'NULL'}::int AS exact,
       ${driver.spread ?? 'NULL'}::int AS spread,
       ${listing ? matchedRows('id') : 'NULL::uuid[]'} AS ids, ${listing ? matchedRows('name') : 'NULL::text[]'} AS names
     FROM (
       SELECT r.*, ${exactly ? `(${matches})` : `CASE WHEN r.s THEN ${matches} END`} AS m
       FROM (${listing ? `SELECT d.id, d.name, ${sampled} AS s FROM (${driver.rows}) d` : `SELECT d.id, ${sampled} AS s FROM (${driver.ids}) d(id)`} LIMIT ${MAX_DRIVING_ROWS + 1}) r OFFSET 0
     ) f`,
    params,
  );
  const { all, read, ikm, matched, exact, spread, ids, names } = sample as { all: number; read: number; ikm: number; matched: number; exact: number | null; spread: number | null; ids: string[] | null; names: string[] | null };
  const estimate = Math.round((all * matched) / Math.max(read, 1));
  if (merge) return fromMerge(merge.ends, await sampledOrCounted(estimate, merge.counted));
  if (all === 0) return { empty: true };
  // PostgreSQL expected far fewer: the driver is not the condition it seemed.
  if (all > MAX_DRIVING_ROWS) return null;
  if (exact === 0) return { empty: true };
  // Under 1 % of the sample matching, a walk would read a hundred rows a match, and the share is from fewer than ten IKM.
  // A driver that cannot walk collects its matches (its rows are at most MAX_DRIVING_ROWS).
  const sparse = (step > 1 && matched * 100 < ikm) || driver.walk === null;
  const walks = driver.walk !== null && (spread === null || spread <= MAX_WALKED_VALUES);
  if (!walks && !sparse) return null;
  const found = { params, driver, checks, joined, sparse };
  const known = exact ?? (step === 1 ? matched : null);
  // A driver that cannot walk counts well, but its matches, when not few, cost more to collect
  // (each with its name, from the enterprise's row: a founding date's 100,000 IKM, seconds) than a
  // walk of another condition, each checked, or of the directory. Not a product's: its index holds
  // the names, and the directory's walk meets its matches late where they cluster in name order (a
  // capacity few IKM reach: 92,000 IKM walked for 21 matches).
  if (driver.walk === null && !driver.namedInIndex && !(step > 1 && matched * 100 < ikm) && (known ?? estimate) > JOINED_COUNT) {
    const count = known ?? estimate;
    const walking = sources.reduce((best, source, i) => (source.walks && (best === -1 || weight(i) < weight(best)) ? i : best), -1);
    const walker = walking === -1 ? null : written(sources, walking, estimates);
    return walker && walker.driver.spread === null ? { params: walker.params, driver: walker.driver, checks: walker.checks, joined: walker.joined, sparse: false, count, listed: null } : { count, general: true };
  }
  if (known !== null || (!sparse && estimate > JOINED_COUNT)) {
    // Every match's rows, when fewer than the rows that came back (an IKM has a row for each term of a prefix).
    const few = ids && names && known !== null && known <= JOINED_COUNT && ids.length <= JOINED_COUNT;
    return { ...found, count: known ?? estimate, listed: few ? listedOnce(ids.map((id, i) => [id, names[i]!])) : null };
  }
  // Few matches: collected once, by joins, for the count and the page.
  const { count, listed } = await collected(found, sql);
  return count === 0 ? { empty: true } : { ...found, count, listed };
}

/** The matches collected by joins on the driver's rows: how many, and their list when at most JOINED_COUNT. */
async function collected(found: Pick<Planned, 'params' | 'driver' | 'joined'>, sql: NonNullable<Context['sql']>): Promise<{ count: number; listed: Listed | null }> {
  const [row] = await sql(
    `SELECT count(*)::int AS n, CASE WHEN count(*) <= ${JOINED_COUNT} THEN json_agg(json_build_array(m.id, m.name)) END AS listed FROM (${joinedMatches(found.driver, found.joined)}) m`,
    found.params,
  );
  const { n, listed } = row as { n: number; listed: [string, string][] | null };
  return { count: n, listed: listed && listedOnce(listed) };
}

/** Matches as (id, name) pairs, an IKM once for each of its driver's rows: each once. */
function listedOnce(rows: readonly [string, string][]): Listed {
  const names = new Map(rows);
  return { ids: [...names.keys()], names: [...names.values()] };
}

/** The filter's plan, once per request (its page and its count share it); null: read the general way. */
export function combinedPlan(sources: readonly Source[], ctx: Context): Promise<CombinedPlan | null> {
  const { sql } = ctx;
  if (!sql || sources.length === 0) return Promise.resolve(null);
  return requestCache(ctx, `combined-plan:${sources.map((s) => s.key).join('|')}`, () => plan(sources, ctx, sql));
}

/** The matches collected by joins on the driver's rows (for the planner to choose how), each IKM once, with its name from the driver's index (the enterprises' rows are not read). */
const joinedMatches = (driver: WrittenSource, joined: readonly string[]) => `SELECT DISTINCT r.id, r.name FROM (${driver.rows}) r WHERE ${joined.join(' AND ')}`;

/**
 * The page's rows for planner/page.ts, the page's conditions (its cursor) in them: the matches
 * listed by the plan, when few (with their names, or every column for another order); in name
 * order, for a page without a cursor that needs the first or last `edge` of a merge's many matches,
 * those listed or the merge from the end (MergedEnds); in name order (`byName`), the
 * driver's walk with the other conditions checked row by row, or, when few of its IKM match, the
 * matches collected and sorted. In another order, or from the end (`fromEnd`: a walk backwards
 * may cross a stretch of names with no match), the matches are listed whenever they are few.
 * Null: read the general way.
 */
export async function combinedRows(
  sources: readonly Source[],
  ctx: Context,
  byName: boolean,
  fromEnd: boolean,
  edge: number | null,
): Promise<Pick<PageSql, 'from' | 'where' | 'params'> | 'empty' | null> {
  const found = await combinedPlan(sources, ctx);
  if (!found || 'empty' in found) return found && 'empty';
  if ('general' in found) return null;
  const { params, driver, checks } = found;
  const where = (page: readonly string[]) => (page.length ? ` WHERE ${page.join(' AND ')}` : '');
  const ends = byName && edge !== null && 'ends' in found ? found.ends : undefined;
  if (ends && fromEnd) return { params: ends.params, where: [], from: (page) => `SELECT r.id, r.name FROM (${ends.fromEnd}) r${where(page)}` };
  // Collected now when the plan counted them otherwise.
  const head = ends && edge! <= ends.head.ids.length ? ends.head : null;
  const listed = 'listed' in found && (found.listed ?? head ?? ((!byName || fromEnd) && found.count <= JOINED_COUNT ? (await collected(found, ctx.sql!)).listed : null));
  if (listed) {
    const { ids, names } = listed;
    return byName
      ? { params: [ids, names], where: [], from: (page) => `SELECT r.id, r.name FROM unnest($1::uuid[], $2::text[]) r(id, name)${where(page)}` }
      : { params: [ids], where: [], from: (page) => `SELECT r.* FROM "Enterprise" r${where(['r.id = ANY($1::uuid[])', ...page])}` };
  }
  if (!byName) return null;
  if ('sparse' in found && found.sparse) {
    return {
      params,
      where: [],
      from: (page) => `WITH m AS MATERIALIZED (${joinedMatches(driver, found.joined)}) SELECT r.id, r.name FROM m r${where(page)}`,
    };
  }
  return { params, where: [], from: (page, limit, backwards) => driver.walk!([...checks, ...page], limit, backwards) };
}

/**
 * How many active IKM meet all the conditions (`count` is Prisma's count of the filter, with the
 * `take` given), as the plan counted them from the driving condition's IKM: exact when they are at
 * most SAMPLE_ROWS or every check is hashed (all checked) or when few of them match (counted by
 * joins); else about SAMPLE_ROWS of them checked and the share that match times all of them. Every
 * condition broad, or no plan: from a sample of the registry's pages (sampled-count.ts), counted up
 * to EXACT_COUNT_LIMIT when it finds few. A condition the sample would look up on every row (a
 * capacity without a category) is PostgreSQL's estimate first when most IKM are expected to match
 * (`broad`, countRows), else exact up to EXACT_COUNT_LIMIT, then estimated (countOrEstimate).
 */
export async function combinedCount(sources: readonly Source[], ctx: Context, count: (prisma: Context['prisma'], take?: number) => Promise<number>, broad = false): Promise<number> {
  const found = await combinedPlan(sources, ctx);
  if (found && 'empty' in found) return 0;
  if (found && !('broad' in found)) return found.count;
  const sampled = ctx.sql && (await sampledCount(sources, ctx.sql, () => count(ctx.prisma, EXACT_COUNT_LIMIT + 1)));
  return sampled ?? (broad ? countRows(ctx, count) : countOrEstimate(ctx, count));
}
