import { buildConsortium } from './consortium';
import type { DemoDataset } from './dataset';
import { regencyCodeOf } from '@temu-bisnis/schema/domain/regions';
import { buildDistricts, buildOffices, buildRegencies, DEMO_REGENCY, districtByCode } from './districts';
import { buildEnterprises } from './enterprises';
import { buildFinancing } from './financing';
import { buildForums } from './forums';
import { buildOpportunities } from './opportunities';
import { buildPartners } from './partners';
import { buildPeople } from './people';
import { loadReferenceData, type ReferenceData } from './reference-data';
import { buildSentra } from './sentra';
import { buildYearFigures } from './year-figures';

/**
 * The whole demo data set, computed in memory from prisma/seed-data/*.json. Pure: no database, no
 * clock, no Math.random — two calls with the same secret return equal data. The secret (the
 * database's SeedSecret) salts the ids of protected rows only; every value is the same under any.
 */
export function buildDemoDataset(secret: string, data: ReferenceData = loadReferenceData()): DemoDataset {
  const enterprises = buildEnterprises(data);
  const figures = buildYearFigures(enterprises.profiles);
  const partners = buildPartners(data);
  const opportunities = buildOpportunities(data, enterprises.profiles, partners.profiles);
  const people = buildPeople(data, enterprises.profiles, partners.profiles);
  // The forums are Kota Semarang's: its IKM take part.
  const semarang = enterprises.profiles.filter((e) => regencyCodeOf(e.districtCode) === DEMO_REGENCY);
  const forums = buildForums(data, semarang, partners.profiles, people);
  const financing = buildFinancing(
    secret,
    enterprises.profiles,
    partners.profiles,
    people,
    opportunities.financingRequests,
    forums.financingMeetings,
  );
  const consortium = buildConsortium(enterprises.profiles, partners.profiles, opportunities.opportunities, enterprises.certifications, people, (code) =>
    districtByCode(data.districts, code).name,
  );
  return {
    regencies: buildRegencies(data.regencies),
    offices: buildOffices(data.people),
    districts: buildDistricts(data.regencies),
    sentra: buildSentra(data.sentra).map((s) => ({ ...s, coordinatorUserId: consortium.coordinators.get(s.id!) ?? null })),
    enterprises: enterprises.enterprises,
    yearFigures: figures.yearFigures,
    creditFacilities: figures.creditFacilities,
    enterpriseProducts: enterprises.enterpriseProducts,
    enterpriseKbli: enterprises.enterpriseKbli,
    certifications: enterprises.certifications,
    partners: partners.partners,
    contacts: [...enterprises.contacts, ...partners.contacts],
    opportunities: opportunities.opportunities,
    users: people.users,
    memberships: people.memberships,
    sessions: forums.sessions,
    sessionSlots: forums.sessionSlots,
    sessionTables: forums.sessionTables,
    participants: forums.participants,
    availability: forums.availability,
    meetingRequests: forums.meetingRequests,
    meetings: forums.meetings,
    meetingSeats: forums.meetingSeats,
    meetingFeedback: forums.meetingFeedback,
    meetingFollowUps: forums.meetingFollowUps,
    financingNeeds: financing.financingNeeds,
    consents: financing.consents,
    consentRevocations: financing.consentRevocations,
    leadReviews: financing.leadReviews,
    leadStatusChanges: financing.leadStatusChanges,
    leadNotes: financing.leadNotes,
    consortiumCapacities: consortium.consortiumCapacities,
    consortiumOffers: consortium.consortiumOffers,
    consortiumShares: consortium.consortiumShares,
  };
}
