import { districtInRegencies, regencyCodesFilter } from '../regency/filter';
import { builder } from '../builder';
import { policies } from '../auth/policies';
import { ForumStatusEnum } from '../common/enums';
import { OrderDirection, toOrderBy } from '../common/ordering';
import type { Prisma } from '../generated/prisma/client';
import { visibleForumsWhere } from './access';
import * as scheduling from './service/scheduling';
import { MAX_EXTRA_SLOTS, MAX_EXTRA_TABLES, TIME_LIMIT_MAX_MS, TIME_LIMIT_MIN_MS } from './service/scheduling';
import { SchedulePreviewRef } from './types/scheduling';

const ForumOrderField = builder.enumType('ForumOrderField', {
  description: 'What forums can be sorted by.',
  values: {
    DATE: { description: 'The forum day.' },
    TITLE: { description: 'Title.' },
    CREATED_AT: { description: 'When the forum was created.' },
  },
});

const ForumOrder = builder.inputType('ForumOrder', {
  description: 'One sort key for forums.',
  fields: (t) => ({
    field: t.field({ type: ForumOrderField, required: true }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC' }),
  }),
});

const ForumFilter = builder.inputType('ForumFilter', {
  description: 'Narrows the list of forums. Conditions combine with AND.',
  fields: (t) => ({
    status: t.field({ type: [ForumStatusEnum], description: 'Any of these statuses.' }),
    from: t.field({ type: 'Date', description: 'Forums on or after this day.' }),
    to: t.field({ type: 'Date', description: 'Forums on or before this day.' }),
    regencyCodes: t.stringList({ description: 'Only forums whose venue is in these kabupaten/kota, by Kemendagri code (e.g. ["33.74"]); leaves out forums without a kecamatan.' }),
  }),
});

function forumWhere(filter: typeof ForumFilter.$inferInput | null | undefined): Prisma.MatchmakingSessionWhereInput {
  if (!filter) return {};
  const regencyCodes = regencyCodesFilter(filter.regencyCodes);
  return {
    ...(regencyCodes ? { district: districtInRegencies(regencyCodes) } : {}),
    ...(filter.status?.length ? { status: { in: filter.status } } : {}),
    ...(filter.from || filter.to ? { date: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lte: filter.to } : {}) } } : {}),
  };
}

builder.queryFields((t) => ({
  forums: t.prismaConnection({
    type: 'MatchmakingSession',
    cursor: 'id',
    description: "Temu Bisnis forums, by date (newest first by default). Drafts are listed for the Disperin staff of their kabupaten/kota (its office's, or the provincial office's) only.",
    args: {
      filter: t.arg({ type: ForumFilter }),
      orderBy: t.arg({ type: [ForumOrder], description: 'Sort keys, first one wins. Default: newest forum day first.' }),
    },
    totalCount: (_parent, args, ctx) =>
      ctx.prisma.matchmakingSession.count({ where: { AND: [forumWhere(args.filter), visibleForumsWhere(ctx.viewer)] } }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.matchmakingSession.findMany({
        ...query,
        where: { AND: [forumWhere(args.filter), visibleForumsWhere(ctx.viewer)] },
        orderBy: toOrderBy<'DATE' | 'TITLE' | 'CREATED_AT', Prisma.MatchmakingSessionOrderByWithRelationInput>(
          args.orderBy,
          (field, dir) => (field === 'TITLE' ? { title: dir } : field === 'CREATED_AT' ? { createdAt: dir } : { date: dir }),
          [{ date: 'desc' }],
        ),
      }),
  }),
  forumBySlug: t.prismaField({
    type: 'MatchmakingSession',
    nullable: true,
    description: 'A forum by its slug, e.g. "temu-bisnis-ikm-semarang-2027"; null when there is none you may see.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.matchmakingSession.findFirst({ ...query, where: { slug: args.slug, ...visibleForumsWhere(ctx.viewer) } }),
  }),
}));

builder.queryField('schedulePreview', (t) =>
  t.field({
    type: SchedulePreviewRef,
    nullable: true,
    description:
      'What the scheduler would do for a forum, without saving anything: answers what-if questions such as "how many more meetings with 2 more tables?" (extraTables) or "with 3 more slots at the end of the day?" (extendSlots; participants available in the last slot are taken to stay for them). Meetings already booked stay where they are unless reoptimize. Null when the forum does not exist or is of another kabupaten/kota than your office\'s (the provincial office: any). Disperin staff only.',
    authScopes: policies.staff,
    args: {
      forumId: t.arg.id({ required: true, description: 'Global ID of the forum.' }),
      extraTables: t.arg.int({ defaultValue: 0, description: `Tables to add, 0 to ${MAX_EXTRA_TABLES}.` }),
      extendSlots: t.arg.int({ defaultValue: 0, description: `Meeting slots to add after the last slot, 0 to ${MAX_EXTRA_SLOTS}.` }),
      reoptimize: t.arg.boolean({ defaultValue: false, description: 'Plan again the unlocked meetings nobody checked in to.' }),
      timeLimitMs: t.arg.int({ description: `Solver budget, ${TIME_LIMIT_MIN_MS} to ${TIME_LIMIT_MAX_MS} ms; ${TIME_LIMIT_MAX_MS} by default.` }),
    },
    resolve: (_root, args, ctx) => scheduling.preview(ctx, args),
  }),
);
