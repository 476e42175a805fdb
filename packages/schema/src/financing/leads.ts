import { prefixRange } from '../domain/search';
import { badFilter } from '../common/errors';
import { SCOPE } from '../auth/key-scopes';
import { callingFunderOf, policies } from '../auth/policies';
import { DISTRICT_CODE_RULE, isDistrictCode } from '../district/codes';
import { builder } from '../builder';
import { ConsentScopeEnum, FinancingPurposeEnum, LeadStatusEnum, SectorEnum, SizeClassEnum } from '../common/enums';
import { idOf } from '../common/global-id';
import { OrderDirection, toOrderBy } from '../common/ordering';
import { connectionNodesArePlanned } from '../common/planned-id';
import { argumentsKey, requestCache } from '../common/request-cache';
import { auditProtectedRead, enterprisesWithScope } from '../consent/access';
import type { Context } from '../context';
import { businessAgeMonths } from '../domain/business-age';
import { K_ANONYMITY } from '../domain/anonymity';
import { amountBandDefinition } from '../domain/consent';
import { parseKbliPrefix } from '../domain/kbli';
import { semarangToday } from '../enterprise/size';
import type { Prisma } from '../generated/prisma/client';
import type { Sector } from '../generated/prisma/enums';
import { directoryReleases, releasedWhere } from './anonymity';
import { plainLeadPage } from './lead-plan';
import { assess, READINESS_SELECT, ReadinessVerdictEnum } from './readiness';
import { NO_ID } from '../domain/identifiers/uuid';
import { AmountBandEnum, FinancingLeadRef, leadVisibility } from './types';

const MAX_AGE_MONTHS = 1200;

const CONSENT_ONLY = 'Identifying: matches only leads whose enterprise gives you an active consent (any scope), never an anonymised one.';
const NEEDS_ONLY = 'The exact amount is NEEDS data: matches only leads whose enterprise gives you consent with scope NEEDS, never an anonymised one.';

export const FinancingLeadFilter = builder.inputType('FinancingLeadFilter', {
  description: `Narrows your financing leads; conditions combine with AND. An invalid value (a KBLI prefix of 1 digit, a malformed kecamatan code, a negative age) is a BAD_USER_INPUT error naming the field, never an empty list.

Privacy: an anonymised lead (no consent) can be told apart only by what it shows — its released sector and kecamatan, amount band, purpose and whether it is open — so every filter, sort, count and the CSV export keep it among at least ${K_ANONYMITY} active IKM of the public directory. amountBand, purpose, sector and districtCode match an anonymised lead on what it shows (a sector or kecamatan it does not show never matches). The identifying filters (kbliPrefix, sentraId, sentraSlug, sizeClass, minBusinessAgeMonths) and the exact-amount filters (amountAtLeast, amountAtMost) match only leads under consent; verdict only leads under FINANCIALS consent (audited for the leads returned).`,
  fields: (t) => ({
    amountBand: t.field({ type: AmountBandEnum, description: 'Only leads whose amount falls in this KUR band (shown on every lead).' }),
    amountAtLeast: t.field({ type: 'Money', description: `Only leads asking for at least this many rupiah. ${NEEDS_ONLY}` }),
    amountAtMost: t.field({ type: 'Money', description: `Only leads asking for at most this many rupiah. ${NEEDS_ONLY}` }),
    purpose: t.field({ type: FinancingPurposeEnum, description: 'Only leads for this purpose (shown on every lead).' }),
    sector: t.field({
      type: SectorEnum,
      description: "Only leads of enterprises in this manufacturing sector: under consent the enterprise's sector, otherwise the sector the anonymised lead shows.",
    }),
    kbliPrefix: t.string({
      description: `Only leads of enterprises registered under a KBLI code starting with this prefix of 2 to 5 digits, e.g. "10" (food) or "13134" (batik). ${CONSENT_ONLY}`,
    }),
    districtCode: t.string({
      description: 'Only leads of enterprises in this kecamatan, by Kemendagri code NN.NN.NN, e.g. "33.74.12" for Gunungpati: under consent the enterprise\'s kecamatan, otherwise the kecamatan the anonymised lead shows.',
    }),
    sentraId: t.id({ description: `Only leads of members of this Sentra IKM (global ID). ${CONSENT_ONLY}` }),
    sentraSlug: t.string({ description: `Only leads of members of this Sentra IKM (slug), e.g. "kampung-batik-malon". ${CONSENT_ONLY}` }),
    sizeClass: t.field({
      type: SizeClassEnum,
      description: `Only leads of enterprises of this size class under PP 7/2021 art. 35 (the public sizeClass of the profile). ${CONSENT_ONLY}`,
    }),
    minBusinessAgeMonths: t.int({
      description: `Only leads of enterprises that have run at least this many whole months as of today in Semarang (0 to ${MAX_AGE_MONTHS}); KUR asks for 6. ${CONSENT_ONLY}`,
    }),
    verdict: t.field({
      type: ReadinessVerdictEnum,
      description:
        'Only leads whose KUR readiness verdict, as of today, is this one. Readiness reads financial data, so only leads whose enterprise gives you FINANCIALS consent can match; each lead returned is audited as a read of its verdict. Computed in the application by the readiness rules (not in SQL), over the consented candidates, before paging.',
    }),
    consentScope: t.field({
      type: ConsentScopeEnum,
      description: 'Only leads whose enterprise currently gives you consent covering this scope.',
    }),
    status: t.field({
      type: LeadStatusEnum,
      description: 'Only leads at this status in YOUR pipeline; NEW includes leads you have not acted on.',
    }),
  }),
});

const FinancingLeadOrderField = builder.enumType('FinancingLeadOrderField', {
  description: 'What financing leads can be sorted by.',
  values: {
    CREATED_AT: { description: `When the enterprise stated the need. A NEEDS field: sorting by it lists only leads under consent with scope NEEDS (an order of anonymised leads by date or amount would join them to public opportunities).` },
    AMOUNT: { description: 'Amount sought. A NEEDS field: sorting by it lists only leads under consent with scope NEEDS.' },
  },
});

const FinancingLeadOrder = builder.inputType('FinancingLeadOrder', {
  description: 'One sort key for financing leads.',
  fields: (t) => ({
    field: t.field({ type: FinancingLeadOrderField, required: true, description: 'What to sort by.' }),
    direction: t.field({ type: OrderDirection, defaultValue: 'ASC', description: 'Sort direction; ASC by default.' }),
  }),
});

export type LeadFilter = typeof FinancingLeadFilter.$inferInput;
type LeadOrder = typeof FinancingLeadOrder.$inferInput;

const DAY_MS = 86_400_000;

/**
 * The latest founding date with a business age of at least `months` on `today`, found with the
 * domain's own businessAgeMonths (month-end rules included) rather than a second formula.
 */
export function latestFoundingFor(months: number, today: Date): Date {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  let candidate = new Date(Date.UTC(y, m, Math.min(today.getUTCDate(), lastDay)));
  while (businessAgeMonths(candidate, today) < months) candidate = new Date(candidate.getTime() - DAY_MS);
  for (;;) {
    const next = new Date(candidate.getTime() + DAY_MS);
    if (next > today || businessAgeMonths(next, today) < months) return candidate;
    candidate = next;
  }
}

const NOTHING: Prisma.FinancingNeedWhereInput = { id: { in: [] } };

/** Sort keys that read NEEDS data: given any, only leads under NEEDS consent are listed. */
const NEEDS_ORDER_FIELDS: ReadonlySet<LeadOrder['field']> = new Set(['AMOUNT', 'CREATED_AT']);

async function buildWhere(
  filter: LeadFilter | null | undefined,
  orderBy: readonly LeadOrder[] | null | undefined,
  ctx: Context,
): Promise<Prisma.FinancingNeedWhereInput> {
  const funder = callingFunderOf(ctx.viewer);
  const funderId = funder?.id ?? NO_ID;
  const and: Prisma.FinancingNeedWhereInput[] = [leadVisibility(ctx)];
  // Identifying conditions match only leads under consent (any scope); exact amounts and their order only under NEEDS.
  const identifying: Prisma.EnterpriseWhereInput[] = [];
  let needsOnly = orderBy?.some((o) => NEEDS_ORDER_FIELDS.has(o.field)) ?? false;
  const shown: { sector?: Sector; districtId?: string } = {};
  if (filter) {
    if (filter.amountBand) {
      const band = amountBandDefinition(filter.amountBand);
      and.push({ amount: { ...(band.above !== null ? { gt: band.above } : {}), ...(band.upTo !== null ? { lte: band.upTo } : {}) } });
    }
    if (filter.amountAtLeast != null) and.push({ amount: { gte: filter.amountAtLeast } });
    if (filter.amountAtMost != null) and.push({ amount: { lte: filter.amountAtMost } });
    if (filter.amountAtLeast != null || filter.amountAtMost != null) needsOnly = true;
    if (filter.purpose) and.push({ purpose: filter.purpose });
    if (filter.sector) shown.sector = filter.sector;
    if (filter.kbliPrefix != null) {
      const parsed = parseKbliPrefix(filter.kbliPrefix);
      if (!parsed.ok) throw badFilter('kbliPrefix', parsed.message);
      identifying.push({ kbliCodes: { some: { code: prefixRange(parsed.value) } } });
    }
    if (filter.districtCode != null) {
      const code = filter.districtCode.trim();
      const district = isDistrictCode(code) ? await ctx.prisma.district.findUnique({ where: { code }, select: { id: true } }) : null;
      if (!district) throw badFilter('districtCode', `must be ${DISTRICT_CODE_RULE}.`);
      shown.districtId = district.id;
    }
    if (filter.sentraId != null) {
      const id = idOf(String(filter.sentraId), 'Sentra');
      if (!id) throw badFilter('sentraId', 'is not the global ID of a Sentra.');
      identifying.push({ sentraId: id });
    }
    if (filter.sentraSlug != null) identifying.push({ sentra: { slug: filter.sentraSlug.trim() } });
    if (filter.sizeClass) identifying.push({ sizeClass: filter.sizeClass });
    if (filter.minBusinessAgeMonths != null) {
      const months = filter.minBusinessAgeMonths;
      if (months < 0 || months > MAX_AGE_MONTHS) throw badFilter('minBusinessAgeMonths', `must be 0 to ${MAX_AGE_MONTHS}.`);
      identifying.push({ foundedOn: { lte: latestFoundingFor(months, semarangToday(ctx.now)) } });
    }
    if (filter.consentScope) and.push({ enterpriseId: { in: await enterprisesWithScope(filter.consentScope, ctx) } });
    if (filter.status === 'NEW') {
      and.push({ OR: [{ reviews: { none: { funderId } } }, { reviews: { some: { funderId, status: 'NEW' } } }] });
    } else if (filter.status) {
      and.push({ reviews: { some: { funderId, status: filter.status } } });
    }
  }
  if (identifying.length > 0) and.push({ enterpriseId: { in: await enterprisesWithScope(null, ctx) }, enterprise: { AND: identifying } });
  if (needsOnly) and.push({ enterpriseId: { in: await enterprisesWithScope('NEEDS', ctx) } });
  if (shown.sector !== undefined || shown.districtId !== undefined) {
    // Under consent the enterprise's own sector and kecamatan; anonymised, what the lead shows.
    const consented = await enterprisesWithScope(null, ctx);
    const raw: Prisma.EnterpriseWhereInput = { ...(shown.sector ? { sector: shown.sector } : {}), ...(shown.districtId ? { districtId: shown.districtId } : {}) };
    and.push({
      OR: [
        { enterpriseId: { in: consented }, enterprise: raw },
        { enterpriseId: { notIn: consented }, enterprise: releasedWhere(await directoryReleases(ctx), shown) },
      ],
    });
  }

  if (filter?.verdict) {
    // Readiness is the domain's rules over financial data: evaluated here, in one statement for
    // every candidate, only among leads whose enterprise gave the caller FINANCIALS consent.
    const consented = await enterprisesWithScope('FINANCIALS', ctx);
    if (consented.length === 0) return NOTHING;
    const candidates = await ctx.prisma.financingNeed.findMany({
      where: { AND: [...and, { enterpriseId: { in: consented } }] },
      select: { id: true, amount: true, enterprise: { select: READINESS_SELECT } },
    });
    const ids = candidates.filter((c) => assess(c.enterprise, c.amount, ctx).verdict === filter.verdict).map((c) => c.id);
    return { id: { in: ids } };
  }
  return { AND: and };
}

/** The where of one filter and order, built once per request: nodes and totalCount share it. */
export function financingLeadWhere(
  filter: LeadFilter | null | undefined,
  orderBy: readonly LeadOrder[] | null | undefined,
  ctx: Context,
): Promise<Prisma.FinancingNeedWhereInput> {
  const key = argumentsKey([filter ?? null, orderBy ?? null]);
  return requestCache(ctx, `financingLeads:${key}`, () => buildWhere(filter, orderBy, ctx));
}

type OrderField = LeadOrder['field'];

export function financingLeadOrderBy(orders: readonly LeadOrder[] | null | undefined) {
  return toOrderBy<OrderField, Prisma.FinancingNeedOrderByWithRelationInput>(
    orders,
    (field, dir) => (field === 'AMOUNT' ? { amount: dir } : { createdAt: dir }),
    // By ID: random UUIDs (FinancingNeed.id is uuid(4)), an order that says nothing about a lead.
    [],
  );
}

builder.queryField('financingLeads', (t) =>
  t.prismaConnection(
    {
      type: FinancingLeadRef,
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      description:
        "Your financing leads, as a funder (a person of a FUNDER partner, or its API key with scope LEADS_READ): the OPEN financing needs of active IKM, plus every need already in your own pipeline. Anonymised unless the enterprise consents (see FinancingLead); what you can learn about an anonymised lead through fields, filters, sorts, counts and the CSV export together keeps it among at least 5 active IKM of the public directory. Everyone else gets FORBIDDEN: buyers, suppliers, distributors and staff never see a funder's pipeline. Default order: by ID, which says nothing about a lead; sorting by CREATED_AT or AMOUNT lists only leads under NEEDS consent. The number of SQL statements does not grow with the page size; a verdict filter adds a fixed two (the consented candidates with their figures).",
      authScopes: policies.funder(SCOPE.LEADS_READ),
      args: {
        filter: t.arg({ type: FinancingLeadFilter, description: 'Conditions; all must hold.' }),
        orderBy: t.arg({ type: [FinancingLeadOrder], description: 'Sort keys, first one wins; ties by ID. Default: by ID. CREATED_AT and AMOUNT list only leads under NEEDS consent.' }),
      },
      totalCount: async (_root, args, ctx) => ctx.prisma.financingNeed.count({ where: await financingLeadWhere(args.filter, args.orderBy, ctx) }),
      resolve: async (query, _root, args, ctx, info) => {
        // Planned nodes (lead-plan.ts) are read by the planner: the page needs only their ids.
        const planned = connectionNodesArePlanned(info.fieldNodes);
        const plain = planned ? plainLeadPage(query, Boolean(args.filter || args.orderBy?.length), ctx, String(info.path.key)) : null;
        // Rows of ids only: the planned nodes read nothing else of them.
        if (plain) return plain as Promise<never[]>;
        const rows = await ctx.prisma.financingNeed.findMany({
          ...(planned ? { take: query.take, skip: query.skip, cursor: query.cursor, select: { id: true, enterpriseId: true } } : query),
          where: await financingLeadWhere(args.filter, args.orderBy, ctx),
          orderBy: financingLeadOrderBy(args.orderBy),
        });
        // The verdict of every lead returned was read to select it.
        if (args.filter?.verdict) for (const row of rows) auditProtectedRead(row.enterpriseId, ['financingReadiness.verdict'], ctx);
        return rows;
      },
    },
    { name: 'FinancingLeadConnection', description: 'A page of your financing leads, with the total number that match the filter.' },
    { name: 'FinancingLeadEdge', description: 'A financing lead in a page, with its cursor.' },
  ),
);
