import { builder } from '../../builder';
import { policies } from '../../auth/policies';
import { idOf } from '../../common/global-id';
import { staffReadsForum } from '../../auth/region';
import * as bulk from '../service/bulk';
import { progressOf } from '../service/progress';
import { importRoster } from '../service/roster';
import {
  bulkPayload,
  ForumParticipantImportInput,
  ForumParticipantImportPayload,
  ForumProgressRef,
  MeetingRequestBulkCreateInput,
  MeetingRequestBulkRespondInput,
} from '../types/organisers';

/** An organiser's bulk work: a forum set up in a handful of calls (docs/organisers.md). */

const MeetingRequestBulkCreatePayload = bulkPayload('MeetingRequestBulkCreatePayload', 'Result of meetingRequestBulkCreate.');
const MeetingRequestBulkRespondPayload = bulkPayload('MeetingRequestBulkRespondPayload', 'Result of meetingRequestBulkRespond.');

builder.mutationFields((t) => ({
  forumParticipantImport: t.field({
    type: ForumParticipantImportPayload,
    description:
      'Registers a whole roster from CSV (name, nib or partner, role, availability, cap, attendees; sector, district and founded for an IKM the registry does not know yet). IKM and partners missing from the registry are created. Every row is checked first and every problem reported with its row and column, never its value; nothing is written when there is any. Poll forumProgress while it runs. Disperin staff only.',
    authScopes: policies.staff,
    args: { input: t.arg({ type: ForumParticipantImportInput, required: true }) },
    resolve: (_root, { input }, ctx) => importRoster(ctx, input),
  }),
  meetingRequestBulkCreate: t.field({
    type: MeetingRequestBulkCreatePayload,
    description: `Sends up to ${bulk.BULK_MAX} meeting requests of one forum on behalf of their requesters, with the same rules as meetingRequestCreate. All or nothing by default; mode PER_ITEM applies the items without problems. Disperin staff only.`,
    authScopes: policies.staff,
    args: { input: t.arg({ type: MeetingRequestBulkCreateInput, required: true }) },
    resolve: (_root, { input }, ctx) => bulk.createMany(ctx, input),
  }),
  meetingRequestBulkRespond: t.field({
    type: MeetingRequestBulkRespondPayload,
    description: `Accepts (into the scheduler's pool) or declines up to ${bulk.BULK_MAX} pending requests of one forum. All or nothing by default; mode PER_ITEM applies the items without problems. Then forumSchedule places every accepted request at once. Disperin staff only.`,
    authScopes: policies.staff,
    args: { input: t.arg({ type: MeetingRequestBulkRespondInput, required: true }) },
    resolve: (_root, { input }, ctx) => bulk.respondMany(ctx, input),
  }),
}));

builder.queryField('forumProgress', (t) =>
  t.field({
    type: ForumProgressRef,
    nullable: true,
    description:
      'How far the latest roster import or schedule run of a forum has come, to poll while its mutation runs (about once a second). Null when none has run for the forum, or the forum is of another kabupaten/kota than your office\'s (the provincial office: any). Any API process answers it: the record is kept in the database. Disperin staff only.',
    authScopes: policies.staff,
    args: { forumId: t.arg.id({ required: true, description: 'Global ID of the forum.' }) },
    resolve: async (_root, { forumId }, ctx) => {
      const id = idOf(String(forumId), 'Forum');
      // Another kabupaten/kota's forum reads as one without progress to a regional officer (common/region.ts).
      return id && (await staffReadsForum(ctx, id)) ? progressOf(ctx.prisma, id) : null;
    },
  }),
);
