import type { MembershipRole, Prisma } from '@temu-bisnis/schema/prisma';
import { addDays, between, REFERENCE_INSTANT } from './clock';
import { DEMO_REGENCY, officeOf, REGISTRY_OPENED_AT } from './districts';
import type { EnterpriseProfile } from './enterprises';
import { stableId } from './ids';
import { emailLocalPart, makePerson } from './persons';
import { partnerDomain, type PartnerProfile } from './partners';
import { randomFor } from './random';
import type { ReferenceData } from './reference-data';

export interface UserProfile {
  id: string;
  email: string;
  name: string;
}

export interface PeopleRows {
  users: Prisma.UserCreateManyInput[];
  memberships: Prisma.OrganisationMembershipCreateManyInput[];
  /** Officers of Disperin Kota Semarang, who register participants at its forums. */
  officers: UserProfile[];
  /** Owner user of an enterprise, by enterprise id. */
  ownerOf: Map<string, UserProfile>;
  /** Members of a partner, by partner id, with their membership role. */
  membersOf: Map<string, (UserProfile & { role: MembershipRole })[]>;
}

export function userId(email: string): string {
  return stableId('user', email);
}

/**
 * Who signs in: Disperin's admin and officers (each of an office: Kota Semarang's, Kabupaten
 * Demak's or the provincial one), an owner for every tenth enterprise (its primary
 * contact), and members of some partners, among them credit analysts of banks.
 */
export function buildPeople(
  data: ReferenceData,
  enterprises: readonly EnterpriseProfile[],
  partners: readonly PartnerProfile[],
): PeopleRows {
  const out: PeopleRows = { users: [], memberships: [], officers: [], ownerOf: new Map(), membersOf: new Map() };
  const add = (email: string, name: string, role: Prisma.UserCreateManyInput['role'], createdAt: Date, officeId: string | null = null): UserProfile => {
    const user = { id: userId(email), email, name };
    out.users.push({ ...user, role, officeId, isDemo: true, createdAt });
    return user;
  };

  for (const staff of data.people.staff) {
    const user = add(staff.email, staff.name, staff.role, REGISTRY_OPENED_AT, officeOf(data.people, staff.regency));
    if (staff.role === 'OFFICER' && staff.regency === DEMO_REGENCY) out.officers.push(user);
  }

  enterprises.forEach((enterprise, i) => {
    if (i % data.people.enterpriseOwnerEvery !== 0) return;
    const rng = randomFor(`user:enterprise:${enterprise.nib}`);
    const createdAt = between(enterprise.createdAt, addDays(REFERENCE_INSTANT, -1), rng.next);
    const user = add(enterprise.ownerEmail, enterprise.owner.fullName, 'ENTERPRISE', createdAt);
    out.ownerOf.set(enterprise.id, user);
    out.memberships.push({
      id: stableId('membership', `${user.email}:enterprise:${enterprise.nib}`),
      userId: user.id,
      enterpriseId: enterprise.id,
      role: 'OWNER',
      createdAt,
    });
  });

  data.people.partnerMembers.forEach((member, i) => {
    const partner = partners.find((p) => p.data.slug === member.partner);
    if (!partner) throw new Error(`seed data: people.json names unknown partner "${member.partner}"`);
    const rng = randomFor(`user:partner:${member.partner}#${i}`);
    let person = makePerson(rng, data.names);
    const emailOf = () => `${emailLocalPart(person)}@${partnerDomain(member.partner)}`;
    while (out.users.some((u) => u.email === emailOf())) person = makePerson(rng, data.names);
    const createdAt = between(partner.createdAt, addDays(REFERENCE_INSTANT, -1), rng.next);
    const user = add(emailOf(), person.fullName, 'PARTNER', createdAt);
    out.memberships.push({
      id: stableId('membership', `${user.email}:partner:${member.partner}`),
      userId: user.id,
      partnerId: partner.id,
      role: member.role,
      createdAt,
    });
    out.membersOf.set(partner.id, [...(out.membersOf.get(partner.id) ?? []), { ...user, role: member.role }]);
  });
  return out;
}
