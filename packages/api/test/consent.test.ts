import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyOf,
  BANK_JATENG,
  BPR,
  BRI,
  createEnterprise,
  createNeed,
  DAY_MS,
  DISTRIBUTOR,
  enterpriseGid,
  insertConsent,
  JUTA,
  leadGid,
  memberOf,
  ownerOf,
  partnerId,
  STAFF_EMAIL,
} from './financing-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * Consent (UU 27/2022 spirit): grant, revoke, expiry, funder-type grants, the audit of every
 * protected read by a funder, the enterprise's view of its consents, data access log and consent
 * requests, and the statement count of consent checks on long lists.
 */

let api: TestServer;
let staff: Record<string, string>;
let bri: { headers: Record<string, string>; userId: string };
let jateng: { headers: Record<string, string>; userId: string };
let bpr: { headers: Record<string, string>; userId: string };
let distributor: { headers: Record<string, string>; userId: string };

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as(STAFF_EMAIL);
  bri = await memberOf(api, BRI);
  jateng = await memberOf(api, BANK_JATENG);
  bpr = await memberOf(api, BPR);
  distributor = await memberOf(api, DISTRIBUTOR);
});
afterAll(() => api.close());

const PROTECTED = `query($id: ID!) { enterprise(id: $id) { name npwp annualTurnover businessCapital bookkeeping hasFinancialStatements currentCredit
  contacts { name phone email } financingNeeds { totalCount nodes { amount tenorMonths } } } }`;

async function readProtected(enterpriseId: string, headers: Record<string, string>) {
  const res = await api.gql(PROTECTED, { id: enterpriseGid(enterpriseId) }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.enterprise;
}

/** An enterprise with a need, a contact with an Indonesian name, and a signed-in owner. */
async function fixture() {
  const id = await createEnterprise(api, {
    annualTurnover: 900n * JUTA,
    contact: { name: 'Ñoman Sastrowardoyo', phone: '+6281229990001', email: 'noman@batik-uji.example' },
  });
  await createNeed(api, id, { amount: 60n * JUTA });
  return { id, owner: await ownerOf(api, id) };
}

const GRANT = `mutation($input: ConsentGrantInput!) { consentGrant(input: $input) {
  consent { id scopes funderType funder { slug } givenBy status active expiresAt revocation { revokedAt } }
  userErrors { code field message } } }`;

function grantInput(enterpriseId: string, changes: Record<string, unknown> = {}) {
  return {
    enterpriseId: enterpriseGid(enterpriseId),
    scopes: ['PROFILE', 'FINANCIALS', 'NEEDS'],
    expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
    ...changes,
  };
}

function denied(e: Record<string, any>) {
  expect(e.npwp).toBeNull();
  expect(e.annualTurnover).toBeNull();
  expect(e.businessCapital).toBeNull();
  expect(e.bookkeeping).toBeNull();
  expect(e.hasFinancialStatements).toBeNull();
  expect(e.currentCredit).toBeNull();
  expect(e.contacts[0].phone).toBeNull();
  expect(e.contacts[0].email).toBeNull();
  expect(e.financingNeeds).toBeNull();
}

describe('grant → read allowed and audited; revoke → the very next read denied', () => {
  it('runs the whole cycle for one funder', async () => {
    const { id, owner } = await fixture();
    denied(await readProtected(id, bri.headers));

    const granted = await api.gql(GRANT, { input: grantInput(id, { funderId: globalId('Partner', await partnerId(api, BRI)) }) }, owner.headers);
    expect(granted.data!.consentGrant.userErrors).toEqual([]);
    const consent = granted.data!.consentGrant.consent;
    expect(consent).toMatchObject({ funder: { slug: BRI }, funderType: null, givenBy: 'ENTERPRISE_MEMBER', status: 'ACTIVE', active: true, revocation: null });

    const before = await api.db.prisma.auditRecord.count({ where: { enterpriseId: id } });
    const e = await readProtected(id, bri.headers);
    expect(e.npwp).toBe('0123456789012345');
    expect(e.annualTurnover).toBe('900000000');
    expect(e.bookkeeping).toBe('SPREADSHEET');
    expect(e.contacts[0]).toEqual({ name: 'Ñoman Sastrowardoyo', phone: '+6281229990001', email: 'noman@batik-uji.example' });
    expect(e.financingNeeds).toEqual({ totalCount: 1, nodes: [{ amount: '60000000', tenorMonths: 24 }] });

    const audit = await api.db.prisma.auditRecord.findMany({ where: { enterpriseId: id, action: 'READ_PROTECTED' } });
    expect(audit).toHaveLength(before + 1);
    expect(audit[0]).toMatchObject({
      subjectType: 'Enterprise',
      subjectId: id,
      actorUserId: bri.userId,
      partnerId: await partnerId(api, BRI),
      apiKeyId: null,
    });
    expect(audit[0]!.fields).toEqual([
      'annualTurnover',
      'bookkeeping',
      'businessCapital',
      'contacts.email',
      'contacts.phone',
      'currentCredit',
      'financingNeeds',
      'hasFinancialStatements',
      'npwp',
    ]);

    // Another funder, even another bank, sees nothing; nor does a distributor; nothing is audited for them.
    denied(await readProtected(id, jateng.headers));
    denied(await readProtected(id, distributor.headers));
    expect(await api.db.prisma.auditRecord.count({ where: { enterpriseId: id, action: 'READ_PROTECTED' } })).toBe(1);

    const stored = await api.db.prisma.consent.findUniqueOrThrow({ where: { id: (await api.db.prisma.consent.findFirstOrThrow({ where: { enterpriseId: id } })).id } });
    const revoked = await api.gql(
      `mutation($input: ConsentRevokeInput!) { consentRevoke(input: $input) { consent { status active revocation { reason revokedBy } } userErrors { code } } }`,
      { input: { id: consent.id, reason: 'Sudah dapat pembiayaan koperasi.' } },
      owner.headers,
    );
    expect(revoked.data!.consentRevoke).toEqual({
      consent: { status: 'REVOKED', active: false, revocation: { reason: 'Sudah dapat pembiayaan koperasi.', revokedBy: 'ENTERPRISE_MEMBER' } },
      userErrors: [],
    });
    // The grant itself is never changed: the revocation is a row beside it.
    expect(await api.db.prisma.consent.findUniqueOrThrow({ where: { id: stored.id } })).toEqual(stored);
    expect(await api.db.prisma.consentRevocation.count({ where: { consentId: stored.id } })).toBe(1);

    denied(await readProtected(id, bri.headers));
    expect(await api.db.prisma.auditRecord.count({ where: { enterpriseId: id, action: 'READ_PROTECTED' } })).toBe(1);

    // Revoking twice changes nothing.
    const again = await api.gql(
      `mutation($input: ConsentRevokeInput!) { consentRevoke(input: $input) { consent { status } userErrors { code } } }`,
      { input: { id: consent.id } },
      owner.headers,
    );
    expect(again.data!.consentRevoke).toEqual({ consent: { status: 'REVOKED' }, userErrors: [] });
    expect(await api.db.prisma.consentRevocation.count({ where: { consentId: stored.id } })).toBe(1);
  });

  it('a scope opens only its own fields', async () => {
    const { id } = await fixture();
    await insertConsent(api, id, { funderSlug: BRI, scopes: ['PROFILE'] });
    const e = await readProtected(id, bri.headers);
    expect(e.contacts[0].phone).toBe('+6281229990001');
    expect(e.annualTurnover).toBeNull();
    expect(e.npwp).toBeNull();
    expect(e.financingNeeds).toBeNull();
    const audit = await api.db.prisma.auditRecord.findFirstOrThrow({ where: { enterpriseId: id, action: 'READ_PROTECTED' } });
    expect(audit.fields).toEqual(['contacts.email', 'contacts.phone']);
  });

  it("a funder's API key reads under consent only with scope leads:read, and the key is recorded", async () => {
    const { id } = await fixture();
    await insertConsent(api, id, { funderSlug: BRI, scopes: ['FINANCIALS'] });
    const reader = await apiKeyOf(api, BRI, ['leads:read']);
    const other = await apiKeyOf(api, BRI, ['opportunities:read']);
    denied({ ...(await readProtected(id, other)), contacts: [{ phone: null, email: null }], financingNeeds: null });
    const e = await readProtected(id, reader);
    expect(e.annualTurnover).toBe('900000000');
    const audit = await api.db.prisma.auditRecord.findFirstOrThrow({ where: { enterpriseId: id, action: 'READ_PROTECTED' } });
    expect(audit.apiKeyId).not.toBeNull();
    expect(audit.actorUserId).toBeNull();
  });
});

describe('expiry', () => {
  it('a grant that expired a moment ago gives nothing; one expiring a minute from now still does', async () => {
    const lapsed = await fixture();
    await insertConsent(api, lapsed.id, { funderSlug: BRI, expiresAt: new Date(Date.now() - 1_000) });
    denied(await readProtected(lapsed.id, bri.headers));

    const live = await fixture();
    await insertConsent(api, live.id, { funderSlug: BRI, expiresAt: new Date(Date.now() + 60_000) });
    expect((await readProtected(live.id, bri.headers)).annualTurnover).toBe('900000000');
  });

  it('the history marks a lapsed grant EXPIRED and inactive', async () => {
    const { id, owner } = await fixture();
    await insertConsent(api, id, { funderSlug: BRI, expiresAt: new Date(Date.now() - 1_000) });
    const res = await api.gql(
      `query($id: ID!) { enterprise(id: $id) { consents { totalCount nodes { status active funder { slug } } } } }`,
      { id: enterpriseGid(id) },
      owner.headers,
    );
    expect(res.data!.enterprise.consents).toEqual({ totalCount: 1, nodes: [{ status: 'EXPIRED', active: false, funder: { slug: BRI } }] });
  });
});

describe('funder-type grants', () => {
  it('cover every funder of that subtype and no other', async () => {
    const { id, owner } = await fixture();
    const res = await api.gql(GRANT, { input: grantInput(id, { funderType: 'BANK', scopes: ['FINANCIALS'] }) }, owner.headers);
    expect(res.data!.consentGrant.userErrors).toEqual([]);
    expect(res.data!.consentGrant.consent).toMatchObject({ funder: null, funderType: 'BANK' });
    expect((await readProtected(id, bri.headers)).annualTurnover).toBe('900000000');
    expect((await readProtected(id, jateng.headers)).annualTurnover).toBe('900000000');
    expect((await readProtected(id, bpr.headers)).annualTurnover).toBeNull();
    const readers = await api.db.prisma.auditRecord.findMany({ where: { enterpriseId: id, action: 'READ_PROTECTED' }, select: { partnerId: true } });
    expect(readers.map((r) => r.partnerId).sort()).toEqual([await partnerId(api, BRI), await partnerId(api, BANK_JATENG)].sort());
  });
});

describe('consentGrant rules', () => {
  it('staff may record a grant on the enterprise\'s behalf, and it says so', async () => {
    const { id } = await fixture();
    const res = await api.gql(GRANT, { input: grantInput(id, { funderType: 'BPR' }) }, staff);
    expect(res.data!.consentGrant.consent).toMatchObject({ givenBy: 'DISPERIN_STAFF', funderType: 'BPR' });
  });

  it('refuses a bad grant with user errors and writes nothing', async () => {
    const { id, owner } = await fixture();
    const distributorId = globalId('Partner', await partnerId(api, DISTRIBUTOR));
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{}, 'REQUIRED', ['input', 'funderId']],
      [{ funderId: globalId('Partner', await partnerId(api, BRI)), funderType: 'BANK' }, 'INVALID_VALUE', ['input', 'funderType']],
      [{ funderType: 'BANK', scopes: [] }, 'REQUIRED', ['input', 'scopes']],
      [{ funderType: 'BANK', expiresAt: new Date(Date.now() - 1000).toISOString() }, 'IN_PAST', ['input', 'expiresAt']],
      [{ funderType: 'BANK', expiresAt: new Date(Date.now() + 400 * DAY_MS).toISOString() }, 'INVALID_VALUE', ['input', 'expiresAt']],
      [{ funderId: distributorId }, 'NOT_FOUND', ['input', 'funderId']],
    ];
    for (const [changes, code, field] of cases) {
      const res = await api.gql(GRANT, { input: grantInput(id, changes) }, owner.headers);
      expect(res.data!.consentGrant.consent).toBeNull();
      expect(res.data!.consentGrant.userErrors).toContainEqual(expect.objectContaining({ code, field }));
    }
    expect(await api.db.prisma.consent.count({ where: { enterpriseId: id } })).toBe(0);
  });

  it('only members of the enterprise or staff may grant or revoke', async () => {
    const { id } = await fixture();
    const other = await fixture();
    const res = await api.gql(GRANT, { input: grantInput(id, { funderType: 'BANK' }) }, other.owner.headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bank = await api.gql(GRANT, { input: grantInput(id, { funderType: 'BANK' }) }, bri.headers);
    expect(bank.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const consentId = await insertConsent(api, id, { funderSlug: BRI });
    const revoke = await api.gql(
      `mutation($input: ConsentRevokeInput!) { consentRevoke(input: $input) { consent { status } userErrors { code } } }`,
      { input: { id: globalId('Consent', consentId) } },
      other.owner.headers,
    );
    expect(revoke.data!.consentRevoke).toEqual({ consent: null, userErrors: [{ code: 'NOT_FOUND' }] });
    expect(await api.db.prisma.consentRevocation.count({ where: { consentId } })).toBe(0);
  });
});

describe("the enterprise's view", () => {
  it('lists its consents with revocations, who read its data, and who asked for consent; others get null', async () => {
    const { id, owner } = await fixture();
    const needId = (await api.db.prisma.financingNeed.findFirstOrThrow({ where: { enterpriseId: id } })).id;
    const consentId = await insertConsent(api, id, { funderSlug: BRI, scopes: ['FINANCIALS'] });
    await readProtected(id, bri.headers);
    await api.db.prisma.consentRevocation.create({ data: { consentId, revokedAt: new Date(Date.now() - 1000), reason: 'uji' } });

    const ask = `mutation($input: ConsentRequestInput!) { consentRequest(input: $input) { lead { id enterprise { id } } userErrors { code field } } }`;
    const asked = await api.gql(ask, { input: { leadId: leadGid(needId) } }, jateng.headers);
    expect(asked.data!.consentRequest.userErrors).toEqual([]);
    expect(asked.data!.consentRequest.lead).toEqual({ id: leadGid(needId), enterprise: null });
    const twice = await api.gql(ask, { input: { leadId: leadGid(needId) } }, jateng.headers);
    expect(twice.data!.consentRequest.userErrors).toEqual([{ code: 'ALREADY_REQUESTED', field: ['input', 'leadId'] }]);
    const byDistributor = await api.gql(ask, { input: { leadId: leadGid(needId) } }, distributor.headers);
    expect(byDistributor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const view = `query($id: ID!) { enterprise(id: $id) {
      consents { nodes { status active scopes funder { slug } revocation { reason } } }
      dataAccessLog { totalCount nodes { action fields viaApiKey partner { slug } } }
      consentRequests { nodes { action fields partner { slug } financingNeedId } } } }`;
    for (const headers of [owner.headers, staff]) {
      const res = await api.gql(view, { id: enterpriseGid(id) }, headers);
      expect(res.errors).toBeUndefined();
      const e = res.data!.enterprise;
      expect(e.consents.nodes).toEqual([{ status: 'REVOKED', active: false, scopes: ['FINANCIALS'], funder: { slug: BRI }, revocation: { reason: 'uji' } }]);
      expect(e.dataAccessLog).toEqual({
        totalCount: 1,
        nodes: [{ action: 'READ_PROTECTED', fields: ['annualTurnover', 'bookkeeping', 'businessCapital', 'currentCredit', 'hasFinancialStatements', 'npwp'], viaApiKey: false, partner: { slug: BRI } }],
      });
      expect(e.consentRequests.nodes).toEqual([
        { action: 'CONSENT_REQUESTED', fields: ['FINANCIALS', 'NEEDS', 'PROFILE'], partner: { slug: BANK_JATENG }, financingNeedId: globalId('FinancingNeed', needId) },
      ]);
    }
    for (const headers of [bri.headers, jateng.headers, distributor.headers, {}]) {
      const res = await api.gql(view, { id: enterpriseGid(id) }, headers);
      expect(res.data!.enterprise).toEqual({ consents: null, dataAccessLog: null, consentRequests: null });
    }
  });
});

describe('statement count', () => {
  it('consent checks on a list of enterprises do not grow with the page size', async () => {
    const query = `query($first: Int!) { enterprises(first: $first) { nodes { name annualTurnover npwp contacts { phone } financingNeeds { totalCount nodes { amount } } } } }`;
    // The first enterprise of both pages consents, so both requests write their one audit INSERT.
    const first = await api.gql(`{ enterprises(first: 1) { nodes { id } } }`);
    const firstId = Buffer.from(first.data!.enterprises.nodes[0].id, 'base64').toString().split(':')[1]!;
    await insertConsent(api, firstId, { funderSlug: BRI });
    await api.gql(query, { first: 1 }, bri.headers);
    const small = await api.statementsDuring(() => api.gql(query, { first: 10 }, bri.headers));
    const large = await api.statementsDuring(() => api.gql(query, { first: 100 }, bri.headers));
    console.log(`statements: enterprises with consent-protected fields as a funder first:10 = ${small}, first:100 = ${large}`);
    expect(large).toBe(small);
  });

  it("the enterprise's consents, data access log and consent requests on a list do not grow with the page size", async () => {
    const query = `query($first: Int!) { enterprises(first: $first) { nodes { name
      consents(first: 5) { totalCount nodes { givenBy status active funder { name } revocation { revokedBy } } }
      dataAccessLog(first: 3) { totalCount nodes { at action fields viaApiKey partner { slug } } }
      consentRequests(first: 3) { totalCount nodes { fields partner { slug } } } } } }`;
    // The first enterprise of both pages has every kind of row: grants (one revoked, one recorded
    // by staff), reads by a funder and a consent request.
    const first = await api.gql(`{ enterprises(first: 1) { nodes { id } } }`);
    const firstId = Buffer.from(first.data!.enterprises.nodes[0].id, 'base64').toString().split(':')[1]!;
    const needId = await createNeed(api, firstId);
    const staffUser = await api.db.prisma.user.findUniqueOrThrow({ where: { email: STAFF_EMAIL } });
    const revoked = await insertConsent(api, firstId, { funderSlug: BANK_JATENG, scopes: ['PROFILE'] });
    await api.db.prisma.consent.update({ where: { id: revoked }, data: { grantedById: staffUser.id } });
    await api.db.prisma.consentRevocation.create({ data: { consentId: revoked, revokedById: staffUser.id, revokedAt: new Date(Date.now() - 1000) } });
    await insertConsent(api, firstId, { funderSlug: BRI, scopes: ['FINANCIALS'] });
    await readProtected(firstId, bri.headers);
    await api.gql(`mutation($id: ID!) { consentRequest(input: { leadId: $id }) { userErrors { code } } }`, { id: leadGid(needId) }, jateng.headers);
    await api.gql(query, { first: 1 }, staff);
    const small = await api.statementsDuring(() => api.gql(query, { first: 10 }, staff));
    const large = await api.statementsDuring(async () => {
      const res = await api.gql(query, { first: 100 }, staff);
      expect(res.errors).toBeUndefined();
      // The log really is there: some enterprise on the page has entries.
      expect(res.data!.enterprises.nodes.some((n: any) => n.dataAccessLog.totalCount > 0)).toBe(true);
    });
    console.log(`statements: enterprises with consents and data access log as staff first:10 = ${small}, first:100 = ${large}`);
    expect(large).toBe(small);
  });

  it('pages through one log with its cursor', async () => {
    const { id, owner } = await fixture();
    await insertConsent(api, id, { funderSlug: BRI, scopes: ['FINANCIALS'] });
    for (let i = 0; i < 3; i += 1) await readProtected(id, bri.headers);
    const page = (after: string | null) =>
      api.gql(`query($id: ID!, $after: String) { enterprise(id: $id) { dataAccessLog(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { at } } } }`, { id: enterpriseGid(id), after }, owner.headers);
    const first = (await page(null)).data!.enterprise.dataAccessLog;
    expect(first.totalCount).toBe(3);
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await page(first.pageInfo.endCursor)).data!.enterprise.dataAccessLog;
    expect(second.nodes).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const times = [...first.nodes, ...second.nodes].map((n: any) => n.at);
    expect(times).toEqual([...times].sort().reverse());
  });
});
