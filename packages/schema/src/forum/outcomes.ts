import { refuse, refuseIf, runMutation, underInput } from '../common/mutation';
import { builder } from '../builder';
import { FollowUpStageEnum } from '../common/enums';
import { payloadType } from '../common/payload';
import { userError } from '../common/user-errors';
import type { Context } from '../context';
import { COMMENT_MAX, FOLLOW_UP_EARLY_DAYS, FOLLOW_UP_MONTHS, feedbackProblems, followUpProblems, NOTE_MAX } from '../domain/forum';
import { SCOPE } from '../auth/key-scopes';
import { lockMeeting, MEETING_NOT_FOUND, seatFor } from './meeting-access';
import { FORUM_STAFF_REGION, forumRegionOf } from './service/region';
import { MeetingRef } from './types/objects';

const f = (...path: string[]) => ['input', ...path];

const MeetingFeedbackInput = builder.inputType('MeetingFeedbackInput', {
  description: 'A rating and comment from one side of a meeting that took place.',
  fields: (t) => ({
    meetingId: t.id({ required: true, description: 'Global ID of the meeting.' }),
    participantId: t.id({ description: 'Global ID of the ForumParticipant giving the feedback; default: your own side of the meeting. Staff give it.' }),
    rating: t.int({ required: true, description: '1 (poor) to 5 (excellent).' }),
    comment: t.string({ description: `Comment, at most ${COMMENT_MAX} characters.` }),
  }),
});

const MeetingFollowUpInput = builder.inputType('MeetingFollowUpInput', {
  description: `Where a meeting stood ${FOLLOW_UP_MONTHS.join(' or ')} months after the forum.`,
  fields: (t) => ({
    meetingId: t.id({ required: true, description: 'Global ID of the meeting.' }),
    monthsAfter: t.int({
      required: true,
      description: `${FOLLOW_UP_MONTHS.join(' or ')}; recorded from ${FOLLOW_UP_EARLY_DAYS} days before that many months after the forum day, once each.`,
    }),
    stage: t.field({ type: FollowUpStageEnum, required: true, description: 'The stage reached.' }),
    note: t.string({ description: `What happened, at most ${NOTE_MAX} characters.` }),
  }),
});

const MeetingFeedbackPayload = payloadType('MeetingFeedbackPayload', 'meeting', MeetingRef, 'Result of meetingFeedbackSubmit.');
const MeetingFollowUpPayload = payloadType('MeetingFollowUpPayload', 'meeting', MeetingRef, 'Result of meetingFollowUpRecord.');

async function submitFeedback(ctx: Context, input: typeof MeetingFeedbackInput.$inferInput) {
  return runMutation(ctx, {
    region: () => forumRegionOf(ctx, 'Meeting', input.meetingId, f('meetingId')),
    run: async (tx) => {
      const m = await lockMeeting(tx, ctx, input.meetingId);
      if (!m) refuse(MEETING_NOT_FOUND());
      const chosen = seatFor(ctx, m, input.participantId, 'participantId', "Only Disperin staff and a participant's own people may give its feedback.");
      if ('error' in chosen) refuse(chosen.error);
      const given = await tx.meetingFeedback.count({ where: { meetingId: m.id, participantId: chosen.seat.participantId } });
      const problems = feedbackProblems(m, { rating: input.rating, comment: input.comment, alreadyGiven: given > 0 }, ['meetingId']);
      refuseIf(underInput(problems));
      await tx.meetingFeedback.create({
        data: { meetingId: m.id, participantId: chosen.seat.participantId, rating: input.rating, comment: input.comment?.trim() ?? '', createdAt: ctx.now },
      });
      return tx.meeting.findUniqueOrThrow({ where: { id: m.id } });
    },
    onUniqueViolation: () => userError('ALREADY_RECORDED', f('meetingId'), 'This side already gave its feedback on the meeting.'),
  });
}

async function recordFollowUp(ctx: Context, input: typeof MeetingFollowUpInput.$inferInput) {
  return runMutation(ctx, {
    region: () => forumRegionOf(ctx, 'Meeting', input.meetingId, f('meetingId')),
    run: async (tx) => {
      const m = await lockMeeting(tx, ctx, input.meetingId);
      if (!m) refuse(MEETING_NOT_FOUND());
      const recorded = await tx.meetingFollowUp.count({ where: { meetingId: m.id, monthsAfter: input.monthsAfter } });
      const problems = followUpProblems(m, { monthsAfter: input.monthsAfter, note: input.note, alreadyRecorded: recorded > 0 }, ctx.now);
      refuseIf(underInput(problems));
      await tx.meetingFollowUp.create({
        data: { meetingId: m.id, monthsAfter: input.monthsAfter, stage: input.stage, note: input.note?.trim() ?? '', recordedAt: ctx.now },
      });
      return tx.meeting.update({ where: { id: m.id }, data: { updatedAt: ctx.now } });
    },
    onUniqueViolation: () => userError('ALREADY_RECORDED', f('monthsAfter'), 'This follow-up is already recorded.'),
  });
}

builder.mutationFields((t) => ({
  meetingFeedbackSubmit: t.field({
    type: MeetingFeedbackPayload,
    description: `Gives one side's rating (1–5) and comment on a meeting that took place (HELD); each side once. The side's own people (API keys need SESSIONS_WRITE) or Disperin staff for it.${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: MeetingFeedbackInput, required: true }) },
    resolve: (_root, { input }, ctx) => submitFeedback(ctx, input),
  }),
  meetingFollowUpRecord: t.field({
    type: MeetingFollowUpPayload,
    description: `Records where a meeting that took place stood 3 or 6 months after the forum (negotiation, contract, first order, financing applied, no progress); once per point in time. Either side's own people (API keys need SESSIONS_WRITE) or Disperin staff.${FORUM_STAFF_REGION}`,
    authScopes: { apiScope: SCOPE.SESSIONS_WRITE },
    args: { input: t.arg({ type: MeetingFollowUpInput, required: true }) },
    resolve: (_root, { input }, ctx) => recordFollowUp(ctx, input),
  }),
}));
