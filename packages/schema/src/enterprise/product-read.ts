import { escapeLike } from '../common/like';
import type { Context } from '../context';
import { countUpToLimit, type PageSql } from '../planner/page';

/**
 * The directory's product filter alone, read from the products' index. IKM that make a product
 * cluster in name order (those that make batik are called "Batik …"), so walking the enterprises
 * in name order and checking each one's products reads every IKM named before the first match (a
 * hundred thousand at a million IKM). EnterpriseProduct keeps its enterprise's name (migration
 * product_sort_key) under the index (category, enterpriseName, enterpriseId, monthlyCapacity,
 * unit): a category's IKM are in the directory's order there, with what the filter checks of each
 * product. A page walks each asked category that way and merges them; the count reads the index
 * alone (EXACT_COUNT_LIMIT as other lists). A filter without a category is read the general way: it leaves most IKM in.
 */

/** What one product of the enterprise must be: any of the categories, in the unit (case-insensitive, as Prisma's insensitive equals), of at least that monthly capacity. */
export interface ProductConditions {
  categories?: string[];
  unit?: string;
  minMonthlyCapacity?: number;
}

/** A category's products as r (id: the enterprise's), from $1 the categories, then the conditions' parameters. */
const PRODUCT_ROWS = `SELECT p."enterpriseId" AS id, p."enterpriseName" AS name, p."monthlyCapacity" AS capacity, p.unit FROM "EnterpriseProduct" p`;

function productSql(product: ProductConditions & { categories: string[] }): { params: unknown[]; where: string[] } {
  const params: unknown[] = [product.categories];
  const $ = (value: unknown) => `$${params.push(value)}`;
  const where = [
    ...(product.minMonthlyCapacity !== undefined ? [`r.capacity >= ${$(product.minMonthlyCapacity)}::int`] : []),
    ...(product.unit !== undefined ? [`r.unit ILIKE ${$(escapeLike(product.unit))}::text`] : []),
    // Archived IKM are few: their ids are hashed once.
    `r.id NOT IN (SELECT e.id FROM "Enterprise" e WHERE e.status = 'ARCHIVED')`,
  ];
  return { params, where };
}

const withCategories = (product: ProductConditions): product is ProductConditions & { categories: string[] } => !!product.categories;

/** The page's rows for planner/page.ts: each category's first `limit` IKM in name order, merged; null without a category. */
export function productRows(product: ProductConditions): (Pick<PageSql, 'where' | 'params'> & Required<Pick<PageSql, 'from'>>) | null {
  if (!withCategories(product)) return null;
  const { params, where } = productSql(product);
  return {
    params,
    where,
    from: (page, limit) => `SELECT DISTINCT m.id, m.name FROM unnest($1::text[]) AS c(category) CROSS JOIN LATERAL (
        SELECT DISTINCT r.id, r.name FROM (${PRODUCT_ROWS} WHERE p.category = c.category) r WHERE ${page.join(' AND ')} ORDER BY r.name, r.id LIMIT ${limit}
      ) m`,
  };
}

/** How many active IKM qualify, from the index alone, up to EXACT_COUNT_LIMIT + 1; null without a category. */
export function productCount(product: ProductConditions, ctx: Context): Promise<number | null> {
  const rows = productRows(product);
  return rows ? countUpToLimit(rows, ctx) : Promise.resolve(null);
}
