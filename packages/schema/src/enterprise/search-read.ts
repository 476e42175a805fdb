import { requestCache } from '../common/request-cache';
import type { Context } from '../context';
import { prefixRange } from '../domain/search';
import type { PageSql } from '../planner/page';

/**
 * A directory search read from its words' index, in the directory's order. EnterpriseSearchTerm
 * keeps each enterprise's name beside its words, under the key (term, name, enterpriseId): the IKM
 * of one term are in name order there. So a page walks, for each term its driving word (the one
 * fewest IKM have) is the prefix of, that term's IKM in name order, checking the other words and
 * the status of each, until it has the page's rows; the terms' rows are then merged. A page costs
 * about as many rows as it shows, wherever its IKM stand in the alphabet. Walking the enterprises
 * in name order instead reads every IKM named before the first match (a hundred thousand before
 * "Batik …" at a million IKM); collecting the matches first sorts them all.
 *
 * The walk is only as short as matches are frequent among the driving word's IKM, so a sample of
 * them decides first: a search few of them match, a word that is the prefix of many terms ("b")
 * or one that most IKM have is read the general way (filter.ts).
 */

/** The count reads this many of the driving word's IKM: all of them when there are no more (exact), else a sample. */
export const SEARCH_COUNT_SAMPLE = 1_000;
/** A driving word that is the prefix of more terms than this ("b") is read the general way: one walk per term is too many. */
const MAX_TERMS = 16;
/** A driving word more IKM are expected to have than this is read the general way: its IKM are too many to sample, and matches are dense among all IKM. */
const MAX_WORD_ROWS = 100_000;

/**
 * A search of non-empty words as SQL: its parameters, the driving word's range first ($1, $2), and
 * the conditions the other words and the status put on each of that word's IKM, as r: checked row
 * by row (`where`), or as the planner likes (`joined`).
 */
interface SearchSql {
  params: unknown[];
  where: string[];
  joined: string[];
}

/**
 * A search read from its words' index: its SQL, its totalCount, and whether few of the driving
 * word's IKM match (`sparse`: they are collected by joins on the words' index, then sorted); or
 * `empty` when a word is in no IKM's words; `common`, a single word of one term that more than
 * MAX_WORD_ROWS IKM have, read the general way and counted as PostgreSQL estimates that term's
 * rows (close for one range).
 */
type SearchPlan = { sql: SearchSql; count: number | null; sparse: boolean } | { empty: true } | { common: number };

/** The general read's conditions on r (an Enterprise) and their parameters: each word a prefix of one of its terms. */
export function hasWords(words: readonly string[]): { where: string[]; params: unknown[] } {
  return {
    where: words.map((_, i) => `EXISTS (SELECT 1 FROM "EnterpriseSearchTerm" t WHERE t."enterpriseId" = r.id AND t.term >= $${2 * i + 1}::text AND t.term < $${2 * i + 2}::text)`),
    params: words.flatMap((word) => Object.values(prefixRange(word))),
  };
}

/** The driving word's IKM (id, name and the term they are read under) as r. */
const TERM_ROWS = `SELECT t."enterpriseId" AS id, t.name, t.term FROM "EnterpriseSearchTerm" t`;

/**
 * Each condition is a scalar subquery, checked row by row as the driving word's IKM are read in
 * order (an EXISTS would let the planner hash every IKM of the other word, or every active IKM,
 * before the first row): one look-up in an index each.
 */
function searchSql(words: readonly string[], driving: number): SearchSql {
  const params: unknown[] = Object.values(prefixRange(words[driving]!));
  const $ = (value: unknown) => `$${params.push(value)}`;
  // Archived IKM are few: their ids are hashed once.
  const active = `r.id NOT IN (SELECT e.id FROM "Enterprise" e WHERE e.status = 'ARCHIVED')`;
  // An IKM with several of the word's terms ("batik", "batiknya") is read under the first only.
  const where = [active, `(SELECT min(u.term) FROM "EnterpriseSearchTerm" u WHERE u."enterpriseId" = r.id AND u.term >= $1 AND u.term < $2) = r.term`];
  const joined = [active, `NOT EXISTS (SELECT 1 FROM "EnterpriseSearchTerm" u WHERE u."enterpriseId" = r.id AND u.term >= $1 AND u.term < r.term)`];
  words.forEach((word, i) => {
    if (i === driving) return;
    const range = prefixRange(word);
    const has = `SELECT 1 FROM "EnterpriseSearchTerm" u WHERE u."enterpriseId" = r.id AND u.term >= ${$(range.gte)} AND u.term < ${$(range.lt)}`;
    where.push(`(${has} LIMIT 1) IS NOT NULL`);
    joined.push(`EXISTS (${has})`);
  });
  return { params, where, joined };
}

/** The distinct terms from $1 up to $2 (up to MAX_TERMS + 1 of them), by a skip scan of the terms' index. */
const TERMS_CTE = `terms(term, k) AS (
    SELECT min(term), 1 FROM "EnterpriseSearchTerm" WHERE term >= $1 AND term < $2
    UNION ALL
    SELECT (SELECT min(term) FROM "EnterpriseSearchTerm" WHERE term > terms.term AND term < $2), terms.k + 1 FROM terms WHERE terms.term IS NOT NULL AND terms.k <= ${MAX_TERMS}
  )`;

/** PostgreSQL's estimate of how many terms lie in a word's range (from its statistics: close for a single range). */
async function estimatedRows(range: { gte: string; lt: string }, sql: NonNullable<Context['sql']>): Promise<number> {
  const [row] = await sql(`EXPLAIN (FORMAT JSON) SELECT 1 FROM "EnterpriseSearchTerm" WHERE term >= $1 AND term < $2`, [range.gte, range.lt]);
  const plan = row!['QUERY PLAN'];
  return ((typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }])[0].Plan['Plan Rows'];
}

/** Whether a word is the prefix of one term only (then its term rows are its IKM, one each). */
async function oneTerm(word: string, sql: NonNullable<Context['sql']>): Promise<boolean> {
  const { gte, lt } = prefixRange(word);
  const [row] = await sql(
    `SELECT (SELECT min(term) FROM "EnterpriseSearchTerm" WHERE term >= $1 AND term < $2) = (SELECT max(term) FROM "EnterpriseSearchTerm" WHERE term >= $1 AND term < $2) AS one`,
    [gte, lt],
  );
  return (row as { one: boolean | null }).one === true;
}

async function plan(words: readonly string[], sql: NonNullable<Context['sql']>): Promise<SearchPlan | null> {
  // The word PostgreSQL expects fewest IKM to have drives.
  const estimates = await Promise.all(words.map((word) => estimatedRows(prefixRange(word), sql)));
  const driving = estimates.indexOf(Math.min(...estimates));
  if (estimates[driving]! > MAX_WORD_ROWS) return words.length === 1 && (await oneTerm(words[0]!, sql)) ? { common: Math.round(estimates[0]!) } : null;
  const search = searchSql(words, driving);
  // Every k-th of the word's IKM in name order: about SEARCH_COUNT_SAMPLE of them, over the whole alphabet.
  const step = Math.max(1, Math.ceil(estimates[driving]! / SEARCH_COUNT_SAMPLE));
  const [sample] = await sql(
    `WITH RECURSIVE ${TERMS_CTE}
     SELECT count(*)::int AS "all", (SELECT count(*)::int FROM terms WHERE term IS NOT NULL) AS terms,
       count(*) FILTER (WHERE r.i % ${step} = 0)::int AS read,
       count(*) FILTER (WHERE r.i % ${step} = 0 AND ${search.where.join(' AND ')})::int AS matched
     FROM (SELECT row_number() OVER (ROWS UNBOUNDED PRECEDING) AS i, w.* FROM (${TERM_ROWS} WHERE t.term >= $1 AND t.term < $2) w) r`,
    search.params,
  );
  const { all, terms, matched, read } = sample as { all: number; terms: number; matched: number; read: number };
  if (all === 0) return { empty: true };
  if (terms > MAX_TERMS) return null;
  // Under 1 % of the sample matching, a walk would read a hundred rows a match, and the share is from fewer than ten IKM.
  const sparse = all > read && matched * 100 < read;
  return { sql: search, sparse, count: all === read ? matched : sparse ? null : Math.round((all * matched) / read) };
}

/** The search's plan, once per request (its page and its count share it); null: read the general way. */
function searchPlan(words: readonly string[], ctx: Context): Promise<SearchPlan | null> {
  const { sql } = ctx;
  if (!sql || words.length === 0) return Promise.resolve(null);
  return requestCache(ctx, `search-plan:${words.join(' ')}`, () => plan(words, sql));
}

/** Each term's first `limit` IKM that meet `where` (as r), in name order, for the terms in TERMS_CTE. */
function walk(where: readonly string[], limit: string): string {
  return `SELECT m.* FROM terms CROSS JOIN LATERAL (
      SELECT r.id, r.name FROM (${TERM_ROWS} WHERE t.term = terms.term) r WHERE ${where.join(' AND ')} ORDER BY r.name, r.id LIMIT ${limit}
    ) m WHERE terms.term IS NOT NULL`;
}

/**
 * One word's page in one statement, without a plan (every IKM of the word matches but the archived
 * and those read under another of its terms): the walk when the word is the prefix of at most
 * MAX_TERMS terms, else the general read of the enterprises in name order; each part runs only
 * when its one-time condition on the number of terms holds.
 */
function oneWordRows(word: string): Pick<PageSql, 'from' | 'where' | 'params'> {
  const search = searchSql([word], 0);
  return {
    params: search.params,
    where: [],
    from: (page, limit) => `WITH RECURSIVE ${TERMS_CTE}, spread AS (SELECT count(*) AS n FROM terms WHERE term IS NOT NULL)
      ${walk([...search.where, ...page], limit)} AND (SELECT n FROM spread) <= ${MAX_TERMS}
      UNION ALL
      SELECT g.* FROM (
        SELECT r.id, r.name FROM "Enterprise" r
        WHERE ${[`r.status = 'ACTIVE'`, ...hasWords([word]).where, ...page].join(' AND ')}
        ORDER BY r.name, r.id LIMIT ${limit}
      ) g WHERE (SELECT n FROM spread) > ${MAX_TERMS}`,
  };
}

/**
 * The page's rows for planner/page.ts, the page's conditions (its cursor) in them. One word: in
 * one statement (oneWordRows). Several: after the plan, each term of the driving word gives its
 * first `limit` matches in name order and the page sorts those few; or, for words seldom together,
 * the matches are collected and sorted. Null: read the general way.
 */
export async function searchRows(words: readonly string[], ctx: Context): Promise<Pick<PageSql, 'from' | 'where' | 'params'> | 'empty' | null> {
  if (words.length === 1) return oneWordRows(words[0]!);
  const found = await searchPlan(words, ctx);
  if (!found || 'common' in found) return null;
  if ('empty' in found) return 'empty';
  const { params, where, joined } = found.sql;
  if (found.sparse) {
    // The conditions as joins, for the planner to choose how; the few matches are then sorted.
    return {
      params,
      where: [],
      from: (page) => `WITH m AS MATERIALIZED (SELECT r.id FROM (${TERM_ROWS} WHERE t.term >= $1 AND t.term < $2) r WHERE ${joined.join(' AND ')})
        SELECT r.id, r.name FROM (SELECT e.id, e.name FROM m JOIN "Enterprise" e ON e.id = m.id) r${page.length ? ` WHERE ${page.join(' AND ')}` : ''}`,
    };
  }
  return { params, where: [], from: (page, limit) => `WITH RECURSIVE ${TERMS_CTE} ${walk([...where, ...page], limit)}` };
}

/**
 * How many active IKM match a search, from its driving word's IKM: exact when they are at most
 * SEARCH_COUNT_SAMPLE (all checked) or when few of them match (counted by joins on the words'
 * index); else about SEARCH_COUNT_SAMPLE of them checked, every k-th in name order, and the share
 * that match times all of them; a single word most IKM have, PostgreSQL's estimate. Null: counted
 * the general way.
 */
export async function searchCount(words: readonly string[], ctx: Context): Promise<number | null> {
  const found = await searchPlan(words, ctx);
  if (!found || 'empty' in found) return found && 0;
  if ('common' in found) return found.common;
  if (found.count !== null) return found.count;
  const { params, joined } = found.sql;
  const [row] = await ctx.sql!(`SELECT count(*)::int AS n FROM (${TERM_ROWS} WHERE t.term >= $1 AND t.term < $2) r WHERE ${joined.join(' AND ')}`, params);
  return (row as { n: number }).n;
}
