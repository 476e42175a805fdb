import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BRI,
  createEnterprise,
  createNeed,
  DISTRIBUTOR,
  enterpriseGid,
  insertConsent,
  JUTA,
  leadGid,
  memberOf,
  needGid,
  ownerOf,
  STAFF_EMAIL,
} from './financing-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/** Financing needs: stating and withdrawing one, and who sees an enterprise's needs. */

let api: TestServer;
let staff: Record<string, string>;
let bri: { headers: Record<string, string>; userId: string };

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF_EMAIL);
  bri = await memberOf(api, BRI);
});
afterAll(() => api.close());

const CREATE = `mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) {
  financingNeed { id amount amountBand purpose tenorMonths collateral status sourceOpportunityId sourceMeetingId enterprise { id } readiness { verdict scheme } }
  userErrors { code field message } } }`;

const WITHDRAW = `mutation($id: ID!) { financingNeedWithdraw(input: { id: $id }) { financingNeed { status } userErrors { code field message } } }`;

function input(enterpriseId: string, changes: Record<string, unknown> = {}) {
  return { enterpriseId: enterpriseGid(enterpriseId), amount: '45000000', purpose: 'INVESTMENT', tenorMonths: 36, collateral: 'Mesin jahit yang dibiayai', ...changes };
}

describe('financingNeedCreate', () => {
  it("lets the enterprise's member state a need, which becomes an anonymised lead", async () => {
    const id = await createEnterprise(api);
    const owner = await ownerOf(api, id);
    const res = await api.gql(CREATE, { input: input(id) }, owner.headers);
    expect(res.errors).toBeUndefined();
    const need = res.data!.financingNeedCreate.financingNeed;
    expect(res.data!.financingNeedCreate.userErrors).toEqual([]);
    expect(need).toMatchObject({
      amount: '45000000',
      amountBand: 'FROM_10_TO_100_JUTA',
      purpose: 'INVESTMENT',
      tenorMonths: 36,
      collateral: 'Mesin jahit yang dibiayai',
      status: 'OPEN',
      enterprise: { id: enterpriseGid(id) },
      readiness: { verdict: 'ELIGIBLE', scheme: 'MIKRO' },
    });
    const needId = Buffer.from(need.id, 'base64').toString().split(':')[1]!;
    const lead = await api.gql(`query($id: ID!) { node(id: $id) { ... on FinancingLead { amountBand purpose enterprise { id } } } }`, { id: leadGid(needId) }, bri.headers);
    expect(lead.data!.node).toEqual({ amountBand: 'FROM_10_TO_100_JUTA', purpose: 'INVESTMENT', enterprise: null });
  });

  it('lets staff state one on the enterprise\'s behalf, and nobody else', async () => {
    const id = await createEnterprise(api);
    expect((await api.gql(CREATE, { input: input(id) }, staff)).data!.financingNeedCreate.userErrors).toEqual([]);
    const stranger = await ownerOf(api, await createEnterprise(api));
    for (const headers of [stranger.headers, bri.headers, (await memberOf(api, DISTRIBUTOR)).headers]) {
      expect((await api.gql(CREATE, { input: input(id) }, headers)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await api.gql(CREATE, { input: input(id) })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad need with user errors and writes nothing', async () => {
    const id = await createEnterprise(api);
    const owner = await ownerOf(api, id);
    const other = await createEnterprise(api);
    const foreign = await api.db.prisma.opportunity.create({
      data: { kind: 'FINANCING_REQUEST', title: 'Butuh modal', enterpriseId: other, validFrom: new Date(), validUntil: new Date(Date.now() + 86_400_000) },
    });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amount: '0' }, 'INVALID_MONEY', 'amount'],
      [{ tenorMonths: 0 }, 'INVALID_VALUE', 'tenorMonths'],
      [{ tenorMonths: 121 }, 'INVALID_VALUE', 'tenorMonths'],
      [{ collateral: 'x'.repeat(501) }, 'TOO_LONG', 'collateral'],
      [{ sourceOpportunityId: globalId('Opportunity', foreign.id) }, 'NOT_FOUND', 'sourceOpportunityId'],
      [{ sourceMeetingId: globalId('Meeting', foreign.id) }, 'NOT_FOUND', 'sourceMeetingId'],
    ];
    for (const [changes, code, field] of cases) {
      const res = await api.gql(CREATE, { input: input(id, changes) }, owner.headers);
      expect(res.data!.financingNeedCreate.financingNeed).toBeNull();
      expect(res.data!.financingNeedCreate.userErrors).toContainEqual(expect.objectContaining({ code, field: ['input', field] }));
    }
    for (const tenorMonths of [1, 120]) {
      expect((await api.gql(CREATE, { input: input(id, { tenorMonths }) }, owner.headers)).data!.financingNeedCreate.userErrors).toEqual([]);
    }
    expect(await api.db.prisma.financingNeed.count({ where: { enterpriseId: id } })).toBe(2);
  });

  it('accepts a source opportunity of its own and a forum meeting it sat at', async () => {
    const meeting = await api.db.prisma.meeting.findFirstOrThrow({
      where: { request: { requester: { enterpriseId: { not: null } } } },
      include: { request: { include: { requester: true } } },
    });
    const enterpriseId = meeting.request.requester.enterpriseId!;
    const owner = await ownerOf(api, enterpriseId);
    const own = await api.db.prisma.opportunity.create({
      data: { kind: 'FINANCING_REQUEST', title: 'Modal kerja musim Lebaran', enterpriseId, validFrom: new Date(), validUntil: new Date(Date.now() + 86_400_000) },
    });
    const res = await api.gql(
      CREATE,
      { input: input(enterpriseId, { sourceOpportunityId: globalId('Opportunity', own.id), sourceMeetingId: globalId('Meeting', meeting.id) }) },
      owner.headers,
    );
    expect(res.data!.financingNeedCreate.userErrors).toEqual([]);
    expect(res.data!.financingNeedCreate.financingNeed).toMatchObject({
      sourceOpportunityId: globalId('Opportunity', own.id),
      sourceMeetingId: globalId('Meeting', meeting.id),
    });
  });
});

describe('financingNeedWithdraw', () => {
  it('withdraws an open need once, refuses a funded one and strangers', async () => {
    const id = await createEnterprise(api);
    const owner = await ownerOf(api, id);
    const needId = await createNeed(api, id);
    const res = await api.gql(WITHDRAW, { id: needGid(needId) }, owner.headers);
    expect(res.data!.financingNeedWithdraw).toEqual({ financingNeed: { status: 'WITHDRAWN' }, userErrors: [] });
    expect((await api.gql(WITHDRAW, { id: needGid(needId) }, owner.headers)).data!.financingNeedWithdraw.financingNeed).toEqual({ status: 'WITHDRAWN' });
    const lead = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: leadGid(needId) }, bri.headers);
    expect(lead.data!.node).toBeNull();

    const funded = await createNeed(api, id, { status: 'FUNDED' });
    expect((await api.gql(WITHDRAW, { id: needGid(funded) }, owner.headers)).data!.financingNeedWithdraw.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'id'] }),
    ]);
    const stranger = await ownerOf(api, await createEnterprise(api));
    const open = await createNeed(api, id);
    expect((await api.gql(WITHDRAW, { id: needGid(open) }, stranger.headers)).data!.financingNeedWithdraw.userErrors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND' }),
    ]);
  });
});

describe('enterprise.financingNeeds', () => {
  it('is visible to members and staff, to a funder only under NEEDS consent (audited), null otherwise', async () => {
    const id = await createEnterprise(api);
    const owner = await ownerOf(api, id);
    await createNeed(api, id, { amount: 12n * JUTA });
    await createNeed(api, id, { amount: 30n * JUTA, status: 'WITHDRAWN' });
    const q = `query($id: ID!) { enterprise(id: $id) { financingNeeds { totalCount nodes { amount status } } open: financingNeeds(status: OPEN) { totalCount } } }`;
    for (const headers of [owner.headers, staff]) {
      const e = (await api.gql(q, { id: enterpriseGid(id) }, headers)).data!.enterprise;
      expect(e.financingNeeds.totalCount).toBe(2);
      expect(e.open.totalCount).toBe(1);
    }
    expect((await api.gql(q, { id: enterpriseGid(id) }, bri.headers)).data!.enterprise).toEqual({ financingNeeds: null, open: null });
    await insertConsent(api, id, { funderSlug: BRI, scopes: ['NEEDS'] });
    expect((await api.gql(q, { id: enterpriseGid(id) }, bri.headers)).data!.enterprise.financingNeeds.totalCount).toBe(2);
    const audit = await api.db.prisma.auditRecord.findFirstOrThrow({ where: { enterpriseId: id, action: 'READ_PROTECTED' } });
    expect(audit.fields).toEqual(['financingNeeds']);
  });
});
