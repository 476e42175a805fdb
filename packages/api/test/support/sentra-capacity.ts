import type { Database } from '../../src/db/connection';

/** The rows of SentraCapacity and of the products summed again that disagree, either way. */
export function sentraCapacityMismatches(db: Database): Promise<unknown[]> {
  return db.query(`
    WITH kept AS (SELECT "sentraId", category, unit, total, enterprises FROM "SentraCapacity"), fresh AS (
      SELECT e."sentraId", p.category, lower(btrim(p.unit)) AS unit, SUM(p."monthlyCapacity")::bigint AS total, COUNT(DISTINCT e.id)::int AS enterprises
      FROM "EnterpriseProduct" p JOIN "Enterprise" e ON e.id = p."enterpriseId"
      WHERE e."sentraId" IS NOT NULL AND e.status = 'ACTIVE'
      GROUP BY 1, 2, 3
    )
    (SELECT 'kept' AS side, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) a)
    UNION ALL (SELECT 'fresh', * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) b)`);
}
