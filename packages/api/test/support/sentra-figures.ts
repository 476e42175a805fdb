import type { Database } from '../../src/db/connection';

/** The rows of a kept table and of the same figures computed again that disagree, either way. */
async function differences(db: Database, kept: string, fresh: string): Promise<unknown[]> {
  return db.query(`
    WITH kept AS (${kept}), fresh AS (${fresh})
    (SELECT 'kept' AS side, * FROM (SELECT * FROM kept EXCEPT SELECT * FROM fresh) a)
    UNION ALL (SELECT 'fresh', * FROM (SELECT * FROM fresh EXCEPT SELECT * FROM kept) b)`);
}

/** SentraCapacity against the products summed again. */
export function sentraCapacityMismatches(db: Database): Promise<unknown[]> {
  return differences(
    db,
    'SELECT "sentraId", category, unit, total, enterprises FROM "SentraCapacity"',
    `SELECT e."sentraId", p.category, lower(btrim(p.unit)) AS unit, SUM(p."monthlyCapacity")::bigint AS total, COUNT(DISTINCT e.id)::int AS enterprises
     FROM "EnterpriseProduct" p JOIN "Enterprise" e ON e.id = p."enterpriseId"
     WHERE e."sentraId" IS NOT NULL AND e.status = 'ACTIVE'
     GROUP BY 1, 2, 3`,
  );
}

/** SentraSizeClassCount (sentra without members left out) and SentraOpenOpportunity against the members and opportunities counted again. */
export async function sentraMemberFigureMismatches(db: Database): Promise<unknown[]> {
  const sizes = await differences(
    db,
    'SELECT "sentraId", micro, small, medium, large, unclassified FROM "SentraSizeClassCount" WHERE micro + small + medium + large + unclassified > 0',
    `SELECT "sentraId", count(*) FILTER (WHERE "sizeClass" = 'MICRO')::int, count(*) FILTER (WHERE "sizeClass" = 'SMALL')::int,
       count(*) FILTER (WHERE "sizeClass" = 'MEDIUM')::int, count(*) FILTER (WHERE "sizeClass" = 'LARGE')::int, count(*) FILTER (WHERE "sizeClass" IS NULL)::int
     FROM "Enterprise" WHERE status = 'ACTIVE' AND "sentraId" IS NOT NULL GROUP BY 1`,
  );
  const open = await differences(
    db,
    'SELECT "sentraId", "validUntil", opportunities FROM "SentraOpenOpportunity"',
    `SELECT e."sentraId", o."validUntil", count(*)::int AS opportunities
     FROM "Opportunity" o JOIN "Enterprise" e ON e.id = o."enterpriseId"
     WHERE o.status = 'OPEN' AND e."sentraId" IS NOT NULL GROUP BY 1, 2`,
  );
  return [...sizes, ...open];
}
