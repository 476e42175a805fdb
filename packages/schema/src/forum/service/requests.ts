import { allows, demand, policies } from '../../auth/policies';
import { idOf } from '../../common/global-id';
import { isUniqueViolation, refuse, refuseIf, runMutation, runMutationInto, type Tx, underInput } from '../../common/mutation';
import { failed } from '../../common/payload';
import { checkText, type UserError, userError } from '../../common/user-errors';
import type { Context } from '../../context';
import {
  bookingCandidates,
  capProblems,
  existingRequestProblem,
  type ForumStatus,
  hasExpired,
  isCapacityProblem,
  MESSAGE_MAX,
  meetingRequestsProblems,
  pairingProblems,
  priorityProblems,
  requestExpiry,
  requestStatus,
} from '../../domain/forum';
import type { Meeting, MeetingRequest, PrismaClient } from '../../generated/prisma/client';
import { actsFor } from '../access';
import type { MeetingRequestAcceptInput, MeetingRequestCreateInput } from '../types/requests';
import type { OutboxEvent } from '../../common/outbox';
import { meetingEvent, requestEvent } from './events';
import { forumRegion, forumRegionFirst } from './region';
import { lockForum, lockParticipants } from './store';

/** Meeting requests: sending, answering and withdrawing them, and booking the meeting of an accepted one. */

const f = (...path: string[]) => ['input', ...path];

/** How often an accept is tried again after the database refused a double booking (P2002). */
export const ACCEPT_ATTEMPTS = 4;

const PARTICIPANT_SELECT = {
  id: true,
  sessionId: true,
  enterpriseId: true,
  partnerId: true,
  enterprise: { select: { name: true } },
  partner: { select: { name: true } },
} as const;

type ParticipantInfo = {
  id: string;
  sessionId: string;
  enterpriseId: string | null;
  partnerId: string | null;
  enterprise: { name: string } | null;
  partner: { name: string } | null;
};

const nameOf = (p: ParticipantInfo) => p.enterprise?.name ?? p.partner?.name ?? 'The participant';
const sideOf = (p: ParticipantInfo) => ({ id: p.id, side: p.enterpriseId ? ('ENTERPRISE' as const) : ('PARTNER' as const), name: nameOf(p) });

export interface AcceptResult {
  request: MeetingRequest | null;
  meeting: Meeting | null;
  /** Why a booking asked for was not made (NO_FREE_SLOT, CAP_REACHED): the request is accepted and waits for the scheduler. */
  notBooked?: UserError | null;
  userErrors: UserError[];
}

/**
 * Whether an accept books at once when the caller does not say: only once the schedule is
 * published or on the forum day (walk-ins). Before that an accepted request joins the pool and
 * the organiser's schedule run places every request at once, which first-come booking cannot
 * match (b2match: picking slots at accept time "can lead to inefficient distributed meetings").
 */
export function booksNowByDefault(forumStatus: ForumStatus): boolean {
  return forumStatus === 'SCHEDULED' || forumStatus === 'IN_PROGRESS';
}

async function loadParticipant(
  ctx: Context,
  globalId: string | number,
  field: string,
): Promise<{ participant: ParticipantInfo } | { error: UserError }> {
  const id = idOf(String(globalId), 'ForumParticipant');
  const p = id ? await ctx.prisma.forumParticipant.findUnique({ where: { id }, select: PARTICIPANT_SELECT }) : null;
  return p ? { participant: p } : { error: userError('NOT_FOUND', f(field), 'No forum participant has this ID.') };
}

interface RequestRow {
  id: string;
  sessionId: string;
  requesterId: string;
  recipientId: string;
  status: MeetingRequest['status'];
  expiresAt: Date;
  forumStatus: ForumStatus;
  requester: ParticipantInfo;
  recipient: ParticipantInfo;
}

/**
 * The request with both sides and their names, in one statement, or null when it does not exist
 * or the caller may not see it.
 */
async function loadRequest(ctx: Context, globalId: string | number): Promise<RequestRow | null> {
  const id = idOf(String(globalId), 'MeetingRequest');
  if (!id) return null;
  const [row] = await ctx.prisma.$queryRaw<
    (Omit<RequestRow, 'requester' | 'recipient'> & {
      aEnterpriseId: string | null;
      aPartnerId: string | null;
      aName: string;
      bEnterpriseId: string | null;
      bPartnerId: string | null;
      bName: string;
    })[]
  >`
    SELECT r.id::text AS id, r."sessionId"::text AS "sessionId", r."requesterId"::text AS "requesterId",
           r."recipientId"::text AS "recipientId", r.status::text AS status, r."expiresAt", f.status::text AS "forumStatus",
           a."enterpriseId"::text AS "aEnterpriseId", a."partnerId"::text AS "aPartnerId", coalesce(ae.name, ap.name, '') AS "aName",
           b."enterpriseId"::text AS "bEnterpriseId", b."partnerId"::text AS "bPartnerId", coalesce(be.name, bp.name, '') AS "bName"
    FROM "MeetingRequest" r
    JOIN "MatchmakingSession" f ON f.id = r."sessionId"
    JOIN "ForumParticipant" a ON a.id = r."requesterId"
    LEFT JOIN "Enterprise" ae ON ae.id = a."enterpriseId"
    LEFT JOIN "Partner" ap ON ap.id = a."partnerId"
    JOIN "ForumParticipant" b ON b.id = r."recipientId"
    LEFT JOIN "Enterprise" be ON be.id = b."enterpriseId"
    LEFT JOIN "Partner" bp ON bp.id = b."partnerId"
    WHERE r.id = ${id}::uuid`;
  if (!row) return null;
  const side = (pid: string, enterpriseId: string | null, partnerId: string | null, name: string): ParticipantInfo => ({
    id: pid,
    sessionId: row.sessionId,
    enterpriseId,
    partnerId,
    enterprise: enterpriseId ? { name } : null,
    partner: partnerId ? { name } : null,
  });
  const request: RequestRow = {
    id: row.id,
    sessionId: row.sessionId,
    requesterId: row.requesterId,
    recipientId: row.recipientId,
    status: row.status,
    expiresAt: row.expiresAt,
    forumStatus: row.forumStatus,
    requester: side(row.requesterId, row.aEnterpriseId, row.aPartnerId, row.aName),
    recipient: side(row.recipientId, row.bEnterpriseId, row.bPartnerId, row.bName),
  };
  const visible = allows(ctx.viewer, policies.participantOrStaff(request.requester)) || actsFor(ctx.viewer, request.recipient);
  return visible ? request : null;
}

const REQUEST_NOT_FOUND = userError('NOT_FOUND', f('id'), 'No meeting request of yours has this ID.');

/**
 * Locks the request (UPDATE) and its forum (SHARE) in one statement: answers to requests run side
 * by side, but never beside a status change or a schedule save of the forum.
 */
async function lockRequest(tx: Tx, id: string) {
  const [row] = await tx.$queryRaw<
    { forumStatus: ForumStatus; status: MeetingRequest['status']; expiresAt: Date; requesterId: string; recipientId: string; sessionId: string }[]
  >`
    SELECT s.status::text AS "forumStatus", r.status::text AS status, r."expiresAt",
           r."requesterId"::text AS "requesterId", r."recipientId"::text AS "recipientId", r."sessionId"::text AS "sessionId"
    FROM "MeetingRequest" r JOIN "MatchmakingSession" s ON s.id = r."sessionId"
    WHERE r.id = ${id}::uuid
    FOR UPDATE OF r FOR SHARE OF s`;
  if (!row) refuse(REQUEST_NOT_FOUND);
  return row;
}

/** Locks the request and checks that its forum takes answers and that it is still PENDING and not expired. */
async function lockPendingRequest(tx: Tx, id: string, now: Date) {
  const row = await lockRequest(tx, id);
  const closed = meetingRequestsProblems(row.forumStatus, ['id']);
  refuseIf(underInput(closed));
  if (row.status !== 'PENDING') {
    refuse(userError('INVALID_TRANSITION', f('id'), `The request is already ${row.status}.`));
  }
  if (hasExpired(row.expiresAt, now)) {
    refuse(userError('REQUEST_EXPIRED', f('id'), `The request expired at ${row.expiresAt.toISOString()}; the requester can send it again.`));
  }
  return row;
}

type RequestSides = { id: string; sessionId: string; requesterId: string; recipientId: string };

/**
 * Everything a booking decision reads, in one statement: both sides' availability, booked seats
 * and caps, and every slot of the forum with its free tables. Dates travel as epoch milliseconds.
 */
async function readBookingState(db: Tx | PrismaClient, request: RequestSides) {
  const sides = [request.requesterId, request.recipientId];
  const [row] = await db.$queryRaw<
    {
      marks: { kind: 'A' | 'S'; participantId: string; slotId: string }[];
      caps: { id: string; meetingCap: number | null }[];
      slots: { id: string; index: number; startsAt: number; isBreak: boolean; freeTables: number }[];
    }[]
  >`
    SELECT
      (SELECT coalesce(json_agg(x), '[]'::json) FROM (
         SELECT 'A' AS kind, "participantId"::text AS "participantId", "slotId"::text AS "slotId"
         FROM "ParticipantAvailability" WHERE "participantId" = ANY(${sides}::uuid[])
         UNION ALL
         SELECT 'S', "participantId"::text, "slotId"::text FROM "MeetingSeat" WHERE "participantId" = ANY(${sides}::uuid[])) x) AS marks,
      (SELECT coalesce(json_agg(json_build_object('id', p.id::text, 'meetingCap', p."meetingCap")), '[]'::json)
         FROM "ForumParticipant" p WHERE p.id = ANY(${sides}::uuid[])) AS caps,
      (SELECT coalesce(json_agg(json_build_object(
                'id', s.id::text, 'index', s.index, 'isBreak', s."isBreak",
                'startsAt', (extract(epoch FROM s."startsAt") * 1000)::bigint,
                'freeTables', (SELECT count(*) FROM "SessionTable" t WHERE t."sessionId" = s."sessionId")
                              - (SELECT count(*) FROM "Meeting" m WHERE m."slotId" = s.id))), '[]'::json)
         FROM "SessionSlot" s WHERE s."sessionId" = ${request.sessionId}::uuid) AS slots`;
  return row!;
}

/**
 * Where the meeting can take place given a state read: the slots to try, best first, or the
 * user errors that refuse the booking (a cap reached, no common slot, the chosen slot taken…).
 */
function decide(
  state: Awaited<ReturnType<typeof readBookingState>>,
  request: RequestSides,
  names: { requester: string; recipient: string },
  slotId: string | null,
  now: Date,
): { slotIds: string[]; errors: UserError[] } {
  const sideState = (id: string, name: string) => ({
    name,
    available: new Set(state.marks.filter((m) => m.kind === 'A' && m.participantId === id).map((m) => m.slotId)),
    busy: new Set(state.marks.filter((m) => m.kind === 'S' && m.participantId === id).map((m) => m.slotId)),
  });
  const a = sideState(request.requesterId, names.requester);
  const b = sideState(request.recipientId, names.recipient);
  const cap = (id: string) => state.caps.find((p) => p.id === id)?.meetingCap ?? null;
  const caps = capProblems(
    [
      { name: a.name, meetingCap: cap(request.requesterId), meetings: a.busy.size },
      { name: b.name, meetingCap: cap(request.recipientId), meetings: b.busy.size },
    ],
    ['id'],
  );
  if (caps.length > 0) return { slotIds: [], errors: underInput(caps) };
  const slots = state.slots.map((x) => ({ ...x, startsAt: new Date(Number(x.startsAt)) }));
  const { slotIds, problem } = bookingCandidates({ slots, a, b, now, slotId }, slotId ? ['slotId'] : ['id']);
  return { slotIds, errors: problem ? underInput([problem]) : [] };
}

/**
 * Books the meeting of an accepted request, in the caller's transaction, after the forum (SHARE),
 * the request and both participants (UPDATE, in id order) are locked. Locking the slot row
 * serialises the bookings of one slot, so its free tables are read after every earlier booking
 * committed; the unique keys of Meeting (slot, table) and MeetingSeat (participant, slot) stay
 * the last line of defence, and a violation of them makes the caller try again.
 */
async function book(
  tx: Tx,
  ctx: Context,
  request: RequestSides,
  names: { requester: string; recipient: string },
  slotId: string | null,
): Promise<{ meeting: Meeting; notBooked: null } | { meeting: null; notBooked: UserError }> {
  const sides = [request.requesterId, request.recipientId];
  await lockParticipants(tx, sides);
  const { slotIds, errors } = decide(await readBookingState(tx, request), request, names, slotId, ctx.now);
  const pooled = poolInstead(errors, slotId);
  if (pooled) return { meeting: null, notBooked: pooled };
  refuseIf(errors);

  for (const candidate of slotIds) {
    await tx.$queryRaw`SELECT id FROM "SessionSlot" WHERE id = ${candidate}::uuid FOR UPDATE`;
    const [table] = await tx.$queryRaw<{ id: string }[]>`
      SELECT t.id::text AS id FROM "SessionTable" t
      WHERE t."sessionId" = ${request.sessionId}::uuid
        AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m."slotId" = ${candidate}::uuid AND m."tableId" = t.id)
      ORDER BY length(t.name), t.name, t.id LIMIT 1`;
    if (!table) continue;
    const meeting = await tx.meeting.create({
      data: { sessionId: request.sessionId, requestId: request.id, slotId: candidate, tableId: table.id, createdAt: ctx.now, updatedAt: ctx.now },
    });
    await tx.meetingSeat.createMany({
      data: sides.map((participantId) => ({ meetingId: meeting.id, participantId, slotId: candidate })),
    });
    return { meeting, notBooked: null };
  }
  if (slotId) refuse(userError('SLOT_TAKEN', f('slotId'), 'Every table is taken in this slot.'));
  return { meeting: null, notBooked: userError('NO_FREE_SLOT', f('id'), 'Every slot both can attend has just been filled; no table is left.') };
}

/**
 * A booking without a chosen slot that fails only for capacity does not refuse the accept: the
 * request is accepted into the scheduler's pool and the problem says why it has no meeting yet.
 */
function poolInstead(errors: readonly UserError[], slotId: string | null): UserError | null {
  return !slotId && errors.length > 0 && errors.every(isCapacityProblem) ? errors[0]! : null;
}

export async function accept(ctx: Context, input: typeof MeetingRequestAcceptInput.$inferInput): Promise<AcceptResult> {
  const fail = (userErrors: UserError[]): AcceptResult => ({ request: null, meeting: null, userErrors });
  const request = await loadRequest(ctx, input.id);
  if (!request) return fail([REQUEST_NOT_FOUND]);
  demand(ctx.viewer, policies.participantOrStaff(request.recipient), 'Only the recipient of a meeting request (its own people) or Disperin staff may accept it.');
  // Staff answer for participants at their office's forums only; checked before the early checks
  // below, which tell the request's state and the forum's free slots.
  const { region, outside } = await forumRegionFirst(ctx, { id: request.sessionId }, f('id'));
  if (outside.length > 0) return fail(outside);
  let slotId: string | null = null;
  if (input.slotId != null && input.bookNow === false) {
    return fail([userError('INVALID_VALUE', f('slotId'), 'A slot is chosen only when booking now (bookNow: true).')]);
  }
  if (input.slotId != null) {
    slotId = idOf(String(input.slotId), 'ForumSlot');
    if (!slotId) return fail([userError('NOT_FOUND', f('slotId'), 'No slot has this ID.')]);
  }
  const names = { requester: nameOf(request.requester), recipient: nameOf(request.recipient) };
  // A check on the committed state before any lock: a request already answered or expired, or a
  // booking that cannot fit, is refused without a transaction (what a burst of late accepts for
  // a full slot mostly is). Whatever passes is checked again under the locks.
  const early = [...underInput(meetingRequestsProblems(request.forumStatus, ['id']))];
  if (early.length === 0 && request.status !== 'PENDING') early.push(userError('INVALID_TRANSITION', f('id'), `The request is already ${request.status}.`));
  if (early.length === 0 && hasExpired(request.expiresAt, ctx.now)) {
    early.push(userError('REQUEST_EXPIRED', f('id'), `The request expired at ${request.expiresAt.toISOString()}; the requester can send it again.`));
  }
  const bookNow = input.bookNow ?? (slotId !== null || booksNowByDefault(request.forumStatus));
  // Full already (every shared slot taken, a cap reached): accept into the pool without trying
  // to book; the organiser's schedule run considers the request with all the others.
  let full: UserError | null = null;
  if (early.length === 0 && bookNow) {
    const { errors } = decide(await readBookingState(ctx.prisma, request), request, names, slotId, ctx.now);
    full = poolInstead(errors, slotId);
    if (!full) early.push(...errors);
  }
  if (early.length > 0) return fail(early);
  for (let attempt = 1; ; attempt += 1) {
    // A booking racing this one took the table first (a unique violation): try again; the last
    // attempt accepts into the pool (or, with a chosen slot, reports it taken).
    const last = attempt >= ACCEPT_ATTEMPTS;
    try {
      return await runMutationInto(
        ctx,
        {
          region: () => region,
          run: async (tx) => {
            const locked = await lockPendingRequest(tx, request.id, ctx.now);
            const booking =
              bookNow && !full && !(last && !slotId)
                ? await book(tx, ctx, { ...locked, id: request.id }, names, slotId)
                : { meeting: null, notBooked: bookNow ? (full ?? LOST_RACE) : null };
            const accepted = await tx.meetingRequest.update({ where: { id: request.id }, data: { status: 'ACCEPTED', respondedAt: ctx.now } });
            return { request: accepted, ...booking };
          },
          events: async ({ request: accepted, meeting }, tx) => [
            requestEvent('meeting_request.accepted', accepted, [request.requester, request.recipient]),
            ...(meeting ? [await meetingEvent(tx, 'meeting.scheduled', meeting)] : []),
          ],
          onUniqueViolation: () => (last ? userError('SLOT_TAKEN', f('slotId'), 'Other bookings took the slot while this one was made; choose another slot.') : null),
        },
        { request: null, meeting: null, notBooked: null },
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}

const LOST_RACE = userError('NO_FREE_SLOT', f('id'), 'Other bookings took the free slots while this one was made.');

export async function create(ctx: Context, input: typeof MeetingRequestCreateInput.$inferInput) {
  const to = await loadParticipant(ctx, input.toParticipantId, 'toParticipantId');
  if ('error' in to) return failed([to.error]);
  const recipient = to.participant;
  let requester: ParticipantInfo;
  if (input.fromParticipantId != null) {
    const from = await loadParticipant(ctx, input.fromParticipantId, 'fromParticipantId');
    if ('error' in from) return failed([from.error]);
    requester = from.participant;
  } else {
    const own = await ctx.prisma.forumParticipant.findMany({
      where: {
        sessionId: recipient.sessionId,
        OR: [
          ...(ctx.viewer.enterpriseIds.length > 0 ? [{ enterpriseId: { in: [...ctx.viewer.enterpriseIds] } }] : []),
          ...(ctx.viewer.partner ? [{ partnerId: ctx.viewer.partner.id }] : []),
        ],
      },
      select: PARTICIPANT_SELECT,
      take: 2,
    });
    if (own.length !== 1) {
      return failed([
        userError(
          'REQUIRED',
          f('fromParticipantId'),
          own.length === 0 ? 'You are not registered for this forum: register first (forumRegister), or give fromParticipantId.' : 'You have several registrations at this forum: give fromParticipantId.',
        ),
      ]);
    }
    requester = own[0]!;
  }
  demand(
    ctx.viewer,
    policies.participantOrStaff(requester),
    "Only a participant's own people (members, or a partner API key with SESSIONS_WRITE) or Disperin staff may send its meeting requests.",
  );
  const errors: UserError[] = [];
  errors.push(...checkText(input.message, f('message'), { max: MESSAGE_MAX }));
  errors.push(...underInput(priorityProblems(input.priority ?? 3, ['priority'])));
  return runMutation(ctx, {
    // Staff send for participants at their office's forums only (the requester's forum, which must be the recipient's).
    region: () => forumRegion(ctx, { id: requester.sessionId }, f(input.fromParticipantId != null ? 'fromParticipantId' : 'toParticipantId')),
    validate: () =>
      requester.sessionId === recipient.sessionId
        ? []
        : [userError('INVALID_VALUE', f('toParticipantId'), 'Both participants must be registered for the same forum.')],
    run: async (tx) => {
      const forum = await lockForum(tx, recipient.sessionId, 'SHARE');
      if (!forum) refuse(userError('NOT_FOUND', f('toParticipantId'), 'No forum participant has this ID.'));
      errors.push(...underInput(meetingRequestsProblems(forum.status as ForumStatus, ['toParticipantId'])));
      errors.push(...underInput(pairingProblems(sideOf(requester), sideOf(recipient), forum.pairingRule, ['toParticipantId'])));
      refuseIf(errors);
      // Both sides locked (id order): two crossing requests between the same pair cannot both pass the check.
      await lockParticipants(tx, [requester.id, recipient.id]);
      const existing = await tx.meetingRequest.findMany({
        where: {
          sessionId: forum.id,
          OR: [
            { requesterId: requester.id, recipientId: recipient.id },
            { requesterId: recipient.id, recipientId: requester.id },
          ],
        },
      });
      let renew: MeetingRequest | null = null;
      for (const row of existing) {
        const verdict = existingRequestProblem({ ...row, sameDirection: row.requesterId === requester.id }, ctx.now, ['toParticipantId']);
        if (verdict.problem) refuse(...underInput([verdict.problem]));
        if (verdict.renew) renew = row;
      }
      const lastSlot = await tx.sessionSlot.findFirst({
        where: { sessionId: forum.id, isBreak: false },
        orderBy: { index: 'desc' },
        select: { startsAt: true },
      });
      const expiresAt = requestExpiry(ctx.now, forum.requestTtlHours, lastSlot?.startsAt ?? null);
      if (expiresAt.getTime() <= ctx.now.getTime()) {
        refuse(userError('FORUM_NOT_OPEN', f('toParticipantId'), 'The last meeting slot of the forum has begun; no meeting can be requested any more.'));
      }
      const data = {
        message: input.message?.trim() ?? '',
        priority: input.priority ?? 3,
        status: 'PENDING' as const,
        expiresAt,
        respondedAt: null,
        createdAt: ctx.now,
      };
      return renew
        ? tx.meetingRequest.update({ where: { id: renew.id }, data })
        : tx.meetingRequest.create({ data: { ...data, sessionId: forum.id, requesterId: requester.id, recipientId: recipient.id } });
    },
    events: (created) => [requestEvent('meeting_request.created', created, [requester, recipient])],
    onUniqueViolation: () => userError('ALREADY_REQUESTED', f('toParticipantId'), 'This request was just sent.'),
  });
}

export async function decline(ctx: Context, globalId: string | number) {
  const request = await loadRequest(ctx, globalId);
  if (!request) return failed([REQUEST_NOT_FOUND]);
  demand(ctx.viewer, policies.participantOrStaff(request.recipient), 'Only the recipient of a meeting request (its own people) or Disperin staff may decline it.');
  return runMutation(ctx, {
    region: () => forumRegion(ctx, { id: request.sessionId }, f('id')),
    run: async (tx) => {
      await lockPendingRequest(tx, request.id, ctx.now);
      return tx.meetingRequest.update({ where: { id: request.id }, data: { status: 'DECLINED', respondedAt: ctx.now } });
    },
    events: (declined) => [requestEvent('meeting_request.declined', declined, [request.requester, request.recipient])],
  });
}

/**
 * Withdraws a request. A pending one: by its requester. An accepted one: by either side, before
 * its meeting begins; the meeting is deleted so the slot, table and seats are free again (the
 * request stays, CANCELLED, as the record).
 */
export async function cancel(ctx: Context, globalId: string | number) {
  const request = await loadRequest(ctx, globalId);
  if (!request) return failed([REQUEST_NOT_FOUND]);
  if (requestStatus(request, ctx.now) === 'PENDING') {
    demand(
      ctx.viewer,
      policies.participantOrStaff(request.requester),
      'A pending request is withdrawn by its requester (or Disperin staff); the recipient declines it instead.',
    );
  }
  // A booked meeting that goes with the request tells both sides (described before its seats are
  // deleted), as does the request itself: the recipient of a withdrawn one would still see it pending.
  let cancelled: OutboxEvent[] = [];
  return runMutation(ctx, {
    region: () => forumRegion(ctx, { id: request.sessionId }, f('id')),
    run: async (tx) => {
      const row = await lockRequest(tx, request.id);
      const now = requestStatus(row, ctx.now);
      if (now === 'ACCEPTED') {
        const closed = meetingRequestsProblems(row.forumStatus, ['id']);
        refuseIf(underInput(closed));
        await lockParticipants(tx, [request.requesterId, request.recipientId]);
        const meeting = await tx.meeting.findUnique({ where: { requestId: request.id }, include: { slot: { select: { startsAt: true } } } });
        if (meeting && (meeting.status !== 'SCHEDULED' || meeting.slot.startsAt.getTime() <= ctx.now.getTime())) {
          refuse(userError('INVALID_TRANSITION', f('id'), 'The meeting has begun or taken place; it can no longer be cancelled.'));
        }
        if (meeting) {
          cancelled = [await meetingEvent(tx, 'meeting.cancelled', meeting)];
          await tx.meeting.delete({ where: { id: meeting.id } });
        }
      } else if (now !== 'PENDING') {
        refuse(userError('INVALID_TRANSITION', f('id'), `The request is ${now}; only a pending or accepted request can be cancelled.`));
      }
      return tx.meetingRequest.update({ where: { id: request.id }, data: { status: 'CANCELLED', respondedAt: ctx.now } });
    },
    events: (row) => [...cancelled, requestEvent('meeting_request.cancelled', row, [request.requester, request.recipient])],
  });
}
