import { builder } from '../../builder';
import { UserErrorRef, type UserError } from '../../common/user-errors';
import { ROSTER_COLUMNS, ROSTER_MAX_ROWS } from '../../domain/forum';
import type { MeetingRequest, ForumParticipant } from '../../generated/prisma/client';
import { BULK_MAX } from '../service/bulk';
import type { ForumProgress } from '../service/progress';
import { ForumParticipantRef, MeetingRequestRef } from './objects';

/** Inputs and payloads of an organiser's bulk work (mutations/organisers.ts) and its progress. */

export const BulkModeEnum = builder.enumType('BulkMode', {
  description: 'What a bulk mutation does when some items have problems.',
  values: {
    ALL_OR_NOTHING: { description: 'Nothing is written when any item has a problem (default).' },
    PER_ITEM: { description: 'Items without problems are written; userErrors name the others (field: input.items.<index>…).' },
  },
});

export const ForumParticipantImportInput = builder.inputType('ForumParticipantImportInput', {
  description: 'A forum roster in CSV, registered in one go.',
  fields: (t) => ({
    forumId: t.id({ required: true, description: 'Global ID of the forum.' }),
    csv: t.string({
      required: true,
      description: `The roster as CSV text (UTF-8, comma-separated, a header row, at most ${ROSTER_MAX_ROWS} rows). Columns, in any order: ${ROSTER_COLUMNS.join(', ')}. See docs/organisers.md.`,
    }),
  }),
});

interface ImportShape {
  participants: ForumParticipant[] | null;
  createdEnterprises: number | null;
  createdPartners: number | null;
  userErrors: UserError[];
}

export const ForumParticipantImportPayload = builder.objectRef<ImportShape>('ForumParticipantImportPayload').implement({
  description: 'Result of forumParticipantImport.',
  fields: (t) => ({
    participants: t.field({ type: [ForumParticipantRef], nullable: true, description: 'The registrations, in row order; null when userErrors is not empty.', resolve: (p) => p.participants }),
    createdEnterprises: t.int({ nullable: true, description: 'IKM added to the registry because the file named an NIB it did not know.', resolve: (p) => p.createdEnterprises }),
    createdPartners: t.int({ nullable: true, description: 'Partners added to the registry because the file named a slug it did not know.', resolve: (p) => p.createdPartners }),
    userErrors: t.field({
      type: [UserErrorRef],
      description: 'Every problem of every row (field: input.rows.<spreadsheet row, header = 1>.<column>); when present nothing was changed.',
      resolve: (p) => p.userErrors,
    }),
  }),
});

const MeetingRequestBulkItem = builder.inputType('MeetingRequestBulkCreateItem', {
  description: 'One request of a bulk create, sent on behalf of its requester.',
  fields: (t) => ({
    fromParticipantId: t.id({ required: true, description: 'Global ID of the requesting ForumParticipant.' }),
    toParticipantId: t.id({ required: true, description: 'Global ID of the ForumParticipant to meet.' }),
    priority: t.int({ description: '1 (nice to meet) to 5 (must meet); 3 by default.' }),
    message: t.string({ description: 'Why they want to meet.' }),
  }),
});

export const MeetingRequestBulkCreateInput = builder.inputType('MeetingRequestBulkCreateInput', {
  description: `Up to ${BULK_MAX} meeting requests of one forum.`,
  fields: (t) => ({
    forumId: t.id({ required: true, description: 'Global ID of the forum.' }),
    items: t.field({ type: [MeetingRequestBulkItem], required: true, description: `The requests, 1 to ${BULK_MAX}.` }),
    mode: t.field({ type: BulkModeEnum, description: 'ALL_OR_NOTHING (default) or PER_ITEM.' }),
  }),
});

const MeetingRequestRespondItem = builder.inputType('MeetingRequestBulkRespondItem', {
  description: 'An answer to one pending request.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global ID of the MeetingRequest.' }),
    accept: t.boolean({ required: true, description: 'True: accept into the scheduler\'s pool (nothing is booked); false: decline.' }),
  }),
});

export const MeetingRequestBulkRespondInput = builder.inputType('MeetingRequestBulkRespondInput', {
  description: `Answers to up to ${BULK_MAX} pending requests of one forum.`,
  fields: (t) => ({
    forumId: t.id({ required: true, description: 'Global ID of the forum.' }),
    items: t.field({ type: [MeetingRequestRespondItem], required: true, description: `The answers, 1 to ${BULK_MAX}.` }),
    mode: t.field({ type: BulkModeEnum, description: 'ALL_OR_NOTHING (default) or PER_ITEM.' }),
  }),
});

export function bulkPayload(name: string, description: string) {
  return builder.objectRef<{ requests: (MeetingRequest | null)[] | null; userErrors: UserError[] }>(name).implement({
    description,
    fields: (t) => ({
      requests: t.field({
        type: [MeetingRequestRef],
        nullable: { list: true, items: true },
        description: 'One entry per item, in item order: the request after the change, or null for an item not applied. Null when nothing was applied.',
        resolve: (p) => p.requests,
      }),
      userErrors: t.field({
        type: [UserErrorRef],
        description: 'Problems, with the item index in field (input.items.<index>…). ALL_OR_NOTHING: when present nothing was changed. PER_ITEM: the items named were skipped, the others applied.',
        resolve: (p) => p.userErrors,
      }),
    }),
  });
}

const ForumOperationEnum = builder.enumType('ForumOperation', {
  description: 'A long organiser operation on a forum.',
  values: {
    IMPORT: { description: 'forumParticipantImport.' },
    SCHEDULE: { description: 'forumSchedule.' },
  },
});

export const ForumProgressRef = builder.objectRef<ForumProgress>('ForumProgress').implement({
  description: 'How far the latest long operation on a forum has come, as the API process running it last recorded (a few times a second).',
  fields: (t) => ({
    operation: t.field({ type: ForumOperationEnum, description: 'Which operation.', resolve: (p) => p.operation }),
    phase: t.exposeString('phase', { description: 'What it is doing now (import: checking rows, creating registry entries, registering…; schedule: HEURISTIC, EXACT, GAPS, DONE).' }),
    done: t.exposeInt('done', { description: 'Units done: rows for an import, milliseconds of the budget for a schedule run.' }),
    total: t.exposeInt('total', { description: 'Units in all: rows, or the schedule run\'s budget in milliseconds (it usually finishes sooner).' }),
    startedAt: t.field({ type: 'DateTime', description: 'When it began.', resolve: (p) => p.startedAt }),
    updatedAt: t.field({ type: 'DateTime', description: 'Last change of phase.', resolve: (p) => p.updatedAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it ended; null while it runs.', resolve: (p) => p.finishedAt }),
  }),
});
