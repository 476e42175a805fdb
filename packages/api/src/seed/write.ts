import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import { type DemoDataset, SEED_TABLES, type SeedTable } from './dataset';

/** Rows per INSERT: well below PostgreSQL's 65 535 bind parameters for the widest table. */
const CHUNK_ROWS = 500;

type Writer<T extends SeedTable> = (prisma: PrismaClient, rows: DemoDataset[T]) => Promise<{ count: number }>;

/** createMany … skipDuplicates is INSERT … ON CONFLICT DO NOTHING: rows already there stay as they are. */
const WRITERS: { [T in SeedTable]: Writer<T> } = {
  regencies: (p, data) => p.regency.createMany({ data, skipDuplicates: true }),
  offices: (p, data) => p.disperinOffice.createMany({ data, skipDuplicates: true }),
  districts: (p, data) => p.district.createMany({ data, skipDuplicates: true }),
  sentra: (p, data) => p.sentra.createMany({ data, skipDuplicates: true }),
  enterprises: (p, data) => p.enterprise.createMany({ data, skipDuplicates: true }),
  yearFigures: (p, data) => p.enterpriseYearFigure.createMany({ data, skipDuplicates: true }),
  creditFacilities: (p, data) => p.creditFacility.createMany({ data, skipDuplicates: true }),
  enterpriseProducts: (p, data) => p.enterpriseProduct.createMany({ data, skipDuplicates: true }),
  enterpriseKbli: (p, data) => p.enterpriseKbli.createMany({ data, skipDuplicates: true }),
  certifications: (p, data) => p.certification.createMany({ data, skipDuplicates: true }),
  partners: (p, data) => p.partner.createMany({ data, skipDuplicates: true }),
  contacts: (p, data) => p.contact.createMany({ data, skipDuplicates: true }),
  opportunities: (p, data) => p.opportunity.createMany({ data, skipDuplicates: true }),
  users: (p, data) => p.user.createMany({ data, skipDuplicates: true }),
  memberships: (p, data) => p.organisationMembership.createMany({ data, skipDuplicates: true }),
  sessions: (p, data) => p.matchmakingSession.createMany({ data, skipDuplicates: true }),
  sessionSlots: (p, data) => p.sessionSlot.createMany({ data, skipDuplicates: true }),
  sessionTables: (p, data) => p.sessionTable.createMany({ data, skipDuplicates: true }),
  participants: (p, data) => p.forumParticipant.createMany({ data, skipDuplicates: true }),
  availability: (p, data) => p.participantAvailability.createMany({ data, skipDuplicates: true }),
  meetingRequests: (p, data) => p.meetingRequest.createMany({ data, skipDuplicates: true }),
  meetings: (p, data) => p.meeting.createMany({ data, skipDuplicates: true }),
  meetingSeats: (p, data) => p.meetingSeat.createMany({ data, skipDuplicates: true }),
  meetingFeedback: (p, data) => p.meetingFeedback.createMany({ data, skipDuplicates: true }),
  meetingFollowUps: (p, data) => p.meetingFollowUp.createMany({ data, skipDuplicates: true }),
  financingNeeds: (p, data) => p.financingNeed.createMany({ data, skipDuplicates: true }),
  consents: (p, data) => p.consent.createMany({ data, skipDuplicates: true }),
  consentRevocations: (p, data) => p.consentRevocation.createMany({ data, skipDuplicates: true }),
  leadReviews: (p, data) => p.leadReview.createMany({ data, skipDuplicates: true }),
  leadStatusChanges: (p, data) => p.leadStatusChange.createMany({ data, skipDuplicates: true }),
  leadNotes: (p, data) => p.leadNote.createMany({ data, skipDuplicates: true }),
  consortiumCapacities: (p, data) => p.consortiumCapacity.createMany({ data, skipDuplicates: true }),
  consortiumOffers: (p, data) => p.consortiumOffer.createMany({ data, skipDuplicates: true }),
  consortiumShares: (p, data) => p.consortiumShare.createMany({ data, skipDuplicates: true }),
};

export type TableCounts = Record<SeedTable, { rows: number; inserted: number }>;

/** Writes every table in dependency order, in chunks, logging "seed: <table> <done>/<total>". */
export async function writeDataset(
  prisma: PrismaClient,
  dataset: DemoDataset,
  log: (line: string) => void,
): Promise<TableCounts> {
  const counts = {} as TableCounts;
  for (const table of SEED_TABLES) {
    const rows = dataset[table] as unknown[];
    const write = WRITERS[table] as Writer<SeedTable>;
    let inserted = 0;
    for (let start = 0; start < rows.length || start === 0; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      if (chunk.length > 0) inserted += (await write(prisma, chunk as DemoDataset[SeedTable])).count;
      const done = Math.min(start + CHUNK_ROWS, rows.length);
      log(`seed: ${table} ${done}/${rows.length}${inserted === done ? '' : ` (${inserted} new)`}`);
    }
    counts[table] = { rows: rows.length, inserted };
  }
  return counts;
}

/**
 * Rows with a natural key (Kemendagri code, office name, slug, NIB, e-mail) that someone created
 * before the seed — say, the admin account, or Kota Semarang and its office made by the regions
 * migration — keep their id: the demo rows that reference them are pointed at it, so
 * the seed neither fails on a foreign key nor duplicates the record.
 */
export async function adoptExistingIds(prisma: PrismaClient, dataset: DemoDataset): Promise<DemoDataset> {
  const pairs = (rows: { id?: string }[], existing: { id: string; key: string }[], keyOf: (row: never) => string) => {
    const byKey = new Map(existing.map((e) => [e.key, e.id]));
    return rows.flatMap((row) => {
      const found = byKey.get(keyOf(row as never));
      return found && found !== row.id ? [[row.id!, found] as const] : [];
    });
  };
  const [regencies, offices, districts, sentra, enterprises, partners, users, sessions] = await Promise.all([
    prisma.regency.findMany({ where: { code: { in: dataset.regencies.map((r) => r.code) } }, select: { id: true, code: true } }),
    prisma.disperinOffice.findMany({ where: { name: { in: dataset.offices.map((o) => o.name) } }, select: { id: true, name: true } }),
    prisma.district.findMany({ where: { code: { in: dataset.districts.map((d) => d.code) } }, select: { id: true, code: true } }),
    prisma.sentra.findMany({ where: { slug: { in: dataset.sentra.map((s) => s.slug) } }, select: { id: true, slug: true } }),
    prisma.enterprise.findMany({ where: { nib: { in: dataset.enterprises.map((e) => e.nib) } }, select: { id: true, nib: true } }),
    prisma.partner.findMany({ where: { slug: { in: dataset.partners.map((p) => p.slug) } }, select: { id: true, slug: true } }),
    prisma.user.findMany({ where: { email: { in: dataset.users.map((u) => u.email) } }, select: { id: true, email: true } }),
    prisma.matchmakingSession.findMany({ where: { slug: { in: dataset.sessions.map((s) => s.slug) } }, select: { id: true, slug: true } }),
  ]);
  const remap = new Map<string, string>([
    ...pairs(dataset.regencies, regencies.map((r) => ({ id: r.id, key: r.code })), (r: { code: string }) => r.code),
    ...pairs(dataset.offices, offices.map((o) => ({ id: o.id, key: o.name })), (r: { name: string }) => r.name),
    ...pairs(dataset.districts, districts.map((d) => ({ id: d.id, key: d.code })), (r: { code: string }) => r.code),
    ...pairs(dataset.sentra, sentra.map((s) => ({ id: s.id, key: s.slug })), (r: { slug: string }) => r.slug),
    ...pairs(dataset.enterprises, enterprises.map((e) => ({ id: e.id, key: e.nib })), (r: { nib: string }) => r.nib),
    ...pairs(dataset.partners, partners.map((p) => ({ id: p.id, key: p.slug })), (r: { slug: string }) => r.slug),
    ...pairs(dataset.users, users.map((u) => ({ id: u.id, key: u.email })), (r: { email: string }) => r.email),
    ...pairs(dataset.sessions, sessions.map((s) => ({ id: s.id, key: s.slug })), (r: { slug: string }) => r.slug),
  ]);
  if (remap.size === 0) return dataset;
  // Ids are UUIDs, so a string equal to a remapped id is that id wherever it appears.
  const swap = <R extends object>(row: R): R =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? (remap.get(v) ?? v) : v]),
    ) as R;
  return Object.fromEntries(
    SEED_TABLES.map((table) => [table, (dataset[table] as object[]).map(swap)]),
  ) as unknown as DemoDataset;
}

/**
 * The database's seed secret: made from 32 random bytes by the first seed (INSERT … ON CONFLICT DO
 * NOTHING, so two seeds at once agree on one) and read by every later one. It never leaves the
 * database through the API.
 */
export async function seedSecret(prisma: PrismaClient): Promise<string> {
  await prisma.seedSecret.createMany({ data: [{ id: 1, salt: randomBytes(32).toString('hex') }], skipDuplicates: true });
  return (await prisma.seedSecret.findUniqueOrThrow({ where: { id: 1 } })).salt;
}
