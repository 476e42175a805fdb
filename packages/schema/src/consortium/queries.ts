import { builder } from '../builder';
import { policies } from '../auth/policies';
import { isStaff, type Viewer } from '../auth/viewer';
import { staffOffersWhere } from './region';
import { idOf } from '../common/global-id';
import { CertificationKindEnum } from '../common/enums';
import { DistrictRef } from '../district/types';
import { EnterpriseRef } from '../enterprise/types';
import type { Prisma } from '../generated/prisma/client';
import { SentraRef } from '../sentra/types';
import { type CandidateGroup, type CandidateMember, type ConsortiumCandidates, consortiumCandidates } from './candidates';
import './types';

/**
 * The consortium offers a caller may see, as ConsortiumOffer's own rule says: staff every offer of
 * their kabupaten/kota (the provincial office: every one),
 * the contact person the offers it coordinates, an IKM's people the offers it has a share in, a
 * buyer the offers sent for its buy requests (and withdrawn after being sent).
 * The rule is part of the where-clause, so counts and pages tell nobody about other offers.
 */
function visibleTo(viewer: Viewer): Prisma.ConsortiumOfferWhereInput {
  const or: Prisma.ConsortiumOfferWhereInput[] = [];
  if (isStaff(viewer)) {
    if (viewer.regencyId === null) return {};
    or.push(staffOffersWhere(viewer));
  }
  if (viewer.userId) or.push({ contactUserId: viewer.userId });
  if (viewer.enterpriseIds.length > 0) or.push({ shares: { some: { enterpriseId: { in: [...viewer.enterpriseIds] } } } });
  if (viewer.partner) or.push({ sentAt: { not: null }, opportunity: { partnerId: viewer.partner.id } });
  return or.length > 0 ? { OR: or } : { id: { in: [] } };
}

builder.queryField('consortiumOffers', (t) =>
  t.prismaConnection({
    type: 'ConsortiumOffer',
    cursor: 'id',
    description:
      'Consortium offers the caller may see (a buyer: those sent for its buy requests; an IKM: those it has a share in; the sentra’s coordinator: those it is the contact for; staff: those of their kabupaten/kota, all for the provincial office), newest first.',
    authScopes: policies.signedIn,
    args: { opportunityId: t.arg.id({ description: 'Only the offers for this buy request (global ID).' }) },
    totalCount: (_parent, args, ctx) => ctx.prisma.consortiumOffer.count({ where: whereOf(ctx.viewer, args.opportunityId) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.prisma.consortiumOffer.findMany({ ...query, where: whereOf(ctx.viewer, args.opportunityId), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);

function whereOf(viewer: Viewer, opportunityId: string | number | null | undefined): Prisma.ConsortiumOfferWhereInput {
  if (opportunityId == null) return visibleTo(viewer);
  const id = idOf(String(opportunityId), 'Opportunity');
  return { AND: [visibleTo(viewer), { opportunityId: id ?? '00000000-0000-7000-8000-000000000000' }] };
}

const CandidateMemberRef = builder.objectRef<CandidateMember>('ConsortiumCandidateMember').implement({
  description: 'An IKM of a candidate group: what it is free to commit, the share the allocation would give it, and why.',
  fields: (t) => ({
    enterprise: t.field({ type: EnterpriseRef, description: 'The IKM.', resolve: (m) => m.enterprise }),
    free: t.exposeInt('free', { description: 'Units a month it is free to commit: its stated share of monthly capacity less what it accepted in other live offers.' }),
    quantity: t.exposeInt('quantity', { description: 'Units a month consortiumOfferPropose would allocate to it.' }),
    reasons: t.exposeStringList('reasons', {
      description: 'Why it is in the group (sentra membership; for an ad-hoc group its kecamatan and its match for the buy request) and why it gets this share.',
    }),
  }),
});

const CandidateGroupRef = builder.objectRef<CandidateGroup>('ConsortiumCandidateGroup').implement({
  description:
    'A sentra, or an ad-hoc group of nearby IKM, that could answer a buy request together. Propose it with consortiumOfferPropose: a sentra by sentraId, an ad-hoc group by the IKM of members as memberIds (no sentraId).',
  fields: (t) => ({
    sentra: t.field({ type: SentraRef, nullable: true, description: 'The sentra; null for an ad-hoc group of nearby IKM.', resolve: (g) => g.sentra }),
    free: t.exposeInt('free', { description: 'Units a month the members are free to commit together.' }),
    allocated: t.exposeInt('allocated', { description: 'Units a month the allocation fills: the volume when the group covers it.' }),
    covers: t.exposeBoolean('covers', { description: 'Whether the members together can commit the whole volume (else consortiumOfferPropose answers NOT_COVERED).' }),
    members: t.field({ type: [CandidateMemberRef], description: 'Members free to commit, in allocation order: for an ad-hoc group, best match first. A sentra also lists its members left out for a required certification they lack or that expires before delivery begins (free 0, the reason in reasons).', resolve: (g) => g.members }),
  }),
});

const CandidatesRef = builder.objectRef<ConsortiumCandidates>('ConsortiumCandidates').implement({
  description: 'Who could answer a buy request together: sentra, and the ad-hoc group of nearby IKM.',
  fields: (t) => ({
    deliveryDistricts: t.field({
      type: [DistrictRef],
      description: 'Kecamatan of delivery: those the buy request names, else its buyer’s; empty when neither is known (then no ad-hoc group).',
      resolve: (c) => c.delivery,
    }),
    nearbyDistricts: t.field({
      type: [DistrictRef],
      description: 'The kecamatan of delivery and those sharing a border with them: where an ad-hoc group’s members are.',
      resolve: (c) => c.nearby,
    }),
    groups: t.field({
      type: [CandidateGroupRef],
      description:
        'Sentra whose members state capacity in the request’s unit (at most 10: those covering the volume, then the most units free), and the ad-hoc group: the best matches for the request among active IKM in the nearby kecamatan, taken until they cover the volume (at most 50); groups that cover the volume first, then by units free.',
      resolve: (c) => c.groups,
    }),
  }),
});

builder.queryField('consortiumCandidates', (t) =>
  t.field({
    type: CandidatesRef,
    nullable: true,
    description:
      'Sentra, and an ad-hoc group of nearby IKM, whose members together could fill a buy request, each with the allocation consortiumOfferPropose would make and every member’s reasons. Nothing is written. Null when no buy request has this ID. Disperin staff only; an office of a kabupaten/kota sees its own IKM as members (the provincial office: all).',
    authScopes: policies.staff,
    args: {
      opportunityId: t.arg.id({ required: true, description: 'Global ID of the buy request.' }),
      preferredCertifications: t.arg({ type: [CertificationKindEnum], description: 'Members holding all of these are preferred, as in consortiumOfferPropose.' }),
    },
    resolve: async (_root, args, ctx) => {
      const id = idOf(String(args.opportunityId), 'Opportunity');
      return id ? consortiumCandidates(ctx, id, args.preferredCertifications ?? []) : null;
    },
  }),
);
