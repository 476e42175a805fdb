import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookMeeting,
  COMPLETED_SLUG,
  createForum,
  daysAhead,
  DAY_MS,
  dbId,
  forumRowCounts,
  freeOrganisations,
  moveForumDayToNow,
  ownerOf,
  registerOk,
  STAFF,
  tableHash,
  transition,
  unique,
} from './forum-fixtures';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
let staff: Record<string, string>;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF);
}, 120_000);
afterAll(() => api?.close());

const CREATE = /* GraphQL */ `
  mutation ($input: ForumCreateInput!) {
    forumCreate(input: $input) {
      forum { id slug status date timeZone meetingMinutes startTime endTime breaks { startTime minutes } tableCount
              tables { name } slots { index isBreak label startsAt endsAt } registrationIsOpen pairingRule requestTtlHours }
      userErrors { code field message }
    }
  }`;

const base = () => ({
  title: `Temu Bisnis Uji ${unique()}`,
  venue: 'Gedung Oudetrap, Kota Lama',
  date: daysAhead(40),
  meetingMinutes: 20,
  startTime: '09:00',
  endTime: '14:20',
  breaks: [
    { startTime: '10:20', minutes: 20 },
    { startTime: '12:00', minutes: 60 },
  ],
  tableCount: 10,
  registrationOpensAt: new Date(Date.now() - DAY_MS).toISOString(),
  registrationClosesAt: new Date(Date.now() + 20 * DAY_MS).toISOString(),
});

describe('forumCreate', () => {
  it('creates a DRAFT forum with slots generated in Asia/Jakarta from start, end, meeting length and breaks', async () => {
    const input = base();
    const res = await api.gql(CREATE, { input }, staff);
    expect(res.errors).toBeUndefined();
    const { forum, userErrors } = res.data!.forumCreate;
    expect(userErrors).toEqual([]);
    expect(forum).toMatchObject({ status: 'DRAFT', timeZone: 'Asia/Jakarta', meetingMinutes: 20, startTime: '09:00', endTime: '14:20', tableCount: 10 });
    expect(forum.breaks).toEqual(input.breaks);
    expect(forum.tables.map((t: { name: string }) => t.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Meja ${i + 1}`));
    // 4 meetings, a 20-minute break, 4 meetings, lunch, 4 meetings: 14 slots, 12 of them for meetings.
    expect(forum.slots).toHaveLength(14);
    expect(forum.slots.filter((s: { isBreak: boolean }) => s.isBreak).map((s: { index: number }) => s.index)).toEqual([5, 10]);
    expect(forum.slots[0]).toMatchObject({ index: 1, label: '09:00–09:20 WIB', startsAt: `${input.date}T02:00:00.000Z`, endsAt: `${input.date}T02:20:00.000Z` });
    expect(forum.slots[9]).toMatchObject({ isBreak: true, label: '12:00–13:00 WIB' });
    expect(forum.slots[13]).toMatchObject({ label: '14:00–14:20 WIB' });
    expect(forum.registrationIsOpen).toBe(false);
    expect(forum.pairingRule).toBe('ENTERPRISE_PARTNER_ONLY');
    expect(forum.requestTtlHours).toBe(48);
  });

  it('refuses bad layouts with field paths and writes nothing', async () => {
    const before = await forumRowCounts(api);
    const res = await api.gql(
      CREATE,
      {
        input: {
          ...base(),
          meetingMinutes: 25,
          startTime: '9am',
          breaks: [{ startTime: '12:00', minutes: 300 }],
          timeZone: 'Europe/Amsterdam',
          tableNames: ['Meja 1', 'meja 1', ''],
          registrationClosesAt: new Date(Date.now() - 2 * DAY_MS).toISOString(),
          requestTtlHours: 0,
        },
      },
      staff,
    );
    const errors = res.data!.forumCreate.userErrors as { code: string; field: string[] }[];
    expect(res.data!.forumCreate.forum).toBeNull();
    const byField = Object.fromEntries(errors.map((e) => [e.field.join('.'), e.code]));
    expect(byField).toMatchObject({
      'input.meetingMinutes': 'INVALID_VALUE',
      'input.startTime': 'INVALID_VALUE',
      'input.breaks.0.minutes': 'INVALID_VALUE',
      'input.timeZone': 'INVALID_VALUE',
      'input.tableNames.1': 'TAKEN',
      'input.tableNames.2': 'REQUIRED',
      'input.registrationClosesAt': 'INVALID_RANGE',
      'input.requestTtlHours': 'INVALID_VALUE',
    });
    const past = await api.gql(CREATE, { input: { ...base(), date: '2020-01-06' } }, staff);
    expect(past.data!.forumCreate.userErrors.map((e: { code: string }) => e.code)).toContain('IN_PAST');
    const overlap = await api.gql(CREATE, { input: { ...base(), breaks: [{ startTime: '10:00', minutes: 60 }, { startTime: '10:30', minutes: 10 }] } }, staff);
    expect(overlap.data!.forumCreate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_RANGE', field: ['input', 'breaks', '1', 'startTime'] })]);
    expect(await forumRowCounts(api)).toEqual(before);
  });

  it('refuses a registration window that closes after the first meeting', async () => {
    const input = { ...base(), date: daysAhead(10), registrationClosesAt: new Date(Date.now() + 20 * DAY_MS).toISOString() };
    const res = await api.gql(CREATE, { input }, staff);
    expect(res.data!.forumCreate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_RANGE', field: ['input', 'registrationClosesAt'] })]);
  });

  it('refuses a slug that is taken, without repeating it', async () => {
    const res = await api.gql(CREATE, { input: { ...base(), slug: COMPLETED_SLUG } }, staff);
    expect(res.data!.forumCreate.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'slug'] })]);
    expect(res.data!.forumCreate.userErrors[0].message).not.toContain(COMPLETED_SLUG);
  });

  it('is for Disperin staff only', async () => {
    const anonymous = await api.gql(CREATE, { input: base() });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const enterprise = await api.db.prisma.enterprise.findFirstOrThrow({ where: { status: 'ACTIVE' } });
    const owner = await ownerOf(api, enterprise.id);
    const res = await api.gql(CREATE, { input: base() }, owner);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.forumCreate ?? null).toBeNull();
  });
});

describe('forumUpdate', () => {
  it('regenerates slots when the layout changes in DRAFT', async () => {
    const forum = await createForum(api, staff, {}, { open: false });
    const res = await api.gql(
      `mutation ($input: ForumUpdateInput!) { forumUpdate(input: $input) { forum { meetingMinutes startTime endTime slots { label isBreak } tables { name } } userErrors { code field message } } }`,
      { input: { id: forum.id, meetingMinutes: 30, tableNames: ['Meja A', 'Meja B'] } },
      staff,
    );
    expect(res.data!.forumUpdate.userErrors).toEqual([]);
    const f = res.data!.forumUpdate.forum;
    expect(f.meetingMinutes).toBe(30);
    // 09:00–11:20 with a break at 10:00: 09:00, 09:30, break from 10:00 (the plan's), then 10:20, 10:50.
    expect(f.slots.map((s: { label: string }) => s.label)).toEqual(['09:00–09:30 WIB', '09:30–10:00 WIB', '10:00–10:20 WIB', '10:20–10:50 WIB', '10:50–11:20 WIB']);
    expect(f.tables.map((t: { name: string }) => t.name)).toEqual(['Meja A', 'Meja B']);
  });

  it('allows only details, new tables and the window once registration is open', async () => {
    const forum = await createForum(api, staff);
    const refused = await api.gql(
      `mutation ($input: ForumUpdateInput!) { forumUpdate(input: $input) { forum { id } userErrors { code field message } } }`,
      { input: { id: forum.id, meetingMinutes: 30, pairingRule: 'ANY', venue: 'Balai Kota' } },
      staff,
    );
    expect(refused.data!.forumUpdate.userErrors.map((e: { field: string[]; code: string }) => [e.field.join('.'), e.code])).toEqual([
      ['input.meetingMinutes', 'INVALID_TRANSITION'],
      ['input.pairingRule', 'INVALID_TRANSITION'],
    ]);
    const ok = await api.gql(
      `mutation ($input: ForumUpdateInput!) { forumUpdate(input: $input) { forum { venue tables { name } } userErrors { code field message } } }`,
      { input: { id: forum.id, venue: 'Gedung Moch. Ichsan, Balai Kota', addTableNames: ['Meja 4', 'Meja 10'] } },
      staff,
    );
    expect(ok.data!.forumUpdate.userErrors).toEqual([]);
    expect(ok.data!.forumUpdate.forum).toEqual({ venue: 'Gedung Moch. Ichsan, Balai Kota', tables: ['Meja 1', 'Meja 2', 'Meja 3', 'Meja 4', 'Meja 10'].map((name) => ({ name })) });
  });
});

describe('lifecycle transitions', () => {
  it('opens registration only with slots and tables', async () => {
    const res = await api.gql(CREATE, { input: { ...base(), tableCount: null } }, staff);
    const id = res.data!.forumCreate.forum.id;
    const refused = await transition(api, staff, 'forumOpenRegistration', id);
    expect(refused.forum).toBeNull();
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: 'REQUIRED', field: ['input', 'id'] })]);
    const status = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { id: dbId(id) } });
    expect(status.status).toBe('DRAFT');
  });

  it('walks DRAFT → REGISTRATION_OPEN → SCHEDULING → SCHEDULED → IN_PROGRESS → COMPLETED, refusing every step out of order', async () => {
    const forum = await createForum(api, staff, {}, { open: false });
    const expectRefused = async (mutation: string, code: string, extra = '') => {
      const before = await tableHash(api, 'MatchmakingSession');
      const r = await transition(api, staff, mutation, forum.id, extra);
      expect(r.forum).toBeNull();
      expect(r.userErrors.map((e) => e.code)).toEqual([code]);
      expect(await tableHash(api, 'MatchmakingSession')).toBe(before);
    };
    await expectRefused('forumPublishSchedule', 'INVALID_TRANSITION');
    await expectRefused('forumStart', 'INVALID_TRANSITION');
    expect((await transition(api, staff, 'forumOpenRegistration', forum.id)).forum?.status).toBe('REGISTRATION_OPEN');
    await expectRefused('forumOpenRegistration', 'INVALID_TRANSITION');
    // Registration is open for another 30 days: closing it early is a staff decision.
    await expectRefused('forumStartScheduling', 'TOO_EARLY');
    const early = await transition(api, staff, 'forumStartScheduling', forum.id);
    expect(early.userErrors[0]!.field).toEqual(['input', 'closeRegistrationEarly']);

    const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 2, partners: 1 });
    const e1 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[0]!.id });
    const p1 = await registerOk(api, staff, forum.id, { partnerId: partners[0]!.id });
    const e2 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[1]!.id });

    expect((await transition(api, staff, 'forumStartScheduling', forum.id, 'closeRegistrationEarly: true')).forum?.status).toBe('SCHEDULING');
    // Nothing to publish yet.
    await expectRefused('forumPublishSchedule', 'REQUIRED');
    const m1 = await bookMeeting(api, staff, e1, p1, forum.meetingSlots[0]!.id);
    const m2 = await bookMeeting(api, staff, e2, p1, forum.meetingSlots[1]!.id);
    expect((await transition(api, staff, 'forumPublishSchedule', forum.id)).forum?.status).toBe('SCHEDULED');
    // The forum day is 60 days ahead.
    await expectRefused('forumStart', 'TOO_EARLY');
    await expectRefused('forumComplete', 'INVALID_TRANSITION');

    await moveForumDayToNow(api, forum.dbId, 30);
    expect((await transition(api, staff, 'forumStart', forum.id)).forum?.status).toBe('IN_PROGRESS');
    // Both sides of m1 check in; only one side of m2.
    const checkIn = (meetingId: string, participantId: string) =>
      api.gql(`mutation ($input: MeetingCheckInInput!) { meetingCheckIn(input: $input) { meeting { status } userErrors { code } } }`, { input: { meetingId, participantId } }, staff);
    await checkIn(m1, e1);
    expect((await checkIn(m1, p1)).data!.meetingCheckIn.meeting.status).toBe('HELD');
    await checkIn(m2, e2);

    const completed = await transition(api, staff, 'forumComplete', forum.id);
    expect(completed.forum?.status).toBe('COMPLETED');
    const meetings = await api.db.prisma.meeting.findMany({ where: { sessionId: forum.dbId }, orderBy: { createdAt: 'asc' } });
    expect(Object.fromEntries(meetings.map((m) => [m.id, m.status]))).toEqual({ [dbId(m1)]: 'HELD', [dbId(m2)]: 'NO_SHOW' });
    await expectRefused('forumCancel', 'INVALID_TRANSITION');
    await expectRefused('forumStart', 'INVALID_TRANSITION');
  });

  it('cancels from any status that is not final, with its meetings and pending requests', async () => {
    const forum = await createForum(api, staff);
    const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 2, partners: 1 });
    const e1 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[0]!.id });
    const e2 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[1]!.id });
    const p1 = await registerOk(api, staff, forum.id, { partnerId: partners[0]!.id });
    await bookMeeting(api, staff, e1, p1);
    const pending = await api.gql(
      `mutation ($input: MeetingRequestCreateInput!) { meetingRequestCreate(input: $input) { request { id } userErrors { code } } }`,
      { input: { fromParticipantId: e2, toParticipantId: p1 } },
      staff,
    );
    expect(pending.data!.meetingRequestCreate.userErrors).toEqual([]);
    const res = await transition(api, staff, 'forumCancel', forum.id);
    expect(res.forum?.status).toBe('CANCELLED');
    const meetings = await api.db.prisma.meeting.findMany({ where: { sessionId: forum.dbId } });
    expect(meetings.map((m) => m.status)).toEqual(['CANCELLED']);
    const requests = await api.db.prisma.meetingRequest.findMany({ where: { sessionId: forum.dbId } });
    expect(requests.map((r) => r.status).sort()).toEqual(['ACCEPTED', 'CANCELLED']);
    const again = await transition(api, staff, 'forumCancel', forum.id);
    expect(again.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
    // Nothing more happens at a cancelled forum.
    const late = await api.gql(
      `mutation ($input: MeetingRequestCreateInput!) { meetingRequestCreate(input: $input) { userErrors { code } } }`,
      { input: { fromParticipantId: e1, toParticipantId: e2 } },
      staff,
    );
    expect(late.data!.meetingRequestCreate.userErrors.map((e: { code: string }) => e.code)).toContain('FORUM_NOT_OPEN');
  });

  it('transitions are staff-only; drafts are invisible to everyone else', async () => {
    const forum = await createForum(api, staff, {}, { open: false });
    const anonymous = await api.gql(`mutation ($id: ID!) { forumOpenRegistration(input: { id: $id }) { forum { id } } }`, { id: forum.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const enterprise = await api.db.prisma.enterprise.findFirstOrThrow({ where: { status: 'ACTIVE' } });
    const owner = await ownerOf(api, enterprise.id);
    const forbidden = await api.gql(`mutation ($id: ID!) { forumCancel(input: { id: $id }) { forum { id } } }`, { id: forum.id }, owner);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const seen = await api.gql(`query ($id: ID!) { node(id: $id) { id } forums(first: 100) { nodes { id status } } }`, { id: forum.id }, owner);
    expect(seen.data!.node).toBeNull();
    expect(seen.data!.forums.nodes.some((f: { status: string }) => f.status === 'DRAFT')).toBe(false);
    const staffSees = await api.gql(`query ($id: ID!) { node(id: $id) { id ... on Forum { status } } }`, { id: forum.id }, staff);
    expect(staffSees.data!.node).toEqual({ id: forum.id, status: 'DRAFT' });
  });

  it('lists the seeded forums publicly and finds them by slug', async () => {
    const res = await api.gql(`{ forums(filter: { status: [COMPLETED, REGISTRATION_OPEN] }, orderBy: [{ field: DATE, direction: ASC }]) { totalCount nodes { slug status date venue } }
      bySlug: forumBySlug(slug: "${COMPLETED_SLUG}") { title status } }`);
    expect(res.errors).toBeUndefined();
    // Other tests of this file add forums of their own; the seeded two are in date order among them.
    const seeded = res.data!.forums.nodes.filter((f: { slug: string }) => f.slug.startsWith('temu-bisnis-ikm-semarang-'));
    expect(seeded.map((f: { slug: string }) => f.slug)).toEqual([COMPLETED_SLUG, 'temu-bisnis-ikm-semarang-2027']);
    expect(seeded[1]).toMatchObject({ status: 'REGISTRATION_OPEN', date: '2027-02-17' });
    expect(res.data!.forums.totalCount).toBe(res.data!.forums.nodes.length);
    expect(res.data!.bySlug).toEqual({ title: 'Temu Bisnis IKM Kota Semarang 2025', status: 'COMPLETED' });
  });
});
