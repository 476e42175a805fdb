import { FORUM_STAFF_REGION } from '../service/region';
import { builder } from '../../builder';
import { SCOPE } from '../../auth/key-scopes';
import * as requests from '../service/requests';
import {
  MeetingRequestAcceptInput,
  MeetingRequestAcceptPayload,
  MeetingRequestCancelPayload,
  MeetingRequestCreateInput,
  MeetingRequestCreatePayload,
  MeetingRequestDeclinePayload,
  MeetingRequestIdInput,
} from '../types/requests';

builder.mutationFields((t) => ({
  meetingRequestCreate: t.field({
    type: MeetingRequestCreatePayload,
    description: `Asks another participant of the same forum for a meeting, with a message and a priority. From registration until the forum day (REGISTRATION_OPEN, SCHEDULING, SCHEDULED, IN_PROGRESS); the forum's pairing rule decides who may meet whom. The request expires after the forum's requestTtlHours (never after the last slot begins). A pending request books nothing. A participant's own people (API keys need SESSIONS_WRITE) or Disperin staff.${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: MeetingRequestCreateInput, required: true }) },
    resolve: (_root, { input }, ctx) => requests.create(ctx, input),
  }),
  meetingRequestAccept: t.field({
    type: MeetingRequestAcceptPayload,
    description: `Accepts a pending, unexpired request. Before the schedule is published (by default) the request joins the pool that forumSchedule places optimally; once SCHEDULED or IN_PROGRESS, or with bookNow: true, it books its meeting in the same transaction: the given slot, or the earliest slot ahead where both are available and free, with a free table; when none is free or a cap is reached it still joins the pool (notBooked says why). Under any concurrency no participant and no table is booked twice (row locks, then the database's unique keys; a refused insert is retried). Errors: REQUEST_EXPIRED, INVALID_TRANSITION (already answered), NO_COMMON_SLOT (the two share no slot ahead), and with a chosen slot NOT_AVAILABLE, SLOT_TAKEN, CAP_REACHED. The recipient's own people (API keys need SESSIONS_WRITE) or Disperin staff.${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: MeetingRequestAcceptInput, required: true }) },
    resolve: (_root, { input }, ctx) => requests.accept(ctx, input),
  }),
  meetingRequestDecline: t.field({
    type: MeetingRequestDeclinePayload,
    description: `Declines a pending, unexpired request. The recipient's own people (API keys need SESSIONS_WRITE) or Disperin staff.${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: MeetingRequestIdInput, required: true }) },
    resolve: (_root, { input }, ctx) => requests.decline(ctx, input.id),
  }),
  meetingRequestCancel: t.field({
    type: MeetingRequestCancelPayload,
    description: `Withdraws a request: a pending one by its requester; an accepted one by either side before its meeting begins, which frees the slot and table. Disperin staff may cancel any.${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: MeetingRequestIdInput, required: true }) },
    resolve: (_root, { input }, ctx) => requests.cancel(ctx, input.id),
  }),
}));
