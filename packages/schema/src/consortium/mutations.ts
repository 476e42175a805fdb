import { builder } from '../builder';
import { policies } from '../auth/policies';
import { CertificationKindEnum } from '../common/enums';
import { payloadType } from '../common/payload';
import { SentraRef } from '../sentra/types';
import { setSentraCoordinator } from './coordinator';
import * as service from './service';
import { ConsortiumCapacityRef, ConsortiumDeliveryRef, ConsortiumOfferRef, ConsortiumShareRef } from './types';

/** The consortium offer's lifecycle: the sentra's coordinator, capacity, propose, accept or decline a share, send to the buyer, withdraw, deliveries. */

const CoordinatorSetInput = builder.inputType('SentraCoordinatorSetInput', {
  description: "The sentra's coordinator (koordinator sentra), or none.",
  fields: (t) => ({
    sentraId: t.id({ required: true, description: 'Global ID of the sentra.' }),
    userId: t.id({
      description: 'Database id of the person (viewer.user.id), a person of one of the sentra’s active members; null or omitted: no coordinator.',
      // Not a global ID: the server checks it as a UUID (packages/api/src/server/security/id-inputs.ts).
      extensions: { idForm: 'uuid' },
    }),
  }),
});

const CapacitySetInput = builder.inputType('ConsortiumCapacitySetInput', {
  description: 'What an IKM will commit to consortium offers in one unit.',
  fields: (t) => ({
    enterpriseId: t.id({ required: true, description: 'Global ID of the enterprise.' }),
    unit: t.string({ required: true, description: 'Unit, e.g. pcs or kg (1 to 20 letters, digits or spaces; kept in lower case).' }),
    monthlyCapacity: t.int({ required: true, description: 'Units it makes a month, 0 to 100,000,000.' }),
    sharePercent: t.int({ required: true, description: 'Percent of the capacity it commits to consortia at most, 0 to 100.' }),
  }),
});

const ProposeInput = builder.inputType('ConsortiumOfferProposeInput', {
  description: 'A consortium offer for a buy request: a sentra, or named IKM, and the coordinator.',
  fields: (t) => ({
    opportunityId: t.id({ required: true, description: 'Global ID of the buy request (an Opportunity of kind BUY_REQUEST with a quantity and unit).' }),
    sentraId: t.id({ description: 'Global ID of the sentra whose active members take part; with memberIds, every member named must belong to it.' }),
    memberIds: t.idList({ description: 'Global IDs of the IKM taking part (at most 500); omitted: every active member of the sentra.' }),
    coordinatorId: t.id({ required: true, description: 'Global ID of the member that is the buyer’s one contact.' }),
    preferredCertifications: t.field({ type: [CertificationKindEnum], description: 'Members holding all of these are preferred when the volume is shared.' }),
  }),
});

const ShareInput = builder.inputType('ConsortiumShareAnswerInput', {
  description: 'A member’s answer to its share.',
  fields: (t) => ({ shareId: t.id({ required: true, description: 'Global ID of the share.' }) }),
});

const SendInput = builder.inputType('ConsortiumOfferSendInput', {
  description: 'The offer to send to the buyer, or to withdraw.',
  fields: (t) => ({ offerId: t.id({ required: true, description: 'Global ID of the consortium offer.' }) }),
});

const DeliveryInput = builder.inputType('ConsortiumDeliveryRecordInput', {
  description: 'Units a member delivered against its share.',
  fields: (t) => ({
    shareId: t.id({ required: true, description: 'Global ID of the accepted share of a sent offer.' }),
    quantity: t.int({ required: true, description: 'Units delivered, 1 or more; in all never more than the share.' }),
    deliveredOn: t.field({ type: 'Date', required: true, description: 'Day of delivery, not after today.' }),
  }),
});

const CapacityPayload = payloadType('ConsortiumCapacitySetPayload', 'capacity', ConsortiumCapacityRef, 'Result of consortiumCapacitySet.');
const OfferPayload = payloadType('ConsortiumOfferPayload', 'offer', ConsortiumOfferRef, 'Result of consortiumOfferPropose, consortiumOfferSend and consortiumOfferWithdraw.');
const CoordinatorPayload = payloadType('SentraCoordinatorSetPayload', 'sentra', SentraRef, 'Result of sentraCoordinatorSet.');
const DeliveryPayload = payloadType('ConsortiumDeliveryRecordPayload', 'delivery', ConsortiumDeliveryRef, 'Result of consortiumDeliveryRecord.');
const SharePayload = payloadType('ConsortiumSharePayload', 'share', ConsortiumShareRef, 'Result of consortiumShareAccept and consortiumShareDecline.');

/** Where staff act on an offer (consortium/region.ts), said in each of its mutations. */
const STAFF_REGION =
  " Staff of a kabupaten/kota's Disperin office act only on the offers of their own kabupaten/kota (the sentra's kecamatan; an ad-hoc group's, its coordinating IKM's), the provincial office's on all: another office gets FORBIDDEN on the field naming the offer, sentra or share.";

builder.mutationFields((t) => ({
  sentraCoordinatorSet: t.field({
    type: CoordinatorPayload,
    description:
      "Names the sentra's coordinator (koordinator sentra): a person of one of its active members (else INVALID_VALUE), who may then propose consortium offers for the sentra, send and withdraw them and record deliveries, and is the buyer's one contact. Disperin staff only.",
    authScopes: policies.staff,
    args: { input: t.arg({ type: CoordinatorSetInput, required: true }) },
    resolve: (_root, { input }, ctx) => setSentraCoordinator(ctx, { sentraId: input.sentraId, userId: input.userId == null ? null : String(input.userId) }),
  }),
  consortiumCapacitySet: t.field({
    type: CapacityPayload,
    description: "Sets what an IKM will commit to consortium offers in one unit. Refused (OVER_CAPACITY) below what its accepted shares already hold. The enterprise's own people or Disperin staff.",
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: CapacitySetInput, required: true }) },
    resolve: (_root, { input }, ctx) => service.setCapacity(ctx, input),
  }),
  consortiumOfferPropose: t.field({
    type: OfferPayload,
    description:
      `Shares a buy request among the members of a sentra or named IKM (fill the volume, then prefer members holding preferredCertifications, then spread evenly; each within its stated share of capacity less what it committed elsewhere) and invites them. Refused when they cannot cover the volume (NOT_COVERED), a member is outside the sentra (OUTSIDE_REGION) or the request is not open (OPPORTUNITY_CLOSED). Disperin staff, or the sentra’s coordinator for its own sentra (FORBIDDEN otherwise); the sentra’s coordinator is the buyer’s contact.${STAFF_REGION}`,
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: ProposeInput, required: true }) },
    resolve: (_root, { input }, ctx) => service.proposeOffer(ctx, input),
  }),
  consortiumShareAccept: t.field({
    type: SharePayload,
    description:
      `A member commits its share. Refused (OVER_CAPACITY) when its accepted shares of every live offer would exceed its stated share of capacity; concurrent acceptances take turns on the member's capacity. The member's own people or Disperin staff.${STAFF_REGION}`,
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: ShareInput, required: true }) },
    resolve: (_root, { input }, ctx) => service.acceptShare(ctx, input),
  }),
  consortiumShareDecline: t.field({
    type: SharePayload,
    description:
      `A member declines its share, or withdraws its acceptance while the offer is PROPOSED (not yet sent to the buyer); the units it held are free for other offers. The member's own people or Disperin staff.${STAFF_REGION}`,
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: ShareInput, required: true }) },
    resolve: (_root, { input }, ctx) => service.declineShare(ctx, input),
  }),
  consortiumDeliveryRecord: t.field({
    type: DeliveryPayload,
    description:
      `Records units a member delivered against its accepted share of a sent offer (never more than the share in all). Deliveries make the member's record: a member that delivered at least 95 % of what it promised is preferred in later allocations. Disperin staff, the coordinating member's people or the sentra's coordinator.${STAFF_REGION}`,
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: DeliveryInput, required: true }) },
    resolve: (_root, { input }, ctx) => service.recordDelivery(ctx, input),
  }),
  consortiumOfferWithdraw: t.field({
    type: OfferPayload,
    description:
      `Withdraws the whole offer, PROPOSED or SENT, until a delivery is recorded against it (else INVALID_TRANSITION); its shares hold no capacity any more. Disperin staff or the sentra’s coordinator (its contact person).${STAFF_REGION}`,
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: SendInput, required: true }) },
    resolve: (_root, { input }, ctx) => service.withdrawOffer(ctx, input),
  }),
  consortiumOfferSend: t.field({
    type: OfferPayload,
    description: `Sends the offer to the buyer once the accepted shares cover the volume (else NOT_COVERED). Disperin staff or the sentra’s coordinator (its contact person).${STAFF_REGION}`,
    authScopes: policies.signedIn,
    args: { input: t.arg({ type: SendInput, required: true }) },
    resolve: (_root, { input }, ctx) => service.sendOffer(ctx, input),
  }),
}));
