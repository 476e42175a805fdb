import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BPR, memberOf, partnerId } from './financing-fixtures';
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
});
