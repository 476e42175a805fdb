import { schema } from '@temu-bisnis/schema';
import {
  getNamedType,
  getNullableType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_PREFIX, hashSecret, newSecret, visiblePrefix } from '@temu-bisnis/schema/auth/secrets';
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
/** Signed in, but member of nothing and not staff: holds no scope at all. */
type Role = (typeof ROLES)[number] | 'no organisation';

let api: TestServer;
const headers = {} as Record<Role, Record<string, string>>;
const ids = {} as Record<'a' | 'b' | 'distributor' | 'review' | 'need', string>;
/** Global IDs of records that belong to someone else, by the typename each input field names. */
const targets = {} as Record<string, string>;
/** A seeded buy request, for the consortium candidates. */
let buyRequestId: string;

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
  const request = await prisma.meetingRequest.create({
    data: { sessionId: forum.id, requesterId: pb.id, recipientId: pa.id, status: 'ACCEPTED', expiresAt: new Date(Date.now() + 86_400_000) },
  });

  // What the mutation walk below aims at: A's records, BRI's, the forum's and a meeting of others.
  const notB = { id: { not: b!.id } };
  const meeting = await prisma.meeting.findFirstOrThrow({ where: { seats: { none: { participant: { OR: [{ enterpriseId: b!.id }, { partnerId: distributor.id }] } } } } });
  const slot = await prisma.sessionSlot.findFirstOrThrow({ where: { sessionId: forum.id } });
  const table = await prisma.sessionTable.findFirst({ where: { sessionId: forum.id } });
  const consent = await prisma.consent.findFirstOrThrow({ where: { enterpriseId: a!.id } });
  const product = await prisma.enterpriseProduct.findFirst({ where: { enterprise: notB } });
  const opportunity = await prisma.opportunity.findFirstOrThrow({ where: { partnerId: { not: null, notIn: [distributor.id] } } });
  const sentra = await prisma.sentra.findFirstOrThrow();
  const key = await prisma.apiKey.create({ data: { partnerId: bri.id, name: 'Walk', prefix: 'tb_key_walk0000', hash: 'walk', scopes: ['leads:read'] } });
  // A consortium offer with one share, A's: only A's people and staff may answer it.
  const offer = await prisma.consortiumOffer.create({
    data: { opportunityId: opportunity.id, coordinatorId: a!.id, quantity: 10, unit: 'pcs', shares: { create: { enterpriseId: a!.id, quantity: 10, reasons: [] } } },
    include: { shares: true },
  });
  buyRequestId = globalId('Opportunity', (await prisma.opportunity.findFirstOrThrow({ where: { kind: 'BUY_REQUEST' }, orderBy: { id: 'asc' } })).id);
  const NONE = '00000000-0000-7000-8000-000000000000';
  const endpoint = await prisma.webhookEndpoint.create({ data: { partnerId: bri.id, url: 'https://hooks.bri.example/x', eventTypes: [], secret: 'whsec_AAAA' } });
  const event = await prisma.event.create({ data: { type: 'opportunity.posted', subjectId: 'x', payload: {}, public: true } });
  const delivery = await prisma.webhookDelivery.create({ data: { endpointId: endpoint.id, eventId: event.id, subjectId: 'x', status: 'DELIVERED' } });
  const savedSearch = await prisma.savedSearch.create({ data: { partnerId: bri.id, name: 'Walk' } });
  const facility = await prisma.creditFacility.create({ data: { enterpriseId: a!.id, kind: 'KUR' } });
  Object.assign(targets, {
    CreditFacility: globalId('CreditFacility', facility.id),
    SavedSearch: globalId('SavedSearch', savedSearch.id),
    WebhookEndpoint: globalId('WebhookEndpoint', endpoint.id),
    WebhookDelivery: globalId('WebhookDelivery', delivery.id),
    Enterprise: globalId('Enterprise', a!.id),
    Partner: globalId('Partner', bri.id),
    Forum: globalId('Forum', forum.id),
    ForumParticipant: globalId('ForumParticipant', pa.id),
    ForumSlot: globalId('ForumSlot', slot.id),
    ForumTable: globalId('ForumTable', table?.id ?? NONE),
    Meeting: globalId('Meeting', meeting.id),
    MeetingRequest: globalId('MeetingRequest', request.id),
    FinancingNeed: globalId('FinancingNeed', need.id),
    FinancingLead: globalId('FinancingLead', need.id),
    Consent: globalId('Consent', consent.id),
    EnterpriseProduct: globalId('EnterpriseProduct', product?.id ?? NONE),
    Opportunity: globalId('Opportunity', opportunity.id),
    Sentra: globalId('Sentra', sentra.id),
    ApiKey: globalId('ApiKey', key.id),
    ConsortiumOffer: globalId('ConsortiumOffer', offer.id),
    ConsortiumShare: globalId('ConsortiumShare', offer.shares[0]!.id),
  });

  const emails: Record<Exclude<Role, 'anonymous'>, string> = {
    'enterprise A': await ownerOf(a!.id, 'owner.a@matrix.example'),
    'enterprise B': await ownerOf(b!.id, 'owner.b@matrix.example'),
    'buyer (met A)': (await prisma.organisationMembership.findFirstOrThrow({ where: { partnerId: buyer.id }, include: { user: true } })).user.email,
    distributor: await memberEmail('distribusi-pangan-jateng'),
    'bank with consent': await memberEmail('bri-unit-peterongan-kur'),
    'bank without consent': await memberEmail('bank-jateng-kur-mitra'),
    'no organisation': (await prisma.user.create({ data: { email: 'nobody@matrix.example', name: 'Nobody', role: 'ENTERPRISE' } })).email,
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
    what: 'consortium candidates for a buy request (consortiumCandidates)',
    query: () => ({ query: `query($id: ID!) { consortiumCandidates(opportunityId: $id) { groups { covers } } }`, variables: { id: buyRequestId } }),
    allowed: (data) => !!data?.consortiumCandidates,
    allow: STAFF,
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

/** The typename an input ID field names, as the resolvers decode it (idOf(..., typename)). */
const ID_FIELDS: Record<string, string> = {
  enterpriseId: 'Enterprise',
  partnerId: 'Partner',
  funderId: 'Partner',
  forumId: 'Forum',
  leadId: 'FinancingLead',
  meetingId: 'Meeting',
  slotId: 'ForumSlot',
  tableId: 'ForumTable',
  toParticipantId: 'ForumParticipant',
  fromParticipantId: 'ForumParticipant',
  participantId: 'ForumParticipant',
  opportunityId: 'Opportunity',
  coordinatorId: 'Enterprise',
  sentraId: 'Sentra',
  offerId: 'ConsortiumOffer',
  shareId: 'ConsortiumShare',
};
/** The typename of a mutation's `input.id`, by the object its name starts with (longest first). */
const ID_OF_MUTATION: [string, string][] = [
  ['enterpriseProduct', 'EnterpriseProduct'],
  ['creditFacility', 'CreditFacility'],
  ['webhookEndpoint', 'WebhookEndpoint'],
  ['savedSearch', 'SavedSearch'],
  ['webhookDelivery', 'WebhookDelivery'],
  ['forumParticipant', 'ForumParticipant'],
  ['meetingRequest', 'MeetingRequest'],
  ['financingNeed', 'FinancingNeed'],
  ['opportunity', 'Opportunity'],
  ['enterprise', 'Enterprise'],
  ['partner', 'Partner'],
  ['meeting', 'Meeting'],
  ['consent', 'Consent'],
  ['apiKey', 'ApiKey'],
  ['sentra', 'Sentra'],
  ['forum', 'Forum'],
];
/** Optional fields that name whose behalf the caller claims to act on; any other optional field is left out. */
const OWNER_FIELDS = new Set(['enterpriseId', 'fromParticipantId']);

/** A well-formed value of an input type: the walk is about authorisation, not validation. */
function sample(type: GraphQLInputType, field: string, mutation: string): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return isInputObjectType(getNamedType(nullable)) ? [] : [sample(nullable.ofType, field, mutation)];
  if (isEnumType(nullable)) return nullable.getValues()[0]!.value;
  if (isInputObjectType(nullable)) return inputFor(nullable, mutation);
  if (!isScalarType(nullable)) throw new Error(`no sample for ${String(type)}`);
  switch (nullable.name) {
    case 'ID': {
      const typename = field === 'id' ? ID_OF_MUTATION.find(([prefix]) => mutation.startsWith(prefix))?.[1] : ID_FIELDS[field];
      if (!typename || !targets[typename]) throw new Error(`no target for ${mutation}.${field}`);
      return targets[typename];
    }
    case 'Int':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date(Date.now() + 30 * 86_400_000).toISOString();
    case 'Date':
      return '2027-03-01';
    case 'Money':
      return '50000000';
    default:
      return 'x';
  }
}

function inputFor(type: GraphQLInputType, mutation: string): Record<string, unknown> {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) throw new Error(`${mutation}: input is not an object`);
  return Object.fromEntries(
    Object.values(named.getFields())
      .filter((f) => isNonNullType(f.type) || OWNER_FIELDS.has(f.name))
      .map((f) => [f.name, sample(f.type, f.name, mutation)]),
  );
}

/** The one refusal shape a response has, or a description of what else it is. */
function refusalOf(res: { data?: any; errors?: readonly { extensions?: Record<string, unknown> }[] }, name: string): string {
  if (res.errors?.length) {
    const [first] = res.errors;
    const code = first!.extensions?.code;
    if (res.data?.[name] != null) return `data and errors: ${JSON.stringify(res)}`;
    if (code === 'UNAUTHENTICATED') return 'UNAUTHENTICATED';
    const scope = first!.extensions?.requiredScope;
    if (code === 'FORBIDDEN' && typeof scope === 'string' && scope.length > 0) return 'FORBIDDEN';
    return `other error: ${JSON.stringify(res.errors)}`;
  }
  const codes = (res.data?.[name]?.userErrors ?? []).map((e: { code: string }) => e.code);
  if (codes.length > 0 && codes.every((c: string) => c === 'NOT_FOUND')) return 'NOT_FOUND';
  return `not refused: ${JSON.stringify(res.data)}`;
}

describe('one refusal shape for every mutation', () => {
  it('a caller without the right gets UNAUTHENTICATED, FORBIDDEN naming requiredScope, or NOT_FOUND — and nothing is written', async () => {
    const callers: Role[] = ['anonymous', 'no organisation', 'enterprise B', 'distributor'];
    const mutations = Object.entries(schema.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThan(40);
    const counts = () =>
      Promise.all([
        api.db.prisma.opportunity.count(),
        api.db.prisma.forumParticipant.count(),
        api.db.prisma.meetingRequest.count(),
        api.db.prisma.meeting.count({ where: { status: 'SCHEDULED' } }),
        api.db.prisma.financingNeed.count({ where: { status: 'OPEN' } }),
        api.db.prisma.consent.count(),
        api.db.prisma.apiKey.count({ where: { revokedAt: null } }),
        api.db.prisma.enterprise.count({ where: { status: 'ACTIVE' } }),
        api.db.prisma.partner.count({ where: { status: 'ACTIVE' } }),
        api.db.prisma.leadReview.count(),
        api.db.prisma.webhookEndpoint.findMany({ orderBy: { id: 'asc' } }),
        api.db.prisma.webhookDelivery.count(),
        api.db.prisma.consortiumOffer.groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } }),
        api.db.prisma.consortiumShare.groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } }),
        api.db.prisma.consortiumCapacity.count(),
        api.db.prisma.savedSearch.count(),
        api.db.prisma.creditFacility.findMany({ orderBy: { id: 'asc' } }),
        api.db.prisma.matchmakingSession.groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } }),
      ]);
    const before = await counts();
    const table: string[] = [`| mutation | ${callers.join(' | ')} |`, `|---|${callers.map(() => '---').join('|')}|`];
    const wrong: string[] = [];
    for (const [name, field] of mutations) {
      const inputType = field.args[0]!.type;
      const query = `mutation($input: ${String(inputType)}) { ${name}(input: $input) { userErrors { code } } }`;
      const input = inputFor(inputType, name);
      const row: string[] = [];
      for (const caller of callers) {
        const res = await api.gql(query, { input }, headers[caller]);
        const shape = refusalOf(res, name);
        const expected = caller === 'anonymous' ? ['UNAUTHENTICATED'] : ['FORBIDDEN', 'NOT_FOUND'];
        if (!expected.includes(shape)) wrong.push(`${name} as ${caller}: ${shape}`);
        row.push(shape === 'FORBIDDEN' ? `FORBIDDEN (${res.errors![0]!.extensions!.requiredScope})` : shape.slice(0, 60));
      }
      table.push(`| ${name} | ${row.join(' | ')} |`);
    }
    console.log(`refusals (${process.env.TEST_DATABASE}):\n${table.join('\n')}`);
    expect(wrong).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('a record the caller sees but may not change is FORBIDDEN; one it cannot see is NOT_FOUND, as if it did not exist', async () => {
    const withdraw = `mutation($input: FinancingNeedWithdrawInput!) { financingNeedWithdraw(input: $input) { financingNeed { status } userErrors { code field } } }`;
    const input = { id: targets.FinancingNeed };
    // BRI sees A's need under A's NEEDS consent, but only A's people and staff may withdraw it.
    const seen = await api.gql(withdraw, { input }, headers['bank with consent']);
    expect(seen.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'staff or enterpriseMember' });
    const unseen = await api.gql(withdraw, { input }, headers['bank without consent']);
    expect(unseen.data!.financingNeedWithdraw).toEqual({ financingNeed: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
    const missing = await api.gql(withdraw, { input: { id: globalId('FinancingNeed', '00000000-0000-7000-8000-000000000000') } }, headers['bank without consent']);
    expect(missing.data!.financingNeedWithdraw).toEqual(unseen.data!.financingNeedWithdraw);
    expect((await api.db.prisma.financingNeed.findUniqueOrThrow({ where: { id: ids.need } })).status).toBe('OPEN');
  });

  it('apiScope admits a signed-in person only when a membership gives the scope, and a key only when it carries it', async () => {
    const register = `mutation($input: ForumRegisterInput!) { forumRegister(input: $input) { userErrors { code } } }`;
    const input = { forumId: targets.Forum, attendees: ['x'] };
    const nobody = await api.gql(register, { input }, headers['no organisation']);
    expect(nobody.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'SESSIONS_WRITE' });
    const distributor = await api.db.prisma.partner.findUniqueOrThrow({ where: { slug: 'distribusi-pangan-jateng' } });
    const secret = newSecret(API_KEY_PREFIX);
    await api.db.prisma.apiKey.create({
      data: { partnerId: distributor.id, name: 'Read only', prefix: visiblePrefix(secret), hash: hashSecret(secret), scopes: ['opportunities:read'] },
    });
    const asKey = await api.gql(register, { input }, { authorization: `Bearer ${secret}` });
    expect(asKey.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'SESSIONS_WRITE' });
    // The same partner's person holds it through membership and gets past authorisation.
    const asMember = await api.gql(register, { input }, headers.distributor);
    expect(asMember.errors).toBeUndefined();
  });
});
