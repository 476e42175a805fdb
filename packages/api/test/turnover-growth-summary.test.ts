import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterpriseGid, JUTA, STAFF_EMAIL } from './financing-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * The turnover growth summary the funnel report compares with (TurnoverGrowthShare and
 * TurnoverGrowthCell) is kept by the mutations that change figures or the sector, in their
 * transaction: after each change below it equals the computation from the raw figures.
 */

let api: TestServer;
let staff: Record<string, string>;
let id: string;

/** The reference: the comparison cells computed from the figures and sectors as they are. */
const RAW = `
  SELECT b.year, e.sector::text AS sector,
    CASE WHEN a.turnover <= 2000000000 THEN 'MICRO' WHEN a.turnover <= 15000000000 THEN 'SMALL' WHEN a.turnover <= 50000000000 THEN 'MEDIUM' ELSE 'LARGE' END AS "sizeClass",
    count(*)::int AS ikm, sum(a.turnover)::text AS before, sum(b.turnover)::text AS after
  FROM "EnterpriseYearFigure" b
  JOIN "EnterpriseYearFigure" a ON a."enterpriseId" = b."enterpriseId" AND a.year = b.year - 1 AND a.turnover > 0
  JOIN "Enterprise" e ON e.id = b."enterpriseId"
  WHERE b.turnover IS NOT NULL
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
const KEPT = `SELECT year, sector::text AS sector, "sizeClass", ikm, before::text AS before, after::text AS after
  FROM "TurnoverGrowthCell" WHERE ikm > 0 ORDER BY 1, 2, 3`;
const SHARES = `SELECT year, sector::text AS sector, "sizeClass", before::text AS before, after::text AS after
  FROM "TurnoverGrowthShare" WHERE "enterpriseId" = $1 ORDER BY year`;

async function expectSummaryEqualsFigures() {
  expect(await api.db.query(KEPT)).toEqual(await api.db.query(RAW));
}

async function mutate(mutation: string, input: Record<string, unknown>) {
  const res = await api.gql(`mutation($input: ${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input!) { ${mutation}(input: $input) { userErrors { code field } } }`, { input }, staff);
  expect(res.errors).toBeUndefined();
  return res.data![mutation].userErrors as { code: string }[];
}

const record = (year: number, turnover: bigint | null) =>
  mutate('enterpriseYearFigureRecord', { enterpriseId: enterpriseGid(id), year, turnover: turnover === null ? null : String(turnover), source: 'TAX_RETURN', isEstimate: false });

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF_EMAIL);
  // A demo IKM with a run of recorded years (the seed's five years).
  const [row] = await api.db.query<{ id: string }>(`
    SELECT "enterpriseId"::text AS id FROM "EnterpriseYearFigure" WHERE turnover > 0
    GROUP BY "enterpriseId" HAVING count(*) >= 4 ORDER BY "enterpriseId" LIMIT 1`);
  id = row!.id;
});
afterAll(() => api.close());

describe('the turnover growth summary', () => {
  it('starts equal to the figures (built with the seed)', async () => {
    await expectSummaryEqualsFigures();
    expect((await api.db.query(SHARES, [id])).length).toBeGreaterThanOrEqual(3);
  });

  it('follows a recorded year into another size class, a year without turnover, and a new year', async () => {
    const years = (await api.db.query<{ year: number }>(`SELECT year FROM "EnterpriseYearFigure" WHERE "enterpriseId" = $1 ORDER BY year`, [id])).map((r) => r.year);
    const middle = years[1]!;
    expect(await record(middle, 20_000n * JUTA)).toEqual([]); // 20 miliar: medium by sales
    await expectSummaryEqualsFigures();
    expect(await api.db.query(SHARES, [id])).toContainEqual(expect.objectContaining({ year: middle + 1, sizeClass: 'MEDIUM', before: String(20_000n * JUTA) }));
    expect(await record(middle, null)).toEqual([]); // the year stays, without a turnover: no share for it or the next
    await expectSummaryEqualsFigures();
    const shared = (await api.db.query<{ year: number }>(SHARES, [id])).map((s) => s.year);
    expect(shared).not.toContain(middle);
    expect(shared).not.toContain(middle + 1);
    expect(await record(years[0]! - 1, 100n * JUTA)).toEqual([]); // an older year makes the first year comparable
    await expectSummaryEqualsFigures();
  });

  it('moves every share with a change of sector, and follows the single turnover of enterpriseUpdate', async () => {
    const [{ sector }] = (await api.db.query<{ sector: string }>(`SELECT sector::text AS sector FROM "Enterprise" WHERE id = $1`, [id])) as [{ sector: string }];
    const other = sector === 'FOOD_BEVERAGE' ? 'BATIK' : 'FOOD_BEVERAGE';
    expect(await mutate('enterpriseUpdate', { id: enterpriseGid(id), sector: other })).toEqual([]);
    await expectSummaryEqualsFigures();
    expect(new Set((await api.db.query<{ sector: string }>(SHARES, [id])).map((s) => s.sector))).toEqual(new Set([other]));
    expect(await mutate('enterpriseUpdate', { id: enterpriseGid(id), annualTurnover: String(700n * JUTA) })).toEqual([]);
    await expectSummaryEqualsFigures();
  });

  it('does not move when a change is refused', async () => {
    const before = await api.db.query(KEPT);
    expect(await record(1900, 100n * JUTA)).not.toEqual([]);
    expect(await api.db.query(KEPT)).toEqual(before);
  });
});
