import type { Prisma } from '@temu-bisnis/schema/prisma';
import { searchText } from '@temu-bisnis/schema/domain/search';
import { addDays, between, REFERENCE_INSTANT } from './clock';
import { districtId, REGISTRY_OPENED_AT } from './districts';
import { stableId } from './ids';
import { emailLocalPart, landlinePhone, makePerson, mobilePhone, type Person } from './persons';
import { randomFor } from './random';
import type { PartnerData, ReferenceData } from './reference-data';

export interface PartnerProfile {
  id: string;
  data: PartnerData;
  /** The name without the "(demo)" mark, for titles. */
  shortName: string;
  contact: Person;
  createdAt: Date;
}

export interface PartnerRows {
  profiles: PartnerProfile[];
  partners: Prisma.PartnerCreateManyInput[];
  contacts: Prisma.ContactCreateManyInput[];
}

const PARTNERS_RECRUITED_BY = new Date('2025-10-01T00:00:00.000Z');

export function partnerId(slug: string): string {
  return stableId('partner', slug);
}

/** The e-mail domain of a demo partner: its slug under the reserved .example TLD (RFC 2606). */
export function partnerDomain(slug: string): string {
  return `${slug}.example`;
}

export function buildPartners(data: ReferenceData): PartnerRows {
  const out: PartnerRows = { profiles: [], partners: [], contacts: [] };
  for (const p of data.partners) {
    const rng = randomFor(`partner:${p.slug}`);
    const id = partnerId(p.slug);
    // Partners were recruited in 2025, before the first forum.
    const createdAt = between(REGISTRY_OPENED_AT, PARTNERS_RECRUITED_BY, rng.next);
    const updatedAt = between(createdAt, addDays(REFERENCE_INSTANT, -1), rng.next);
    out.partners.push({
      id,
      slug: p.slug,
      name: p.name,
      kind: p.kind,
      funderType: p.funderType ?? null,
      description: p.description,
      districtId: p.district ? districtId(p.district) : null,
      website: `https://${partnerDomain(p.slug)}`,
      sectors: p.sectors,
      kbliPrefixes: p.kbliPrefixes,
      productCategories: p.productCategories,
      districtCodes: p.districtCodes,
      offers: p.offers,
      volumeMin: p.volume?.[0] ?? null,
      volumeMax: p.volume?.[1] ?? null,
      ticketMin: p.ticket ? BigInt(p.ticket[0]) : null,
      ticketMax: p.ticket ? BigInt(p.ticket[1]) : null,
      status: 'ACTIVE',
      isDemo: true,
      searchText: searchText(p.name, p.offers, p.description),
      createdAt,
      updatedAt,
    });
    const [mainRole, secondRole] = data.people.partnerContactRoles[p.kind] as [string, string];
    const contact = makePerson(rng, data.names);
    out.contacts.push({
      id: stableId('contact', `partner:${p.slug}#1`),
      partnerId: id,
      name: contact.fullName,
      role: mainRole,
      // Institutions answer on a Semarang landline; online-only partners on a mobile number.
      phone: p.district ? landlinePhone(rng, data.names) : mobilePhone(rng, data.names),
      email: `${emailLocalPart(contact)}@${partnerDomain(p.slug)}`,
      isPrimary: true,
    });
    if (rng.chance(0.6)) {
      const second = makePerson(rng, data.names);
      out.contacts.push({
        id: stableId('contact', `partner:${p.slug}#2`),
        partnerId: id,
        name: second.fullName,
        role: secondRole,
        phone: mobilePhone(rng, data.names),
        email: `${emailLocalPart(second)}@${partnerDomain(p.slug)}`,
        isPrimary: false,
      });
    }
    out.profiles.push({ id, data: p, shortName: p.name.replace(/\s*\(demo\)\s*$/, ''), contact, createdAt });
  }
  return out;
}
