import { type Problem, problem } from '../problems';
import { formatTimeOfDay, isForumTimeZone, localInstant, localParts, parseTimeOfDay } from './time';

/** Meeting lengths a forum may use, in minutes. */
export const MEETING_LENGTHS = [15, 20, 30] as const;
export type MeetingLength = (typeof MEETING_LENGTHS)[number];

/** A forum day has at most this many meeting slots (16 hours of 20-minute meetings is 48). */
export const MAX_MEETING_SLOTS = 48;
export const MAX_BREAKS = 8;
export const BREAK_MINUTES_MIN = 5;
export const BREAK_MINUTES_MAX = 180;

export interface BreakPlan {
  /** Local wall-clock time the break begins, "HH:MM". */
  startTime: string;
  minutes: number;
}

/** The day's layout as an officer writes it: local times in the forum's time zone. */
export interface DayPlan {
  /** Calendar date, "YYYY-MM-DD" or the stored date. */
  date: Date | string;
  timeZone: string;
  meetingMinutes: number;
  /** First meeting starts, "HH:MM". */
  startTime: string;
  /** No meeting ends after this, "HH:MM". */
  endTime: string;
  breaks: readonly BreakPlan[];
}

export interface GeneratedSlot {
  /** 1, 2, 3… in time order, breaks included. */
  index: number;
  startsAt: Date;
  endsAt: Date;
  isBreak: boolean;
}

/**
 * Cuts the forum day into slots: meetings of `meetingMinutes` from `startTime`, back to back, and
 * each break at its time. When the meetings before a break do not end exactly when it begins, the
 * break starts when the last meeting that fits has ended (the few minutes are added to the break,
 * never lost as a hole in the agenda); after the last meeting that fits before `endTime` the day
 * ends. Breaks must lie inside the day and must not overlap. Returns every problem found, with
 * field paths relative to the input (startTime, endTime, meetingMinutes, breaks.N.startTime …).
 */
export function generateSlots(plan: DayPlan): { slots: GeneratedSlot[]; problems: Problem[] } {
  const problems: Problem[] = [];
  if (!isForumTimeZone(plan.timeZone)) {
    problems.push(
      problem('INVALID_VALUE', ['timeZone'], `"${plan.timeZone}" is not an Indonesian time zone; use Asia/Jakarta (WIB), Asia/Pontianak, Asia/Makassar (WITA) or Asia/Jayapura (WIT).`),
    );
  }
  if (!(MEETING_LENGTHS as readonly number[]).includes(plan.meetingMinutes)) {
    problems.push(problem('INVALID_VALUE', ['meetingMinutes'], `A meeting lasts 15, 20 or 30 minutes.`));
  }
  const start = parseTimeOfDay(plan.startTime);
  const end = parseTimeOfDay(plan.endTime);
  if (start === null) problems.push(problem('INVALID_VALUE', ['startTime'], `startTime must be a local time HH:MM, e.g. 09:00.`));
  if (end === null) problems.push(problem('INVALID_VALUE', ['endTime'], `endTime must be a local time HH:MM, e.g. 15:00.`));
  if (start !== null && end !== null && end <= start) {
    problems.push(problem('INVALID_RANGE', ['endTime'], `endTime (${plan.endTime}) must come after startTime (${plan.startTime}).`));
  }
  if (plan.breaks.length > MAX_BREAKS) {
    problems.push(problem('TOO_MANY', ['breaks'], `At most ${MAX_BREAKS} breaks; got ${plan.breaks.length}.`));
  }
  const breaks: { start: number; end: number; at: number }[] = [];
  plan.breaks.forEach((b, i) => {
    const at = parseTimeOfDay(b.startTime);
    if (at === null) {
      problems.push(problem('INVALID_VALUE', ['breaks', String(i), 'startTime'], `A break starts at a local time HH:MM, e.g. 12:00.`));
      return;
    }
    if (!Number.isInteger(b.minutes) || b.minutes < BREAK_MINUTES_MIN || b.minutes > BREAK_MINUTES_MAX) {
      problems.push(
        problem('INVALID_VALUE', ['breaks', String(i), 'minutes'], `A break lasts ${BREAK_MINUTES_MIN} to ${BREAK_MINUTES_MAX} whole minutes.`),
      );
      return;
    }
    if (start !== null && end !== null && (at < start || at + b.minutes > end)) {
      problems.push(
        problem(
          'INVALID_RANGE',
          ['breaks', String(i), 'startTime'],
          `The break ${b.startTime}–${formatTimeOfDay(at + b.minutes)} must lie inside the day ${plan.startTime}–${plan.endTime}.`,
        ),
      );
      return;
    }
    breaks.push({ start: at, end: at + b.minutes, at: i });
  });
  breaks.sort((x, y) => x.start - y.start);
  for (let i = 1; i < breaks.length; i += 1) {
    const before = breaks[i - 1]!;
    const after = breaks[i]!;
    if (after.start < before.end) {
      problems.push(
        problem(
          'INVALID_RANGE',
          ['breaks', String(after.at), 'startTime'],
          `The break at ${formatTimeOfDay(after.start)} overlaps the break ${formatTimeOfDay(before.start)}–${formatTimeOfDay(before.end)}.`,
        ),
      );
    }
  }
  if (problems.length > 0 || start === null || end === null) return { slots: [], problems };

  const length = plan.meetingMinutes;
  const spans: { from: number; to: number; isBreak: boolean }[] = [];
  let cursor = start;
  for (const b of breaks) {
    while (cursor + length <= b.start) {
      spans.push({ from: cursor, to: cursor + length, isBreak: false });
      cursor += length;
    }
    spans.push({ from: Math.min(cursor, b.start), to: b.end, isBreak: true });
    cursor = b.end;
  }
  while (cursor + length <= end) {
    spans.push({ from: cursor, to: cursor + length, isBreak: false });
    cursor += length;
  }
  const meetings = spans.filter((s) => !s.isBreak).length;
  if (meetings === 0) {
    return {
      slots: [],
      problems: [problem('INVALID_RANGE', ['endTime'], `No ${length}-minute meeting fits between ${plan.startTime} and ${plan.endTime} outside the breaks.`)],
    };
  }
  if (meetings > MAX_MEETING_SLOTS) {
    return {
      slots: [],
      problems: [problem('TOO_MANY', ['endTime'], `The day would have ${meetings} meeting slots; at most ${MAX_MEETING_SLOTS}. Shorten the day or lengthen the meetings.`)],
    };
  }
  return {
    slots: spans.map((s, i) => ({
      index: i + 1,
      startsAt: localInstant(plan.date, s.from, plan.timeZone),
      endsAt: localInstant(plan.date, s.to, plan.timeZone),
      isBreak: s.isBreak,
    })),
    problems: [],
  };
}

/**
 * The plan behind stored slots (the inverse of generateSlots for the times): the first start,
 * the last end and each break, in local time. Used to show a forum's layout and to regenerate it
 * when an update changes only some of its parts.
 */
export function planOf(
  slots: readonly { startsAt: Date; endsAt: Date; isBreak: boolean }[],
  timeZone: string,
): { startTime: string; endTime: string; breaks: BreakPlan[] } | null {
  if (slots.length === 0) return null;
  const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const local = (d: Date) => formatTimeOfDay(localParts(d, timeZone).minutes);
  return {
    startTime: local(sorted[0]!.startsAt),
    endTime: local(sorted.at(-1)!.endsAt),
    breaks: sorted
      .filter((s) => s.isBreak)
      .map((s) => ({ startTime: local(s.startsAt), minutes: Math.round((s.endsAt.getTime() - s.startsAt.getTime()) / 60_000) })),
  };
}
