import { allows, demand, policies } from '../auth/policies';
import { idOf } from '../common/global-id';
import type { Tx } from '../common/mutation';
import { type UserError, userError } from '../common/user-errors';
import type { Context } from '../context';
import type { ForumStatus, MeetingOutcome, MeetingStatus } from '../domain/forum';
import { actsFor } from './access';

export interface MeetingFacts {
  id: string;
  sessionId: string;
  status: MeetingStatus;
  outcome: MeetingOutcome | null;
  forumStatus: ForumStatus;
  forumDate: Date;
  slotStartsAt: Date;
  seats: { participantId: string; enterpriseId: string | null; partnerId: string | null; checkedInAt: Date | null }[];
}

export const MEETING_NOT_FOUND = (field = 'meetingId') => userError('NOT_FOUND', ['input', field], 'No meeting of yours has this ID.');

/**
 * A meeting with what the day-of and outcome rules look at, read in the caller's transaction with
 * the meeting row locked (so two recordings of one meeting apply one after the other). Null when
 * it does not exist or the caller is neither staff nor one of its sides.
 */
export async function lockMeeting(tx: Tx, ctx: Context, globalId: string | number): Promise<MeetingFacts | null> {
  const id = idOf(String(globalId), 'Meeting');
  if (!id) return null;
  const rows = await tx.$queryRaw<
    {
      id: string;
      sessionId: string;
      status: MeetingStatus;
      outcome: MeetingOutcome | null;
      forumStatus: ForumStatus;
      forumDate: Date;
      slotStartsAt: Date;
      participantId: string;
      enterpriseId: string | null;
      partnerId: string | null;
      checkedInAt: Date | null;
    }[]
  >`
    SELECT m.id::text AS id, m."sessionId"::text AS "sessionId", m.status::text AS status, m.outcome::text AS outcome,
           f.status::text AS "forumStatus", f.date AS "forumDate", sl."startsAt" AS "slotStartsAt",
           s."participantId"::text AS "participantId", p."enterpriseId"::text AS "enterpriseId", p."partnerId"::text AS "partnerId",
           s."checkedInAt"
    FROM "Meeting" m
    JOIN "MatchmakingSession" f ON f.id = m."sessionId"
    JOIN "SessionSlot" sl ON sl.id = m."slotId"
    JOIN "MeetingSeat" s ON s."meetingId" = m.id
    JOIN "ForumParticipant" p ON p.id = s."participantId"
    WHERE m.id = ${id}::uuid
    ORDER BY s.id
    FOR UPDATE OF m`;
  const first = rows[0];
  if (!first) return null;
  const facts: MeetingFacts = {
    id: first.id,
    sessionId: first.sessionId,
    status: first.status,
    outcome: first.outcome,
    forumStatus: first.forumStatus,
    forumDate: first.forumDate,
    slotStartsAt: first.slotStartsAt,
    seats: rows.map((r) => ({ participantId: r.participantId, enterpriseId: r.enterpriseId, partnerId: r.partnerId, checkedInAt: r.checkedInAt })),
  };
  const visible = facts.seats.some((s) => allows(ctx.viewer, policies.participantOrStaff(s)));
  return visible ? facts : null;
}

/**
 * The seat a caller records for: the given participant (staff, or its own people: anyone else is
 * FORBIDDEN with `refusal`), else the caller's own side when it acts for exactly one of the two.
 */
export function seatFor(
  ctx: Context,
  meeting: MeetingFacts,
  participantGlobalId: string | number | null | undefined,
  field: string,
  refusal: string,
): { seat: MeetingFacts['seats'][number] } | { error: UserError } {
  if (participantGlobalId != null) {
    const pid = idOf(String(participantGlobalId), 'ForumParticipant');
    const seat = meeting.seats.find((s) => s.participantId === pid);
    if (!seat) return { error: userError('INVALID_VALUE', ['input', field], 'This participant has no seat at the meeting.') };
    demand(ctx.viewer, policies.participantOrStaff(seat), refusal);
    return { seat };
  }
  const own = meeting.seats.filter((s) => actsFor(ctx.viewer, s));
  if (own.length === 1) return { seat: own[0]! };
  return { error: userError('REQUIRED', ['input', field], 'Say for which side of the meeting: give participantId.') };
}
