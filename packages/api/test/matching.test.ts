import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askOfOpportunity,
  askOfPartner,
  compareMatches,
  DEFAULT_WEIGHTS,
  type EnterpriseProfile,
  type PairHistory,
  scoreEnterpriseForOpportunity,
  scoreEnterpriseForPartner,
  scorePartnerForEnterprise,
  withWeightOverride,
} from '../../schema/src/domain/matching/index';
import { sizeClass } from '../../schema/src/domain/size-class';
import { type CandidateRow, profileOf, type Withheld } from '../../schema/src/matching/candidates';
import { EnterpriseRanker, PartnerRanker, sizeClassOnly } from '../../schema/src/matching/ranker';
import {
  AS_OF,
  random,
  randomEnterprise,
  randomHistory,
  randomOpportunity,
  randomPartner,
} from '../../schema/test/domain/matching/support';
import { seedSynthetic } from '../src/seed/synthetic';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * Explainable matchmaking over real HTTP: partner.recommendedEnterprises,
 * enterprise.recommendedPartners and opportunity.matches. The seed's bank (BRI Unit Peterongan,
 * a funder with members and consents), a batik IKM's owner and the poster of a buy request play
 * the callers; rows are added with Prisma where a test needs a fact the seed lacks (a forum
 * outcome, a financing need, a new IKM).
 */

let api: TestServer;
type Headers = Record<string, string>;
let staff: Headers;
let bankMember: Headers;
let otherPartnerMember: Headers;
let batikOwner: Headers;
let otherOwner: Headers;
let buyRequestPoster: Headers;
let bank: { id: string; gid: string; ticketMin: bigint; ticketMax: bigint };
let batik: { id: string; gid: string };
let buyRequest: { id: string; gid: string };

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  const prisma = api.db.prisma;
  const memberOf = async (slug: string) =>
    (await prisma.organisationMembership.findFirstOrThrow({ where: { partner: { slug } }, include: { user: true }, orderBy: { id: 'asc' } })).user.email;
  const bankRow = await prisma.partner.findUniqueOrThrow({ where: { slug: 'bri-unit-peterongan-kur' } });
  bank = { id: bankRow.id, gid: globalId('Partner', bankRow.id), ticketMin: bankRow.ticketMin!, ticketMax: bankRow.ticketMax! };
  const owner = await prisma.organisationMembership.findFirstOrThrow({
    where: { enterprise: { sector: 'BATIK', status: 'ACTIVE' } },
    include: { user: true },
    orderBy: { id: 'asc' },
  });
  batik = { id: owner.enterpriseId!, gid: globalId('Enterprise', owner.enterpriseId!) };
  const other = await prisma.organisationMembership.findFirstOrThrow({
    where: { enterpriseId: { notIn: [batik.id] }, NOT: { enterpriseId: null } },
    include: { user: true },
    orderBy: { id: 'asc' },
  });
  const request = await prisma.opportunity.findFirstOrThrow({
    where: { kind: 'BUY_REQUEST', productCategory: 'olahan-ikan', partner: { slug: 'pusat-oleh-oleh-pandanaran-raya' } },
  });
  buyRequest = { id: request.id, gid: globalId('Opportunity', request.id) };
  staff = await api.as('petugas.ikm@disperin.semarangkota.go.id');
  bankMember = await api.as(await memberOf('bri-unit-peterongan-kur'));
  otherPartnerMember = await api.as(await memberOf('swalayan-sinar-jaya'));
  batikOwner = await api.as(owner.user.email);
  otherOwner = await api.as(other.user.email);
  buyRequestPoster = await api.as(await memberOf('pusat-oleh-oleh-pandanaran-raya'));
});
afterAll(() => api.close());

// --- Queries and helpers ------------------------------------------------------------------------

const MATCH = `score components { factor weight value points reason }`;
const PAGE = `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

const RECOMMENDED_ENTERPRISES = `query($id: ID!, $first: Int, $after: String, $filter: RecommendationFilter, $weights: [MatchWeightInput!]) {
  partner(id: $id) { recommendedEnterprises(first: $first, after: $after, filter: $filter, weights: $weights) {
    ${PAGE} edges { cursor node { ${MATCH} enterprise { id name sector } } } } } }`;

const RECOMMENDED_PARTNERS = `query($id: ID!, $kind: PartnerKind, $first: Int, $after: String) {
  enterprise(id: $id) { recommendedPartners(kind: $kind, first: $first, after: $after) {
    ${PAGE} edges { cursor node { ${MATCH} partner { id slug kind } } } } } }`;

const OPPORTUNITY_MATCHES = `query($id: ID!, $first: Int, $after: String) {
  opportunity(id: $id) { ... on Opportunity { matches(first: $first, after: $after) {
    ${PAGE} edges { cursor node { ${MATCH} enterprise { id name } } } } } } }`;

type Component = { factor: string; weight: number; value: number; points: number; reason: string };
type Node = { score: number; components: Component[]; enterprise?: { id: string; name: string; sector: string }; partner?: { id: string; slug: string; kind: string } };
type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: Node }[];
};

async function recommended(variables: Record<string, unknown>, headers: Headers = staff): Promise<Connection> {
  const res = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, ...variables }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.partner.recommendedEnterprises as Connection;
}

/** Every match of the bank's ranking, page by page. */
async function allRecommended(headers: Headers = staff, filter?: unknown): Promise<{ cursor: string; node: Node }[]> {
  const edges: { cursor: string; node: Node }[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await recommended({ first: 100, after, filter }, headers);
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return edges;
    after = page.pageInfo.endCursor;
  }
}

/** The database id behind a node's global ID (the ranking's tie-break is the database id). */
const idOf = (n: Node) => Buffer.from(n.enterprise?.id ?? n.partner!.id, 'base64').toString('utf8').split(':')[1]!;
const component = (n: Node, factor: string) => n.components.find((c) => c.factor === factor);

function expectExplained(nodes: Node[]): void {
  expect(nodes.length).toBeGreaterThan(0);
  for (const n of nodes) {
    expect(n.score).toBeGreaterThanOrEqual(0);
    expect(n.score).toBeLessThanOrEqual(100);
    expect(n.components.reduce((sum, c) => sum + c.points, 0)).toBe(n.score);
    expect(n.components.reduce((sum, c) => sum + c.weight, 0)).toBeCloseTo(1, 9);
    expect(new Set(n.components.map((c) => c.factor)).size).toBe(n.components.length);
    for (const c of n.components) {
      expect(c.value).toBeGreaterThanOrEqual(0);
      expect(c.value).toBeLessThanOrEqual(1);
      expect(c.reason.length).toBeGreaterThan(10);
      // Each line's points are its share rounded down or up (largest remainder).
      expect(Math.abs(c.points - c.weight * c.value * 100)).toBeLessThan(1);
    }
  }
}

function expectRanked(nodes: Node[]): void {
  const ranked = nodes.map((n) => ({ id: idOf(n), score: n.score }));
  expect([...ranked].sort(compareMatches)).toEqual(ranked);
}

let seq = 0;
/** A forum meeting between the bank and an IKM with the given outcome, inserted directly. */
async function recordMeeting(partnerId: string, enterpriseId: string, outcome: 'DEAL' | 'FOLLOW_UP' | 'NO_INTEREST') {
  const prisma = api.db.prisma;
  seq += 1;
  const date = new Date('2026-03-10T00:00:00.000Z');
  const session = await prisma.matchmakingSession.create({
    data: {
      slug: `test-forum-matching-${seq}-${Date.now()}`,
      title: 'Temu Bisnis test forum',
      venue: 'Gedung Disperin',
      date,
      registrationOpensAt: new Date('2026-02-01T00:00:00.000Z'),
      registrationClosesAt: new Date('2026-03-01T00:00:00.000Z'),
      status: 'COMPLETED',
    },
  });
  const slot = await prisma.sessionSlot.create({
    data: { sessionId: session.id, index: 0, startsAt: new Date('2026-03-10T02:00:00.000Z'), endsAt: new Date('2026-03-10T02:20:00.000Z') },
  });
  const table = await prisma.sessionTable.create({ data: { sessionId: session.id, name: 'Meja 1' } });
  const p = await prisma.forumParticipant.create({ data: { sessionId: session.id, partnerId, attendees: [] } });
  const e = await prisma.forumParticipant.create({ data: { sessionId: session.id, enterpriseId, attendees: [] } });
  const request = await prisma.meetingRequest.create({
    data: { sessionId: session.id, requesterId: p.id, recipientId: e.id, status: 'ACCEPTED', expiresAt: new Date('2026-03-05T00:00:00.000Z') },
  });
  const meeting = await prisma.meeting.create({
    data: { sessionId: session.id, requestId: request.id, slotId: slot.id, tableId: table.id, status: 'HELD', outcome },
  });
  await prisma.meetingSeat.createMany({
    data: [
      { meetingId: meeting.id, participantId: p.id, slotId: slot.id },
      { meetingId: meeting.id, participantId: e.id, slotId: slot.id },
    ],
  });
}

// --- Explained scores ---------------------------------------------------------------------------

describe('explained scores', () => {
  it("the bank's recommended IKM: every score is the sum of its components' points", async () => {
    for (const headers of [staff, bankMember]) {
      const page = await recommended({ first: 50 }, headers);
      expectExplained(page.edges.map((e) => e.node));
      expectRanked(page.edges.map((e) => e.node));
      expect(page.edges[0]!.node.components.map((c) => c.factor)).toEqual(['TICKET_SIZE', 'READINESS', 'SECTOR', 'DISTRICT', 'FEEDBACK']);
    }
  });

  it("a batik IKM's recommended distributors: only distributors, explained, best first", async () => {
    const res = await api.gql(RECOMMENDED_PARTNERS, { id: batik.gid, kind: 'DISTRIBUTOR', first: 20 }, batikOwner);
    expect(res.errors).toBeUndefined();
    const page = res.data!.enterprise.recommendedPartners as Connection;
    const nodes = page.edges.map((e) => e.node);
    expectExplained(nodes);
    expectRanked(nodes);
    expect(nodes.every((n) => n.partner!.kind === 'DISTRIBUTOR')).toBe(true);
    // The batik boutique network seeks batik: it fits the batik IKM on sector.
    const boutique = nodes.find((n) => n.partner!.slug === 'jaringan-butik-batik-jateng');
    expect(boutique).toBeDefined();
    expect(component(boutique!, 'SECTOR')!.value).toBeGreaterThanOrEqual(0.6);
  });

  it('the same pair scores the same from either side', async () => {
    const fromIkm = await api.gql(RECOMMENDED_PARTNERS, { id: batik.gid, kind: 'FUNDER', first: 100 }, staff);
    const bankSeen = (fromIkm.data!.enterprise.recommendedPartners as Connection).edges.find((e) => idOf(e.node) === bank.id);
    if (!bankSeen) return; // the bank does not serve this IKM's kecamatan
    const fromBank = (await allRecommended(staff)).find((e) => idOf(e.node) === batik.id);
    expect(fromBank?.node.score).toBe(bankSeen.node.score);
    expect(fromBank?.node.components).toEqual(bankSeen.node.components);
  });

  it('matches for a buy request: IKM that make what it asks for, explained', async () => {
    const res = await api.gql(OPPORTUNITY_MATCHES, { id: buyRequest.gid, first: 30 }, buyRequestPoster);
    expect(res.errors).toBeUndefined();
    const nodes = (res.data!.opportunity.matches as Connection).edges.map((e) => e.node);
    expectExplained(nodes);
    expectRanked(nodes);
    // It asks for olahan-ikan: the best matches make it.
    expect(component(nodes[0]!, 'PRODUCT')!.value).toBe(1);
    expect(component(nodes[0]!, 'PRODUCT')!.reason).toContain('olahan ikan');
  });

  it('an IKM financing request is addressed to partners: its matches are empty', async () => {
    const request = await api.db.prisma.opportunity.findFirst({ where: { kind: 'FINANCING_REQUEST' } });
    if (!request) return;
    const res = await api.gql(OPPORTUNITY_MATCHES, { id: globalId('Opportunity', request.id), first: 5 }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.opportunity.matches).toMatchObject({ totalCount: 0, edges: [] });
  });
});

// --- Ordering and pagination --------------------------------------------------------------------

describe('ordering and pagination', () => {
  it('pages of 7 follow one another without gaps or repeats, in the order of one big page', async () => {
    const big = await recommended({ first: 100 });
    const seen: { cursor: string; node: Node }[] = [];
    let after: string | null = null;
    while (seen.length < big.edges.length) {
      const page = await recommended({ first: 7, after });
      expect(page.edges.length).toBeGreaterThan(0);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges);
      after = page.pageInfo.endCursor;
    }
    expect(seen.slice(0, big.edges.length).map((e) => idOf(e.node))).toEqual(big.edges.map((e) => idOf(e.node)));
    expect(seen.slice(0, big.edges.length).map((e) => e.cursor)).toEqual(big.edges.map((e) => e.cursor));

    const all = await allRecommended();
    expect(all.length).toBe(big.totalCount);
    expect(new Set(all.map((e) => idOf(e.node))).size).toBe(all.length);
    expectRanked(all.map((e) => e.node));
  });

  it('a cursor survives new data: after resumes behind its (score, id) place', async () => {
    const before = await allRecommended();
    const cut = 10;
    const cursor = before[cut - 1]!.cursor;
    // A new IKM identical to one ranked just after the cursor: same score, its own id.
    const template = idOf(before[cut]!.node);
    const clone = await cloneEnterprise(template);
    const after = (await recommended({ first: 100, after: cursor })).edges.map((e) => idOf(e.node));
    const cloneNode = (await allRecommended()).find((e) => idOf(e.node) === clone)!;
    expect(cloneNode.node.score).toBe(before[cut]!.node.score);
    // The items after the cursor are the old ones plus the clone, wherever (score, id) puts it: the
    // clone may tie with the cursor's own item and sort before it.
    const ranked = [...before.map((e) => ({ id: idOf(e.node), score: e.node.score })), { id: clone, score: cloneNode.node.score }].sort(compareMatches);
    const expected = ranked
      .slice(ranked.findIndex((m) => m.id === idOf(before[cut - 1]!.node)) + 1)
      .slice(0, 100)
      .map((m) => m.id);
    expect(after).toEqual(expected);
    // Nothing of the first page comes back.
    expect(after.some((id) => before.slice(0, cut).some((e) => idOf(e.node) === id))).toBe(false);
    await api.db.prisma.enterprise.delete({ where: { id: clone } });
  });

  it('rejects a cursor of another list and page sizes above 100', async () => {
    const res = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 5, after: 'bm90IGEgY3Vyc29y' }, staff);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const big = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 101 }, staff);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters narrow the ranking without changing the scores', async () => {
    const all = await allRecommended();
    const sector = all[0]!.node.enterprise!.sector;
    const filtered = await allRecommended(staff, { sectors: [sector], minScore: 50 });
    const expected = all.filter((e) => e.node.enterprise!.sector === sector && e.node.score >= 50);
    expect(filtered.map((e) => [idOf(e.node), e.node.score])).toEqual(expected.map((e) => [idOf(e.node), e.node.score]));
    const bad = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 5, filter: { districtCodes: ['33.74.99'] } }, staff);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'districtCodes', '0'] });
  });
});

async function cloneEnterprise(id: string): Promise<string> {
  const prisma = api.db.prisma;
  const e = await prisma.enterprise.findUniqueOrThrow({
    where: { id },
    include: { products: true, kbliCodes: true, certifications: true, financingNeeds: true },
  });
  seq += 1;
  const created = await prisma.enterprise.create({
    data: {
      nib: `70999${String(seq).padStart(8, '0')}`,
      name: `${e.name} (clone)`,
      sector: e.sector,
      sentraId: e.sentraId,
      districtId: e.districtId,
      foundedOn: e.foundedOn,
      employees: e.employees,
      annualTurnover: e.annualTurnover,
      businessCapital: e.businessCapital,
      bookkeeping: e.bookkeeping,
      status: 'ACTIVE',
      products: { create: e.products.map(({ name, category, monthlyCapacity, unit }) => ({ name, category, monthlyCapacity, unit })) },
      kbliCodes: { create: e.kbliCodes.map(({ code, version, isPrimary }) => ({ code, version, isPrimary })) },
      certifications: { create: e.certifications.map(({ kind, expiresOn }) => ({ kind, expiresOn })) },
      financingNeeds: {
        create: e.financingNeeds.map(({ amount, purpose, tenorMonths, status, createdAt }) => ({ amount, purpose, tenorMonths, status, createdAt })),
      },
    },
  });
  return created.id;
}

// --- Funders ------------------------------------------------------------------------------------

describe("a funder's recommendations", () => {
  it('favour IKM whose open financing need fits the ticket', async () => {
    const all = await allRecommended();
    const needs = await api.db.prisma.financingNeed.findMany({ where: { status: 'OPEN' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    const latest = new Map<string, bigint>();
    for (const n of needs) if (!latest.has(n.enterpriseId)) latest.set(n.enterpriseId, n.amount);
    const fits = (id: string) => {
      const need = latest.get(id);
      return need !== undefined && need >= bank.ticketMin && need <= bank.ticketMax;
    };
    for (const e of all) expect(component(e.node, 'TICKET_SIZE')!.value).toBe(fits(idOf(e.node)) ? 1 : 0);
    const fitting = all.filter((e) => fits(idOf(e.node)));
    const others = all.filter((e) => !fits(idOf(e.node)));
    expect(fitting.length).toBeGreaterThanOrEqual(5);
    const mean = (xs: typeof all) => xs.reduce((s, e) => s + e.node.score, 0) / xs.length;
    expect(mean(fitting)).toBeGreaterThan(mean(others) + 20);
    expect(all.slice(0, 5).every((e) => fits(idOf(e.node)))).toBe(true);
  });

  it('a need inside the ticket range adds the ticket points; one outside adds none', async () => {
    const all = await allRecommended();
    const target = all.find((e) => component(e.node, 'TICKET_SIZE')!.value === 0 && !e.node.components.some((c) => /not shared/.test(c.reason)))!;
    const id = idOf(target.node);
    const outside = await api.db.prisma.financingNeed.create({
      data: { enterpriseId: id, amount: bank.ticketMax + 1n, purpose: 'WORKING_CAPITAL', tenorMonths: 12, createdAt: new Date('2026-01-01T00:00:00Z') },
    });
    const scoreOf = async () => (await allRecommended()).find((e) => idOf(e.node) === id)!.node;
    const withOutside = await scoreOf();
    expect(withOutside.score).toBe(target.node.score);
    expect(component(withOutside, 'TICKET_SIZE')!.reason).toContain('above the largest ticket');
    const inside = await api.db.prisma.financingNeed.create({
      data: { enterpriseId: id, amount: bank.ticketMin, purpose: 'WORKING_CAPITAL', tenorMonths: 12, createdAt: new Date('2026-02-01T00:00:00Z') },
    });
    const withInside = await scoreOf();
    expect(withInside.score).toBe(target.node.score + 30);
    expect(component(withInside, 'TICKET_SIZE')).toMatchObject({ value: 1, points: 30 });
    expect(component(withInside, 'TICKET_SIZE')!.reason).toContain('within the ticket range of the bank');
    await api.db.prisma.financingNeed.deleteMany({ where: { id: { in: [outside.id, inside.id] } } });
  });

  it("the funder's own view uses needs and books only where the IKM consented, and audits those reads", async () => {
    const now = new Date();
    // Grants to the bank by name, or to every bank (funderType), active now.
    const consents = await api.db.prisma.consent.findMany({
      where: {
        OR: [{ funderId: bank.id }, { funderId: null, funderType: 'BANK' }],
        grantedAt: { lte: now },
        expiresAt: { gt: now },
        revocation: { is: null },
      },
    });
    const scopes = new Map<string, Set<string>>();
    for (const c of consents) scopes.set(c.enterpriseId, new Set([...(scopes.get(c.enterpriseId) ?? []), ...c.scopes]));
    const asStaff = new Map((await allRecommended(staff)).map((e) => [idOf(e.node), e.node]));
    const asBank = await allRecommended(bankMember);
    expectExplained(asBank.map((e) => e.node));
    const shownNeeds: string[] = [];
    let withheld = 0;
    for (const { node } of asBank) {
      const id = idOf(node);
      const ticket = component(node, 'TICKET_SIZE')!;
      const readiness = component(node, 'READINESS')!;
      const full = asStaff.get(id)!;
      if (scopes.get(id)?.has('NEEDS')) {
        shownNeeds.push(id);
        expect(ticket).toEqual(component(full, 'TICKET_SIZE'));
      } else {
        withheld += 1;
        expect(ticket.value).toBe(0);
        expect(ticket.reason).toMatch(/^Its financing needs \(kebutuhan pembiayaan\) are not shared with you/);
        expect(ticket.reason).not.toMatch(/Rp/);
      }
      if (scopes.get(id)?.has('FINANCIALS')) expect(readiness).toEqual(component(full, 'READINESS'));
      else expect(readiness.reason).toMatch(/^Its bookkeeping \(pembukuan\) is not shared with you \(that needs its consent with scope FINANCIALS\), so it earns no credit; business has run/);
    }
    expect(withheld).toBeGreaterThan(0);
    const audited = await api.db.prisma.auditRecord.findMany({
      where: { partnerId: bank.id, action: 'READ_PROTECTED', fields: { has: 'match.financingNeeds' } },
    });
    expect(new Set(audited.map((a) => a.enterpriseId))).toEqual(new Set(shownNeeds));
  });
});

// --- Authorisation ------------------------------------------------------------------------------

describe('who may see recommendations', () => {
  const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  it("a partner's: its members and staff; anonymous callers are UNAUTHENTICATED, others FORBIDDEN", async () => {
    const anonymous = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 3 });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.partner).toMatchObject({ recommendedEnterprises: null });
    for (const headers of [otherPartnerMember, batikOwner]) {
      const res = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 3 }, headers);
      expect(codeOf(res)).toBe('FORBIDDEN');
    }
    for (const headers of [bankMember, staff]) {
      expect((await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 3 }, headers)).errors).toBeUndefined();
    }
  });

  it("a partner's API key needs the scope opportunities:read", async () => {
    const create = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret userErrors { code message } } }`;
    const keyWith = async (scopes: string[]) => {
      const res = await api.gql(
        create,
        { input: { partnerId: bank.gid, name: `matching ${scopes.join(' ')}`, scopes, expiresAt: new Date(Date.now() + 86_400_000).toISOString() } },
        bankMember,
      );
      expect(res.data!.apiKeyCreate.userErrors).toEqual([]);
      return { authorization: `Bearer ${res.data!.apiKeyCreate.secret}` };
    };
    const leadsOnly = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 3 }, await keyWith(['LEADS_READ']));
    expect(codeOf(leadsOnly)).toBe('FORBIDDEN');
    const reader = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 3 }, await keyWith(['OPPORTUNITIES_READ']));
    expect(reader.errors).toBeUndefined();
    expect((reader.data!.partner.recommendedEnterprises as Connection).edges).toHaveLength(3);
  });

  it("an enterprise's: its members and staff", async () => {
    expect(codeOf(await api.gql(RECOMMENDED_PARTNERS, { id: batik.gid, first: 3 }))).toBe('UNAUTHENTICATED');
    for (const headers of [otherOwner, bankMember]) {
      expect(codeOf(await api.gql(RECOMMENDED_PARTNERS, { id: batik.gid, first: 3 }, headers))).toBe('FORBIDDEN');
    }
    for (const headers of [batikOwner, staff]) {
      expect((await api.gql(RECOMMENDED_PARTNERS, { id: batik.gid, first: 3 }, headers)).errors).toBeUndefined();
    }
  });

  it("an opportunity's matches: its poster and staff, although the opportunity is public", async () => {
    const anonymous = await api.gql(OPPORTUNITY_MATCHES, { id: buyRequest.gid, first: 3 });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.opportunity).toMatchObject({ matches: null });
    for (const headers of [otherPartnerMember, bankMember, batikOwner]) {
      expect(codeOf(await api.gql(OPPORTUNITY_MATCHES, { id: buyRequest.gid, first: 3 }, headers))).toBe('FORBIDDEN');
    }
    for (const headers of [buyRequestPoster, staff]) {
      expect((await api.gql(OPPORTUNITY_MATCHES, { id: buyRequest.gid, first: 3 }, headers)).errors).toBeUndefined();
    }
  });

  it('at most five rankings per request', async () => {
    const fields = Array.from({ length: 6 }, (_, i) => `r${i}: recommendedEnterprises(first: 1) { totalCount }`).join(' ');
    const res = await api.gql(`query($id: ID!) { partner(id: $id) { ${fields} } }`, { id: bank.gid }, staff);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_RANKINGS']);
    expect(res.data!.partner.r0).toMatchObject({ totalCount: expect.any(Number) });
    expect(res.data!.partner.r5).toBeNull();
  });

  it('what-if weights are for staff, and checked', async () => {
    const weights = [{ factor: 'FEEDBACK', weight: 40 }];
    const member = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 3, weights }, bankMember);
    expect(codeOf(member)).toBe('FORBIDDEN');
    const page = await recommended({ first: 20, weights });
    expectExplained(page.edges.map((e) => e.node));
    // Bank points: ticket 30, readiness 30, sector 15, district 15, feedback 40 → 130.
    expect(component(page.edges[0]!.node, 'FEEDBACK')!.weight).toBeCloseTo(40 / 130, 12);
    const negative = await api.gql(RECOMMENDED_ENTERPRISES, { id: bank.gid, first: 3, weights: [{ factor: 'SECTOR', weight: -1 }] }, staff);
    expect(negative.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_WEIGHTS', field: ['weights', '0', 'weight'] });
  });
});

// --- Feedback -----------------------------------------------------------------------------------

describe('feedback closes the loop', () => {
  it("recording NO_INTEREST for a pair lowers that pair's score, and the reason says so", async () => {
    const before = await allRecommended();
    const target = before.find((e) => component(e.node, 'FEEDBACK')!.reason.startsWith('This pair has not met before'))!;
    const id = idOf(target.node);
    await recordMeeting(bank.id, id, 'NO_INTEREST');
    const after = (await allRecommended()).find((e) => idOf(e.node) === id)!;
    expect(after.node.score).toBeLessThan(target.node.score);
    const feedback = component(after.node, 'FEEDBACK')!;
    expect(feedback.value).toBeLessThan(component(target.node, 'FEEDBACK')!.value);
    expect(feedback.reason).toMatch(/^This pair already met and recorded no interest \(NO_INTEREST\) once/);
    expect(feedback.reason).toContain('lowers this match');
    // The other scores did not move apart from this pair, except by the new similar-pair history.
    const notMet = await allRecommended(staff, { notMetBefore: true });
    expect(notMet.some((e) => idOf(e.node) === id)).toBe(false);
  });

  it('a DEAL raises the pair; the IKM sees the same from its side', async () => {
    const before = await api.gql(RECOMMENDED_PARTNERS, { id: batik.gid, first: 100 }, batikOwner);
    const partners = (before.data!.enterprise.recommendedPartners as Connection).edges;
    const target = partners.find((e) => component(e.node, 'FEEDBACK')!.reason.startsWith('This pair has not met before'))!;
    await recordMeeting(idOf(target.node), batik.id, 'DEAL');
    const after = await api.gql(RECOMMENDED_PARTNERS, { id: batik.gid, first: 100 }, batikOwner);
    const node = (after.data!.enterprise.recommendedPartners as Connection).edges.find((e) => idOf(e.node) === idOf(target.node))!.node;
    expect(node.score).toBeGreaterThan(target.node.score);
    expect(component(node, 'FEEDBACK')!.reason).toMatch(/^This pair closed 1 deal before/);
  });
});

// --- Statements ---------------------------------------------------------------------------------

describe('statements per request do not grow with the page size', () => {
  const NESTED = `score components { factor points reason }
    enterprise { name district { name } sentra { name district { code } } products { name category } kbliCodes { code } certifications { kind } }`;

  it('recommendedEnterprises, recommendedPartners and opportunity.matches with nested counterparts', async () => {
    // Each case's query with its nodes' fields: the nested counterparts', or the score alone.
    const cases: [string, (node: string) => string, Record<string, unknown>, Headers][] = [
      [
        'recommendedEnterprises',
        (node) => `query($id: ID!, $n: Int) { partner(id: $id) { recommendedEnterprises(first: $n) { totalCount edges { cursor node { ${node} } } nodes { ${node} } } } }`,
        { id: bank.gid },
        staff,
      ],
      [
        'recommendedEnterprises (the bank itself)',
        (node) => `query($id: ID!, $n: Int) { partner(id: $id) { recommendedEnterprises(first: $n) { totalCount edges { node { ${node} } } } } }`,
        { id: bank.gid },
        bankMember,
      ],
      [
        'recommendedPartners',
        (node) => `query($id: ID!, $n: Int) { enterprise(id: $id) { recommendedPartners(first: $n) { totalCount edges { node { ${node} } } } } }`,
        { id: batik.gid },
        batikOwner,
      ],
      [
        'opportunity.matches',
        (node) => `query($id: ID!, $n: Int) { opportunity(id: $id) { ... on Opportunity { matches(first: $n) { edges { node { ${node} } } } } } }`,
        { id: buyRequest.gid },
        buyRequestPoster,
      ],
    ];
    const PARTNER_NESTED = 'score partner { name district { name } contacts { name } }';
    for (const [label, query, variables, headers] of cases) {
      const run = (node: string, n: number) =>
        api.statementsDuring(async () => {
          const res = await api.gql(query(node), { ...variables, n }, headers);
          expect(res.errors).toBeUndefined();
        });
      const nested = label === 'recommendedPartners' ? PARTNER_NESTED : NESTED;
      const [at10, at20, flat10, flat20] = [await run(nested, 10), await run(nested, 20), await run('score', 10), await run('score', 20)];
      console.log(`statements: ${label} first:10 = ${at10} (${flat10} without counterparts), first:20 = ${at20} (${flat20})`);
      // The counterparts' fields add as many statements to a page of 20 as to one of 10. The ranking
      // itself reads its candidates in stages of bounds (matching/top.ts): a longer page can end in
      // a wider stage, a statement or two more whatever the fields (and once the first stage has
      // widened, a walk of the ties: a window and the candidates above it), so only the total is capped.
      expect(at20 - flat20).toBe(at10 - flat10);
      expect(at20).toBeLessThanOrEqual(22);
    }
  });
});

// --- The fast ranking equals the domain --------------------------------------------------------

/** The row the candidate statement would return for a profile (certificates read against asOf). */
function rowOf(e: EnterpriseProfile, asOf: Date): CandidateRow {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const or = (s: string) => (s === '' ? null : s);
  return {
    id: e.id,
    sector: e.sector,
    foundedOn: e.foundedOn,
    annualTurnover: e.annualTurnover,
    businessCapital: e.businessCapital,
    bookkeeping: e.bookkeeping,
    districtCode: e.districtCode,
    districtName: e.districtName,
    sentraId: e.sentra?.id ?? null,
    sentraName: e.sentra?.name ?? null,
    kbli: or(e.kbliCodes.map((k) => `${k.code}${k.isPrimary ? '*' : ''}`).join(',')),
    products: or(e.products.map((p) => `${p.category}\x1d${p.monthlyCapacity}\x1d${p.unit}`).join('\x1e')),
    categories: or(e.products.map((p) => p.category).join('\x1e')),
    certs: or(
      e.certifications
        .map((c) => (c.expiresOn === null || day(c.expiresOn) >= day(asOf) ? c.kind : `${c.kind}@${day(c.expiresOn)}`))
        .join(','),
    ),
    need: e.financingNeed,
  };
}

const withheldAs = (e: EnterpriseProfile, w: Withheld): EnterpriseProfile => ({
  ...e,
  bookkeeping: w.financials ? 'NONE' : e.bookkeeping,
  financingNeed: w.needs ? null : e.financingNeed,
});

describe('the fast ranking scores every pair as the domain does', () => {
  it('over random partners, opportunities, IKM, histories, consents and weights', () => {
    const r = random(20260611);
    const overrides = [undefined, { FEEDBACK: 40 }, { SECTOR: 0, DISTRICT: 50 }, { READINESS: 5, CAPACITY: 30, CERTIFICATION: 0 }];
    let pairs = 0;
    for (let c = 0; c < 60; c += 1) {
      const opportunity = c % 3 === 2 ? randomOpportunity(r, `o-${c}`) : null;
      const partner = randomPartner(r, `p-${c}`);
      const ask = opportunity ? askOfOpportunity(opportunity) : askOfPartner(partner);
      const override = overrides[c % overrides.length];
      const weights = override ? (withWeightOverride(override) as { ok: true; value: typeof DEFAULT_WEIGHTS }).value : DEFAULT_WEIGHTS;
      const ranker = new EnterpriseRanker(ask, weights[ask.role], AS_OF);
      // Few distinct histories, so candidates share them as they do in a ranking.
      const histories: PairHistory[] = Array.from({ length: 4 }, () => randomHistory(r));
      for (let i = 0; i < 150; i += 1) {
        const enterprise = randomEnterprise(r, `e-${c}-${i}`);
        const history = histories[r.int(0, histories.length - 1)]!;
        const withheld: Withheld = { financials: r.next() < 0.5, needs: r.next() < 0.5 };
        const options = { asOf: AS_OF, history, weights };
        const seen = withheldAs(enterprise, withheld);
        const domain = opportunity
          ? scoreEnterpriseForOpportunity(opportunity, seen, options)
          : scoreEnterpriseForPartner(partner, seen, options);
        const row = rowOf(enterprise, AS_OF);
        expect(ranker.score(row, withheld, history)).toBe(domain.score);
        // The profile parsed back from the row explains the pair exactly as the original does.
        const parsed = opportunity
          ? scoreEnterpriseForOpportunity(opportunity, profileOf(row, withheld), options)
          : scoreEnterpriseForPartner(partner, profileOf(row, withheld), options);
        expect(parsed).toEqual(domain);
        pairs += 1;
      }
    }
    expect(pairs).toBe(9_000);
  });

  it("over one IKM's random partners (the IKM fixed, the partners' fields repeating) and weights", () => {
    const r = random(20261205);
    const overrides = [undefined, { FEEDBACK: 40 }, { SECTOR: 0, DISTRICT: 50 }, { READINESS: 5, CAPACITY: 30, CERTIFICATION: 0 }];
    let pairs = 0;
    for (let c = 0; c < 40; c += 1) {
      const enterprise = randomEnterprise(r, `e-${c}`);
      const override = overrides[c % overrides.length];
      const weights = override ? (withWeightOverride(override) as { ok: true; value: typeof DEFAULT_WEIGHTS }).value : DEFAULT_WEIGHTS;
      const ranker = new PartnerRanker(enterprise, weights, AS_OF);
      // A few partners drawn again with another id, so the memo meets equal fields.
      const drawn = Array.from({ length: 20 }, (_, i) => randomPartner(r, `p-${c}-${i}`));
      const histories: PairHistory[] = Array.from({ length: 3 }, () => randomHistory(r));
      for (let i = 0; i < 120; i += 1) {
        const partner = r.next() < 0.5 ? { ...drawn[r.int(0, drawn.length - 1)]!, id: `q-${c}-${i}` } : randomPartner(r, `q-${c}-${i}`);
        const history = histories[r.int(0, histories.length - 1)]!;
        const domain = scorePartnerForEnterprise(enterprise, partner, { asOf: AS_OF, history, weights });
        expect(ranker.score(askOfPartner(partner), history)).toBe(domain.score);
        pairs += 1;
      }
    }
    expect(pairs).toBe(4_800);
  });

  it('sizeClassOnly is the size class of domain/size-class.ts', () => {
    const r = random(7);
    const JUTA = 1_000_000n;
    const edges = [null, 0n, 1_000n * JUTA, 1_000n * JUTA + 1n, 2_000n * JUTA, 2_000n * JUTA + 1n, 5_000n * JUTA, 10_000n * JUTA, 10_000n * JUTA + 1n, 15_000n * JUTA, 50_000n * JUTA, 50_000n * JUTA + 1n];
    for (const t of edges) for (const k of edges) expect(sizeClassOnly(t, k)).toBe(sizeClass({ annualTurnover: t, businessCapital: k }).sizeClass);
    for (let i = 0; i < 2_000; i += 1) {
      const t = r.next() < 0.2 ? null : BigInt(r.int(0, 60_000)) * JUTA;
      const k = r.next() < 0.2 ? null : BigInt(r.int(0, 12_000)) * JUTA;
      expect(sizeClassOnly(t, k)).toBe(sizeClass({ annualTurnover: t, businessCapital: k }).sizeClass);
    }
  });
});

// --- Synthetic data -----------------------------------------------------------------------------

describe('seed:synthetic', () => {
  it('adds enterprises and partners deterministically and once, and they are ranked like any other', async () => {
    // A database of its own, so the rows added here change no other test's ranking.
    const own = await startTestServer({ seeded: true });
    try {
      const prisma = own.db.prisma;
      const first = await seedSynthetic(own.db, { enterprises: 300, partners: 40, batchSize: 128 });
      expect(first.rows.enterprise).toBe(300);
      expect(first.rows.partner).toBe(40);
      expect(first.rows.product).toBeGreaterThanOrEqual(300);
      expect(first.rows.kbli).toBeGreaterThanOrEqual(300);
      const again = await seedSynthetic(own.db, { enterprises: 300, partners: 40 });
      expect(Object.values(again.rows).every((n) => n === 0)).toBe(true);
      const synthetic = await prisma.enterprise.findMany({ where: { nib: { startsWith: '70' } }, include: { products: true, kbliCodes: true } });
      expect(synthetic).toHaveLength(300);
      expect(synthetic.every((e) => e.isDemo && e.products.length > 0 && e.kbliCodes.some((k) => k.isPrimary) && e.searchText.length > 0)).toBe(true);
      expect(await prisma.partner.count({ where: { slug: { startsWith: 'synthetic-' }, isDemo: true } })).toBe(40);
      const res = await own.gql(
        `query($id: ID!) { partner(id: $id) { recommendedEnterprises(first: 100) { edges { node { ${MATCH} enterprise { id name sector } } } } } }`,
        { id: bank.gid },
        await own.as('petugas.ikm@disperin.semarangkota.go.id'),
      );
      expect(res.errors).toBeUndefined();
      const nodes = (res.data!.partner.recommendedEnterprises as Connection).edges.map((e) => e.node);
      expectExplained(nodes);
      expect(nodes.some((n) => n.enterprise!.name.endsWith('(synthetic)'))).toBe(true);
    } finally {
      await own.close();
    }
  });
});
