import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createForum,
  dbId,
  type ForumHandle,
  forumRowCounts,
  freeOrganisations,
  globalId,
  OPEN_SLUG,
  ownerOf,
  REQUEST_ACCEPT,
  REQUEST_CREATE,
  registerOk,
  STAFF,
  transition,
} from './forum-fixtures';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
let staff: Record<string, string>;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF);
}, 120_000);
afterAll(() => api?.close());

const SCHEDULE = /* GraphQL */ `
  mutation ($input: ForumScheduleInput!) {
    forumSchedule(input: $input) {
      forum { id status }
      run {
        createdMeetings { id slot { id } table { id } request { id } }
        unscheduled { request { id requester { name } recipient { name } } reason message }
        objective { meetings priority gaps }
        method provenOptimal heldFixed gap meetingsUpperBound baselineMeetings elapsedMs
      }
      userErrors { code field message }
    }
  }`;

const PREVIEW = /* GraphQL */ `
  query ($forumId: ID!, $extraTables: Int, $extendSlots: Int, $reoptimize: Boolean) {
    schedulePreview(forumId: $forumId, extraTables: $extraTables, extendSlots: $extendSlots, reoptimize: $reoptimize, timeLimitMs: 3000) {
      meetings currentMeetings unscheduledCount extraTables extendSlots provenOptimal baselineMeetings
      assignments { request { id } slotLabel tableName locked isExtraSlot isExtraTable }
      unscheduled { request { id } reason message }
      objective { meetings priority gaps }
    }
  }`;

/** What must hold for any saved schedule, checked straight in the database. */
async function checkSchedule(forumDbId: string) {
  const q = (sql: string) => api.db.query<{ n: number }>(sql, [forumDbId]).then((r) => r[0]!.n);
  // No meeting in a break, none without exactly two seats, every seat in its meeting's slot.
  expect(await q(`SELECT count(*)::int AS n FROM "Meeting" m JOIN "SessionSlot" s ON s.id = m."slotId" WHERE m."sessionId" = $1 AND s."isBreak"`)).toBe(0);
  expect(await q(`SELECT count(*)::int AS n FROM "Meeting" m WHERE m."sessionId" = $1 AND (SELECT count(*) FROM "MeetingSeat" x WHERE x."meetingId" = m.id AND x."slotId" = m."slotId") <> 2`)).toBe(0);
  // Seats only where the participant is available.
  expect(
    await q(`SELECT count(*)::int AS n FROM "MeetingSeat" x JOIN "Meeting" m ON m.id = x."meetingId" WHERE m."sessionId" = $1
             AND NOT EXISTS (SELECT 1 FROM "ParticipantAvailability" a WHERE a."participantId" = x."participantId" AND a."slotId" = x."slotId")`),
  ).toBe(0);
  // Caps hold.
  expect(
    await q(`SELECT count(*)::int AS n FROM "ForumParticipant" p WHERE p."sessionId" = $1 AND p."meetingCap" IS NOT NULL
             AND (SELECT count(*) FROM "MeetingSeat" x WHERE x."participantId" = p.id) > p."meetingCap"`),
  ).toBe(0);
  // One meeting per pair of requests, only for accepted requests.
  expect(await q(`SELECT count(*)::int AS n FROM "Meeting" m JOIN "MeetingRequest" r ON r.id = m."requestId" WHERE m."sessionId" = $1 AND r.status <> 'ACCEPTED'`)).toBe(0);
}

/**
 * Each meeting the scheduler placed has one meeting.scheduled event, for both sides (the
 * organisations of its two seats), written by the transaction that saved the meeting (the event's
 * txid is the meeting row's xmin, modulo the 32-bit wrap).
 */
async function expectScheduledEvents(afterSeq: bigint, meetingIds: string[]) {
  const events = await api.db.prisma.event.findMany({ where: { seq: { gt: afterSeq }, type: 'meeting.scheduled' }, orderBy: { seq: 'asc' } });
  expect(events.map((e) => e.subjectId).sort()).toEqual([...meetingIds].sort());
  for (const event of events) {
    const meetingId = dbId(event.subjectId);
    const seats = await api.db.prisma.meetingSeat.findMany({ where: { meetingId }, select: { participant: { select: { enterpriseId: true, partnerId: true } } } });
    const sides = seats.map((x) => x.participant.enterpriseId ?? x.participant.partnerId);
    expect(sides).toHaveLength(2);
    expect([...event.enterpriseIds, ...event.partnerIds].sort()).toEqual(sides.sort());
    expect(event.public).toBe(false);
    const [row] = await api.db.query<{ xmin: string }>('SELECT xmin::text AS xmin FROM "Meeting" WHERE id = $1', [meetingId]);
    expect(String(event.txid % 2n ** 32n)).toBe(row!.xmin);
  }
}

const lastSeq = async () => (await api.db.prisma.event.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
const eventsSince = (seq: bigint) => api.db.prisma.event.findMany({ where: { seq: { gt: seq } }, orderBy: { seq: 'asc' } });

describe('forumSchedule and schedulePreview on a forum built for it', () => {
  let forum: ForumHandle;
  const P: Record<string, string> = {};
  const R: Record<string, string> = {};
  const booked: Record<string, string> = {};

  beforeAll(async () => {
    forum = await createForum(api, staff, { tableCount: 2 });
    const s = forum.meetingSlots.map((x) => x.id);
    const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 7, partners: 7 });
    const only = (ids: string[]) => ({ availableSlotIds: ids });
    P.e1 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[0]!.id }, only([s[0]!]));
    P.p1 = await registerOk(api, staff, forum.id, { partnerId: partners[0]!.id }, only([s[5]!]));
    P.e2 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[1]!.id }, { meetingCap: 1 });
    P.p2 = await registerOk(api, staff, forum.id, { partnerId: partners[1]!.id });
    P.p3 = await registerOk(api, staff, forum.id, { partnerId: partners[2]!.id });
    P.e4 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[3]!.id }, only([s[1]!]));
    P.p4 = await registerOk(api, staff, forum.id, { partnerId: partners[3]!.id }, only([s[1]!]));
    for (const k of [5, 6, 7]) {
      P[`e${k}`] = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[k - 1]!.id });
      P[`p${k}`] = await registerOk(api, staff, forum.id, { partnerId: partners[k - 1]!.id });
    }
    P.e3 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[2]!.id });
    const request = async (key: string, from: string, to: string, priority: number, bookNow: boolean, slotId?: string) => {
      const made = await api.gql(REQUEST_CREATE, { input: { fromParticipantId: P[from], toParticipantId: P[to], priority } }, staff);
      R[key] = made.data!.meetingRequestCreate.request.id;
      const acc = await api.gql(REQUEST_ACCEPT, { input: { id: R[key], bookNow, ...(slotId ? { slotId } : {}) } }, staff);
      expect(acc.data!.meetingRequestAccept.userErrors).toEqual([]);
      if (bookNow) booked[key] = acc.data!.meetingRequestAccept.meeting.id;
    };
    // Booked when accepted: the second slot's two tables are taken.
    await request('e5p5', 'e5', 'p5', 2, true, s[1]);
    await request('e6p6', 'e6', 'p6', 2, true, s[1]);
    // Accepted for the scheduler.
    await request('e1p1', 'e1', 'p1', 5, false);
    await request('e2p2', 'e2', 'p2', 5, false);
    await request('e2p3', 'e2', 'p3', 1, false);
    await request('e4p4', 'e4', 'p4', 4, false);
    await request('e3p3', 'e3', 'p3', 3, false);
    await request('e7p7', 'e7', 'p7', 3, false);
    await request('e3p7', 'e3', 'p7', 2, false);
    await request('e7p2', 'e7', 'p2', 2, false);
  }, 120_000);

  it('runs only while SCHEDULING or SCHEDULED, for Disperin staff', async () => {
    const early = await api.gql(SCHEDULE, { input: { forumId: forum.id } }, staff);
    expect(early.data!.forumSchedule.userErrors).toEqual([expect.objectContaining({ code: 'FORUM_NOT_OPEN', field: ['input', 'forumId'] })]);
    const enterprise = await api.db.prisma.forumParticipant.findUniqueOrThrow({ where: { id: dbId(P.e3!) } });
    const owner = await ownerOf(api, enterprise.enterpriseId!);
    expect((await api.gql(SCHEDULE, { input: { forumId: forum.id } }, owner)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(PREVIEW, { forumId: forum.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(PREVIEW, { forumId: forum.id }, owner)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badLimit = await api.gql(SCHEDULE, { input: { forumId: forum.id, timeLimitMs: 60_000 } }, staff);
    expect(badLimit.data!.forumSchedule.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'timeLimitMs'] })]);
  });

  it('previews without saving, and answers what-if questions: one more table places the request that had no free slot', async () => {
    expect((await transition(api, staff, 'forumStartScheduling', forum.id, 'closeRegistrationEarly: true')).forum?.status).toBe('SCHEDULING');
    const before = await forumRowCounts(api);
    const base = await api.gql(PREVIEW, { forumId: forum.id }, staff);
    expect(base.errors).toBeUndefined();
    const p = base.data!.schedulePreview;
    expect(p.currentMeetings).toBe(2);
    // The two meetings booked at accept time stay where they are: the proof would only hold around them.
    expect(p.provenOptimal).toBe(false);
    const reasons = Object.fromEntries(p.unscheduled.map((u: { request: { id: string }; reason: string }) => [u.request.id, u.reason]));
    expect(reasons[R.e1p1!]).toBe('NO_COMMON_AVAILABILITY');
    expect(reasons[R.e4p4!]).toBe('NO_FREE_SLOT');
    expect([reasons[R.e2p2!], reasons[R.e2p3!]].filter(Boolean)).toEqual(['CAP_REACHED']);
    // The cap goes to the request with the higher priority.
    expect(reasons[R.e2p3!]).toBe('CAP_REACHED');
    expect(p.meetings).toBe(p.assignments.length);
    expect(p.meetings + p.unscheduledCount).toBe(10);
    expect(p.assignments.filter((a: { locked: boolean }) => a.locked)).toHaveLength(2);

    const more = await api.gql(PREVIEW, { forumId: forum.id, extraTables: 1 }, staff);
    const m = more.data!.schedulePreview;
    expect(m.meetings).toBe(p.meetings + 1);
    expect(m.assignments.find((a: { request: { id: string } }) => a.request.id === R.e4p4)).toMatchObject({ isExtraTable: true, tableName: 'Meja tambahan 1' });
    const longer = await api.gql(PREVIEW, { forumId: forum.id, extendSlots: 2 }, staff);
    expect(longer.data!.schedulePreview.meetings).toBeGreaterThanOrEqual(p.meetings);
    expect(longer.data!.schedulePreview.extendSlots).toBe(2);
    const bad = await api.gql(PREVIEW, { forumId: forum.id, extraTables: -1 }, staff);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await forumRowCounts(api)).toEqual(before);
  });

  it('saves the schedule in one go: meetings booked at acceptance stay, the rest are placed, the others reported with their reason', async () => {
    const preview = (await api.gql(PREVIEW, { forumId: forum.id }, staff)).data!.schedulePreview;
    const fixedBefore = await api.db.prisma.meeting.findMany({ where: { id: { in: Object.values(booked).map(dbId) } }, orderBy: { id: 'asc' } });
    const seqBefore = (await api.db.prisma.event.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
    const res = await api.gql(SCHEDULE, { input: { forumId: forum.id, timeLimitMs: 3000 } }, staff);
    expect(res.errors).toBeUndefined();
    const { run, userErrors } = res.data!.forumSchedule;
    expect(userErrors).toEqual([]);
    await expectScheduledEvents(seqBefore, run.createdMeetings.map((m: { id: string }) => m.id));
    expect(run.heldFixed).toBe(2);
    expect(run.provenOptimal).toBe(false);
    expect(run.objective.meetings).toBe(preview.meetings);
    expect(run.createdMeetings).toHaveLength(preview.meetings - 2);
    expect(run.baselineMeetings).toBeLessThanOrEqual(run.objective.meetings);
    expect(Object.fromEntries(run.unscheduled.map((u: { request: { id: string }; reason: string }) => [u.request.id, u.reason]))).toEqual({
      [R.e1p1!]: 'NO_COMMON_AVAILABILITY',
      [R.e2p3!]: 'CAP_REACHED',
      [R.e4p4!]: 'NO_FREE_SLOT',
    });
    for (const u of run.unscheduled) expect(u.message).toContain(u.request.requester.name);
    expect(await api.db.prisma.meeting.count({ where: { sessionId: forum.dbId } })).toBe(run.objective.meetings);
    const fixedAfter = await api.db.prisma.meeting.findMany({ where: { id: { in: Object.values(booked).map(dbId) } }, orderBy: { id: 'asc' } });
    expect(fixedAfter.map((m) => [m.slotId, m.tableId])).toEqual(fixedBefore.map((m) => [m.slotId, m.tableId]));
    await checkSchedule(forum.dbId);

    // Running again places nothing new and moves nothing: no event either.
    const seqAgain = (await api.db.prisma.event.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;
    const again = await api.gql(SCHEDULE, { input: { forumId: forum.id } }, staff);
    expect(again.data!.forumSchedule.run.createdMeetings).toEqual([]);
    await expectScheduledEvents(seqAgain, []);
    expect(again.data!.forumSchedule.run.unscheduled).toHaveLength(3);
  });

  it('reoptimize plans again the meetings nobody locked: moving one frees the slot the stuck request needs', async () => {
    const locked = await api.gql(
      `mutation ($id: ID!) { meetingLock(input: { id: $id, locked: true }) { meeting { locked } userErrors { code } } }`,
      { id: booked.e6p6 },
      staff,
    );
    expect(locked.data!.meetingLock.meeting.locked).toBe(true);
    const lockedBefore = await api.db.prisma.meeting.findUniqueOrThrow({ where: { id: dbId(booked.e6p6!) } });
    const meetingsBefore = await api.db.prisma.meeting.findMany({ where: { sessionId: forum.dbId } });
    const before = meetingsBefore.length;
    const seqBefore = await lastSeq();
    const res = await api.gql(SCHEDULE, { input: { forumId: forum.id, reoptimize: true, timeLimitMs: 3000 } }, staff);
    expect(res.data!.forumSchedule.userErrors).toEqual([]);
    const run = res.data!.forumSchedule.run;
    expect(run.objective.meetings).toBe(before + 1);
    expect(run.unscheduled.map((u: { reason: string }) => u.reason).sort()).toEqual(['CAP_REACHED', 'NO_COMMON_AVAILABILITY']);
    const e4p4 = await api.db.prisma.meeting.findUniqueOrThrow({ where: { requestId: dbId(R.e4p4!) } });
    expect(e4p4.slotId).toBe(dbId(forum.meetingSlots[1]!.id));
    const lockedAfter = await api.db.prisma.meeting.findUniqueOrThrow({ where: { id: dbId(booked.e6p6!) } });
    expect([lockedAfter.slotId, lockedAfter.tableId]).toEqual([lockedBefore.slotId, lockedBefore.tableId]);
    await checkSchedule(forum.dbId);
    // Every meeting planned again keeps its id; one that changed slot or table is meeting.moved, one
    // that stayed says nothing, the request placed for the first time is meeting.scheduled.
    const after = new Map((await api.db.prisma.meeting.findMany({ where: { sessionId: forum.dbId } })).map((m) => [m.id, m]));
    expect(meetingsBefore.every((m) => after.get(m.id)?.requestId === m.requestId)).toBe(true);
    const movedIds = meetingsBefore.filter((m) => after.get(m.id)!.slotId !== m.slotId || after.get(m.id)!.tableId !== m.tableId).map((m) => globalId('Meeting', m.id));
    expect(movedIds.length).toBeGreaterThan(0);
    const events = await eventsSince(seqBefore);
    expect(events.filter((e) => e.type === 'meeting.moved').map((e) => e.subjectId).sort()).toEqual(movedIds.sort());
    expect(events.filter((e) => e.type === 'meeting.scheduled').map((e) => e.subjectId)).toEqual([globalId('Meeting', e4p4.id)]);
    expect(events.filter((e) => e.type === 'meeting.cancelled')).toEqual([]);
  });

  it('a meeting that re-optimising leaves out is meeting.cancelled, to its two sides, in the same transaction', async () => {
    // e7 is no longer available at any slot: its meetings cannot be planned again.
    const e7 = dbId(P.e7!);
    const mine = await api.db.prisma.meeting.findMany({ where: { seats: { some: { participantId: e7 } } }, include: { seats: { include: { participant: true } } } });
    expect(mine.length).toBeGreaterThan(0);
    await api.db.prisma.participantAvailability.deleteMany({ where: { participantId: e7 } });
    const seqBefore = await lastSeq();
    const res = await api.gql(SCHEDULE, { input: { forumId: forum.id, reoptimize: true, timeLimitMs: 3000 } }, staff);
    expect(res.data!.forumSchedule.userErrors).toEqual([]);
    expect(await api.db.prisma.meeting.count({ where: { id: { in: mine.map((m) => m.id) } } })).toBe(0);
    const cancelled = (await eventsSince(seqBefore)).filter((e) => e.type === 'meeting.cancelled');
    expect(cancelled.map((e) => e.subjectId).sort()).toEqual(mine.map((m) => globalId('Meeting', m.id)).sort());
    for (const event of cancelled) {
      const meeting = mine.find((m) => globalId('Meeting', m.id) === event.subjectId)!;
      const sides = meeting.seats.map((x) => x.participant.enterpriseId ?? x.participant.partnerId);
      expect([...event.enterpriseIds, ...event.partnerIds].sort()).toEqual(sides.sort());
      expect(event.public).toBe(false);
      expect(event.payload).toEqual({
        id: event.subjectId,
        forumId: forum.id,
        requestId: globalId('MeetingRequest', meeting.requestId),
        slotId: globalId('ForumSlot', meeting.slotId),
        tableId: globalId('ForumTable', meeting.tableId),
      });
    }
    // Written by the save's transaction: the one that last wrote the forum row (its xmin, modulo the 32-bit wrap).
    const [forumRow] = await api.db.query<{ xmin: string }>('SELECT xmin::text AS xmin FROM "MatchmakingSession" WHERE id = $1', [forum.dbId]);
    for (const event of cancelled) expect(String(event.txid % 2n ** 32n)).toBe(forumRow!.xmin);
    await checkSchedule(forum.dbId);
  });

  it('a published schedule keeps its meetings', async () => {
    expect((await transition(api, staff, 'forumPublishSchedule', forum.id)).forum?.status).toBe('SCHEDULED');
    const res = await api.gql(SCHEDULE, { input: { forumId: forum.id, reoptimize: true } }, staff);
    expect(res.data!.forumSchedule.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'reoptimize'] })]);
  });
});

describe('forumSchedule on the seeded open forum', () => {
  it('places its accepted requests and explains the rest', async () => {
    const forum = await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { slug: OPEN_SLUG } });
    const id = globalId('Forum', forum.id);
    const accepted = await api.db.prisma.meetingRequest.findMany({ where: { sessionId: forum.id, status: 'ACCEPTED' }, select: { id: true } });
    expect(accepted.length).toBeGreaterThan(0);
    expect((await transition(api, staff, 'forumStartScheduling', id, 'closeRegistrationEarly: true')).forum?.status).toBe('SCHEDULING');
    const res = await api.gql(SCHEDULE, { input: { forumId: id } }, staff);
    expect(res.errors).toBeUndefined();
    const { run, userErrors } = res.data!.forumSchedule;
    expect(userErrors).toEqual([]);
    const placed = new Set(run.createdMeetings.map((m: { request: { id: string } }) => dbId(m.request.id)));
    const left = new Set(run.unscheduled.map((u: { request: { id: string } }) => dbId(u.request.id)));
    expect(new Set([...placed, ...left])).toEqual(new Set(accepted.map((r) => r.id)));
    expect(placed.size).toBeGreaterThan(0);
    await checkSchedule(forum.id);
    console.log(`[${api.db.kind}] seeded forum: ${placed.size} placed, ${left.size} unscheduled, ${run.method}, optimal ${run.provenOptimal}, ${run.elapsedMs} ms`);
  });
});
