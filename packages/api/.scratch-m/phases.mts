import { openDatabase } from '/work/main/packages/api/src/db/connection';
import { DEFAULT_WEIGHTS, askOfPartner, enterpriseCandidatesForPartner, scoreEnterpriseForPartner } from '/work/main/packages/schema/src/domain/matching/index';
import { counterpartOf, enterpriseCandidateSql, enterpriseCandidateWhere, parseCandidates, partnerByIdSql, partsFor, profileOf } from '/work/main/packages/schema/src/matching/candidates';
import { historyForEnterprises } from '/work/main/packages/schema/src/matching/history';
import { EnterpriseRanker } from '/work/main/packages/schema/src/matching/ranker';
import { pageOf } from '/work/main/packages/schema/src/matching/page';
const db = await openDatabase({ url: process.env.URL });
const p = await db.prisma.partner.findUniqueOrThrow({ where: { slug: process.env.SLUG ?? 'bank-jateng-kur-mitra' } });
for (let round = 0; round < 3; round++) {
  const T: Record<string, number> = {}; let t = performance.now();
  const lap = (k: string) => { const n = performance.now(); T[k] = Math.round(n - t); t = n; };
  const [row] = await db.prisma.$queryRaw<any[]>(partnerByIdSql(p.id)); lap('partner');
  const cp = counterpartOf(row); const ask = askOfPartner(cp); const w = DEFAULT_WEIGHTS[cp.kind];
  const sql = enterpriseCandidateSql(enterpriseCandidateWhere(enterpriseCandidatesForPartner(cp)), '2026-11-28', partsFor(w));
  const raw = await db.prisma.$queryRaw<{ r: string }[]>(sql); lap('sql');
  const rows = parseCandidates(raw); lap('parse');
  const h = await historyForEnterprises({ prisma: db.prisma } as any, { partnerId: cp.id }, cp.kind, cp.kind); lap('history');
  const asOf = new Date('2026-11-28T00:00:00Z');
  const r = new EnterpriseRanker(ask, w, asOf);
  const W = { financials: true, needs: true };
  const ranked = rows.map((x) => ({ id: x.id, score: r.score(x, W, h.of(x)), x })); lap('score');
  const page = pageOf(ranked, { first: 20 }); lap('page');
  for (const it of page.items) scoreEnterpriseForPartner(cp, profileOf(it.x, W), { asOf, history: h.of(it.x) }); lap('explain');
  console.log(rows.length, JSON.stringify(T), (r as any).ages.size);
}
await db.close();
