import { Prisma } from '@temu-bisnis/schema/prisma';
import { openDatabase } from '/work/main/packages/api/src/db/connection';
const db = await openDatabase({ url: process.env.URL });
const J = Prisma.sql`SELECT e.id, pr.products, pr.categories FROM "Enterprise" e LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array(p.category, p."monthlyCapacity", p.unit) ORDER BY p.name, p.id)::text AS products,
             json_agg(p.category ORDER BY p.name, p.id)::text AS categories
      FROM "EnterpriseProduct" p WHERE p."enterpriseId" = e.id) pr ON true WHERE e.sector = 'FOOD_BEVERAGE'`;
const S = Prisma.sql`SELECT e.id, pr.products FROM "Enterprise" e LEFT JOIN LATERAL (
      SELECT string_agg(translate(p.category, E'\\x1d\\x1e\\x1f', '   ') || E'\\x1d' || p."monthlyCapacity" || E'\\x1d' || translate(p.unit, E'\\x1d\\x1e\\x1f', '   '), E'\\x1e' ORDER BY p.name, p.id) AS products
      FROM "EnterpriseProduct" p WHERE p."enterpriseId" = e.id) pr ON true WHERE e.sector = 'FOOD_BEVERAGE'`;
const S2 = Prisma.sql`SELECT e.id, (SELECT string_agg(translate(p.category, E'\\x1d\\x1e\\x1f', '   ') || E'\\x1d' || p."monthlyCapacity" || E'\\x1d' || translate(p.unit, E'\\x1d\\x1e\\x1f', '   '), E'\\x1e' ORDER BY p.name, p.id) 
      FROM "EnterpriseProduct" p WHERE p."enterpriseId" = e.id) FROM "Enterprise" e WHERE e.sector = 'FOOD_BEVERAGE'`;
const G = Prisma.sql`SELECT e.id, pr.products FROM "Enterprise" e LEFT JOIN (
      SELECT p."enterpriseId", string_agg(translate(p.category, E'\x1d\x1e\x1f', '   ') || E'\x1d' || p."monthlyCapacity" || E'\x1d' || translate(p.unit, E'\x1d\x1e\x1f', '   '), E'\x1e' ORDER BY p.name, p.id) AS products
      FROM "EnterpriseProduct" p GROUP BY 1) pr ON pr."enterpriseId" = e.id WHERE e.sector = 'FOOD_BEVERAGE'`;
const N = Prisma.sql`SELECT e.id FROM "Enterprise" e WHERE e.sector = 'FOOD_BEVERAGE'`;
for (let i = 0; i < 3; i++) for (const [l, q] of [['str lateral', S], ['grouped', G], ['none', N]] as const) {
  const plan = await db.query<any>('EXPLAIN (ANALYZE) ' + q.text, q.values as any[]);
  console.log(l, plan.filter((r: any) => /Execution Time/.test(r['QUERY PLAN'])).map((r: any) => r['QUERY PLAN'].trim()).join(' | '));
}
await db.close();
