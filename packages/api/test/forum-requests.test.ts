import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyOf,
  createForum,
  dbId,
  type ForumHandle,
  forumRowCounts,
  freeOrganisations,
  memberOfPartner,
  ownerOf,
  REQUEST_ACCEPT,
  REQUEST_CREATE,
  registerOk,
  STAFF,
  tableHash,
} from './forum-fixtures';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
let staff: Record<string, string>;
let forum: ForumHandle;
/** Participants' global IDs. */
const P: Record<'e1' | 'e2' | 'e3' | 'e4' | 'p1' | 'p2' | 'p3', string> = {} as never;
/** Sign-ins of their own people. */
const H: Record<'e1' | 'e2' | 'e3' | 'p1' | 'p2', Record<string, string>> = {} as never;
let p3Key: Record<string, string>;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF);
  forum = await createForum(api, staff);
  const { enterprises, partners } = await freeOrganisations(api, forum.dbId, { enterprises: 4, partners: 3 });
  // e1 is available in the first two meeting slots only; e4 has a cap of one meeting.
  P.e1 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[0]!.id }, { availableSlotIds: forum.meetingSlots.slice(0, 2).map((s) => s.id) });
  P.e2 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[1]!.id });
  P.e3 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[2]!.id });
  P.e4 = await registerOk(api, staff, forum.id, { enterpriseId: enterprises[3]!.id }, { meetingCap: 1 });
  P.p1 = await registerOk(api, staff, forum.id, { partnerId: partners[0]!.id });
  P.p2 = await registerOk(api, staff, forum.id, { partnerId: partners[1]!.id });
  P.p3 = await registerOk(api, staff, forum.id, { partnerId: partners[2]!.id });
  H.e1 = await ownerOf(api, enterprises[0]!.id);
  H.e2 = await ownerOf(api, enterprises[1]!.id);
  H.e3 = await ownerOf(api, enterprises[2]!.id);
  H.p1 = await memberOfPartner(api, partners[0]!.id);
  H.p2 = await memberOfPartner(api, partners[1]!.id);
  p3Key = await apiKeyOf(api, partners[2]!.id, ['sessions:write']);
}, 120_000);
afterAll(() => api?.close());

const create = (headers: Record<string, string>, input: Record<string, unknown>) => api.gql(REQUEST_CREATE, { input }, headers);
// These tests book at accept time (the walk-in path); the default pool path is in forum-organisers.test.ts.
const accept = (headers: Record<string, string>, input: Record<string, unknown>) => api.gql(REQUEST_ACCEPT, { input: { bookNow: true, ...input } }, headers);
const simple = (name: string) => /* GraphQL */ `
  mutation ($id: ID!) { ${name}(input: { id: $id }) { request { id status respondedAt } userErrors { code field message } } }`;
const codes = (res: { data?: Record<string, any> }, name: string) =>
  (res.data![name].userErrors as { code: string; field: string[] }[]).map((e) => `${e.field.join('.')}:${e.code}`);

describe('meetingRequestCreate', () => {
  it('an IKM owner asks a partner for a meeting; the request waits, books nothing, and expires after the TTL', async () => {
    const before = Date.now();
    const res = await create(H.e1, { toParticipantId: P.p1, message: '  Kami ingin menawarkan kerja sama pasokan.  ', priority: 5 });
    expect(res.errors).toBeUndefined();
    const { request, userErrors } = res.data!.meetingRequestCreate;
    expect(userErrors).toEqual([]);
    expect(request).toMatchObject({ status: 'PENDING', priority: 5, message: 'Kami ingin menawarkan kerja sama pasokan.', requester: { id: P.e1 }, recipient: { id: P.p1 } });
    const ttl = new Date(request.expiresAt).getTime() - before;
    expect(ttl).toBeGreaterThan(72 * 3_600_000 - 60_000);
    expect(ttl).toBeLessThan(72 * 3_600_000 + 60_000);
    expect(await api.db.prisma.meeting.count({ where: { sessionId: forum.dbId } })).toBe(0);
  });

  it('refuses duplicates in either direction, pairs the pairing rule forbids, and bad input, writing nothing', async () => {
    const before = await forumRowCounts(api);
    expect(codes(await create(H.e1, { toParticipantId: P.p1 }), 'meetingRequestCreate')).toEqual(['input.toParticipantId:ALREADY_REQUESTED']);
    expect(codes(await create(H.p1, { toParticipantId: P.e1 }), 'meetingRequestCreate')).toEqual(['input.toParticipantId:ALREADY_REQUESTED']);
    // ENTERPRISE_PARTNER_ONLY: no IKM with IKM, no partner with partner, nobody with itself.
    expect(codes(await create(H.e1, { toParticipantId: P.e2 }), 'meetingRequestCreate')).toEqual(['input.toParticipantId:PAIRING_NOT_ALLOWED']);
    expect(codes(await create(H.p1, { toParticipantId: P.p2 }), 'meetingRequestCreate')).toEqual(['input.toParticipantId:PAIRING_NOT_ALLOWED']);
    expect(codes(await create(H.e1, { toParticipantId: P.e1 }), 'meetingRequestCreate')).toEqual(['input.toParticipantId:PAIRING_NOT_ALLOWED']);
    expect(codes(await create(H.e2, { toParticipantId: P.p1, priority: 6, message: 'x'.repeat(1001) }), 'meetingRequestCreate')).toEqual([
      'input.message:TOO_LONG',
      'input.priority:INVALID_VALUE',
    ]);
    expect(await forumRowCounts(api)).toEqual(before);
  });

  it('sends only for your own participant; staff send on behalf of an IKM', async () => {
    const forged = await create(H.e2, { fromParticipantId: P.e1, toParticipantId: P.p2 });
    expect(forged.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await create({}, { fromParticipantId: P.e1, toParticipantId: P.p2 });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const staffMissing = await create(staff, { toParticipantId: P.p2 });
    expect(codes(staffMissing, 'meetingRequestCreate')).toEqual(['input.fromParticipantId:REQUIRED']);
    const byStaff = await create(staff, { fromParticipantId: P.e2, toParticipantId: P.p2, priority: 2 });
    expect(byStaff.data!.meetingRequestCreate.userErrors).toEqual([]);
    const byKey = await create(p3Key, { toParticipantId: P.e2, message: 'Dari program kami' });
    expect(byKey.data!.meetingRequestCreate.userErrors).toEqual([]);
  });
});

describe('meetingRequestAccept', () => {
  async function pendingRequest(from: string, to: string): Promise<string> {
    const found = await api.db.prisma.meetingRequest.findFirstOrThrow({ where: { requesterId: dbId(from), recipientId: dbId(to) } });
    return Buffer.from(`MeetingRequest:${found.id}`).toString('base64');
  }

  it('only the recipient side (or staff) accepts; others cannot even see the request', async () => {
    const id = await pendingRequest(P.e1, P.p1);
    const before = await tableHash(api, 'MeetingRequest');
    const byRequester = await accept(H.e1, { id });
    expect(byRequester.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byStranger = await accept(H.e3, { id });
    expect(byStranger.data!.meetingRequestAccept.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    const hidden = await api.gql(`query ($id: ID!) { node(id: $id) { id } }`, { id }, H.e3);
    expect(hidden.data!.node).toBeNull();
    const anonymous = await accept({}, { id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await tableHash(api, 'MeetingRequest')).toBe(before);
  });

  it('checks a requested slot: a break, a slot the requester is not available in', async () => {
    const id = await pendingRequest(P.e1, P.p1);
    const before = await forumRowCounts(api);
    const breakSlot = forum.slots.find((s) => s.isBreak)!;
    expect(codes(await accept(H.p1, { id, slotId: breakSlot.id }), 'meetingRequestAccept')).toEqual(['input.slotId:INVALID_VALUE']);
    // e1 is available in the first two meeting slots only.
    const res = await accept(H.p1, { id, slotId: forum.meetingSlots[3]!.id });
    expect(codes(res, 'meetingRequestAccept')).toEqual(['input.slotId:NOT_AVAILABLE']);
    expect(res.data!.meetingRequestAccept.request).toBeNull();
    expect(await forumRowCounts(api)).toEqual(before);
  });

  it('books the earliest slot both can attend at the first free table, atomically with the acceptance', async () => {
    const id = await pendingRequest(P.e1, P.p1);
    const res = await accept(H.p1, { id });
    expect(res.errors).toBeUndefined();
    const { request, meeting, userErrors } = res.data!.meetingRequestAccept;
    expect(userErrors).toEqual([]);
    expect(request.status).toBe('ACCEPTED');
    expect(meeting).toMatchObject({ status: 'SCHEDULED', slot: { id: forum.meetingSlots[0]!.id, label: '09:00–09:20 WIB' }, table: { name: 'Meja 1' } });
    expect(meeting.seats.map((s: { participant: { id: string } }) => s.participant.id).sort()).toEqual([P.e1, P.p1].sort());
    // Answered once only.
    expect(codes(await accept(H.p1, { id }), 'meetingRequestAccept')).toEqual(['input.id:INVALID_TRANSITION']);
    // The requester sees the meeting on its agenda.
    const agenda = await api.gql(`query ($id: ID!) { node(id: $id) { ... on ForumParticipant { agenda { localStartTime tableName counterpart { id } } } } }`, { id: P.e1 }, H.e1);
    expect(agenda.data!.node.agenda).toEqual([{ localStartTime: '09:00', tableName: 'Meja 1', counterpart: { id: P.p1 } }]);
  });

  it('a participant is never booked twice in a slot: SLOT_TAKEN', async () => {
    // e3 asks p1, who already meets e1 at 09:00.
    const made = await create(H.e3, { toParticipantId: P.p1 });
    const id = made.data!.meetingRequestCreate.request.id;
    expect(codes(await accept(H.p1, { id, slotId: forum.meetingSlots[0]!.id }), 'meetingRequestAccept')).toEqual(['input.slotId:SLOT_TAKEN']);
    const auto = await accept(H.p1, { id });
    expect(auto.data!.meetingRequestAccept.meeting.slot.id).toBe(forum.meetingSlots[1]!.id);
  });

  it('pending requests never block a slot', async () => {
    // e2 → p2 (sent by staff above) stays pending while e3 → p2 is accepted into the first slot.
    const made = await create(H.e3, { toParticipantId: P.p2 });
    const res = await accept(H.p2, { id: made.data!.meetingRequestCreate.request.id });
    expect(res.data!.meetingRequestAccept.meeting.slot.id).toBe(forum.meetingSlots[0]!.id);
    const pending = await api.db.prisma.meetingRequest.findFirstOrThrow({ where: { requesterId: dbId(P.e2), recipientId: dbId(P.p2) } });
    expect(pending.status).toBe('PENDING');
  });

  it('respects meeting caps: CAP_REACHED refuses a chosen slot; without one the request waits in the pool', async () => {
    const first = await create(staff, { fromParticipantId: P.e4, toParticipantId: P.p3 });
    expect((await accept(p3Key, { id: first.data!.meetingRequestCreate.request.id })).data!.meetingRequestAccept.userErrors).toEqual([]);
    const second = await create(staff, { fromParticipantId: P.e4, toParticipantId: P.p1 });
    const id = second.data!.meetingRequestCreate.request.id;
    const before = await forumRowCounts(api);
    expect(codes(await accept(H.p1, { id, slotId: forum.meetingSlots[3]!.id }), 'meetingRequestAccept')).toEqual(['input.id:CAP_REACHED']);
    expect(await forumRowCounts(api)).toEqual(before);
    // The recipient said yes; only the cap stands in the way, which the organiser's schedule run may resolve.
    const pooled = (await accept(H.p1, { id })).data!.meetingRequestAccept;
    expect(pooled.userErrors).toEqual([]);
    expect(pooled.request.status).toBe('ACCEPTED');
    expect(pooled.meeting).toBeNull();
    expect(pooled.notBooked).toMatchObject({ code: 'CAP_REACHED', field: ['input', 'id'] });
    expect(await api.db.prisma.meeting.count({ where: { requestId: dbId(id) } })).toBe(0);
  });
});

describe('decline, cancel and expiry', () => {
  it('the recipient declines; a declined request is final', async () => {
    const made = await create(H.e2, { toParticipantId: P.p1 });
    const id = made.data!.meetingRequestCreate.request.id;
    const byRequester = await api.gql(simple('meetingRequestDecline'), { id }, H.e2);
    expect(byRequester.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const res = await api.gql(simple('meetingRequestDecline'), { id }, H.p1);
    expect(res.data!.meetingRequestDecline.request.status).toBe('DECLINED');
    expect(codes(await api.gql(simple('meetingRequestDecline'), { id }, H.p1), 'meetingRequestDecline')).toEqual(['input.id:INVALID_TRANSITION']);
    expect(codes(await accept(H.p1, { id }), 'meetingRequestAccept')).toEqual(['input.id:INVALID_TRANSITION']);
    expect(codes(await create(H.e2, { toParticipantId: P.p1 }), 'meetingRequestCreate')).toEqual(['input.toParticipantId:ALREADY_REQUESTED']);
  });

  it('the requester withdraws a pending request; either side cancels an accepted one, which frees the slot', async () => {
    const pending = await api.db.prisma.meetingRequest.findFirstOrThrow({ where: { requesterId: dbId(P.e2), recipientId: dbId(P.p2) } });
    const pendingId = Buffer.from(`MeetingRequest:${pending.id}`).toString('base64');
    const byRecipient = await api.gql(simple('meetingRequestCancel'), { id: pendingId }, H.p2);
    expect(byRecipient.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withdrawn = await api.gql(simple('meetingRequestCancel'), { id: pendingId }, H.e2);
    expect(withdrawn.data!.meetingRequestCancel.request.status).toBe('CANCELLED');

    // e1 and p1 meet at 09:00; p1 cancels: the meeting is gone and e1's slot is free again.
    const accepted = await api.db.prisma.meetingRequest.findFirstOrThrow({ where: { requesterId: dbId(P.e1), recipientId: dbId(P.p1) }, include: { meeting: true } });
    expect(accepted.meeting).not.toBeNull();
    const res = await api.gql(simple('meetingRequestCancel'), { id: Buffer.from(`MeetingRequest:${accepted.id}`).toString('base64') }, H.p1);
    expect(res.data!.meetingRequestCancel.request.status).toBe('CANCELLED');
    expect(await api.db.prisma.meeting.findUnique({ where: { id: accepted.meeting!.id } })).toBeNull();
    expect(await api.db.prisma.meetingSeat.count({ where: { meetingId: accepted.meeting!.id } })).toBe(0);
    const again = await create(H.p1, { toParticipantId: P.e1 });
    const booked = await accept(H.e1, { id: again.data!.meetingRequestCreate.request.id, slotId: forum.meetingSlots[0]!.id });
    expect(booked.data!.meetingRequestAccept.userErrors).toEqual([]);
  });

  it('a request expires after its TTL: read as EXPIRED, cannot be accepted, and can be sent again', async () => {
    const made = await create(H.e3, { toParticipantId: P.p3, message: 'Masih berlaku?' });
    const id = made.data!.meetingRequestCreate.request.id;
    // Time passes: the TTL runs out (no job has run; the stored status is still PENDING).
    await api.db.prisma.meetingRequest.update({ where: { id: dbId(id) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const read = await api.gql(
      `query ($id: ID!, $f: ID!) { node(id: $id) { ... on MeetingRequest { status } }
         forum: node(id: $f) { ... on Forum { meetingRequests(status: EXPIRED) { nodes { id } } pending: meetingRequests(status: PENDING) { nodes { id } } statistics { requests } } } }`,
      { id, f: forum.id },
      H.e3,
    );
    expect(read.data!.node.status).toBe('EXPIRED');
    expect(read.data!.forum.meetingRequests.nodes).toEqual([{ id }]);
    expect(read.data!.forum.pending.nodes.map((n: { id: string }) => n.id)).not.toContain(id);
    const before = await forumRowCounts(api);
    const hash = await tableHash(api, 'MeetingRequest');
    expect(codes(await accept(p3Key, { id }), 'meetingRequestAccept')).toEqual(['input.id:REQUEST_EXPIRED']);
    expect(codes(await api.gql(simple('meetingRequestDecline'), { id }, p3Key), 'meetingRequestDecline')).toEqual(['input.id:REQUEST_EXPIRED']);
    expect(await forumRowCounts(api)).toEqual(before);
    expect(await tableHash(api, 'MeetingRequest')).toBe(hash);
    const stored = await api.db.prisma.meetingRequest.findUniqueOrThrow({ where: { id: dbId(id) } });
    expect(stored.status).toBe('PENDING');
    // Sent again: the same row is renewed.
    const renewed = await create(H.e3, { toParticipantId: P.p3, message: 'Kami kirim ulang.' });
    expect(renewed.data!.meetingRequestCreate.userErrors).toEqual([]);
    expect(renewed.data!.meetingRequestCreate.request).toMatchObject({ id, status: 'PENDING', message: 'Kami kirim ulang.' });
  });
});
