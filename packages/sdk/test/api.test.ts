import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/test/support/server';
import {
  type ApiScope,
  AuthenticationError,
  FinancingLeadsDocument,
  ForbiddenError,
  operationsByDocument,
  RateLimitedError,
  TemuBisnisClient,
  type TemuBisnisClientOptions,
  ValidationError,
} from '../src/index';

/**
 * The SDK against the real API (graphql-yoga over HTTP, seeded database): every operation passes
 * the server's validation and limits, every namespace works for the partner it is meant for, and
 * the API's real refusals arrive as the SDK's error classes.
 */

let api: TestServer;
let endpoint: string;
let bankKey: string;
let distributorKey: string;
let bankToken: string;
let buyerToken: string;
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

/** A pass-through fetch that records what the SDK sends (the request still goes to the server). */
function recordingFetch() {
  const calls: { headers: Headers; body: { query?: string; operationName?: string; extensions?: any } }[] = [];
  const fetchAndRecord: typeof fetch = (input, init) => {
    calls.push({ headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) });
    return fetch(input, init);
  };
  return { calls, fetch: fetchAndRecord };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** A sign-in token of a member of the partner with this slug. */
async function tokenOf(slug: string, server: TestServer = api): Promise<string> {
  const member = await server.db.prisma.organisationMembership.findFirstOrThrow({
    where: { partner: { slug } },
    include: { user: true },
    orderBy: { id: 'asc' },
  });
  return (await server.as(member.user.email)).authorization!.replace(/^Bearer /, '');
}

/** A sign-in token of a Disperin officer. */
async function staffToken(): Promise<string> {
  const officer = await api.db.prisma.user.findFirstOrThrow({ where: { role: 'OFFICER' }, orderBy: { email: 'asc' } });
  return (await api.as(officer.email)).authorization!.replace(/^Bearer /, '');
}

/** A partner's member signs in and creates an API key for the partner's program, through the SDK. */
async function apiKeyFor(
  slug: string,
  scopes: ApiScope[],
  server: TestServer = api,
) {
  const member = new TemuBisnisClient({ endpoint: `${server.url}/graphql`, token: await tokenOf(slug, server) });
  const { partner } = await member.viewer();
  const { secret } = await member.apiKeys.create({ partnerId: partner!.id, name: `SDK test ${slug}`, scopes, expiresAt: inAMonth() });
  return secret;
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  endpoint = `${api.url}/graphql`;
  bankToken = await tokenOf('bri-unit-peterongan-kur');
  buyerToken = await tokenOf('swalayan-sinar-jaya');
  bankKey = await apiKeyFor('bri-unit-peterongan-kur', ['LEADS_READ', 'LEADS_WRITE']);
  distributorKey = await apiKeyFor('distribusi-pangan-jateng', ['OPPORTUNITIES_READ', 'OPPORTUNITIES_WRITE']);
});
afterAll(() => api.close());

const client = (options: Partial<TemuBisnisClientOptions> = {}) => new TemuBisnisClient({ endpoint, ...options });

describe('the operations against the server', () => {
  it("every SDK operation passes the server's validation and document limits (depth, tokens, aliases)", async () => {
    const refused: string[] = [];
    for (const [document, info] of operationsByDocument) {
      const res = await api.gql(document, {}, { authorization: `Bearer ${bankToken}` });
      const validation = (res.errors ?? []).filter((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
      if (validation.length > 0) refused.push(`${info.name}: ${validation.map((e) => e.message).join('; ')}`);
    }
    expect(refused).toEqual([]);
    expect(operationsByDocument.size).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ['a bank API key', () => client({ apiKey: bankKey })],
    ['no credential (the smaller cost budget)', () => client()],
  ])('every list pages through to its end at the default page size, with %s', async (_who, make) => {
    const anonymous = _who.startsWith('no credential');
    const bank = make();
    const counts: Record<string, number> = {};
    const count = async (name: string, items: AsyncIterable<unknown>) => {
      counts[name] = 0;
      for await (const _ of items) counts[name] += 1;
    };
    await count('regencies', bank.regencies.iterate());
    await count('districts', bank.districts.iterate());
    await count('sentra', bank.sentra.iterate());
    await count('enterprises', bank.enterprises.iterate());
    await count('partners', bank.partners.iterate());
    await count('opportunities', bank.opportunities.iterate());
    if (!anonymous) await count('financingLeads', bank.financingLeads.iterate());
    expect(counts.regencies).toBe(35);
    expect(counts.districts).toBe(576);
    expect(counts.sentra).toBe(20);
    expect(counts.enterprises).toBe((await bank.enterprises.list({ first: 1 })).totalCount);
    expect(counts.enterprises).toBeGreaterThan(300);
    expect(counts.partners).toBe((await bank.partners.list({ first: 1 })).totalCount);
    expect(counts.opportunities).toBe((await bank.opportunities.list({ first: 1 })).totalCount);
    if (!anonymous) expect(counts.financingLeads).toBe((await bank.financingLeads.list({ first: 1 })).totalCount);
  });
});

describe('pagination', () => {
  it('iterates the 20 sentra in pages of 6: four requests, every sentra once, in order', async () => {
    const recorder = recordingFetch();
    const sdk = client({ fetch: recorder.fetch });
    const ids: string[] = [];
    for await (const sentra of sdk.sentra.iterate({ pageSize: 6 })) ids.push(sentra.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(recorder.calls).toHaveLength(4);
    const all = await sdk.sentra.list({ first: 100 });
    expect(all.totalCount).toBe(20);
    expect(ids).toEqual(all.nodes.map((s) => s.id));
  });

  it('stops fetching when the caller breaks out of the loop', async () => {
    const recorder = recordingFetch();
    let seen = 0;
    for await (const _ of client({ fetch: recorder.fetch }).sentra.iterate({ pageSize: 6 })) {
      if (++seen === 7) break;
    }
    expect(recorder.calls).toHaveLength(2);
  });

  it('keeps a page size the caller chose: over the anonymous cost budget, the refusal reaches the caller', async () => {
    const recorder = recordingFetch();
    const iterator = client({ fetch: recorder.fetch }).enterprises.iterate({ pageSize: 100 });
    await expect(iterator.next()).rejects.toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', errors: [{ extensions: { limit: 'costLimit' } }] });
    expect(recorder.calls).toHaveLength(1);
  });

  it('refuses a page size the API would refuse, before sending anything', async () => {
    const iterator = client().sentra.iterate({ pageSize: 101 });
    await expect(iterator.next()).rejects.toBeInstanceOf(RangeError);
  });
});

describe('namespaces', () => {
  it('directory: districts, sentra, enterprises and partners, by list and by key', async () => {
    const sdk = client();
    const districts = await sdk.districts.list({ first: 100, filter: { regencyCodes: ['33.74'] } });
    expect(districts.totalCount).toBe(16);
    expect((await sdk.districts.list({ first: 1 })).totalCount).toBe(576);
    expect((await sdk.districts.getByCode('33.74.12'))?.name).toBe('Gunungpati');
    expect(await sdk.regencies.getByCode('33.21')).toMatchObject({ name: 'Kabupaten Demak', kind: 'KABUPATEN' });
    expect((await sdk.regencies.list({ filter: { search: 'semarang' } })).nodes.map((r) => r.code)).toEqual(['33.22', '33.74']);

    const malon = await sdk.sentra.getBySlug('kampung-batik-malon');
    expect(malon?.district.name).toBe('Gunungpati');
    expect((await sdk.sentra.get(malon!.id))?.slug).toBe('kampung-batik-malon');
    // An ID of another type reads as not found.
    expect(await sdk.sentra.get(districts.nodes[0]!.id)).toBeNull();

    const members = await sdk.enterprises.list({ first: 5, filter: { sentraSlug: 'kampung-batik-malon' } });
    expect(members.nodes.length).toBeGreaterThan(0);
    expect(members.nodes.every((e) => e.sentra?.slug === 'kampung-batik-malon')).toBe(true);
    const first = members.nodes[0]!;
    const profile = await sdk.enterprises.get(first.id);
    expect(profile).toMatchObject({ id: first.id, nib: first.nib });
    expect(profile!.annualTurnover).toBeNull(); // private to staff and members
    expect((await sdk.enterprises.getByNib(first.nib))?.id).toBe(first.id);

    const bri = await sdk.partners.getBySlug('bri-unit-peterongan-kur');
    expect(bri).toMatchObject({ kind: 'FUNDER', funderType: 'BANK' });
    expect((await sdk.partners.get(bri!.id))?.slug).toBe('bri-unit-peterongan-kur');
    const funders = await sdk.partners.list({ filter: { kind: 'FUNDER' } });
    expect(funders.nodes.every((p) => p.kind === 'FUNDER')).toBe(true);
  });

  it('viewer: an API key acts for its partner with its scopes', async () => {
    const viewer = await client({ apiKey: bankKey }).viewer();
    expect(viewer).toMatchObject({ authenticated: true, role: null, apiKeyScopes: ['LEADS_READ', 'LEADS_WRITE'] });
    expect(viewer.partner?.slug).toBe('bri-unit-peterongan-kur');
  });

  it('recommendations: a distributor program pages through its recommended IKM; every score is the sum of its reasons', async () => {
    const sdk = client({ apiKey: distributorKey });
    const { partner } = await sdk.viewer();
    const first = await sdk.recommendations.enterprisesForPartner(partner!.id, { first: 5 });
    expect(first.nodes.length).toBeGreaterThan(0);
    for (const match of first.nodes) {
      expect(match.components.reduce((sum, c) => sum + c.points, 0)).toBe(match.score);
      expect(match.components.every((c) => c.reason.length > 0)).toBe(true);
    }
    expect(first.nodes.map((m) => m.score)).toEqual([...first.nodes.map((m) => m.score)].sort((a, b) => b - a));
    const seen: string[] = [];
    for await (const match of sdk.recommendations.iterateEnterprisesForPartner(partner!.id, { pageSize: 4 })) {
      seen.push(match.enterprise.id);
      if (seen.length === 12) break;
    }
    expect(new Set(seen).size).toBe(12);
    expect(seen.slice(0, 5)).toEqual(first.nodes.map((m) => m.enterprise.id));
  });

  it('opportunities: a distributor program posts, updates and closes an offer', async () => {
    const distributor = client({ apiKey: distributorKey });
    const open = await distributor.opportunities.list({ filter: { openOnly: true, sector: 'FOOD_BEVERAGE' } });
    expect(open.nodes.every((o) => o.sector === 'FOOD_BEVERAGE' && o.status === 'OPEN')).toBe(true);

    const posted = await distributor.opportunities.post(
      {
        kind: 'DISTRIBUTION_OFFER',
        title: 'Distribusi makanan ringan ke minimarket Jawa Tengah',
        sector: 'FOOD_BEVERAGE',
        productCategory: 'makanan-ringan',
        quantity: 5000,
        unit: 'pak',
        validUntil: inAMonth(),
      },
      { idempotencyKey: crypto.randomUUID() },
    );
    expect(posted).toMatchObject({ kind: 'DISTRIBUTION_OFFER', status: 'OPEN', partner: { slug: 'distribusi-pangan-jateng' } });
    expect((await distributor.opportunities.get(posted.id))?.title).toBe(posted.title);
    const updated = await distributor.opportunities.update({ id: posted.id, quantity: 8000 });
    expect(updated.quantity).toBe(8000);
    const closed = await distributor.opportunities.close({ id: posted.id, reason: 'FULFILLED' });
    expect(closed.status).toBe('FULFILLED');
  });

  it('partners: a distributor program updates what its organisation offers; a bad value changes nothing', async () => {
    const sdk = client({ apiKey: await apiKeyFor('distribusi-pangan-jateng', ['PARTNER_PROFILE_WRITE']) });
    const { partner } = await sdk.viewer();
    const offers = 'Distribusi ke 2.500 toko se-Jawa Tengah; uji pasar 2 bulan untuk produk IKM baru.';
    expect((await sdk.partners.update({ id: partner!.id, offers })).offers).toBe(offers);
    const invalid = (await failure(sdk.partners.update({ id: partner!.id, website: 'not a web site' }))) as ValidationError;
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid.userErrors[0]?.field).toEqual(['input', 'website']);
    expect((await sdk.partners.get(partner!.id))?.website).toBe('https://distribusi-pangan-jateng.example');
  });

  it('financing leads: a bank program reads its leads, moves one through its pipeline and notes it', async () => {
    const bank = client({ apiKey: bankKey });
    const consented = await bank.financingLeads.list({ filter: { consentScope: 'FINANCIALS', status: 'NEW' } });
    expect(consented.totalCount).toBeGreaterThan(0);
    const lead = consented.nodes[0]!;
    expect(lead.enterprise).not.toBeNull();
    expect(lead.readiness?.verdict).toBeDefined();

    const detail = await bank.financingLeads.get(lead.id);
    expect(detail?.readiness?.rules.length).toBeGreaterThan(0);
    expect(detail?.readiness?.rules.every((r) => r.reason.length > 0)).toBe(true);

    const contacted = await bank.financingLeads.updateStatus({ leadId: lead.id, status: 'CONTACTED', note: 'Ditelepon lewat SDK' });
    expect(contacted.status).toBe('CONTACTED');
    expect(contacted.history.at(-1)).toMatchObject({ fromStatus: 'NEW', toStatus: 'CONTACTED' });
    const noted = await bank.financingLeads.addNote({ leadId: lead.id, body: 'Kunjungan usaha minggu depan.' });
    expect(noted.notes.nodes[0]?.body).toBe('Kunjungan usaha minggu depan.'); // newest first

    const anonymised = (await bank.financingLeads.list({ first: 100 })).nodes.find((l) => l.consentScopes.length === 0);
    expect(anonymised?.enterprise).toBeNull();
    const asked = await bank.financingLeads.requestConsent({ leadId: anonymised!.id });
    expect(asked.id).toBe(anonymised!.id);
    const again = await failure(bank.financingLeads.requestConsent({ leadId: anonymised!.id }));
    expect(again).toBeInstanceOf(ValidationError);
    expect((again as ValidationError).userErrors[0]?.code).toBe('ALREADY_REQUESTED');
  });

  it('the raw escape hatch runs an exported typed document with the typed variables and result', async () => {
    const data = await client({ apiKey: bankKey }).request(FinancingLeadsDocument, { first: 3, orderBy: [{ field: 'AMOUNT', direction: 'DESC' }] });
    const amounts = data.financingLeads.nodes.map((l) => l.need?.amount).filter((a): a is string => a !== undefined && a !== null);
    expect(data.financingLeads.nodes).toHaveLength(3);
    expect(data.financingLeads.totalCount).toBeGreaterThan(3);
    expect(amounts.every((a) => /^\d+$/.test(a))).toBe(true);
  });

  it("the SDK's request id reaches the enterprise's data access audit trail", async () => {
    const recorder = recordingFetch();
    const bank = client({ apiKey: bankKey, fetch: recorder.fetch });
    const [lead] = (await bank.financingLeads.list({ first: 1, filter: { consentScope: 'FINANCIALS' } })).nodes;
    await bank.financingLeads.get(lead!.id);
    const sent = recorder.calls.at(-1)!.headers.get('x-request-id');
    expect(sent).toMatch(/^[0-9a-f-]{36}$/);
    expect(await api.db.prisma.auditRecord.count({ where: { requestId: sent } })).toBeGreaterThan(0);
  });

  it('sessions: forums and participants; a partner program registers, requests a meeting, staff accept it, the requester cancels', async () => {
    const visitor = client();
    const forums = await visitor.sessions.list();
    expect(forums.totalCount).toBeGreaterThanOrEqual(2);
    const open = await visitor.sessions.getBySlug('temu-bisnis-ikm-semarang-2027');
    expect(open).toMatchObject({ status: 'REGISTRATION_OPEN', registrationIsOpen: true, myParticipants: [] });
    expect((await visitor.sessions.get(open!.id))?.slug).toBe(open!.slug);
    let participants = 0;
    for await (const _ of visitor.sessions.iterateParticipants(open!.id, { pageSize: 7 })) participants += 1;
    expect(participants).toBe((await visitor.sessions.participants(open!.id, { first: 1 })).totalCount);
    const notAForum = (await failure(visitor.sessions.participants(open!.district!.id))) as ValidationError;
    expect(notAForum).toBeInstanceOf(ValidationError);
    expect(notAForum.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['forumId'] });

    const program = client({ apiKey: await apiKeyFor('distribusi-pangan-jateng', ['SESSIONS_WRITE']) });
    const { partner } = await program.viewer();
    const registration = { forumId: open!.id, partnerId: partner!.id, attendees: ['Yanto Nugroho'], meetingCap: 4 };
    const me = await program.sessions.register(registration);
    expect(me).toMatchObject({ side: 'PARTNER', isMine: true, meetingCap: 4, attendees: ['Yanto Nugroho'] });
    await expect(program.sessions.register(registration)).rejects.toBeInstanceOf(ValidationError);
    expect((await program.sessions.updateRegistration({ id: me.id, meetingCap: 5 })).meetingCap).toBe(5);

    const [ikm] = (await program.sessions.participants(open!.id, { side: 'ENTERPRISE', first: 1 })).nodes;
    const request = await program.sessions.requestMeeting({ toParticipantId: ikm!.id, priority: 4, message: 'Kami ingin bertemu.' });
    expect(request).toMatchObject({ status: 'PENDING', priority: 4, requester: { id: me.id }, recipient: { id: ikm!.id } });

    const staff = client({ token: await staffToken() });
    const accepted = await staff.sessions.acceptMeetingRequest({ id: request.id });
    expect(accepted.request.status).toBe('ACCEPTED');
    const meetings: string[] = [];
    for await (const m of program.sessions.iterateMeetings(open!.id)) meetings.push(m.id);
    if (accepted.meeting) expect(meetings).toContain(accepted.meeting.id);
    expect((await program.sessions.cancelMeetingRequest(request.id)).status).toBe('CANCELLED');
    const declineCancelled = (await failure(staff.sessions.declineMeetingRequest(request.id))) as ValidationError;
    expect(declineCancelled).toBeInstanceOf(ValidationError);
  });

  it("reports: staff read a year's funnel by forum and by sector, typed, as the API answers it; a partner is refused", async () => {
    const forum = await api.db.prisma.matchmakingSession.findFirstOrThrow({ where: { status: 'COMPLETED' }, orderBy: { date: 'asc' } });
    const year = forum.date.getUTCFullYear();
    const staff = client({ token: await staffToken() });
    const byForum = await staff.reports.funnel({ dimension: 'FORUM', year });
    expect(byForum).toMatchObject({ dimension: 'FORUM', year });
    expect(byForum.rows.map((r) => r.key)).toContain(forum.id);
    // The same numbers as the API's own answer, and each IKM of the year's forums once in the total.
    const raw = await api.gql(`query($y: Int!) { funnelReport(dimension: FORUM, year: $y) { total { participants { value } meetingsHeld { value } dealValue { value } } } }`, { y: year }, { authorization: `Bearer ${await staffToken()}` });
    expect(byForum.total).toMatchObject(raw.data!.funnelReport.total);
    const ikm = await api.db.prisma.forumParticipant.findMany({
      where: { enterpriseId: { not: null }, session: { date: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) }, status: { not: 'CANCELLED' } } },
      distinct: ['enterpriseId'],
    });
    expect(byForum.total.participants).toEqual(ikm.length >= 5 ? { value: ikm.length, suppressed: false } : { value: null, suppressed: true });
    const bySector = await staff.reports.funnel({ dimension: 'SECTOR', year });
    expect(bySector.total.participants).toEqual(byForum.total.participants);
    for (const row of bySector.rows) if (row.dealValue.value !== null) expect(row.dealValue.value).toMatch(/^\d+$/);
    expect(await failure(client({ token: bankToken }).reports.funnel({ dimension: 'FORUM', year }))).toBeInstanceOf(ForbiddenError);
  });

  it('API keys: a member lists and revokes the keys of the partner; a revoked key is refused', async () => {
    const member = client({ token: bankToken });
    const { partner } = await member.viewer();
    const { apiKey, secret } = await member.apiKeys.create({ partnerId: partner!.id, name: 'Short-lived', scopes: ['LEADS_READ'], expiresAt: inAMonth() });
    const keys: string[] = [];
    for await (const key of member.apiKeys.iterate({ partnerId: partner!.id, pageSize: 2 })) keys.push(key.id);
    expect(keys).toContain(apiKey.id);
    expect((await member.apiKeys.revoke(apiKey.id)).revokedAt).not.toBeNull();
    await expect(client({ apiKey: secret }).viewer()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("the API's refusals as error classes", () => {
  it('an unknown API key: AuthenticationError, 401 UNAUTHENTICATED', async () => {
    const error = (await failure(client({ apiKey: 'tb_key_unknownunknownunknownunknownunknownunknow' }).viewer())) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', operationName: 'Viewer' });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a buyer asking for a funder's leads: ForbiddenError, FORBIDDEN", async () => {
    const error = (await failure(client({ token: buyerToken }).financingLeads.list())) as ForbiddenError;
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.code).toBe('FORBIDDEN');
  });

  it('a bank key without leads:write moving a lead: ForbiddenError', async () => {
    const readOnly = await apiKeyFor('bri-unit-peterongan-kur', ['LEADS_READ']);
    const sdk = client({ apiKey: readOnly });
    const [lead] = (await sdk.financingLeads.list({ first: 1 })).nodes;
    await expect(sdk.financingLeads.updateStatus({ leadId: lead!.id, status: 'CONTACTED' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('an invalid pipeline move: ValidationError with the payload userErrors, nothing changed', async () => {
    const bank = client({ apiKey: bankKey });
    const [lead] = (await bank.financingLeads.list({ first: 1, filter: { status: 'NEW' } })).nodes;
    const error = (await failure(bank.financingLeads.updateStatus({ leadId: lead!.id, status: 'APPROVED' }))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', field: ['input', 'status'] })]);
    expect((await bank.financingLeads.get(lead!.id))?.status).toBe('NEW');
  });

  it('an invalid filter value and a page size above 100: ValidationError (BAD_USER_INPUT)', async () => {
    const sdk = client();
    const filter = (await failure(sdk.enterprises.list({ filter: { kbliPrefix: '1' } }))) as ValidationError;
    expect(filter).toBeInstanceOf(ValidationError);
    expect(filter.code).toBe('BAD_USER_INPUT');
    expect(filter.userErrors[0]?.field).toEqual(['filter', 'kbliPrefix']);
    const pageSize = (await failure(sdk.sentra.list({ first: 101 }))) as ValidationError;
    expect(pageSize).toBeInstanceOf(ValidationError);
    expect(pageSize.status).toBe(400);
  });

  it('a document that does not match the schema: ValidationError (GRAPHQL_VALIDATION_FAILED)', async () => {
    const error = (await failure(client().request('query Nope { sentra { nope } }'))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('rate limits', () => {
  it('reports the budget after each response and throws RateLimitedError with Retry-After when it is spent', async () => {
    // Beside the file's server, on its database: a server of its own only for the settings.
    const limited = await startTestServer({
      database: api.db,
      security: { rateLimit: { perCredential: 3, perAnonymousIp: 3, failedAuthPerIp: 3, windowMs: 60_000, redisUrl: undefined, keyPrefix: 'sdk-test:', trustProxy: false } },
    });
    try {
      const sdk = new TemuBisnisClient({ endpoint: `${limited.url}/graphql`, retries: 0 });
      await sdk.districts.getByCode('33.74.01');
      expect(sdk.rateLimit).toMatchObject({ limit: 3, remaining: 2 });
      await sdk.districts.getByCode('33.74.02');
      await sdk.districts.getByCode('33.74.03');
      const error = (await failure(sdk.districts.getByCode('33.74.04'))) as RateLimitedError;
      expect(error).toBeInstanceOf(RateLimitedError);
      expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', limit: 3, remaining: 0 });
      expect(error.retryAfter).toBeGreaterThan(0);
      expect(error.retryAfter).toBeLessThanOrEqual(60);
      expect(error.reset).toBe(error.retryAfter);
    } finally {
      await limited.close();
    }
  });
});

describe('persisted operations', () => {
  it("sends hashes the server's allow-list (packages/sdk/persisted-operations.json) knows: no document on the wire", async () => {
    const recorder = recordingFetch();
    const sdk = client({ apiKey: bankKey, persistedOperations: true, fetch: recorder.fetch });
    expect((await sdk.viewer()).partner?.slug).toBe('bri-unit-peterongan-kur');
    expect((await sdk.financingLeads.list({ first: 2 })).nodes).toHaveLength(2);
    expect(recorder.calls.map((c) => c.body.query)).toEqual([undefined, undefined]);
    expect(recorder.calls.every((c) => typeof c.body.extensions?.persistedQuery?.sha256Hash === 'string')).toBe(true);
  });

  it('where API keys may run only persisted operations, the SDK still works and a document of your own is refused', async () => {
    const strict = await startTestServer({
      database: api.db,
      security: {
        persistedOperations: { file: new URL('../persisted-operations.json', import.meta.url).pathname, apiKeysPersistedOnly: true },
      },
    });
    try {
      const key = await apiKeyFor('bri-unit-peterongan-kur', ['LEADS_READ'], strict);
      const persisted = new TemuBisnisClient({ endpoint: `${strict.url}/graphql`, apiKey: key, persistedOperations: true });
      expect((await persisted.financingLeads.list({ first: 1 })).totalCount).toBeGreaterThan(0);
      const own = (await failure(persisted.request('query Mine { viewer { authenticated } }'))) as ForbiddenError;
      expect(own).toBeInstanceOf(ForbiddenError);
      expect(own.code).toBe('PERSISTED_QUERY_ONLY');
      const plain = new TemuBisnisClient({ endpoint: `${strict.url}/graphql`, apiKey: key });
      await expect(plain.viewer()).rejects.toBeInstanceOf(ForbiddenError);
    } finally {
      await strict.close();
    }
  });
});
