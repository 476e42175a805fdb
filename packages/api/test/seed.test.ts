import { parseEmail } from '@temu-bisnis/schema/domain/identifiers/email';
import { parseNib } from '@temu-bisnis/schema/domain/identifiers/nib';
import { parseNpwp } from '@temu-bisnis/schema/domain/identifiers/npwp';
import { parseIndonesianPhone } from '@temu-bisnis/schema/domain/identifiers/phone';
import { businessAgeMonths } from '@temu-bisnis/schema/domain/business-age';
import { isManufacturingKbli } from '@temu-bisnis/schema/domain/kbli';
import { sizeClass } from '@temu-bisnis/schema/domain/size-class';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/connection';
import { buildDemoDataset, REFERENCE_INSTANT, SEED_TABLES, type SeedSummary, seedDemoData, seedSecret, stableId } from '../src/seed';
import { openTestDatabase } from './support/database';

/** A row count and a hash of every row's text, per table: equal fingerprints mean equal content. */
type Fingerprint = Record<string, { rows: number; hash: string }>;

async function fingerprint(db: Database): Promise<Fingerprint> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
  );
  const out: Fingerprint = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ rows: number; hash: string | null }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${name}" t`,
    );
    out[name] = { rows: row!.rows, hash: row!.hash ?? '' };
  }
  return out;
}

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT (${sql})::int AS n`, params);
  return row!.n;
}

const phonePattern = /^\+62\d{8,13}$/;
/** The reference date as a query parameter. */
const NOW = REFERENCE_INSTANT.toISOString();

let db: Database;
let first: SeedSummary;
let second: SeedSummary;
let afterFirst: Fingerprint;
let afterSecond: Fingerprint;
const logged: string[] = [];

beforeAll(async () => {
  // The run's migrated empty database: migrating is the migrator's tests' subject, not this file's.
  db = await openTestDatabase({ seeded: false });
  first = await seedDemoData(db, { log: (line) => logged.push(line) });
  afterFirst = await fingerprint(db);
  second = await seedDemoData(db);
  afterSecond = await fingerprint(db);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe('seedDemoData on an empty migrated database', () => {
  it('inserts exactly the rows of the demo data set, table by table, and logs its progress', async () => {
    const dataset = buildDemoDataset(await seedSecret(db.prisma));
    for (const table of SEED_TABLES) {
      expect(first.tables[table], table).toEqual({ rows: dataset[table].length, inserted: dataset[table].length });
    }
    expect(first.inserted).toBe(SEED_TABLES.reduce((sum, t) => sum + dataset[t].length, 0));
    expect(first.referenceDate).toBe('2026-11-27');
    expect(logged).toContain('seed: regencies 35/35');
    expect(logged).toContain('seed: districts 576/576');
    expect(logged).toContain(`seed: enterprises ${dataset.enterprises.length}/${dataset.enterprises.length}`);
    expect(afterFirst.Regency!.rows).toBe(35);
    expect(afterFirst.District!.rows).toBe(576);
    expect(afterFirst.DisperinOffice!.rows).toBe(3);
    expect(afterFirst.Sentra!.rows).toBe(20);
    expect(afterFirst.Enterprise!.rows).toBe(dataset.enterprises.length);
    expect(afterFirst.Opportunity!.rows).toBe(dataset.opportunities.length);
    expect(afterFirst.MeetingSeat!.rows).toBe(dataset.meetingSeats.length);
  });

  it('has the 35 kabupaten/kota of Jawa Tengah (29 kabupaten 33.01–29, 6 kota 33.71–76) and their 576 kecamatan', async () => {
    const regencies = await db.query<{ code: string; kind: string; districts: number }>(
      `SELECT r.code, r.kind::text AS kind, count(d.id)::int AS districts FROM "Regency" r LEFT JOIN "District" d ON d."regencyId" = r.id
        WHERE r."provinceCode" = '33' GROUP BY r.id ORDER BY r.code`,
    );
    expect(regencies.map((r) => r.code)).toEqual([
      ...Array.from({ length: 29 }, (_, i) => `33.${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 6 }, (_, i) => `33.${71 + i}`),
    ]);
    expect(regencies.every((r) => r.kind === (r.code >= '33.71' ? 'KOTA' : 'KABUPATEN'))).toBe(true);
    expect(regencies.every((r) => r.districts > 0)).toBe(true);
    expect(regencies.reduce((sum, r) => sum + r.districts, 0)).toBe(576);
    expect(await count(db, `SELECT count(*) FROM "District" d JOIN "Regency" r ON r.id = d."regencyId" WHERE d.code LIKE r.code || '.%'`)).toBe(576);
  });

  it('has the three Disperin offices, and every staff member belongs to one', async () => {
    const offices = await db.query<{ name: string; regency: string | null; staff: number }>(
      `SELECT o.name, r.code AS regency, (SELECT count(*)::int FROM "User" u WHERE u."officeId" = o.id) AS staff
         FROM "DisperinOffice" o LEFT JOIN "Regency" r ON r.id = o."regencyId" ORDER BY r.code NULLS FIRST`,
    );
    expect(offices).toEqual([
      { name: 'Dinas Perindustrian dan Perdagangan Provinsi Jawa Tengah', regency: null, staff: 1 },
      { name: 'Dinas Perindustrian Kabupaten Demak', regency: '33.21', staff: 1 },
      { name: 'Dinas Perindustrian Kota Semarang', regency: '33.74', staff: 3 },
    ]);
    expect(await count(db, `SELECT count(*) FROM "User" WHERE role IN ('ADMIN', 'OFFICER') AND "officeId" IS NULL`)).toBe(0);
    expect(await count(db, `SELECT count(*) FROM "User" WHERE role NOT IN ('ADMIN', 'OFFICER') AND "officeId" IS NOT NULL`)).toBe(0);
  });

  it('has the 16 kecamatan of Kota Semarang with Kemendagri codes 33.74.01–16 in order', async () => {
    const rows = await db.query<{ code: string; name: string }>(
      `SELECT d.code, d.name FROM "District" d JOIN "Regency" r ON r.id = d."regencyId" WHERE r.code = '33.74' ORDER BY d.code`,
    );
    expect(rows.map((r) => r.code)).toEqual(Array.from({ length: 16 }, (_, i) => `33.74.${String(i + 1).padStart(2, '0')}`));
    expect(rows.map((r) => r.name)).toEqual([
      'Semarang Tengah', 'Semarang Utara', 'Semarang Timur', 'Gayamsari', 'Genuk', 'Pedurungan', 'Semarang Selatan',
      'Candisari', 'Gajahmungkur', 'Tembalang', 'Banyumanik', 'Gunungpati', 'Semarang Barat', 'Mijen', 'Ngaliyan', 'Tugu',
    ]);
  });

  it('has 20 sentra; the three empowered ones are the KIW metal sentra, Kampung Batik Malon and Meteseh', async () => {
    const rows = await db.query<{ slug: string; name: string; stage: string; district: string; sector: string; products: string[] }>(
      `SELECT s.slug, s.name, s."programStage" AS stage, d.name AS district, s.sector, s."flagshipProducts" AS products
         FROM "Sentra" s JOIN "District" d ON d.id = s."districtId" ORDER BY s.slug`,
    );
    expect(rows).toHaveLength(20);
    const empowered = rows.filter((r) => r.stage === 'EMPOWERMENT');
    expect(empowered.map((r) => [r.slug, r.district, r.sector]).sort()).toEqual([
      ['kampung-batik-malon', 'Gunungpati', 'BATIK'],
      ['kampung-batik-meteseh', 'Tembalang', 'BATIK'],
      ['sentra-ikm-logam-kiw', 'Semarang Timur', 'METAL'],
    ]);
    expect(rows.find((r) => r.slug === 'sentra-ikm-logam-kiw')!.name).toContain('Wijaya Kusuma');
    expect(rows.find((r) => r.slug === 'kampung-batik-malon')!.products).toContain('Batik Warna Alam');
    expect(rows.every((r) => r.products.length > 0)).toBe(true);
  });

  it('has at least 320 enterprises with valid, unique NIB and NPWP, manufacturing KBLI and valid contacts', async () => {
    const enterprises = await db.query<{ id: string; nib: string; npwp: string | null; sector: string }>(
      'SELECT id, nib, npwp, sector FROM "Enterprise"',
    );
    expect(enterprises.length).toBeGreaterThanOrEqual(320);
    const nibs = enterprises.map((e) => e.nib);
    expect(new Set(nibs).size).toBe(nibs.length);
    expect(nibs.every((n) => /^\d{13}$/.test(n) && parseNib(n).ok)).toBe(true);
    const npwps = enterprises.flatMap((e) => (e.npwp ? [e.npwp] : []));
    expect(npwps.length).toBeGreaterThan(enterprises.length * 0.75);
    expect(npwps.length).toBeLessThan(enterprises.length);
    expect(new Set(npwps).size).toBe(npwps.length);
    expect(npwps.every((n) => /^\d{16}$/.test(n) && parseNpwp(n).ok)).toBe(true);

    // KBLI 2020, category C, 1–3 per enterprise, the primary one in a golongan pokok of its sector.
    const groups: Record<string, string[]> = {
      FOOD_BEVERAGE: ['10', '11'], TEXTILE: ['13'], BATIK: ['13'], GARMENT: ['14'], LEATHER_FOOTWEAR: ['15'],
      WOOD_FURNITURE: ['16', '31'], PAPER_PRINTING: ['17', '18'], CHEMICAL_HERBAL: ['20', '21'], RUBBER_PLASTIC: ['22'],
      NON_METALLIC_MINERAL: ['23'], METAL: ['24', '25'], MACHINERY_ELECTRONICS: ['26', '27', '28', '33'], CRAFT: ['32', '16', '13'],
      OTHER_MANUFACTURING: ['32'],
    };
    const kbli = await db.query<{ enterpriseId: string; code: string; isPrimary: boolean; version: string }>(
      'SELECT "enterpriseId", code, "isPrimary", version FROM "EnterpriseKbli"',
    );
    const sectorOf = new Map(enterprises.map((e) => [e.id, e.sector]));
    expect(kbli.every((k) => /^\d{5}$/.test(k.code) && isManufacturingKbli(k.code) && k.version === 'KBLI_2020')).toBe(true);
    const primaries = kbli.filter((k) => k.isPrimary);
    expect(primaries).toHaveLength(enterprises.length);
    expect(primaries.filter((k) => !groups[sectorOf.get(k.enterpriseId)!]!.includes(k.code.slice(0, 2)))).toEqual([]);
    const perEnterprise = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "EnterpriseKbli" GROUP BY "enterpriseId"');
    expect(perEnterprise.every((r) => r.n >= 1 && r.n <= 3)).toBe(true);

    const products = await db.query<{ n: number }>(
      'SELECT count(p.id)::int AS n FROM "Enterprise" e LEFT JOIN "EnterpriseProduct" p ON p."enterpriseId" = e.id GROUP BY e.id',
    );
    expect(products.every((r) => r.n >= 1 && r.n <= 4)).toBe(true);
    expect(await count(db, `SELECT count(*) FROM "EnterpriseProduct" WHERE "monthlyCapacity" <= 0 OR unit = '' OR category = ''`)).toBe(0);

    const contacts = await db.query<{ phone: string | null; email: string | null; enterpriseId: string | null }>(
      'SELECT phone, email, "enterpriseId" FROM "Contact"',
    );
    expect(contacts.every((c) => c.phone !== null && phonePattern.test(c.phone) && parseIndonesianPhone(c.phone).ok)).toBe(true);
    expect(contacts.every((c) => c.email === null || parseEmail(c.email).ok)).toBe(true);
    expect(contacts.some((c) => c.phone!.startsWith('+6224'))).toBe(true);
    expect(contacts.some((c) => c.phone!.startsWith('+628'))).toBe(true);
    const withContact = new Set(contacts.map((c) => c.enterpriseId).filter(Boolean));
    expect(withContact.size).toBe(enterprises.length);
  });

  it('puts most enterprises in a sentra, each in its sentra\'s kecamatan, with fitting certifications', async () => {
    const total = await count(db, 'SELECT count(*) FROM "Enterprise"');
    const members = await count(db, 'SELECT count(*) FROM "Enterprise" WHERE "sentraId" IS NOT NULL');
    expect(members).toBeGreaterThan(total / 2);
    expect(members).toBeLessThan(total);
    expect(
      await count(db, 'SELECT count(*) FROM "Enterprise" e JOIN "Sentra" s ON s.id = e."sentraId" WHERE e."districtId" <> s."districtId"'),
    ).toBe(0);
    const certs = await db.query<{ sector: string; kind: string }>(
      'SELECT e.sector, c.kind FROM "Certification" c JOIN "Enterprise" e ON e.id = c."enterpriseId"',
    );
    const foodOnly = ['PIRT', 'HACCP', 'ISO_22000'];
    expect(certs.filter((c) => foodOnly.includes(c.kind) && !['FOOD_BEVERAGE', 'CHEMICAL_HERBAL'].includes(c.sector))).toEqual([]);
    expect(certs.filter((c) => c.kind === 'BATIKMARK' && c.sector !== 'BATIK')).toEqual([]);
    expect(certs.some((c) => c.kind === 'BATIKMARK')).toBe(true);
    expect(certs.some((c) => c.sector === 'FOOD_BEVERAGE' && c.kind === 'PIRT')).toBe(true);
    expect(certs.some((c) => c.sector === 'FOOD_BEVERAGE' && c.kind === 'HALAL')).toBe(true);
  });

  it('spreads money and age so that every size class, young businesses and businesses without a sales year occur', async () => {
    const rows = (
      await db.query<{ annualTurnover: string | null; businessCapital: string | null; foundedOn: string; isDemo: boolean }>(
        `SELECT "annualTurnover"::text AS "annualTurnover", "businessCapital"::text AS "businessCapital", "foundedOn"::text AS "foundedOn", "isDemo" FROM "Enterprise"`,
      )
    ).map((r) => ({ ...r, foundedOn: new Date(`${r.foundedOn}T00:00:00Z`) }));
    const classes = new Set(
      rows.map((r) => sizeClass({ annualTurnover: r.annualTurnover === null ? null : BigInt(r.annualTurnover), businessCapital: r.businessCapital === null ? null : BigInt(r.businessCapital) }).sizeClass),
    );
    expect([...classes].sort()).toEqual(['MEDIUM', 'MICRO', 'SMALL']);
    expect(rows.every((r) => r.businessCapital !== null && r.isDemo)).toBe(true);
    const years = rows.map((r) => r.foundedOn.getUTCFullYear());
    expect(Math.min(...years)).toBeLessThanOrEqual(1998);
    expect(Math.max(...years)).toBe(2026);
    const young = rows.filter((r) => businessAgeMonths(r.foundedOn, REFERENCE_INSTANT) < 6);
    expect(young.length).toBeGreaterThanOrEqual(2);
    expect(young.every((r) => r.annualTurnover === null)).toBe(true);
    expect(rows.filter((r) => r.annualTurnover === null).length).toBeGreaterThan(young.length);
  });

  it('has at least 44 partners with at least 10 funders of several kinds', async () => {
    const partners = await db.query<{ kind: string; funderType: string | null; ticketMin: string | null; ticketMax: string | null; isDemo: boolean }>(
      'SELECT kind, "funderType", "ticketMin"::text AS "ticketMin", "ticketMax"::text AS "ticketMax", "isDemo" FROM "Partner"',
    );
    expect(partners.length).toBeGreaterThanOrEqual(44);
    expect(new Set(partners.map((p) => p.kind))).toEqual(new Set(['BUYER', 'SUPPLIER', 'DISTRIBUTOR', 'FUNDER']));
    const funders = partners.filter((p) => p.kind === 'FUNDER');
    expect(funders.length).toBeGreaterThanOrEqual(10);
    expect(new Set(funders.map((f) => f.funderType))).toEqual(new Set(['BANK', 'BPR', 'KOPERASI', 'FINTECH', 'VENTURE', 'GOVERNMENT_PROGRAM']));
    expect(funders.every((f) => f.ticketMin !== null && f.ticketMax !== null && BigInt(f.ticketMin) <= BigInt(f.ticketMax))).toBe(true);
    expect(partners.filter((p) => p.kind !== 'FUNDER').every((p) => p.funderType === null)).toBe(true);
    expect(partners.every((p) => p.isDemo)).toBe(true);
    expect(await count(db, 'SELECT count(*) FROM "Contact" WHERE "partnerId" IS NOT NULL')).toBeGreaterThanOrEqual(partners.length);
  });

  it('has at least 160 opportunities in both directions, mostly open and current at the reference date', async () => {
    const rows = await db.query<{ kind: string; status: string; validFrom: Date; validUntil: Date; partnerId: string | null; enterpriseId: string | null; quantity: number | null; unit: string | null; amountMin: string | null; amountMax: string | null }>(
      `SELECT kind, status, "validFrom", "validUntil", "partnerId", "enterpriseId", quantity, unit,
              "amountMin"::text AS "amountMin", "amountMax"::text AS "amountMax" FROM "Opportunity"`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(160);
    const byPartner = ['BUY_REQUEST', 'SUPPLY_OFFER', 'DISTRIBUTION_OFFER', 'FINANCING_OFFER'];
    const byEnterprise = ['SELL_OFFER', 'SUPPLY_REQUEST', 'DISTRIBUTION_REQUEST', 'FINANCING_REQUEST'];
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set([...byPartner, ...byEnterprise]));
    expect(rows.every((r) => (byPartner.includes(r.kind) ? r.partnerId && !r.enterpriseId : r.enterpriseId && !r.partnerId))).toBe(true);
    expect(rows.every((r) => (r.quantity !== null && r.unit !== null) || (r.amountMin !== null && r.amountMax !== null))).toBe(true);
    expect(rows.every((r) => r.amountMin === null || BigInt(r.amountMin) <= BigInt(r.amountMax!))).toBe(true);
    expect(rows.every((r) => new Date(r.validFrom) < new Date(r.validUntil))).toBe(true);
    const now = REFERENCE_INSTANT.getTime();
    const current = rows.filter((r) => r.status === 'OPEN' && new Date(r.validFrom).getTime() <= now && new Date(r.validUntil).getTime() >= now);
    const expired = rows.filter((r) => r.status === 'OPEN' && new Date(r.validUntil).getTime() < now);
    expect(current.length).toBeGreaterThan(rows.length / 2);
    expect(expired.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.status === 'CLOSED')).toBe(true);
    expect(rows.some((r) => r.status === 'FULFILLED')).toBe(true);
  });

  it('has a completed forum with a valid schedule and outcomes, and an upcoming one open for registration', async () => {
    const sessions = await db.query<{ id: string; status: string; date: string; opens: Date; closes: Date; venue: string; minutes: number }>(
      `SELECT id, status, date::text AS date, "registrationOpensAt" AS opens, "registrationClosesAt" AS closes, venue, "meetingMinutes" AS minutes
         FROM "MatchmakingSession" ORDER BY date`,
    );
    expect(sessions.map((s) => s.status)).toEqual(['COMPLETED', 'REGISTRATION_OPEN']);
    const [done, open] = sessions as [(typeof sessions)[0], (typeof sessions)[0]];
    expect(done.venue).toContain('Oudetrap');
    expect(done.minutes).toBe(20);
    expect(open.date.slice(0, 4)).toBe('2027');
    expect(new Date(open.opens).getTime()).toBeLessThan(REFERENCE_INSTANT.getTime());
    expect(new Date(open.closes).getTime()).toBeGreaterThan(REFERENCE_INSTANT.getTime());

    const tables = await db.query<{ name: string }>('SELECT name FROM "SessionTable" WHERE "sessionId" = $1', [done.id]);
    expect(tables.length).toBeGreaterThanOrEqual(8);
    expect(tables.every((t) => /^Meja \d+$/.test(t.name))).toBe(true);
    expect(await count(db, 'SELECT count(*) FROM "SessionSlot" WHERE "sessionId" = $1 AND "isBreak"', [done.id])).toBeGreaterThan(0);

    // Every meeting has two seats in its own slot; nobody sits twice in one slot; a table hosts one meeting per slot.
    expect(await count(db, 'SELECT count(*) FROM "Meeting" WHERE "sessionId" = $1', [done.id])).toBeGreaterThan(40);
    expect(
      await count(db, 'SELECT count(*) FROM (SELECT m.id FROM "Meeting" m LEFT JOIN "MeetingSeat" s ON s."meetingId" = m.id AND s."slotId" = m."slotId" GROUP BY m.id HAVING count(s.id) <> 2) x'),
    ).toBe(0);
    expect(await count(db, 'SELECT count(*) FROM (SELECT 1 FROM "MeetingSeat" GROUP BY "participantId", "slotId" HAVING count(*) > 1) x')).toBe(0);
    expect(await count(db, 'SELECT count(*) FROM (SELECT 1 FROM "Meeting" GROUP BY "slotId", "tableId" HAVING count(*) > 1) x')).toBe(0);
    expect(await count(db, 'SELECT count(*) FROM "Meeting" m JOIN "SessionSlot" s ON s.id = m."slotId" WHERE s."isBreak"')).toBe(0);
    // Seats match the request's two parties, who were both available in that slot.
    expect(
      await count(db, `SELECT count(*) FROM "MeetingSeat" s JOIN "Meeting" m ON m.id = s."meetingId" JOIN "MeetingRequest" r ON r.id = m."requestId"
                        WHERE s."participantId" NOT IN (r."requesterId", r."recipientId")
                           OR NOT EXISTS (SELECT 1 FROM "ParticipantAvailability" a WHERE a."participantId" = s."participantId" AND a."slotId" = s."slotId")`),
    ).toBe(0);
    expect(await count(db, `SELECT count(*) FROM "Meeting" m JOIN "MeetingRequest" r ON r.id = m."requestId" WHERE r.status <> 'ACCEPTED'`)).toBe(0);

    const outcomes = await db.query<{ outcome: string; deals: number; valued: number }>(
      `SELECT outcome, count(*)::int AS deals, count("dealValue")::int AS valued FROM "Meeting" WHERE outcome IS NOT NULL GROUP BY outcome ORDER BY outcome`,
    );
    expect(outcomes.map((o) => o.outcome)).toEqual(['DEAL', 'FOLLOW_UP', 'NO_INTEREST']);
    expect(outcomes.find((o) => o.outcome === 'DEAL')!.valued).toBe(outcomes.find((o) => o.outcome === 'DEAL')!.deals);
    expect(outcomes.filter((o) => o.outcome !== 'DEAL').every((o) => o.valued === 0)).toBe(true);
    expect(await count(db, 'SELECT count(*) FROM "MeetingFeedback"')).toBeGreaterThan(0);
    expect(await count(db, 'SELECT count(*) FROM "MeetingFollowUp" WHERE "monthsAfter" = 3')).toBeGreaterThan(0);
    expect(await count(db, 'SELECT count(*) FROM "MeetingFollowUp" WHERE "recordedAt" > $1', [NOW])).toBe(0);

    // The upcoming forum: registered participants, pending requests still within their time to live, no meetings yet.
    expect(await count(db, 'SELECT count(*) FROM "ForumParticipant" WHERE "sessionId" = $1', [open.id])).toBeGreaterThan(5);
    expect(
      await count(db, `SELECT count(*) FROM "MeetingRequest" WHERE "sessionId" = $1 AND status = 'PENDING' AND "expiresAt" > $2`, [open.id, NOW]),
    ).toBeGreaterThan(0);
    expect(
      await count(db, `SELECT count(*) FROM "MeetingRequest" WHERE status = 'PENDING' AND "expiresAt" <= $1`, [NOW]),
    ).toBe(0);
    expect(await count(db, 'SELECT count(*) FROM "Meeting" WHERE "sessionId" = $1', [open.id])).toBe(0);
  });

  it('has Disperin staff, enterprise owners and partner members, financing needs and consents to funders', async () => {
    const users = await db.query<{ email: string; role: string }>('SELECT email, role FROM "User"');
    expect(users).toContainEqual({ email: 'admin@disperin.semarangkota.go.id', role: 'ADMIN' });
    expect(users.some((u) => u.role === 'OFFICER')).toBe(true);
    expect(users.filter((u) => u.role === 'ENTERPRISE').length).toBeGreaterThanOrEqual(30);
    expect(
      await count(db, `SELECT count(*) FROM "OrganisationMembership" m JOIN "Partner" p ON p.id = m."partnerId" WHERE m.role = 'ANALYST' AND p."funderType" = 'BANK'`),
    ).toBeGreaterThan(0);
    expect(await count(db, `SELECT count(*) FROM "OrganisationMembership" WHERE role = 'OWNER' AND "enterpriseId" IS NOT NULL`)).toBe(
      users.filter((u) => u.role === 'ENTERPRISE').length,
    );
    expect(await count(db, 'SELECT count(*) FROM "FinancingNeed"')).toBeGreaterThan(10);
    expect(await count(db, 'SELECT count(*) FROM "Consent" WHERE "funderId" IS NOT NULL')).toBeGreaterThan(3);
    // Every lead a funder works on is covered by a consent of that enterprise to that funder.
    expect(
      await count(db, `SELECT count(*) FROM "LeadReview" r JOIN "FinancingNeed" n ON n.id = r."financingNeedId"
                        WHERE NOT EXISTS (SELECT 1 FROM "Consent" c WHERE c."enterpriseId" = n."enterpriseId" AND c."funderId" = r."funderId")`),
    ).toBe(0);
  });
});

describe('seedDemoData is idempotent and deterministic', () => {
  it('inserts nothing and changes nothing when run again', () => {
    expect(second.inserted).toBe(0);
    for (const table of SEED_TABLES) expect(second.tables[table].inserted, table).toBe(0);
    expect(afterSecond).toEqual(afterFirst);
  });

  it('builds the same data set every time', () => {
    expect(buildDemoDataset('one secret')).toEqual(buildDemoDataset('one secret'));
  });
});

describe('ids of protected demo rows', () => {
  it('cannot be computed from public values: they depend on the database\'s random seed secret, the values do not', async () => {
    const needs = await db.query<{ id: string; nib: string; opportunityId: string | null; amount: string }>(
      `SELECT n.id::text AS id, e.nib, n."sourceOpportunityId"::text AS "opportunityId", n.amount::text AS amount
       FROM "FinancingNeed" n JOIN "Enterprise" e ON e.id = n."enterpriseId" ORDER BY n.amount, e.nib`,
    );
    const fromOpportunities = needs.filter((n) => n.opportunityId !== null);
    expect(fromOpportunities.length).toBeGreaterThan(10);
    // The red team's recipe (sha256 of the public NIB and opportunity id, or of the NIB and "owner") finds none.
    const guessed = new Set(needs.flatMap((n) => [stableId('financing-need', `${n.nib}:opportunity:${n.opportunityId}`), stableId('financing-need', `${n.nib}:owner`)]));
    expect(needs.filter((n) => guessed.has(n.id))).toEqual([]);
    const secret = await seedSecret(db.prisma);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    // Another database draws another secret: the same needs (same amounts) under other ids.
    const other = buildDemoDataset('another database\'s secret');
    expect(other.financingNeeds.map((n) => String(n.amount)).sort()).toEqual(needs.map((n) => n.amount).sort());
    const mine = buildDemoDataset(secret);
    const tables = { financingNeeds: 'FinancingNeed', consents: 'Consent', consentRevocations: 'ConsentRevocation', leadReviews: 'LeadReview', leadStatusChanges: 'LeadStatusChange', leadNotes: 'LeadNote' } as const;
    for (const [key, table] of Object.entries(tables) as [keyof typeof tables, string][]) {
      const stored = (await db.query<{ id: string }>(`SELECT id::text AS id FROM "${table}" ORDER BY 1`)).map((r) => r.id);
      expect(stored.length, table).toBeGreaterThan(0);
      expect(mine[key].map((r) => r.id).sort(), table).toEqual(stored);
      expect(other[key].filter((r) => stored.includes(r.id!)), table).toEqual([]);
    }
  });
});

describe('seedDemoData next to records created before it', () => {
  it('keeps the ids of a kabupaten/kota, a kecamatan and a user that already exist and points the demo rows at them', async () => {
    const other = await openTestDatabase({ seeded: false });
    try {
      const [regency] = await other.query<{ id: string }>(
        `INSERT INTO "Regency" (id, code, name, kind, "provinceCode") VALUES (gen_random_uuid(), '33.74', 'Kota Semarang', 'KOTA', '33') RETURNING id`,
      );
      const [district] = await other.query<{ id: string }>(
        `INSERT INTO "District" (id, code, name, "regencyId") VALUES (gen_random_uuid(), '33.74.12', 'Gunungpati', $1) RETURNING id`,
        [regency!.id],
      );
      const [admin] = await other.query<{ id: string }>(
        `INSERT INTO "User" (id, email, name, role) VALUES (gen_random_uuid(), 'admin@disperin.semarangkota.go.id', 'Admin', 'ADMIN') RETURNING id`,
      );
      const summary = await seedDemoData(other);
      expect(summary.tables.regencies).toEqual({ rows: 35, inserted: 34 });
      expect(summary.tables.districts).toEqual({ rows: 576, inserted: 575 });
      expect(await count(other, `SELECT count(*) FROM "District" WHERE "regencyId" = $1`, [regency!.id])).toBe(16);
      expect(summary.tables.users.inserted).toBe(summary.tables.users.rows - 1);
      const [malon] = await other.query<{ districtId: string }>(`SELECT "districtId" FROM "Sentra" WHERE slug = 'kampung-batik-malon'`);
      expect(malon!.districtId).toBe(district!.id);
      expect(await count(other, `SELECT count(*) FROM "User" WHERE email = 'admin@disperin.semarangkota.go.id' AND id = $1`, [admin!.id])).toBe(1);
      expect(await count(other, 'SELECT count(*) FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId"')).toBe(summary.tables.enterprises.rows);
    } finally {
      await other.close();
    }
  }, 120_000);
});
