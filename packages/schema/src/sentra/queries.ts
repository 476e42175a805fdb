import { districtInRegencies, regencyCodesFilter } from '../regency/filter';
import { builder } from '../builder';
import { ProgramStageEnum, SectorEnum } from '../common/enums';
import { escapeLike } from '../common/like';
import { OrderDirection, toOrderBy } from '../common/ordering';
import type { Prisma } from '../generated/prisma/client';

const SentraOrderField = builder.enumType('SentraOrderField', {
  description: 'What sentra can be sorted by.',
  values: {
    NAME: { description: 'Name.' },
    DISTRICT_CODE: { description: 'Kemendagri code of the kecamatan.' },
    CREATED_AT: { description: 'When the sentra was registered.' },
  },
});

const SentraOrder = builder.inputType('SentraOrder', {
  description: 'One sort key for sentra.',
  fields: (t) => ({
    field: t.field({ type: SentraOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC', description: 'Sort direction; ASC by default.' }),
  }),
});

const SentraFilter = builder.inputType('SentraFilter', {
  description: 'Narrows the list of sentra. Conditions combine with AND.',
  fields: (t) => ({
    districtCode: t.string({ description: 'Kemendagri code of the kecamatan, e.g. 33.74.12.' }),
    regencyCodes: t.stringList({ description: 'Only sentra in these kabupaten/kota, by Kemendagri code (e.g. ["33.74"]).' }),
    sector: t.field({ type: SectorEnum, description: 'Main sector of the sentra.' }),
    programStage: t.field({ type: ProgramStageEnum, description: 'Stage in the Disperin empowerment programme.' }),
    search: t.string({ description: 'Part of the name, landmark or a flagship product, case-insensitive.' }),
  }),
});

type SentraFilterShape = typeof SentraFilter.$inferInput;

function sentraWhere(filter: SentraFilterShape | null | undefined): Prisma.SentraWhereInput {
  if (!filter) return {};
  const search = filter.search?.trim();
  const pattern = search ? escapeLike(search) : '';
  const regencyCodes = regencyCodesFilter(filter.regencyCodes);
  return {
    ...(regencyCodes ? { district: districtInRegencies(regencyCodes) } : {}),
    ...(filter.districtCode ? { district: { code: filter.districtCode } } : {}),
    ...(filter.sector ? { sector: filter.sector } : {}),
    ...(filter.programStage ? { programStage: filter.programStage } : {}),
    ...(search
      ? {
          OR: [
            { name: { contains: pattern, mode: 'insensitive' } },
            { landmark: { contains: pattern, mode: 'insensitive' } },
            { flagshipProducts: { has: search } },
          ],
        }
      : {}),
  };
}

builder.queryFields((t) => ({
  sentra: t.prismaConnection({
    type: 'Sentra',
    cursor: 'id',
    description: 'The Sentra IKM of the registry (all in Kota Semarang so far).',
    args: {
      filter: t.arg({ type: SentraFilter }),
      orderBy: t.arg({ type: [SentraOrder], description: 'Sort keys, first one wins. Default: by name.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.sentra.count({ where: sentraWhere(args.filter) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.sentra.findMany({
        ...query,
        where: sentraWhere(args.filter),
        orderBy: toOrderBy<typeof args.orderBy extends (infer O)[] | null | undefined ? O extends { field: infer F } ? F : never : never, Prisma.SentraOrderByWithRelationInput>(
          args.orderBy,
          (field, dir) =>
            field === 'DISTRICT_CODE' ? { district: { code: dir } } : field === 'CREATED_AT' ? { createdAt: dir } : { name: dir },
          [{ name: 'asc' }],
        ),
      }),
  }),
  sentraBySlug: t.prismaField({
    type: 'Sentra',
    nullable: true,
    description: 'A sentra by its slug, e.g. "kampung-batik-malon".',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (query, _parent, args, ctx) => ctx.prisma.sentra.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));
