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
    const other = await api.gql(createKey, { input }, await api.as(otherPartnerMemberEmail));
    expect(other.data!.apiKeyCreate.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);

    const own = await api.gql(createKey, { input: { ...input, name: 'Key' } }, await api.as(bank.memberEmail));
    const asKey = await api.gql(createKey, { input }, { authorization: `Bearer ${own.data!.apiKeyCreate.secret}` });
    expect(asKey.data!.apiKeyCreate.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);

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
