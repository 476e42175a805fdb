import type { Prisma } from '@temu-bisnis/schema/prisma';

/**
 * Every demo row, grouped by table, in the order the tables are written (parents first). The rows
 * are plain createMany inputs with their ids already set, so writing is mechanical and a second run
 * finds every row already there.
 */
export interface DemoDataset {
  regencies: Prisma.RegencyCreateManyInput[];
  offices: Prisma.DisperinOfficeCreateManyInput[];
  districts: Prisma.DistrictCreateManyInput[];
  sentra: Prisma.SentraCreateManyInput[];
  enterprises: Prisma.EnterpriseCreateManyInput[];
  yearFigures: Prisma.EnterpriseYearFigureCreateManyInput[];
  creditFacilities: Prisma.CreditFacilityCreateManyInput[];
  enterpriseProducts: Prisma.EnterpriseProductCreateManyInput[];
  enterpriseKbli: Prisma.EnterpriseKbliCreateManyInput[];
  certifications: Prisma.CertificationCreateManyInput[];
  partners: Prisma.PartnerCreateManyInput[];
  contacts: Prisma.ContactCreateManyInput[];
  opportunities: Prisma.OpportunityCreateManyInput[];
  users: Prisma.UserCreateManyInput[];
  memberships: Prisma.OrganisationMembershipCreateManyInput[];
  sessions: Prisma.MatchmakingSessionCreateManyInput[];
  sessionSlots: Prisma.SessionSlotCreateManyInput[];
  sessionTables: Prisma.SessionTableCreateManyInput[];
  participants: Prisma.ForumParticipantCreateManyInput[];
  availability: Prisma.ParticipantAvailabilityCreateManyInput[];
  meetingRequests: Prisma.MeetingRequestCreateManyInput[];
  meetings: Prisma.MeetingCreateManyInput[];
  meetingSeats: Prisma.MeetingSeatCreateManyInput[];
  meetingFeedback: Prisma.MeetingFeedbackCreateManyInput[];
  meetingFollowUps: Prisma.MeetingFollowUpCreateManyInput[];
  financingNeeds: Prisma.FinancingNeedCreateManyInput[];
  consents: Prisma.ConsentCreateManyInput[];
  consentRevocations: Prisma.ConsentRevocationCreateManyInput[];
  leadReviews: Prisma.LeadReviewCreateManyInput[];
  leadStatusChanges: Prisma.LeadStatusChangeCreateManyInput[];
  leadNotes: Prisma.LeadNoteCreateManyInput[];
  consortiumCapacities: Prisma.ConsortiumCapacityCreateManyInput[];
  consortiumOffers: Prisma.ConsortiumOfferCreateManyInput[];
  consortiumShares: Prisma.ConsortiumShareCreateManyInput[];
}

export type SeedTable = keyof DemoDataset;

/** Write order: a table comes after every table it references (people early: a sentra names its coordinator). */
export const SEED_TABLES: readonly SeedTable[] = [
  'regencies',
  'offices',
  'users',
  'districts',
  'sentra',
  'enterprises',
  'yearFigures',
  'creditFacilities',
  'enterpriseProducts',
  'enterpriseKbli',
  'certifications',
  'partners',
  'contacts',
  'opportunities',
  'memberships',
  'sessions',
  'sessionSlots',
  'sessionTables',
  'participants',
  'availability',
  'meetingRequests',
  'meetings',
  'meetingSeats',
  'meetingFeedback',
  'meetingFollowUps',
  'financingNeeds',
  'consents',
  'consentRevocations',
  'leadReviews',
  'leadStatusChanges',
  'leadNotes',
  'consortiumCapacities',
  'consortiumOffers',
  'consortiumShares',
];
