import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kbliDivisionBit } from '../../schema/src/domain/kbli';
import { globalId } from './support/ids';
import { TERM_TABLES, termMismatches } from './support/search-terms';
import { startTestServer, type TestServer } from './support/server';

/**
 * EnterpriseSearchTerm and OpportunitySearchTerm, kept by the database's triggers (migration
 * search_terms): the words of every row's searchText, whoever writes it and however many rows one
 * statement writes, and the directory's and the marketplace's searches answered from them in the
 * page's own statement.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

/** Rows where the stored terms (with the enterprise's name and KBLI divisions beside each) and the lexemes of searchText disagree (either way), in both tables. */
async function mismatches(): Promise<number[]> {
  return Promise.all(Object.values(TERM_TABLES).map(async (table) => (await termMismatches(api.db, table)).differ));
}

async function searchCount(search: string): Promise<number> {
  const res = await api.gql(`query($s: String) { enterprises(filter: { search: $s, includeArchived: true }) { totalCount } }`, { s: search });
  expect(res.errors).toBeUndefined();
  return res.data!.enterprises.totalCount;
}

describe('the search terms of enterprises', () => {
  it('are the words of every seeded enterprise and opportunity', async () => {
    expect(await api.db.prisma.enterpriseSearchTerm.count()).toBeGreaterThan(await api.db.prisma.enterprise.count());
    expect(await api.db.prisma.opportunitySearchTerm.count()).toBeGreaterThan(await api.db.prisma.opportunity.count());
    expect(await mismatches()).toEqual([0, 0]);
  });

  it('follow an UPDATE of many rows in one statement, leave rows whose text did not change, and go with a deleted enterprise', async () => {
    const batik = await api.db.prisma.enterprise.count({ where: { sector: 'BATIK' } });
    expect(batik).toBeGreaterThan(1);
    const untouched = await api.db.prisma.enterpriseSearchTerm.count({ where: { enterprise: { sector: { not: 'BATIK' } } } });

    await api.db.query(`UPDATE "Enterprise" SET "searchText" = "searchText" || ' zzlaras' WHERE sector = 'BATIK'`);
    // An UPDATE of other columns only: the terms stay as they are.
    await api.db.query(`UPDATE "Enterprise" SET employees = employees + 1 WHERE sector <> 'BATIK'`);
    await api.db.query(`UPDATE "Opportunity" SET "searchText" = "searchText" || ' zzlaras' WHERE kind = 'BUY_REQUEST'`);

    expect(await mismatches()).toEqual([0, 0]);
    // A rename that leaves the words alone (only the case changes) still moves the name kept beside them.
    await api.db.query(`UPDATE "Enterprise" SET name = upper(name) WHERE sector = 'BATIK'`);
    expect(await mismatches()).toEqual([0, 0]);
    const buyRequests = await api.db.prisma.opportunity.count({ where: { kind: 'BUY_REQUEST' } });
    const res = await api.gql(`{ opportunities(filter: { search: "ZZLAR" }) { totalCount } }`);
    expect(res.data!.opportunities.totalCount).toBe(buyRequests);
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

  it("carry the IKM's KBLI divisions, moved when its codes are replaced: a search with a KBLI prefix follows", async () => {
    const staff = await api.as('petugas.ikm@disperin.semarangkota.go.id');
    const { id } = await api.db.prisma.enterprise.findFirstOrThrow({ where: { kbliCodes: { some: { code: { startsWith: '10' } } }, sector: 'FOOD_BEVERAGE' }, orderBy: { id: 'asc' } });
    // Its name gets a word no other IKM has, and its KBLI code is replaced, in one update.
    const update = async (code: string) => {
      const res = await api.gql(
        `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }`,
        { input: { id: globalId('Enterprise', id), name: 'Bandeng Zzdivisi', kbliCodes: [{ code, version: 'KBLI_2020', isPrimary: true }] } },
        staff,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.enterpriseUpdate.userErrors).toEqual([]);
      expect(await mismatches()).toEqual([0, 0]);
    };
    const found = async (kbliPrefix: string) => {
      const res = await api.gql(`query($p: String) { enterprises(filter: { search: "zzdivisi", kbliPrefix: $p }) { totalCount nodes { id } } }`, { p: kbliPrefix });
      expect(res.errors).toBeUndefined();
      return [res.data!.enterprises.totalCount, res.data!.enterprises.nodes.length];
    };
    await update('10710');
    expect(await found('10')).toEqual([1, 1]);
    expect(await found('31')).toEqual([0, 0]);
    // A furniture code instead: the terms' divisions follow the match keys' trigger, in the same transaction.
    await update('31001');
    expect(await found('10')).toEqual([0, 0]);
    expect(await found('31')).toEqual([1, 1]);
    expect(await found('3100')).toEqual([1, 1]);
    expect(await found('3101')).toEqual([0, 0]);
  });

  it.each(['09900', '10710', '11040', '33121', '34000', '47111'])("the database's divisions of KBLI %s are kbliDivisionBit's", async (code) => {
    const [row] = await api.db.query<{ bits: number }>(`SELECT kbli_divisions(ARRAY['k:' || left($1, 2), 'k:' || $1, 'c:' || $1]) AS bits`, [code]);
    expect(row!.bits).toBe(kbliDivisionBit(code));
  });

  it.each(Object.values(TERM_TABLES))('a word prefix is a range of the C-collated primary key of $terms, whatever the database collation', async ({ terms, owner }) => {
    // The seed's table is small enough for a scan to be cheaper: ask for the index to see its bounds.
    const plan = await api.db.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
      return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN SELECT "${owner}" FROM "${terms}" WHERE term LIKE 'makan%'`);
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/term >= 'makan'::text\) AND \(term < 'makao'::text/);
  });
});
