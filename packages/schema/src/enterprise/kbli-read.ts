import type { Context } from '../context';
import { prefixRange } from '../domain/search';
import { countUpToLimit, type PageSql } from '../planner/page';

/**
 * The directory's KBLI filter alone (a code or a prefix), read from the codes' index in the
 * directory's order, as product-read.ts reads categories: EnterpriseKbli keeps its enterprise's
 * name (migration kbli_sort_key) under (code, enterpriseName, enterpriseId), so a page walks each
 * code of the prefix (found by a skip scan) in name order and merges them, and the count is that
 * walk up to EXACT_COUNT_LIMIT + 1. IKM under a KBLI division cluster in name order ("Batik …"):
 * walking the enterprises instead read every IKM named before them.
 */

/** The codes from $1 up to $2, by a skip scan of the codes' index. */
const CODES_CTE = `codes(code) AS (
    SELECT min(code) FROM "EnterpriseKbli" WHERE code >= $1 AND code < $2
    UNION ALL
    SELECT (SELECT min(code) FROM "EnterpriseKbli" WHERE code > codes.code AND code < $2) FROM codes WHERE codes.code IS NOT NULL
  )`;

/** The page's rows for planner/page.ts: each code's first `limit` IKM in name order, merged. */
export function kbliRows(prefix: string): Pick<PageSql, 'where' | 'params'> & Required<Pick<PageSql, 'from'>> {
  const { gte, lt } = prefixRange(prefix);
  return {
    params: [gte, lt],
    // Archived IKM are few: their ids are hashed once.
    where: [`r.id NOT IN (SELECT e.id FROM "Enterprise" e WHERE e.status = 'ARCHIVED')`],
    from: (page, limit) => `WITH RECURSIVE ${CODES_CTE}
      SELECT DISTINCT m.id, m.name FROM codes CROSS JOIN LATERAL (
        SELECT DISTINCT r.id, r.name FROM (SELECT k."enterpriseId" AS id, k."enterpriseName" AS name FROM "EnterpriseKbli" k WHERE k.code = codes.code) r
        WHERE ${page.join(' AND ')} ORDER BY r.name, r.id LIMIT ${limit}
      ) m WHERE codes.code IS NOT NULL`,
  };
}

/** How many active IKM have a code of the prefix, up to EXACT_COUNT_LIMIT + 1 (more are estimated the general way): the page's walk, that long. */
export function kbliCount(prefix: string, ctx: Context): Promise<number | null> {
  return countUpToLimit(kbliRows(prefix), ctx);
}
