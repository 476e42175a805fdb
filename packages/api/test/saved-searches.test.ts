import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BPR, BRI, createEnterprise, DISTRIBUTOR, enterpriseGid, leadGid, memberOf, ownerOf, partnerId } from './financing-fixtures';
import { distributionOffer } from './opportunity-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * Saved searches: a partner saves opportunity filters and each newly posted opportunity that
 * matches one raises saved_search.matched for that partner only, in the posting's transaction, and
 * a delivery to the partner's webhook endpoint.
 */

let api: TestServer;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const CREATE = `mutation($input: SavedSearchCreateInput!) { savedSearchCreate(input: $input) { savedSearch { id name kinds productCategories } userErrors { code field } } }`;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api?.close());

describe('saved searches', () => {
  it('notifies the partner of a matching new opportunity, and only of matching ones', async () => {
    const bpr = await memberOf(api, BPR);
    const bprId = await partnerId(api, BPR);
    const save = async (input: Record<string, unknown>) => {
      const res = await api.gql(CREATE, { input: { partnerId: gid('Partner', bprId), ...input } }, bpr.headers);
      expect(res.data!.savedSearchCreate.userErrors).toEqual([]);
      return res.data!.savedSearchCreate.savedSearch.id as string;
    };
    const snacks = await save({ name: 'Makanan ringan', kinds: ['DISTRIBUTION_OFFER'], productCategories: ['Makanan-Ringan'] });
    await save({ name: 'Batik', productCategories: ['batik-tulis'] });
    await api.db.prisma.webhookEndpoint.create({ data: { partnerId: bprId, url: 'https://hooks.bpr.example/x', eventTypes: ['saved_search.matched'], secret: 'whsec_AAAA' } });

    const seller = await memberOf(api, 'distribusi-pangan-jateng');
    const posted = await api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { opportunity { id } userErrors { code } } }`, { input: distributionOffer('Keripik tempe') }, seller.headers);
    const opportunityId = posted.data!.opportunityPost.opportunity.id;
    const matched = await api.db.prisma.event.findMany({ where: { type: 'saved_search.matched' } });
    expect(matched.map((e) => [e.subjectId, (e.payload as { opportunityId: string }).opportunityId])).toEqual([[snacks, opportunityId]]);
    expect(matched[0]!.partnerIds).toEqual([bprId]);
    const deliveries = await api.db.prisma.webhookDelivery.findMany({ where: { eventId: matched[0]!.id }, include: { endpoint: true } });
    expect(deliveries.map((d) => d.endpoint.partnerId)).toEqual([bprId]);

    // Another partner cannot list or delete them.
    const other = await memberOf(api, 'distribusi-pangan-jateng');
    const listed = await api.gql(`query($p: ID!) { savedSearches(partnerId: $p) { nodes { id } } }`, { p: gid('Partner', bprId) }, other.headers);
    expect(listed.data!.savedSearches.nodes).toEqual([]);
    const own = await api.gql(`query($p: ID!) { savedSearches(partnerId: $p) { nodes { id } } }`, { p: gid('Partner', bprId) }, bpr.headers);
    expect(own.data!.savedSearches.nodes).toHaveLength(2);
    const deleted = await api.gql(`mutation($id: ID!) { savedSearchDelete(input: { id: $id }) { userErrors { code } } }`, { id: snacks }, other.headers);
    expect(deleted.data!.savedSearchDelete.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('refuses bad filters with userErrors, writing nothing', async () => {
    const bpr = await memberOf(api, BPR);
    const before = await api.db.prisma.savedSearch.count();
    const res = await api.gql(CREATE, { input: { partnerId: gid('Partner', await partnerId(api, BPR)), name: '', districtCodes: ['99.99.99'], amountMin: '5', amountMax: '4' } }, bpr.headers);
    expect(res.data!.savedSearchCreate.userErrors.map((e: { field: string[] }) => e.field.join('.')).sort()).toEqual(['input.amountMax', 'input.districtCodes.0', 'input.name']);
    expect(await api.db.prisma.savedSearch.count()).toBe(before);
  });

  it("a funder's search over financing leads matches on what the anonymised lead shows, and tells only that", async () => {
    const bri = await memberOf(api, BRI);
    const briId = await partnerId(api, BRI);
    const save = async (input: Record<string, unknown>) => {
      const res = await api.gql(CREATE, { input: { partnerId: gid('Partner', briId), target: 'FINANCING_LEADS', ...input } }, bri.headers);
      expect(res.data!.savedSearchCreate.userErrors).toEqual([]);
      return res.data!.savedSearchCreate.savedSearch.id as string;
    };
    const batik = await save({ name: 'Batik modal kerja', sectors: ['BATIK'], purposes: ['WORKING_CAPITAL'] });
    const exports = await save({ name: 'Ekspor', purposes: ['EXPORT'] });
    const anyLead = await save({ name: 'Semua lead' });
    const before = (await api.db.prisma.event.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;

    const enterprise = await createEnterprise(api, { sector: 'BATIK' });
    const owner = await ownerOf(api, enterprise);
    const need = await api.gql(
      `mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { financingNeed { id } userErrors { code } } }`,
      { input: { enterpriseId: enterpriseGid(enterprise), amount: '30000000', purpose: 'WORKING_CAPITAL', tenorMonths: 12 } },
      owner.headers,
    );
    const needId = Buffer.from(need.data!.financingNeedCreate.financingNeed.id, 'base64').toString().split(':')[1]!;
    // What the leads list shows a funder without consent: the payload says exactly that, no more.
    const shown = await api.gql(`query($id: ID!) { node(id: $id) { ... on FinancingLead { amountBand purpose sector district { code } } } }`, { id: leadGid(needId) }, (await memberOf(api, BPR)).headers);
    const view = shown.data!.node as { amountBand: string; purpose: string; sector: string | null; district: { code: string } | null };
    console.log(JSON.stringify({ leadShows: view }));
    const matched = await api.db.prisma.event.findMany({ where: { type: 'saved_search.matched', seq: { gt: before } }, orderBy: { seq: 'asc' } });
    const expected = view.sector === 'BATIK' ? [anyLead, batik].sort() : [anyLead];
    expect(matched.map((e) => e.subjectId).sort()).toEqual(expected);
    expect(matched.map((e) => e.subjectId)).not.toContain(exports);
    for (const event of matched) {
      expect(event.partnerIds).toEqual([briId]);
      expect(event.payload).toEqual({
        savedSearchId: event.subjectId,
        leadId: leadGid(needId),
        amountBand: view.amountBand,
        purpose: view.purpose,
        sector: view.sector,
        districtCode: view.district?.code ?? null,
      });
    }
  });

  it('refuses a lead search for a partner that is not a funder (FORBIDDEN), and criteria of the other target (userErrors), writing nothing', async () => {
    const before = await api.db.prisma.savedSearch.count();
    const distributor = await memberOf(api, DISTRIBUTOR);
    const notFunder = await api.gql(CREATE, { input: { partnerId: gid('Partner', await partnerId(api, DISTRIBUTOR)), name: 'Lead', target: 'FINANCING_LEADS' } }, distributor.headers);
    // As the leads list: LEADS_READ, which only funders hold.
    expect(notFunder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bri = await memberOf(api, BRI);
    const mixed = await api.gql(CREATE, { input: { partnerId: gid('Partner', await partnerId(api, BRI)), name: 'Campur', target: 'FINANCING_LEADS', kinds: ['SELL_OFFER'], amountMin: '1' } }, bri.headers);
    expect(mixed.data!.savedSearchCreate.userErrors.map((e: { field: string[] }) => e.field.join('.')).sort()).toEqual(['input.amountMin', 'input.kinds']);
    const wrongWay = await api.gql(CREATE, { input: { partnerId: gid('Partner', await partnerId(api, BRI)), name: 'Peluang', sectors: ['BATIK'] } }, bri.headers);
    expect(wrongWay.data!.savedSearchCreate.userErrors).toEqual([{ code: 'INVALID_VALUE', field: ['input', 'sectors'] }]);
    expect(await api.db.prisma.savedSearch.count()).toBe(before);
  });
});
