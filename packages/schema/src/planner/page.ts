import { EXACT_COUNT_LIMIT } from '../common/counting';
import type { Context } from '../context';
import { objectsWithPage, renumbered, type Statement } from './run';

/** The paging Pothos gives a connection's resolver: take (page size + 1; negative backwards), skip, cursor ({ id }). */
export type Paging = { take?: unknown; skip?: unknown; cursor?: unknown };

/** A page's rows in SQL: `table` as r, conditions on r whose parameters are `params` ($1…, renumbered when the page is read inside another statement), the order's columns as written in SQL (the id last). */
export interface PageSql {
  table: string;
  /**
   * Instead of the table: a relation of its rows (their id and the order's columns) that hold the
   * conditions given, as SQL on r, with at least the first `limit` of them in the page's order, or
   * the last `limit` when `backwards` (a page before a cursor).
   */
  from?: (where: readonly string[], limit: string, backwards: boolean) => string;
  where: string[];
  params: unknown[];
  order: [column: string, direction: 'ASC' | 'DESC'][];
}

/** Rows from the cursor's row c on, in the page's order: after it on an earlier key, or tied and from it on the id. */
function fromCursor(order: PageSql['order']): string {
  const last = order.length - 1;
  return order
    .map(([column, direction], i) => {
      const tied = order.slice(0, i).map(([earlier]) => `r.${earlier} = c.${earlier}`);
      const comparison = (direction === 'DESC' ? '<' : '>') + (i === last ? '=' : '');
      return `(${[...tied, `r.${column} ${comparison} c.${column}`].join(' AND ')})`;
    })
    .join(' OR ');
}

/**
 * The ids of a page through the driver (ctx.sql), for a connection whose objects are planned: a page
 * of ids costs more CPU in Prisma's query pipeline than in the database (bench api). A cursor is
 * read as Prisma reads it: from the cursor's row on (none when that row is gone), skipping `skip`.
 * When the plan being executed reads the objects of this root field (`rootKey`, its response key),
 * the page is read in their statement (objectsWithPage): one statement for the page and its objects.
 * A page before a cursor (a negative take) is read in its own statement. Null when the page cannot
 * be read this way (planned reads off): Prisma reads it.
 */
export function pageOfIds(page: PageSql, paging: Paging, ctx: Context, rootKey: string): Promise<{ id: string }[]> | null {
  const { take, skip = 0, cursor } = paging;
  if (!ctx.sql || typeof take !== 'number' || take === 0 || typeof skip !== 'number') return null;
  const after = cursor === undefined ? undefined : (cursor as { id?: unknown } | null)?.id;
  if (cursor !== undefined && (typeof after !== 'string' || Object.keys(cursor as object).length !== 1)) return null;
  // A negative take reads backwards from the cursor (a page before it), in the reversed order, and
  // gives the rows in the page's order, as Prisma does.
  const backwards = take < 0;
  const reading: PageSql['order'] = backwards ? page.order.map(([column, direction]) => [column, direction === 'ASC' ? 'DESC' : 'ASC']) : page.order;
  const orderBy = (alias: string, order: PageSql['order']) => order.map(([column, direction]) => `${alias}.${column} ${direction}`).join(', ');
  // Placeholders from $base+1: the page's parameters, take, skip, the cursor's id.
  const statement = (base: number): Statement => {
    const n = page.params.length;
    const where = [...page.where];
    if (after !== undefined) where.push(`EXISTS (SELECT 1 FROM "${page.table}" c WHERE c.id = $${n + 3}::uuid AND (${fromCursor(reading)}))`);
    const from = page.from ? `(${page.from(where, `$${n + 1}::int + $${n + 2}::int`, backwards)})` : `"${page.table}"`;
    const conditions = page.from || where.length === 0 ? '' : `WHERE ${where.join(' AND ')} `;
    const columns = backwards ? ['id', ...page.order.map(([column]) => column).filter((column) => column !== 'id')] : ['id'];
    const read = `SELECT ${columns.map((column) => `r.${column}`).join(', ')} FROM ${from} r ${conditions}ORDER BY ${orderBy('r', reading)} LIMIT $${n + 1} OFFSET $${n + 2}`;
    return {
      sql: renumbered(backwards ? `SELECT p.id FROM (${read}) p ORDER BY ${orderBy('p', page.order)}` : read, (i) => base + i),
      params: [...page.params, Math.abs(take), skip, ...(after === undefined ? [] : [after])],
    };
  };
  if (backwards) {
    const { sql, params } = statement(0);
    return ctx.sql(sql, params) as Promise<{ id: string }[]>;
  }
  // Pothos reads one row more than it shows, to know whether another page follows.
  const withObjects = objectsWithPage(ctx, rootKey, statement, take - 1);
  if (withObjects) return withObjects as Promise<{ id: string }[]>;
  const { sql, params } = statement(0);
  return ctx.sql(sql, params) as Promise<{ id: string }[]>;
}

/**
 * How many rows a page's relation `from` holds, up to EXACT_COUNT_LIMIT + 1 (more are estimated the
 * general way): the page's own walk, that long. Null without the driver.
 */
export async function countUpToLimit(rows: Pick<PageSql, 'where' | 'params'> & Required<Pick<PageSql, 'from'>>, ctx: Context): Promise<number | null> {
  if (!ctx.sql) return null;
  const limit = EXACT_COUNT_LIMIT + 1;
  const [row] = await ctx.sql(`SELECT least(count(*), ${limit})::int AS n FROM (${rows.from(rows.where, String(limit), false)}) m`, rows.params);
  return (row as { n: number }).n;
}
