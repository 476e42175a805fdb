import { Prisma } from '@temu-bisnis/schema/prisma';
import { openDatabase } from '/work/main/packages/api/src/db/connection';
import { enterpriseCandidatesForPartner } from '/work/main/packages/schema/src/domain/matching/index';
import { counterpartOf, enterpriseCandidateSql, enterpriseCandidateWhere, partnerByIdSql } from '/work/main/packages/schema/src/matching/candidates';
const db = await openDatabase({ url: process.env.URL });
const p = await db.prisma.partner.findUniqueOrThrow({ where: { slug: process.env.SLUG ?? 'bank-jateng-kur-mitra' } });
const [row] = await db.prisma.$queryRaw<any[]>(partnerByIdSql(p.id));
const where = enterpriseCandidateWhere(enterpriseCandidatesForPartner(counterpartOf(row)));
const asOf = '2026-11-28';
const A = enterpriseCandidateSql(where, asOf);
// B: grouped aggregates joined by hash
const B = Prisma.sql`
WITH cand AS MATERIALIZED (
  SELECT e.id, e.sector, e."foundedOn", e."annualTurnover", e."businessCapital", e.bookkeeping, d.code AS "districtCode", d.name AS "districtName", e."sentraId"
  FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" WHERE ${where})
SELECT c.id::text AS id, c.sector::text AS sector, c."foundedOn", c."annualTurnover", c."businessCapital", c.bookkeeping::text AS bookkeeping,
  c."districtCode", c."districtName", s.id::text AS "sentraId", s.name AS "sentraName", k.kbli, pr.products, pr.categories, ce.certs, f.need
FROM cand c
LEFT JOIN "Sentra" s ON s.id = c."sentraId"
LEFT JOIN (SELECT k."enterpriseId", string_agg(btrim(k.code) || CASE WHEN k."isPrimary" THEN '*' ELSE '' END, ',' ORDER BY k."isPrimary" DESC, k.code, k.version) AS kbli
           FROM "EnterpriseKbli" k WHERE k."enterpriseId" IN (SELECT id FROM cand) GROUP BY 1) k ON k."enterpriseId" = c.id
LEFT JOIN (SELECT p."enterpriseId", json_agg(json_build_array(p.category, p."monthlyCapacity", p.unit) ORDER BY p.name, p.id)::text AS products,
             string_agg(p.category, ',' ORDER BY p.name, p.id) AS categories
           FROM "EnterpriseProduct" p WHERE p."enterpriseId" IN (SELECT id FROM cand) GROUP BY 1) pr ON pr."enterpriseId" = c.id
LEFT JOIN (SELECT x."enterpriseId", string_agg(x.kind::text || CASE WHEN x."expiresOn" IS NULL OR x."expiresOn" >= ${asOf}::date THEN '' ELSE '@' || to_char(x."expiresOn", 'YYYY-MM-DD') END, ',' ORDER BY x.kind) AS certs
           FROM "Certification" x WHERE x."enterpriseId" IN (SELECT id FROM cand) GROUP BY 1) ce ON ce."enterpriseId" = c.id
LEFT JOIN (SELECT DISTINCT ON (f."enterpriseId") f."enterpriseId", f.amount AS need FROM "FinancingNeed" f
           WHERE f.status = 'OPEN' AND f."enterpriseId" IN (SELECT id FROM cand) ORDER BY f."enterpriseId", f."createdAt" DESC, f.id DESC) f ON f."enterpriseId" = c.id`;
// C: B but one JSON text column per row
const C = Prisma.sql`SELECT json_build_array(id, sector, "foundedOn", "annualTurnover"::text, "businessCapital"::text, bookkeeping, "districtCode", "districtName", "sentraId", "sentraName", kbli, products, categories, certs, need::text)::text AS r FROM (${A}) q`;
const D = Prisma.sql`SELECT concat_ws(E'\t', id, sector, "foundedOn", "annualTurnover", "businessCapital", bookkeeping, "districtCode", "districtName", "sentraId", "sentraName", kbli, products, categories, certs, need) AS r FROM (${A}) q`;
const time = async (label: string, fn: () => Promise<any[]>) => {
  const ts: number[] = []; let n = 0;
  for (let i = 0; i < 7; i++) { const t = performance.now(); n = (await fn()).length; ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b); console.log(label, n, ts[3]!.toFixed(0), 'ms');
};
await time('A prisma', () => db.prisma.$queryRaw(A));
await time('A raw', () => db.query(A.text, A.values as any[]));
await time('B prisma', () => db.prisma.$queryRaw(B));
await time('B raw', () => db.query(B.text, B.values as any[]));
await time('C prisma', async () => (await db.prisma.$queryRaw<{ r: string }[]>(C)).map((x) => JSON.parse(x.r)));
await time('C raw', () => db.query(C.text, C.values as any[]));
await time('D prisma', async () => (await db.prisma.$queryRaw<{ r: string }[]>(D)).map((x) => x.r.split('\t')));
if (process.env.EXPLAIN) { const plan = await db.query('EXPLAIN (ANALYZE) ' + B.text, B.values as any[]); console.log(plan.map((r: any) => r['QUERY PLAN']).join('\n')); }
await db.close();
