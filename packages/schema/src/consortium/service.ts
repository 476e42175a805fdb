import { demand, policies } from '../auth/policies';
import { isStaff } from '../auth/viewer';
import { forbidden } from '../common/errors';
import { idOf } from '../common/global-id';
import { refuse, runMutation, type Tx } from '../common/mutation';
import { failed } from '../common/payload';
import { userError } from '../common/user-errors';
import type { Context } from '../context';
import { allocateConsortium, type ConsortiumMemberInput } from '../domain/consortium/allocate';
import { isOpportunityActive } from '../domain/opportunity-status';
import type { Problem } from '../domain/problems';
import type { CertificationKind } from '../generated/prisma/enums';
import { nearbyReason, neighbourhoodOf } from '../domain/consortium/neighbourhood';
import { demandProposer, runsOffer } from './coordinator';
import { allocationRequestOf } from './request';
import { deliveryCodes } from './nearby';
import { offerRegion, proposalRegion } from './region';
import { answeredEvent, deliveredEvent, invitedEvent, offeredEvent, withdrawnEvent } from './events';

/**
 * Consortium offers (issue 19): proposed by Disperin staff or the sentra's coordinator for a buy request, shares allocated by
 * allocateConsortium and offered to the members, accepted or declined by each member, sent to the
 * buyer once the accepted shares cover the volume. A member's accepted shares of live offers
 * (PROPOSED or SENT, for a buy request whose period is not over) never exceed its stated share of capacity: an acceptance locks the member's
 * ConsortiumCapacity row (FOR UPDATE), so concurrent acceptances of one member, in any offers,
 * take turns. Answers, sending, withdrawing and deliveries lock the offer row first (the answers
 * FOR SHARE, sending and withdrawing FOR UPDATE), so an offer is never sent on an acceptance that is
 * being withdrawn, nor withdrawn under a delivery.
 */

const f = (...path: string[]) => ['input', ...path];
const LIVE = ['PROPOSED', 'SENT'] as const;
/** Members of one offer at most: HiGHS allocates 500 in milliseconds, and a buyer reads one page of them. */
const MAX_MEMBERS = 500;

/** Offers that hold their members' capacity: proposed or sent, for a buy request whose period is not over. */
const live = (unit: string, now: Date) => ({ unit, status: { in: [...LIVE] }, opportunity: { validUntil: { gte: now } } });

/** Units of `unit` the enterprise has accepted in live offers. */
async function committed(db: Tx | Context['prisma'], enterpriseId: string, unit: string, now: Date): Promise<number> {
  const sum = await db.consortiumShare.aggregate({
    where: { enterpriseId, status: 'ACCEPTED', offer: live(unit, now) },
    _sum: { quantity: true },
  });
  return sum._sum.quantity ?? 0;
}

const committable = (c: { monthlyCapacity: number; sharePercent: number }) => Math.floor((c.monthlyCapacity * c.sharePercent) / 100);

export interface CapacityInput {
  enterpriseId: string | number;
  unit: string;
  monthlyCapacity: number;
  sharePercent: number;
}

/** consortiumCapacitySet: what an IKM will commit to consortia of one unit. */
export async function setCapacity(ctx: Context, input: CapacityInput) {
  const enterpriseId = idOf(String(input.enterpriseId), 'Enterprise');
  const enterprise = enterpriseId ? await ctx.prisma.enterprise.findUnique({ where: { id: enterpriseId }, select: { id: true, districtId: true } }) : null;
  if (!enterpriseId || !enterprise) return failed([userError('NOT_FOUND', f('enterpriseId'), 'No enterprise has this ID.')]);
  const unit = input.unit.trim().toLowerCase();
  return runMutation(ctx, {
    authorize: () => demand(ctx.viewer, policies.enterpriseOwnPeople(enterpriseId), "Only the enterprise's own people or Disperin staff set its capacity."),
    region: () => [{ districtId: enterprise.districtId, field: f('enterpriseId') }],
    validate: () => {
      const problems: Problem[] = [];
      if (!/^[a-z][a-z0-9 ]{0,19}$/.test(unit)) problems.push({ code: 'INVALID_VALUE', field: f('unit'), message: 'A unit is 1 to 20 letters, digits or spaces, e.g. pcs or kg.' });
      if (!Number.isInteger(input.monthlyCapacity) || input.monthlyCapacity < 0 || input.monthlyCapacity > 100_000_000) {
        problems.push({ code: 'INVALID_VALUE', field: f('monthlyCapacity'), message: 'Monthly capacity is a whole number from 0 to 100,000,000.' });
      }
      if (!Number.isInteger(input.sharePercent) || input.sharePercent < 0 || input.sharePercent > 100) {
        problems.push({ code: 'INVALID_VALUE', field: f('sharePercent'), message: 'The share is a whole percentage from 0 to 100.' });
      }
      return problems;
    },
    run: async (tx) => {
      const data = { monthlyCapacity: input.monthlyCapacity, sharePercent: input.sharePercent };
      // Lowering below what accepted shares already hold would over-commit the member.
      const held = await committed(tx, enterpriseId, unit, ctx.now);
      if (committable(data) < held) {
        refuse({ code: 'OVER_CAPACITY', field: f('sharePercent'), message: 'Accepted consortium shares already hold more than this would allow; decline one first.' });
      }
      return tx.consortiumCapacity.upsert({ where: { enterpriseId_unit: { enterpriseId, unit } }, create: { enterpriseId, unit, ...data }, update: data });
    },
  });
}

export interface ProposeInput {
  opportunityId: string | number;
  sentraId?: string | number | null;
  memberIds?: readonly (string | number)[] | null;
  coordinatorId: string | number;
  preferredCertifications?: readonly CertificationKind[] | null;
}

/** consortiumOfferPropose: the allocation of a buy request over a sentra's members (or named IKM), offered to them. */
export async function proposeOffer(ctx: Context, input: ProposeInput) {
  const opportunityId = idOf(String(input.opportunityId), 'Opportunity');
  const sentraId = input.sentraId != null ? idOf(String(input.sentraId), 'Sentra') : null;
  const coordinatorId = idOf(String(input.coordinatorId), 'Enterprise');
  const named = (input.memberIds ?? []).map((id) => idOf(String(id), 'Enterprise'));
  return runMutation(ctx, {
    authorize: () => demandProposer(ctx, sentraId),
    region: () => proposalRegion(ctx, sentraId, coordinatorId, input.sentraId != null ? [] : named),
    validate: () => {
      const problems: Problem[] = [];
      if (!opportunityId) problems.push({ code: 'NOT_FOUND', field: f('opportunityId'), message: 'No buy request has this ID.' });
      if (input.sentraId != null && !sentraId) problems.push({ code: 'NOT_FOUND', field: f('sentraId'), message: 'No sentra has this ID.' });
      if (!coordinatorId) problems.push({ code: 'NOT_FOUND', field: f('coordinatorId'), message: 'No enterprise has this ID.' });
      named.forEach((id, i) => {
        if (!id) problems.push({ code: 'NOT_FOUND', field: f('memberIds', String(i)), message: 'No enterprise has this ID.' });
      });
      if (input.sentraId == null && named.length === 0) problems.push({ code: 'REQUIRED', field: f('sentraId'), message: 'Name a sentra, or the members of an ad-hoc group.' });
      if (named.length > MAX_MEMBERS) problems.push({ code: 'TOO_MANY', field: f('memberIds'), message: `At most ${MAX_MEMBERS} members.` });
      return problems;
    },
    run: async (tx) => {
      const request = await tx.opportunity.findUnique({ where: { id: opportunityId! } });
      if (request?.kind !== 'BUY_REQUEST') refuse({ code: 'NOT_FOUND', field: f('opportunityId'), message: 'No buy request has this ID.' });
      if (!isOpportunityActive(request, ctx.now)) refuse({ code: 'OPPORTUNITY_CLOSED', field: f('opportunityId'), message: 'The buy request is not open now.' });
      if (!request.quantity || !request.unit) refuse({ code: 'INVALID_VALUE', field: f('opportunityId'), message: 'The buy request states no quantity and unit to share.' });
      const unit = request.unit.trim().toLowerCase();
      const sentra = sentraId ? await tx.sentra.findUnique({ where: { id: sentraId }, select: { coordinatorUserId: true } }) : null;
      if (sentraId && !sentra) refuse({ code: 'NOT_FOUND', field: f('sentraId'), message: 'No sentra has this ID.' });
      const ids = named.length > 0 ? (named as string[]) : null;
      const enterprises = await tx.enterprise.findMany({
        where: ids ? { id: { in: ids } } : { sentraId: sentraId!, status: 'ACTIVE' },
        select: { id: true, name: true, sentraId: true, status: true, district: { select: { code: true } }, certifications: { select: { kind: true, expiresOn: true } } },
        orderBy: { id: 'asc' },
      });
      if (enterprises.length > MAX_MEMBERS) refuse({ code: 'TOO_MANY', field: f('sentraId'), message: `The sentra has more than ${MAX_MEMBERS} members; name the members taking part.` });
      const byId = new Map(enterprises.map((e) => [e.id, e]));
      // An ad-hoc group is of IKM near the delivery: its kecamatan and those next to it.
      const nearby = sentraId ? null : neighbourhoodOf(await deliveryCodes(tx, request));
      if (nearby?.delivery.length === 0) {
        refuse({ code: 'INVALID_VALUE', field: f('opportunityId'), message: 'The buy request names no kecamatan of delivery (nor does its buyer), so there is no neighbourhood for an ad-hoc group.' });
      }
      const problems: Problem[] = [];
      (ids ?? []).forEach((id, i) => {
        const e = byId.get(id);
        if (e?.status !== 'ACTIVE') problems.push({ code: 'NOT_FOUND', field: f('memberIds', String(i)), message: 'No active enterprise has this ID.' });
        else if (sentraId && e.sentraId !== sentraId) problems.push({ code: 'OUTSIDE_REGION', field: f('memberIds', String(i)), message: 'This enterprise is not a member of the sentra.' });
        else if (nearby && !nearby.nearby.includes(e.district.code)) {
          problems.push({ code: 'OUTSIDE_REGION', field: f('memberIds', String(i)), message: 'This enterprise is neither in the kecamatan of delivery nor in one next to it.' });
        }
      });
      if (!byId.has(coordinatorId!)) problems.push({ code: 'INVALID_VALUE', field: f('coordinatorId'), message: 'The coordinator must be one of the members.' });
      if (problems.length > 0) refuse(...problems);
      const members = await memberInputs(tx, enterprises, unit, ctx.now);
      const allocation = await allocateConsortium(allocationRequestOf({ ...request, quantity: request.quantity }, input.preferredCertifications ?? [], ctx.now), members);
      if (allocation.shortfall > 0) {
        refuse({
          code: 'NOT_COVERED',
          field: f('opportunityId'),
          message: `Together the members can commit ${allocation.filled} ${unit} a month, short of the quantity a month requested; the offer needs it all.`,
        });
      }
      // An ad-hoc member's share says first why it is in the group: where it is against the delivery.
      const names = nearby ? new Map((await tx.district.findMany({ where: { code: { in: [...nearby.nearby] } }, select: { code: true, name: true } })).map((d) => [d.code, d.name])) : null;
      const whereOf = (id: string) => (nearby && names ? [nearbyReason(byId.get(id)!.district.code, nearby, (code) => names.get(code) ?? code)!] : []);
      return tx.consortiumOffer.create({
        data: {
          opportunityId: request.id,
          sentraId,
          coordinatorId: coordinatorId!,
          // The sentra's coordinator is the buyer's contact, whoever proposed; without one (an ad-hoc
          // group, a sentra with no coordinator) the officer who proposed it runs it and is the contact:
          // the buyer always has one counterpart.
          contactUserId: sentra?.coordinatorUserId ?? ctx.viewer.userId,
          // Units a month, as the shares and capacity are.
          quantity: allocation.requested,
          unit,
          proposedById: ctx.viewer.userId,
          shares: {
            create: allocation.members
              .filter((m) => m.quantity > 0)
              .map((m) => ({ enterpriseId: m.memberId, quantity: m.quantity, reasons: [...whereOf(m.memberId), ...m.reasons] })),
          },
        },
        include: { shares: { orderBy: { id: 'asc' } } },
      });
    },
    events: (offer) => [invitedEvent(offer, offer.shares)],
  });
}

/** What the allocation needs of each member: capacity in the unit, units held by other live offers, certifications, delivery record. */
export async function memberInputs(
  db: Tx | Context['prisma'],
  enterprises: readonly { id: string; name: string; certifications: readonly { kind: CertificationKind; expiresOn: Date | null }[] }[],
  unit: string,
  now: Date,
): Promise<ConsortiumMemberInput[]> {
  const ids = enterprises.map((e) => e.id);
  // One after the other: inside a transaction the statements share one connection anyway.
  const capacityRows = await db.consortiumCapacity.findMany({ where: { enterpriseId: { in: ids }, unit } });
  const accepted = await db.consortiumShare.groupBy({ by: ['enterpriseId'], where: { enterpriseId: { in: ids }, status: 'ACCEPTED', offer: live(unit, now) }, _sum: { quantity: true } });
  const record = await deliveryRecord(db, ids, now);
  const capacities = new Map(capacityRows.map((c) => [c.enterpriseId, c]));
  const held = new Map(accepted.map((a) => [a.enterpriseId, a._sum.quantity ?? 0]));
  return enterprises.map((e) => {
    const c = capacities.get(e.id);
    return {
      id: e.id,
      label: e.name,
      monthlyCapacity: c?.monthlyCapacity ?? 0,
      committedSharePercent: c?.sharePercent ?? 0,
      committedElsewhere: held.get(e.id) ?? 0,
      certifications: e.certifications,
      deliveries: record.get(e.id) ?? { promised: 0, delivered: 0 },
    };
  });
}

/**
 * Units a share is due over the buy request's delivery period: a share is units a month, so over
 * deliveryMonths months it is that many times the share; a request without a period is a monthly
 * volume, one month's share.
 */
const shareTotal = (monthly: number, request: { deliveryMonths: number | null }) => monthly * (request.deliveryMonths ?? 1);

/**
 * Each member's delivery record: units it promised in accepted shares of sent offers whose buy
 * request's period is over, and units it delivered against them (at most the share), both over the delivery period (shareTotal).
 */
async function deliveryRecord(db: Tx | Context['prisma'], enterpriseIds: string[], now: Date) {
  const shares = await db.consortiumShare.findMany({
    where: { enterpriseId: { in: enterpriseIds }, status: 'ACCEPTED', offer: { status: 'SENT', opportunity: { validUntil: { lt: now } } } },
    select: { enterpriseId: true, quantity: true, deliveries: { select: { quantity: true } }, offer: { select: { opportunity: { select: { deliveryMonths: true } } } } },
  });
  const record = new Map<string, { promised: number; delivered: number }>();
  for (const s of shares) {
    const r = record.get(s.enterpriseId) ?? { promised: 0, delivered: 0 };
    const due = shareTotal(s.quantity, s.offer.opportunity);
    r.promised += due;
    r.delivered += Math.min(due, s.deliveries.reduce((sum, d) => sum + d.quantity, 0));
    record.set(s.enterpriseId, r);
  }
  return record;
}

/** The share, if the caller may answer it (the member's people or staff); NOT_FOUND otherwise, as for an unknown ID. */
async function answerableShare(ctx: Context, id: string | number) {
  const shareId = idOf(String(id), 'ConsortiumShare');
  const share = shareId ? await ctx.prisma.consortiumShare.findUnique({ where: { id: shareId }, select: { id: true, enterpriseId: true } }) : null;
  const visible = share && (ctx.viewer.enterpriseIds.includes(share.enterpriseId) || isStaff(ctx.viewer));
  return visible ? share : null;
}

/** consortiumShareAccept: the member commits its share, within its stated capacity across every live offer. */
export async function acceptShare(ctx: Context, input: { shareId: string | number }) {
  const share = await answerableShare(ctx, input.shareId);
  if (!share) return failed([userError('NOT_FOUND', f('shareId'), 'No consortium share of yours has this ID.')]);
  return runMutation(ctx, {
    region: () => offerRegion(ctx, { shares: { some: { id: share.id } } }, f('shareId')),
    run: async (tx) => {
      const { offerId, offer } = await tx.consortiumShare.findUniqueOrThrow({ where: { id: share.id }, select: { offerId: true, offer: { select: { unit: true } } } });
      // The member's capacity row first: every acceptance of this member, in any offer, waits here.
      const [capacity] = await tx.$queryRaw<{ monthlyCapacity: number; sharePercent: number }[]>`
        SELECT "monthlyCapacity", "sharePercent" FROM "ConsortiumCapacity"
        WHERE "enterpriseId" = ${share.enterpriseId}::uuid AND unit = ${offer.unit} FOR UPDATE`;
      const current = await lockShare(tx, offerId, share.id);
      if (current.status !== 'INVITED') refuse({ code: 'INVALID_TRANSITION', field: f('shareId'), message: `The share is already ${current.status}.` });
      if (current.offer.status !== 'PROPOSED') refuse({ code: 'INVALID_TRANSITION', field: f('shareId'), message: `The offer is ${current.offer.status}; shares are answered while it is PROPOSED.` });
      if (!isOpportunityActive(current.offer.opportunity, ctx.now)) refuse({ code: 'OPPORTUNITY_CLOSED', field: f('shareId'), message: 'The buy request is not open any more.' });
      const room = capacity ? committable(capacity) - (await committed(tx, current.enterpriseId, current.offer.unit, ctx.now)) : 0;
      if (current.quantity > room) {
        refuse({
          code: 'OVER_CAPACITY',
          field: f('shareId'),
          message: `The member can commit ${Math.max(0, room)} more ${current.offer.unit} across its consortium offers; this share needs ${current.quantity}.`,
        });
      }
      return tx.consortiumShare.update({ where: { id: share.id }, data: { status: 'ACCEPTED', respondedAt: ctx.now }, include: { offer: true } });
    },
    events: async (s, tx) => [answeredEvent('consortium.member_accepted', s.offer, s, await acceptedQuantity(tx, s.offerId))],
  });
}

/** consortiumShareDecline: the member declines, or withdraws its acceptance while the offer is PROPOSED (not yet with the buyer); the units it held are free again. */
export async function declineShare(ctx: Context, input: { shareId: string | number }) {
  const share = await answerableShare(ctx, input.shareId);
  if (!share) return failed([userError('NOT_FOUND', f('shareId'), 'No consortium share of yours has this ID.')]);
  return runMutation(ctx, {
    region: () => offerRegion(ctx, { shares: { some: { id: share.id } } }, f('shareId')),
    run: async (tx) => {
      const { offerId } = await tx.consortiumShare.findUniqueOrThrow({ where: { id: share.id }, select: { offerId: true } });
      const current = await lockShare(tx, offerId, share.id);
      if (current.status === 'DECLINED') refuse({ code: 'INVALID_TRANSITION', field: f('shareId'), message: 'The share is already DECLINED.' });
      if (current.offer.status !== 'PROPOSED') refuse({ code: 'INVALID_TRANSITION', field: f('shareId'), message: `The offer is ${current.offer.status}; shares are answered while it is PROPOSED.` });
      const declined = await tx.consortiumShare.update({ where: { id: share.id }, data: { status: 'DECLINED', respondedAt: ctx.now }, include: { offer: true } });
      return { ...declined, wasAccepted: current.status === 'ACCEPTED' };
    },
    events: async (s, tx) => [answeredEvent('consortium.member_declined', s.offer, s, await acceptedQuantity(tx, s.offerId), s.wasAccepted)],
  });
}

/** consortiumOfferSend: to the buyer, once the accepted shares cover the volume. */
export async function sendOffer(ctx: Context, input: { offerId: string | number }) {
  const offerId = await runnableOffer(ctx, input.offerId);
  if (!offerId) return notRunnable();
  return runMutation(ctx, {
    region: () => offerRegion(ctx, { id: offerId }, f('offerId')),
    run: async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ConsortiumOffer" WHERE id = ${offerId}::uuid FOR UPDATE`;
      const offer = await tx.consortiumOffer.findUniqueOrThrow({ where: { id: offerId }, include: { opportunity: true } });
      if (offer.status !== 'PROPOSED') refuse({ code: 'INVALID_TRANSITION', field: f('offerId'), message: `The offer is already ${offer.status}.` });
      if (!isOpportunityActive(offer.opportunity, ctx.now)) refuse({ code: 'OPPORTUNITY_CLOSED', field: f('offerId'), message: 'The buy request is not open any more.' });
      const sum = await tx.consortiumShare.aggregate({ where: { offerId, status: 'ACCEPTED' }, _sum: { quantity: true } });
      const covered = sum._sum.quantity ?? 0;
      if (covered < offer.quantity) {
        refuse({ code: 'NOT_COVERED', field: f('offerId'), message: `Accepted shares cover ${covered} of ${offer.quantity} ${offer.unit}; invite more members or wait for answers.` });
      }
      return tx.consortiumOffer.update({
        where: { id: offerId },
        data: { status: 'SENT', sentAt: ctx.now },
        include: { opportunity: { select: { partnerId: true } }, shares: { where: { status: 'ACCEPTED' }, orderBy: { id: 'asc' } } },
      });
    },
    events: (o) => [offeredEvent(o, o.opportunity.partnerId, o.shares)],
  });
}

export interface DeliveryInput {
  shareId: string | number;
  quantity: number;
  deliveredOn: Date;
}

/**
 * consortiumDeliveryRecord: units a member delivered against its accepted share of a sent offer,
 * recorded by Disperin staff, the coordinating member's people or the contact person (the buyer's
 * contact sees the goods arrive). Never more than the share over the delivery period in all (shareTotal).
 */
export async function recordDelivery(ctx: Context, input: DeliveryInput) {
  const shareId = idOf(String(input.shareId), 'ConsortiumShare');
  const share = shareId
    ? await ctx.prisma.consortiumShare.findUnique({ where: { id: shareId }, select: { id: true, offerId: true, offer: { select: { coordinatorId: true, contactUserId: true } } } })
    : null;
  const visible = share && (runsOffer(ctx.viewer, share.offer) || ctx.viewer.enterpriseIds.includes(share.offer.coordinatorId));
  if (!share || !visible) return failed([userError('NOT_FOUND', f('shareId'), 'No consortium share you coordinate has this ID.')]);
  return runMutation(ctx, {
    region: () => offerRegion(ctx, { id: share.offerId }, f('shareId')),
    validate: () => {
      const problems: Problem[] = [];
      if (!Number.isInteger(input.quantity) || input.quantity < 1) problems.push({ code: 'INVALID_VALUE', field: f('quantity'), message: 'A delivery is a whole number of units, 1 or more.' });
      if (input.deliveredOn.getTime() > ctx.now.getTime()) problems.push({ code: 'INVALID_VALUE', field: f('deliveredOn'), message: 'A delivery is recorded once it has happened, not ahead.' });
      return problems;
    },
    run: async (tx) => {
      const current = await lockShare(tx, share.offerId, share.id);
      if (current.status !== 'ACCEPTED' || current.offer.status !== 'SENT') {
        refuse({ code: 'INVALID_TRANSITION', field: f('shareId'), message: 'Deliveries are recorded against an accepted share of an offer sent to the buyer.' });
      }
      const delivered = current.deliveries.reduce((sum, d) => sum + d.quantity, 0);
      const due = shareTotal(current.quantity, current.offer.opportunity);
      if (delivered + input.quantity > due) {
        refuse({ code: 'INVALID_VALUE', field: f('quantity'), message: `The share has ${due - delivered} ${current.offer.unit} left to deliver.` });
      }
      const delivery = await tx.consortiumDelivery.create({ data: { shareId: share.id, quantity: input.quantity, deliveredOn: input.deliveredOn, recordedById: ctx.viewer.userId } });
      return { ...delivery, event: deliveredEvent(current.offer, current.offer.opportunity.partnerId, current, delivery, delivered + input.quantity) };
    },
    events: (d) => [d.event],
  });
}

/**
 * The share, after locking its offer FOR SHARE and then the share FOR UPDATE: answers and deliveries
 * of one offer proceed side by side, and sending or withdrawing the offer (FOR UPDATE) waits for them.
 */
async function lockShare(tx: Tx, offerId: string, shareId: string) {
  await tx.$queryRaw`SELECT id FROM "ConsortiumOffer" WHERE id = ${offerId}::uuid FOR SHARE`;
  await tx.$queryRaw`SELECT id FROM "ConsortiumShare" WHERE id = ${shareId}::uuid FOR UPDATE`;
  return tx.consortiumShare.findUniqueOrThrow({
    where: { id: shareId },
    include: { offer: { include: { opportunity: true } }, deliveries: { select: { quantity: true } } },
  });
}

const acceptedQuantity = async (tx: Tx, offerId: string) =>
  (await tx.consortiumShare.aggregate({ where: { offerId, status: 'ACCEPTED' }, _sum: { quantity: true } }))._sum.quantity ?? 0;

/**
 * The offer's ID if the caller runs it (staff or its contact person); null otherwise. A member's
 * people who do not run it are FORBIDDEN; anyone else gets NOT_FOUND, as for an unknown ID.
 */
async function runnableOffer(ctx: Context, id: string | number): Promise<string | null> {
  const offerId = idOf(String(id), 'ConsortiumOffer');
  const offer = offerId
    ? await ctx.prisma.consortiumOffer.findUnique({
        where: { id: offerId },
        select: { id: true, contactUserId: true, shares: { where: { enterpriseId: { in: [...ctx.viewer.enterpriseIds] } }, select: { id: true } } },
      })
    : null;
  if (!offer) return null;
  if (runsOffer(ctx.viewer, offer)) return offer.id;
  if (offer.shares.length > 0) throw forbidden("Only Disperin staff or the sentra's coordinator send or withdraw the offer.", 'staff or sentraCoordinator');
  return null;
}

const notRunnable = () => failed([userError('NOT_FOUND', f('offerId'), 'No consortium offer you coordinate has this ID.')]);

/**
 * consortiumOfferWithdraw: staff or the contact person withdraw the whole offer, PROPOSED or SENT,
 * until a delivery is recorded against it. Its accepted shares hold no capacity any more.
 */
export async function withdrawOffer(ctx: Context, input: { offerId: string | number }) {
  const offerId = await runnableOffer(ctx, input.offerId);
  if (!offerId) return notRunnable();
  return runMutation(ctx, {
    region: () => offerRegion(ctx, { id: offerId }, f('offerId')),
    run: async (tx) => {
      await tx.$queryRaw`SELECT id FROM "ConsortiumOffer" WHERE id = ${offerId}::uuid FOR UPDATE`;
      const offer = await tx.consortiumOffer.findUniqueOrThrow({ where: { id: offerId }, include: { opportunity: { select: { partnerId: true } } } });
      if (offer.status === 'WITHDRAWN') refuse({ code: 'INVALID_TRANSITION', field: f('offerId'), message: 'The offer is already WITHDRAWN.' });
      if ((await tx.consortiumDelivery.count({ where: { share: { offerId } } })) > 0) {
        refuse({ code: 'INVALID_TRANSITION', field: f('offerId'), message: 'Deliveries are recorded against the offer; it can no longer be withdrawn.' });
      }
      const members = await tx.consortiumShare.findMany({ where: { offerId }, select: { enterpriseId: true }, orderBy: { id: 'asc' } });
      const withdrawn = await tx.consortiumOffer.update({ where: { id: offerId }, data: { status: 'WITHDRAWN' } });
      return { ...withdrawn, event: withdrawnEvent(withdrawn, offer.status === 'SENT', offer.opportunity.partnerId, members.map((m) => m.enterpriseId)) };
    },
    events: (o) => [o.event],
  });
}
