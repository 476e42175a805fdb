import { builder } from '../builder';
import { allows } from '../auth/policies';
import { isStaff } from '../auth/viewer';
import { batchLoader } from '../common/batch';
import type { Context } from '../context';
import { EnterpriseRef } from '../enterprise/types';
import { ConsortiumOfferStatus, ConsortiumShareStatus } from '../generated/prisma/enums';
import { OpportunityRef } from '../opportunity/types';
import { SentraRef } from '../sentra/types';
import { staffOffersWhere } from './region';

/** The consortium offer and its shares as the API shows them (issue 19). */

export const ConsortiumOfferStatusEnum = builder.enumType(ConsortiumOfferStatus, {
  name: 'ConsortiumOfferStatus',
  description: 'Lifecycle of a consortium offer: PROPOSED (members invited, answering), SENT (to the buyer, the accepted shares cover the volume), WITHDRAWN.',
});

export const ConsortiumShareStatusEnum = builder.enumType(ConsortiumShareStatus, {
  name: 'ConsortiumShareStatus',
  description: "A member's answer to its share: INVITED (no answer yet), ACCEPTED (committed), DECLINED.",
});

/**
 * Who sees an offer: the Disperin staff of its kabupaten/kota (consortium/region.ts; the
 * provincial office: every offer), its contact person and the people of its members see it whole; the buyer (the partner that posted the buy request) sees it once sent (and after, if it
 * is withdrawn), with its coordinator and the members that accepted, and no one else sees it at all.
 */
async function viewerRole(offer: { id: string; sentAt: Date | null; contactUserId: string | null; opportunityId: string }, ctx: Context): Promise<'INSIDE' | 'BUYER' | null> {
  if (ctx.viewer.userId !== null && offer.contactUserId === ctx.viewer.userId) return 'INSIDE';
  if (isStaff(ctx.viewer) && (ctx.viewer.regencyId === null || (await ctx.prisma.consortiumOffer.count({ where: { id: offer.id, ...staffOffersWhere(ctx.viewer) } })) > 0)) return 'INSIDE';
  if (ctx.viewer.enterpriseIds.length > 0) {
    const member = await ctx.prisma.consortiumShare.findFirst({ where: { offerId: offer.id, enterpriseId: { in: [...ctx.viewer.enterpriseIds] } }, select: { id: true } });
    if (member) return 'INSIDE';
  }
  if (offer.sentAt !== null && ctx.viewer.partner) {
    const request = await ctx.prisma.opportunity.findUnique({ where: { id: offer.opportunityId }, select: { partnerId: true } });
    if (request?.partnerId === ctx.viewer.partner.id) return 'BUYER';
  }
  return null;
}

/** Units delivered per share, one statement for every share on a page. */
const deliveredOf = (ctx: Context) =>
  batchLoader(ctx, 'consortiumDelivered', async (shareIds) => {
    const sums = await ctx.prisma.consortiumDelivery.groupBy({ by: ['shareId'], where: { shareId: { in: shareIds } }, _sum: { quantity: true } });
    return new Map(sums.map((s) => [s.shareId, s._sum.quantity ?? 0]));
  });

/** A sentra's coordinator as those who may see the offer (the buyer included) see them: how to reach them. */
const ConsortiumContactRef = builder.prismaObject('User', {
  variant: 'ConsortiumContact',
  description: 'The sentra’s coordinator (koordinator sentra): the person the buyer deals with.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    email: t.exposeString('email', { description: 'E-mail address to reach them.' }),
  }),
});

builder.prismaObjectField('Sentra', 'coordinator', (t) =>
  t.field({
    type: ConsortiumContactRef,
    nullable: true,
    description:
      "The sentra’s coordinator (koordinator sentra, set by sentraCoordinatorSet): proposes its consortium offers. The Disperin staff of the sentra's kabupaten/kota or the provincial office and the coordinator see it; null for anyone else.",
    select: { coordinatorUser: true, district: { select: { regencyId: true } } },
    resolve: (sentra, _args, ctx) =>
      allows(ctx.viewer, { staffOf: sentra.district.regencyId }) || (ctx.viewer.userId !== null && sentra.coordinatorUser?.id === ctx.viewer.userId) ? sentra.coordinatorUser : null,
  }),
);

export const ConsortiumShareRef = builder.prismaNode('ConsortiumShare', {
  description: "One member's share of a consortium offer: the units allocated to it, why, and its answer.",
  id: { field: 'id' },
  fields: (t) => ({
    enterprise: t.relation('enterprise', { type: EnterpriseRef, description: 'The member IKM.' }),
    quantity: t.exposeInt('quantity', { description: 'Units a month allocated to the member, in the offer’s unit.' }),
    status: t.expose('status', { type: ConsortiumShareStatusEnum, description: 'The member’s answer.' }),
    reasons: t.exposeStringList('reasons', { description: 'Why the member got this share: for an ad-hoc group first where it is against the kecamatan of delivery; then capacity and share committed, preference, how the rest was spread.' }),
    respondedAt: t.expose('respondedAt', { type: 'DateTime', nullable: true, description: 'When the member answered.' }),
    delivered: t.int({
      description: 'Units delivered against the share so far (consortiumDeliveryRecord); never more than quantity × the buy request’s deliveryMonths (1 when it has none).',
      resolve: async (share, _args, ctx) => (await deliveredOf(ctx)(share.id)) ?? 0,
    }),
  }),
});

export const ConsortiumOfferRef = builder.prismaNode('ConsortiumOffer', {
  description:
    'Members of a sentra (or an ad-hoc group of IKM) answering together a buy request none could fill alone, with one coordinator as the buyer’s contact. Visible to the Disperin staff of its kabupaten/kota (its sentra’s, or its coordinator’s; the provincial office: every one), its contact and the members; to the buyer once sent.',
  id: { field: 'id' },
  authScopes: async (offer, ctx) => (await viewerRole(offer, ctx)) !== null,
  fields: (t) => ({
    status: t.expose('status', { type: ConsortiumOfferStatusEnum, description: 'Where the offer stands.' }),
    quantity: t.exposeInt('quantity', { description: 'Units a month the buy request asks for: its quantity, or its quantity over its deliveryMonths (rounded up) when it states a delivery period.' }),
    unit: t.exposeString('unit', { description: 'Unit of the quantities, as the buy request states it (lower case).' }),
    opportunity: t.relation('opportunity', { type: OpportunityRef, description: 'The buy request answered.' }),
    sentra: t.relation('sentra', { type: SentraRef, nullable: true, description: 'The sentra whose members make the offer; null for an ad-hoc group.' }),
    coordinator: t.relation('coordinator', { type: EnterpriseRef, description: 'The member that coordinates the offer.' }),
    contact: t.relation('contactUser', {
      type: ConsortiumContactRef,
      nullable: true,
      description: 'The buyer’s one contact for the offer: the sentra’s coordinator, or the Disperin officer who proposed it for an ad-hoc group or a sentra without a coordinator; null only when that person’s account was removed.',
    }),
    acceptedQuantity: t.int({
      description: 'Units a month the accepted shares commit.',
      resolve: async (offer, _args, ctx) =>
        (await ctx.prisma.consortiumShare.aggregate({ where: { offerId: offer.id, status: 'ACCEPTED' }, _sum: { quantity: true } }))._sum.quantity ?? 0,
    }),
    shares: t.prismaField({
      type: [ConsortiumShareRef],
      description: 'The members’ shares. Staff and members see every share; the buyer sees the members that accepted.',
      resolve: async (query, offer, _args, ctx) => {
        const role = await viewerRole(offer, ctx);
        return ctx.prisma.consortiumShare.findMany({
          ...query,
          where: { offerId: offer.id, ...(role === 'INSIDE' ? {} : { status: 'ACCEPTED' }) },
          orderBy: [{ quantity: 'desc' }, { id: 'asc' }],
        });
      },
    }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true, description: 'When it went to the buyer.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was proposed.' }),
  }),
});

export const ConsortiumCapacityRef = builder.prismaObject('ConsortiumCapacity', {
  description: 'What an IKM will commit to consortium offers in one unit: its monthly capacity and the share of it offered.',
  fields: (t) => ({
    unit: t.exposeString('unit', { description: 'Unit, lower case (e.g. pcs, kg).' }),
    monthlyCapacity: t.exposeInt('monthlyCapacity', { description: 'Units it makes a month.' }),
    sharePercent: t.exposeInt('sharePercent', { description: 'Percent of that capacity it commits to consortia at most.' }),
  }),
});

export const ConsortiumDeliveryRef = builder.prismaObject('ConsortiumDelivery', {
  description: 'Units a member delivered against its share of a sent consortium offer; its delivery record counts them.',
  fields: (t) => ({
    quantity: t.exposeInt('quantity', { description: 'Units delivered.' }),
    deliveredOn: t.expose('deliveredOn', { type: 'Date', description: 'When they were delivered.' }),
    share: t.relation('share', { type: ConsortiumShareRef, description: 'The share delivered against.' }),
  }),
});
