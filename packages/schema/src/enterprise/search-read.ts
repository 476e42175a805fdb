import type { Context } from '../context';
import { prefixRange } from '../domain/search';
import type { PageSql } from '../planner/page';
import { combinedCount, estimatedRows, MAX_DRIVING_ROWS } from './combined-read';
import { ACTIVE, MAX_WALKED_VALUES, nameOrder, type Source, wordSource } from './sources';

/**
 * A directory search read from its words' index, in the directory's order. EnterpriseSearchTerm
 * keeps each enterprise's name beside its words, under the key (term, name, enterpriseId): the IKM
 * of one term are in name order there. A page of one word walks each term the word is the prefix
 * of, that term's IKM in name order, until it has the page's rows, and merges the terms' rows, in
 * one statement (walkedRows). Several words, or a word with other conditions, are a combined
 * filter (combined-read.ts), the word fewest IKM have driving. Walking the enterprises in name
 * order instead reads every IKM named before the first match (a hundred thousand before
 * "Batik …" at a million IKM); collecting the matches first sorts them all.
 */

/**
 * A condition's page in one statement, without a plan (every IKM it has matches but the
 * archived): its walk (sources.ts) when it reads at most MAX_WALKED_VALUES values one by one (a
 * word's terms, a KBLI prefix's codes; a walk reads no more), else the general read of the
 * enterprises in name order, each checked; each part runs only when its one-time condition on the
 * number of values holds. A word alone, or products, a KBLI code or prefix, or a certification.
 */
export function walkedRows(source: Source): Pick<PageSql, 'where' | 'params'> & Required<Pick<PageSql, 'from'>> {
  const params: unknown[] = [];
  const { walk, spread, check } = source.write((value) => `$${params.push(value)}`);
  const walked = (page: readonly string[], limit: string, backwards: boolean) => walk!([ACTIVE, ...page], limit, backwards);
  if (spread === null) return { params, where: [], from: walked };
  return {
    params,
    where: [],
    from: (page, limit, backwards) => `${walked(page, limit, backwards)} AND ${spread} <= ${MAX_WALKED_VALUES}
      UNION ALL
      SELECT g.* FROM (
        SELECT r.id, r.name FROM "Enterprise" r
        WHERE ${[`r.status = 'ACTIVE'`, check, ...page].join(' AND ')}
        ORDER BY ${nameOrder(backwards)} LIMIT ${limit}
      ) g WHERE ${spread} > ${MAX_WALKED_VALUES}`,
  };
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

/**
 * How many active IKM have a word (a search of one word alone): a whole word more than
 * MAX_DRIVING_ROWS IKM have, as PostgreSQL estimates its term's rows (close for one range: a term
 * is an IKM's once); else as a combined filter of that word (combined-read.ts), the prefix of
 * several terms in more rows than that from a sample of the registry's pages (sampled-count.ts:
 * counting 10,001 of them read 37,000 blocks for "a", and PostgreSQL's estimate of the IKM with
 * such a term was the same for every word).
 */
export async function searchCount(word: string, ctx: Context, count: (prisma: Context['prisma'], take?: number) => Promise<number>): Promise<number> {
  const source = wordSource(word);
  const { sql } = ctx;
  const estimate = sql ? await estimatedRows(source, ctx, sql) : 0;
  if (sql && estimate > MAX_DRIVING_ROWS && (await oneTerm(word, sql))) return Math.round(estimate);
  return combinedCount([source], ctx, count);
}
