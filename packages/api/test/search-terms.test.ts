import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';

/**
 * EnterpriseSearchTerm, kept by the database's triggers (migration enterprise_search_terms): the
 * words of every enterprise's searchText, whoever writes it and however many rows one statement
 * writes, and the directory's search answered from them in the page's own statement.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

/** Rows where the stored terms and the lexemes of searchText disagree (either way). */
async function mismatches(): Promise<number> {
  const [row] = await api.db.query<{ n: number }>(`
    WITH lexemes AS (
      SELECT e.id AS "enterpriseId", w.lexeme AS term
      FROM "Enterprise" e CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, e."searchText")) w
    ), stored AS (SELECT "enterpriseId", term FROM "EnterpriseSearchTerm")
    SELECT count(*)::int AS n FROM ((SELECT * FROM lexemes EXCEPT SELECT * FROM stored) UNION ALL (SELECT * FROM stored EXCEPT SELECT * FROM lexemes)) d`);
  return row!.n;
}

async function searchCount(search: string): Promise<number> {
  const res = await api.gql(`query($s: String) { enterprises(filter: { search: $s, includeArchived: true }) { totalCount } }`, { s: search });
  expect(res.errors).toBeUndefined();
  return res.data!.enterprises.totalCount;
}

describe('the search terms of enterprises', () => {
  it('are the words of every seeded enterprise', async () => {
    expect(await api.db.prisma.enterpriseSearchTerm.count()).toBeGreaterThan(await api.db.prisma.enterprise.count());
    expect(await mismatches()).toBe(0);
  });

  it('follow an UPDATE of many rows in one statement, leave rows whose text did not change, and go with a deleted enterprise', async () => {
    const batik = await api.db.prisma.enterprise.count({ where: { sector: 'BATIK' } });
    expect(batik).toBeGreaterThan(1);
    const untouched = await api.db.prisma.enterpriseSearchTerm.count({ where: { enterprise: { sector: { not: 'BATIK' } } } });

    await api.db.query(`UPDATE "Enterprise" SET "searchText" = "searchText" || ' zzlaras' WHERE sector = 'BATIK'`);
    // An UPDATE of other columns only: the terms stay as they are.
    await api.db.query(`UPDATE "Enterprise" SET employees = employees + 1 WHERE sector <> 'BATIK'`);

    expect(await mismatches()).toBe(0);
    expect(await searchCount('zzlar')).toBe(batik);
    expect(await api.db.prisma.enterpriseSearchTerm.count({ where: { enterprise: { sector: { not: 'BATIK' } } } })).toBe(untouched);

    const gone = await api.db.prisma.enterprise.create({
      data: { nib: '9999999999999', name: 'Zzhapus Sementara', sector: 'CRAFT', districtId: (await api.db.prisma.district.findFirstOrThrow()).id, foundedOn: new Date('2020-01-01'), searchText: 'zzhapus sementara' },
    });
    expect(await searchCount('zzhapus')).toBe(1);
    await api.db.prisma.enterprise.delete({ where: { id: gone.id } });
    expect(await api.db.prisma.enterpriseSearchTerm.count({ where: { enterpriseId: gone.id } })).toBe(0);
    expect(await searchCount('zzhapus')).toBe(0);
  });

  it('a word prefix is a range of the C-collated primary key, whatever the database collation', async () => {
    // The seed's table is small enough for a scan to be cheaper: ask for the index to see its bounds.
    const plan = await api.db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN SELECT "enterpriseId" FROM "EnterpriseSearchTerm" WHERE term LIKE 'makan%'`);
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/term >= 'makan'::text\) AND \(term < 'makao'::text/);
  });
});
