import { builder } from '../builder';
import { policies } from '../auth/policies';
import { isStaff, type Viewer } from '../auth/viewer';
import { idOf } from '../common/global-id';
import type { Prisma } from '../generated/prisma/client';
import './types';

/**
 * The consortium offers a caller may see, as ConsortiumOffer's own rule says: staff every offer,
 * the contact person the offers it coordinates, an IKM's people the offers it has a share in, a
 * buyer the offers sent for its buy requests (and withdrawn after being sent).
 * The rule is part of the where-clause, so counts and pages tell nobody about other offers.
 */
function visibleTo(viewer: Viewer): Prisma.ConsortiumOfferWhereInput {
  if (isStaff(viewer)) return {};
  const or: Prisma.ConsortiumOfferWhereInput[] = [];
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
      'Consortium offers the caller may see (a buyer: those sent for its buy requests; an IKM: those it has a share in; the sentra’s coordinator: those it is the contact for; staff: all), newest first.',
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
