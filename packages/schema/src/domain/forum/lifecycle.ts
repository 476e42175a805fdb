import type { ForumStatus } from '../../generated/prisma/enums';
import { type Problem, problem } from '../problems';
import { dayHasCome } from './time';

/**
 * The life of a Temu Bisnis forum:
 *
 *   DRAFT → REGISTRATION_OPEN → SCHEDULING → SCHEDULED → IN_PROGRESS → COMPLETED
 *
 * and CANCELLED from any state that is not final (COMPLETED and CANCELLED are final). Each arrow
 * is one action with its own conditions, checked here on plain facts so that the rules are
 * testable without a database.
 */
export type { ForumStatus };

export const FINAL_STATUSES: readonly ForumStatus[] = ['COMPLETED', 'CANCELLED'];

export const FORUM_ACTIONS = {
  OPEN_REGISTRATION: { from: ['DRAFT'], to: 'REGISTRATION_OPEN', verb: 'open registration' },
  START_SCHEDULING: { from: ['REGISTRATION_OPEN'], to: 'SCHEDULING', verb: 'close registration and start scheduling' },
  PUBLISH_SCHEDULE: { from: ['SCHEDULING'], to: 'SCHEDULED', verb: 'publish the schedule' },
  START: { from: ['SCHEDULED'], to: 'IN_PROGRESS', verb: 'start the forum' },
  COMPLETE: { from: ['IN_PROGRESS'], to: 'COMPLETED', verb: 'complete the forum' },
  CANCEL: { from: ['DRAFT', 'REGISTRATION_OPEN', 'SCHEDULING', 'SCHEDULED', 'IN_PROGRESS'], to: 'CANCELLED', verb: 'cancel the forum' },
} as const satisfies Record<string, { from: readonly ForumStatus[]; to: ForumStatus; verb: string }>;

export type ForumAction = keyof typeof FORUM_ACTIONS;

/** What the transition rules look at. */
export interface ForumFacts {
  status: ForumStatus;
  /** Calendar date of the forum (midnight UTC) and its time zone. */
  date: Date;
  timeZone: string;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  /** Slots that are not breaks. */
  meetingSlotCount: number;
  tableCount: number;
  /** Start of the first slot; null without slots. */
  firstSlotStartsAt: Date | null;
  /** Meetings booked so far (any status). */
  meetingCount: number;
}

export interface TransitionOptions {
  /** START_SCHEDULING before registrationClosesAt: staff close registration early. */
  closeRegistrationEarly?: boolean;
}

const when = (d: Date) => d.toISOString();

/** Every reason the action cannot happen now; empty when it can. */
export function transitionProblems(action: ForumAction, facts: ForumFacts, now: Date, options: TransitionOptions = {}): Problem[] {
  const rule = FORUM_ACTIONS[action];
  if (!(rule.from as readonly ForumStatus[]).includes(facts.status)) {
    const final = FINAL_STATUSES.includes(facts.status);
    return [
      problem(
        'INVALID_TRANSITION',
        ['id'],
        final
          ? `The forum is ${facts.status}, a final status: it cannot ${rule.verb}.`
          : `Cannot ${rule.verb} while the forum is ${facts.status}; it must be ${rule.from.join(' or ')}.`,
      ),
    ];
  }
  const problems: Problem[] = [];
  switch (action) {
    case 'OPEN_REGISTRATION':
      if (facts.meetingSlotCount === 0) problems.push(problem('REQUIRED', ['id'], 'The forum has no meeting slots yet: give it a start time, an end time and a meeting length.'));
      if (facts.tableCount === 0) problems.push(problem('REQUIRED', ['id'], 'The forum has no tables yet: give it at least one table (e.g. "Meja 1").'));
      if (facts.registrationClosesAt.getTime() <= now.getTime()) {
        problems.push(problem('IN_PAST', ['id'], `The registration window closed at ${when(facts.registrationClosesAt)}; move registrationClosesAt into the future first.`));
      }
      if (facts.firstSlotStartsAt && facts.firstSlotStartsAt.getTime() <= now.getTime()) {
        problems.push(problem('IN_PAST', ['id'], 'The forum day has already begun; registration cannot open any more.'));
      }
      break;
    case 'START_SCHEDULING':
      if (facts.registrationClosesAt.getTime() > now.getTime() && !options.closeRegistrationEarly) {
        problems.push(
          problem(
            'TOO_EARLY',
            ['closeRegistrationEarly'],
            `Registration is open until ${when(facts.registrationClosesAt)}. Wait until then, or set closeRegistrationEarly: true to close it now.`,
          ),
        );
      }
      break;
    case 'PUBLISH_SCHEDULE':
      if (facts.meetingCount === 0) problems.push(problem('REQUIRED', ['id'], 'No meeting is scheduled yet: run forumSchedule (or accept requests) before publishing.'));
      break;
    case 'START':
      if (!dayHasCome(facts.date, now, facts.timeZone)) {
        problems.push(problem('TOO_EARLY', ['id'], `The forum starts on its day, ${facts.date.toISOString().slice(0, 10)} (${facts.timeZone}), not before.`));
      }
      break;
    case 'COMPLETE':
    case 'CANCEL':
      break;
  }
  return problems;
}

/** Registering as a participant: members and API keys only inside the open registration window; staff until the day is over. */
export function registrationProblems(
  forum: Pick<ForumFacts, 'status' | 'registrationOpensAt' | 'registrationClosesAt'>,
  now: Date,
  byStaff: boolean,
): Problem[] {
  if (byStaff) {
    return ['REGISTRATION_OPEN', 'SCHEDULING', 'SCHEDULED', 'IN_PROGRESS'].includes(forum.status)
      ? []
      : [problem('FORUM_NOT_OPEN', ['forumId'], `Participants cannot be added to a forum that is ${forum.status}.`)];
  }
  if (forum.status !== 'REGISTRATION_OPEN') {
    return [problem('FORUM_NOT_OPEN', ['forumId'], `Registration is not open: the forum is ${forum.status}. Disperin staff can still add a participant.`)];
  }
  if (now.getTime() < forum.registrationOpensAt.getTime()) {
    return [problem('FORUM_NOT_OPEN', ['forumId'], `Registration opens at ${when(forum.registrationOpensAt)}.`)];
  }
  if (now.getTime() >= forum.registrationClosesAt.getTime()) {
    return [problem('FORUM_NOT_OPEN', ['forumId'], `Registration closed at ${when(forum.registrationClosesAt)}. Disperin staff can still add a participant.`)];
  }
  return [];
}

/** Statuses in which participants may request, accept and cancel meetings. */
export const MEETING_REQUEST_STATUSES: readonly ForumStatus[] = ['REGISTRATION_OPEN', 'SCHEDULING', 'SCHEDULED', 'IN_PROGRESS'];

export function meetingRequestsProblems(status: ForumStatus, field: string[]): Problem[] {
  return MEETING_REQUEST_STATUSES.includes(status)
    ? []
    : [problem('FORUM_NOT_OPEN', field, `Meeting requests are handled from registration until the forum day; the forum is ${status}.`)];
}

/** Which parts of a forum may still change in each status. */
export type ForumPart = 'DETAILS' | 'LAYOUT' | 'ADD_TABLES' | 'REGISTRATION_WINDOW' | 'PAIRING_RULE' | 'REQUEST_TTL';

const EDITABLE: Record<ForumPart, readonly ForumStatus[]> = {
  /** Title, venue, address, kecamatan. */
  DETAILS: ['DRAFT', 'REGISTRATION_OPEN', 'SCHEDULING', 'SCHEDULED', 'IN_PROGRESS'],
  /** Date, time zone, meeting length, start and end, breaks, replacing or removing tables. */
  LAYOUT: ['DRAFT'],
  /** New tables beside the existing ones (e.g. after a what-if with extraTables). */
  ADD_TABLES: ['DRAFT', 'REGISTRATION_OPEN', 'SCHEDULING', 'SCHEDULED'],
  REGISTRATION_WINDOW: ['DRAFT', 'REGISTRATION_OPEN'],
  PAIRING_RULE: ['DRAFT'],
  REQUEST_TTL: ['DRAFT', 'REGISTRATION_OPEN', 'SCHEDULING', 'SCHEDULED'],
};

export function mayEdit(part: ForumPart, status: ForumStatus): boolean {
  return EDITABLE[part].includes(status);
}

export function editableIn(part: ForumPart): readonly ForumStatus[] {
  return EDITABLE[part];
}
