import { builder } from '../../builder';
import { policies } from '../../auth/policies';
import * as scheduling from '../service/scheduling';
import { ForumScheduleInput, ForumSchedulePayload, MeetingLockInput, MeetingLockPayload, MeetingMoveInput, MeetingMovePayload } from '../types/scheduling';

builder.mutationFields((t) => ({
  forumSchedule: t.field({
    type: ForumSchedulePayload,
    description:
      'Runs the scheduler over the forum\'s accepted requests that have no meeting yet, with the participants\' availability and caps, the tables, and the meetings already booked or locked (which stay where they are unless reoptimize), and saves the new meetings in one transaction. Reports every accepted request left without a meeting, with the reason. While SCHEDULING or SCHEDULED. Disperin staff only.',
    authScopes: policies.staff,
    args: { input: t.arg({ type: ForumScheduleInput, required: true }) },
    resolve: (_root, { input }, ctx) => scheduling.scheduleForum(ctx, input),
  }),
  meetingLock: t.field({
    type: MeetingLockPayload,
    description: 'Locks a meeting at its slot and table (the scheduler never moves it) or releases it. Disperin staff only.',
    authScopes: policies.staff,
    args: { input: t.arg({ type: MeetingLockInput, required: true }) },
    resolve: (_root, { input }, ctx) => scheduling.setLocked(ctx, input),
  }),
  meetingMove: t.field({
    type: MeetingMovePayload,
    description:
      'Moves a scheduled meeting to another slot ahead (both participants available and free there) and table, and locks it there. Disperin staff only.',
    authScopes: policies.staff,
    args: { input: t.arg({ type: MeetingMoveInput, required: true }) },
    resolve: (_root, { input }, ctx) => scheduling.moveMeeting(ctx, input),
  }),
}));
