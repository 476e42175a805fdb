/**
 * `opportunityStatus` (domain/opportunity-status.ts) in SQL, for reads planned into one statement
 * (planner/): a stored OPEN whose validUntil lies before `now` reads EXPIRED; at exactly validUntil it
 * is still OPEN, the boundary `statusWhere` in queries.ts uses too.
 */
export function opportunityStatusSql(row: string, now: string): string {
  return `CASE WHEN ${row}."status" = 'OPEN' AND ${row}."validUntil" < ${now} THEN 'EXPIRED' ELSE ${row}."status"::text END`;
}
