import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRI,
  createEnterprise,
  createNeed,
  DISTRIBUTOR,
  enterpriseGid,
  type EnterpriseSpec,
  insertConsent,
  isoDate,
  JUTA,
  memberOf,
  needGid,
  ownerOf,
  semarangDate,
  STAFF_EMAIL,
} from './financing-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * KUR readiness through the GraphQL field `enterprise.financingReadiness(amount)`: every rule
 * threshold at, just below and just above it, on enterprises written with exact figures.
 */

let api: TestServer;
let staff: Record<string, string>;
const MILIAR = 1_000n * JUTA;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF_EMAIL);
});
afterAll(() => api.close());

const READINESS = `query($id: ID!, $amount: Money!) { enterprise(id: $id) { financingReadiness(amount: $amount) {
  amount asOf verdict scheme ruleSet { version effectiveFrom source } rules { id outcome reason source } } } }`;

interface Rule {
  id: string;
  outcome: string;
  reason: string;
  source: string;
}

async function readiness(spec: EnterpriseSpec, amount: bigint, headers = staff) {
  const id = await createEnterprise(api, spec);
  const res = await api.gql(READINESS, { id: enterpriseGid(id), amount: String(amount) }, headers);
  expect(res.errors).toBeUndefined();
  const a = res.data!.enterprise.financingReadiness;
  return { ...a, rule: (ruleId: string) => (a.rules as Rule[]).find((r) => r.id === ruleId)! };
}

describe('the assessment', () => {
  it('reports the rule set, every rule with outcome, reason and source, and the date of today in Semarang', async () => {
    const a = await readiness({}, 75n * JUTA);
    expect(a.verdict).toBe('ELIGIBLE');
    expect(a.scheme).toBe('MIKRO');
    expect(a.amount).toBe('75000000');
    expect(a.asOf).toBe(isoDate(semarangDate()));
    expect(a.ruleSet).toEqual({
      version: '2026.1',
      effectiveFrom: '2026-01-01',
      source: 'Permenko Perekonomian No. 1 Tahun 2026 tentang Pedoman Pelaksanaan Kredit Usaha Rakyat',
    });
    expect(a.rules.map((r: Rule) => r.id)).toEqual([
      'BUSINESS_AGE_MIN_6_MONTHS',
      'NIB_PRESENT',
      'NPWP_ABOVE_50_JUTA',
      'ANNUAL_TURNOVER_MAX_4_8_MILIAR',
      'NO_CURRENT_COMMERCIAL_CREDIT',
      'AMOUNT_WITHIN_KUR_SCHEME',
      'SIZE_CLASS_IKM',
      'BOOKKEEPING_FOR_SCHEME',
    ]);
    for (const rule of a.rules as Rule[]) {
      expect(rule.outcome).toBe('PASS');
      expect(rule.reason.length).toBeGreaterThan(20);
      expect(rule.source).toMatch(/Permenko Perekonomian No\. 1 Tahun 2026|PP No\. 7 Tahun 2021|Temu Bisnis product policy/);
    }
  });

  it('cites the sources in the schema descriptions', async () => {
    const res = await api.gql(`{ t: __type(name: "ReadinessAssessment") { description } v: __type(name: "ReadinessVerdict") { description enumValues { name description } }
      k: __type(name: "KurScheme") { description enumValues { name description } } }`);
    expect(res.data!.t.description).toContain('Permenko Perekonomian No. 1 Tahun 2026');
    expect(res.data!.t.description).toContain('PP No. 7 Tahun 2021');
    expect(res.data!.t.description).toContain('BUSINESS_AGE_MIN_6_MONTHS');
    expect(res.data!.v.description).toContain('Permenko Perekonomian No. 1 Tahun 2026');
    expect(res.data!.k.enumValues).toContainEqual({ name: 'MIKRO', description: 'KUR Mikro: a plafond above Rp10.000.000 and up to Rp100.000.000.' });
  });
});

describe('business age: at least 6 months', () => {
  it.each([
    ['at 6 months', { months: -6 }, 'PASS', 6],
    ['one day short of 6 months', { months: -6, days: 1 }, 'FAIL', 5],
    ['one day past 6 months', { months: -6, days: -1 }, 'PASS', 6],
    ['at 7 months', { months: -7 }, 'PASS', 7],
  ] as const)('%s', async (_label, offset, outcome, months) => {
    const a = await readiness({ foundedOn: semarangDate(offset) }, 75n * JUTA);
    const rule = a.rule('BUSINESS_AGE_MIN_6_MONTHS');
    expect(rule.outcome).toBe(outcome);
    expect(rule.reason).toContain(`Business has run ${months} months`);
    expect(a.verdict).toBe(outcome === 'PASS' ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
    expect(a.scheme).toBe(outcome === 'PASS' ? 'MIKRO' : null);
  });
});

describe('NPWP above Rp50 juta', () => {
  it.each([
    ['Rp50 juta without NPWP', 50n * JUTA, null, 'NOT_APPLICABLE', 'ELIGIBLE'],
    ['Rp50 juta minus Rp1 without NPWP', 50n * JUTA - 1n, null, 'NOT_APPLICABLE', 'ELIGIBLE'],
    ['Rp50 juta plus Rp1 without NPWP', 50n * JUTA + 1n, null, 'MISSING_DOCUMENT', 'NEEDS_DOCUMENTS'],
    ['Rp50 juta plus Rp1 with NPWP', 50n * JUTA + 1n, '0123456789012345', 'PASS', 'ELIGIBLE'],
  ] as const)('%s', async (_label, amount, npwp, outcome, verdict) => {
    const a = await readiness({ npwp }, amount);
    expect(a.rule('NPWP_ABOVE_50_JUTA').outcome).toBe(outcome);
    expect(a.verdict).toBe(verdict);
  });
});

describe('annual turnover at most Rp4,8 miliar', () => {
  it.each([
    ['at Rp4,8 miliar', 4_800n * JUTA, 'PASS'],
    ['Rp1 below', 4_800n * JUTA - 1n, 'PASS'],
    ['Rp1 above', 4_800n * JUTA + 1n, 'FAIL'],
  ] as const)('%s', async (_label, annualTurnover, outcome) => {
    const a = await readiness({ annualTurnover }, 75n * JUTA);
    const rule = a.rule('ANNUAL_TURNOVER_MAX_4_8_MILIAR');
    expect(rule.outcome).toBe(outcome);
    expect(rule.reason).toContain('Rp4.800.000.000');
    expect(a.verdict).toBe(outcome === 'PASS' ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
  });

  it('asks for the figure when none is recorded', async () => {
    const a = await readiness({ annualTurnover: null, businessCapital: 2n * MILIAR }, 75n * JUTA);
    expect(a.rule('ANNUAL_TURNOVER_MAX_4_8_MILIAR').outcome).toBe('MISSING_DOCUMENT');
    expect(a.verdict).toBe('NEEDS_DOCUMENTS');
  });
});

describe('KUR scheme bands: Rp10, 100 and 500 juta', () => {
  it.each([
    [10n * JUTA - 1n, 'SUPER_MIKRO', 'PASS'],
    [10n * JUTA, 'SUPER_MIKRO', 'PASS'],
    [10n * JUTA + 1n, 'MIKRO', 'PASS'],
    [100n * JUTA - 1n, 'MIKRO', 'PASS'],
    [100n * JUTA, 'MIKRO', 'PASS'],
    [100n * JUTA + 1n, 'KECIL', 'PASS'],
    [500n * JUTA - 1n, 'KECIL', 'PASS'],
    [500n * JUTA, 'KECIL', 'PASS'],
    [500n * JUTA + 1n, null, 'FAIL'],
  ] as const)('Rp%s is %s', async (amount, scheme, outcome) => {
    const a = await readiness({}, amount);
    expect(a.rule('AMOUNT_WITHIN_KUR_SCHEME').outcome).toBe(outcome);
    expect(a.scheme).toBe(scheme);
    expect(a.verdict).toBe(outcome === 'PASS' ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
  });

  it('Rp0 fails with a reason rather than an error', async () => {
    const a = await readiness({}, 0n);
    expect(a.rule('AMOUNT_WITHIN_KUR_SCHEME')).toMatchObject({ outcome: 'FAIL' });
    expect(a.verdict).toBe('NOT_ELIGIBLE');
  });
});

describe('who may read it', () => {
  it('staff and members; a funder only under FINANCIALS consent, audited; others get null', async () => {
    const id = await createEnterprise(api, {});
    const needId = await createNeed(api, id, { amount: 40n * JUTA });
    const owner = await ownerOf(api, id);
    const bri = await memberOf(api, BRI);
    const distributor = await memberOf(api, DISTRIBUTOR);
    const query = (headers: Record<string, string>) =>
      api.gql(
        `query($id: ID!, $need: ID!) { enterprise(id: $id) { financingReadiness(amount: "40000000") { verdict } }
          need: node(id: $need) { ... on FinancingNeed { readiness { verdict scheme } } } }`,
        { id: enterpriseGid(id), need: needGid(needId) },
        headers,
      );
    for (const headers of [staff, owner.headers]) {
      const res = await query(headers);
      expect(res.errors).toBeUndefined();
      expect(res.data!.enterprise.financingReadiness).toEqual({ verdict: 'ELIGIBLE' });
      expect(res.data!.need.readiness).toEqual({ verdict: 'ELIGIBLE', scheme: 'MIKRO' });
    }
    for (const headers of [bri.headers, distributor.headers, {}]) {
      const res = await query(headers);
      expect(res.data!.enterprise.financingReadiness).toBeNull();
    }

    await insertConsent(api, id, { funderSlug: BRI, scopes: ['FINANCIALS'] });
    const res = await query(bri.headers);
    expect(res.data!.enterprise.financingReadiness).toEqual({ verdict: 'ELIGIBLE' });
    // FINANCIALS alone does not open the need itself.
    expect(res.data!.need).toBeNull();
    const audit = await api.db.prisma.auditRecord.findMany({ where: { enterpriseId: id, action: 'READ_PROTECTED' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.fields).toEqual(['financingReadiness']);
    expect(audit[0]!.actorUserId).toBe(bri.userId);
  });
});
