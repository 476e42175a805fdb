import type { Context } from '../context';
import { staffEnterprisesWhere } from '../auth/region';
import { adHocGroup } from '../domain/consortium/ad-hoc';
import { allocateConsortium, type ConsortiumMemberInput, monthlyNeed, prepareMembers } from '../domain/consortium/allocate';
import { nearbyReason, neighbourhoodOf } from '../domain/consortium/neighbourhood';
import { enterpriseCandidatesForOpportunity, scoreEnterpriseForOpportunity } from '../domain/matching';
import type { District, Enterprise, Sentra } from '../generated/prisma/client';
import type { CertificationKind } from '../generated/prisma/enums';
import { enterpriseCandidateWhere, loadEnterpriseCandidates, profileOf } from '../matching/candidates';
import { opportunityProfile, profileOfOpportunity, sideOfOpportunity } from '../matching/fields';
import { historyForEnterprises } from '../matching/history';
import { asOfOf } from '../matching/rank';
import { deliveryCodes } from './nearby';
import { allocationRequestOf } from './request';
import { memberInputs } from './service';

/**
 * consortiumCandidates (issue 19, "find sentra (and ad-hoc groups of nearby IKM) whose members
 * together can fill it"): for a buy request, the sentra whose members state capacity in its
 * unit (at most MAX_SENTRA_GROUPS), and the ad-hoc group of nearby IKM (domain/consortium/ad-hoc.ts), each with the
 * allocation consortiumOfferPropose would make and every member's reasons. Nothing is written.
 */

export interface CandidateMember {
  enterprise: Enterprise;
  /** Units it is free to commit. */
  free: number;
  /** Units the allocation gives it. */
  quantity: number;
  reasons: string[];
}

export interface CandidateGroup {
  sentra: Sentra | null;
  free: number;
  allocated: number;
  covers: boolean;
  members: CandidateMember[];
}

export interface ConsortiumCandidates {
  delivery: District[];
  nearby: District[];
  groups: CandidateGroup[];
}

/** Sentra listed at most: those covering the volume first, then by units free; the API's cost limit counts on it. */
const MAX_SENTRA_GROUPS = 10;

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/** Match reasons shown per member: the factors that earned points, best first. */
const TOP_MATCH_REASONS = 3;

export async function consortiumCandidates(ctx: Context, opportunityId: string, preferred: readonly CertificationKind[]): Promise<ConsortiumCandidates | null> {
  const request = await ctx.prisma.opportunity.findUnique({ where: { id: opportunityId } });
  if (request?.kind !== 'BUY_REQUEST') return null;
  const districts = await ctx.prisma.district.findMany({ orderBy: { code: 'asc' } });
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const neighbourhood = neighbourhoodOf(await deliveryCodes(ctx.prisma, request));
  const result: ConsortiumCandidates = {
    delivery: neighbourhood.delivery.flatMap((c) => byCode.get(c) ?? []),
    nearby: neighbourhood.nearby.flatMap((c) => byCode.get(c) ?? []),
    groups: [],
  };
  if (!request.quantity || !request.unit) return result;
  const unit = request.unit.trim().toLowerCase();
  const allocationRequest = allocationRequestOf({ ...request, quantity: request.quantity }, preferred, ctx.now);

  // Every active IKM stating capacity in the unit: the pool both kinds of group draw from; a
  // regional officer's, of its own kabupaten/kota (whose capacities and records it reads, and whose offers it proposes).
  const pool = await ctx.prisma.enterprise.findMany({
    where: { status: 'ACTIVE', consortiumCapacities: { some: { unit } }, ...staffEnterprisesWhere(ctx.viewer) },
    include: { certifications: { select: { kind: true, expiresOn: true } } },
    orderBy: { id: 'asc' },
  });
  const inputs = await memberInputs(ctx.prisma, pool, unit, ctx.now);
  const inputOf = new Map(inputs.map((m) => [m.id, m]));
  // Free units after required certifications: a member lacking one, or holding it expired by the first day of delivery, is free for nothing.
  const freeOf = new Map(prepareMembers(allocationRequest, inputs).map((p) => [p.member.id, p.available]));
  const enterpriseOf = new Map(pool.map((e) => [e.id, e]));

  async function groupOf(sentra: Sentra | null, members: ConsortiumMemberInput[], reasonsOf: (id: string) => string[]): Promise<CandidateGroup> {
    const allocation = await allocateConsortium(allocationRequest, members);
    return {
      sentra,
      free: allocation.members.reduce((s, m) => s + m.available, 0),
      allocated: allocation.filled,
      covers: allocation.shortfall === 0,
      members: allocation.members
        // A member left out for a required certificate stays listed, free for nothing, saying why.
        .filter((m) => m.available > 0 || m.excluded !== null)
        .map((m) => ({ enterprise: enterpriseOf.get(m.memberId)!, free: m.available, quantity: m.quantity, reasons: [...reasonsOf(m.memberId), ...m.reasons] })),
    };
  }

  // Sentra: every active member stating capacity takes part, as consortiumOfferPropose with only a sentraId does.
  const sentraIds = [...new Set(pool.filter((e) => e.sentraId && (freeOf.get(e.id) ?? 0) > 0).map((e) => e.sentraId!))];
  const sentras = await ctx.prisma.sentra.findMany({ where: { id: { in: sentraIds } }, orderBy: { id: 'asc' } });
  for (const sentra of sentras) {
    const members = inputs.filter((m) => enterpriseOf.get(m.id)!.sentraId === sentra.id);
    result.groups.push(await groupOf(sentra, members, () => [`Member of ${sentra.name}.`]));
  }

  // Groups that fill the request first; then the most free units.
  const rank = (a: CandidateGroup, b: CandidateGroup) => Number(b.covers) - Number(a.covers) || b.free - a.free;
  result.groups = result.groups.sort(rank).slice(0, MAX_SENTRA_GROUPS);
  if (neighbourhood.delivery.length > 0) {
    const row = (await opportunityProfile(ctx, request.id))!;
    const profile = profileOfOpportunity(row);
    const free = pool.filter((e) => (freeOf.get(e.id) ?? 0) > 0).map((e) => e.id);
    const asOf = asOfOf(ctx);
    // The request's matches, within the neighbourhood rather than the kecamatan it serves, among the IKM free to commit.
    const filter = { ...enterpriseCandidatesForOpportunity(profile), districtCodeIn: [...neighbourhood.nearby] };
    const [rows, history] = await Promise.all([
      loadEnterpriseCandidates(ctx, enterpriseCandidateWhere(filter, { ids: free }), asOf.toISOString().slice(0, 10)),
      historyForEnterprises(ctx, sideOfOpportunity(row), 'BUYER', row.partnerKind),
    ]);
    const scored = rows.map((r) => ({ row: r, match: scoreEnterpriseForOpportunity(profile, profileOf(r), { asOf, history: history.of(r) }) }));
    const group = adHocGroup(
      scored.map((s) => ({ id: s.row.id, score: s.match.score, free: freeOf.get(s.row.id)!, scored: s })),
      monthlyNeed(allocationRequest),
    );
    const nameOf = (code: string) => byCode.get(code)?.name ?? code;
    const whyOf = new Map(
      group.members.map((m) => {
        const { row: r, match } = m.scored;
        const best = match.components.filter((c) => c.points > 0).sort((a, b) => b.points - a.points).slice(0, TOP_MATCH_REASONS);
        return [
          m.id,
          [
            nearbyReason(r.districtCode, neighbourhood, nameOf)!,
            `Match ${match.score}/100 for the buy request: ${ordinal(m.rank)} of ${group.eligible} nearby IKM that make it and are free to commit ${unit}.`,
            ...best.map((c) => c.reason),
          ],
        ];
      }),
    );
    if (group.members.length > 0) result.groups.push(await groupOf(null, group.members.map((m) => inputOf.get(m.id)!), (id) => whyOf.get(id) ?? []));
  }
  result.groups.sort(rank);
  return result;
}
