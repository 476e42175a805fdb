import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';

/**
 * Partners over real HTTP. The tests read the seed from the database to choose filter values, then
 * check that every node returned really satisfies the condition, and that nothing else does.
 */

let api: TestServer;
const gid = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

interface Who {
  staff: Record<string, string>;
  /** A member of partner A (a funder when the seed has one with a member). */
  memberA: Record<string, string>;
  partnerA: { id: string; gid: string };
  /** A member of another partner B. */
  memberB: Record<string, string>;
  partnerB: { id: string; gid: string };
  enterpriseOwner: Record<string, string>;
}
let who: Who;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  const prisma = api.db.prisma;
  const staff = await prisma.user.findFirstOrThrow({ where: { role: 'OFFICER' }, orderBy: { email: 'asc' } });
  const memberships = await prisma.organisationMembership.findMany({
    where: { partnerId: { not: null } },
    include: { user: true },
    orderBy: { id: 'asc' },
  });
  const a = memberships[0]!;
  const b = memberships.find((m) => m.partnerId !== a.partnerId)!;
  const owner = await prisma.organisationMembership.findFirstOrThrow({
    where: { enterpriseId: { not: null } },
    include: { user: true },
    orderBy: { id: 'asc' },
  });
  who = {
    staff: await api.as(staff.email),
    memberA: await api.as(a.user.email),
    partnerA: { id: a.partnerId!, gid: gid('Partner', a.partnerId!) },
    memberB: await api.as(b.user.email),
    partnerB: { id: b.partnerId!, gid: gid('Partner', b.partnerId!) },
    enterpriseOwner: await api.as(owner.user.email),
  };
});
afterAll(() => api.close());

const NODE = `id slug name kind funderType sectors kbliPrefixes productCategories districtCodes servesWholeCity
  offers ticketMin ticketMax volumeMin volumeMax status isDemo district { code name }`;

interface PartnerNode {
  id: string;
  slug: string;
  name: string;
  kind: string;
  funderType: string | null;
  sectors: string[];
  kbliPrefixes: string[];
  productCategories: string[];
  districtCodes: string[];
  servesWholeCity: boolean;
  offers: string;
  ticketMin: string | null;
  ticketMax: string | null;
  volumeMin: number | null;
  volumeMax: number | null;
  status: string;
}

async function list(filter: Record<string, unknown> = {}, orderBy?: unknown, headers?: Record<string, string>) {
  const res = await api.gql(
    `query($filter: PartnerFilter, $orderBy: [PartnerOrder!]) { partners(first: 100, filter: $filter, orderBy: $orderBy) {
      totalCount nodes { ${NODE} } } }`,
    { filter, orderBy },
    headers,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.partners as { totalCount: number; nodes: PartnerNode[] };
}

/** All active partners, read once per test from the API: the reference the filters are checked against. */
async function everyone() {
  const all = await list({});
  expect(all.totalCount).toBe(all.nodes.length);
  return all.nodes;
}

/** The filter returns exactly the partners the predicate selects, and at least one. */
async function expectFilter(filter: Record<string, unknown>, predicate: (p: PartnerNode) => boolean) {
  const expected = (await everyone()).filter(predicate).map((p) => p.id).sort();
  const got = await list(filter);
  expect(got.nodes.length).toBeGreaterThan(0);
  expect(got.nodes.every(predicate)).toBe(true);
  expect(got.nodes.map((p) => p.id).sort()).toEqual(expected);
  expect(got.totalCount).toBe(expected.length);
  return got.nodes;
}

const covers = (prefixes: string[], code: string) => prefixes.some((p) => code.startsWith(p));

describe('partners: listing and filters', () => {
  it('lists active partners of every kind by name, with a totalCount', async () => {
    const nodes = await everyone();
    expect(nodes.length).toBeGreaterThanOrEqual(8);
    expect(new Set(nodes.map((n) => n.kind))).toEqual(new Set(['BUYER', 'SUPPLIER', 'DISTRIBUTOR', 'FUNDER']));
    expect(nodes.every((n) => n.status === 'ACTIVE')).toBe(true);
    const names = nodes.map((n) => n.name);
    expect(names).toEqual([...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    // funderType is set exactly for funders; ticket sizes only for funders.
    expect(nodes.every((n) => (n.kind === 'FUNDER') === (n.funderType !== null))).toBe(true);
    expect(nodes.filter((n) => n.kind !== 'FUNDER').every((n) => n.ticketMin === null && n.ticketMax === null)).toBe(true);
  });

  it.each(['BUYER', 'SUPPLIER', 'DISTRIBUTOR', 'FUNDER'])('filters by kind %s', async (kind) => {
    await expectFilter({ kind }, (p) => p.kind === kind);
  });

  it('filters by funderType', async () => {
    const types = [...new Set((await everyone()).flatMap((p) => (p.funderType ? [p.funderType] : [])))];
    expect(types.length).toBeGreaterThanOrEqual(2);
    for (const funderType of types) await expectFilter({ funderType }, (p) => p.funderType === funderType);
  });

  it('filters by sector', async () => {
    await expectFilter({ sector: 'METAL' }, (p) => p.sectors.includes('METAL'));
    await expectFilter({ sector: 'BATIK' }, (p) => p.sectors.includes('BATIK'));
  });

  it('filters by KBLI: a 5-digit code matches partners whose prefixes cover it; a 2-digit prefix only 2-digit tags', async () => {
    const sample = (await everyone()).flatMap((p) => p.kbliPrefixes)[0]!;
    const code = sample.padEnd(5, '1');
    await expectFilter({ kbliPrefix: code }, (p) => covers(p.kbliPrefixes, code));
    await expectFilter({ kbliPrefix: sample.slice(0, 2) }, (p) => covers(p.kbliPrefixes, sample.slice(0, 2)));
  });

  it('filters by product category', async () => {
    const category = (await everyone()).flatMap((p) => p.productCategories)[0]!;
    await expectFilter({ productCategory: category }, (p) => p.productCategories.includes(category));
  });

  it('filters by kecamatan: partners serving it plus those serving the whole city', async () => {
    const nodes = await expectFilter({ districtCode: '33.74.12' }, (p) => p.servesWholeCity || p.districtCodes.includes('33.74.12'));
    expect(nodes.some((p) => p.servesWholeCity)).toBe(true);
    expect(nodes.every((p) => p.servesWholeCity === (p.districtCodes.length === 0))).toBe(true);
  });

  it('ticketCovers finds funders whose ticket range contains the amount (open ends included)', async () => {
    for (const amount of ['50000000', '500000000', '2000000000']) {
      await expectFilter(
        { ticketCovers: amount },
        (p) =>
          p.kind === 'FUNDER' &&
          (p.ticketMin === null || BigInt(p.ticketMin) <= BigInt(amount)) &&
          (p.ticketMax === null || BigInt(p.ticketMax) >= BigInt(amount)),
      );
    }
  });

  it('search matches name or offers, case- and accent-insensitively', async () => {
    const target = (await everyone()).find((p) => p.kind === 'FUNDER')!;
    const word = target.name.split(/\s+/).find((w) => w.length >= 4)!;
    const nodes = await list({ search: word.toUpperCase() });
    expect(nodes.nodes.map((n) => n.id)).toContain(target.id);
    expect(
      nodes.nodes.every((n) => `${n.name} ${n.offers}`.toLowerCase().includes(word.toLowerCase())),
    ).toBe(true);
  });

  it('combines filters with AND', async () => {
    const funder = (await everyone()).find((p) => p.kind === 'FUNDER' && p.sectors.length > 0 && p.ticketMax)!;
    const amount = funder.ticketMax!;
    await expectFilter(
      { kind: 'FUNDER', funderType: funder.funderType, ticketCovers: amount, districtCode: '33.74.01' },
      (p) =>
        p.kind === 'FUNDER' &&
        p.funderType === funder.funderType &&
        (p.ticketMin === null || BigInt(p.ticketMin) <= BigInt(amount)) &&
        (p.ticketMax === null || BigInt(p.ticketMax) >= BigInt(amount)) &&
        (p.servesWholeCity || p.districtCodes.includes('33.74.01')),
    );
    const none = await list({ kind: 'BUYER', ticketCovers: '1000000' });
    expect(none.nodes).toEqual([]);
    expect(none.totalCount).toBe(0);
  });

  it.each([
    ["' OR 1=1 --"],
    ['%'],
    ['_'],
    ['\\'],
    ['"; DROP TABLE "Partner"; --'],
    ['%\' UNION SELECT id FROM "User" --'],
  ])('treats %j in search as plain text', async (search) => {
    const res = await list({ search });
    expect(res.nodes.every((n) => `${n.name} ${n.offers}`.toLowerCase().includes(search.toLowerCase()))).toBe(true);
    expect((await everyone()).length).toBeGreaterThan(0);
  });

  it.each([
    [{ kbliPrefix: '2' }],
    [{ kbliPrefix: '25a' }],
    [{ districtCode: '33.74.17' }],
    [{ districtCode: "33.74.01' OR '1'='1" }],
  ])('rejects the malformed filter %j with BAD_USER_INPUT', async (filter) => {
    const res = await api.gql(`query($filter: PartnerFilter) { partners(filter: $filter) { totalCount } }`, { filter });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('orders by name descending and by creation date, and pages without gaps', async () => {
    const desc = await list({}, [{ field: 'NAME', direction: 'DESC' }]);
    const names = desc.nodes.map((n) => n.name);
    expect(names).toEqual([...names].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0)));
    const byCreated = await list({}, [{ field: 'CREATED_AT', direction: 'ASC' }]);
    expect(byCreated.nodes).toHaveLength(desc.nodes.length);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await api.gql(
        `query($after: String) { partners(first: 4, after: $after, orderBy: [{ field: NAME }]) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
        { after },
      );
      seen.push(...res.data.partners.nodes.map((n: { id: string }) => n.id));
      if (!res.data.partners.pageInfo.hasNextPage) break;
      after = res.data.partners.pageInfo.endCursor;
    }
    expect(seen).toEqual((await list({}, [{ field: 'NAME' }])).nodes.map((n) => n.id));
    expect(new Set(seen).size).toBe(desc.nodes.length);
  });

  it('reads one partner by id, by slug and through node(id)', async () => {
    const first = (await everyone())[0]!;
    const res = await api.gql(
      `query($id: ID!, $slug: String!) { partner(id: $id) { id name } partnerBySlug(slug: $slug) { id } node(id: $id) { ... on Partner { slug } } }`,
      { id: first.id, slug: first.slug },
    );
    expect(res.data).toEqual({ partner: { id: first.id, name: first.name }, partnerBySlug: { id: first.id }, node: { slug: first.slug } });
    const uuid = Buffer.from(first.id, 'base64').toString().split(':')[1]!;
    const missing = await api.gql(`query($id: ID!) { partner(id: $id) { id } }`, { id: gid('Sentra', uuid) });
    expect(missing.data!.partner).toBeNull();
  });
});

describe('Partner.opportunities', () => {
  it("lists a partner's opportunities; openOnly keeps those OPEN now (funders covering a Rp50 juta micro loan)", async () => {
    const res = await api.gql(
      `{ partners(first: 20, filter: { kind: FUNDER, ticketCovers: "50000000" }) { nodes { id name ticketMin ticketMax
        all: opportunities(first: 10) { totalCount nodes { kind status } }
        open: opportunities(first: 10, openOnly: true) { totalCount nodes { kind status amountMin amountMax validUntil } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const funders = res.data!.partners.nodes as any[];
    expect(funders.length).toBeGreaterThan(2);
    for (const f of funders) {
      const rows = await api.db.prisma.opportunity.findMany({ where: { partnerId: Buffer.from(f.id, 'base64').toString().split(':')[1] } });
      const now = Date.now();
      const openRows = rows.filter((r) => r.status === 'OPEN' && r.validUntil.getTime() >= now);
      expect(f.all.totalCount).toBe(rows.length);
      expect(f.open.totalCount).toBe(openRows.length);
      expect(f.open.nodes.every((o: any) => o.status === 'OPEN' && o.kind === 'FINANCING_OFFER')).toBe(true);
    }
    expect(funders.some((f) => f.open.totalCount > 0)).toBe(true);
  });
});

describe('partner contacts: phone and e-mail only for staff and the partner itself', () => {
  const query = `query($id: ID!) { partner(id: $id) { contacts { name role isPrimary phone email } } }`;

  it('hides phone and e-mail from anonymous callers, IKM owners and other partners', async () => {
    for (const headers of [{}, who.enterpriseOwner, who.memberB]) {
      const res = await api.gql(query, { id: who.partnerA.gid }, headers);
      expect(res.errors).toBeUndefined();
      const contacts = res.data!.partner.contacts as { name: string; phone: string | null; email: string | null }[];
      expect(contacts.length).toBeGreaterThan(0);
      expect(contacts.every((c) => c.name && c.phone === null && c.email === null)).toBe(true);
    }
  });

  it("shows them to staff and to the partner's own members", async () => {
    for (const headers of [who.staff, who.memberA]) {
      const res = await api.gql(query, { id: who.partnerA.gid }, headers);
      const contacts = res.data!.partner.contacts as { phone: string | null; email: string | null; isPrimary: boolean }[];
      expect(contacts.some((c) => c.phone?.startsWith('+62'))).toBe(true);
      expect(contacts.some((c) => c.email?.includes('@'))).toBe(true);
      expect(contacts[0]!.isPrimary).toBe(true);
    }
  });
});

const CREATE = `mutation($input: PartnerCreateInput!) { partnerCreate(input: $input) {
  partner { ${NODE} contacts { name phone email isPrimary } } userErrors { code field message } } }`;
const UPDATE = `mutation($input: PartnerUpdateInput!) { partnerUpdate(input: $input) {
  partner { ${NODE} } userErrors { code field message } } }`;
const ARCHIVE = `mutation($input: PartnerArchiveInput!) { partnerArchive(input: $input) {
  partner { id status } userErrors { code field message } } }`;

const validFunder = {
  name: 'BPR Artha Lumpia Sejahtera',
  kind: 'FUNDER',
  funderType: 'BPR',
  description: 'Bank Perekonomian Rakyat di Semarang Timur.',
  offers: 'Kredit modal kerja mikro, tenor hingga 36 bulan.',
  districtCode: '33.74.03',
  website: 'https://bpr-artha-lumpia.example',
  sectors: ['FOOD_BEVERAGE', 'BATIK'],
  kbliPrefixes: ['10', ' 1313 ', '10'],
  productCategories: ['Kuliner-Khas', 'batik-tulis'],
  districtCodes: ['33.74.03', '33.74.04'],
  ticketMin: '10000000',
  ticketMax: '500000000',
  contacts: [
    { name: 'Dewi Lestari', role: 'Account Officer', phone: '0812-3456-7890', email: 'dewi@bpr-artha-lumpia.example', isPrimary: true },
    { name: 'Agus Salim', phone: '(024) 354-1234' },
  ],
};

const partnerCount = () => api.db.prisma.partner.count();

describe('partnerCreate', () => {
  it('registers a funder, normalising phone numbers, prefixes and categories, and keeps searchText', async () => {
    const before = await partnerCount();
    const res = await api.gql(CREATE, { input: validFunder }, who.staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.partnerCreate.userErrors).toEqual([]);
    const partner = res.data!.partnerCreate.partner;
    expect(partner).toMatchObject({
      slug: 'bpr-artha-lumpia-sejahtera',
      kind: 'FUNDER',
      funderType: 'BPR',
      kbliPrefixes: ['10', '1313'],
      productCategories: ['kuliner-khas', 'batik-tulis'],
      districtCodes: ['33.74.03', '33.74.04'],
      servesWholeCity: false,
      ticketMin: '10000000',
      ticketMax: '500000000',
      status: 'ACTIVE',
      isDemo: false,
      district: { code: '33.74.03', name: 'Semarang Timur' },
    });
    expect(partner.contacts).toEqual([
      { name: 'Dewi Lestari', phone: '+6281234567890', email: 'dewi@bpr-artha-lumpia.example', isPrimary: true },
      { name: 'Agus Salim', phone: '+62243541234', email: null, isPrimary: false },
    ]);
    expect(await partnerCount()).toBe(before + 1);
    const row = await api.db.prisma.partner.findUniqueOrThrow({ where: { slug: 'bpr-artha-lumpia-sejahtera' } });
    expect(row.searchText).toContain('bpr artha lumpia sejahtera');
    expect(row.searchText).toContain('kredit modal kerja');

    // The same name again gets a free slug.
    const again = await api.gql(CREATE, { input: { ...validFunder, contacts: [] } }, who.staff);
    expect(again.data!.partnerCreate.partner.slug).toBe('bpr-artha-lumpia-sejahtera-2');
    // And the new partner is found by the filters.
    const found = await list({ kind: 'FUNDER', funderType: 'BPR', ticketCovers: '10000000', search: 'lumpia' });
    expect(found.nodes.map((n) => n.slug)).toEqual(['bpr-artha-lumpia-sejahtera', 'bpr-artha-lumpia-sejahtera-2']);
  });

  it('is for staff only: anonymous callers and partner members get top-level errors and nothing is written', async () => {
    const before = await partnerCount();
    const anonymous = await api.gql(CREATE, { input: validFunder });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const headers of [who.memberA, who.enterpriseOwner]) {
      const res = await api.gql(CREATE, { input: validFunder }, headers);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await partnerCount()).toBe(before);
  });

  it.each([
    ['a funder without funderType', { funderType: null }, 'INVALID_VALUE', ['input', 'funderType']],
    ['a buyer with a funderType', { kind: 'BUYER', ticketMin: null, ticketMax: null }, 'INVALID_VALUE', ['input', 'funderType']],
    ['a buyer with a ticket size', { kind: 'BUYER', funderType: null, ticketMax: null }, 'INVALID_VALUE', ['input', 'ticketMin']],
    ['an empty name', { name: '   ' }, 'REQUIRED', ['input', 'name']],
    ['a name over 160 characters', { name: 'x'.repeat(161) }, 'TOO_LONG', ['input', 'name']],
    ['offers over 2000 characters', { offers: 'x'.repeat(2001) }, 'TOO_LONG', ['input', 'offers']],
    ['a malformed slug', { slug: 'Bad Slug!' }, 'INVALID_VALUE', ['input', 'slug']],
    ['volumeMin above volumeMax', { volumeMin: 500, volumeMax: 100 }, 'INVALID_RANGE', ['input', 'volumeMax']],
    ['a negative volume', { volumeMin: -1 }, 'INVALID_VALUE', ['input', 'volumeMin']],
    ['ticketMin above ticketMax', { ticketMin: '900000000', ticketMax: '100000000' }, 'INVALID_RANGE', ['input', 'ticketMax']],
    ['a 1-digit KBLI prefix', { kbliPrefixes: ['1'] }, 'INVALID_KBLI', ['input', 'kbliPrefixes', '0']],
    ['a KBLI prefix outside manufacturing', { kbliPrefixes: ['10', '47'] }, 'INVALID_KBLI', ['input', 'kbliPrefixes', '1']],
    ['an unknown served district', { districtCodes: ['33.74.03', '33.74.17'] }, 'INVALID_VALUE', ['input', 'districtCodes', '1']],
    ['an unknown office district', { districtCode: '33.99.01' }, 'INVALID_VALUE', ['input', 'districtCode']],
    ['an ftp website', { website: 'ftp://bpr.example' }, 'INVALID_VALUE', ['input', 'website']],
    ['a javascript: website', { website: 'javascript:alert(1)' }, 'INVALID_VALUE', ['input', 'website']],
    ['a contact phone that is not Indonesian', { contacts: [{ name: 'A', phone: '+1 202 555 0100' }] }, 'INVALID_PHONE', ['input', 'contacts', '0', 'phone']],
    ['a contact e-mail without domain', { contacts: [{ name: 'A', email: 'dewi@bpr' }] }, 'INVALID_EMAIL', ['input', 'contacts', '0', 'email']],
    ['a contact without name', { contacts: [{ name: ' ' }] }, 'REQUIRED', ['input', 'contacts', '0', 'name']],
    ['two primary contacts', { contacts: [{ name: 'A', isPrimary: true }, { name: 'B', isPrimary: true }] }, 'INVALID_VALUE', ['input', 'contacts', '1', 'isPrimary']],
    ['an empty product category', { productCategories: ['batik-tulis', ''] }, 'REQUIRED', ['input', 'productCategories', '1']],
  ])('rejects %s with a typed user error and writes nothing', async (_label, change, code, field) => {
    const before = await partnerCount();
    const res = await api.gql(CREATE, { input: { ...validFunder, name: 'BPR Uji Validasi', ...change } }, who.staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.partnerCreate.partner).toBeNull();
    expect(res.data!.partnerCreate.userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(await partnerCount()).toBe(before);
  });

  it('rejects a slug already in use with TAKEN', async () => {
    const taken = (await everyone())[0]!.slug;
    const before = await partnerCount();
    const res = await api.gql(CREATE, { input: { ...validFunder, slug: taken } }, who.staff);
    expect(res.data!.partnerCreate.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'slug'] })]);
    expect(res.data!.partnerCreate.userErrors[0].message).not.toContain(taken);
    expect(await partnerCount()).toBe(before);
  });

  it.each([['-5'], ['9999999999999999'], ['1.500.000'], ['1e9']])(
    'rejects the ticket %j at the Money scalar (a top-level BAD_USER_INPUT, nothing written)',
    async (ticketMin) => {
      const before = await partnerCount();
      const res = await api.gql(CREATE, { input: { ...validFunder, ticketMin } }, who.staff);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toMatch(/rupiah/i);
      expect(await partnerCount()).toBe(before);
    },
  );
});

describe('partnerUpdate', () => {
  async function row(id: string) {
    return api.db.prisma.partner.findUniqueOrThrow({ where: { id }, include: { contacts: { orderBy: { name: 'asc' } } } });
  }

  it("lets the partner's own member change its profile; searchText follows", async () => {
    const res = await api.gql(
      UPDATE,
      { input: { id: who.partnerA.gid, offers: 'Pembiayaan mesin jahit dan oven roti', volumeMin: 10, volumeMax: 20, website: null } },
      who.memberA,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.partnerUpdate.userErrors).toEqual([]);
    expect(res.data!.partnerUpdate.partner).toMatchObject({ offers: 'Pembiayaan mesin jahit dan oven roti', volumeMin: 10, volumeMax: 20 });
    const after = await row(who.partnerA.id);
    expect(after.website).toBeNull();
    expect(after.searchText).toContain('pembiayaan mesin jahit dan oven roti');
    const found = await list({ search: 'oven roti' });
    expect(found.nodes.map((n) => n.id)).toEqual([who.partnerA.gid]);
  });

  it('replaces the contact list when contacts are given', async () => {
    const res = await api.gql(
      UPDATE,
      { input: { id: who.partnerA.gid, contacts: [{ name: 'Rina Kusuma', phone: '+62 24 7601234', isPrimary: true }] } },
      who.memberA,
    );
    expect(res.data!.partnerUpdate.userErrors).toEqual([]);
    expect((await row(who.partnerA.id)).contacts.map((c) => [c.name, c.phone])).toEqual([['Rina Kusuma', '+62247601234']]);
  });

  it("forbids anonymous callers, IKM owners and another partner's members; nothing changes", async () => {
    const before = await row(who.partnerA.id);
    const input = { id: who.partnerA.gid, offers: 'diubah oleh orang lain' };
    expect((await api.gql(UPDATE, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(UPDATE, { input }, who.memberB)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(UPDATE, { input }, who.enterpriseOwner)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await row(who.partnerA.id)).toEqual(before);
  });

  it('lets only staff change kind, funderType or slug', async () => {
    const before = await row(who.partnerA.id);
    for (const change of [{ kind: 'BUYER' }, { funderType: 'BANK' }, { slug: 'new-slug' }]) {
      const res = await api.gql(UPDATE, { input: { id: who.partnerA.gid, ...change } }, who.memberA);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await row(who.partnerA.id)).toEqual(before);
  });

  it('validates against the record after the change (staff turning a funder into a buyer clears funder fields)', async () => {
    const created = await api.gql(CREATE, { input: { ...validFunder, name: 'Koperasi Uji Ubah', funderType: 'KOPERASI' } }, who.staff);
    const id = created.data!.partnerCreate.partner.id as string;
    // ticketMin above the stored ticketMax is caught although ticketMax is not in the input.
    const bad = await api.gql(UPDATE, { input: { id, ticketMin: '600000000' } }, who.staff);
    expect(bad.data!.partnerUpdate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_RANGE', field: ['input', 'ticketMax'] })]);
    const toFunderless = await api.gql(UPDATE, { input: { id, kind: 'FUNDER', funderType: null } }, who.staff);
    expect(toFunderless.data!.partnerUpdate.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'funderType'] }),
    ]);
    const toBuyer = await api.gql(UPDATE, { input: { id, kind: 'BUYER' } }, who.staff);
    expect(toBuyer.data!.partnerUpdate.userErrors).toEqual([]);
    expect(toBuyer.data!.partnerUpdate.partner).toMatchObject({ kind: 'BUYER', funderType: null, ticketMin: null, ticketMax: null });
  });

  it('answers NOT_FOUND for an unknown or foreign id (staff)', async () => {
    for (const id of [gid('Partner', '00000000-0000-7000-8000-000000000000'), gid('Sentra', who.partnerA.id)]) {
      const res = await api.gql(UPDATE, { input: { id, name: 'X Y Z' } }, who.staff);
      expect(res.data!.partnerUpdate.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    }
  });
});

describe('partnerArchive', () => {
  it('archives a partner for staff: it leaves the default list but stays readable and listable with includeArchived', async () => {
    const created = await api.gql(CREATE, { input: { ...validFunder, name: 'Distributor Uji Arsip', kind: 'DISTRIBUTOR', funderType: null, ticketMin: null, ticketMax: null } }, who.staff);
    const id = created.data!.partnerCreate.partner.id as string;

    expect((await api.gql(ARCHIVE, { input: { id } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(ARCHIVE, { input: { id } }, who.memberA)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const res = await api.gql(ARCHIVE, { input: { id } }, who.staff);
    expect(res.data!.partnerArchive).toEqual({ partner: { id, status: 'ARCHIVED' }, userErrors: [] });
    expect((await list({ search: 'Uji Arsip' })).nodes).toEqual([]);
    const archived = await list({ search: 'Uji Arsip', includeArchived: true });
    expect(archived.nodes.map((n) => [n.id, n.status])).toEqual([[id, 'ARCHIVED']]);
    const again = await api.gql(ARCHIVE, { input: { id } }, who.staff);
    expect(again.data!.partnerArchive.userErrors).toEqual([]);
    const missing = await api.gql(ARCHIVE, { input: { id: gid('Partner', '00000000-0000-7000-8000-000000000000') } }, who.staff);
    expect(missing.data!.partnerArchive.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });
});

describe('partners: statements per request do not grow with page size', () => {
  const query = `query($n: Int) { partners(first: $n) { totalCount nodes { name kind
    district { name }
    opportunities(first: 3) { totalCount nodes { title status partner { name } } } } } }`;

  it('partners → opportunities → partner and district: first 10 and first 100 cost the same statements', async () => {
    const at10 = await api.statementsDuring(() => api.gql(query, { n: 10 }));
    const at100 = await api.statementsDuring(() => api.gql(query, { n: 100 }));
    console.log(`statements: partners first:10 = ${at10}, first:100 = ${at100}`);
    expect(at10).toBe(at100);
    const res = await api.gql(query, { n: 100 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.partners.nodes.some((p: any) => p.opportunities.nodes.length > 0)).toBe(true);
  });
});
