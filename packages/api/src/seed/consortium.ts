import { certificatesHeld } from '@temu-bisnis/schema/domain/certificates';
import { explainAllocation, prepareMembers, spreadEvenly } from '@temu-bisnis/schema/domain/consortium/allocate';
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

/**
 * One consortium offer already sent to the demo buyer (issue 19), so that the buyer's example has
 * something to show: the buyer's first buy request with a quantity, answered by the first sentra of
 * its sector with at least four members, one of whose owners coordinates it. Capacities are stated
 * so the members together can commit the volume with room to spare; the shares are what the API's
 * allocation gives members of one tier (spread evenly), with its reasons, all accepted.
 */
export function buildConsortium(
  enterprises: readonly EnterpriseProfile[],
  partners: readonly PartnerProfile[],
  opportunities: readonly Prisma.OpportunityCreateManyInput[],
  certifications: readonly Prisma.CertificationCreateManyInput[],
  people: PeopleRows,
): ConsortiumRows {
  const out: ConsortiumRows = { coordinators: new Map(), consortiumCapacities: [], consortiumOffers: [], consortiumShares: [] };
  const buyer = partners.find((p) => p.data.slug === BUYER_SLUG);
  const request = opportunities.find((o) => o.partnerId === buyer?.id && o.kind === 'BUY_REQUEST' && o.quantity && o.unit && o.status === 'OPEN');
  if (!buyer || !request?.quantity || !request.unit) return out;
  const required = (request.requiredCertifications ?? []) as CertificationKind[];
  const proposedAt = addDays(REFERENCE_INSTANT, -6);
  const held = new Map<string, { kind: CertificationKind; expiresOn: Date | null }[]>();
  for (const c of certifications) held.set(c.enterpriseId, [...(held.get(c.enterpriseId) ?? []), { kind: c.kind, expiresOn: c.expiresOn ? new Date(c.expiresOn) : null }]);
  // Required certificates still valid when the offer was proposed, as the allocation reads them.
  const fits = (e: EnterpriseProfile) => e.line.sector === request.sector && required.every((k) => certificatesHeld(held.get(e.id) ?? [], proposedAt).held.has(k));
  const bySentra = new Map<string, EnterpriseProfile[]>();
  for (const e of enterprises) {
    if (e.sentraSlug && fits(e)) bySentra.set(e.sentraSlug, [...(bySentra.get(e.sentraSlug) ?? []), e]);
  }
  const found = [...bySentra.entries()].find(([, members]) => members.length >= MEMBERS && members.slice(0, MEMBERS).some((m) => people.ownerOf.has(m.id)));
  if (!found) return out;
  const [slug, all] = found;
  const members = all.slice(0, MEMBERS);
  const coordinatorMember = members.find((m) => people.ownerOf.has(m.id))!;
  const contact = people.ownerOf.get(coordinatorMember.id)!;
  out.coordinators.set(sentraId(slug), contact.id);

  const unit = request.unit.trim().toLowerCase();
  const quantity = request.quantity;
  // Capacities of 50 % to 80 % of the volume a month, 60 % of it offered: together about 1.6 times the volume.
  const inputs = members.map((m, i) => ({
    id: m.id,
    label: m.name,
    monthlyCapacity: Math.ceil((quantity * (5 + i)) / 10 / 10) * 10,
    committedSharePercent: 60,
    committedElsewhere: 0,
    certifications: held.get(m.id) ?? [],
    deliveries: { promised: 0, delivered: 0 },
  }));
  const allocation = { quantity, requiredCertifications: required, deliveryStarts: proposedAt };
  const prepared = prepareMembers(allocation, inputs);
  const shares = explainAllocation(allocation, prepared, spreadEvenly(prepared.map((p) => p.available), quantity)).members;
  const offerId = stableId('consortium-offer', `${BUYER_SLUG}:${request.id}`);
  const sentAt = addDays(REFERENCE_INSTANT, -2);
  out.consortiumCapacities = inputs.map((m) => ({
    id: stableId('consortium-capacity', `${m.id}:${unit}`),
    enterpriseId: m.id,
    unit,
    monthlyCapacity: m.monthlyCapacity,
    sharePercent: m.committedSharePercent,
    updatedAt: proposedAt,
  }));
  out.consortiumOffers = [
    {
      id: offerId,
      opportunityId: request.id!,
      sentraId: sentraId(slug),
      coordinatorId: coordinatorMember.id,
      contactUserId: contact.id,
      quantity,
      unit,
      status: 'SENT',
      proposedById: contact.id,
      sentAt,
      createdAt: proposedAt,
      updatedAt: sentAt,
    },
  ];
  out.consortiumShares = shares.map((s, i) => ({
    id: stableId('consortium-share', `${offerId}:${s.memberId}`),
    offerId,
    enterpriseId: s.memberId,
    quantity: s.quantity,
    status: 'ACCEPTED',
    reasons: s.reasons,
    respondedAt: addDays(proposedAt, 1 + (i % 3)),
  }));
  return out;
}
