import { regencyCodesFilter } from '../regency/filter';
import { builder } from '../builder';
import { filterCategories, MAX_FILTER_CATEGORIES } from '../common/categories';
import { countRows, ESTIMATED_WITHOUT_COUNTING, EXACT_COUNT_LIMIT } from '../common/counting';
import { argumentsKey, requestCache } from '../common/request-cache';
import type { Context } from '../context';
import { CertificationKindEnum, FunderTypeEnum, OpportunityKindEnum, PartnerKindEnum, SectorEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { connectionNodesArePlanned } from '../common/planned-id';
import { OrderDirection, toOrderBy } from '../common/ordering';
import type { OpportunityStatus } from '../domain/opportunity-status';
import { prefixRange, searchWords } from '../domain/search';
import type { Prisma } from '../generated/prisma/client';
import { type PageSql, pageOfIds } from '../planner/page';
import { districtFilterCode, kbliFilterPrefixes } from '../partner/checks';
import { OpportunityPosterEnum, OpportunityStatusEnum } from './types';
import { noRow } from '../common/no-row';

const OpportunityOrderField = builder.enumType('OpportunityOrderField', {
  description: 'What opportunities can be sorted by.',
  values: {
    VALID_UNTIL: { description: 'End of validity (soonest first when ascending).' },
    CREATED_AT: { description: 'When it was posted.' },
    AMOUNT: { description: 'Upper end of the amount (amountMax); opportunities without one come last.' },
    TITLE: { description: 'Title.' },
  },
});

const OpportunityOrder = builder.inputType('OpportunityOrder', {
  description: 'One sort key for opportunities.',
  fields: (t) => ({
    field: t.field({ type: OpportunityOrderField, required: true, description: 'The sort key.' }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC', description: 'Ascending by default.' }),
  }),
});

export const OpportunityFilter = builder.inputType('OpportunityFilter', {
  description:
    'Narrows the list of opportunities. Conditions combine with AND. Status conditions are evaluated against the time of the request, so EXPIRED needs no background job.',
  fields: (t) => ({
    kinds: t.field({ type: [OpportunityKindEnum], description: 'Any of these kinds.' }),
    postedBy: t.field({ type: OpportunityPosterEnum, description: 'Only those posted by partners, or only by IKM.' }),
    sector: t.field({ type: SectorEnum, description: 'Only this sector.' }),
    kbli: t.string({
      description:
        'A KBLI code or prefix (2–5 digits): opportunities tagged with a prefix of it or with a code under it. "25920" matches tags "25", "259", "2592" and "25920"; "25" also matches "2511" or "25920".',
    }),
    productCategory: t.string({ description: 'Only this product category slug, e.g. "komponen-mesin".' }),
    productCategories: t.stringList({
      description: `Any of these product category slugs (at most ${MAX_FILTER_CATEGORIES}), e.g. ["makanan-ringan", "kopi"]. Not with productCategory.`,
    }),
    districtCode: t.string({
      description: 'A kecamatan code (NN.NN.NN, e.g. 33.74.12): opportunities in it, including those for any kecamatan.',
    }),
    regencyCodes: t.stringList({
      description: 'Only opportunities posted by an IKM, or a partner with its office, in these kabupaten/kota, by Kemendagri code (e.g. ["33.74"]).',
    }),
    sentraId: t.id({ description: 'Global ID of a Sentra IKM: opportunities posted by its member enterprises.' }),
    sentraSlug: t.string({ description: 'Slug of a Sentra IKM: opportunities posted by its member enterprises.' }),
    amountAtLeast: t.field({
      type: 'Money',
      description: "Rupiah: opportunities whose amount range reaches at least this much (amountMax ≥ it, or no upper end). Leaves out opportunities without an amount.",
    }),
    amountAtMost: t.field({
      type: 'Money',
      description: 'Rupiah: opportunities whose amount range starts at or below this (amountMin ≤ it, or no lower end). Leaves out opportunities without an amount.',
    }),
    status: t.field({
      type: OpportunityStatusEnum,
      description: 'Only this status as of now: OPEN means stored OPEN and validUntil not passed; EXPIRED means stored OPEN and validUntil passed.',
    }),
    openOnly: t.boolean({ description: 'Shortcut for status: OPEN.' }),
    partnerKind: t.field({ type: PartnerKindEnum, description: 'Only those posted by partners of this kind.' }),
    funderType: t.field({ type: FunderTypeEnum, description: 'Only those posted by funders of this subtype.' }),
    requiredCertification: t.field({ type: CertificationKindEnum, description: 'Only those that require this certification.' }),
    search: t.string({
      description:
        'Words in the title, description or product category: case- and accent-insensitive, every word must appear, each as a word prefix ("keri" finds "Keripik…"); the first 8 words count. Text without letters or digits matches nothing.',
    }),
  }),
});

type Filter = typeof OpportunityFilter.$inferInput;

/** The SQL meaning of a derived status at `now` (see domain/opportunity-status.ts). */
export function statusWhere(status: OpportunityStatus, now: Date): Prisma.OpportunityWhereInput {
  switch (status) {
    case 'OPEN':
      return { status: 'OPEN', validUntil: { gte: now } };
    case 'EXPIRED':
      return { status: 'OPEN', validUntil: { lt: now } };
    default:
      return { status };
  }
}

const NOTHING: Prisma.OpportunityWhereInput = { id: { in: [] } };

/** The marketplace without a filter, in the default order of `opportunities` (newest first, ties by ID), for planner/page.ts. */
const NEWEST_FIRST: PageSql = { table: 'Opportunity', where: [], params: [], order: [['"createdAt"', 'DESC'], ['id', 'ASC']] };

/**
 * Translates an OpportunityFilter into a Prisma where: one condition of the page's statement and of
 * its count, a text search included (OpportunitySearchTerm, kept by the database).
 */
export async function opportunityWhere(ctx: Context, filter: Filter | null | undefined): Promise<Prisma.OpportunityWhereInput> {
  if (!filter) return {};
  const and: Prisma.OpportunityWhereInput[] = [];
  if (filter.kinds) and.push({ kind: { in: filter.kinds } });
  if (filter.postedBy === 'PARTNER') and.push({ partnerId: { not: null } });
  if (filter.postedBy === 'ENTERPRISE') and.push({ enterpriseId: { not: null } });
  if (filter.sector) and.push({ sector: filter.sector });
  if (filter.kbli != null) {
    // Both directions: a tag that covers the value (25 for 25920), or one that lies under it or is it
    // (2599 under 25: kbliTree, every tag's prefixes, holds 25).
    const prefixes = kbliFilterPrefixes(filter.kbli);
    const covering = prefixes.slice(0, -1);
    and.push({ OR: [{ kbliTree: { has: prefixes.at(-1)! } }, ...(covering.length > 0 ? [{ kbliPrefixes: { hasSome: covering } }] : [])] });
  }
  const categories = filterCategories(filter);
  if (categories) and.push({ productCategory: { in: categories } });
  if (filter.districtCode != null) {
    const code = await districtFilterCode(ctx.prisma, filter.districtCode);
    and.push({ OR: [{ districtCodes: { has: code } }, { districtCodes: { isEmpty: true } }] });
  }
  const regencyCodes = regencyCodesFilter(filter.regencyCodes);
  if (regencyCodes) {
    // The poster's kabupaten/kota is kept on the post (posterRegencyId): look the codes' ids up first.
    const regencies = await ctx.prisma.regency.findMany({ where: { code: { in: regencyCodes } }, select: { id: true } });
    and.push({ posterRegencyId: { in: regencies.map((r) => r.id) } });
  }
  if (filter.sentraId != null) {
    const sentraId = idOf(String(filter.sentraId), 'Sentra');
    and.push(sentraId ? { posterSentraId: sentraId } : NOTHING);
  }
  if (filter.sentraSlug != null) {
    const sentra = await ctx.prisma.sentra.findUnique({ where: { slug: filter.sentraSlug }, select: { id: true } });
    and.push(sentra ? { posterSentraId: sentra.id } : NOTHING);
  }
  if (filter.amountAtLeast != null) {
    and.push({
      OR: [{ amountMax: { gte: filter.amountAtLeast } }, { amountMax: null, amountMin: { not: null } }],
    });
  }
  if (filter.amountAtMost != null) {
    and.push({
      OR: [{ amountMin: { lte: filter.amountAtMost } }, { amountMin: null, amountMax: { not: null } }],
    });
  }
  if (filter.status) and.push(statusWhere(filter.status, ctx.now));
  if (filter.openOnly) and.push(statusWhere('OPEN', ctx.now));
  if (filter.partnerKind || filter.funderType) {
    and.push({
      partner: {
        ...(filter.partnerKind ? { kind: filter.partnerKind } : {}),
        ...(filter.funderType ? { funderType: filter.funderType } : {}),
      },
    });
  }
  if (filter.requiredCertification) and.push({ requiredCertifications: { has: filter.requiredCertification } });
  if (filter.search != null && filter.search.trim() !== '') {
    const words = searchWords(filter.search);
    // Text with nothing searchable left (only punctuation) matches nothing rather than everything.
    if (words.length === 0) and.push(NOTHING);
    for (const word of words) and.push({ searchTerms: { some: { term: prefixRange(word) } } });
  }
  return and.length > 0 ? { AND: and } : {};
}

/** The page's and its totalCount's where, built once a request (a kecamatan filter looks its code up). */
function marketplaceWhere(ctx: Context, filter: Filter | null | undefined): Promise<Prisma.OpportunityWhereInput> {
  return requestCache(ctx, `opportunityWhere:${argumentsKey(filter ?? null)}`, () => opportunityWhere(ctx, filter));
}

type OrderField = 'VALID_UNTIL' | 'CREATED_AT' | 'AMOUNT' | 'TITLE';

function orderClause(field: OrderField, dir: 'asc' | 'desc'): Prisma.OpportunityOrderByWithRelationInput {
  switch (field) {
    case 'VALID_UNTIL':
      return { validUntil: dir };
    case 'AMOUNT':
      return { amountMax: { sort: dir, nulls: 'last' } };
    case 'TITLE':
      return { title: dir };
    default:
      return { createdAt: dir };
  }
}

builder.queryFields((t) => ({
  opportunities: t.prismaConnection({
    type: 'Opportunity',
    cursor: 'id',
    description: 'The marketplace: offers and requests from partners and IKM. Public. Default order: newest first.',
    args: {
      filter: t.arg({ type: OpportunityFilter, description: 'Conditions, combined with AND.' }),
      orderBy: t.arg({ type: [OpportunityOrder], description: 'Sort keys, first one wins. Default: CREATED_AT descending.' }),
    },
    totalCount: async (_parent, args, ctx) => {
      const where = await marketplaceWhere(ctx, args.filter);
      return countRows(ctx, (prisma, take) => prisma.opportunity.count({ where, take }));
    },
    resolve: async (query, _parent, args, ctx, info) =>
      // Planned nodes are read by the planner: the marketplace's default page of ids through the driver.
      (connectionNodesArePlanned(info.fieldNodes) && !args.filter && !args.orderBy?.length ? (pageOfIds(NEWEST_FIRST, query, ctx, String(info.path.key)) as Promise<never[]> | null) : null) ??
      ctx.prisma.opportunity.findMany({
        ...query,
        where: await marketplaceWhere(ctx, args.filter),
        orderBy: toOrderBy<OrderField, Prisma.OpportunityOrderByWithRelationInput>(args.orderBy, orderClause, [
          { createdAt: 'desc' },
        ]),
      }),
  },
  {
    name: 'QueryOpportunitiesConnection',
    fields: (c) => ({
      // Replaces the plugin's undescribed totalCount; the extension keeps its count-only fast path.
      totalCount: c.int({
        description: `How many opportunities match the filter, on all pages together: exact up to ${EXACT_COUNT_LIMIT.toLocaleString('en')}; above, PostgreSQL's estimate from its table statistics (never below ${(EXACT_COUNT_LIMIT + 1).toLocaleString('en')}), since counting a province's marketplace exactly would cost more than the page. When PostgreSQL expects over ${ESTIMATED_WITHOUT_COUNTING.toLocaleString('en')} matches, its estimate is given without counting.`,
        extensions: { pothosPrismaTotalCount: true },
        resolve: (connection) => (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
      }),
    }),
  },
  { name: 'QueryOpportunitiesConnectionEdge' }),
  opportunity: t.prismaField({
    type: 'Opportunity',
    nullable: true,
    description: 'An opportunity by its global ID; null when there is none.',
    args: { id: t.arg.id({ required: true, description: 'Global ID of the opportunity.' }) },
    resolve: (query, _parent, args, ctx) => {
      const id = idOf(String(args.id), 'Opportunity');
      return id ? ctx.prisma.opportunity.findUnique({ ...query, where: { id } }) : noRow(query);
    },
  }),
}));
