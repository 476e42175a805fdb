import { badInput } from '../../common/errors';
import { idOf } from '../../common/global-id';
import { refuse, runMutation, runMutationInto, type Tx, TX_OPTIONS } from '../../common/mutation';
import { staffReadsForum } from '../../auth/region';
import { forumRegion, forumRegionFirst } from './region';
import { failed } from '../../common/payload';
import { type UserError, userError } from '../../common/user-errors';
import type { Context } from '../../context';
import { localTime, zoneAbbreviation } from '../../domain/forum';
import {
  ORGANISER_TIME_LIMIT_MS,
  type LockedMeetingInput,
  type ParticipantInput,
  type RequestInput,
  type ScheduleOptions,
  type ScheduleResult,
  type SchedulingInstance,
  type SlotInput,
  type TableInput,
  type UNSCHEDULED_REASONS,
} from '../../domain/scheduling';
import type { Meeting, MeetingRequest, PrismaClient } from '../../generated/prisma/client';
import type { ForumScheduleInput, MeetingLockInput, MeetingMoveInput } from '../types/scheduling';
import { naturalCompare } from '../types/objects';
import { trackProgress } from './progress';
import { scheduleInThread } from './solver-thread';
import { lockForum, lockParticipants } from './store';
import { meetingEvent, meetingEvents } from './events';
import type { OutboxEvent } from '../../common/outbox';

/** The scheduler's instance from the database, solving, saving a schedule, previewing one, and staff moves. */

const f = (...path: string[]) => ['input', ...path];

/** The solver's budget must leave room for loading and saving inside the server's 10 s execution timeout. */
export const TIME_LIMIT_MIN_MS = 100;
/** Also the default budget of forumSchedule and schedulePreview. */
export const TIME_LIMIT_MAX_MS = ORGANISER_TIME_LIMIT_MS;
export const MAX_EXTRA_TABLES = 50;
export const MAX_EXTRA_SLOTS = 16;

export interface UnscheduledShape {
  request: MeetingRequest;
  reason: (typeof UNSCHEDULED_REASONS)[number];
  message: string;
}

export interface RunShape {
  result: ScheduleResult;
  heldFixed: number;
  created: Meeting[];
  unscheduled: UnscheduledShape[];
  baselineMeetings: number;
  elapsedMs: number;
}

// --- The instance ---

export interface InstanceOptions {
  /** Unlocked meetings nobody checked in to yet are planned again instead of staying where they are. */
  reoptimize: boolean;
  extraTables: number;
  extendSlots: number;
}

interface LoadedInstance {
  instance: SchedulingInstance;
  requests: Map<string, MeetingRequest>;
  /** Meetings the run may replace (reoptimize). */
  movable: string[];
  /** Meetings that could be planned again (not locked, nobody checked in, slot ahead) but stay put because reoptimize is off. */
  heldFixed: number;
  slotInfo: Map<string, { startsAt: Date; label: string; extra: boolean }>;
  tableInfo: Map<string, { name: string; extra: boolean }>;
  timeZone: string;
}

/**
 * The scheduler's input for a forum, read from the database (inside the caller's transaction when
 * saving): slots ahead, tables, participants with availability and caps, accepted requests in the
 * order they were sent, and the meetings that stay where they are. Pending requests play no part.
 */
async function loadInstance(db: Tx | PrismaClient, forumId: string, now: Date, options: InstanceOptions): Promise<LoadedInstance> {
  const forum = await db.matchmakingSession.findUniqueOrThrow({
    where: { id: forumId },
    select: {
      timeZone: true,
      meetingMinutes: true,
      slots: { orderBy: { index: 'asc' } },
      tables: true,
      participants: {
        select: {
          id: true,
          meetingCap: true,
          enterprise: { select: { name: true } },
          partner: { select: { name: true } },
          availability: { select: { slotId: true } },
        },
      },
      meetingRequests: { where: { OR: [{ status: 'ACCEPTED' }, { meeting: { isNot: null } }] }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      meetings: { select: { id: true, requestId: true, slotId: true, tableId: true, locked: true, status: true, seats: { select: { checkedInAt: true } } } },
    },
  });
  const zone = forum.timeZone;
  const label = (startsAt: Date, endsAt: Date) => `${localTime(startsAt, zone)}–${localTime(endsAt, zone)} ${zoneAbbreviation(zone)}`;
  const slotInfo = new Map<string, { startsAt: Date; label: string; extra: boolean }>();
  const slots: SlotInput[] = forum.slots.map((s) => {
    slotInfo.set(s.id, { startsAt: s.startsAt, label: label(s.startsAt, s.endsAt), extra: false });
    return { id: s.id, isBreak: s.isBreak, label: localTime(s.startsAt, zone) };
  });
  const ahead = new Set(forum.slots.filter((s) => !s.isBreak && s.startsAt.getTime() > now.getTime()).map((s) => s.id));
  const lastMeetingSlot = [...forum.slots].reverse().find((s) => !s.isBreak);
  const extraSlotIds: string[] = [];
  const last = forum.slots.at(-1);
  for (let k = 1; k <= options.extendSlots && last; k += 1) {
    const startsAt = new Date(last.endsAt.getTime() + (k - 1) * forum.meetingMinutes * 60_000);
    const endsAt = new Date(startsAt.getTime() + forum.meetingMinutes * 60_000);
    const id = `extra-slot-${k}`;
    extraSlotIds.push(id);
    slotInfo.set(id, { startsAt, label: label(startsAt, endsAt), extra: true });
    slots.push({ id, label: localTime(startsAt, zone) });
  }
  const tableInfo = new Map<string, { name: string; extra: boolean }>();
  const tables: TableInput[] = [...forum.tables]
    .sort((a, b) => naturalCompare(a.name, b.name))
    .map((t) => {
      tableInfo.set(t.id, { name: t.name, extra: false });
      return { id: t.id, label: t.name };
    });
  for (let k = 1; k <= options.extraTables; k += 1) {
    const id = `extra-table-${k}`;
    tableInfo.set(id, { name: `Meja tambahan ${k}`, extra: true });
    tables.push({ id, label: `Meja tambahan ${k}` });
  }
  const participants: ParticipantInput[] = forum.participants.map((p) => {
    const available = p.availability.map((a) => a.slotId).filter((id) => ahead.has(id));
    // What-if slots after the day's end: a participant who stays for the last slot stays for them.
    const staysLate = lastMeetingSlot && p.availability.some((a) => a.slotId === lastMeetingSlot.id);
    return {
      id: p.id,
      availableSlotIds: staysLate ? [...available, ...extraSlotIds] : available,
      meetingCap: p.meetingCap,
      label: p.enterprise?.name ?? p.partner?.name ?? p.id,
    };
  });
  const replannable = forum.meetings
    .filter(
      (m) =>
        !m.locked &&
        m.status === 'SCHEDULED' &&
        m.seats.every((s) => !s.checkedInAt) &&
        (slotInfo.get(m.slotId)?.startsAt.getTime() ?? 0) > now.getTime(),
    )
    .map((m) => m.id);
  const movable = new Set(options.reoptimize ? replannable : []);
  const locked: LockedMeetingInput[] = forum.meetings
    .filter((m) => !movable.has(m.id))
    .map((m) => ({ requestId: m.requestId, slotId: m.slotId, tableId: m.tableId }));
  const requests: RequestInput[] = forum.meetingRequests.map((r) => ({
    id: r.id,
    requesterId: r.requesterId,
    recipientId: r.recipientId,
    priority: Math.min(5, Math.max(1, r.priority)),
  }));
  return {
    instance: { slots, tables, participants, requests, locked },
    requests: new Map(forum.meetingRequests.map((r) => [r.id, r])),
    movable: [...movable],
    heldFixed: replannable.length - movable.size,
    slotInfo,
    tableInfo,
    timeZone: zone,
  };
}

function checkTimeLimit(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  return Number.isInteger(ms) && ms >= TIME_LIMIT_MIN_MS && ms <= TIME_LIMIT_MAX_MS
    ? null
    : `timeLimitMs is ${TIME_LIMIT_MIN_MS} to ${TIME_LIMIT_MAX_MS} milliseconds.`;
}

/**
 * Runs the scheduler, in a worker thread (solver-thread.ts) so the server keeps answering. Its
 * proof covers the requests it was free to place: meetings booked at accept time that a run
 * without reoptimize keeps where they are may hold the optimum back, so such a run is never
 * reported proven optimal.
 */
async function solve(loaded: LoadedInstance, timeLimitMs: number, onProgress?: ScheduleOptions['onProgress']) {
  const started = performance.now();
  const solved = await scheduleInThread(loaded.instance, { timeLimitMs, onProgress });
  const result = { ...solved.result, provenOptimal: solved.result.provenOptimal && loaded.heldFixed === 0 };
  const elapsedMs = Math.round(performance.now() - started);
  const unscheduled = result.unscheduled.map((u) => ({ request: loaded.requests.get(u.requestId)!, reason: u.reason, message: u.message }));
  return { result, elapsedMs, baselineMeetings: solved.baselineMeetings, unscheduled, heldFixed: loaded.heldFixed };
}

/**
 * What a schedule was computed from, independent of row order: the save below checks, under the
 * forum's lock, that a booking, answer or registration did not change it meanwhile.
 */
function fingerprint(loaded: LoadedInstance): string {
  const { slots, tables, participants, requests, locked } = loaded.instance;
  const byId = <T extends { id: string }>(list: readonly T[]) => [...list].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return JSON.stringify([
    slots,
    byId(tables),
    byId(participants).map((p) => ({ ...p, availableSlotIds: [...p.availableSlotIds].sort() })),
    requests,
    [...locked].sort((x, y) => (x.requestId < y.requestId ? -1 : 1)),
    [...loaded.movable].sort(),
    loaded.heldFixed,
  ]);
}

/** Runs that found the forum changed while they solved are solved again, at most this often. */
const SOLVE_ATTEMPTS = 3;

// --- forumSchedule: solve and save ---

export async function scheduleForum(ctx: Context, input: typeof ForumScheduleInput.$inferInput) {
  const fail = (userErrors: UserError[]) => ({ forum: null, run: null, userErrors });
  const forumId = idOf(String(input.forumId), 'Forum');
  if (!forumId) return fail([userError('NOT_FOUND', f('forumId'), 'No forum has this ID.')]);
  const limitError = checkTimeLimit(input.timeLimitMs);
  if (limitError) return fail([userError('INVALID_VALUE', f('timeLimitMs'), limitError)]);
  const timeLimitMs = input.timeLimitMs ?? TIME_LIMIT_MAX_MS;
  const options = { reoptimize: input.reoptimize ?? false, extraTables: 0, extendSlots: 0 };
  // Checked before solving (a run of seconds for a forum that cannot take it is waste) and again under the lock.
  const statusErrors = (forum: { status: string } | null): UserError[] => {
    if (!forum) return [userError('NOT_FOUND', f('forumId'), 'No forum has this ID.')];
    if (forum.status !== 'SCHEDULING' && forum.status !== 'SCHEDULED') {
      return [
        userError('FORUM_NOT_OPEN', f('forumId'), `The scheduler runs while the forum is SCHEDULING (or SCHEDULED, to place late acceptances); it is ${forum.status}.`),
      ];
    }
    if (options.reoptimize && forum.status !== 'SCHEDULING') {
      return [userError('INVALID_VALUE', f('reoptimize'), 'A published schedule keeps its meetings: reoptimize only while SCHEDULING.')];
    }
    return [];
  };
  // The staff's region before solving too: the run is seconds of work that would be thrown away.
  const { region, outside } = await forumRegionFirst(ctx, { id: forumId }, f('forumId'));
  if (outside.length > 0) return fail(outside);
  const early = statusErrors(await ctx.prisma.matchmakingSession.findUnique({ where: { id: forumId }, select: { status: true } }));
  if (early.length > 0) return fail(early);

  const progress = trackProgress(ctx.prisma, forumId, 'SCHEDULE', timeLimitMs);
  // The solver's clock: set by its first phase, so loading the forum and starting the thread count as 0.
  let solverStarted: number | null = null;
  const onProgress: ScheduleOptions['onProgress'] = (p) => {
    solverStarted = performance.now() - p.elapsedMs;
    if (p.phase === 'DONE') progress.finish('DONE');
    else progress.step(p.phase, p.elapsedMs);
  };
  // The bar moves between phases too: elapsed time of the budget, a few times a second.
  const ticker = setInterval(() => {
    if (solverStarted !== null) progress.tick(Math.round(performance.now() - solverStarted));
  }, 250);
  try {
    for (let attempt = 1; ; attempt += 1) {
      // Solved outside any transaction: holding the forum's lock (and, on PGlite, the one session)
      // for seconds would stall every booking, and every read on PGlite, of the forum meanwhile.
      const loaded = await loadInstance(ctx.prisma, forumId, ctx.now, options);
      const solved = await solve(loaded, timeLimitMs, onProgress);
      const expected = fingerprint(loaded);
      let changed = false;
      let cancelled: OutboxEvent[] = [];
      let moved: Meeting[] = [];
      let placed: Meeting[] = [];
      const saved = await runMutationInto(
        ctx,
        {
          region: () => region,
          run: async (tx) => {
            // The forum row, exclusively: no booking, cancellation or status change runs beside the save.
            const forum = await lockForum(tx, forumId, 'UPDATE');
            const errors = statusErrors(forum);
            if (errors.length > 0) refuse(errors[0]!);
            const current = await loadInstance(tx, forumId, ctx.now, options);
            if (fingerprint(current) !== expected) {
              changed = true;
              refuse(userError('SLOT_TAKEN', f('forumId'), 'The forum changed (a booking, an answer or a registration) while the schedule was computed; run the scheduler again.'));
            }
            const fresh = solved.result.assignments.filter((a) => !a.locked);
            // Re-optimising plans the unlocked meetings again: each keeps its id when its request is
            // placed again, and the ones left out are described (with their two sides) before they go.
            const replanned = loaded.movable.length === 0 ? [] : await tx.meeting.findMany({ where: { id: { in: loaded.movable } } });
            const placedAgain = new Set(fresh.map((a) => a.requestId));
            cancelled = await meetingEvents(
              tx,
              'meeting.cancelled',
              replanned.filter((m) => !placedAgain.has(m.requestId)),
            );
            if (loaded.movable.length > 0) await tx.meeting.deleteMany({ where: { id: { in: loaded.movable } } });
            const previous = new Map(replanned.map((m) => [m.requestId, m]));
            const created =
              fresh.length === 0
                ? []
                : await tx.meeting.createManyAndReturn({
                    data: fresh.map((a) => ({
                      id: previous.get(a.requestId)?.id,
                      sessionId: forumId,
                      requestId: a.requestId,
                      slotId: a.slotId,
                      tableId: a.tableId,
                      createdAt: previous.get(a.requestId)?.createdAt ?? ctx.now,
                      updatedAt: ctx.now,
                    })),
                  });
            const was = (m: Meeting) => previous.get(m.requestId);
            placed = created.filter((m) => !was(m));
            moved = created.filter((m) => was(m) && (was(m)!.slotId !== m.slotId || was(m)!.tableId !== m.tableId));
            const requestOf = new Map(created.map((m) => [m.id, loaded.requests.get(m.requestId)!]));
            if (created.length > 0) {
              await tx.meetingSeat.createMany({
                data: created.flatMap((m) => {
                  const r = requestOf.get(m.id)!;
                  return [r.requesterId, r.recipientId].map((participantId) => ({ meetingId: m.id, participantId, slotId: m.slotId }));
                }),
              });
            }
            const updated = await tx.matchmakingSession.update({ where: { id: forumId }, data: { updatedAt: ctx.now } });
            return { forum: updated, run: { ...solved, created } };
          },
          // Both sides hear of each change, in the save's transaction: a meeting placed, moved (same
          // id, another slot or table) or left out by a re-optimisation; one that stays put says nothing.
          events: async (_saved, tx) => [...cancelled, ...(await meetingEvents(tx, 'meeting.moved', moved)), ...(await meetingEvents(tx, 'meeting.scheduled', placed))],
          // The forum lock keeps bookings out, so this is a bug; say so rather than half-save.
          onUniqueViolation: () => userError('SLOT_TAKEN', f('forumId'), 'A slot or table was taken while saving; run the scheduler again.'),
          transaction: TX_OPTIONS,
        },
        { forum: null, run: null },
      );
      if (!changed || attempt === SOLVE_ATTEMPTS) return saved;
    }
  } finally {
    clearInterval(ticker);
    await progress.settled();
  }
}

// --- schedulePreview: what if ---

export interface PreviewAssignmentShape {
  request: MeetingRequest;
  slotLabel: string;
  startsAt: Date;
  tableName: string;
  locked: boolean;
  isExtraSlot: boolean;
  isExtraTable: boolean;
}

export interface PreviewShape extends RunShape {
  assignments: PreviewAssignmentShape[];
  currentMeetings: number;
  extraTables: number;
  extendSlots: number;
}

/** What schedulePreview is asked: the forum and the what-if extras (see the query's arguments). */
export interface PreviewArgs {
  forumId: string | number;
  extraTables?: number | null;
  extendSlots?: number | null;
  reoptimize?: boolean | null;
  timeLimitMs?: number | null;
}

/** The schedule the scheduler would build, saving nothing; null when the forum does not exist. */
export async function preview(ctx: Context, args: PreviewArgs): Promise<PreviewShape | null> {
  const forumId = idOf(String(args.forumId), 'Forum');
  const extraTables = args.extraTables ?? 0;
  const extendSlots = args.extendSlots ?? 0;
  if (!Number.isInteger(extraTables) || extraTables < 0 || extraTables > MAX_EXTRA_TABLES) {
    throw badInput(`extraTables is 0 to ${MAX_EXTRA_TABLES}.`);
  }
  if (!Number.isInteger(extendSlots) || extendSlots < 0 || extendSlots > MAX_EXTRA_SLOTS) {
    throw badInput(`extendSlots is 0 to ${MAX_EXTRA_SLOTS}.`);
  }
  const limitError = checkTimeLimit(args.timeLimitMs);
  if (limitError) throw badInput(limitError);
  // Another kabupaten/kota's forum reads as one that does not exist to a regional officer (common/region.ts).
  if (!forumId || !(await staffReadsForum(ctx, forumId)) || !(await ctx.prisma.matchmakingSession.findUnique({ where: { id: forumId }, select: { id: true } }))) return null;
  const loaded = await loadInstance(ctx.prisma, forumId, ctx.now, { reoptimize: args.reoptimize ?? false, extraTables, extendSlots });
  const solved = await solve(loaded, args.timeLimitMs ?? TIME_LIMIT_MAX_MS);
  const assignments = solved.result.assignments.map((a) => {
    const slot = loaded.slotInfo.get(a.slotId)!;
    const table = loaded.tableInfo.get(a.tableId)!;
    return {
      request: loaded.requests.get(a.requestId)!,
      slotLabel: slot.label,
      startsAt: slot.startsAt,
      tableName: table.name,
      locked: a.locked,
      isExtraSlot: slot.extra,
      isExtraTable: table.extra,
    };
  });
  return {
    ...solved,
    created: [],
    assignments,
    currentMeetings: loaded.instance.locked.length + loaded.movable.length,
    extraTables,
    extendSlots,
  };
}

// --- Staff adjustments: lock and move ---

/** meetingLock: fixes a meeting where it is, or releases it. */
export async function setLocked(ctx: Context, input: typeof MeetingLockInput.$inferInput) {
  const id = idOf(String(input.id), 'Meeting');
  const exists = id ? await ctx.prisma.meeting.findUnique({ where: { id }, select: { id: true } }) : null;
  if (!id || !exists) return failed([userError('NOT_FOUND', f('id'), 'No meeting has this ID.')]);
  return runMutation(ctx, {
    region: () => forumRegion(ctx, { meetings: { some: { id } } }, f('id')),
    run: (tx) => tx.meeting.update({ where: { id }, data: { locked: input.locked, updatedAt: ctx.now } }),
  });
}

export async function moveMeeting(ctx: Context, input: typeof MeetingMoveInput.$inferInput) {
  const id = idOf(String(input.id), 'Meeting');
  const slotId = idOf(String(input.slotId), 'ForumSlot');
  const tableId = input.tableId != null ? idOf(String(input.tableId), 'ForumTable') : null;
  const meeting = id ? await ctx.prisma.meeting.findUnique({ where: { id }, include: { seats: true } }) : null;
  if (!id || !meeting) return failed([userError('NOT_FOUND', f('id'), 'No meeting has this ID.')]);
  if (!slotId) return failed([userError('NOT_FOUND', f('slotId'), 'No slot has this ID.')]);
  if (input.tableId != null && !tableId) return failed([userError('NOT_FOUND', f('tableId'), 'No table has this ID.')]);
  return runMutation(ctx, {
    region: () => forumRegion(ctx, { id: meeting.sessionId }, f('id')),
    run: async (tx) => {
      const forum = await lockForum(tx, meeting.sessionId, 'SHARE');
      if (!forum || !['SCHEDULING', 'SCHEDULED', 'IN_PROGRESS'].includes(forum.status)) {
        refuse(userError('FORUM_NOT_OPEN', f('id'), `Meetings are moved while the forum is SCHEDULING, SCHEDULED or IN_PROGRESS; it is ${forum?.status}.`));
      }
      const sides = meeting.seats.map((s) => s.participantId);
      await lockParticipants(tx, sides);
      const current = await tx.meeting.findUniqueOrThrow({ where: { id }, include: { seats: true } });
      if (current.status !== 'SCHEDULED' || current.seats.some((s) => s.checkedInAt)) {
        refuse(userError('INVALID_TRANSITION', f('id'), 'Only a scheduled meeting nobody has checked in to can be moved.'));
      }
      const slot = await tx.sessionSlot.findFirst({ where: { id: slotId, sessionId: meeting.sessionId } });
      if (!slot) refuse(userError('NOT_FOUND', f('slotId'), 'No slot of this forum has this ID.'));
      if (slot.isBreak) refuse(userError('INVALID_VALUE', f('slotId'), 'This slot is a break.'));
      if (slot.startsAt.getTime() <= ctx.now.getTime()) refuse(userError('IN_PAST', f('slotId'), 'This slot has already begun.'));
      const [available, busy] = await Promise.all([
        tx.participantAvailability.count({ where: { slotId, participantId: { in: sides } } }),
        tx.meetingSeat.count({ where: { slotId, participantId: { in: sides }, meetingId: { not: id } } }),
      ]);
      if (available < sides.length) refuse(userError('NOT_AVAILABLE', f('slotId'), 'A participant is not available in this slot.'));
      if (busy > 0) refuse(userError('SLOT_TAKEN', f('slotId'), 'A participant already has another meeting in this slot.'));
      await tx.$queryRaw`SELECT id FROM "SessionSlot" WHERE id = ${slotId}::uuid FOR UPDATE`;
      const [table] = tableId
        ? await tx.$queryRaw<{ id: string }[]>`
            SELECT t.id::text AS id FROM "SessionTable" t WHERE t.id = ${tableId}::uuid AND t."sessionId" = ${meeting.sessionId}::uuid
              AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m."slotId" = ${slotId}::uuid AND m."tableId" = t.id AND m.id <> ${id}::uuid)`
        : await tx.$queryRaw<{ id: string }[]>`
            SELECT t.id::text AS id FROM "SessionTable" t WHERE t."sessionId" = ${meeting.sessionId}::uuid
              AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m."slotId" = ${slotId}::uuid AND m."tableId" = t.id AND m.id <> ${id}::uuid)
            ORDER BY length(t.name), t.name, t.id LIMIT 1`;
      if (!table) {
        refuse(userError('SLOT_TAKEN', tableId ? f('tableId') : f('slotId'), tableId ? 'This table is taken (or not of this forum) in that slot.' : 'Every table is taken in this slot.'));
      }
      await tx.meetingSeat.updateMany({ where: { meetingId: id }, data: { slotId } });
      return tx.meeting.update({ where: { id }, data: { slotId, tableId: table.id, locked: true, updatedAt: ctx.now } });
    },
    events: async (moved, tx) => [await meetingEvent(tx, 'meeting.moved', moved)],
    onUniqueViolation: () => userError('SLOT_TAKEN', f('slotId'), 'The slot or table was just taken; try again.'),
  });
}
