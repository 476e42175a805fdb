import { builder } from '../builder';
import { nameContains } from '../common/like';
import { OrderDirection, toOrderBy } from '../common/ordering';
import './types';

const DistrictOrderField = builder.enumType('DistrictOrderField', {
  description: 'What districts can be sorted by.',
  values: { CODE: { description: 'Kemendagri code.' }, NAME: { description: 'Name.' } },
});

const DistrictOrder = builder.inputType('DistrictOrder', {
  description: 'One sort key for districts.',
  fields: (t) => ({
    field: t.field({ type: DistrictOrderField, required: true }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC' }),
  }),
});

const DistrictFilter = builder.inputType('DistrictFilter', {
  description: 'Narrows the list of districts.',
  fields: (t) => ({
    search: t.string({ description: 'Part of the name, case-insensitive.' }),
    regencyCodes: t.stringList({ description: 'Only kecamatan of these kabupaten/kota, by Kemendagri code (e.g. "33.74").' }),
  }),
});

builder.queryFields((t) => ({
  districts: t.prismaConnection({
    type: 'District',
    cursor: 'id',
    description: 'The 576 kecamatan of Jawa Tengah (16 of them in Kota Semarang), by Kemendagri code unless ordered otherwise.',
    args: {
      filter: t.arg({ type: DistrictFilter }),
      orderBy: t.arg({ type: [DistrictOrder], description: 'Sort keys, first one wins. Default: by code.' }),
    },
    totalCount: (_parent, args, ctx) => ctx.prisma.district.count({ where: districtWhere(args.filter) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.district.findMany({
        ...query,
        where: districtWhere(args.filter),
        orderBy: toOrderBy(args.orderBy, (field, dir) => (field === 'NAME' ? { name: dir } : { code: dir }), [
          { code: 'asc' },
        ]),
      }),
  }),
  districtByCode: t.prismaField({
    type: 'District',
    nullable: true,
    description: 'A kecamatan by its Kemendagri code, e.g. "33.74.12" for Gunungpati.',
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _parent, args, ctx) => ctx.prisma.district.findUnique({ ...query, where: { code: args.code } }),
  }),
}));

function districtWhere(filter: { search?: string | null; regencyCodes?: readonly string[] | null } | null | undefined) {
  return {
    ...nameContains(filter?.search),
    ...(filter?.regencyCodes ? { regency: { code: { in: [...filter.regencyCodes] } } } : {}),
  };
}
