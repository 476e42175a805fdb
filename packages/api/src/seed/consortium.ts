import { certificatesHeld } from '@temu-bisnis/schema/domain/certificates';
import { explainAllocation, prepareMembers, spreadEvenly } from '@temu-bisnis/schema/domain/consortium/allocate';
import { nearbyReason, neighbourhoodOf } from '@temu-bisnis/schema/domain/consortium/neighbourhood';
import type { CertificationKind, Prisma } from '@temu-bisnis/schema/prisma';
import { addDays, REFERENCE_INSTANT } from './clock';
import type { EnterpriseProfile } from './enterprises';
import { stableId } from './ids';
import type { PartnerProfile } from './partners';
import type { PeopleRows } from './people';
import { sentraId } from './sentra';

export interface ConsortiumRows {
  /** The demo sentra's coordinator, by sentra id. */
  coordinators: Map<string, string>;
  consortiumCapacities: Prisma.ConsortiumCapacityCreateManyInput[];
  consortiumOffers: Prisma.ConsortiumOfferCreateManyInput[];
  consortiumShares: Prisma.ConsortiumShareCreateManyInput[];
}

/** The demo buyer (docs/partners: Pusat Oleh-oleh Pandanaran Raya) receives the demo offer. */
const BUYER_SLUG = 'pusat-oleh-oleh-pandanaran-raya';
const MEMBERS = 4;
const PROPOSED_AT = addDays(REFERENCE_INSTANT, -6);
const SENT_AT = addDays(REFERENCE_INSTANT, -2);

/**
 * Two consortium offers already sent to the demo buyer (issue 19), so that the buyer's example has
 * something to show: the buyer's first buy request with a quantity, answered by the first sentra of
 * its sector with at least four members, one of whose owners coordinates it; and its next one,
 * answered by an ad-hoc group of four nearby IKM. Capacities are stated so the members together
 * can commit the volume with room to spare; the shares are what the API's allocation gives members
 * of one tier (spread evenly), with its reasons, all accepted.
 */
export function buildConsortium(
  enterprises: readonly EnterpriseProfile[],
  partners: readonly PartnerProfile[],
  opportunities: readonly Prisma.OpportunityCreateManyInput[],
  certifications: readonly Prisma.CertificationCreateManyInput[],
  people: PeopleRows,
  districtName: (code: string) => string,
): ConsortiumRows {
  const out: ConsortiumRows = { coordinators: new Map(), consortiumCapacities: [], consortiumOffers: [], consortiumShares: [] };
  const buyer = partners.find((p) => p.data.slug === BUYER_SLUG);
  const requests = opportunities.filter((o) => o.partnerId === buyer?.id && o.kind === 'BUY_REQUEST' && o.quantity && o.unit && o.status === 'OPEN');
  const [request, adHocRequest] = requests;
  if (!buyer || !request) return out;
  const held = new Map<string, { kind: CertificationKind; expiresOn: Date | null }[]>();
  for (const c of certifications) held.set(c.enterpriseId, [...(held.get(c.enterpriseId) ?? []), { kind: c.kind, expiresOn: c.expiresOn ? new Date(c.expiresOn) : null }]);
  // The request's sector, and required certificates still valid when the offer was proposed, as the allocation reads them.
  const fits = (r: Prisma.OpportunityCreateManyInput, e: EnterpriseProfile) =>
    e.line.sector === r.sector && ((r.requiredCertifications ?? []) as CertificationKind[]).every((k) => certificatesHeld(held.get(e.id) ?? [], PROPOSED_AT).held.has(k));
  const bySentra = new Map<string, EnterpriseProfile[]>();
  for (const e of enterprises) {
    if (e.sentraSlug && fits(request, e)) bySentra.set(e.sentraSlug, [...(bySentra.get(e.sentraSlug) ?? []), e]);
  }
  const found = [...bySentra.entries()].find(([, members]) => members.length >= MEMBERS && members.slice(0, MEMBERS).some((m) => people.ownerOf.has(m.id)));
  if (!found) return out;
  const [slug, all] = found;
  const members = all.slice(0, MEMBERS);
  const coordinatorMember = members.find((m) => people.ownerOf.has(m.id))!;
  const contact = people.ownerOf.get(coordinatorMember.id)!;
  out.coordinators.set(sentraId(slug), contact.id);
  addOffer(out, request, members, held, { sentraId: sentraId(slug), coordinatorId: coordinatorMember.id, contactUserId: contact.id, proposedById: contact.id }, () => []);

  // The buyer's next buy request, answered by an ad-hoc group: IKM of its sector in the kecamatan of
  // delivery or next to it, of any sentra or none (not the first offer's), proposed by Disperin staff;
  // the officer is the buyer's contact, the first member coordinates (docs/consortium.md, "ad-hoc groups").
  const named = (adHocRequest?.districtCodes ?? []) as string[];
  const delivery = named.length > 0 ? named : buyer.data.district ? [buyer.data.district] : [];
  const staff = people.officers[0];
  if (!adHocRequest || delivery.length === 0 || !staff) return out;
  const neighbourhood = neighbourhoodOf(delivery);
  const taken = new Set(members.map((m) => m.id));
  const nearby = enterprises
    .filter((e) => !taken.has(e.id) && neighbourhood.nearby.includes(e.districtCode) && fits(adHocRequest, e))
    .sort((a, b) => Number(neighbourhood.delivery.includes(b.districtCode)) - Number(neighbourhood.delivery.includes(a.districtCode)))
    .slice(0, MEMBERS);
  if (nearby.length < MEMBERS) return out;
  addOffer(out, adHocRequest, nearby, held, { sentraId: null, coordinatorId: nearby[0]!.id, contactUserId: staff.id, proposedById: staff.id }, (m) => [
    nearbyReason(m.districtCode, neighbourhood, districtName)!,
  ]);
  return out;
}

/**
 * One sent offer for `request` over `members`, all accepted: capacities of 50 % to 80 % of the
 * volume a month, 60 % of it offered (together about 1.6 times the volume), shared as the API's
 * allocation shares one tier, with its reasons after `whereOf`'s.
 */
function addOffer(
  out: ConsortiumRows,
  request: Prisma.OpportunityCreateManyInput,
  members: readonly EnterpriseProfile[],
  held: ReadonlyMap<string, { kind: CertificationKind; expiresOn: Date | null }[]>,
  by: Pick<Prisma.ConsortiumOfferCreateManyInput, 'sentraId' | 'coordinatorId' | 'contactUserId' | 'proposedById'>,
  whereOf: (m: EnterpriseProfile) => string[],
) {
  const unit = request.unit!.trim().toLowerCase();
  const quantity = request.quantity!;
  const inputs = members.map((m, i) => ({
    id: m.id,
    label: m.name,
    monthlyCapacity: Math.ceil((quantity * (5 + i)) / 10 / 10) * 10,
    committedSharePercent: 60,
    committedElsewhere: 0,
    certifications: held.get(m.id) ?? [],
    deliveries: { promised: 0, delivered: 0 },
  }));
  const allocation = { quantity, requiredCertifications: (request.requiredCertifications ?? []) as CertificationKind[], deliveryStarts: PROPOSED_AT };
  const prepared = prepareMembers(allocation, inputs);
  const shares = explainAllocation(allocation, prepared, spreadEvenly(prepared.map((p) => p.available), quantity)).members;
  const offerId = stableId('consortium-offer', `${BUYER_SLUG}:${request.id}`);
  out.consortiumCapacities.push(
    ...inputs.map((m) => ({
      id: stableId('consortium-capacity', `${m.id}:${unit}`),
      enterpriseId: m.id,
      unit,
      monthlyCapacity: m.monthlyCapacity,
      sharePercent: m.committedSharePercent,
      updatedAt: PROPOSED_AT,
    })),
  );
  out.consortiumOffers.push({ id: offerId, opportunityId: request.id!, ...by, quantity, unit, status: 'SENT', sentAt: SENT_AT, createdAt: PROPOSED_AT, updatedAt: SENT_AT });
  out.consortiumShares.push(
    ...shares.map((s, i) => ({
      id: stableId('consortium-share', `${offerId}:${s.memberId}`),
      offerId,
      enterpriseId: s.memberId,
      quantity: s.quantity,
      status: 'ACCEPTED' as const,
      reasons: [...whereOf(members[i]!), ...s.reasons],
      respondedAt: addDays(PROPOSED_AT, 1 + (i % 3)),
    })),
  );
}
