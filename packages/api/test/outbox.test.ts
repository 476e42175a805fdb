import { ANONYMOUS, createAuditLog } from '@temu-bisnis/schema';
import { runMutation } from '@temu-bisnis/schema/common/mutation';
import { NOT_REGIONAL } from '@temu-bisnis/schema/common/region';
import { emitAll } from '@temu-bisnis/schema/common/outbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRI, createEnterprise, enterpriseGid, memberOf, ownerOf } from './financing-fixtures';
import { bookMeeting, createForum, freeOrganisations, REQUEST_CREATE, registerOk, STAFF, transition } from './forum-fixtures';
import { distributionOffer } from './opportunity-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * The transactional outbox: every change that matters commits with exactly one event of its kind
 * about its subject, and a change that rolls back leaves no event (nor its record).
 */

let api: TestServer;
let staff: Record<string, string>;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF);
});
afterAll(() => api?.close());

/** The events written while fn ran, as type and subject. */
async function eventsDuring(fn: () => Promise<unknown>): Promise<{ type: string; subjectId: string; payload: unknown }[]> {
  const before = await api.db.prisma.event.aggregate({ _max: { seq: true } });
  await fn();
  return api.db.prisma.event.findMany({
    where: { seq: { gt: before._max.seq ?? 0n } },
    orderBy: { seq: 'asc' },
    select: { type: true, subjectId: true, payload: true },
  });
}

function ok<T>(res: { errors?: unknown; data?: Record<string, any> }, field: string): T {
  expect(res.errors).toBeUndefined();
  expect(res.data![field].userErrors).toEqual([]);
  return res.data![field];
}

describe('events commit with their change', () => {
  it('opportunity posted and closed', async () => {
    const seller = await memberOf(api, 'distribusi-pangan-jateng');
    let id = '';
    const posted = await eventsDuring(async () => {
      const res = await api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { opportunity { id } userErrors { code } } }`, { input: distributionOffer('Distribusi keripik') }, seller.headers);
      id = ok<{ opportunity: { id: string } }>(res, 'opportunityPost').opportunity.id;
    });
    expect(posted.map((e) => [e.type, e.subjectId])).toEqual([['opportunity.posted', id]]);
    expect(posted[0]!.payload).toMatchObject({ id, kind: 'DISTRIBUTION_OFFER', productCategory: 'makanan-ringan', status: 'OPEN' });

    const closed = await eventsDuring(async () => {
      ok(await api.gql(`mutation($id: ID!) { opportunityClose(input: { id: $id, reason: FULFILLED }) { userErrors { code } } }`, { id }, seller.headers), 'opportunityClose');
    });
    expect(closed.map((e) => [e.type, e.subjectId])).toEqual([['opportunity.closed', id]]);
  });

  it('a refused change (userErrors) leaves no event', async () => {
    const seller = await memberOf(api, 'distribusi-pangan-jateng');
    const events = await eventsDuring(async () => {
      const res = await api.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { userErrors { code } } }`, { input: { ...distributionOffer('x'), validUntil: new Date(Date.now() - 1000).toISOString() } }, seller.headers);
      expect(res.data!.opportunityPost.userErrors.length).toBeGreaterThan(0);
    });
    expect(events).toEqual([]);
  });

  it('financing need created and withdrawn, consent granted and revoked, lead status changed', async () => {
    const enterprise = await createEnterprise(api);
    const owner = await ownerOf(api, enterprise);
    let needId = '';
    const created = await eventsDuring(async () => {
      const res = await api.gql(
        `mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { financingNeed { id } userErrors { code } } }`,
        { input: { enterpriseId: enterpriseGid(enterprise), amount: '45000000', purpose: 'INVESTMENT', tenorMonths: 36 } },
        owner.headers,
      );
      needId = ok<{ financingNeed: { id: string } }>(res, 'financingNeedCreate').financingNeed.id;
    });
    expect(created.map((e) => [e.type, e.subjectId])).toEqual([['financing_need.created', needId]]);
    expect(created[0]!.payload).toMatchObject({ amount: '45000000', status: 'OPEN' });

    let consentId = '';
    const granted = await eventsDuring(async () => {
      const res = await api.gql(
        `mutation($input: ConsentGrantInput!) { consentGrant(input: $input) { consent { id } userErrors { code } } }`,
        { input: { enterpriseId: enterpriseGid(enterprise), funderType: 'BANK', scopes: ['NEEDS'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } },
        owner.headers,
      );
      consentId = ok<{ consent: { id: string } }>(res, 'consentGrant').consent.id;
    });
    expect(granted.map((e) => [e.type, e.subjectId])).toEqual([['consent.granted', consentId]]);

    const bank = await memberOf(api, BRI);
    const leadId = Buffer.from(`FinancingLead:${Buffer.from(needId, 'base64').toString().split(':')[1]}`).toString('base64');
    const moved = await eventsDuring(async () => {
      ok(await api.gql(`mutation($input: LeadStatusUpdateInput!) { leadStatusUpdate(input: $input) { userErrors { code } } }`, { input: { leadId, status: 'CONTACTED' } }, bank.headers), 'leadStatusUpdate');
    });
    expect(moved.map((e) => [e.type, e.subjectId])).toEqual([['lead.status_changed', leadId]]);
    expect(moved[0]!.payload).toMatchObject({ leadId, status: 'CONTACTED' });

    const revoked = await eventsDuring(async () => {
      ok(await api.gql(`mutation($input: ConsentRevokeInput!) { consentRevoke(input: $input) { userErrors { code } } }`, { input: { id: consentId } }, owner.headers), 'consentRevoke');
    });
    expect(revoked.map((e) => [e.type, e.subjectId])).toEqual([['consent.revoked', consentId]]);

    const withdrawn = await eventsDuring(async () => {
      ok(await api.gql(`mutation($id: ID!) { financingNeedWithdraw(input: { id: $id }) { userErrors { code } } }`, { id: needId }, owner.headers), 'financingNeedWithdraw');
    });
    expect(withdrawn.map((e) => [e.type, e.subjectId])).toEqual([['financing_need.withdrawn', needId]]);
    // Withdrawing twice changes nothing and reports nothing.
    const again = await eventsDuring(() => api.gql(`mutation($id: ID!) { financingNeedWithdraw(input: { id: $id }) { userErrors { code } } }`, { id: needId }, owner.headers));
    expect(again).toEqual([]);
  });

  it('meeting requests created, accepted (with a booking), cancelled (meeting.cancelled), declined; schedule published; meeting moved', async () => {
    const forum = await createForum(api, staff);
    const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 2, partners: 2 });
    const e1 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[0]!.id });
    const e2 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[1]!.id });
    const p1 = await registerOk(api, staff, forum.id, { partnerId: partners[0]!.id });

    let meetingId = '';
    const booked = await eventsDuring(async () => {
      meetingId = await bookMeeting(api, staff, e1, p1, forum.meetingSlots[0]!.id);
    });
    expect(booked.map((e) => e.type)).toEqual(['meeting_request.created', 'meeting_request.accepted', 'meeting.scheduled']);
    expect(booked[2]!.subjectId).toBe(meetingId);
    expect(booked[0]!.subjectId).toBe(booked[1]!.subjectId);

    // A booked meeting whose request is cancelled is taken off the schedule: meeting.cancelled, then the request's own event.
    const p2 = await registerOk(api, staff, forum.id, { partnerId: partners[1]!.id });
    let secondMeeting = '';
    const bookedAgain = await eventsDuring(async () => {
      secondMeeting = await bookMeeting(api, staff, e2, p2, forum.meetingSlots[1]!.id);
    });
    const cancelled = await eventsDuring(async () => {
      ok(await api.gql(`mutation($id: ID!) { meetingRequestCancel(input: { id: $id }) { userErrors { code } } }`, { id: bookedAgain[0]!.subjectId }, staff), 'meetingRequestCancel');
    });
    expect(cancelled.map((e) => [e.type, e.subjectId])).toEqual([
      ['meeting.cancelled', secondMeeting],
      ['meeting_request.cancelled', bookedAgain[0]!.subjectId],
    ]);
    expect(cancelled[0]!.payload).toMatchObject({ id: secondMeeting, slotId: expect.any(String), tableId: expect.any(String) });
    expect(cancelled[1]!.payload).toMatchObject({ id: bookedAgain[0]!.subjectId, status: 'CANCELLED' });

    // A pending request withdrawn by its requester: the recipient hears of it.
    const withdrawn = await eventsDuring(async () => {
      const req = ok<{ request: { id: string } }>(await api.gql(REQUEST_CREATE, { input: { fromParticipantId: e1, toParticipantId: p2, message: 'Uji', priority: 2 } }, staff), 'meetingRequestCreate');
      ok(await api.gql(`mutation($id: ID!) { meetingRequestCancel(input: { id: $id }) { userErrors { code } } }`, { id: req.request.id }, staff), 'meetingRequestCancel');
    });
    expect(withdrawn.map((e) => e.type)).toEqual(['meeting_request.created', 'meeting_request.cancelled']);
    const [event] = await api.db.prisma.event.findMany({ where: { subjectId: withdrawn[1]!.subjectId, type: 'meeting_request.cancelled' } });
    expect([event!.enterpriseIds, event!.partnerIds]).toEqual([[enterprises[0]!.id], [partners[1]!.id]]);

    const declined = await eventsDuring(async () => {
      const req = ok<{ request: { id: string } }>(await api.gql(REQUEST_CREATE, { input: { fromParticipantId: e2, toParticipantId: p1, message: 'Uji', priority: 3 } }, staff), 'meetingRequestCreate');
      ok(await api.gql(`mutation($id: ID!) { meetingRequestDecline(input: { id: $id }) { userErrors { code } } }`, { id: req.request.id }, staff), 'meetingRequestDecline');
    });
    expect(declined.map((e) => e.type)).toEqual(['meeting_request.created', 'meeting_request.declined']);

    const published = await eventsDuring(async () => {
      expect((await transition(api, staff, 'forumStartScheduling', forum.id, 'closeRegistrationEarly: true')).userErrors).toEqual([]);
      expect((await transition(api, staff, 'forumPublishSchedule', forum.id)).userErrors).toEqual([]);
    });
    expect(published.map((e) => [e.type, e.subjectId])).toEqual([['forum.schedule_published', forum.id]]);

    const moved = await eventsDuring(async () => {
      ok(await api.gql(`mutation($input: MeetingMoveInput!) { meetingMove(input: $input) { userErrors { code } } }`, { input: { id: meetingId, slotId: forum.meetingSlots[1]!.id } }, staff), 'meetingMove');
    });
    expect(moved.map((e) => [e.type, e.subjectId])).toEqual([['meeting.moved', meetingId]]);
  });
});

describe('a cancelled forum', () => {
  it('tells both sides of each meeting and pending request it called off: meeting.cancelled, meeting_request.cancelled', async () => {
    const forum = await createForum(api, staff);
    const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 2, partners: 1 });
    const e1 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[0]!.id });
    const e2 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[1]!.id });
    const p1 = await registerOk(api, staff, forum.id, { partnerId: partners[0]!.id });
    const meetingId = await bookMeeting(api, staff, e1, p1, forum.meetingSlots[0]!.id);
    const req = ok<{ request: { id: string } }>(await api.gql(REQUEST_CREATE, { input: { fromParticipantId: e2, toParticipantId: p1, message: 'Uji', priority: 1 } }, staff), 'meetingRequestCreate');
    const cancelled = await eventsDuring(async () => {
      expect((await transition(api, staff, 'forumCancel', forum.id)).userErrors).toEqual([]);
    });
    expect(cancelled.map((e) => e.type)).toEqual(['meeting.cancelled', 'meeting_request.cancelled']);
    expect(cancelled[0]!.subjectId).toBe(meetingId);
    expect(cancelled[1]!.payload).toMatchObject({ id: req.request.id, status: 'CANCELLED' });
    const [withdrawn] = await api.db.prisma.event.findMany({ where: { subjectId: cancelled[1]!.subjectId, type: 'meeting_request.cancelled' } });
    expect([withdrawn!.enterpriseIds, withdrawn!.partnerIds]).toEqual([[enterprises[1]!.id], [partners[0]!.id]]);
    const [event] = await api.db.prisma.event.findMany({ where: { subjectId: meetingId, type: 'meeting.cancelled' } });
    expect([...event!.enterpriseIds, ...event!.partnerIds].sort()).toEqual([enterprises[0]!.id, partners[0]!.id].sort());
  });
});

describe('atomicity', () => {
  const ctx = () => ({ prisma: api.db.prisma, now: new Date(), viewer: ANONYMOUS, audit: createAuditLog(ANONYMOUS, null) });
  const district = () => api.db.prisma.district.findFirstOrThrow();

  it('an event that cannot be written rolls the change back with it', async () => {
    const before = await api.db.prisma.event.count();
    const d = await district();
    const slug = `rollback-${Date.now()}`;
    await expect(
      runMutation(ctx(), {
        region: NOT_REGIONAL,
        run: (tx) => tx.sentra.create({ data: { slug, name: 'Sentra Uji', districtId: d.id, landmark: 'Uji', sector: 'BATIK', flagshipProducts: [] } }),
        events: (s) => [
          { type: 'opportunity.posted', subject: { typename: 'Sentra', id: s.id }, payload: {}, audience: { public: true } },
          // Not a UUID: the database refuses the second event, after the first was written.
          { type: 'opportunity.posted', subject: { typename: 'Sentra', id: s.id }, payload: {}, audience: { partnerIds: ['not-a-uuid'] } },
        ],
      }),
    ).rejects.toThrow();
    expect(await api.db.prisma.sentra.count({ where: { slug } })).toBe(0);
    expect(await api.db.prisma.event.count()).toBe(before);
  });

  it('a change refused inside its transaction leaves no event', async () => {
    const before = await api.db.prisma.event.count();
    const { refuse } = await import('@temu-bisnis/schema/common/mutation');
    const result = await runMutation(ctx(), {
      region: NOT_REGIONAL,
      run: async () => refuse({ code: 'INVALID_VALUE', field: ['input'], message: 'no' }),
      events: () => [{ type: 'opportunity.posted', subject: { typename: 'Sentra', id: '00000000-0000-4000-8000-000000000000' }, payload: {}, audience: { public: true } }],
    });
    expect(result.userErrors.map((e) => e.code)).toEqual(['INVALID_VALUE']);
    expect(await api.db.prisma.event.count()).toBe(before);
  });
});

describe('emitAll', () => {
  it('writes the events in one statement, in order, at the change instant, with their audience as given', async () => {
    const now = new Date('2026-05-04T03:02:01.234Z');
    const [partner, enterprise] = await Promise.all([api.db.prisma.partner.findFirstOrThrow({ where: { kind: 'FUNDER' } }), api.db.prisma.enterprise.findFirstOrThrow()]);
    const subject = { typename: 'Enterprise', id: enterprise.id };
    let ids: string[] = [];
    const statements = await api.statementsDuring(async () => {
      ids = await api.db.prisma.$transaction((tx) =>
        emitAll(tx, [
          { type: 'consent.granted', subject, payload: { scopes: ['FINANCIALS'], note: null }, audience: { partnerIds: [partner.id], enterpriseIds: [enterprise.id], funderType: 'BANK' } },
          { type: 'financing_need.created', subject, payload: { amount: 5 }, audience: { consentEnterpriseId: enterprise.id, consentScope: 'NEEDS', staff: true } },
          { type: 'opportunity.posted', subject, payload: {}, audience: { public: true } },
        ], now),
      );
    });
    // The one INSERT, beside what any transaction costs.
    const transaction = await api.statementsDuring(() => api.db.prisma.$transaction(async () => {}));
    expect(statements - transaction).toBe(1);
    const rows = await api.db.prisma.event.findMany({ where: { id: { in: ids } }, orderBy: { seq: 'asc' } });
    expect(rows.map((r) => r.id)).toEqual(ids);
    expect(rows.map(({ id: _id, seq: _seq, txid: _txid, ...rest }) => rest)).toEqual([
      { type: 'consent.granted', occurredAt: now, subjectId: globalId('Enterprise', enterprise.id), payload: { scopes: ['FINANCIALS'], note: null }, public: false, partnerIds: [partner.id], enterpriseIds: [enterprise.id], userIds: [], staff: false, funderType: 'BANK', consentEnterpriseId: null, consentScope: null },
      { type: 'financing_need.created', occurredAt: now, subjectId: globalId('Enterprise', enterprise.id), payload: { amount: 5 }, public: false, partnerIds: [], enterpriseIds: [], userIds: [], staff: true, funderType: null, consentEnterpriseId: enterprise.id, consentScope: 'NEEDS' },
      { type: 'opportunity.posted', occurredAt: now, subjectId: globalId('Enterprise', enterprise.id), payload: {}, public: true, partnerIds: [], enterpriseIds: [], userIds: [], staff: false, funderType: null, consentEnterpriseId: null, consentScope: null },
    ]);
    expect(new Set(rows.map((r) => r.txid)).size).toBe(1);
  });
});
