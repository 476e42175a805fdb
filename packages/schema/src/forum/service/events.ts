import { globalId, type OutboxEvent } from '../../common/outbox';
import type { Tx } from '../../common/mutation';
import type { Audience } from '../../domain/push/audience';
import type { Meeting, MeetingRequest } from '../../generated/prisma/client';

/**
 * Forum events. A meeting request or meeting is seen by its two participants' own people (as
 * `meetingRequests` and `meetings` show them); a published schedule concerns everyone.
 */

export type Side = { enterpriseId: string | null; partnerId: string | null };

function audienceOf(sides: readonly Side[]): Partial<Audience> {
  return {
    partnerIds: sides.flatMap((s) => (s.partnerId ? [s.partnerId] : [])),
    enterpriseIds: sides.flatMap((s) => (s.enterpriseId ? [s.enterpriseId] : [])),
  };
}

export function requestEvent(
  type: 'meeting_request.created' | 'meeting_request.accepted' | 'meeting_request.declined' | 'meeting_request.cancelled',
  request: MeetingRequest,
  sides: readonly Side[],
): OutboxEvent {
  return {
    type,
    subject: { typename: 'MeetingRequest', id: request.id },
    audience: audienceOf(sides),
    payload: {
      id: globalId('MeetingRequest', request.id),
      forumId: globalId('Forum', request.sessionId),
      fromParticipantId: globalId('ForumParticipant', request.requesterId),
      toParticipantId: globalId('ForumParticipant', request.recipientId),
      status: request.status,
    },
  };
}

type MeetingEventType = 'meeting.scheduled' | 'meeting.moved' | 'meeting.cancelled';

export async function meetingEvent(tx: Tx, type: MeetingEventType, meeting: Meeting): Promise<OutboxEvent> {
  return (await meetingEvents(tx, type, [meeting]))[0]!;
}

/**
 * One event per meeting, for both sides of each (their seats' organisations): one read however many
 * meetings. A meeting about to be deleted (meeting.cancelled) is described before its seats go.
 */
export async function meetingEvents(tx: Tx, type: MeetingEventType, meetings: readonly Meeting[]): Promise<OutboxEvent[]> {
  if (meetings.length === 0) return [];
  const seats = await tx.meetingSeat.findMany({
    where: { meetingId: { in: meetings.map((m) => m.id) } },
    select: { meetingId: true, participant: { select: { enterpriseId: true, partnerId: true } } },
  });
  return meetings.map((meeting) => ({
    type,
    subject: { typename: 'Meeting', id: meeting.id },
    audience: audienceOf(seats.filter((s) => s.meetingId === meeting.id).map((s) => s.participant)),
    payload: {
      id: globalId('Meeting', meeting.id),
      forumId: globalId('Forum', meeting.sessionId),
      requestId: globalId('MeetingRequest', meeting.requestId),
      slotId: globalId('ForumSlot', meeting.slotId),
      tableId: globalId('ForumTable', meeting.tableId),
    },
  }));
}

export function schedulePublished(forumId: string): OutboxEvent {
  return {
    type: 'forum.schedule_published',
    subject: { typename: 'Forum', id: forumId },
    audience: { public: true },
    payload: { forumId: globalId('Forum', forumId) },
  };
}
