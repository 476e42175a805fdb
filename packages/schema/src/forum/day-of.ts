import { builder } from '../builder';
import { policies } from '../auth/policies';
import { MeetingOutcomeEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { refuse, refuseIf, runMutation, underInput } from '../common/mutation';
import { FORUM_STAFF_REGION, forumRegionOf } from './service/region';
import { payloadType } from '../common/payload';
import { checkMoney } from '../partner/checks';
import { userError } from '../common/user-errors';
import type { Context } from '../context';
import { checkInProblems, noShowProblems, outcomeProblems, outcomeValueProblems } from '../domain/forum';
import { SCOPE } from '../auth/key-scopes';
import { lockMeeting, MEETING_NOT_FOUND, seatFor } from './meeting-access';
import { MeetingRef } from './types/objects';

const f = (...path: string[]) => ['input', ...path];

const MeetingCheckInInput = builder.inputType('MeetingCheckInInput', {
  description: 'Checks one participant in at its meeting (per seat).',
  fields: (t) => ({
    meetingId: t.id({ required: true, description: 'Global ID of the meeting.' }),
    participantId: t.id({ description: 'Global ID of the ForumParticipant checking in; default: your own side of the meeting.' }),
  }),
});

const MeetingNoShowInput = builder.inputType('MeetingNoShowInput', {
  description: 'Records that a meeting did not take place because a side did not come.',
  fields: (t) => ({
    meetingId: t.id({ required: true, description: 'Global ID of the meeting.' }),
    absentParticipantId: t.id({ description: 'Global ID of the ForumParticipant that did not come (it must not have checked in); omitted: not recorded.' }),
  }),
});

const MeetingOutcomeInput = builder.inputType('MeetingOutcomeInput', {
  description: 'What a meeting led to.',
  fields: (t) => ({
    meetingId: t.id({ required: true, description: 'Global ID of the meeting.' }),
    outcome: t.field({ type: MeetingOutcomeEnum, required: true, description: 'DEAL, FOLLOW_UP or NO_INTEREST.' }),
    dealValue: t.field({ type: 'Money', description: 'Value of the deal in rupiah, above Rp0: required with DEAL, refused otherwise.' }),
  }),
});

const MeetingCheckInPayload = payloadType('MeetingCheckInPayload', 'meeting', MeetingRef, 'Result of meetingCheckIn.');
const MeetingNoShowPayload = payloadType('MeetingNoShowPayload', 'meeting', MeetingRef, 'Result of meetingMarkNoShow.');
const MeetingOutcomePayload = payloadType('MeetingOutcomePayload', 'meeting', MeetingRef, 'Result of meetingOutcomeRecord.');

const NOT_YOUR_SEAT = 'Only Disperin staff and a participant\'s own people may check it in.';

async function checkIn(ctx: Context, input: typeof MeetingCheckInInput.$inferInput) {
  return runMutation(ctx, {
    region: () => forumRegionOf(ctx, 'Meeting', input.meetingId, f('meetingId')),
    run: async (tx) => {
      const m = await lockMeeting(tx, ctx, input.meetingId);
      if (!m) refuse(MEETING_NOT_FOUND());
      const chosen = seatFor(ctx, m, input.participantId, 'participantId', NOT_YOUR_SEAT);
      if ('error' in chosen) refuse(chosen.error);
      const problems = checkInProblems({ ...m, checkedInAt: chosen.seat.checkedInAt }, ['participantId']);
      refuseIf(underInput(problems));
      await tx.meetingSeat.updateMany({ where: { meetingId: m.id, participantId: chosen.seat.participantId }, data: { checkedInAt: ctx.now } });
      const bothIn = m.seats.every((s) => s.participantId === chosen.seat.participantId || s.checkedInAt);
      return tx.meeting.update({
        where: { id: m.id },
        data: { status: bothIn && m.status === 'SCHEDULED' ? 'HELD' : undefined, updatedAt: ctx.now },
      });
    },
  });
}

async function noShow(ctx: Context, input: typeof MeetingNoShowInput.$inferInput) {
  return runMutation(ctx, {
    region: () => forumRegionOf(ctx, 'Meeting', input.meetingId, f('meetingId')),
    run: async (tx) => {
      const m = await lockMeeting(tx, ctx, input.meetingId);
      if (!m) refuse(MEETING_NOT_FOUND());
      let absentCheckedIn = false;
      if (input.absentParticipantId != null) {
        const pid = idOf(String(input.absentParticipantId), 'ForumParticipant');
        const seat = m.seats.find((s) => s.participantId === pid);
        if (!seat) refuse(userError('INVALID_VALUE', f('absentParticipantId'), 'This participant has no seat at the meeting.'));
        absentCheckedIn = seat.checkedInAt !== null;
      }
      const problems = noShowProblems(
        { ...m, absentCheckedIn, bothCheckedIn: m.seats.every((s) => s.checkedInAt) },
        ctx.now,
        ['meetingId'],
      );
      refuseIf(underInput(problems));
      return tx.meeting.update({ where: { id: m.id }, data: { status: 'NO_SHOW', updatedAt: ctx.now } });
    },
  });
}

async function recordOutcome(ctx: Context, input: typeof MeetingOutcomeInput.$inferInput) {
  const valueErrors = [...underInput(outcomeValueProblems(input.outcome, input.dealValue)), ...checkMoney(input.dealValue, f('dealValue'))];
  return runMutation(ctx, {
    region: () => forumRegionOf(ctx, 'Meeting', input.meetingId, f('meetingId')),
    run: async (tx) => {
      const m = await lockMeeting(tx, ctx, input.meetingId);
      if (!m) refuse(MEETING_NOT_FOUND());
      const errors = [...underInput(outcomeProblems(m, ctx.now, ['meetingId'])), ...valueErrors];
      refuseIf(errors);
      return tx.meeting.update({
        where: { id: m.id },
        data: { status: 'HELD', outcome: input.outcome, dealValue: input.outcome === 'DEAL' ? input.dealValue! : null, updatedAt: ctx.now },
      });
    },
  });
}

builder.mutationFields((t) => ({
  meetingCheckIn: t.field({
    type: MeetingCheckInPayload,
    description: `Checks one side in at its meeting, on the forum day (IN_PROGRESS). When both sides are in, the meeting is HELD. Disperin staff (at the desk) or the participant's own people (API keys need SESSIONS_WRITE).${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: MeetingCheckInInput, required: true }) },
    resolve: (_root, { input }, ctx) => checkIn(ctx, input),
  }),
  meetingMarkNoShow: t.field({
    type: MeetingNoShowPayload,
    description:
      'Marks a meeting NO_SHOW once its slot has begun (on or after the forum day), unless both sides checked in or an outcome is recorded. Disperin staff only.',
    authScopes: policies.staff,
    args: { input: t.arg({ type: MeetingNoShowInput, required: true }) },
    resolve: (_root, { input }, ctx) => noShow(ctx, input),
  }),
  meetingOutcomeRecord: t.field({
    type: MeetingOutcomePayload,
    description: `Records what a meeting led to (DEAL with its value in rupiah, FOLLOW_UP, NO_INTEREST) once its slot has begun, on the forum day or after it; the meeting is then HELD. Recording again replaces the outcome (a FOLLOW_UP that became a DEAL). Not for a no-show. Disperin staff or either side's own people (API keys need SESSIONS_WRITE).${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: MeetingOutcomeInput, required: true }) },
    resolve: (_root, { input }, ctx) => recordOutcome(ctx, input),
  }),
}));

