import { builder } from '../builder';
import { escapeLike } from '../common/like';
import { FunderTypeEnum, PartnerKindEnum, SectorEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { OrderDirection, toOrderBy } from '../common/ordering';
import { searchText } from '../domain/search';
import type { Prisma } from '../generated/prisma/client';
import type { Context } from '../context';
import { districtFilterCode, kbliFilterPrefixes } from './checks';
import './types';
import { noRow } from '../common/no-row';

const PartnerOrderField = builder.enumType('PartnerOrderField', {
  description: 'What partners can be sorted by.',
  values: {
    NAME: { description: 'Name of the organisation.' },
    CREATED_AT: { description: 'When the partner was registered.' },
  },
});

const PartnerOrder = builder.inputType('PartnerOrder', {
  description: 'One sort key for partners.',
  fields: (t) => ({
    field: t.field({ type: PartnerOrderField, required: true, description: 'The sort key.' }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC', description: 'Ascending by default.' }),
  }),
});

export const PartnerFilter = builder.inputType('PartnerFilter', {
  description: 'Narrows the list of partners. Conditions combine with AND. Archived partners are left out unless includeArchived.',
  fields: (t) => ({
    kind: t.field({ type: PartnerKindEnum, description: 'Only partners of this kind.' }),
    funderType: t.field({ type: FunderTypeEnum, description: 'Only funders of this subtype.' }),
    sector: t.field({ type: SectorEnum, description: 'Only partners that seek or serve this sector.' }),
    kbliPrefix: t.string({
      description:
        'A KBLI code or prefix (2–5 digits), e.g. "25920": partners whose KBLI prefixes cover it, i.e. contain "25", "259", "2592" or "25920".',
    }),
    productCategory: t.string({ description: 'A product category slug, e.g. "komponen-mesin".' }),
    districtCode: t.string({
      description: 'A kecamatan code (NN.NN.NN, e.g. 33.74.12): partners that serve it, including those that name no kecamatan.',
    }),
    ticketCovers: t.field({
      type: 'Money',
      description: 'An amount in rupiah: funders whose ticket range contains it (a missing minimum or maximum is open-ended).',
    }),
    search: t.string({ description: 'Part of the name or of what the partner offers, case- and accent-insensitive.' }),
    includeArchived: t.boolean({ defaultValue: false, description: 'Also list archived partners.' }),
  }),
});

export type PartnerFilterShape = typeof PartnerFilter.$inferInput;

export async function partnerWhere(prisma: Context['prisma'], filter: PartnerFilterShape | null | undefined): Promise<Prisma.PartnerWhereInput> {
  const and: Prisma.PartnerWhereInput[] = [];
  if (!filter?.includeArchived) and.push({ status: 'ACTIVE' });
  if (!filter) return { AND: and };
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.funderType) and.push({ funderType: filter.funderType });
  if (filter.sector) and.push({ sectors: { has: filter.sector } });
  if (filter.kbliPrefix !== null && filter.kbliPrefix !== undefined) {
    and.push({ kbliPrefixes: { hasSome: kbliFilterPrefixes(filter.kbliPrefix) } });
  }
  if (filter.productCategory !== null && filter.productCategory !== undefined) {
    and.push({ productCategories: { has: filter.productCategory.trim().toLowerCase() } });
  }
  if (filter.districtCode !== null && filter.districtCode !== undefined) {
    const code = await districtFilterCode(prisma, filter.districtCode);
    and.push({ OR: [{ districtCodes: { has: code } }, { districtCodes: { isEmpty: true } }] });
  }
  if (filter.ticketCovers !== null && filter.ticketCovers !== undefined) {
    const amount = filter.ticketCovers;
    and.push(
      { kind: 'FUNDER' },
      { OR: [{ ticketMin: null }, { ticketMin: { lte: amount } }] },
      { OR: [{ ticketMax: null }, { ticketMax: { gte: amount } }] },
    );
  }
  const search = filter.search?.trim();
  if (search) {
    // Prisma parameterises `contains` but passes LIKE wildcards through: escape them so that "%" or
    // "_" match themselves, not everything.
    const literal = escapeLike(search);
    const folded = searchText(search);
    and.push({
      OR: [
        { name: { contains: literal, mode: 'insensitive' } },
        { offers: { contains: literal, mode: 'insensitive' } },
        ...(folded ? [{ searchText: { contains: folded } }] : []),
      ],
    });
  }
  return { AND: and };
}


type PartnerOrderFieldValue = 'NAME' | 'CREATED_AT';

builder.queryFields((t) => ({
  partners: t.prismaConnection({
    type: 'Partner',
    cursor: 'id',
    description: 'Partner organisations: buyers, suppliers, distributors and funders. Public; contact details are not.',
    args: {
      filter: t.arg({ type: PartnerFilter, description: 'Conditions, combined with AND.' }),
      orderBy: t.arg({ type: [PartnerOrder], description: 'Sort keys, first one wins. Default: by name.' }),
    },
    totalCount: async (_parent, args, ctx) => ctx.prisma.partner.count({ where: await partnerWhere(ctx.prisma, args.filter) }),
    resolve: async (query, _parent, args, ctx) =>
      ctx.prisma.partner.findMany({
        ...query,
        where: await partnerWhere(ctx.prisma, args.filter),
        orderBy: toOrderBy<PartnerOrderFieldValue, Prisma.PartnerOrderByWithRelationInput>(
          args.orderBy,
          (field, dir) => (field === 'CREATED_AT' ? { createdAt: dir } : { name: dir }),
          [{ name: 'asc' }],
        ),
      }),
  }),
  partner: t.prismaField({
    type: 'Partner',
    nullable: true,
    description: 'A partner by its global ID (archived partners too); null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'Global ID of the partner.' }) },
    resolve: (query, _parent, args, ctx) => {
      const id = idOf(String(args.id), 'Partner');
      return id ? ctx.prisma.partner.findUnique({ ...query, where: { id } }) : noRow(query);
    },
  }),
  partnerBySlug: t.prismaField({
    type: 'Partner',
    nullable: true,
    description: 'A partner by its slug, e.g. "bank-jateng-semarang".',
    args: { slug: t.arg.string({ required: true, description: 'The slug.' }) },
    resolve: (query, _parent, args, ctx) => ctx.prisma.partner.findUnique({ ...query, where: { slug: args.slug } }),
  }),
}));
