import { builder } from '../../builder';
import { payloadType } from '../../common/payload';
import { UserErrorRef } from '../../common/user-errors';
import { MESSAGE_MAX, PRIORITY_MAX, PRIORITY_MIN } from '../../domain/forum';
import type { AcceptResult } from '../service/requests';
import { MeetingRef, MeetingRequestRef } from './objects';

/** Inputs and payloads of the meeting-request mutations (mutations/requests.ts). */

export const MeetingRequestCreateInput = builder.inputType('MeetingRequestCreateInput', {
  description:
    'A request to meet another participant of the same forum. Sent by one of your own participants (fromParticipantId defaults to your registration at that forum); Disperin staff give fromParticipantId to send it on behalf of an IKM.',
  fields: (t) => ({
    toParticipantId: t.id({ required: true, description: 'Global ID of the ForumParticipant you want to meet.' }),
    fromParticipantId: t.id({ description: 'Global ID of the requesting ForumParticipant; default: yours at that forum.' }),
    message: t.string({ description: `Why you want to meet, at most ${MESSAGE_MAX} characters.` }),
    priority: t.int({ defaultValue: 3, description: `How much you want the meeting: ${PRIORITY_MIN} (nice to meet) to ${PRIORITY_MAX} (must meet).` }),
  }),
});

export const MeetingRequestAcceptInput = builder.inputType('MeetingRequestAcceptInput', {
  description: 'Accepts a meeting request and books the meeting.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the MeetingRequest.' }),
    slotId: t.id({
      description:
        'Global ID of the ForumSlot to meet in. Omitted: the earliest slot ahead in which both are available and free and a table is left.',
    }),
    bookNow: t.boolean({
      defaultValue: true,
      description:
        'True (default): book the meeting now. False: accept only and leave the slot to the scheduler (forumSchedule), which places every accepted request at once and usually fits more meetings than first-come booking.',
    }),
  }),
});

export const MeetingRequestIdInput = builder.inputType('MeetingRequestIdInput', {
  description: 'A meeting request.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global ID of the MeetingRequest.' }) }),
});

export const MeetingRequestCreatePayload = payloadType('MeetingRequestCreatePayload', 'request', MeetingRequestRef, 'Result of meetingRequestCreate.');
export const MeetingRequestDeclinePayload = payloadType('MeetingRequestDeclinePayload', 'request', MeetingRequestRef, 'Result of meetingRequestDecline.');
export const MeetingRequestCancelPayload = payloadType('MeetingRequestCancelPayload', 'request', MeetingRequestRef, 'Result of meetingRequestCancel.');

export const MeetingRequestAcceptPayload = builder.objectRef<AcceptResult>('MeetingRequestAcceptPayload').implement({
  description: 'Result of meetingRequestAccept: the accepted request and the meeting booked for it.',
  fields: (t) => ({
    request: t.field({ type: MeetingRequestRef, nullable: true, description: 'The request, ACCEPTED; null when userErrors is not empty.', resolve: (r) => r.request }),
    meeting: t.field({ type: MeetingRef, nullable: true, description: 'The booked meeting (slot and table); null with bookNow: false or when userErrors is not empty.', resolve: (r) => r.meeting }),
    userErrors: t.field({ type: [UserErrorRef], description: 'Problems; when present nothing was changed.', resolve: (r) => r.userErrors }),
  }),
});
