import type { Context } from '../context';

/** The paging Pothos gives a connection's resolver: take (page size + 1; negative backwards), skip, cursor ({ id }). */
export type Paging = { take?: unknown; skip?: unknown; cursor?: unknown };

/** A page's rows in SQL: `table` as r, conditions on r whose parameters are `params` ($1…), ascending `order` columns (the id last). */
export interface PageSql {
  table: string;
  where: string[];
  params: unknown[];
  order: string[];
}

/**
 * The ids of a page through the driver (ctx.sql), for a connection whose objects are planned: a page
 * of ids costs more CPU in Prisma's query pipeline than in the database (bench api). A cursor is
 * read as Prisma reads it: from the cursor's row on (none when that row is gone), skipping `skip`.
 * Null when the page cannot be read this way (paging backwards, planned reads off): Prisma reads it.
 */
export function pageOfIds(page: PageSql, paging: Paging, ctx: Context): Promise<{ id: string }[]> | null {
  const { take, skip = 0, cursor } = paging;
  if (!ctx.sql || typeof take !== 'number' || take <= 0 || typeof skip !== 'number') return null;
  const params = [...page.params, take, skip];
  const where = [...page.where];
  if (cursor !== undefined) {
    const after = (cursor as { id?: unknown } | null)?.id;
    if (typeof after !== 'string' || Object.keys(cursor as object).length !== 1) return null;
    params.push(after);
    const columns = (alias: string) => page.order.map((c) => `${alias}.${c}`).join(', ');
    where.push(`EXISTS (SELECT 1 FROM "${page.table}" c WHERE c.id = $${params.length}::uuid AND (${columns('r')}) >= (${columns('c')}))`);
  }
  const sql = `SELECT r.id FROM "${page.table}" r WHERE ${where.join(' AND ')} ORDER BY ${page.order.map((c) => `r.${c}`).join(', ')} LIMIT $${page.params.length + 1} OFFSET $${page.params.length + 2}`;
  return ctx.sql(sql, params) as Promise<{ id: string }[]>;
}
