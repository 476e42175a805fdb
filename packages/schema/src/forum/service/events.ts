import { globalId, type OutboxEvent } from '../../common/outbox';
import type { Tx } from '../../common/mutation';
import type { Audience } from '../../domain/push/audience';
import type { Meeting, MeetingRequest } from '../../generated/prisma/client';

/**
 * Forum events. A meeting request or meeting is seen by its two participants' own people (as
 * `meetingRequests` and `meetings` show them); a published schedule concerns everyone.
 */

type Side = { enterpriseId: string | null; partnerId: string | null };

function audienceOf(sides: readonly Side[]): Partial<Audience> {
  return {
    partnerIds: sides.flatMap((s) => (s.partnerId ? [s.partnerId] : [])),
    enterpriseIds: sides.flatMap((s) => (s.enterpriseId ? [s.enterpriseId] : [])),
  };
}

/** The organisations behind these participants, for an event's audience. */
async function sidesOf(tx: Tx, participantIds: readonly string[]): Promise<Side[]> {
  return tx.forumParticipant.findMany({ where: { id: { in: [...participantIds] } }, select: { enterpriseId: true, partnerId: true } });
}

export function requestEvent(
  type: 'meeting_request.created' | 'meeting_request.accepted' | 'meeting_request.declined',
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

export async function meetingEvent(tx: Tx, type: 'meeting.scheduled' | 'meeting.moved', meeting: Meeting): Promise<OutboxEvent> {
  const seats = await tx.meetingSeat.findMany({ where: { meetingId: meeting.id }, select: { participantId: true } });
  return {
    type,
    subject: { typename: 'Meeting', id: meeting.id },
    audience: audienceOf(await sidesOf(tx, seats.map((s) => s.participantId))),
    payload: {
      id: globalId('Meeting', meeting.id),
      forumId: globalId('Forum', meeting.sessionId),
      requestId: globalId('MeetingRequest', meeting.requestId),
      slotId: globalId('ForumSlot', meeting.slotId),
      tableId: globalId('ForumTable', meeting.tableId),
    },
  };
}

export function schedulePublished(forumId: string): OutboxEvent {
  return {
    type: 'forum.schedule_published',
    subject: { typename: 'Forum', id: forumId },
    audience: { public: true },
    payload: { forumId: globalId('Forum', forumId) },
  };
}
