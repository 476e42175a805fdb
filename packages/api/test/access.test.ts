import { decodedGlobalId } from '@temu-bisnis/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
let bank: { id: string; memberEmail: string };
let otherPartnerMemberEmail: string;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  const memberOf = async (slug: string) => {
    const m = await api.db.prisma.organisationMembership.findFirstOrThrow({
      where: { partner: { slug } },
      include: { user: true, partner: true },
    });
    return { id: m.partner!.id, memberEmail: m.user.email };
  };
  bank = await memberOf('bri-unit-peterongan-kur');
  otherPartnerMemberEmail = (await memberOf('swalayan-sinar-jaya')).memberEmail;
});
afterAll(() => api.close());

const createKey = `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) {
  secret apiKey { id name prefix scopes expiresAt } userErrors { code field message } } }`;
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

describe('who am I', () => {
  it('anonymous callers are not authenticated', async () => {
    const res = await api.gql(`{ viewer { authenticated role } }`);
    expect(res.data!.viewer).toEqual({ authenticated: false, role: null });
  });

  it('a sign-in token identifies the person and role', async () => {
    const res = await api.gql(`{ viewer { authenticated role user { email } } }`, {}, await api.as('admin@disperin.semarangkota.go.id'));
    expect(res.data!.viewer).toEqual({ authenticated: true, role: 'ADMIN', user: { email: 'admin@disperin.semarangkota.go.id' } });
  });

  it.each([
    ['a malformed header', 'Token abc'],
    ['an unknown token', 'Bearer tb_user_doesnotexist'],
    ['an unknown kind of secret', 'Bearer hunter2'],
  ])('rejects %s with 401 UNAUTHENTICATED', async (_label, authorization) => {
    const res = await api.gql(`{ viewer { authenticated } }`, {}, { authorization });
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('API keys', () => {
  it('a partner member creates a key, shown once and stored only as a hash, that authenticates as the partner', async () => {
    const headers = await api.as(bank.memberEmail);
    const res = await api.gql(
      createKey,
      { input: { partnerId: globalId('Partner', bank.id), name: 'Loan origination', scopes: ['LEADS_READ', 'LEADS_WRITE'], expiresAt: inAMonth() } },
      headers,
    );
    const { secret, apiKey, userErrors } = res.data!.apiKeyCreate;
    expect(userErrors).toEqual([]);
    expect(secret).toMatch(/^tb_key_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    expect(apiKey.scopes).toEqual(['LEADS_READ', 'LEADS_WRITE']);

    const stored = await api.db.prisma.apiKey.findFirstOrThrow({ where: { prefix: apiKey.prefix } });
    expect(stored.hash).not.toContain(secret.slice(7));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const asKey = await api.gql(`{ viewer { authenticated role apiKeyScopes partner { id } } }`, {}, { authorization: `Bearer ${secret}` });
    expect(asKey.data!.viewer).toEqual({
      authenticated: true,
      role: null,
      apiKeyScopes: ['LEADS_READ', 'LEADS_WRITE'],
      partner: { id: globalId('Partner', bank.id) },
    });

    const listed = await api.gql(
      `query($p: ID!) { apiKeys(partnerId: $p) { nodes { prefix name lastUsedAt } } }`,
      { p: globalId('Partner', bank.id) },
      headers,
    );
    expect(JSON.stringify(listed.data)).not.toContain(secret);
    expect(listed.data!.apiKeys.nodes).toContainEqual(expect.objectContaining({ prefix: apiKey.prefix }));
  });

  it('a key stops working the moment it is revoked', async () => {
    const headers = await api.as(bank.memberEmail);
    const created = await api.gql(
      createKey,
      { input: { partnerId: globalId('Partner', bank.id), name: 'Short-lived', scopes: ['LEADS_READ'], expiresAt: inAMonth() } },
      headers,
    );
    const { secret, apiKey } = created.data!.apiKeyCreate;
    expect((await api.gql(`{ viewer { authenticated } }`, {}, { authorization: `Bearer ${secret}` })).status).toBe(200);
    const revoked = await api.gql(
      `mutation($id: ID!) { apiKeyRevoke(input: { id: $id }) { apiKey { revokedAt } userErrors { code } } }`,
      { id: apiKey.id },
      headers,
    );
    expect(revoked.data!.apiKeyRevoke.apiKey.revokedAt).not.toBeNull();
    const after = await api.gql(`{ viewer { authenticated } }`, {}, { authorization: `Bearer ${secret}` });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('a request with a key is authenticated in one statement, and its last use is written once a minute', async () => {
    const created = await api.gql(
      createKey,
      { input: { partnerId: globalId('Partner', bank.id), name: 'Poller', scopes: ['LEADS_READ'], expiresAt: inAMonth() } },
      await api.as(bank.memberEmail),
    );
    const { secret, apiKey } = created.data!.apiKeyCreate;
    const asKey = { authorization: `Bearer ${secret}` };
    const lastUsed = async () => (await api.db.prisma.apiKey.findUniqueOrThrow({ where: { prefix: apiKey.prefix } })).lastUsedAt;
    const until = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await done()); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    };

    // Never used: the first request writes the time, beside the request.
    expect(await lastUsed()).toBeNull();
    await api.gql(`{ viewer { authenticated } }`, {}, asKey);
    await until(async () => (await lastUsed()) !== null);
    const first = await lastUsed();
    expect(first).not.toBeNull();

    // Used a moment ago: the key and its partner are one statement, and nothing is written.
    const statements = await api.statementsDuring(() => api.gql(`{ viewer { authenticated apiKeyScopes } }`, {}, asKey));
    expect(statements).toBe(1);
    expect(await lastUsed()).toEqual(first);

    // Last used over a minute ago: written again.
    const longAgo = new Date(Date.now() - 61_000);
    await api.db.prisma.apiKey.update({ where: { prefix: apiKey.prefix }, data: { lastUsedAt: longAgo } });
    await api.gql(`{ viewer { authenticated } }`, {}, asKey);
    await until(async () => (await lastUsed())!.getTime() !== longAgo.getTime());
    expect((await lastUsed())!.getTime()).toBeGreaterThan(longAgo.getTime() + 60_000);
  });

  it('a sign-in token is one statement with its person, memberships and partner', async () => {
    const headers = await api.as(bank.memberEmail);
    const statements = await api.statementsDuring(async () => {
      const res = await api.gql(`{ viewer { authenticated role apiKeyScopes } }`, {}, headers);
      expect(res.data!.viewer).toEqual({ authenticated: true, role: 'PARTNER', apiKeyScopes: null });
    });
    expect(statements).toBe(1);
  });

  it('an expired key is refused', async () => {
    const headers = await api.as(bank.memberEmail);
    const created = await api.gql(
      createKey,
      { input: { partnerId: globalId('Partner', bank.id), name: 'Expiring', scopes: ['LEADS_READ'], expiresAt: inAMonth() } },
      headers,
    );
    const { secret, apiKey } = created.data!.apiKeyCreate;
    await api.db.prisma.apiKey.update({ where: { prefix: apiKey.prefix }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api.gql(`{ viewer { authenticated } }`, {}, { authorization: `Bearer ${secret}` })).status).toBe(401);
  });

  it.each([
    ['no scopes', { scopes: [] }, 'REQUIRED', ['input', 'scopes']],
    ['an expiry in the past', { expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'INVALID_VALUE', ['input', 'expiresAt']],
    ['an expiry beyond a year', { expiresAt: new Date(Date.now() + 400 * 86_400_000).toISOString() }, 'INVALID_VALUE', ['input', 'expiresAt']],
    ['an empty name', { name: ' ' }, 'REQUIRED', ['input', 'name']],
  ])('rejects %s and creates nothing', async (_label, change, code, field) => {
    const before = await api.db.prisma.apiKey.count();
    const res = await api.gql(
      createKey,
      { input: { partnerId: globalId('Partner', bank.id), name: 'x', scopes: ['LEADS_READ'], expiresAt: inAMonth(), ...change } },
      await api.as(bank.memberEmail),
    );
    expect(res.data!.apiKeyCreate.secret).toBeNull();
    expect(res.data!.apiKeyCreate.userErrors).toContainEqual(expect.objectContaining({ code, field }));
    expect(await api.db.prisma.apiKey.count()).toBe(before);
  });

  it("another partner's member, an API key and an anonymous caller cannot create keys for the bank", async () => {
    const input = { partnerId: globalId('Partner', bank.id), name: 'Intruder', scopes: ['LEADS_READ'], expiresAt: inAMonth() };
    // The partner is public: a caller who is not its signed-in member lacks a right (FORBIDDEN naming it).
    const refused = { code: 'FORBIDDEN', requiredScope: 'partnerPerson' };
    const other = await api.gql(createKey, { input }, await api.as(otherPartnerMemberEmail));
    expect(other.data?.apiKeyCreate ?? null).toBeNull();
    expect(other.errors?.[0]?.extensions).toEqual(refused);

    const own = await api.gql(createKey, { input: { ...input, name: 'Key' } }, await api.as(bank.memberEmail));
    const asKey = await api.gql(createKey, { input }, { authorization: `Bearer ${own.data!.apiKeyCreate.secret}` });
    expect(asKey.errors?.[0]?.extensions).toEqual(refused);

    const anonymous = await api.gql(createKey, { input });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('audit trail', () => {
  it("records a partner's mutations (names of input fields, never values) and only staff can read it", async () => {
    const headers = await api.as(bank.memberEmail);
    await api.gql(
      createKey,
      { input: { partnerId: globalId('Partner', bank.id), name: 'Audited', scopes: ['LEADS_READ'], expiresAt: inAMonth() } },
      headers,
    );
    const query = `query($p: ID!) { auditRecords(first: 5, filter: { partnerId: $p, action: "apiKeyCreate" }) {
      nodes { action fields partnerId actorUserId } } }`;
    const staff = await api.gql(query, { p: globalId('Partner', bank.id) }, await api.as('petugas.ikm@disperin.semarangkota.go.id'));
    const latest = staff.data!.auditRecords.nodes[0];
    expect(latest).toMatchObject({ action: 'apiKeyCreate', partnerId: bank.id });
    expect(latest.fields).toEqual(['expiresAt', 'name', 'partnerId', 'scopes']);
    expect(latest.actorUserId).not.toBeNull();

    const notStaff = await api.gql(query, { p: globalId('Partner', bank.id) }, headers);
    expect(notStaff.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

const STAFF = 'petugas.ikm@disperin.semarangkota.go.id';
const LEADS = `{ financingLeads(first: 100) { nodes { id review { id } } } }`;
const MOVE = `mutation($input: LeadStatusUpdateInput!) { leadStatusUpdate(input: $input) { review { id status } userErrors { code } } }`;
const NOTE = `mutation($input: LeadNoteAddInput!) { leadNoteAdd(input: $input) { review { id notes { nodes { body } } } userErrors { code } } }`;
const REVIEW = `query($id: ID!) { node(id: $id) { id ... on LeadReview { status notes { nodes { body } } } } }`;
const LEAD_REVIEW = `query($id: ID!) { node(id: $id) { ... on FinancingLead { status review { id notes { nodes { body } } } } } }`;

/** A person of the partner and, for a funder, a lead in its pipeline with a note. */
async function funderWithReview(slug: string) {
  const membership = await api.db.prisma.organisationMembership.findFirstOrThrow({
    where: { partner: { slug } },
    include: { user: true },
    orderBy: { id: 'asc' },
  });
  const headers = await api.as(membership.user.email);
  // A lead the funder has not acted on yet (the seed's pipeline has notes and moves of its own).
  const leads: { id: string; review: unknown }[] = (await api.gql(LEADS, {}, headers)).data!.financingLeads.nodes;
  const leadId = leads.find((lead) => lead.review === null)!.id;
  const noted = await api.gql(NOTE, { input: { leadId, body: 'Catatan internal: agunan kurang.' } }, headers);
  expect(noted.data!.leadNoteAdd.userErrors).toEqual([]);
  return { partnerId: membership.partnerId!, userId: membership.userId, headers, leadId, reviewId: noted.data!.leadNoteAdd.review.id as string };
}

/** An API key written straight into the database, e.g. one minted before the rules below. */
async function storedKey(partnerId: string, scopes: string[], createdById: string | null) {
  const { API_KEY_PREFIX, hashSecret, newSecret, visiblePrefix } = await import('@temu-bisnis/schema/auth/secrets');
  const secret = newSecret(API_KEY_PREFIX);
  await api.db.prisma.apiKey.create({
    data: { partnerId, name: 'stored key', prefix: visiblePrefix(secret), hash: hashSecret(secret), scopes, createdById },
  });
  return { authorization: `Bearer ${secret}` };
}

/** The status changes of a lead review, by its global id. */
async function historyOf(reviewGlobalId: string): Promise<string[]> {
  const changes = await api.db.prisma.leadStatusChange.findMany({
    where: { reviewId: decodedGlobalId(reviewGlobalId)?.id ?? '' },
    orderBy: { id: 'asc' },
    select: { id: true, toStatus: true },
  });
  return changes.map((c) => `${c.id} ${c.toStatus}`);
}

describe('an archived partner', () => {
  it("its members' sign-in tokens stop acting for it, like its API keys", async () => {
    const jateng = await funderWithReview('bank-jateng-kur-mitra');
    const key = await storedKey(jateng.partnerId, ['leads:read', 'leads:write'], jateng.userId);
    const viewer = `{ viewer { authenticated partner { id } } }`;
    expect((await api.gql(viewer, {}, jateng.headers)).data!.viewer.partner).toEqual({ id: globalId('Partner', jateng.partnerId) });
    expect((await api.gql(REVIEW, { id: jateng.reviewId }, jateng.headers)).data!.node).not.toBeNull();

    const archived = await api.gql(
      `mutation($id: ID!) { partnerArchive(input: { id: $id }) { partner { status } userErrors { code } } }`,
      { id: globalId('Partner', jateng.partnerId) },
      await api.as(STAFF),
    );
    expect(archived.data!.partnerArchive).toEqual({ partner: { status: 'ARCHIVED' }, userErrors: [] });
    const historyBefore = await historyOf(jateng.reviewId);

    // The same token, a moment later: still the person, no longer the partner.
    const after = {
      viewer: (await api.gql(viewer, {}, jateng.headers)).data!.viewer,
      leads: (await api.gql(LEADS, {}, jateng.headers)).errors?.[0]?.extensions?.code,
      review: (await api.gql(REVIEW, { id: jateng.reviewId }, jateng.headers)).data!.node,
      move: (await api.gql(MOVE, { input: { leadId: jateng.leadId, status: 'CONTACTED' } }, jateng.headers)).errors?.[0]?.extensions?.code,
      keyCreate: (
        await api.gql(
          createKey,
          { input: { partnerId: globalId('Partner', jateng.partnerId), name: 'After archive', scopes: ['LEADS_READ'], expiresAt: inAMonth() } },
          jateng.headers,
        )
      ).errors?.[0]?.extensions?.code,
      apiKey: (await api.gql(viewer, {}, key)).status,
    };
    console.log(`archived partner, same member token: ${JSON.stringify(after)}`);
    expect(after).toEqual({
      viewer: { authenticated: true, partner: null },
      leads: 'FORBIDDEN',
      review: null,
      move: 'FORBIDDEN',
      keyCreate: 'FORBIDDEN',
      apiKey: 401,
    });
    // The refused move wrote nothing (the lead may already have a history of its own from the seed).
    expect(await historyOf(jateng.reviewId)).toEqual(historyBefore);
  });
});

describe("staff and a funder's lead credentials", () => {
  it("staff cannot mint a funder's API key, nor read its pipeline or notes by any path", async () => {
    const bri = await funderWithReview('bri-unit-peterongan-kur');
    const staff = await api.as(STAFF);
    const staffUser = await api.db.prisma.user.findUniqueOrThrow({ where: { email: STAFF } });
    const before = await api.db.prisma.apiKey.count({ where: { partnerId: bri.partnerId } });
    const minted = await api.gql(
      createKey,
      { input: { partnerId: globalId('Partner', bri.partnerId), name: 'Staff', scopes: ['LEADS_READ', 'LEADS_WRITE'], expiresAt: inAMonth() } },
      staff,
    );
    expect(minted.data?.apiKeyCreate ?? null).toBeNull();
    expect(minted.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScope: 'partnerPerson' });
    expect(await api.db.prisma.apiKey.count({ where: { partnerId: bri.partnerId } })).toBe(before);

    // A key staff minted before this rule keeps its other scopes but never a lead scope.
    const staffKey = await storedKey(bri.partnerId, ['leads:read', 'leads:write', 'opportunities:read'], staffUser.id);
    const paths = async (headers: Record<string, string>) => ({
      leads: (await api.gql(LEADS, {}, headers)).errors?.[0]?.extensions?.code ?? 'data',
      reviewNode: (await api.gql(REVIEW, { id: bri.reviewId }, headers)).data?.node ?? null,
      reviewNodes: (await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [bri.reviewId] }, headers)).data?.nodes,
      leadReview: (await api.gql(LEAD_REVIEW, { id: bri.leadId }, headers)).data?.node ?? null,
      note: (await api.gql(NOTE, { input: { leadId: bri.leadId, body: 'x' } }, headers)).errors?.[0]?.extensions?.code,
      move: (await api.gql(MOVE, { input: { leadId: bri.leadId, status: 'CONTACTED' } }, headers)).errors?.[0]?.extensions?.code,
    });
    const denied = { leads: 'FORBIDDEN', reviewNode: null, reviewNodes: [null], leadReview: null, note: 'FORBIDDEN', move: 'FORBIDDEN' };
    const byStaff = await paths(staff);
    const byStaffKey = await paths(staffKey);
    console.log(`staff token: ${JSON.stringify(byStaff)}\nstaff-minted key: ${JSON.stringify(byStaffKey)}`);
    expect(byStaff).toEqual(denied);
    expect(byStaffKey).toEqual(denied);
    expect((await api.gql(`{ viewer { apiKeyScopes } }`, {}, staffKey)).data!.viewer.apiKeyScopes).toEqual(['OPPORTUNITIES_READ']);

    // The funder's own member still sees its review and note; nothing above changed them.
    const own = await api.gql(REVIEW, { id: bri.reviewId }, bri.headers);
    expect(own.data!.node.notes.nodes).toEqual([{ body: 'Catatan internal: agunan kurang.' }]);
  });

  it("a key's lead scopes work only while its creator belongs to the funder", async () => {
    const person = await api.db.prisma.user.create({
      data: { email: 'analis.sementara@bri.example', name: 'Analis Sementara', role: 'PARTNER', memberships: { create: [{ partnerId: bank.id }] } },
    });
    const key = await storedKey(bank.id, ['leads:read'], person.id);
    expect((await api.gql(LEADS, {}, key)).errors).toBeUndefined();
    await api.db.prisma.organisationMembership.deleteMany({ where: { userId: person.id } });
    expect((await api.gql(LEADS, {}, key)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('a cap on API keys', () => {
  it('a partner has at most 10 working keys; the 11th is LIMIT_REACHED until one is revoked', async () => {
    const partner = await api.db.prisma.partner.findUniqueOrThrow({ where: { slug: 'swalayan-sinar-jaya' } });
    const headers = await api.as(otherPartnerMemberEmail);
    const input = (name: string) => ({ input: { partnerId: globalId('Partner', partner.id), name, scopes: ['OPPORTUNITIES_READ'], expiresAt: inAMonth() } });
    const stored = () => api.db.prisma.apiKey.count({ where: { partnerId: partner.id } });
    // An expired key does not count against the cap.
    await storedKey(partner.id, ['opportunities:read'], null);
    await api.db.prisma.apiKey.updateMany({ where: { partnerId: partner.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const ids: string[] = [];
    for (let i = 1; i <= 10; i += 1) {
      const res = await api.gql(createKey, input(`Kasir ${i}`), headers);
      expect(res.data!.apiKeyCreate.userErrors).toEqual([]);
      ids.push(res.data!.apiKeyCreate.apiKey.id);
    }
    const before = await stored();
    const eleventh = await api.gql(createKey, input('Kasir 11'), headers);
    console.log(`key cap: 11th key → ${JSON.stringify(eleventh.data!.apiKeyCreate.userErrors)}`);
    expect(eleventh.data!.apiKeyCreate).toEqual({
      secret: null,
      apiKey: null,
      userErrors: [
        { code: 'LIMIT_REACHED', field: ['input', 'partnerId'], message: 'This partner already has 10 working API keys; revoke one first.' },
      ],
    });
    expect(await stored()).toBe(before);
    await api.gql(`mutation($id: ID!) { apiKeyRevoke(input: { id: $id }) { userErrors { code } } }`, { id: ids[0] }, headers);
    expect((await api.gql(createKey, input('Kasir 11'), headers)).data!.apiKeyCreate.userErrors).toEqual([]);
  });
});
