import { SCOPE } from '../auth/key-scopes';
import { policies } from '../auth/policies';
import { builder } from '../builder';
import { PartnerKindEnum } from '../common/enums';
import { enterpriseReadersOf } from '../auth/region';
import type { Context } from '../context';
import {
  askOfOpportunity,
  askOfPartner,
  enterpriseCandidatesForOpportunity,
  enterpriseCandidatesForPartner,
  type OpportunityProfile,
  partnerCandidatesForEnterprise,
  roleOfOpportunity,
  scoreEnterpriseForOpportunity,
  scoreEnterpriseForPartner,
} from '../domain/matching';
import type { CertificationKind, OpportunityKind, PartnerKind, Sector } from '../domain/matching';
import { Prisma } from '../generated/prisma/client';
import {
  counterpartOf,
  enterpriseCandidateWhere,
  loadEnterpriseCandidates,
  partnerByIdSql,
  partnerCandidateSql,
  type PartnerRow,
  profileOf,
} from './candidates';
import { EnterpriseMatchConnection, EnterpriseMatchRef, PartnerMatchConnection, PartnerMatchRef } from './counterparts';
import { historyForPartners } from './history';
import { asOfOf, countRanking, emptyConnection, parseFilter, rankEnterprises, rankPartners, weightsOf } from './rank';
import { MatchWeightInput, RecommendationFilter } from './types';

const WEIGHTS_ARG_DESCRIPTION =
  'What-if weights for Disperin staff (FORBIDDEN for anyone else): re-weight factors to see how the ranking would change, e.g. [{ factor: FEEDBACK, weight: 30 }]. Nothing is stored; a forum keeps the default weights.';

const RANKING_NOTE =
  'Scores and reasons are computed on what you may see: an IKM\'s bookkeeping (READINESS) and financing need (TICKET_SIZE) count only for Disperin staff, its own members, and funders it has given consent (scopes FINANCIALS, NEEDS; such reads are audited); for everyone else they are withheld and earn no credit.';

builder.prismaObjectFields('Partner', (t) => ({
  recommendedEnterprises: t.connection(
    {
      type: EnterpriseMatchRef,
      nullable: true,
      description: `IKM this partner should meet, best first, each with an explained score (see Match). Candidates are the active IKM that fit at least one thing the partner states (a sector, a KBLI prefix, a product category, or for a supplier an input of their industry) in the kecamatan it serves; all of them are ranked, though only those that could make the page are scored in full (the rest are shown to rank below it). For the partner's own members and API keys with scope OPPORTUNITIES_READ, and Disperin staff. ${RANKING_NOTE}`,
      authScopes: (partner) => policies.staffOrPartnerActing(partner.id, SCOPE.OPPORTUNITIES_READ),
      args: {
        filter: t.arg({ type: RecommendationFilter, description: 'Narrow the ranking; conditions combine with AND.' }),
        weights: t.arg({ type: [MatchWeightInput], description: WEIGHTS_ARG_DESCRIPTION }),
      },
      resolve: async (partner, args, ctx) => {
        countRanking(ctx, 'recommendedEnterprises');
        const weights = weightsOf(ctx, args.weights);
        const parsed = await parseFilter(ctx.prisma, args.filter);
        const [row] = await ctx.prisma.$queryRaw<PartnerRow[]>(partnerByIdSql(partner.id));
        if (!row) return emptyConnection() as never;
        const counterpart = counterpartOf(row);
        return (await rankEnterprises(
          ctx,
          {
            ask: askOfPartner(counterpart),
            filter: enterpriseCandidatesForPartner(counterpart),
            side: { partnerId: counterpart.id },
            partnerKind: counterpart.kind,
            weights,
            parsed,
            scoreOne: (enterprise, options) => scoreEnterpriseForPartner(counterpart, enterprise, options),
          },
          args,
        )) as never;
      },
    },
    EnterpriseMatchConnection,
  ),
}));

builder.prismaObjectFields('Enterprise', (t) => ({
  recommendedPartners: t.connection(
    {
      type: PartnerMatchRef,
      nullable: true,
      description:
        'Partners this IKM should meet (buyers, suppliers, distributors, funders), best first, each with an explained score; the same score and reasons the partner sees for this IKM. Candidates are active partners that serve its kecamatan and state something it fits (its sector, a KBLI group of its codes, a product category it makes, or for suppliers an input of its industry), or state nothing at all. For the enterprise\'s own members and Disperin staff.',
      authScopes: (enterprise, _args, ctx) => enterpriseReadersOf(ctx, enterprise.id),
      args: {
        kind: t.arg({ type: PartnerKindEnum, description: 'Only partners of this kind, e.g. DISTRIBUTOR or FUNDER.' }),
        weights: t.arg({ type: [MatchWeightInput], description: WEIGHTS_ARG_DESCRIPTION }),
      },
      resolve: async (enterprise, args, ctx) => {
        countRanking(ctx, 'recommendedPartners');
        const weights = weightsOf(ctx, args.weights);
        const asOf = asOfOf(ctx);
        const [own] = await loadEnterpriseCandidates(
          ctx,
          enterpriseCandidateWhere(null, { ids: [enterprise.id] }),
          asOf.toISOString().slice(0, 10),
        );
        if (!own) return emptyConnection() as never; // archived: not matched
        // The viewer is the IKM's member or staff: nothing of its own profile is withheld.
        const profile = profileOf(own);
        const filter = partnerCandidatesForEnterprise(profile, args.kind ? [args.kind] : null);
        const [rows, history] = await Promise.all([
          ctx.prisma.$queryRaw<PartnerRow[]>(partnerCandidateSql(filter)),
          historyForPartners(ctx, profile),
        ]);
        const partners = rows.map((row) => ({ counterpart: counterpartOf(row), history: history(row) }));
        return rankPartners(profile, partners, { asOf, weights }, args) as never;
      },
    },
    PartnerMatchConnection,
  ),
}));

export type OpportunityRow = {
  id: string;
  kind: OpportunityKind;
  sector: Sector | null;
  kbliPrefixes: string[];
  productCategory: string | null;
  quantity: number | null;
  unit: string | null;
  amountMin: bigint | null;
  amountMax: bigint | null;
  districtCodes: string[];
  requiredCertifications: CertificationKind[];
  partnerId: string | null;
  partnerKind: PartnerKind | null;
  enterpriseId: string | null;
  posterDistrictCode: string | null;
  posterSentraId: string | null;
};

/** An opportunity's row as the domain scores it; a list column left NULL (a row written without it) reads as empty. */
export async function opportunityProfile(ctx: Pick<Context, 'prisma'>, id: string): Promise<OpportunityRow | undefined> {
  const [row] = await ctx.prisma.$queryRaw<OpportunityRow[]>(Prisma.sql`
    SELECT o.id::text AS id, o.kind::text AS kind, o.sector::text AS sector, COALESCE(o."kbliPrefixes", '{}') AS "kbliPrefixes", o."productCategory",
      o.quantity, o.unit, o."amountMin", o."amountMax", COALESCE(o."districtCodes", '{}') AS "districtCodes",
      COALESCE(o."requiredCertifications"::text[], '{}') AS "requiredCertifications",
      o."partnerId"::text AS "partnerId", p.kind::text AS "partnerKind", o."enterpriseId"::text AS "enterpriseId",
      COALESCE(pd.code, ed.code) AS "posterDistrictCode", e."sentraId"::text AS "posterSentraId"
    FROM "Opportunity" o
    LEFT JOIN "Partner" p ON p.id = o."partnerId" LEFT JOIN "District" pd ON pd.id = p."districtId"
    LEFT JOIN "Enterprise" e ON e.id = o."enterpriseId" LEFT JOIN "District" ed ON ed.id = e."districtId"
    WHERE o.id = ${id}::uuid`);
  return row;
}

/** The opportunity as the domain scores it. */
export function profileOfOpportunity(row: OpportunityRow): OpportunityProfile {
  return {
    id: row.id,
    kind: row.kind,
    sector: row.sector,
    kbliPrefixes: row.kbliPrefixes,
    productCategory: row.productCategory,
    quantity: row.quantity,
    unit: row.unit,
    amountMin: row.amountMin,
    amountMax: row.amountMax,
    districtCodes: row.districtCodes,
    requiredCertifications: row.requiredCertifications,
    poster: { enterpriseId: row.enterpriseId, districtCode: row.posterDistrictCode, sentraId: row.posterSentraId },
  };
}

/** Whose forum history the matches of an opportunity read: the posting partner's or IKM's. */
export const sideOfOpportunity = (row: OpportunityRow) => (row.partnerId ? { partnerId: row.partnerId } : { enterpriseId: row.enterpriseId! });

builder.prismaObjectFields('Opportunity', (t) => ({
  matches: t.connection(
    {
      type: EnterpriseMatchRef,
      nullable: true,
      description: `IKM that could answer this opportunity, best first, each with an explained score: for a buy request the IKM that make it, for a supply offer those whose industry it feeds, for a financing offer those it could finance; for an IKM's sell offer or supply request, other IKM that would buy or supply. Empty for a DISTRIBUTION_REQUEST or FINANCING_REQUEST, which are addressed to partners (the posting IKM sees those in Enterprise.recommendedPartners). Not public, although the opportunity is: matches carry forum history and readiness. For the poster (the partner's members and API keys with scope OPPORTUNITIES_READ, or the IKM's members) and Disperin staff. ${RANKING_NOTE}`,
      // Opportunity is in select mode: the columns the scopes and the resolver read.
      select: { partnerId: true, enterpriseId: true, kind: true },
      authScopes: (o, _args, ctx) =>
        o.partnerId ? policies.staffOrPartnerActing(o.partnerId, SCOPE.OPPORTUNITIES_READ) : enterpriseReadersOf(ctx, o.enterpriseId!),
      args: {
        filter: t.arg({ type: RecommendationFilter, description: 'Narrow the ranking; conditions combine with AND.' }),
        weights: t.arg({ type: [MatchWeightInput], description: WEIGHTS_ARG_DESCRIPTION }),
      },
      resolve: async (opportunity, args, ctx) => {
        countRanking(ctx, 'matches');
        const weights = weightsOf(ctx, args.weights);
        const parsed = await parseFilter(ctx.prisma, args.filter);
        if (roleOfOpportunity(opportunity.kind) === null) return emptyConnection() as never;
        const row = await opportunityProfile(ctx, opportunity.id);
        if (!row) return emptyConnection() as never;
        const profile = profileOfOpportunity(row);
        const side = sideOfOpportunity(row);
        return (await rankEnterprises(
          ctx,
          {
            ask: askOfOpportunity(profile),
            filter: enterpriseCandidatesForOpportunity(profile),
            side,
            partnerKind: row.partnerKind,
            weights,
            parsed,
            scoreOne: (enterprise, options) => scoreEnterpriseForOpportunity(profile, enterprise, options),
          },
          args,
        )) as never;
      },
    },
    EnterpriseMatchConnection,
  ),
}));
