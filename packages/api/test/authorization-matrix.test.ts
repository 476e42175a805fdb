import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * Who may see and do what: every role against every protected field and mutation, each cell
 * asserted. "allow" means the data came back (or the mutation got past authorisation to its own
 * input checks); "deny" means null, FORBIDDEN or UNAUTHENTICATED — never the data.
 */
const ROLES = [
  'anonymous',
  'enterprise A',
  'enterprise B',
  'buyer (met A)',
  'distributor',
  'bank with consent',
  'bank without consent',
  'officer',
  'admin',
] as const;
type Role = (typeof ROLES)[number];

let api: TestServer;
const headers = {} as Record<Role, Record<string, string>>;
const ids = {} as Record<'a' | 'b' | 'distributor' | 'review' | 'need', string>;

async function memberEmail(slug: string): Promise<string> {
  const m = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partner: { slug } }, include: { user: true } });
  return m.user.email;
}

async function ownerOf(enterpriseId: string, email: string): Promise<string> {
  await api.db.prisma.user.create({
    data: { email, name: email, role: 'ENTERPRISE', memberships: { create: { enterpriseId, role: 'OWNER' } } },
  });
  return email;
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  const prisma = api.db.prisma;
  // Two IKM with contacts and no consents, so the consent below is the only one that counts.
  const [a, b] = await prisma.enterprise.findMany({
    where: { status: 'ACTIVE', consents: { none: {} }, memberships: { none: {} }, contacts: { some: { phone: { not: null } } }, annualTurnover: { not: null } },
    orderBy: { nib: 'asc' },
    take: 2,
  });
  ids.a = a!.id;
  ids.b = b!.id;
  const bri = await prisma.partner.findUniqueOrThrow({ where: { slug: 'bri-unit-peterongan-kur' } });
  const buyer = await prisma.partner.findFirstOrThrow({ where: { kind: 'BUYER', memberships: { some: {} } } });
  const distributor = await prisma.partner.findUniqueOrThrow({ where: { slug: 'distribusi-pangan-jateng' } });
  ids.distributor = distributor.id;

  // A consents to BRI for everything; no other funder and no funder type.
  await prisma.consent.create({
    data: { enterpriseId: a!.id, funderId: bri.id, scopes: ['PROFILE', 'FINANCIALS', 'NEEDS', 'DOCUMENTS'], expiresAt: new Date(Date.now() + 30 * 86_400_000) },
  });
  const need = await prisma.financingNeed.create({
    data: { enterpriseId: a!.id, amount: 75_000_000n, purpose: 'WORKING_CAPITAL', tenorMonths: 24 },
  });
  ids.need = need.id;
  ids.review = (await prisma.leadReview.create({ data: { financingNeedId: need.id, funderId: bri.id, status: 'CONTACTED' } })).id;

  // The buyer and A accepted a meeting at the upcoming forum: contact details open up between them.
  const forum = await prisma.matchmakingSession.findFirstOrThrow({ where: { status: 'REGISTRATION_OPEN' } });
  const participant = (data: { enterpriseId?: string; partnerId?: string }) =>
    prisma.forumParticipant.upsert({
      where: data.enterpriseId
        ? { sessionId_enterpriseId: { sessionId: forum.id, enterpriseId: data.enterpriseId } }
        : { sessionId_partnerId: { sessionId: forum.id, partnerId: data.partnerId! } },
      create: { sessionId: forum.id, ...data },
      update: {},
    });
  const [pa, pb] = [await participant({ enterpriseId: a!.id }), await participant({ partnerId: buyer.id })];
  await prisma.meetingRequest.create({
    data: { sessionId: forum.id, requesterId: pb.id, recipientId: pa.id, status: 'ACCEPTED', expiresAt: new Date(Date.now() + 86_400_000) },
  });

  const emails: Record<Exclude<Role, 'anonymous'>, string> = {
    'enterprise A': await ownerOf(a!.id, 'owner.a@matrix.example'),
    'enterprise B': await ownerOf(b!.id, 'owner.b@matrix.example'),
    'buyer (met A)': (await prisma.organisationMembership.findFirstOrThrow({ where: { partnerId: buyer.id }, include: { user: true } })).user.email,
    distributor: await memberEmail('distribusi-pangan-jateng'),
    'bank with consent': await memberEmail('bri-unit-peterongan-kur'),
    'bank without consent': await memberEmail('bank-jateng-kur-mitra'),
    officer: 'petugas.ikm@disperin.semarangkota.go.id',
    admin: 'admin@disperin.semarangkota.go.id',
  };
  headers.anonymous = {};
  for (const [role, email] of Object.entries(emails)) headers[role as Role] = await api.as(email);
}, 120_000);
afterAll(() => api.close());

type Outcome = 'allow' | 'deny';
interface Cell {
  what: string;
  query: () => { query: string; variables: Record<string, unknown> };
  /** True when the response shows the caller was allowed. */
  allowed: (data: any) => boolean;
  allow: Role[];
}

const STAFF: Role[] = ['officer', 'admin'];
const enterpriseField = (field: string, pick: (e: any) => unknown): Omit<Cell, 'what' | 'allow'> => ({
  query: () => ({ query: `query($id: ID!) { node(id: $id) { ... on Enterprise { ${field} } } }`, variables: { id: globalId('Enterprise', ids.a) } }),
  allowed: (data) => {
    const value = pick(data?.node);
    return value !== null && value !== undefined;
  },
});
const mutation = (name: string, input: () => Record<string, unknown>, select = 'userErrors { code }'): Omit<Cell, 'what' | 'allow'> => ({
  query: () => ({ query: `mutation($input: ${name[0]!.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${select} } }`, variables: { input: input() } }),
  allowed: (data) => !!data?.[name],
});

const CELLS: Cell[] = [
  { what: "A's public profile (name)", ...enterpriseField('name', (e) => e?.name), allow: [...ROLES] },
  { what: "A's contact phone", ...enterpriseField('contacts { phone }', (e) => e?.contacts?.find((c: any) => c.phone)?.phone ?? null), allow: ['enterprise A', 'buyer (met A)', 'bank with consent', ...STAFF] },
  { what: "A's annual turnover", ...enterpriseField('annualTurnover', (e) => e?.annualTurnover), allow: ['enterprise A', 'bank with consent', ...STAFF] },
  { what: "A's NPWP", ...enterpriseField('npwp', (e) => e?.npwp), allow: ['enterprise A', 'bank with consent', ...STAFF] },
  { what: "A's financing needs", ...enterpriseField('financingNeeds(first: 5) { nodes { id } }', (e) => (e?.financingNeeds?.nodes?.length ? e.financingNeeds : null)), allow: ['enterprise A', 'bank with consent', ...STAFF] },
  { what: "A's KUR readiness", ...enterpriseField('financingReadiness(amount: "75000000") { verdict }', (e) => e?.financingReadiness), allow: ['enterprise A', 'bank with consent', ...STAFF] },
  {
    what: 'a funder lead pipeline (financingLeads)',
    query: () => ({ query: `{ financingLeads(first: 1) { totalCount } }`, variables: {} }),
    allowed: (data) => typeof data?.financingLeads?.totalCount === 'number',
    allow: ['bank with consent', 'bank without consent'],
  },
  {
    what: "BRI's review of A's lead (node)",
    query: () => ({ query: `query($id: ID!) { node(id: $id) { id } }`, variables: { id: globalId('LeadReview', ids.review) } }),
    allowed: (data) => !!data?.node,
    allow: ['bank with consent'],
  },
  { what: 'enterpriseUpdate on A', ...mutation('enterpriseUpdate', () => ({ id: globalId('Enterprise', ids.a), name: '' })), allow: ['enterprise A', ...STAFF] },
  { what: 'enterpriseArchive', ...mutation('enterpriseArchive', () => ({ id: globalId('Enterprise', '00000000-0000-7000-8000-000000000000') })), allow: STAFF },
  { what: 'sentraUpdate', ...mutation('sentraUpdate', () => ({ id: globalId('Sentra', '00000000-0000-7000-8000-000000000000') })), allow: STAFF },
  { what: 'partnerUpdate on the distributor', ...mutation('partnerUpdate', () => ({ id: globalId('Partner', ids.distributor), name: '' })), allow: ['distributor', ...STAFF] },
  {
    what: 'leadStatusUpdate (own review of a lead)',
    ...mutation('leadStatusUpdate', () => ({ leadId: globalId('FinancingLead', ids.need), status: 'NEW' })),
    allow: ['bank with consent', 'bank without consent'],
  },
  {
    what: 'audit trail (auditRecords)',
    query: () => ({ query: `{ auditRecords(first: 1) { nodes { id } } }`, variables: {} }),
    allowed: (data) => !!data?.auditRecords,
    allow: STAFF,
  },
];

describe('authorisation matrix', () => {
  it('every role gets exactly what it may, for every protected field and mutation', async () => {
    const table: string[] = [`| | ${ROLES.join(' | ')} |`, `|---|${ROLES.map(() => '---').join('|')}|`];
    const wrong: string[] = [];
    for (const cell of CELLS) {
      const row: string[] = [];
      for (const role of ROLES) {
        const { query, variables } = cell.query();
        const res = await api.gql(query, variables, headers[role]);
        expect(res.status, `${cell.what} as ${role}`).toBeLessThan(500);
        const outcome: Outcome = cell.allowed(res.data) ? 'allow' : 'deny';
        const expected: Outcome = cell.allow.includes(role) ? 'allow' : 'deny';
        if (outcome === 'deny' && res.errors) {
          const codes = res.errors.map((e) => e.extensions?.code);
          expect(codes.every((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED'), `${cell.what} as ${role}: ${JSON.stringify(res.errors)}`).toBe(true);
        }
        if (outcome !== expected) wrong.push(`${cell.what} as ${role}: got ${outcome}, expected ${expected}`);
        row.push(outcome === 'allow' ? '✅ allow' : '⛔ deny');
      }
      table.push(`| ${cell.what} | ${row.join(' | ')} |`);
    }
    console.log(`authorisation matrix (${process.env.TEST_DATABASE}):\n${table.join('\n')}`);
    expect(wrong).toEqual([]);
  }, 300_000);

  it("another funder's pipeline work never touches BRI's review", async () => {
    const before = await api.db.prisma.leadReview.findUniqueOrThrow({ where: { id: ids.review }, include: { history: true } });
    const res = await api.gql(
      `mutation($input: LeadStatusUpdateInput!) { leadStatusUpdate(input: $input) { review { id status } userErrors { code } } }`,
      { input: { leadId: globalId('FinancingLead', ids.need), status: 'CONTACTED' } },
      headers['bank without consent'],
    );
    expect(res.data!.leadStatusUpdate.review?.id).not.toBe(globalId('LeadReview', ids.review));
    const after = await api.db.prisma.leadReview.findUniqueOrThrow({ where: { id: ids.review }, include: { history: true } });
    expect(after).toEqual(before);
  });

  it('reads of consent-protected data by the bank are audited', async () => {
    const before = await api.db.prisma.auditRecord.count({ where: { enterpriseId: ids.a, action: 'READ_PROTECTED' } });
    await api.gql(`query($id: ID!) { node(id: $id) { ... on Enterprise { annualTurnover } } }`, { id: globalId('Enterprise', ids.a) }, headers['bank with consent']);
    const after = await api.db.prisma.auditRecord.findMany({ where: { enterpriseId: ids.a, action: 'READ_PROTECTED' }, orderBy: { at: 'desc' } });
    expect(after.length).toBe(before + 1);
    expect(after[0]!.fields).toContain('annualTurnover');
  });
});
