import { globalId, type OutboxEvent } from '../common/outbox';
import type { ConsortiumOffer, ConsortiumShare } from '../generated/prisma/client';

/**
 * Consortium events (issue 19). Each audience is who may query the record: the members (their
 * shares), the coordinating member, the contact person and staff of the offer's region (the whole
 * offer; events/staff-region.ts), the buyer (a SENT offer: its coordinator and the members that
 * accepted). A payload holds only what every
 * receiver of its event may see, so the buyer's events name accepted members only.
 */

type Offer = Pick<ConsortiumOffer, 'id' | 'opportunityId' | 'sentraId' | 'coordinatorId' | 'contactUserId' | 'quantity' | 'unit' | 'status'>;
type Share = Pick<ConsortiumShare, 'id' | 'enterpriseId' | 'quantity'>;

const offerIds = (offer: Offer) => ({
  offerId: globalId('ConsortiumOffer', offer.id),
  opportunityId: globalId('Opportunity', offer.opportunityId),
  unit: offer.unit,
});

/** Those who run the offer: the coordinating member's people, the contact person, staff. */
const coordinators = (offer: Offer) => ({ enterpriseIds: [offer.coordinatorId], userIds: offer.contactUserId ? [offer.contactUserId] : [], staff: true });

/**
 * consortium.invited: one event to every member invited (each sees the whole offer, every share
 * included), so a proposal of 500 members writes one event, not 500.
 */
export function invitedEvent(offer: Offer, shares: readonly Share[]): OutboxEvent {
  return {
    type: 'consortium.invited',
    subject: { typename: 'ConsortiumOffer', id: offer.id },
    audience: { enterpriseIds: shares.map((s) => s.enterpriseId) },
    payload: {
      ...offerIds(offer),
      quantity: offer.quantity,
      memberIds: shares.map((s) => globalId('Enterprise', s.enterpriseId)),
      shareIds: shares.map((s) => globalId('ConsortiumShare', s.id)),
    },
  };
}

/** consortium.member_accepted / member_declined: to those who run the offer. */
export function answeredEvent(
  type: 'consortium.member_accepted' | 'consortium.member_declined',
  offer: Offer,
  share: Share,
  acceptedQuantity: number,
  withdrawn = false,
): OutboxEvent {
  return {
    type,
    subject: { typename: 'ConsortiumShare', id: share.id },
    audience: coordinators(offer),
    payload: {
      ...offerIds(offer),
      shareId: globalId('ConsortiumShare', share.id),
      enterpriseId: globalId('Enterprise', share.enterpriseId),
      quantity: share.quantity,
      acceptedQuantity,
      offerQuantity: offer.quantity,
      withdrawnAcceptance: withdrawn,
    },
  };
}

/** consortium.offered: to the buyer (and everyone inside); names only the members that accepted. */
export function offeredEvent(offer: Offer, buyerPartnerId: string | null, accepted: readonly Share[]): OutboxEvent {
  const members = accepted.map((s) => s.enterpriseId);
  return {
    type: 'consortium.offered',
    subject: { typename: 'ConsortiumOffer', id: offer.id },
    audience: { ...coordinators(offer), partnerIds: buyerPartnerId ? [buyerPartnerId] : [], enterpriseIds: [offer.coordinatorId, ...members] },
    payload: {
      ...offerIds(offer),
      quantity: offer.quantity,
      acceptedQuantity: accepted.reduce((sum, s) => sum + s.quantity, 0),
      sentraId: offer.sentraId ? globalId('Sentra', offer.sentraId) : null,
      coordinatorId: globalId('Enterprise', offer.coordinatorId),
      memberIds: members.map((id) => globalId('Enterprise', id)),
    },
  };
}

/** consortium.delivered: to the buyer, the member and those who run the offer. */
export function deliveredEvent(
  offer: Offer,
  buyerPartnerId: string | null,
  share: Share,
  delivery: { id: string; quantity: number; deliveredOn: Date },
  deliveredTotal: number,
): OutboxEvent {
  return {
    type: 'consortium.delivered',
    subject: { typename: 'ConsortiumShare', id: share.id },
    audience: { ...coordinators(offer), partnerIds: buyerPartnerId ? [buyerPartnerId] : [], enterpriseIds: [offer.coordinatorId, share.enterpriseId] },
    payload: {
      ...offerIds(offer),
      shareId: globalId('ConsortiumShare', share.id),
      enterpriseId: globalId('Enterprise', share.enterpriseId),
      quantity: delivery.quantity,
      deliveredOn: delivery.deliveredOn.toISOString().slice(0, 10),
      delivered: deliveredTotal,
      shareQuantity: share.quantity,
    },
  };
}

/** consortium.withdrawn: to every member invited, and to the buyer when it had been sent one. */
export function withdrawnEvent(offer: Offer, wasSent: boolean, buyerPartnerId: string | null, memberIds: readonly string[]): OutboxEvent {
  return {
    type: 'consortium.withdrawn',
    subject: { typename: 'ConsortiumOffer', id: offer.id },
    audience: { ...coordinators(offer), partnerIds: wasSent && buyerPartnerId ? [buyerPartnerId] : [], enterpriseIds: [offer.coordinatorId, ...memberIds] },
    payload: { ...offerIds(offer), wasSent },
  };
}
