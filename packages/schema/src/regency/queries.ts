import { builder } from '../builder';
import { nameContains } from '../common/like';
import './types';

const RegencyFilter = builder.inputType('RegencyFilter', {
  description: 'Narrows the list of kabupaten/kota.',
  fields: (t) => ({
    search: t.string({ description: 'Part of the name, case-insensitive, e.g. "demak".' }),
  }),
});

builder.queryFields((t) => ({
  regencies: t.prismaConnection({
    type: 'Regency',
    cursor: 'id',
    description: 'The 35 kabupaten/kota of Jawa Tengah, by Kemendagri code.',
    args: { filter: t.arg({ type: RegencyFilter }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.regency.count({ where: nameContains(args.filter?.search) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.regency.findMany({ ...query, where: nameContains(args.filter?.search), orderBy: [{ code: 'asc' }] }),
  }),
  regencyByCode: t.prismaField({
    type: 'Regency',
    nullable: true,
    description: 'A kabupaten/kota by its Kemendagri code, e.g. "33.21" for Kabupaten Demak; null for a code the registry does not know.',
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _parent, args, ctx) => ctx.prisma.regency.findUnique({ ...query, where: { code: args.code.trim() } }),
  }),
}));
