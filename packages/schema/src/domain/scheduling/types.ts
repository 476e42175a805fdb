/**
 * Public shapes of the Temu Bisnis meeting scheduler: plain data in, plain data out, so the
 * GraphQL layer maps Prisma rows onto them and the scheduler never sees a database.
 */

/** A time slot of the forum; `slots` are given in chronological order. */
export type SlotInput = {
  id: string;
  /** A break (istirahat, e.g. lunch or prayer time): no meetings, and not counted as an idle gap. */
  isBreak?: boolean;
  /** Shown in reasons, e.g. "10:20"; the id is used when absent. */
  label?: string;
};

export type TableInput = { id: string; label?: string };

export type ParticipantInput = {
  id: string;
  /** Slots in which the participant can meet. */
  availableSlotIds: readonly string[];
  /** Most meetings this participant accepts, locked ones included; absent or null means no cap. */
  meetingCap?: number | null;
  label?: string;
};

/** An accepted meeting request between two participants. */
export type RequestInput = {
  id: string;
  requesterId: string;
  recipientId: string;
  /** 1 (nice to have) … 5 (must meet). */
  priority: number;
  /** The meeting must take place at this table (e.g. a partner's booth); absent means any table. */
  requiredTableId?: string | null;
};

/** A meeting already fixed by staff; it stays where it is and counts toward caps and occupancy. */
export type LockedMeetingInput = { requestId: string; slotId: string; tableId: string };

export type SchedulingInstance = {
  slots: readonly SlotInput[];
  tables: readonly TableInput[];
  participants: readonly ParticipantInput[];
  /** In creation order: the first-come baseline schedules them in this order. */
  requests: readonly RequestInput[];
  locked: readonly LockedMeetingInput[];
};

export type ScheduleOptions = {
  /**
   * Time budget of the whole call in milliseconds (default 1,500): the heuristic runs first, HiGHS
   * gets what is left. `Infinity` lets both run to the end (HiGHS until it proves the optimum).
   * Results within a finite budget depend on the machine's speed.
   */
  timeLimitMs?: number;
  /**
   * 'auto' (default): heuristic, then HiGHS with the rest of the budget whenever its model fits in
   * memory (EXACT_MAX_COLUMNS (request, slot) pairs); 'always': HiGHS whatever the size;
   * 'never': heuristic only.
   */
  exact?: 'auto' | 'always' | 'never';
  /** Called as each phase begins (and once at the end), for a progress display; the run yields to the event loop after each call. */
  onProgress?: (progress: ScheduleProgress) => void;
};

export type SchedulePhase = 'HEURISTIC' | 'EXACT' | 'GAPS' | 'DONE';

export type ScheduleProgress = { phase: SchedulePhase; elapsedMs: number; budgetMs: number };

export type Assignment = { requestId: string; slotId: string; tableId: string; locked: boolean };

export const UNSCHEDULED_REASONS = [
  'NO_COMMON_AVAILABILITY',
  'CAP_REACHED',
  'NO_FREE_SLOT',
  'OUTRANKED',
] as const;
/**
 * - NO_COMMON_AVAILABILITY: the two participants share no non-break slot;
 * - CAP_REACHED: one of them already has as many meetings as their cap allows;
 * - NO_FREE_SLOT: every shared slot is taken by locked meetings or has no table left;
 * - OUTRANKED: a shared slot was free, but the optimum gave it to other meetings.
 */
export type UnscheduledReason = (typeof UNSCHEDULED_REASONS)[number];

export type Unscheduled = { requestId: string; reason: UnscheduledReason; message: string };

/** The lexicographic objective: more meetings, then more priority, then fewer idle gaps. */
export type ScheduleObjective = { meetings: number; priority: number; gaps: number };

export type ScheduleMethod = 'EXACT' | 'HEURISTIC';

export type ScheduleResult = {
  /** Every meeting, locked ones included, by slot then table order. */
  assignments: Assignment[];
  unscheduled: Unscheduled[];
  objective: ScheduleObjective;
  /** EXACT when the returned meetings come from HiGHS, HEURISTIC otherwise. */
  method: ScheduleMethod;
  /**
   * True when meetings and priority are proven optimal (by HiGHS, or because every request that
   * could be scheduled at all got a slot). Gaps are reduced by local search afterwards, never at
   * the expense of the first two.
   */
  provenOptimal: boolean;
  /**
   * Most meetings any schedule could hold (locked ones included): HiGHS's dual bound when it ran,
   * else the requests that have a feasible slot at all. Equals `objective.meetings` when proven.
   */
  meetingsUpperBound: number;
  /** (meetingsUpperBound − meetings) / meetingsUpperBound: 0 when proven, how far a run that stopped early may be from the optimum. */
  gap: number;
};
