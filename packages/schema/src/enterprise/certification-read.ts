import type { Context } from '../context';
import { countUpToLimit, type PageSql } from '../planner/page';

/**
 * The directory's certification filter alone, read from the certificates' index in the
 * directory's order, as kbli-read.ts reads codes: Certification keeps its enterprise's name
 * (migration certification_sort_key) under (kind, enterpriseName, enterpriseId, expiresOn), so a
 * page walks the kind's IKM in name order, checking the expiry from the index and the status of
 * each, and the count is that walk up to EXACT_COUNT_LIMIT + 1. An enterprise holds a kind once
 * (its unique key), so the walk gives each IKM once.
 */
export function certificationRows(kind: string, today: Date): Pick<PageSql, 'where' | 'params'> & Required<Pick<PageSql, 'from'>> {
  return {
    params: [kind, today],
    where: [
      // Not expired before today (in Semarang), as enterpriseWhere's certification filter.
      `(r.expires IS NULL OR r.expires >= $2::date)`,
      // Archived IKM are few: their ids are hashed once.
      `r.id NOT IN (SELECT e.id FROM "Enterprise" e WHERE e.status = 'ARCHIVED')`,
    ],
    from: (page, limit) => `SELECT r.id, r.name FROM (
        SELECT k."enterpriseId" AS id, k."enterpriseName" AS name, k."expiresOn" AS expires FROM "Certification" k WHERE k.kind = $1::"CertificationKind"
      ) r WHERE ${page.join(' AND ')} ORDER BY r.name, r.id LIMIT ${limit}`,
  };
}

/** How many active IKM hold the kind unexpired, up to EXACT_COUNT_LIMIT + 1 (more are estimated the general way): the page's walk, that long. */
export function certificationCount(kind: string, today: Date, ctx: Context): Promise<number | null> {
  return countUpToLimit(certificationRows(kind, today), ctx);
}
