import { Prisma } from '@temu-bisnis/schema/prisma';
import { openDatabase } from '/work/main/packages/api/src/db/connection';
import { DEFAULT_WEIGHTS, enterpriseCandidatesForPartner } from '/work/main/packages/schema/src/domain/matching/index';
import { counterpartOf, enterpriseCandidateSql, enterpriseCandidateWhere, partnerByIdSql, partsFor } from '/work/main/packages/schema/src/matching/candidates';
const db = await openDatabase({ url: process.env.URL });
const p = await db.prisma.partner.findUniqueOrThrow({ where: { slug: process.env.SLUG ?? 'bank-jateng-kur-mitra' } });
const [row] = await db.prisma.$queryRaw<any[]>(partnerByIdSql(p.id));
const cp = counterpartOf(row);
const where = enterpriseCandidateWhere(enterpriseCandidatesForPartner(cp));
const A = enterpriseCandidateSql(where, '2026-11-28', partsFor(DEFAULT_WEIGHTS[cp.kind]));
const E = Prisma.sql`
SELECT e.id::text AS id, e.sector::text AS sector, e."foundedOn", e."annualTurnover", e."businessCapital", e.bookkeeping::text AS bookkeeping,
  d.code AS "districtCode", d.name AS "districtName", s.id::text AS "sentraId", s.name AS "sentraName", k.kbli, f.need
FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" LEFT JOIN "Sentra" s ON s.id = e."sentraId"
LEFT JOIN (SELECT k."enterpriseId", string_agg(btrim(k.code) || CASE WHEN k."isPrimary" THEN '*' ELSE '' END, ',' ORDER BY k."isPrimary" DESC, k.code, k.version) AS kbli
           FROM "EnterpriseKbli" k GROUP BY 1) k ON k."enterpriseId" = e.id
LEFT JOIN (SELECT DISTINCT ON (f."enterpriseId") f."enterpriseId", f.amount AS need FROM "FinancingNeed" f WHERE f.status = 'OPEN' ORDER BY f."enterpriseId", f."createdAt" DESC, f.id DESC) f ON f."enterpriseId" = e.id
WHERE ${where}`;
const ex = async (label: string, q: Prisma.Sql) => {
  for (let i = 0; i < 3; i++) {
    const plan = await db.query<any>('EXPLAIN (ANALYZE) ' + q.text, q.values as any[]);
    const t = performance.now(); const n = (await db.prisma.$queryRaw<any[]>(q)).length; const pm = performance.now() - t;
    console.log(label, n, plan.filter((r: any) => /Execution Time|JIT|Timing/.test(r['QUERY PLAN'])).map((r: any) => r['QUERY PLAN'].trim()).join(' | '), 'prisma', pm.toFixed(0));
  }
};
const B = Prisma.sql`
WITH cand AS (
  SELECT e.id, e.sector, e."foundedOn", e."annualTurnover", e."businessCapital", e.bookkeeping, d.code AS "districtCode", d.name AS "districtName", e."sentraId"
  FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" WHERE ${where})
SELECT c.id::text AS id, c.sector::text AS sector, c."foundedOn", c."annualTurnover", c."businessCapital", c.bookkeeping::text AS bookkeeping,
  c."districtCode", c."districtName", s.id::text AS "sentraId", s.name AS "sentraName", k.kbli, f.need
FROM cand c
LEFT JOIN "Sentra" s ON s.id = c."sentraId"
LEFT JOIN (SELECT k."enterpriseId", string_agg(btrim(k.code) || CASE WHEN k."isPrimary" THEN '*' ELSE '' END, ',' ORDER BY k."isPrimary" DESC, k.code, k.version) AS kbli
           FROM "EnterpriseKbli" k WHERE k."enterpriseId" IN (SELECT id FROM cand) GROUP BY 1) k ON k."enterpriseId" = c.id
LEFT JOIN (SELECT DISTINCT ON (f."enterpriseId") f."enterpriseId", f.amount AS need FROM "FinancingNeed" f
           WHERE f.status = 'OPEN' AND f."enterpriseId" IN (SELECT id FROM cand) ORDER BY f."enterpriseId", f."createdAt" DESC, f.id DESC) f ON f."enterpriseId" = c.id`;
await ex('A', A); await ex('E', E); await ex('B', B);
await db.close();
