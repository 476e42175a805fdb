import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyOf,
  BANK_JATENG,
  BRI,
  createEnterprise,
  createNeed,
  DISTRIBUTOR,
  insertConsent,
  isoDate,
  JUTA,
  leadGid,
  memberOf,
  partnerId,
  semarangDate,
  STAFF_EMAIL,
} from './financing-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * Each funder's own pipeline: transitions, rejection reasons, disbursement, history, notes,
 * assignment, isolation from other funders and non-funders, and 20 concurrent updates.
 */

let api: TestServer;
let bri: { headers: Record<string, string>; userId: string };
let briColleague: { headers: Record<string, string>; userId: string };
let jateng: { headers: Record<string, string>; userId: string };
let distributor: { headers: Record<string, string>; userId: string };

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  bri = await memberOf(api, BRI, 0);
  briColleague = await memberOf(api, BRI, 1);
  jateng = await memberOf(api, BANK_JATENG);
  distributor = await memberOf(api, DISTRIBUTOR);
});
afterAll(() => api.close());

const REVIEW_FIELDS = `id status rejectionReason rejectionNote disbursedAmount disbursedOn assignee { id name } history { fromStatus toStatus note changedByUserId at } notes { nodes { body authorUserId } }`;

const UPDATE = `mutation($input: LeadStatusUpdateInput!) { leadStatusUpdate(input: $input) { review { ${REVIEW_FIELDS} } userErrors { code field message } } }`;

/** A new lead whose enterprise consented to BRI (PROFILE, FINANCIALS, NEEDS) unless `consent` is false. */
async function freshLead(amount = 80n * JUTA, { consent = true } = {}): Promise<{ needId: string; leadId: string; enterpriseId: string }> {
  const enterpriseId = await createEnterprise(api);
  const needId = await createNeed(api, enterpriseId, { amount });
  if (consent) await insertConsent(api, enterpriseId, { funderSlug: BRI });
  return { needId, leadId: leadGid(needId), enterpriseId };
}

async function move(leadId: string, status: string, extra: Record<string, unknown> = {}, headers = bri.headers) {
  const res = await api.gql(UPDATE, { input: { leadId, status, ...extra } }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.leadStatusUpdate as { review: any; userErrors: { code: string; field: string[]; message: string }[] };
}

describe('transitions', () => {
  it('walks NEW → CONTACTED → IN_REVIEW → APPROVED → DISBURSED, refusing every skip, and keeps the history', async () => {
    const { needId, leadId } = await freshLead();
    const skip = await move(leadId, 'APPROVED');
    expect(skip.review).toBeNull();
    expect(skip.userErrors).toEqual([
      {
        code: 'INVALID_TRANSITION',
        field: ['input', 'status'],
        message:
          'This lead is NEW; from NEW it can move only to CONTACTED, not to APPROVED. The pipeline is NEW → CONTACTED → IN_REVIEW → APPROVED or REJECTED, then APPROVED → DISBURSED.',
      },
    ]);
    // A refused move writes nothing, not even the review it would have opened.
    expect(await api.db.prisma.leadReview.count({ where: { financingNeedId: needId } })).toBe(0);

    expect((await move(leadId, 'CONTACTED', { note: 'Ditelepon, kunjungan Senin.' })).review.status).toBe('CONTACTED');
    expect((await move(leadId, 'CONTACTED')).userErrors[0]!.code).toBe('INVALID_TRANSITION');
    expect((await move(leadId, 'DISBURSED', { disbursedAmount: '80000000', disbursedOn: isoDate(semarangDate()) })).userErrors[0]!.code).toBe(
      'INVALID_TRANSITION',
    );
    expect((await move(leadId, 'IN_REVIEW')).review.status).toBe('IN_REVIEW');
    expect((await move(leadId, 'DISBURSED', { disbursedAmount: '80000000', disbursedOn: isoDate(semarangDate()) })).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION', message: expect.stringContaining('from IN_REVIEW it can move only to APPROVED or REJECTED') }),
    ]);
    expect((await move(leadId, 'APPROVED', { reasonCode: 'OTHER' })).userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'reasonCode'] }),
    ]);
    expect((await move(leadId, 'APPROVED')).review.status).toBe('APPROVED');

    // Disbursement needs the amount and the date; the amount at most what was asked, the date not in the future.
    expect((await move(leadId, 'DISBURSED')).userErrors.map((e) => [e.code, e.field.at(-1)])).toEqual([
      ['REQUIRED', 'disbursedAmount'],
      ['REQUIRED', 'disbursedOn'],
    ]);
    expect(
      (await move(leadId, 'DISBURSED', { disbursedAmount: '80000001', disbursedOn: isoDate(semarangDate({ days: 1 })) })).userErrors.map((e) => [
        e.code,
        e.field.at(-1),
      ]),
    ).toEqual([
      ['INVALID_VALUE', 'disbursedAmount'],
      ['INVALID_VALUE', 'disbursedOn'],
    ]);
    const done = await move(leadId, 'DISBURSED', { disbursedAmount: '75000000', disbursedOn: isoDate(semarangDate()), note: 'Akad 27/11.' });
    expect(done.userErrors).toEqual([]);
    expect(done.review).toMatchObject({ status: 'DISBURSED', disbursedAmount: '75000000', disbursedOn: isoDate(semarangDate()) });
    expect(done.review.history.map((h: any) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'NEW'],
      ['NEW', 'CONTACTED'],
      ['CONTACTED', 'IN_REVIEW'],
      ['IN_REVIEW', 'APPROVED'],
      ['APPROVED', 'DISBURSED'],
    ]);
    expect(done.review.history[1]).toMatchObject({ note: 'Ditelepon, kunjungan Senin.', changedByUserId: bri.userId });
    expect((await move(leadId, 'REJECTED', { reasonCode: 'OTHER', note: 'x' })).userErrors[0]!.message).toContain('DISBURSED is final');

    // The need is funded and leaves others' open leads, but stays in this funder's pipeline.
    expect((await api.db.prisma.financingNeed.findUniqueOrThrow({ where: { id: needId } })).status).toBe('FUNDED');
    const mine = await api.gql(`{ financingLeads(first: 100, filter: { status: DISBURSED }) { nodes { id open status } } }`, {}, bri.headers);
    expect(mine.data!.financingLeads.nodes).toContainEqual({ id: leadId, open: false, status: 'DISBURSED' });
    const theirs = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: leadId }, jateng.headers);
    expect(theirs.data!.node).toBeNull();
  });

  it('rejection needs a reason code from the list, and OTHER needs a note', async () => {
    const { leadId } = await freshLead();
    await move(leadId, 'CONTACTED');
    await move(leadId, 'IN_REVIEW');
    expect((await move(leadId, 'REJECTED')).userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: ['input', 'reasonCode'] })]);
    expect((await move(leadId, 'REJECTED', { reasonCode: 'OTHER' })).userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: ['input', 'note'] })]);
    const bad = await api.gql(UPDATE, { input: { leadId, status: 'REJECTED', reasonCode: 'BECAUSE' } }, bri.headers);
    expect(bad.errors?.[0]?.message).toMatch(/BECAUSE/);
    const rejected = await move(leadId, 'REJECTED', { reasonCode: 'INSUFFICIENT_REPAYMENT_CAPACITY', note: 'Arus kas belum cukup untuk angsuran Rp4 juta.' });
    expect(rejected.review).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'INSUFFICIENT_REPAYMENT_CAPACITY',
      rejectionNote: 'Arus kas belum cukup untuk angsuran Rp4 juta.',
    });
    expect((await move(leadId, 'APPROVED')).userErrors[0]!.message).toContain('REJECTED is final');
  });
});

describe('consent for moves beyond first contact', () => {
  const reviewOf = (needId: string) =>
    api.db.prisma.leadReview.findFirstOrThrow({ where: { financingNeedId: needId }, include: { history: true } });

  it('an anonymised lead can be contacted, but not reviewed, approved or disbursed; refusals change nothing', async () => {
    const { needId, leadId, enterpriseId } = await freshLead(80n * JUTA, { consent: false });
    expect((await move(leadId, 'CONTACTED')).review.status).toBe('CONTACTED');
    const refused = await move(leadId, 'IN_REVIEW');
    expect(refused).toEqual({
      review: null,
      userErrors: [
        {
          code: 'CONSENT_REQUIRED',
          field: ['input', 'status'],
          message: "Moving a lead to IN_REVIEW needs the enterprise's active consent with scope NEEDS and FINANCIALS; ask for it with consentRequest.",
        },
      ],
    });
    // NEEDS alone is not enough for a review: FINANCIALS is still missing.
    await insertConsent(api, enterpriseId, { funderSlug: BRI, scopes: ['NEEDS'] });
    expect((await move(leadId, 'IN_REVIEW')).userErrors).toEqual([
      expect.objectContaining({ code: 'CONSENT_REQUIRED', field: ['input', 'status'], message: expect.stringContaining('scope FINANCIALS;') }),
    ]);
    const review = await reviewOf(needId);
    expect([review.status, review.history.length]).toEqual(['CONTACTED', 2]);
    console.log(`consent: anonymised lead NEW → CONTACTED applied; CONTACTED → IN_REVIEW refused: ${refused.userErrors[0]!.code} on ${JSON.stringify(refused.userErrors[0]!.field)}; status stays ${review.status}, history ${review.history.length} entries`);
  });

  it('a revoked consent keeps earlier moves but stops approval and disbursement; rejection stays possible', async () => {
    const { needId, leadId, enterpriseId } = await freshLead(80n * JUTA, { consent: false });
    const consentId = await insertConsent(api, enterpriseId, { funderSlug: BRI, scopes: ['NEEDS', 'FINANCIALS'] });
    await move(leadId, 'CONTACTED');
    expect((await move(leadId, 'IN_REVIEW')).review.status).toBe('IN_REVIEW');
    await api.db.prisma.consentRevocation.create({ data: { consentId, revokedAt: new Date() } });
    const approve = await move(leadId, 'APPROVED');
    expect(approve.userErrors).toEqual([expect.objectContaining({ code: 'CONSENT_REQUIRED', field: ['input', 'status'] })]);
    expect((await reviewOf(needId)).status).toBe('IN_REVIEW');
    const rejected = await move(leadId, 'REJECTED', { reasonCode: 'ENTERPRISE_DECLINED' });
    expect(rejected.userErrors).toEqual([]);
    expect(rejected.review.history.map((h: any) => h.toStatus)).toEqual(['NEW', 'CONTACTED', 'IN_REVIEW', 'REJECTED']);
  });

  it('disbursement needs NEEDS, and its refusal does not tell the amount sought', async () => {
    const { leadId, enterpriseId } = await freshLead(80n * JUTA, { consent: false });
    const consentId = await insertConsent(api, enterpriseId, { funderSlug: BRI, scopes: ['NEEDS', 'FINANCIALS'] });
    for (const status of ['CONTACTED', 'IN_REVIEW', 'APPROVED']) expect((await move(leadId, status)).userErrors).toEqual([]);
    await api.db.prisma.consentRevocation.create({ data: { consentId, revokedAt: new Date() } });
    const disburse = await move(leadId, 'DISBURSED', { disbursedAmount: '90000000', disbursedOn: isoDate(semarangDate()) });
    expect(disburse.userErrors).toEqual([
      {
        code: 'CONSENT_REQUIRED',
        field: ['input', 'status'],
        message: "Moving a lead to DISBURSED needs the enterprise's active consent with scope NEEDS; ask for it with consentRequest.",
      },
    ]);
    expect(JSON.stringify(disburse)).not.toMatch(/80\.000\.000|80000000/);
  });
});

describe('notes and assignment', () => {
  it('adds notes and assigns to a colleague, never to someone of another organisation', async () => {
    const { leadId } = await freshLead();
    const note = await api.gql(
      `mutation($input: LeadNoteAddInput!) { leadNoteAdd(input: $input) { review { status notes { totalCount nodes { body authorUserId } } history { toStatus } } userErrors { code } } }`,
      { input: { leadId, body: 'Pemilik minta dihubungi setelah jam 4 sore.' } },
      bri.headers,
    );
    expect(note.data!.leadNoteAdd).toEqual({
      review: {
        status: 'NEW',
        notes: { totalCount: 1, nodes: [{ body: 'Pemilik minta dihubungi setelah jam 4 sore.', authorUserId: bri.userId }] },
        history: [{ toStatus: 'NEW' }],
      },
      userErrors: [],
    });
    const assign = `mutation($input: LeadAssignInput!) { leadAssign(input: $input) { review { assignee { id name } } userErrors { code field } } }`;
    const ok = await api.gql(assign, { input: { leadId, assigneeId: briColleague.userId } }, bri.headers);
    expect(ok.data!.leadAssign.review.assignee.id).toBe(briColleague.userId);
    const outsider = await api.gql(assign, { input: { leadId, assigneeId: jateng.userId } }, bri.headers);
    expect(outsider.data!.leadAssign).toEqual({ review: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'assigneeId'] }] });
    const cleared = await api.gql(assign, { input: { leadId, assigneeId: null } }, briColleague.headers);
    expect(cleared.data!.leadAssign.review.assignee).toBeNull();
  });
});

describe('isolation', () => {
  it("another funder never reads or changes my review, not even through node(id)", async () => {
    const { needId, leadId } = await freshLead();
    const mine = await move(leadId, 'CONTACTED', { note: 'catatan rahasia BRI' });
    const reviewId = mine.review.id;
    expect(reviewId).toBe(globalId('LeadReview', (await api.db.prisma.leadReview.findFirstOrThrow({ where: { financingNeedId: needId } })).id));

    const byNode = await api.gql(
      `query($id: ID!) { node(id: $id) { id ... on LeadReview { status history { note } } } }`,
      { id: reviewId },
      jateng.headers,
    );
    expect(byNode.errors).toBeUndefined();
    expect(byNode.data!.node).toBeNull();
    const byNodes = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [reviewId] }, jateng.headers);
    expect(byNodes.data!.nodes).toEqual([null]);
    for (const type of ['LeadReview', 'FinancingLead', 'FinancingNeed']) {
      const garbage = await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: Buffer.from(`${type}:not-a-uuid`).toString('base64') }, bri.headers);
      // A malformed id is the caller's mistake, answered as such, never a fault or someone's data.
      expect(garbage.errors?.[0]?.extensions?.code, type).toBe('BAD_USER_INPUT');
      expect(garbage.data?.node ?? null, type).toBeNull();
    }

    const theirView = await api.gql(`query($id: ID!) { node(id: $id) { ... on FinancingLead { status review { id } } } }`, { id: leadId }, jateng.headers);
    expect(theirView.data!.node).toEqual({ status: 'NEW', review: null });

    // Their move opens their own review; mine is untouched.
    const theirs = await move(leadId, 'CONTACTED', {}, jateng.headers);
    expect(theirs.review.id).not.toBe(reviewId);
    const again = await api.gql(`query($id: ID!) { node(id: $id) { ... on LeadReview { status history { toStatus note } } } }`, { id: reviewId }, bri.headers);
    expect(again.data!.node).toEqual({ status: 'CONTACTED', history: [{ toStatus: 'NEW', note: 'Lead taken into the pipeline.' }, { toStatus: 'CONTACTED', note: 'catatan rahasia BRI' }] });
    expect(await api.db.prisma.leadReview.count({ where: { financingNeedId: needId } })).toBe(2);
  });

  it('a distributor, staff and anonymous callers get FORBIDDEN or UNAUTHENTICATED; a key needs the right scope', async () => {
    const { leadId } = await freshLead();
    const list = `{ financingLeads(first: 5) { totalCount } }`;
    expect((await api.gql(list, {}, distributor.headers)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(list, {}, await api.as(STAFF_EMAIL))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(list)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const moved = await api.gql(UPDATE, { input: { leadId, status: 'CONTACTED' } }, distributor.headers);
    expect(moved.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const lead = await api.gql(`query($id: ID!) { node(id: $id) { ... on FinancingLead { sector } } }`, { id: leadId }, distributor.headers);
    expect(lead.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const readOnly = await apiKeyOf(api, BRI, ['leads:read']);
    expect((await api.gql(list, {}, readOnly)).errors).toBeUndefined();
    expect((await api.gql(UPDATE, { input: { leadId, status: 'CONTACTED' } }, readOnly)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const writer = await apiKeyOf(api, BRI, ['leads:read', 'leads:write']);
    const byKey = await move(leadId, 'CONTACTED', {}, writer);
    expect(byKey.review.history.at(-1)).toMatchObject({ toStatus: 'CONTACTED', changedByUserId: null });
    // The partner's mutation is on its audit trail.
    const trail = await api.db.prisma.auditRecord.findFirst({ where: { action: 'leadStatusUpdate', partnerId: await partnerId(api, BRI), apiKeyId: { not: null } } });
    expect(trail?.fields.sort()).toEqual(['leadId', 'status']);
  });
});

describe('concurrency', () => {
  it('20 simultaneous updates of one review leave one consistent history', async () => {
    const { needId, leadId } = await freshLead();
    const targets = ['CONTACTED', 'IN_REVIEW', 'APPROVED', 'DISBURSED'] as const;
    const requests = Array.from({ length: 20 }, (_, i) => {
      const status = targets[i % targets.length]!;
      const extra = status === 'DISBURSED' ? { disbursedAmount: '50000000', disbursedOn: isoDate(semarangDate()) } : {};
      return api.gql(UPDATE, { input: { leadId, status, ...extra } }, i % 2 === 0 ? bri.headers : briColleague.headers);
    });
    const results = await Promise.all(requests);
    for (const r of results) expect(r.errors).toBeUndefined();
    const applied = results.filter((r) => r.data!.leadStatusUpdate.userErrors.length === 0);
    const refused = results.filter((r) => r.data!.leadStatusUpdate.userErrors.length > 0);
    for (const r of refused) expect(r.data!.leadStatusUpdate.userErrors[0].code).toBe('INVALID_TRANSITION');

    const reviews = await api.db.prisma.leadReview.findMany({
      where: { financingNeedId: needId },
      include: { history: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } },
    });
    expect(reviews).toHaveLength(1);
    const { history, status } = reviews[0]!;
    // One opening entry, then exactly one entry per applied update, each from the status the previous left.
    expect(history).toHaveLength(applied.length + 1);
    expect(history[0]).toMatchObject({ fromStatus: null, toStatus: 'NEW' });
    const next: Record<string, string> = { NEW: 'CONTACTED', CONTACTED: 'IN_REVIEW', IN_REVIEW: 'APPROVED', APPROVED: 'DISBURSED' };
    for (let i = 1; i < history.length; i += 1) {
      expect(history[i]!.fromStatus).toBe(history[i - 1]!.toStatus);
      expect(history[i]!.toStatus).toBe(next[history[i]!.fromStatus!]);
      expect(history[i]!.at.getTime()).toBeGreaterThan(history[i - 1]!.at.getTime());
    }
    expect(status).toBe(history.at(-1)!.toStatus);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    console.log(`concurrency: ${applied.length} of 20 updates applied, ${refused.length} refused as INVALID_TRANSITION; final status ${status}`);
  });
});
