import { type Problem, problem } from '../problems';

/**
 * Choosing where an accepted request meets: a slot in which both participants are available and
 * free, that has not begun, with a table left. Pure: the caller reads the state inside its
 * transaction (after taking its locks) and inserts; the database's unique keys
 * (one meeting per table per slot, one seat per participant per slot) remain the last defence.
 */
export interface BookingSlot {
  id: string;
  index: number;
  startsAt: Date;
  isBreak: boolean;
  /** Tables without a meeting in this slot. */
  freeTables: number;
}

export interface BookingSide {
  name: string;
  /** Slots the participant declared available. */
  available: ReadonlySet<string>;
  /** Slots in which the participant already has a seat. */
  busy: ReadonlySet<string>;
}

export interface BookingQuestion {
  /** All slots of the forum, any order. */
  slots: readonly BookingSlot[];
  a: BookingSide;
  b: BookingSide;
  now: Date;
  /** The slot the caller asked for, if any. */
  slotId?: string | null;
}

/**
 * The slots to try, best first (earliest first), or the reason there is none. With a requested
 * slot the answer is that slot or why it cannot be used: INVALID_VALUE (not a slot of this forum,
 * or a break), IN_PAST (it has begun), NOT_AVAILABLE (a participant declared it unavailable),
 * SLOT_TAKEN (a participant already meets someone then, or every table is taken).
 */
export function bookingCandidates(q: BookingQuestion, field: string[]): { slotIds: string[]; problem: Problem | null } {
  const slots = [...q.slots].sort((x, y) => x.index - y.index);
  const started = (s: BookingSlot) => s.startsAt.getTime() <= q.now.getTime();
  if (q.slotId) {
    const s = slots.find((x) => x.id === q.slotId);
    const fail = (p: Problem) => ({ slotIds: [], problem: p });
    if (!s) return fail(problem('INVALID_VALUE', field, 'No slot of this forum has this ID.'));
    if (s.isBreak) return fail(problem('INVALID_VALUE', field, 'This slot is a break; nobody meets then.'));
    if (started(s)) return fail(problem('IN_PAST', field, 'This slot has already begun; choose a later one.'));
    for (const side of [q.a, q.b]) {
      if (!side.available.has(s.id)) return fail(problem('NOT_AVAILABLE', field, `${side.name} is not available in this slot.`));
    }
    for (const side of [q.a, q.b]) {
      if (side.busy.has(s.id)) return fail(problem('SLOT_TAKEN', field, `${side.name} already has a meeting in this slot.`));
    }
    if (s.freeTables <= 0) return fail(problem('SLOT_TAKEN', field, 'Every table is taken in this slot.'));
    return { slotIds: [s.id], problem: null };
  }
  const open = slots.filter((s) => !s.isBreak && !started(s));
  const common = open.filter((s) => q.a.available.has(s.id) && q.b.available.has(s.id));
  if (common.length === 0) {
    return {
      slotIds: [],
      problem: problem('NO_COMMON_SLOT', field, `${q.a.name} and ${q.b.name} share no available slot that is still ahead.`),
    };
  }
  const free = common.filter((s) => !q.a.busy.has(s.id) && !q.b.busy.has(s.id) && s.freeTables > 0);
  if (free.length === 0) {
    return {
      slotIds: [],
      problem: problem(
        'NO_FREE_SLOT',
        field,
        `In each of the ${common.length} slots both can attend, one of them already meets someone or every table is taken.`,
      ),
    };
  }
  return { slotIds: free.map((s) => s.id), problem: null };
}

/**
 * Problems that only say the forum is full for this pair right now (every shared slot taken, a
 * cap used up): an optimising run over all accepted requests may still place the meeting, so an
 * accepted request refused a booking for one of these waits in the scheduler's pool.
 */
export const CAPACITY_CODES = ['NO_FREE_SLOT', 'CAP_REACHED'] as const;

export function isCapacityProblem(p: Pick<Problem, 'code'>): boolean {
  return (CAPACITY_CODES as readonly string[]).includes(p.code);
}

/** A participant at its meeting cap takes no further meeting. */
export function capProblems(sides: readonly { name: string; meetingCap: number | null; meetings: number }[], field: string[]): Problem[] {
  return sides
    .filter((s) => s.meetingCap !== null && s.meetings >= s.meetingCap)
    .map((s) => problem('CAP_REACHED', field, `${s.name} has reached its meeting cap of ${s.meetingCap}.`));
}
