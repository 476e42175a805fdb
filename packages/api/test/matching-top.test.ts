import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../schema/src/matching/page';
import { seedSynthetic } from '../src/seed/synthetic';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * A ranking's first pages are read best bound first (matching/top.ts): they must be exactly the
 * pages of the ranking that scores every candidate. Over the demo seed and 3,000 synthetic IKM and
 * 150 partners, every other partner's and every third opportunity's pages are compared with those of
 * the full ranking, which a `before` cursor behind every match forces (windows with an end are not
 * read by bound): same IKM, scores, reasons, order, cursors, page info and totalCount. The last pages
 * are read lowest floor first (matching/bottom.ts) and compared the same way with the full ranking's,
 * which an `after` cursor ahead of every match forces.
 */

let api: TestServer;
let staff: Record<string, string>;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  await seedSynthetic(api.db, { enterprises: 3_000, partners: 150 });
  // The provincial office: its rankings hold the IKM of every kabupaten/kota (a regional office's, only its own).
  staff = await api.as('petugas.ikm@disperindag.jatengprov.go.id');
}, 300_000);
afterAll(() => api?.close());

/** A cursor after every match: the window before it is the whole ranking. */
const BEHIND_ALL = encodeCursor({ score: 0, id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' });

const PAGE = `totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { score components { factor points reason } enterprise { id } } }`;
const PARTNER = `query($id: ID!, $first: Int, $after: String, $before: String, $filter: RecommendationFilter) {
  partner(id: $id) { recommendedEnterprises(first: $first, after: $after, before: $before, filter: $filter) { ${PAGE} } } }`;
const OPPORTUNITY = `query($id: ID!, $first: Int, $after: String, $before: String) {
  opportunity(id: $id) { ... on Opportunity { matches(first: $first, after: $after, before: $before) { ${PAGE} } } } }`;

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: unknown[] };

async function page<P = Page | null>(query: string, field: (data: Record<string, any>) => P, variables: Record<string, unknown>, headers = staff) {
  const res = await api.gql(query, variables, headers);
  expect(res.errors).toBeUndefined();
  return field(res.data!);
}

/** The bounded page and the full ranking's, for a first page of 20 and the 7 after it. */
async function expectSame(query: string, field: (data: Record<string, any>) => Page | null, variables: Record<string, unknown>, headers = staff) {
  let after: string | null = null;
  for (const first of [20, 7]) {
    const bounded: Page | null = await page(query, field, { ...variables, first, after }, headers);
    const full = await page(query, field, { ...variables, first, after, before: BEHIND_ALL }, headers);
    expect(bounded).toEqual(full);
    if (!bounded?.pageInfo.hasNextPage) return;
    after = bounded.pageInfo.endCursor;
  }
}

/** IKM whose match keys are not the keys of their KBLI codes, products, capacity bands and certificates. */
async function staleKeys(): Promise<number> {
  const [row] = await api.db.query<{ n: number }>(`
    SELECT count(*)::int AS n FROM "Enterprise" e CROSS JOIN LATERAL (
      SELECT coalesce(array_agg(t), '{}') AS keys FROM (
        SELECT 'k:' || left(btrim(k.code), n) AS t FROM "EnterpriseKbli" k CROSS JOIN generate_series(2, 5) n WHERE k."enterpriseId" = e.id
        UNION SELECT 'c:' || p.category FROM "EnterpriseProduct" p WHERE p."enterpriseId" = e.id
        UNION SELECT 'v:' || p.category || ':' || least(31, floor(log(2, sum(greatest(p."monthlyCapacity", 0))::numeric)))
          FROM "EnterpriseProduct" p WHERE p."enterpriseId" = e.id GROUP BY p.category HAVING sum(greatest(p."monthlyCapacity", 0)) > 0
        UNION SELECT 'q:' || c.kind FROM "Certification" c WHERE c."enterpriseId" = e.id) x) m
    WHERE NOT (coalesce(e."matchKeys", '{}') @> m.keys AND m.keys @> coalesce(e."matchKeys", '{}'))`);
  return row!.n;
}

describe('match keys', () => {
  it('are written by the seeds and kept by the triggers through inserts, updates and deletes', async () => {
    expect(await staleKeys()).toBe(0);
    const prisma = api.db.prisma;
    const [a, b] = await prisma.enterprise.findMany({ where: { products: { some: {} }, kbliCodes: { some: {} } }, take: 2, orderBy: { id: 'asc' }, include: { products: true, kbliCodes: true } });
    const keysOf = async (id: string) => (await prisma.enterprise.findUniqueOrThrow({ where: { id } })).matchKeys;
    await prisma.enterpriseProduct.create({ data: { enterpriseId: a!.id, name: 'Uji', category: 'kategori-uji', monthlyCapacity: 5, unit: 'pcs' } });
    expect(await keysOf(a!.id)).toEqual(expect.arrayContaining(['c:kategori-uji', 'v:kategori-uji:2']));
    // A second product of the category adds to its capacity band; a resized one moves it.
    await prisma.enterpriseProduct.create({ data: { enterpriseId: a!.id, name: 'Uji 2', category: 'kategori-uji', monthlyCapacity: 3, unit: 'pcs' } });
    expect(await keysOf(a!.id)).toContain('v:kategori-uji:3');
    await prisma.enterpriseProduct.updateMany({ where: { enterpriseId: a!.id, name: 'Uji 2' }, data: { monthlyCapacity: 2_000 } });
    expect(await keysOf(a!.id)).toContain('v:kategori-uji:10');
    expect(await keysOf(a!.id)).not.toContain('v:kategori-uji:3');
    await prisma.enterpriseProduct.deleteMany({ where: { enterpriseId: a!.id, name: 'Uji 2' } });
    expect(await keysOf(a!.id)).toContain('v:kategori-uji:2');
    // Certificates: a kind held, lapsed or not, is a key until its last certificate goes.
    const kind = 'ISO_22000';
    const certificates = await prisma.certification.findMany({ where: { enterpriseId: { in: [a!.id, b!.id] }, kind } });
    await prisma.certification.deleteMany({ where: { enterpriseId: { in: [a!.id, b!.id] }, kind } });
    expect(await keysOf(a!.id)).not.toContain('q:ISO_22000');
    await prisma.certification.create({ data: { enterpriseId: a!.id, kind, expiresOn: new Date('2000-01-01') } });
    expect(await keysOf(a!.id)).toContain('q:ISO_22000');
    await prisma.certification.updateMany({ where: { enterpriseId: a!.id, kind }, data: { enterpriseId: b!.id } });
    expect(await keysOf(a!.id)).not.toContain('q:ISO_22000');
    expect(await keysOf(b!.id)).toContain('q:ISO_22000');
    await prisma.enterpriseProduct.updateMany({ where: { enterpriseId: a!.id, category: 'kategori-uji' }, data: { category: 'kategori-lain', enterpriseId: b!.id } });
    expect(await keysOf(a!.id)).not.toContain('c:kategori-uji');
    expect(await keysOf(b!.id)).toContain('c:kategori-lain');
    await prisma.enterpriseKbli.deleteMany({ where: { enterpriseId: b!.id } });
    expect((await keysOf(b!.id)).some((k) => k.startsWith('k:'))).toBe(false);
    await prisma.enterpriseKbli.create({ data: { enterpriseId: b!.id, code: '31001', version: 'KBLI_2020', isPrimary: true } });
    expect(await keysOf(b!.id)).toEqual(expect.arrayContaining(['k:31', 'k:310', 'k:3100', 'k:31001']));
    expect(await staleKeys()).toBe(0);
    // Back as the seed left them, for the rankings below.
    await prisma.enterpriseProduct.deleteMany({ where: { category: { in: ['kategori-lain', 'kategori-uji'] } } });
    await prisma.certification.deleteMany({ where: { enterpriseId: b!.id, kind } });
    await prisma.certification.createMany({ data: certificates });
    await prisma.enterpriseKbli.deleteMany({ where: { enterpriseId: b!.id } });
    await prisma.enterpriseKbli.createMany({ data: b!.kbliCodes.map(({ id, code, version, isPrimary }) => ({ id, enterpriseId: b!.id, code, version, isPrimary })) });
    expect(await staleKeys()).toBe(0);
  });
});

/** Match classes whose ACTIVE IKM are not those counted, and ACTIVE IKM whose class is missing or says other columns than theirs. */
async function staleClasses(): Promise<number> {
  const [row] = await api.db.query<{ n: number }>(`
    SELECT (SELECT count(*) FROM (SELECT "matchClass" AS id, count(*) FILTER (WHERE status = 'ACTIVE')::int AS n FROM "Enterprise" GROUP BY 1) r
      FULL JOIN "MatchClass" m ON m.id = r.id WHERE coalesce(r.n, 0) <> coalesce(m.enterprises, 0))
    + (SELECT count(*) FROM "Enterprise" e LEFT JOIN "MatchClass" m ON m.id = e."matchClass"
      WHERE e.status = 'ACTIVE' AND (e.sector, e."sizeClass", e.bookkeeping, match_class_keys(e."matchKeys")) IS DISTINCT FROM (m.sector, m."sizeClass", m.bookkeeping, m."matchKeys"))
    AS n`);
  return Number(row!.n);
}

describe('match classes', () => {
  it('count the ACTIVE IKM of each class after the seeds and through every write that moves an IKM between classes', async () => {
    expect(await staleClasses()).toBe(0);
    const prisma = api.db.prisma;
    const ikm = await prisma.enterprise.findMany({ where: { status: 'ACTIVE' }, take: 40, orderBy: { id: 'asc' } });
    const [a, b, c] = ikm;
    const classOf = async (id: string) => (await prisma.enterprise.findUniqueOrThrow({ where: { id } })).matchClass;
    const before = await classOf(a!.id);
    await prisma.enterprise.update({ where: { id: a!.id }, data: { sector: a!.sector === 'CRAFT' ? 'METAL' : 'CRAFT' } });
    expect(await classOf(a!.id)).not.toBe(before);
    await prisma.enterprise.update({ where: { id: b!.id }, data: { annualTurnover: 60_000_000_000n, bookkeeping: 'AUDITED_STATEMENTS' } });
    await prisma.enterprise.update({ where: { id: c!.id }, data: { status: 'ARCHIVED' } });
    await prisma.enterpriseKbli.create({ data: { enterpriseId: c!.id, code: '31001', version: 'KBLI_2020', isPrimary: false } });
    // One statement over many rows, some of them changing class and some not.
    await prisma.enterprise.updateMany({ where: { id: { in: ikm.map((e) => e.id) } }, data: { bookkeeping: 'SPREADSHEET' } });
    expect(await staleClasses()).toBe(0);
    // Back as the seed left them, for the rankings below.
    for (const e of ikm) await prisma.enterprise.update({ where: { id: e.id }, data: { sector: e.sector, annualTurnover: e.annualTurnover, bookkeeping: e.bookkeeping, status: e.status } });
    await prisma.enterpriseKbli.deleteMany({ where: { enterpriseId: c!.id, code: '31001' } });
    expect(await classOf(a!.id)).toBe(before);
    expect(await staleClasses()).toBe(0);
  });
});

describe('the bounded ranking equals the full ranking', () => {
  it("every partner's recommended IKM, with and without filters", async () => {
    const partners = await api.db.prisma.partner.findMany({ where: { status: 'ACTIVE' }, select: { id: true }, orderBy: { id: 'asc' } });
    expect(partners.length).toBeGreaterThan(150);
    const recommended = (data: Record<string, any>) => data.partner.recommendedEnterprises as Page | null;
    for (const [i, { id }] of partners.entries()) {
      if (i % 2 === 1) continue;
      const filter = i % 8 === 2 ? { minScore: 60 } : i % 8 === 4 ? { notMetBefore: true } : i % 8 === 6 ? { sectors: ['FOOD_BEVERAGE', 'BATIK'] } : undefined;
      await expectSame(PARTNER, recommended, { id: globalId('Partner', id), filter });
    }
  }, 300_000);

  it("every opportunity's matches", async () => {
    const opportunities = await api.db.prisma.opportunity.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const matches = (data: Record<string, any>) => data.opportunity.matches as Page | null;
    for (const [i, { id }] of opportunities.entries()) if (i % 3 === 0) await expectSame(OPPORTUNITY, matches, { id: globalId('Opportunity', id) });
  }, 300_000);

  // A funder's best candidates outside its consents tie by the hundred (by the hundred thousand in
  // a province), so they are read in id order (top.ts, walkTies); with no office kecamatan, no
  // candidate is nearer than another.
  it.each(['bri-unit-peterongan-kur', 'modal-tumbuh-p2p'])("a funder's own view, under its consents: %s", async (slug) => {
    const funder = await api.db.prisma.partner.findUniqueOrThrow({ where: { slug } });
    const member = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partnerId: funder.id }, include: { user: true }, orderBy: { id: 'asc' } });
    const recommended = (data: Record<string, any>) => data.partner.recommendedEnterprises as Page | null;
    const headers = await api.as(member.user.email);
    await expectSame(PARTNER, recommended, { id: globalId('Partner', funder.id) }, headers);
    const top = await page(PARTNER, recommended, { id: globalId('Partner', funder.id), first: 40 }, headers);
    const scores = top!.edges.map((e) => (e as { node: { score: number } }).node.score);
    expect(scores.filter((s) => s === scores.at(-1)).length).toBeGreaterThan(20);
  }, 60_000);
});

/** A cursor ahead of every match: the window after it is the whole ranking, scored in full. */
const AHEAD_ALL = encodeCursor({ score: 100, id: '00000000-0000-0000-0000-000000000000' });

const LAST_PAGE = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor } edges { cursor node { score components { factor points reason } enterprise { id } } }`;
const PARTNER_LAST = `query($id: ID!, $last: Int, $after: String, $before: String, $filter: RecommendationFilter) {
  partner(id: $id) { recommendedEnterprises(last: $last, after: $after, before: $before, filter: $filter) { ${LAST_PAGE} } } }`;
const OPPORTUNITY_LAST = `query($id: ID!, $last: Int, $after: String, $before: String) {
  opportunity(id: $id) { ... on Opportunity { matches(last: $last, after: $after, before: $before) { ${LAST_PAGE} } } } }`;

type LastPage = { pageInfo: { hasPreviousPage: boolean; startCursor: string | null }; edges: { node: { score: number } }[] };

/** The scores of the last 20 compared, telling bottoms that tie from bottoms of distinct scores. */
const bottoms: number[][] = [];

/** The last 20 read from the end and the 7 before them, and the full ranking's. */
async function expectSameLast(query: string, field: (data: Record<string, any>) => LastPage | null, variables: Record<string, unknown>, headers = staff) {
  let before: string | null = null;
  for (const last of [20, 7]) {
    const bounded: LastPage | null = await page(query, field, { ...variables, last, before }, headers);
    const full = await page(query, field, { ...variables, last, before, after: AHEAD_ALL }, headers);
    expect(bounded).toEqual(full);
    if (last === 20 && bounded) bottoms.push(bounded.edges.map((e) => e.node.score));
    if (!bounded?.pageInfo.hasPreviousPage) return;
    before = bounded.pageInfo.startCursor;
  }
}

describe('the last pages read from the end equal the full ranking', () => {
  it("every other partner's recommended IKM, with and without filters", async () => {
    const partners = await api.db.prisma.partner.findMany({ where: { status: 'ACTIVE' }, select: { id: true }, orderBy: { id: 'asc' } });
    const recommended = (data: Record<string, any>) => data.partner.recommendedEnterprises as LastPage | null;
    for (const [i, { id }] of partners.entries()) {
      if (i % 2 === 0) continue;
      const filter = i % 8 === 3 ? { notMetBefore: true } : i % 8 === 5 ? { sectors: ['FOOD_BEVERAGE', 'BATIK'] } : undefined;
      await expectSameLast(PARTNER_LAST, recommended, { id: globalId('Partner', id), filter });
    }
    // Bottoms of one score (ties read in id order from the end) and bottoms of distinct scores.
    expect(bottoms.some((scores) => scores.length === 20 && new Set(scores).size === 1)).toBe(true);
    expect(bottoms.some((scores) => scores.length > 1 && new Set(scores).size === scores.length)).toBe(true);
  }, 300_000);

  it("every third opportunity's matches", async () => {
    const opportunities = await api.db.prisma.opportunity.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const matches = (data: Record<string, any>) => data.opportunity.matches as LastPage | null;
    for (const [i, { id }] of opportunities.entries()) if (i % 3 === 1) await expectSameLast(OPPORTUNITY_LAST, matches, { id: globalId('Opportunity', id) });
  }, 300_000);

  // A funder sees the books of the IKM that consented to it: their floors count the books.
  it.each(['bri-unit-peterongan-kur', 'modal-tumbuh-p2p'])("a funder's own view, under its consents: %s", async (slug) => {
    const funder = await api.db.prisma.partner.findUniqueOrThrow({ where: { slug } });
    const member = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partnerId: funder.id }, include: { user: true }, orderBy: { id: 'asc' } });
    const recommended = (data: Record<string, any>) => data.partner.recommendedEnterprises as LastPage | null;
    await expectSameLast(PARTNER_LAST, recommended, { id: globalId('Partner', funder.id) }, await api.as(member.user.email));
  }, 60_000);
});
