/**
 * A statement that aggregates a sample of the registry's pages (TABLESAMPLE SYSTEM) holding about
 * `rows` IKM, read as `alias`: `value` is the aggregate, `rows` the IKM read, `total` the table's
 * IKM (pg_class.reltuples, as ANALYZE last saw it), 0 when the sample is the whole table. The same
 * pages are read on every request, so the pages of one list agree. `aggregate` may use parameters
 * ($1…): the statement adds none.
 */
export const enterpriseSample = (rows: number, alias: string, aggregate: string) => `
  WITH t AS (SELECT greatest(c.reltuples, 1)::float8 AS total FROM pg_class c WHERE c.oid = '"Enterprise"'::regclass)
  SELECT ${aggregate} AS value, count(*)::int AS rows, (SELECT CASE WHEN total <= ${rows} THEN 0 ELSE total END FROM t) AS total
  FROM "Enterprise" ${alias} TABLESAMPLE SYSTEM ((SELECT least(100, ${rows * 100} / total) FROM t)) REPEATABLE (0)`;

/**
 * The factor from a sample's IKM to the table's: by the IKM of the table, not by the share of pages
 * read, since the pages sampled vary in number.
 */
export const sampleScale = ({ rows, total }: { rows: number; total: number }) => (total === 0 || rows === 0 ? 1 : total / rows);
