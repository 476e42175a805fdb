import { businessAgeMonths } from '@temu-bisnis/schema/domain/business-age';
import { sizeClass } from '@temu-bisnis/schema/domain/size-class';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BANK_JATENG,
  BPR,
  BRI,
  createEnterprise,
  createNeed,
  DAY_MS,
  insertConsent,
  JUTA,
  leadGid,
  memberOf,
  needGid,
  semarangDate,
} from './financing-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * The funder's list of financing leads: anonymisation, every filter, ordering, verdict filtering
 * and the statement count at first:10 and first:100.
 */

let api: TestServer;
let bri: { headers: Record<string, string>; userId: string };
const f: Record<string, { enterpriseId: string; needId: string }> = {};

async function fixture(name: string, spec: Parameters<typeof createEnterprise>[1], need: Parameters<typeof createNeed>[2] = {}) {
  const enterpriseId = await createEnterprise(api, { name, ...spec });
  f[name] = { enterpriseId, needId: await createNeed(api, enterpriseId, need) };
  return f[name]!;
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  bri = await memberOf(api, BRI);
  // Young food business in Tembalang asking for Rp8 juta; no consent.
  await fixture('Keripik Uji Muda', { sector: 'FOOD_BEVERAGE', districtCode: '33.74.10', kbli: '10794', foundedOn: semarangDate({ months: -3 }) }, { amount: 8n * JUTA, purpose: 'WORKING_CAPITAL' });
  // Metal workshop with turnover above the KUR ceiling, FINANCIALS consent to BRI: NOT_ELIGIBLE.
  const metal = await fixture('Bengkel Logam Uji', { sector: 'METAL', districtCode: '33.74.03', kbli: '25112', annualTurnover: 6_000n * JUTA }, { amount: 300n * JUTA, purpose: 'INVESTMENT' });
  await insertConsent(api, metal.enterpriseId, { funderSlug: BRI, scopes: ['FINANCIALS'] });
  // Batik house of Kampung Batik Malon, consent to BRI for everything: ELIGIBLE.
  const batik = await fixture('Batik Uji Malon', { sector: 'BATIK', districtCode: '33.74.12', sentraSlug: 'kampung-batik-malon', kbli: '13134' }, { amount: 75n * JUTA, purpose: 'EXPORT' });
  await insertConsent(api, batik.enterpriseId, { funderSlug: BRI, scopes: ['PROFILE', 'FINANCIALS', 'NEEDS'] });
  // Eligible too, but without consent: never matches a verdict filter.
  await fixture('Batik Uji Tanpa Izin', { sector: 'BATIK', districtCode: '33.74.12' }, { amount: 75n * JUTA });
  // A withdrawn need is no lead.
  await fixture('Batik Uji Ditarik', { sector: 'BATIK' }, { amount: 75n * JUTA, status: 'WITHDRAWN' });
  // Enough leads for a full page of 100, every third with a consent, so both pages read protected data.
  for (let i = 0; i < 80; i += 1) {
    const e = await createEnterprise(api, { sector: i % 2 ? 'CRAFT' : 'FOOD_BEVERAGE', districtCode: `33.74.${String((i % 16) + 1).padStart(2, '0')}` });
    await createNeed(api, e, { amount: BigInt(5 + i * 7) * JUTA, createdAt: new Date(Date.now() - (i + 10) * 60_000) });
    if (i % 3 === 0) await insertConsent(api, e, { funderSlug: BRI, scopes: ['PROFILE', 'FINANCIALS', 'NEEDS'] });
  }
});
afterAll(() => api.close());

type Lead = Record<string, any>;

const NODE = `id sector district { code name } amountBand purpose open status consentScopes enterprise { id name nib } need { id amount } readiness { verdict }`;

async function leads(filter: Record<string, unknown> = {}, orderBy?: unknown): Promise<{ nodes: Lead[]; totalCount: number }> {
  const nodes: Lead[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const res: any = await api.gql(
      `query($filter: FinancingLeadFilter, $after: String, $orderBy: [FinancingLeadOrder!]) {
        financingLeads(first: 100, after: $after, filter: $filter, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } nodes { ${NODE} } } }`,
      { filter, after, orderBy },
      bri.headers,
    );
    expect(res.errors).toBeUndefined();
    totalCount = res.data.financingLeads.totalCount;
    nodes.push(...res.data.financingLeads.nodes);
    if (!res.data.financingLeads.pageInfo.hasNextPage) return { nodes, totalCount };
    after = res.data.financingLeads.pageInfo.endCursor;
  }
}

const needIdOf = (leadId: string) => Buffer.from(leadId, 'base64').toString().split(':')[1]!;
const ids = (nodes: Lead[]) => nodes.map((n) => n.id);

/** The enterprises behind returned leads, read from the database to check the filter held. */
async function enterprisesOf(nodes: Lead[]) {
  const needs = await api.db.prisma.financingNeed.findMany({
    where: { id: { in: nodes.map((n) => needIdOf(n.id)) } },
    include: { enterprise: { include: { kbliCodes: true, sentra: true, district: true } } },
  });
  return needs;
}

describe('anonymised leads', () => {
  it('show sector, kecamatan, amount band and purpose, and nothing that leads to the enterprise', async () => {
    const res = await api.gql(`query($id: ID!) { node(id: $id) { ... on FinancingLead { ${NODE} } } }`, { id: leadGid(f['Keripik Uji Muda']!.needId) }, bri.headers);
    expect(res.errors).toBeUndefined();
    const lead = res.data!.node;
    expect(lead).toMatchObject({
      id: leadGid(f['Keripik Uji Muda']!.needId),
      amountBand: 'UP_TO_10_JUTA',
      purpose: 'WORKING_CAPITAL',
      open: true,
      status: 'NEW',
      consentScopes: [],
      enterprise: null,
      need: null,
      readiness: null,
    });
    // Sector and kecamatan show only where at least 5 active IKM share them (k-anonymity); else null.
    expect([null, 'FOOD_BEVERAGE']).toContain(lead.sector);
    expect([null, '33.74.10']).toContain(lead.district?.code ?? null);
    const sharing = await api.db.prisma.enterprise.count({
      where: { status: 'ACTIVE', ...(lead.sector ? { sector: lead.sector } : {}), ...(lead.district ? { district: { code: lead.district.code } } : {}) },
    });
    expect(sharing).toBeGreaterThanOrEqual(5);
    // The lead's ID is the need's, never the enterprise's, and the need itself stays closed.
    expect(needIdOf(res.data!.node.id)).not.toBe(f['Keripik Uji Muda']!.enterpriseId);
    const need = await api.gql(`query($id: ID!) { node(id: $id) { ... on FinancingNeed { enterprise { name } } } }`, { id: needGid(f['Keripik Uji Muda']!.needId) }, bri.headers);
    expect(need.data!.node).toBeNull();
    expect(await api.db.prisma.auditRecord.count({ where: { enterpriseId: f['Keripik Uji Muda']!.enterpriseId } })).toBe(0);
  });

  it('with consent show the enterprise, the need and the readiness, and audit each read', async () => {
    const batik = f['Batik Uji Malon']!;
    const res = await api.gql(`query($id: ID!) { node(id: $id) { ... on FinancingLead { ${NODE} } } }`, { id: leadGid(batik.needId) }, bri.headers);
    expect(res.data!.node).toMatchObject({
      consentScopes: ['FINANCIALS', 'NEEDS', 'PROFILE'],
      enterprise: { id: globalId('Enterprise', batik.enterpriseId), name: 'Batik Uji Malon' },
      need: { id: needGid(batik.needId), amount: '75000000' },
      readiness: { verdict: 'ELIGIBLE' },
    });
    const audit = await api.db.prisma.auditRecord.findMany({ where: { enterpriseId: batik.enterpriseId, action: 'READ_PROTECTED' } });
    expect(audit.map((a) => a.fields)).toEqual([['financingNeeds', 'financingReadiness', 'identity']]);
  });

  it('leave out withdrawn needs', async () => {
    const all = await leads();
    expect(ids(all.nodes)).not.toContain(leadGid(f['Batik Uji Ditarik']!.needId));
    expect(all.nodes.length).toBe(all.totalCount);
    expect(all.totalCount).toBeGreaterThan(100);
  });
});

describe('filters', () => {
  it('amount band and amount range', async () => {
    const band = await leads({ amountBand: 'FROM_100_TO_500_JUTA' });
    expect(band.nodes.every((n) => n.amountBand === 'FROM_100_TO_500_JUTA')).toBe(true);
    expect(ids(band.nodes)).toContain(leadGid(f['Bengkel Logam Uji']!.needId));
    // An exact amount is NEEDS data: the range matches only leads under NEEDS consent.
    const range = await leads({ amountAtLeast: String(75n * JUTA), amountAtMost: String(75n * JUTA) });
    const needs = await enterprisesOf(range.nodes);
    expect(needs.every((n) => n.amount === 75n * JUTA)).toBe(true);
    expect(range.nodes.every((n) => n.consentScopes.includes('NEEDS'))).toBe(true);
    expect(ids(range.nodes)).toContain(leadGid(f['Batik Uji Malon']!.needId));
    expect(ids(range.nodes)).not.toContain(leadGid(f['Batik Uji Tanpa Izin']!.needId));
  });

  it('sector, KBLI prefix, district, sentra, size class, business age and purpose (identifying ones only under consent)', async () => {
    const checks: [Record<string, unknown>, (e: any, need: any) => boolean, string[], string[]][] = [
      [{ sector: 'METAL' }, (e) => e.sector === 'METAL', ['Bengkel Logam Uji'], ['Batik Uji Malon']],
      [{ kbliPrefix: '1313' }, (e) => e.kbliCodes.some((k: any) => k.code.startsWith('1313')), ['Batik Uji Malon'], ['Batik Uji Tanpa Izin']],
      [{ kbliPrefix: '1079' }, (e) => e.kbliCodes.some((k: any) => k.code.startsWith('1079')), [], ['Keripik Uji Muda']],
      [{ districtCode: '33.74.03' }, (e) => e.district.code === '33.74.03', ['Bengkel Logam Uji'], ['Keripik Uji Muda']],
      [{ sentraSlug: 'kampung-batik-malon' }, (e) => e.sentra?.slug === 'kampung-batik-malon', ['Batik Uji Malon'], ['Batik Uji Tanpa Izin']],
      [{ sizeClass: 'SMALL' }, (e) => sizeClass(e).sizeClass === 'SMALL', ['Bengkel Logam Uji'], ['Batik Uji Malon']],
      [{ minBusinessAgeMonths: 6 }, (e) => businessAgeMonths(e.foundedOn, semarangDate()) >= 6, ['Batik Uji Malon'], ['Keripik Uji Muda']],
      [{ purpose: 'EXPORT' }, (_e, need) => need.purpose === 'EXPORT', ['Batik Uji Malon'], ['Bengkel Logam Uji']],
    ];
    for (const [filter, holds, included, excluded] of checks) {
      const { nodes, totalCount } = await leads(filter);
      expect(nodes.length, JSON.stringify(filter)).toBe(totalCount);
      const needs = await enterprisesOf(nodes);
      expect(needs.length).toBe(nodes.length);
      for (const need of needs) expect(holds(need.enterprise, need), `${JSON.stringify(filter)} ${need.enterprise.name}`).toBe(true);
      for (const name of included) expect(ids(nodes), `${JSON.stringify(filter)} includes ${name}`).toContain(leadGid(f[name]!.needId));
      for (const name of excluded) expect(ids(nodes), `${JSON.stringify(filter)} excludes ${name}`).not.toContain(leadGid(f[name]!.needId));
      const identifying = ['kbliPrefix', 'sentraSlug', 'sizeClass', 'minBusinessAgeMonths'].some((k) => k in filter);
      if (identifying) expect(nodes.every((n) => n.consentScopes.length > 0), `${JSON.stringify(filter)} only under consent`).toBe(true);
    }
  });

  it('business age counts whole months the way the readiness rule does', async () => {
    const edge = await fixture('Batik Uji Tepat Enam Bulan', { foundedOn: semarangDate({ months: -6 }) });
    const dayShort = await fixture('Batik Uji Kurang Sehari', { foundedOn: semarangDate({ months: -6, days: 1 }) });
    // Business age is identifying: the filter reads it only under consent.
    for (const e of [edge, dayShort]) await insertConsent(api, e.enterpriseId, { funderSlug: BRI, scopes: ['PROFILE'] });
    const six = ids((await leads({ minBusinessAgeMonths: 6, sector: 'BATIK' })).nodes);
    expect(six).toContain(leadGid(edge.needId));
    expect(six).not.toContain(leadGid(dayShort.needId));
  });

  it('consent scope, and my pipeline status (NEW includes leads I have not touched)', async () => {
    const consented = await leads({ consentScope: 'NEEDS' });
    expect(consented.nodes.every((n) => n.consentScopes.includes('NEEDS'))).toBe(true);
    expect(ids(consented.nodes)).toContain(leadGid(f['Batik Uji Malon']!.needId));
    expect(ids(consented.nodes)).not.toContain(leadGid(f['Bengkel Logam Uji']!.needId));

    const before = await leads({ status: 'NEW' });
    expect(ids(before.nodes)).toContain(leadGid(f['Batik Uji Tanpa Izin']!.needId));
    const moved = await api.gql(
      `mutation($id: ID!) { leadStatusUpdate(input: { leadId: $id, status: CONTACTED }) { userErrors { code } } }`,
      { id: leadGid(f['Batik Uji Tanpa Izin']!.needId) },
      bri.headers,
    );
    expect(moved.data!.leadStatusUpdate.userErrors).toEqual([]);
    const after = await leads({ status: 'NEW' });
    expect(after.totalCount).toBe(before.totalCount - 1);
    const contacted = await leads({ status: 'CONTACTED' });
    expect(ids(contacted.nodes)).toContain(leadGid(f['Batik Uji Tanpa Izin']!.needId));
    expect(contacted.nodes.every((n) => n.status === 'CONTACTED')).toBe(true);
  });

  it('verdict: computed by the readiness rules, only over leads with FINANCIALS consent, audited', async () => {
    const eligible = await leads({ verdict: 'ELIGIBLE' });
    expect(eligible.nodes.every((n) => n.readiness?.verdict === 'ELIGIBLE')).toBe(true);
    expect(ids(eligible.nodes)).toContain(leadGid(f['Batik Uji Malon']!.needId));
    expect(ids(eligible.nodes)).not.toContain(leadGid(f['Batik Uji Tanpa Izin']!.needId));
    const barred = await leads({ verdict: 'NOT_ELIGIBLE', sector: 'METAL' });
    expect(ids(barred.nodes)).toContain(leadGid(f['Bengkel Logam Uji']!.needId));
    expect(barred.nodes.every((n) => n.consentScopes.includes('FINANCIALS'))).toBe(true);
    const audit = await api.db.prisma.auditRecord.findMany({ where: { enterpriseId: f['Bengkel Logam Uji']!.enterpriseId } });
    expect(audit.flatMap((a) => a.fields)).toContain('financingReadiness.verdict');
  });

  it('refuses malformed values with BAD_USER_INPUT naming the field', async () => {
    for (const [filter, field] of [
      [{ kbliPrefix: '1' }, 'kbliPrefix'],
      [{ districtCode: '33.74.17' }, 'districtCode'],
      [{ minBusinessAgeMonths: -1 }, 'minBusinessAgeMonths'],
      [{ sentraId: 'bukan-id' }, 'sentraId'],
    ] as const) {
      const res = await api.gql(`query($filter: FinancingLeadFilter) { financingLeads(filter: $filter) { totalCount } }`, { filter }, bri.headers);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', field] });
    }
  });
});

describe('ordering', () => {
  it('by ID by default (random, says nothing); by amount or date only over leads under NEEDS consent', async () => {
    const all = (await leads()).nodes;
    const byDefault = all.map((n) => needIdOf(n.id));
    expect(byDefault).toEqual([...byDefault].sort());
    const withNeeds = all.filter((n) => n.consentScopes.includes('NEEDS')).map((n) => needIdOf(n.id)).sort();
    expect(withNeeds.length).toBeGreaterThan(1);
    expect(withNeeds.length).toBeLessThan(all.length);
    const stored = new Map((await enterprisesOf(all)).map((n) => [n.id, n]));

    const byAmount = (await leads({}, [{ field: 'AMOUNT', direction: 'DESC' }])).nodes.map((n) => needIdOf(n.id));
    expect([...byAmount].sort()).toEqual(withNeeds);
    for (let i = 1; i < byAmount.length; i += 1) expect(stored.get(byAmount[i - 1]!)!.amount >= stored.get(byAmount[i]!)!.amount).toBe(true);
    const newest = (await leads({}, [{ field: 'CREATED_AT', direction: 'DESC' }])).nodes.map((n) => needIdOf(n.id));
    expect([...newest].sort()).toEqual(withNeeds);
    for (let i = 1; i < newest.length; i += 1) {
      expect(stored.get(newest[i - 1]!)!.createdAt.getTime()).toBeGreaterThanOrEqual(stored.get(newest[i]!)!.createdAt.getTime());
    }
  });
});

describe('statement count', () => {
  const PAGE = `query($first: Int!, $filter: FinancingLeadFilter) { financingLeads(first: $first, filter: $filter) { totalCount nodes {
    id sector district { code name } amountBand purpose open status consentScopes
    enterprise { name nib annualTurnover sizeClass kbliCodes { code } contacts { name phone } district { name } }
    need { amount tenorMonths readiness { verdict } }
    readiness { verdict scheme rules { id outcome } }
    review { status assignee { name } history { fromStatus toStatus } notes(first: 5) { totalCount nodes { body } } } } } }`;

  it('does not grow with the page size (first:20 vs first:100), with or without a verdict filter', async () => {
    // The first lead (on both pages) carries a review with history, a note and an assignee.
    const first = (await api.gql(`{ financingLeads(first: 1) { nodes { id } } }`, {}, bri.headers)).data!.financingLeads.nodes[0].id;
    await api.gql(`mutation($id: ID!, $body: String!) { leadNoteAdd(input: { leadId: $id, body: $body }) { userErrors { code } } }`, { id: first, body: 'Catatan uji.' }, bri.headers);
    await api.gql(`mutation($id: ID!, $user: ID) { leadAssign(input: { leadId: $id, assigneeId: $user }) { userErrors { code } } }`, { id: first, user: bri.userId }, bri.headers);
    const counts: Record<string, [number, number]> = {};
    for (const [label, filter] of [
      ['financingLeads', {}],
      ['financingLeads verdict:ELIGIBLE', { verdict: 'ELIGIBLE' }],
    ] as const) {
      await api.gql(PAGE, { first: 1, filter }, bri.headers);
      const small = await api.statementsDuring(async () => {
        const res = await api.gql(PAGE, { first: 20, filter }, bri.headers);
        expect(res.errors).toBeUndefined();
        expect(res.data!.financingLeads.nodes).toHaveLength(20);
      });
      const large = await api.statementsDuring(async () => {
        const res = await api.gql(PAGE, { first: 100, filter }, bri.headers);
        expect(res.errors).toBeUndefined();
        expect(res.data!.financingLeads.nodes.length).toBeGreaterThan(20);
      });
      counts[label] = [small, large];
      console.log(`statements: ${label} first:20 = ${small}, first:100 = ${large}`);
    }
    // A loader runs once per page for each kind of row the page holds (a consented lead's enterprise,
    // a reviewed lead's history); leads come in random order, so a small page may lack one kind the
    // large page holds. One statement per row would add ~80 here; a missing kind adds one or two.
    for (const [small, large] of Object.values(counts)) expect(large - small).toBeLessThanOrEqual(2);
  });
});

describe('consent revoked or lapsed mid-pipeline', () => {
  it('the lead falls back to its anonymised view on the next request', async () => {
    const lead = await fixture('Batik Uji Dicabut', {}, { amount: 20n * JUTA });
    const consentId = await insertConsent(api, lead.enterpriseId, { funderSlug: BRI });
    const q = `query($id: ID!) { node(id: $id) { ... on FinancingLead { consentScopes enterprise { name } need { amount } readiness { verdict } } } }`;
    const before = (await api.gql(q, { id: leadGid(lead.needId) }, bri.headers)).data!.node;
    expect(before).toMatchObject({ consentScopes: ['FINANCIALS', 'NEEDS', 'PROFILE'], enterprise: { name: 'Batik Uji Dicabut' }, need: { amount: '20000000' } });
    expect(before.readiness).not.toBeNull();
    await api.db.prisma.consentRevocation.create({ data: { consentId, revokedAt: new Date(Date.now() - DAY_MS / 86_400) } });
    expect((await api.gql(q, { id: leadGid(lead.needId) }, bri.headers)).data!.node).toEqual({ consentScopes: [], enterprise: null, need: null, readiness: null });
  });
});

describe('the consents read with a lead', () => {
  it("are the calling funder's active ones: by name or by its funder type, in force now, not revoked", async () => {
    const scopesOf = async (needId: string, headers: Record<string, string>) => {
      const res = await api.gql(`query($id: ID!) { node(id: $id) { ... on FinancingLead { consentScopes enterprise { name } readiness { verdict } } } }`, { id: leadGid(needId) }, headers);
      expect(res.errors).toBeUndefined();
      const lead = res.data!.node;
      expect(lead.enterprise !== null).toBe(lead.consentScopes.length > 0);
      expect(lead.readiness !== null).toBe(lead.consentScopes.includes('FINANCIALS'));
      return lead.consentScopes;
    };
    const bpr = await memberOf(api, BPR);
    const byType = await fixture('Batik Uji Bank', {}, { amount: 20n * JUTA });
    await insertConsent(api, byType.enterpriseId, { funderType: 'BANK', scopes: ['FINANCIALS'] });
    const other = await fixture('Batik Uji Jateng', {}, { amount: 20n * JUTA });
    await insertConsent(api, other.enterpriseId, { funderSlug: BANK_JATENG });
    const lapsed = await fixture('Batik Uji Lewat', {}, { amount: 20n * JUTA });
    await insertConsent(api, lapsed.enterpriseId, { funderSlug: BRI, expiresAt: new Date(Date.now() - 1000) });
    const future = await fixture('Batik Uji Nanti', {}, { amount: 20n * JUTA });
    await insertConsent(api, future.enterpriseId, { funderSlug: BRI, grantedAt: new Date(Date.now() + DAY_MS) });
    const two = await fixture('Batik Uji Dua', {}, { amount: 20n * JUTA });
    await insertConsent(api, two.enterpriseId, { funderSlug: BRI, scopes: ['NEEDS'] });
    await insertConsent(api, two.enterpriseId, { funderType: 'BANK', scopes: ['PROFILE'] });

    expect(await scopesOf(byType.needId, bri.headers)).toEqual(['FINANCIALS']);
    expect(await scopesOf(byType.needId, bpr.headers)).toEqual([]);
    expect(await scopesOf(other.needId, bri.headers)).toEqual([]);
    expect(await scopesOf(lapsed.needId, bri.headers)).toEqual([]);
    expect(await scopesOf(future.needId, bri.headers)).toEqual([]);
    expect(await scopesOf(two.needId, bri.headers)).toEqual(['NEEDS', 'PROFILE']);
  });
});
