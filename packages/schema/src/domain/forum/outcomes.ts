import type { MeetingOutcome, MeetingStatus } from '../../generated/prisma/enums';
import type { ForumStatus } from './lifecycle';
import { type Problem, problem } from '../problems';
import { addMonths } from './time';

/**
 * What happens at and after a meeting: check-in per seat on the day, a no-show, the outcome
 * (DEAL with its value, FOLLOW_UP, NO_INTEREST), a rating from each side, and follow-ups months
 * later. Each check returns the problems that forbid the action; empty means it may happen.
 */
export type { MeetingOutcome, MeetingStatus };

export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const COMMENT_MAX = 2000;
export const NOTE_MAX = 2000;
/** Follow-ups are recorded at these many months after the forum. */
export const FOLLOW_UP_MONTHS = [3, 6] as const;
/** A follow-up may be recorded up to two weeks before its month comes (a call made a little early). */
export const FOLLOW_UP_EARLY_DAYS = 14;

interface MeetingFacts {
  status: MeetingStatus;
  forumStatus: ForumStatus;
  slotStartsAt: Date;
}

function cancelled(m: MeetingFacts, field: string[]): Problem[] {
  if (m.forumStatus === 'CANCELLED') return [problem('FORUM_NOT_OPEN', field, 'The forum was cancelled.')];
  if (m.status === 'CANCELLED') return [problem('INVALID_TRANSITION', field, 'The meeting was cancelled.')];
  return [];
}

/** Check-in of one seat: on the forum day (IN_PROGRESS), for a meeting still SCHEDULED or already HELD, once. */
export function checkInProblems(m: MeetingFacts & { checkedInAt: Date | null }, field: string[]): Problem[] {
  const c = cancelled(m, field);
  if (c.length > 0) return c;
  if (m.forumStatus !== 'IN_PROGRESS') return [problem('FORUM_NOT_OPEN', field, `Check-in happens on the forum day, while the forum is IN_PROGRESS; it is ${m.forumStatus}.`)];
  if (m.status === 'NO_SHOW') return [problem('INVALID_TRANSITION', field, 'The meeting was already marked as a no-show.')];
  if (m.checkedInAt) return [problem('ALREADY_RECORDED', field, `This participant checked in at ${m.checkedInAt.toISOString()}.`)];
  return [];
}

/** A no-show: once the slot has begun, for a meeting that has no outcome yet; not for a side that checked in. */
export function noShowProblems(
  m: MeetingFacts & { outcome: MeetingOutcome | null; absentCheckedIn: boolean; bothCheckedIn: boolean },
  now: Date,
  field: string[],
): Problem[] {
  const c = cancelled(m, field);
  if (c.length > 0) return c;
  if (m.forumStatus !== 'IN_PROGRESS' && m.forumStatus !== 'COMPLETED') {
    return [problem('FORUM_NOT_OPEN', field, `A no-show is recorded on or after the forum day; the forum is ${m.forumStatus}.`)];
  }
  if (m.status === 'NO_SHOW') return [problem('ALREADY_RECORDED', field, 'The meeting is already marked as a no-show.')];
  if (m.outcome) return [problem('INVALID_TRANSITION', field, `The meeting took place: its outcome ${m.outcome} is recorded.`)];
  if (now.getTime() < m.slotStartsAt.getTime()) return [problem('TOO_EARLY', field, 'The meeting has not begun yet.')];
  if (m.absentCheckedIn) return [problem('INVALID_VALUE', ['absentParticipantId'], 'This participant checked in for the meeting; it did come.')];
  if (m.bothCheckedIn) return [problem('INVALID_VALUE', field, 'Both participants checked in for the meeting.')];
  return [];
}

/** DEAL needs a deal value above Rp0; the other outcomes take none. */
export function outcomeValueProblems(outcome: MeetingOutcome, dealValue: bigint | null | undefined): Problem[] {
  if (outcome === 'DEAL') {
    if (dealValue === null || dealValue === undefined) return [problem('REQUIRED', ['dealValue'], 'A DEAL needs its value in rupiah (dealValue).')];
    if (dealValue <= 0n) return [problem('INVALID_VALUE', ['dealValue'], 'The deal value must be above Rp0.')];
    return [];
  }
  return dealValue === null || dealValue === undefined
    ? []
    : [problem('INVALID_VALUE', ['dealValue'], `Only a DEAL has a deal value; the outcome is ${outcome}.`)];
}

/**
 * The outcome of a meeting: once its slot has begun, on the day or after it, for a meeting that
 * was not a no-show. Recording it again replaces it (a FOLLOW_UP that later became a DEAL).
 */
export function outcomeProblems(m: MeetingFacts, now: Date, field: string[]): Problem[] {
  const c = cancelled(m, field);
  if (c.length > 0) return c;
  if (m.forumStatus !== 'IN_PROGRESS' && m.forumStatus !== 'COMPLETED') {
    return [problem('FORUM_NOT_OPEN', field, `An outcome is recorded on or after the forum day; the forum is ${m.forumStatus}.`)];
  }
  if (m.status === 'NO_SHOW') return [problem('INVALID_TRANSITION', field, 'The meeting was a no-show; it has no outcome.')];
  if (now.getTime() < m.slotStartsAt.getTime()) return [problem('TOO_EARLY', field, 'The meeting has not begun yet.')];
  return [];
}

/** A rating from one side of a held meeting, once per side. */
export function feedbackProblems(
  m: { status: MeetingStatus },
  input: { rating: number; comment: string | null | undefined; alreadyGiven: boolean },
  field: string[],
): Problem[] {
  const problems: Problem[] = [];
  if (!Number.isInteger(input.rating) || input.rating < RATING_MIN || input.rating > RATING_MAX) {
    problems.push(problem('INVALID_VALUE', ['rating'], `rating is a whole number from ${RATING_MIN} to ${RATING_MAX}.`));
  }
  if ((input.comment ?? '').length > COMMENT_MAX) {
    problems.push(problem('TOO_LONG', ['comment'], `comment must be at most ${COMMENT_MAX} characters; got ${(input.comment ?? '').length}.`));
  }
  if (m.status !== 'HELD') problems.push(problem('INVALID_TRANSITION', field, `Feedback is given on a meeting that took place (HELD); this one is ${m.status}.`));
  if (input.alreadyGiven) problems.push(problem('ALREADY_RECORDED', field, 'This side already gave its feedback on the meeting; each side rates once.'));
  return problems;
}

/** A follow-up N months after the forum, once per N, for a meeting that took place. */
export function followUpProblems(
  m: { status: MeetingStatus; forumDate: Date },
  input: { monthsAfter: number; note: string | null | undefined; alreadyRecorded: boolean },
  now: Date,
): Problem[] {
  if (!(FOLLOW_UP_MONTHS as readonly number[]).includes(input.monthsAfter)) {
    return [problem('INVALID_VALUE', ['monthsAfter'], `Follow-ups are recorded at ${FOLLOW_UP_MONTHS.join(' and ')} months.`)];
  }
  const problems: Problem[] = [];
  if ((input.note ?? '').length > NOTE_MAX) problems.push(problem('TOO_LONG', ['note'], `note must be at most ${NOTE_MAX} characters.`));
  if (m.status !== 'HELD') problems.push(problem('INVALID_TRANSITION', ['meetingId'], `Only a meeting that took place (HELD) is followed up; this one is ${m.status}.`));
  const due = followUpDue(m.forumDate, input.monthsAfter);
  if (now.getTime() < due.getTime()) {
    problems.push(problem('TOO_EARLY', ['monthsAfter'], `The ${input.monthsAfter}-month follow-up can be recorded from ${due.toISOString().slice(0, 10)}.`));
  }
  if (input.alreadyRecorded) problems.push(problem('ALREADY_RECORDED', ['monthsAfter'], `The ${input.monthsAfter}-month follow-up is already recorded.`));
  return problems;
}

/** The first day a follow-up may be recorded. */
export function followUpDue(forumDate: Date, monthsAfter: number): Date {
  return new Date(addMonths(forumDate, monthsAfter).getTime() - FOLLOW_UP_EARLY_DAYS * 86_400_000);
}

/**
 * How completing the forum settles a meeting still SCHEDULED: HELD when both sides checked in,
 * NO_SHOW otherwise. Other statuses stay.
 */
export function settledStatus(status: MeetingStatus, checkedIn: readonly boolean[]): MeetingStatus {
  if (status !== 'SCHEDULED') return status;
  return checkedIn.length === 2 && checkedIn.every(Boolean) ? 'HELD' : 'NO_SHOW';
}
