import { ColumnTypeEnum, type SqlDriverAdapter, type SqlDriverAdapterFactory, type SqlQuery, type SqlResultSet } from '@prisma/driver-adapter-utils';

/** Prisma's statement for `count({ where })`: the rows it counts are the inner SELECT's. */
const PRISMA_COUNT = /^SELECT COUNT\(\*\) AS "(_count\$_all)" FROM \((.*)\) AS "sub"$/s;

/** The order Prisma gives the inner SELECT of a `count({ take })`, before its LIMIT and OFFSET. */
const COUNT_ORDER = /\s+ORDER BY [^()]+?(?=\s+LIMIT \$\d+ OFFSET \$\d+$)/;

/** An adapter whose queryRaw is `queryRaw`, the rest of it the adapter's. */
function withQueryRaw(factory: SqlDriverAdapterFactory, queryRaw: (adapter: SqlDriverAdapter, query: SqlQuery) => Promise<SqlResultSet>): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      const wrapped: SqlDriverAdapter = Object.create(adapter);
      wrapped.queryRaw = (query) => queryRaw(adapter, query);
      return wrapped;
    },
  };
}

/**
 * A driver adapter whose Prisma `count({ take })` counts any `take` matching rows: Prisma orders
 * them by the primary key first, which makes PostgreSQL walk that key and read every row's heap to
 * check the filter (80 ms for 10,001 IKM of one sector at a million) where an index of the filter
 * would count them alone (3 ms). How many rows a window of LIMIT and OFFSET holds does not depend
 * on their order. Any other statement runs as it is.
 */
export function unorderedCounts(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return withQueryRaw(factory, (adapter, query) => {
    const count = query.sql.startsWith('SELECT COUNT(*)') ? PRISMA_COUNT.exec(query.sql) : null;
    return adapter.queryRaw(count ? { ...query, sql: query.sql.replace(count[2]!, count[2]!.replace(COUNT_ORDER, '')) } : query);
  });
}

interface PlanNode {
  'Plan Rows': number;
}

/**
 * A driver adapter whose Prisma `count()` is answered by PostgreSQL's planner, without counting:
 * the inner SELECT is EXPLAINed and its estimated rows come back as the count. Counting a million
 * rows exactly takes a tenth of a second or more; planning the same statement a few milliseconds,
 * from the statistics ANALYZE keeps. Any other statement runs as it is.
 */
export function estimatingAdapter(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return withQueryRaw(factory, async (adapter, query) => {
    const count = PRISMA_COUNT.exec(query.sql);
    if (!count) return adapter.queryRaw(query);
    const explained = await adapter.queryRaw({ ...query, sql: `EXPLAIN (FORMAT JSON) ${count[2]}` });
    const cell = explained.rows[0]?.[0];
    const [plan] = (typeof cell === 'string' ? JSON.parse(cell) : cell) as [{ Plan: PlanNode }];
    return { columnNames: [count[1]!], columnTypes: [ColumnTypeEnum.Int64], rows: [[String(Math.round(plan.Plan['Plan Rows']))]] };
  });
}
