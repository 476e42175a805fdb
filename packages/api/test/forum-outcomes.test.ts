import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookMeeting,
  COMPLETED_SLUG,
  createForum,
  dbId,
  type ForumHandle,
  freeOrganisations,
  globalId,
  memberOfPartner,
  moveForumDayToNow,
  ownerOf,
  registerOk,
  STAFF,
  tableHash,
  transition,
} from './forum-fixtures';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
let staff: Record<string, string>;
let forum: ForumHandle;
const P: Record<string, string> = {};
const H: Record<string, Record<string, string>> = {};
const M: Record<string, string> = {};

const CHECK_IN = `mutation ($input: MeetingCheckInInput!) { meetingCheckIn(input: $input) { meeting { id status seats { participant { id } checkedInAt } } userErrors { code field message } } }`;
const NO_SHOW = `mutation ($input: MeetingNoShowInput!) { meetingMarkNoShow(input: $input) { meeting { id status } userErrors { code field message } } }`;
const OUTCOME = `mutation ($input: MeetingOutcomeInput!) { meetingOutcomeRecord(input: $input) { meeting { id status outcome dealValue } userErrors { code field message } } }`;
const FEEDBACK = `mutation ($input: MeetingFeedbackInput!) { meetingFeedbackSubmit(input: $input) { meeting { id feedback { participant { id } rating comment } } userErrors { code field message } } }`;
const FOLLOW_UP = `mutation ($input: MeetingFollowUpInput!) { meetingFollowUpRecord(input: $input) { meeting { id followUps { monthsAfter stage note } } userErrors { code field message } } }`;

const MEETING_TABLES = ['Meeting', 'MeetingSeat', 'MeetingFeedback', 'MeetingFollowUp'];
async function hashes() {
  return Promise.all(MEETING_TABLES.map((t) => tableHash(api, t)));
}
function errorsOf(res: { data?: Record<string, any>; errors?: unknown }, name: string): string[] {
  expect(res.errors).toBeUndefined();
  expect(res.data![name].meeting).toBeNull();
  return res.data![name].userErrors.map((e: { code: string; field: string[] }) => `${e.field.join('.')}:${e.code}`);
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF);
  forum = await createForum(api, staff);
  const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 3, partners: 2 });
  for (const [i, e] of enterprises.entries()) {
    P[`e${i + 1}`] = await registerOk(api, staff, forum.id, { enterpriseId: e.id });
    H[`e${i + 1}`] = await ownerOf(api, e.id);
  }
  for (const [i, p] of partners.entries()) {
    P[`p${i + 1}`] = await registerOk(api, staff, forum.id, { partnerId: p.id });
    H[`p${i + 1}`] = await memberOfPartner(api, p.id);
  }
  const s = forum.meetingSlots.map((x) => x.id);
  M.m1 = await bookMeeting(api, staff, P.e1!, P.p1!, s[0]);
  M.m2 = await bookMeeting(api, staff, P.e2!, P.p1!, s[1]);
  M.m3 = await bookMeeting(api, staff, P.e3!, P.p2!, s[0]);
  M.m4 = await bookMeeting(api, staff, P.e2!, P.p2!, s[2]);
  await transition(api, staff, 'forumStartScheduling', forum.id, 'closeRegistrationEarly: true');
  await transition(api, staff, 'forumPublishSchedule', forum.id);
}, 120_000);
afterAll(() => api?.close());

describe('on the day: check-in, no-show, outcome', () => {
  it('nothing is recorded before the forum day', async () => {
    const before = await hashes();
    expect(errorsOf(await api.gql(CHECK_IN, { input: { meetingId: M.m1 } }, H.e1), 'meetingCheckIn')).toEqual(['input.participantId:FORUM_NOT_OPEN']);
    expect(errorsOf(await api.gql(OUTCOME, { input: { meetingId: M.m1, outcome: 'FOLLOW_UP' } }, staff), 'meetingOutcomeRecord')).toEqual(['input.meetingId:FORUM_NOT_OPEN']);
    expect(await hashes()).toEqual(before);
    // The day comes: the first slot began 30 minutes ago, the third begins in 10.
    await moveForumDayToNow(api, forum.dbId, 30);
    expect((await transition(api, staff, 'forumStart', forum.id)).forum?.status).toBe('IN_PROGRESS');
  });

  it('checks in per seat: your own side once; both sides in makes the meeting HELD', async () => {
    const mine = await api.gql(CHECK_IN, { input: { meetingId: M.m1 } }, H.e1);
    expect(mine.data!.meetingCheckIn.userErrors).toEqual([]);
    const seats = mine.data!.meetingCheckIn.meeting.seats as { participant: { id: string }; checkedInAt: string | null }[];
    expect(seats.find((x) => x.participant.id === P.e1)!.checkedInAt).not.toBeNull();
    expect(seats.find((x) => x.participant.id === P.p1)!.checkedInAt).toBeNull();
    expect(mine.data!.meetingCheckIn.meeting.status).toBe('SCHEDULED');

    const before = await hashes();
    expect(errorsOf(await api.gql(CHECK_IN, { input: { meetingId: M.m1 } }, H.e1), 'meetingCheckIn')).toEqual(['input.participantId:ALREADY_RECORDED']);
    const otherSide = await api.gql(CHECK_IN, { input: { meetingId: M.m1, participantId: P.p1 } }, H.e1);
    expect(otherSide.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(errorsOf(await api.gql(CHECK_IN, { input: { meetingId: M.m1 } }, H.e3), 'meetingCheckIn')).toEqual(['input.meetingId:NOT_FOUND']);
    expect(errorsOf(await api.gql(CHECK_IN, { input: { meetingId: M.m1 } }, staff), 'meetingCheckIn')).toEqual(['input.participantId:REQUIRED']);
    expect((await api.gql(CHECK_IN, { input: { meetingId: M.m1 } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await hashes()).toEqual(before);

    const partner = await api.gql(CHECK_IN, { input: { meetingId: M.m1 } }, H.p1);
    expect(partner.data!.meetingCheckIn.meeting.status).toBe('HELD');
    // At the desk, staff check in e3 for m3.
    expect((await api.gql(CHECK_IN, { input: { meetingId: M.m3, participantId: P.e3 } }, staff)).data!.meetingCheckIn.userErrors).toEqual([]);
  });

  it('validates outcomes: DEAL needs a value above Rp0, other outcomes take none, not before the meeting begins', async () => {
    const before = await hashes();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ meetingId: M.m1, outcome: 'DEAL' }, ['input.dealValue:REQUIRED']],
      [{ meetingId: M.m1, outcome: 'DEAL', dealValue: '0' }, ['input.dealValue:INVALID_VALUE']],
      [{ meetingId: M.m1, outcome: 'NO_INTEREST', dealValue: '1000000' }, ['input.dealValue:INVALID_VALUE']],
      [{ meetingId: M.m4, outcome: 'FOLLOW_UP' }, ['input.meetingId:TOO_EARLY']],
    ];
    for (const [input, expected] of cases) {
      // m4 is e2's meeting: staff record for it.
      const headers = input.meetingId === M.m4 ? staff : H.e1!;
      expect(errorsOf(await api.gql(OUTCOME, { input }, headers), 'meetingOutcomeRecord')).toEqual(expected);
    }
    const money = await api.gql(OUTCOME, { input: { meetingId: M.m1, outcome: 'DEAL', dealValue: 'Rp1.500.000' } }, H.e1);
    expect(money.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await hashes()).toEqual(before);
    const ok = await api.gql(OUTCOME, { input: { meetingId: M.m1, outcome: 'DEAL', dealValue: '150000000' } }, H.e1);
    expect(ok.data!.meetingOutcomeRecord.meeting).toMatchObject({ status: 'HELD', outcome: 'DEAL', dealValue: '150000000' });
  });

  it('staff mark a no-show once the slot has begun, never for a side that checked in or a meeting with an outcome', async () => {
    const before = await hashes();
    const byMember = await api.gql(NO_SHOW, { input: { meetingId: M.m3 } }, H.e3);
    expect(byMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(errorsOf(await api.gql(NO_SHOW, { input: { meetingId: M.m3, absentParticipantId: P.e3 } }, staff), 'meetingMarkNoShow')).toEqual(['input.absentParticipantId:INVALID_VALUE']);
    expect(errorsOf(await api.gql(NO_SHOW, { input: { meetingId: M.m1 } }, staff), 'meetingMarkNoShow')).toEqual(['input.meetingId:INVALID_TRANSITION']);
    expect(errorsOf(await api.gql(NO_SHOW, { input: { meetingId: M.m4 } }, staff), 'meetingMarkNoShow')).toEqual(['input.meetingId:TOO_EARLY']);
    expect(await hashes()).toEqual(before);
    const ok = await api.gql(NO_SHOW, { input: { meetingId: M.m3, absentParticipantId: P.p2 } }, staff);
    expect(ok.data!.meetingMarkNoShow.meeting.status).toBe('NO_SHOW');
    expect(errorsOf(await api.gql(NO_SHOW, { input: { meetingId: M.m3 } }, staff), 'meetingMarkNoShow')).toEqual(['input.meetingId:ALREADY_RECORDED']);
    expect(errorsOf(await api.gql(OUTCOME, { input: { meetingId: M.m3, outcome: 'FOLLOW_UP' } }, staff), 'meetingOutcomeRecord')).toEqual(['input.meetingId:INVALID_TRANSITION']);
  });
});

describe('after the meeting: feedback and follow-ups', () => {
  it('each side rates a held meeting once', async () => {
    const before = await hashes();
    expect(errorsOf(await api.gql(FEEDBACK, { input: { meetingId: M.m3, rating: 3 } }, H.e3), 'meetingFeedbackSubmit')).toEqual(['input.meetingId:INVALID_TRANSITION']);
    expect(errorsOf(await api.gql(FEEDBACK, { input: { meetingId: M.m1, rating: 6, comment: 'x'.repeat(2001) } }, H.e1), 'meetingFeedbackSubmit')).toEqual([
      'input.rating:INVALID_VALUE',
      'input.comment:TOO_LONG',
    ]);
    expect(errorsOf(await api.gql(FEEDBACK, { input: { meetingId: M.m1, rating: 4 } }, staff), 'meetingFeedbackSubmit')).toEqual(['input.participantId:REQUIRED']);
    expect(await hashes()).toEqual(before);

    const first = await api.gql(FEEDBACK, { input: { meetingId: M.m1, rating: 5, comment: 'Sangat bermanfaat, lanjut ke kontrak.' } }, H.e1);
    expect(first.data!.meetingFeedbackSubmit.userErrors).toEqual([]);
    const afterFirst = await hashes();
    expect(errorsOf(await api.gql(FEEDBACK, { input: { meetingId: M.m1, rating: 1 } }, H.e1), 'meetingFeedbackSubmit')).toEqual(['input.meetingId:ALREADY_RECORDED']);
    expect(await hashes()).toEqual(afterFirst);
    const other = await api.gql(FEEDBACK, { input: { meetingId: M.m1, participantId: P.p1, rating: 4 } }, staff);
    expect(other.data!.meetingFeedbackSubmit.meeting.feedback.map((f: { rating: number }) => f.rating).sort()).toEqual([4, 5]);
  });

  it('completing the forum settles the meetings still scheduled', async () => {
    expect((await transition(api, staff, 'forumComplete', forum.id)).forum?.status).toBe('COMPLETED');
    const meetings = await api.db.prisma.meeting.findMany({ where: { sessionId: forum.dbId } });
    const status = Object.fromEntries(meetings.map((m) => [globalId('Meeting', m.id), m.status]));
    expect(status).toEqual({ [M.m1!]: 'HELD', [M.m2!]: 'NO_SHOW', [M.m3!]: 'NO_SHOW', [M.m4!]: 'NO_SHOW' });
  });

  it('counts the forum, suppressing every figure of fewer than 5 meetings, requests, seats or ratings (its one deal and its value too)', async () => {
    const res = await api.gql(
      `query ($id: ID!) { node(id: $id) { ... on Forum { statistics { participants requests acceptedRequests acceptanceRate meetingsScheduled meetingsHeld noShows deals followUps noInterest totalDealValue averageRating checkedInSeats } } } }`,
      { id: forum.id },
    );
    // 4 requests, 4 meetings (1 held with a Rp150 juta deal, 3 no-shows), 2 ratings, 3 seats checked in:
    // beside the public wall plan any of these would tell one pair's outcome, so only participants show.
    expect(res.data!.node.statistics).toEqual({
      participants: 5,
      requests: null,
      acceptedRequests: null,
      acceptanceRate: null,
      meetingsScheduled: null,
      meetingsHeld: null,
      noShows: null,
      deals: null,
      followUps: null,
      noInterest: null,
      totalDealValue: null,
      averageRating: null,
      checkedInSeats: null,
    });
  });

  it('follow-ups come 3 and 6 months after the forum, once each, for meetings that took place', async () => {
    expect(errorsOf(await api.gql(FOLLOW_UP, { input: { meetingId: M.m1, monthsAfter: 3, stage: 'NEGOTIATION_STARTED' } }, H.e1), 'meetingFollowUpRecord')).toEqual(['input.monthsAfter:TOO_EARLY']);
    const seeded = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: COMPLETED_SLUG } });
    const held = await api.db.prisma.meeting.findFirstOrThrow({ where: { sessionId: seeded.id, status: 'HELD', followUps: { none: { monthsAfter: 6 } } }, orderBy: { id: 'asc' } });
    const noShow = await api.db.prisma.meeting.findFirstOrThrow({ where: { sessionId: seeded.id, status: 'NO_SHOW' } });
    const before = await hashes();
    expect(errorsOf(await api.gql(FOLLOW_UP, { input: { meetingId: globalId('Meeting', held.id), monthsAfter: 4, stage: 'NO_PROGRESS' } }, staff), 'meetingFollowUpRecord')).toEqual(['input.monthsAfter:INVALID_VALUE']);
    expect(errorsOf(await api.gql(FOLLOW_UP, { input: { meetingId: globalId('Meeting', noShow.id), monthsAfter: 6, stage: 'NO_PROGRESS' } }, staff), 'meetingFollowUpRecord')).toEqual(['input.meetingId:INVALID_TRANSITION']);
    expect(await hashes()).toEqual(before);
    const ok = await api.gql(FOLLOW_UP, { input: { meetingId: globalId('Meeting', held.id), monthsAfter: 6, stage: 'CONTRACT_SIGNED', note: 'Kontrak pasokan 12 bulan ditandatangani.' } }, staff);
    expect(ok.data!.meetingFollowUpRecord.userErrors).toEqual([]);
    expect(ok.data!.meetingFollowUpRecord.meeting.followUps.at(-1)).toEqual({ monthsAfter: 6, stage: 'CONTRACT_SIGNED', note: 'Kontrak pasokan 12 bulan ditandatangani.' });
    expect(errorsOf(await api.gql(FOLLOW_UP, { input: { meetingId: globalId('Meeting', held.id), monthsAfter: 6, stage: 'NO_PROGRESS' } }, staff), 'meetingFollowUpRecord')).toEqual(['input.monthsAfter:ALREADY_RECORDED']);
  });
});

describe('statistics of the seeded COMPLETED forum', () => {
  it('equal counts taken straight from the database', async () => {
    const seeded = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: COMPLETED_SLUG } });
    const q = async (sql: string) => (await api.db.query<{ v: string | number | null }>(sql, [seeded.id]))[0]!.v;
    const res = await api.gql(
      `query ($id: ID!) { node(id: $id) { ... on Forum { statistics { participants requests acceptedRequests acceptanceRate meetingsHeld noShows deals totalDealValue averageRating } } } }`,
      { id: globalId('Forum', seeded.id) },
    );
    const s = res.data!.node.statistics;
    expect(s.participants).toBe(await q(`SELECT count(*)::int AS v FROM "ForumParticipant" WHERE "sessionId" = $1`));
    expect(s.requests).toBe(await q(`SELECT count(*)::int AS v FROM "MeetingRequest" WHERE "sessionId" = $1`));
    expect(s.acceptedRequests).toBe(await q(`SELECT count(*)::int AS v FROM "MeetingRequest" WHERE "sessionId" = $1 AND status = 'ACCEPTED'`));
    const decided = Number(await q(`SELECT count(*)::int AS v FROM "MeetingRequest" WHERE "sessionId" = $1 AND status IN ('ACCEPTED', 'DECLINED', 'EXPIRED')`));
    expect(s.acceptanceRate).toBeCloseTo(s.acceptedRequests / decided, 4);
    expect(s.meetingsHeld).toBe(await q(`SELECT count(*)::int AS v FROM "Meeting" WHERE "sessionId" = $1 AND status = 'HELD'`));
    expect(s.noShows).toBe(await q(`SELECT count(*)::int AS v FROM "Meeting" WHERE "sessionId" = $1 AND status = 'NO_SHOW'`));
    expect(s.deals).toBe(await q(`SELECT count(*)::int AS v FROM "Meeting" WHERE "sessionId" = $1 AND outcome = 'DEAL'`));
    expect(s.totalDealValue).toBe(await q(`SELECT coalesce(sum("dealValue"), 0)::text AS v FROM "Meeting" WHERE "sessionId" = $1 AND outcome = 'DEAL'`));
    expect(BigInt(s.totalDealValue)).toBeGreaterThan(0n);
    const avg = Number(await q(`SELECT avg(f.rating)::float AS v FROM "MeetingFeedback" f JOIN "Meeting" m ON m.id = f."meetingId" WHERE m."sessionId" = $1`));
    expect(s.averageRating).toBeCloseTo(avg, 2);
    expect(dbId(globalId('Forum', seeded.id))).toBe(seeded.id);
  });
});
