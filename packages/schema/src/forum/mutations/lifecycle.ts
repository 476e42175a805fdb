import { builder } from '../../builder';
import { policies } from '../../auth/policies';
import type { ForumAction } from '../../domain/forum';
import * as lifecycle from '../service/lifecycle';
import {
  ForumCreateInput,
  ForumCreatePayload,
  ForumStartSchedulingInput,
  ForumTransitionInput,
  ForumUpdateInput,
  ForumUpdatePayload,
  transitionPayload,
} from '../types/lifecycle';

builder.mutationFields((t) => ({
  forumCreate: t.field({
    type: ForumCreatePayload,
    description: 'Creates a Temu Bisnis forum in DRAFT with its slots and tables, organised by your Disperin office. Disperin staff only: an office of a kabupaten/kota holds it in a kecamatan of its own or without a kecamatan (then the forum is that office\'s alone, with the provincial office\'s).',
    authScopes: policies.staff,
    args: { input: t.arg({ type: ForumCreateInput, required: true }) },
    resolve: (_root, { input }, ctx) => lifecycle.createForum(ctx, input),
  }),
  forumUpdate: t.field({
    type: ForumUpdatePayload,
    description:
      'Changes a forum. Changing the layout (date, meeting length, times, breaks) regenerates the slots; this and replacing tables is possible in DRAFT only. Disperin staff of the forum\'s kabupaten/kota (its kecamatan\'s; without a kecamatan, its organising office\'s) or of the provincial office.',
    authScopes: policies.staff,
    args: { input: t.arg({ type: ForumUpdateInput, required: true }) },
    resolve: (_root, { input }, ctx) => lifecycle.updateForum(ctx, input),
  }),
}));

// --- Lifecycle transitions ---

const TRANSITIONS: { name: string; action: ForumAction; description: string }[] = [
  {
    name: 'forumOpenRegistration',
    action: 'OPEN_REGISTRATION',
    description:
      'DRAFT → REGISTRATION_OPEN. Needs at least one meeting slot and one table, a registration window that has not closed, and a forum day that has not begun. Disperin staff only.',
  },
  {
    name: 'forumPublishSchedule',
    action: 'PUBLISH_SCHEDULE',
    description: 'SCHEDULING → SCHEDULED: publishes the agendas. Needs at least one meeting. Disperin staff only.',
  },
  {
    name: 'forumStart',
    action: 'START',
    description: 'SCHEDULED → IN_PROGRESS, on the forum day (local date in its time zone), not before: check-in opens. Disperin staff only.',
  },
  {
    name: 'forumComplete',
    action: 'COMPLETE',
    description:
      'IN_PROGRESS → COMPLETED. Settles the day: each meeting still SCHEDULED becomes HELD when both sides checked in, NO_SHOW otherwise. Outcomes, feedback and follow-ups can still be recorded afterwards. Disperin staff only.',
  },
  {
    name: 'forumCancel',
    action: 'CANCEL',
    description:
      'Cancels a forum from any status but COMPLETED and CANCELLED: its scheduled meetings and pending requests are cancelled. Disperin staff only.',
  },
];

builder.mutationFields((t) =>
  Object.fromEntries([
    ...TRANSITIONS.map(({ name, action, description }) => [
      name,
      t.field({
        type: transitionPayload(name),
        description,
        authScopes: policies.staff,
        args: { input: t.arg({ type: ForumTransitionInput, required: true }) },
        resolve: (_root, { input }, ctx) => lifecycle.transition(ctx, action, input.id),
      }),
    ]),
    [
      'forumStartScheduling',
      t.field({
        type: transitionPayload('forumStartScheduling'),
        description:
          'REGISTRATION_OPEN → SCHEDULING: closes registration so staff can build the schedule (forumSchedule). After registrationClosesAt, or earlier with closeRegistrationEarly: true. Disperin staff only.',
        authScopes: policies.staff,
        args: { input: t.arg({ type: ForumStartSchedulingInput, required: true }) },
        resolve: (_root, { input }, ctx) => lifecycle.transition(ctx, 'START_SCHEDULING', input.id, { closeRegistrationEarly: input.closeRegistrationEarly }),
      }),
    ],
  ]),
);
