import { builder } from '../../builder';
import { payloadType } from '../../common/payload';
import { type UserError, UserErrorRef } from '../../common/user-errors';
import { DEFAULT_TIME_LIMIT_MS, type ScheduleResult, type UNSCHEDULED_REASONS } from '../../domain/scheduling';
import type { PreviewAssignmentShape, PreviewShape, RunShape, UnscheduledShape } from '../service/scheduling';
import { TIME_LIMIT_MAX_MS, TIME_LIMIT_MIN_MS } from '../service/scheduling';
import { ForumRef, MeetingRef, MeetingRequestRef } from './objects';

/** Types, inputs and payloads of the scheduler (forumSchedule, schedulePreview) and of staff adjustments (meetingLock, meetingMove). */

export const UnscheduledReasonEnum = builder.enumType('UnscheduledReason', {
  description: 'Why the scheduler left an accepted request without a meeting.',
  values: {
    NO_COMMON_AVAILABILITY: { description: 'The two participants share no meeting slot (ahead) in which both are available.' },
    CAP_REACHED: { description: 'One of them already has as many meetings as its meeting cap allows.' },
    NO_FREE_SLOT: { description: 'Every shared slot is taken by fixed meetings of theirs or has no table left.' },
    OUTRANKED: { description: 'A shared slot was free, but the best schedule gave it to other meetings (more meetings, or higher priorities).' },
  } satisfies Record<(typeof UNSCHEDULED_REASONS)[number], { description: string }>,
});

const ScheduleMethodEnum = builder.enumType('ScheduleMethod', {
  description: 'Which solver produced the schedule.',
  values: {
    EXACT: { description: 'The integer-programming solver (HiGHS).' },
    HEURISTIC: { description: 'The local-search heuristic.' },
  },
});

const UnscheduledRequestRef = builder.objectRef<UnscheduledShape>('UnscheduledRequest').implement({
  description: 'An accepted request the scheduler could not place, and why.',
  fields: (t) => ({
    request: t.field({ type: MeetingRequestRef, description: 'The request.', resolve: (u) => u.request }),
    reason: t.field({ type: UnscheduledReasonEnum, description: 'Why it has no meeting.', resolve: (u) => u.reason }),
    message: t.exposeString('message', { description: 'The reason in words, naming the participants and slots.' }),
  }),
});

const ScheduleObjectiveRef = builder.objectRef<ScheduleResult['objective']>('ScheduleObjective').implement({
  description: 'What the scheduler optimises, in this order: most meetings, then highest total priority, then fewest idle gaps.',
  fields: (t) => ({
    meetings: t.exposeInt('meetings', { description: 'Meetings in the schedule, fixed ones included.' }),
    priority: t.exposeInt('priority', { description: 'Sum of the priorities (1–5) of the scheduled requests.' }),
    gaps: t.exposeInt('gaps', { description: "Idle slots between a participant's first and last meeting, summed over participants (breaks excluded)." }),
  }),
});

const ScheduleRunRef = builder.objectRef<RunShape>('ScheduleRun').implement({
  description: 'What a scheduler run did.',
  fields: (t) => ({
    createdMeetings: t.field({ type: [MeetingRef], description: 'Meetings this run booked.', resolve: (r) => r.created }),
    unscheduled: t.field({ type: [UnscheduledRequestRef], description: 'Accepted requests left without a meeting, with the reason.', resolve: (r) => r.unscheduled }),
    objective: t.field({ type: ScheduleObjectiveRef, description: 'The schedule\'s objective values.', resolve: (r) => r.result.objective }),
    method: t.field({ type: ScheduleMethodEnum, description: 'Which solver produced it.', resolve: (r) => r.result.method }),
    provenOptimal: t.boolean({
      description: 'True when the number of meetings and the total priority are proven optimal.',
      resolve: (r) => r.result.provenOptimal,
    }),
    baselineMeetings: t.int({
      description: 'Meetings a first-come, first-served pass would have placed, for comparison.',
      resolve: (r) => r.baselineMeetings,
    }),
    elapsedMs: t.int({ description: 'Time the solver took, in milliseconds.', resolve: (r) => r.elapsedMs }),
  }),
});

export const ForumScheduleInput = builder.inputType('ForumScheduleInput', {
  description: 'Runs the scheduler for a forum and saves its schedule.',
  fields: (t) => ({
    forumId: t.id({ required: true, description: 'Global ID of the forum.' }),
    timeLimitMs: t.int({
      description: `Time budget of the solver, ${TIME_LIMIT_MIN_MS} to ${TIME_LIMIT_MAX_MS} ms; ${DEFAULT_TIME_LIMIT_MS} by default.`,
    }),
    reoptimize: t.boolean({
      defaultValue: false,
      description:
        'Also plan again the meetings booked when requests were accepted (not locked, nobody checked in, slot ahead), so the whole schedule can improve. Only while the forum is SCHEDULING (a published schedule keeps its meetings).',
    }),
  }),
});

export const ForumSchedulePayload = builder
  .objectRef<{ forum: unknown; run: RunShape | null; userErrors: UserError[] }>('ForumSchedulePayload')
  .implement({
    description: 'Result of forumSchedule.',
    fields: (t) => ({
      forum: t.field({ type: ForumRef, nullable: true, description: 'The forum; null when userErrors is not empty.', resolve: (p) => p.forum as never }),
      run: t.field({ type: ScheduleRunRef, nullable: true, description: 'What the run did; null when userErrors is not empty.', resolve: (p) => p.run }),
      userErrors: t.field({ type: [UserErrorRef], description: 'Problems; when present nothing was changed.', resolve: (p) => p.userErrors }),
    }),
  });

const PreviewAssignmentRef = builder.objectRef<PreviewAssignmentShape>('SchedulePreviewAssignment').implement({
  description: 'A meeting in a previewed schedule (not saved): when and where.',
  fields: (t) => ({
    request: t.field({ type: MeetingRequestRef, description: 'The accepted request.', resolve: (a) => a.request }),
    slotLabel: t.exposeString('slotLabel', { description: 'Local time span, e.g. "13:00–13:20 WIB".' }),
    startsAt: t.field({ type: 'DateTime', description: 'When it would begin.', resolve: (a) => a.startsAt }),
    tableName: t.exposeString('tableName', { description: 'Table, e.g. "Meja 3" or "Meja tambahan 1".' }),
    locked: t.exposeBoolean('locked', { description: 'True for a meeting that stays where it is (already booked, or locked by staff).' }),
    isExtraSlot: t.exposeBoolean('isExtraSlot', { description: 'True when it needs one of the what-if slots after the day\'s end.' }),
    isExtraTable: t.exposeBoolean('isExtraTable', { description: 'True when it needs one of the what-if tables.' }),
  }),
});

export const SchedulePreviewRef = builder.objectRef<PreviewShape>('SchedulePreview').implement({
  description: 'A schedule the scheduler would build, with what-if extra tables and slots; nothing is saved.',
  fields: (t) => ({
    meetings: t.int({ description: 'Meetings in the previewed schedule, fixed ones included.', resolve: (p) => p.result.assignments.length }),
    currentMeetings: t.int({ description: 'Meetings booked in the forum now.', resolve: (p) => p.currentMeetings }),
    unscheduledCount: t.int({ description: 'Accepted requests that would stay without a meeting.', resolve: (p) => p.unscheduled.length }),
    extraTables: t.exposeInt('extraTables', { description: 'What-if tables added.' }),
    extendSlots: t.exposeInt('extendSlots', { description: 'What-if meeting slots added after the day\'s last slot.' }),
    assignments: t.field({ type: [PreviewAssignmentRef], description: 'Every meeting of the previewed schedule, by time and table.', resolve: (p) => p.assignments }),
    unscheduled: t.field({ type: [UnscheduledRequestRef], description: 'Accepted requests that would stay without a meeting, and why.', resolve: (p) => p.unscheduled }),
    objective: t.field({ type: ScheduleObjectiveRef, description: 'Objective values of the previewed schedule.', resolve: (p) => p.result.objective }),
    method: t.field({ type: ScheduleMethodEnum, description: 'Which solver produced it.', resolve: (p) => p.result.method }),
    provenOptimal: t.boolean({ description: 'True when meetings and priority are proven optimal.', resolve: (p) => p.result.provenOptimal }),
    baselineMeetings: t.int({ description: 'Meetings a first-come, first-served pass would place.', resolve: (p) => p.baselineMeetings }),
    elapsedMs: t.int({ description: 'Time the solver took, in milliseconds.', resolve: (p) => p.elapsedMs }),
  }),
});

export const MeetingLockInput = builder.inputType('MeetingLockInput', {
  description: 'Fixes a meeting where it is, or releases it.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the meeting.' }),
    locked: t.boolean({ required: true, description: 'True: the scheduler never moves it; false: reoptimize may.' }),
  }),
});

export const MeetingMoveInput = builder.inputType('MeetingMoveInput', {
  description: 'Moves a scheduled meeting to another slot (and table); the meeting is then locked there.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the meeting.' }),
    slotId: t.id({ required: true, description: 'Global ID of the target ForumSlot.' }),
    tableId: t.id({ description: 'Global ID of the target ForumTable; omitted: the first free table.' }),
  }),
});

export const MeetingLockPayload = payloadType('MeetingLockPayload', 'meeting', MeetingRef, 'Result of meetingLock.');
export const MeetingMovePayload = payloadType('MeetingMovePayload', 'meeting', MeetingRef, 'Result of meetingMove.');
