import type { Context } from '../context';
import { prefixRange } from '../domain/search';
import type { PageSql } from '../planner/page';
import { combinedCount, estimatedRows, MAX_DRIVING_ROWS } from './combined-read';
import { ACTIVE, MAX_WALKED_VALUES, nameOrder, wordSource } from './sources';

/**
 * A directory search read from its words' index, in the directory's order. EnterpriseSearchTerm
 * keeps each enterprise's name beside its words, under the key (term, name, enterpriseId): the IKM
 * of one term are in name order there. A page of one word walks each term the word is the prefix
 * of, that term's IKM in name order, until it has the page's rows, and merges the terms' rows, in
 * one statement (oneWordRows). Several words, or a word with other conditions, are a combined
 * filter (combined-read.ts), the word fewest IKM have driving. Walking the enterprises in name
 * order instead reads every IKM named before the first match (a hundred thousand before
 * "Batik …" at a million IKM); collecting the matches first sorts them all.
 */

/** The general read's conditions on r (an Enterprise) and their parameters: each word a prefix of one of its terms. */
export function hasWords(words: readonly string[]): { where: string[]; params: unknown[] } {
  return {
    where: words.map((_, i) => `EXISTS (SELECT 1 FROM "EnterpriseSearchTerm" t WHERE t."enterpriseId" = r.id AND t.term >= $${2 * i + 1}::text AND t.term < $${2 * i + 2}::text)`),
    params: words.flatMap((word) => Object.values(prefixRange(word))),
  };
}

/**
 * One word's page in one statement, without a plan (every IKM of the word matches but the
 * archived): the walk of its terms when the word is the prefix of at most MAX_WALKED_VALUES terms,
 * else the general read of the enterprises in name order; each part runs only when its one-time
 * condition on the number of terms holds.
 */
export function oneWordRows(word: string): Pick<PageSql, 'from' | 'where' | 'params'> {
  const params: unknown[] = [];
  const source = wordSource(word).write((value) => `$${params.push(value)}`);
  return {
    params,
    where: [],
    from: (page, limit, backwards) => `${source.walk!([ACTIVE, ...page], limit, backwards)} AND ${source.spread} <= ${MAX_WALKED_VALUES}
      UNION ALL
      SELECT g.* FROM (
        SELECT r.id, r.name FROM "Enterprise" r
        WHERE ${[`r.status = 'ACTIVE'`, ...hasWords([word]).where, ...page].join(' AND ')}
        ORDER BY ${nameOrder(backwards)} LIMIT ${limit}
      ) g WHERE ${source.spread} > ${MAX_WALKED_VALUES}`,
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
 * MAX_DRIVING_ROWS IKM have, as PostgreSQL estimates its term's rows (close for one range; the
 * general estimate is not); else as a combined filter of that word (combined-read.ts).
 */
export async function searchCount(word: string, ctx: Context, count: (prisma: Context['prisma'], take?: number) => Promise<number>): Promise<number> {
  const source = wordSource(word);
  const { sql } = ctx;
  if (sql) {
    const estimate = await estimatedRows(source, ctx, sql);
    if (estimate > MAX_DRIVING_ROWS && (await oneTerm(word, sql))) return Math.round(estimate);
  }
  return combinedCount([source], ctx, count);
}
