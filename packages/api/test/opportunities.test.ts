import type { Enterprise, Opportunity, Partner, Sentra } from '@temu-bisnis/schema/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';

/**
 * The marketplace over real HTTP. Every filter is checked twice: each returned node satisfies the
 * condition, and totalCount equals the number of rows an independent predicate over the database
 * selects (status derived from the clock here, in the test, not by the code under test).
 */

let api: TestServer;
const gid = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');
const dbId = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Headers = Record<string, string>;
interface Org {
  id: string;
  gid: string;
  headers: Headers;
}
let staff: Headers;
let buyer: Org; // a member of a BUYER partner
let funder: Org; // a member of a FUNDER partner
let ownerA: Org; // the owner of enterprise A
let ownerB: Org; // the owner of another enterprise B

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  const prisma = api.db.prisma;
  const officer = await prisma.user.findFirstOrThrow({ where: { role: 'OFFICER' }, orderBy: { email: 'asc' } });
  staff = await api.as(officer.email);
  const partnerMember = async (kind: 'BUYER' | 'FUNDER') => {
    const m = await prisma.organisationMembership.findFirstOrThrow({
      where: { partner: { kind, status: 'ACTIVE' } },
      include: { user: true },
      orderBy: { id: 'asc' },
    });
    return { id: m.partnerId!, gid: gid('Partner', m.partnerId!), headers: await api.as(m.user.email) };
  };
  buyer = await partnerMember('BUYER');
  funder = await partnerMember('FUNDER');
  const owners = await prisma.organisationMembership.findMany({
    where: { enterpriseId: { not: null }, enterprise: { status: 'ACTIVE' } },
    include: { user: { include: { memberships: true } } },
    orderBy: { id: 'asc' },
  });
  // Owners of exactly one enterprise, so that opportunityPost can default the enterprise.
  const single = owners.filter((m) => m.user.memberships.length === 1);
  const [a, b] = [single[0]!, single.find((m) => m.enterpriseId !== single[0]!.enterpriseId)!];
  ownerA = { id: a.enterpriseId!, gid: gid('Enterprise', a.enterpriseId!), headers: await api.as(a.user.email) };
  ownerB = { id: b.enterpriseId!, gid: gid('Enterprise', b.enterpriseId!), headers: await api.as(b.user.email) };
});
afterAll(() => api.close());

const NODE = `id kind title description postedByKind sector kbliPrefixes productCategory quantity unit deliveryMonths amountMin amountMax
  districtCodes requiredCertifications validFrom validUntil status isActive
  partner { id name kind funderType }
  enterprise { id name sentra { id slug name } }`;

interface OppNode {
  id: string;
  kind: string;
  title: string;
  postedByKind: 'PARTNER' | 'ENTERPRISE';
  sector: string | null;
  kbliPrefixes: string[];
  productCategory: string | null;
  quantity: number | null;
  unit: string | null;
  deliveryMonths: number | null;
  amountMin: string | null;
  amountMax: string | null;
  districtCodes: string[];
  requiredCertifications: string[];
  validFrom: string;
  validUntil: string;
  status: 'OPEN' | 'CLOSED' | 'FULFILLED' | 'EXPIRED';
  isActive: boolean;
  partner: { id: string; name: string; kind: string; funderType: string | null } | null;
  enterprise: { id: string; name: string; sentra: { id: string; slug: string; name: string } | null } | null;
}

async function list(filter: Record<string, unknown> = {}, orderBy?: unknown, extra = '') {
  const res = await api.gql(
    `query($filter: OpportunityFilter, $orderBy: [OpportunityOrder!]) {
      opportunities(first: 100, filter: $filter, orderBy: $orderBy) { totalCount nodes { ${NODE} } ${extra} } }`,
    { filter, orderBy },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.opportunities as { totalCount: number; nodes: OppNode[]; pageInfo?: any };
}

type Row = Opportunity & { partner: Partner | null; enterprise: (Enterprise & { sentra: Sentra | null }) | null };

async function rows(): Promise<Row[]> {
  return api.db.prisma.opportunity.findMany({ include: { partner: true, enterprise: { include: { sentra: true } } } });
}

/** The status a person should see now, computed here independently of the API. */
function seenStatus(r: Pick<Opportunity, 'status' | 'validUntil'>, now = new Date()) {
  return r.status === 'OPEN' && r.validUntil.getTime() < now.getTime() ? 'EXPIRED' : r.status;
}

/** Checks a filter against a node predicate and a row predicate; returns the nodes. */
async function expectFilter(
  filter: Record<string, unknown>,
  node: (n: OppNode) => boolean,
  row: (r: Row) => boolean,
  { allowEmpty = false } = {},
) {
  const got = await list(filter);
  const expected = (await rows()).filter(row).map((r) => gid('Opportunity', r.id));
  if (!allowEmpty) expect(got.nodes.length).toBeGreaterThan(0);
  expect(got.nodes.filter((n) => !node(n))).toEqual([]);
  expect(got.totalCount).toBe(expected.length);
  if (expected.length <= 100) expect(got.nodes.map((n) => n.id).sort()).toEqual(expected.sort());
  else expect(got.nodes.every((n) => expected.includes(n.id))).toBe(true);
  return got.nodes;
}

const overlapsAtLeast = (min: bigint | null, max: bigint | null, x: bigint) => (max !== null ? max >= x : min !== null);
const overlapsAtMost = (min: bigint | null, max: bigint | null, y: bigint) => (min !== null ? min <= y : max !== null);
const big = (s: string | null) => (s === null ? null : BigInt(s));
/** Posts in these kabupaten/kota as the relations define them (the poster's kecamatan, or its partner office's). */
const postsInIds = new Set<string>();
async function postsIn(codes: string[]): Promise<string[]> {
  const inRegencies = { district: { regency: { code: { in: codes } } } };
  const found = await api.db.prisma.opportunity.findMany({ where: { OR: [{ enterprise: inRegencies }, { partner: inRegencies }] }, select: { id: true } });
  const ids = found.map((r) => gid('Opportunity', r.id));
  for (const id of ids) postsInIds.add(id);
  return ids;
}
const kbliOverlap = (tags: string[], value: string) => tags.some((t) => value.startsWith(t) || t.startsWith(value));

describe('opportunities: reading', () => {
  it('lists the seeded marketplace newest first, with both sides and every stored status', async () => {
    const all = await list({});
    expect(all.totalCount).toBe(await api.db.prisma.opportunity.count());
    expect(all.totalCount).toBeGreaterThan(100);
    expect(all.nodes).toHaveLength(100);
    const created = (await rows()).sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? -1 : 1));
    expect(all.nodes[0]!.id).toBe(gid('Opportunity', created[0]!.id));
    for (const n of all.nodes) {
      expect(n.postedByKind === 'PARTNER' ? n.partner && !n.enterprise : n.enterprise && !n.partner).toBeTruthy();
    }
    const statuses = new Set((await rows()).map((r) => seenStatus(r)));
    expect(statuses).toEqual(new Set(['OPEN', 'CLOSED', 'FULFILLED', 'EXPIRED']));
  });

  it('reads one opportunity by id and through node(id); a wrong id gives null', async () => {
    const [first] = (await list({})).nodes;
    const res = await api.gql(`query($id: ID!) { opportunity(id: $id) { id title } node(id: $id) { ... on Opportunity { kind } } }`, {
      id: first!.id,
    });
    expect(res.data).toEqual({ opportunity: { id: first!.id, title: first!.title }, node: { kind: first!.kind } });
    const wrong = await api.gql(`query($id: ID!) { opportunity(id: $id) { id } }`, { id: gid('Partner', dbId(first!.id)) });
    expect(wrong.data!.opportunity).toBeNull();
  });
});

describe('opportunities: each filter alone', () => {
  it('kinds (any of a list)', async () => {
    await expectFilter({ kinds: ['BUY_REQUEST'] }, (n) => n.kind === 'BUY_REQUEST', (r) => r.kind === 'BUY_REQUEST');
    const two = ['SELL_OFFER', 'FINANCING_REQUEST'];
    const nodes = await expectFilter({ kinds: two }, (n) => two.includes(n.kind), (r) => two.includes(r.kind));
    expect(new Set(nodes.map((n) => n.kind)).size).toBe(2);
  });

  it('postedBy PARTNER and ENTERPRISE', async () => {
    await expectFilter({ postedBy: 'PARTNER' }, (n) => n.postedByKind === 'PARTNER' && !!n.partner, (r) => !!r.partnerId);
    await expectFilter({ postedBy: 'ENTERPRISE' }, (n) => n.postedByKind === 'ENTERPRISE' && !!n.enterprise, (r) => !!r.enterpriseId);
  });

  it('sector', async () => {
    await expectFilter({ sector: 'METAL' }, (n) => n.sector === 'METAL', (r) => r.sector === 'METAL');
  });

  it('kbli: a 2-digit prefix finds tags under it and a 5-digit code finds tags covering it', async () => {
    await expectFilter({ kbli: '25' }, (n) => kbliOverlap(n.kbliPrefixes, '25'), (r) => kbliOverlap(r.kbliPrefixes, '25'));
    const code = (await rows()).flatMap((r) => r.kbliPrefixes).find((t) => t.length === 4)!.padEnd(5, '0');
    await expectFilter({ kbli: code }, (n) => kbliOverlap(n.kbliPrefixes, code), (r) => kbliOverlap(r.kbliPrefixes, code));
  });

  it('productCategory', async () => {
    const category = (await rows()).find((r) => r.productCategory)!.productCategory!;
    await expectFilter({ productCategory: category }, (n) => n.productCategory === category, (r) => r.productCategory === category);
  });

  it('districtCode: opportunities in the kecamatan and those for the whole city', async () => {
    const nodes = await expectFilter(
      { districtCode: '33.74.12' },
      (n) => n.districtCodes.length === 0 || n.districtCodes.includes('33.74.12'),
      (r) => r.districtCodes.length === 0 || r.districtCodes.includes('33.74.12'),
    );
    expect(nodes.some((n) => n.districtCodes.includes('33.74.12'))).toBe(true);
  });

  it('regencyCodes: opportunities posted by an IKM, or a partner with its office, in these kabupaten/kota', async () => {
    for (const codes of [['33.74'], ['33.22', '33.21']]) {
      const got = await list({ regencyCodes: codes });
      expect(got.totalCount).toBe((await postsIn(codes)).length);
      expect(got.nodes.every((n) => n.id && postsInIds.has(n.id))).toBe(true);
    }
    expect((await list({ regencyCodes: ['33.99'] })).totalCount).toBe(0);
  });

  it('sentraId and sentraSlug: opportunities posted by member enterprises of the sentra', async () => {
    const sentra = (await rows()).find((r) => r.enterprise?.sentra)!.enterprise!.sentra!;
    const nodes = await expectFilter(
      { sentraSlug: sentra.slug },
      (n) => n.enterprise?.sentra?.slug === sentra.slug,
      (r) => r.enterprise?.sentraId === sentra.id,
    );
    const byId = await list({ sentraId: gid('Sentra', sentra.id) });
    expect(byId.nodes.map((n) => n.id)).toEqual(nodes.map((n) => n.id));
    expect((await list({ sentraId: gid('Sentra', '00000000-0000-7000-8000-000000000000') })).totalCount).toBe(0);
  });

  it('amountAtLeast and amountAtMost overlap the opportunity range; opportunities without an amount are left out', async () => {
    const x = 100_000_000n;
    await expectFilter(
      { amountAtLeast: String(x) },
      (n) => overlapsAtLeast(big(n.amountMin), big(n.amountMax), x),
      (r) => overlapsAtLeast(r.amountMin, r.amountMax, x),
    );
    const y = 5_000_000n;
    await expectFilter(
      { amountAtMost: String(y) },
      (n) => overlapsAtMost(big(n.amountMin), big(n.amountMax), y),
      (r) => overlapsAtMost(r.amountMin, r.amountMax, y),
    );
  });

  it.each(['OPEN', 'EXPIRED', 'CLOSED', 'FULFILLED'] as const)('status %s, derived from validUntil at request time', async (status) => {
    await expectFilter({ status }, (n) => n.status === status, (r) => seenStatus(r) === status);
  });

  it('openOnly is status OPEN', async () => {
    const nodes = await expectFilter({ openOnly: true }, (n) => n.status === 'OPEN', (r) => seenStatus(r) === 'OPEN');
    // Some open opportunities have not started yet: OPEN but not active.
    expect(nodes.some((n) => !n.isActive)).toBe(true);
    expect(nodes.filter((n) => !n.isActive).every((n) => new Date(n.validFrom) > new Date())).toBe(true);
  });

  it('partnerKind and funderType of the poster', async () => {
    await expectFilter({ partnerKind: 'FUNDER' }, (n) => n.partner?.kind === 'FUNDER', (r) => r.partner?.kind === 'FUNDER');
    await expectFilter({ funderType: 'BANK' }, (n) => n.partner?.funderType === 'BANK', (r) => r.partner?.funderType === 'BANK');
  });

  it('requiredCertification', async () => {
    const kind = (await rows()).flatMap((r) => r.requiredCertifications)[0]!;
    await expectFilter(
      { requiredCertification: kind },
      (n) => n.requiredCertifications.includes(kind),
      (r) => r.requiredCertifications.includes(kind),
    );
  });

  it('search: full text over title, description and category, every word, each as a prefix', async () => {
    const words = (text: string) => text.split(' ').filter(Boolean);
    const matches = (r: Row, terms: string[]) => terms.every((t) => words(r.searchText).some((w) => w.startsWith(t)));
    const target = (await rows()).find((r) => r.kind === 'BUY_REQUEST')!;
    // Both words cut short: the first is a prefix as much as the last.
    const terms = words(target.searchText).filter((w) => w.length >= 5).slice(0, 2).map((w) => w.slice(0, 4));
    expect(terms).toHaveLength(2);
    const byId = new Map((await rows()).map((r) => [gid('Opportunity', r.id), r]));
    const nodes = await expectFilter({ search: terms.join(' ').toUpperCase() }, (n) => matches(byId.get(n.id)!, terms), (r) => matches(r, terms));
    expect(nodes.map((n) => n.id)).toContain(gid('Opportunity', target.id));
  });
});

describe('opportunities: combined filters and the two questions', () => {
  it('open buy requests for metal products (kbli 25 or sector METAL)', async () => {
    const byKbli = await expectFilter(
      { kinds: ['BUY_REQUEST'], openOnly: true, kbli: '25' },
      (n) => n.kind === 'BUY_REQUEST' && n.status === 'OPEN' && kbliOverlap(n.kbliPrefixes, '25'),
      (r) => r.kind === 'BUY_REQUEST' && seenStatus(r) === 'OPEN' && kbliOverlap(r.kbliPrefixes, '25'),
    );
    expect(byKbli.every((n) => n.postedByKind === 'PARTNER' && n.partner?.kind === 'BUYER')).toBe(true);
    const bySector = await expectFilter(
      { kinds: ['BUY_REQUEST'], status: 'OPEN', sector: 'METAL' },
      (n) => n.kind === 'BUY_REQUEST' && n.status === 'OPEN' && n.sector === 'METAL',
      (r) => r.kind === 'BUY_REQUEST' && seenStatus(r) === 'OPEN' && r.sector === 'METAL',
    );
    expect(bySector.length).toBeGreaterThan(0);
  });

  it("funders' financing offers for micro enterprises (amount at most Rp2 miliar, open)", async () => {
    const cap = 2_000_000_000n;
    const nodes = await expectFilter(
      { kinds: ['FINANCING_OFFER'], partnerKind: 'FUNDER', openOnly: true, amountAtMost: String(cap) },
      (n) => n.kind === 'FINANCING_OFFER' && n.partner?.kind === 'FUNDER' && n.status === 'OPEN' && overlapsAtMost(big(n.amountMin), big(n.amountMax), cap),
      (r) => r.kind === 'FINANCING_OFFER' && r.partner?.kind === 'FUNDER' && seenStatus(r) === 'OPEN' && overlapsAtMost(r.amountMin, r.amountMax, cap),
    );
    expect(new Set(nodes.map((n) => n.partner!.funderType)).size).toBeGreaterThan(1);
    // A micro loan of Rp50 juta: offers whose range contains it.
    const loan = 50_000_000n;
    await expectFilter(
      { kinds: ['FINANCING_OFFER'], openOnly: true, amountAtLeast: String(loan), amountAtMost: String(loan) },
      (n) => n.status === 'OPEN' && overlapsAtLeast(big(n.amountMin), big(n.amountMax), loan) && overlapsAtMost(big(n.amountMin), big(n.amountMax), loan),
      (r) => r.kind === 'FINANCING_OFFER' && seenStatus(r) === 'OPEN' && overlapsAtLeast(r.amountMin, r.amountMax, loan) && overlapsAtMost(r.amountMin, r.amountMax, loan),
    );
  });

  it('IKM financing requests in a sentra, above an amount, not closed', async () => {
    const r0 = (await rows()).find((r) => r.kind === 'FINANCING_REQUEST' && r.enterprise?.sentra && seenStatus(r) === 'OPEN')!;
    const slug = r0.enterprise!.sentra!.slug;
    await expectFilter(
      { kinds: ['FINANCING_REQUEST'], postedBy: 'ENTERPRISE', sentraSlug: slug, amountAtLeast: '1000000', status: 'OPEN' },
      (n) => n.kind === 'FINANCING_REQUEST' && n.enterprise?.sentra?.slug === slug && n.status === 'OPEN',
      (r) =>
        r.kind === 'FINANCING_REQUEST' &&
        r.enterprise?.sentra?.slug === slug &&
        seenStatus(r) === 'OPEN' &&
        overlapsAtLeast(r.amountMin, r.amountMax, 1_000_000n),
    );
  });

  it('contradictory filters give an empty page, not an error', async () => {
    const res = await list({ postedBy: 'ENTERPRISE', partnerKind: 'BUYER' });
    expect(res).toMatchObject({ totalCount: 0, nodes: [] });
    const res2 = await list({ status: 'CLOSED', openOnly: true });
    expect(res2.totalCount).toBe(0);
  });

  it.each([
    ["' OR 1=1 --"],
    ['"; DROP TABLE "Opportunity"; --'],
    ['batik:* | kopi'],
    ['!!! &&& |||'],
    ['\\'],
    ['%_%'],
    ["bandeng') OR ('a'='a"],
  ])('treats %j as text in search, productCategory and sentraSlug', async (text) => {
    const search = await list({ search: text });
    const terms = text.normalize('NFD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').split(' ').filter(Boolean);
    const byId = new Map((await rows()).map((r) => [gid('Opportunity', r.id), r]));
    expect(search.nodes.every((n) => terms.every((t) => byId.get(n.id)!.searchText.split(' ').some((w) => w.startsWith(t))))).toBe(true);
    expect((await list({ productCategory: text })).totalCount).toBe(0);
    expect((await list({ sentraSlug: text })).totalCount).toBe(0);
    expect(await api.db.prisma.opportunity.count()).toBeGreaterThan(100);
  });

  it.each([[{ kbli: '2' }], [{ kbli: '25x' }], [{ districtCode: '33.74.00' }]])('rejects the malformed filter %j', async (filter) => {
    const res = await api.gql(`query($filter: OpportunityFilter) { opportunities(filter: $filter) { totalCount } }`, { filter });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('opportunities: ordering and paging', () => {
  const sorted = <T,>(xs: T[], cmp: (a: T, b: T) => number) => [...xs].sort(cmp);

  it('orders by VALID_UNTIL, TITLE, AMOUNT (nulls last) and CREATED_AT', async () => {
    const byValid = (await list({}, [{ field: 'VALID_UNTIL', direction: 'ASC' }])).nodes.map((n) => n.validUntil);
    expect(byValid).toEqual(sorted(byValid, (a, b) => Date.parse(a) - Date.parse(b)));
    const byTitle = (await list({}, [{ field: 'TITLE', direction: 'DESC' }])).nodes.map((n) => n.title);
    expect(byTitle).toEqual(sorted(byTitle, (a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const byAmount = (await list({ kinds: ['FINANCING_OFFER', 'BUY_REQUEST', 'SUPPLY_OFFER'] }, [{ field: 'AMOUNT', direction: 'DESC' }])).nodes;
    const amounts = byAmount.map((n) => n.amountMax);
    const firstNull = amounts.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(amounts.slice(firstNull).every((a) => a === null)).toBe(true);
    const present = amounts.slice(0, firstNull).map((a) => BigInt(a!));
    expect(present).toEqual(sorted(present, (a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const byCreated = (await list({}, [{ field: 'CREATED_AT', direction: 'ASC' }])).nodes;
    const first = (await rows()).sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1))[0]!;
    expect(byCreated[0]!.id).toBe(gid('Opportunity', first.id));
  });

  it.each(['AMOUNT', 'VALID_UNTIL', 'TITLE'])('pages through every opportunity ordered by %s without gaps or repeats', async (field) => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 50; page += 1) {
      const res: any = await api.gql(
        `query($after: String, $orderBy: [OpportunityOrder!]) { opportunities(first: 37, after: $after, orderBy: $orderBy) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`,
        { after, orderBy: [{ field, direction: 'ASC' }] },
      );
      expect(res.errors).toBeUndefined();
      total = res.data.opportunities.totalCount;
      seen.push(...res.data.opportunities.nodes.map((n: { id: string }) => n.id));
      if (!res.data.opportunities.pageInfo.hasNextPage) break;
      after = res.data.opportunities.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
  });
});

const POST = `mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) {
  opportunity { ${NODE} } userErrors { code field message } } }`;
const UPDATE = `mutation($input: OpportunityUpdateInput!) { opportunityUpdate(input: $input) {
  opportunity { id title status isActive validUntil } userErrors { code field message } } }`;
const CLOSE = `mutation($input: OpportunityCloseInput!) { opportunityClose(input: $input) {
  opportunity { id status } userErrors { code field message } } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const buyRequest = () => ({
  kind: 'BUY_REQUEST',
  title: 'Dicari pemasok baut dan mur galvanis',
  description: 'Untuk proyek dermaga, pengiriman bertahap.',
  sector: 'METAL',
  kbliPrefixes: ['2599', ' 25 ', '2599'],
  productCategory: 'Komponen-Mesin',
  quantity: 5000,
  unit: 'pcs',
  amountMin: '50000000',
  amountMax: '75000000',
  districtCodes: ['33.74.02', '33.74.16'],
  requiredCertifications: ['SNI', 'SNI'],
  validUntil: inDays(30),
});
const count = () => api.db.prisma.opportunity.count();

describe('opportunityPost', () => {
  it("posts a buy request for the member's own partner, normalised, searchable at once", async () => {
    const before = await count();
    const res = await api.gql(POST, { input: buyRequest() }, buyer.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data!.opportunityPost.userErrors).toEqual([]);
    const o = res.data!.opportunityPost.opportunity as OppNode;
    expect(o).toMatchObject({
      kind: 'BUY_REQUEST',
      postedByKind: 'PARTNER',
      partner: { id: buyer.gid },
      enterprise: null,
      kbliPrefixes: ['2599', '25'],
      productCategory: 'komponen-mesin',
      requiredCertifications: ['SNI'],
      status: 'OPEN',
      isActive: true,
      amountMin: '50000000',
      amountMax: '75000000',
    });
    expect(await count()).toBe(before + 1);
    const row = await api.db.prisma.opportunity.findUniqueOrThrow({ where: { id: dbId(o.id) } });
    expect(row.searchText).toBe('dicari pemasok baut dan mur galvanis untuk proyek dermaga pengiriman bertahap komponen mesin');
    const found = await list({ search: 'baut galva', kinds: ['BUY_REQUEST'], openOnly: true, kbli: '25991' });
    expect(found.nodes.map((n) => n.id)).toEqual([o.id]);
  });

  it('posts a sell offer for the owner’s enterprise and a financing offer by staff for a funder', async () => {
    const sell = await api.gql(
      POST,
      { input: { kind: 'SELL_OFFER', title: 'Lumpia beku isi rebung', quantity: 300, unit: 'pak', validUntil: inDays(60) } },
      ownerA.headers,
    );
    expect(sell.data!.opportunityPost.userErrors).toEqual([]);
    expect(sell.data!.opportunityPost.opportunity).toMatchObject({ postedByKind: 'ENTERPRISE', enterprise: { id: ownerA.gid }, partner: null });

    const offer = await api.gql(
      POST,
      {
        input: {
          kind: 'FINANCING_OFFER',
          partnerId: funder.gid,
          title: 'KUR Mikro untuk IKM Sentra',
          amountMin: '10000000',
          amountMax: '100000000',
          validFrom: inDays(7),
          validUntil: inDays(90),
        },
      },
      staff,
    );
    expect(offer.data!.opportunityPost.userErrors).toEqual([]);
    // Published ahead of its start: OPEN but not yet active.
    expect(offer.data!.opportunityPost.opportunity).toMatchObject({ status: 'OPEN', isActive: false, partner: { id: funder.gid } });
  });

  it('accepts an API key only with the scope opportunities:write', async () => {
    const mint = async (scopes: string[]) => {
      const res = await api.gql(
        `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret userErrors { code } } }`,
        { input: { partnerId: funder.gid, name: `uji ${scopes.join(' ')}`, scopes, expiresAt: inDays(30) } },
        funder.headers,
      );
      expect(res.data!.apiKeyCreate.userErrors).toEqual([]);
      return { authorization: `Bearer ${res.data!.apiKeyCreate.secret}` };
    };
    const input = { kind: 'FINANCING_OFFER', title: 'Pembiayaan mesin via API', amountMax: '250000000', validUntil: inDays(30) };
    const before = await count();
    const readOnly = await api.gql(POST, { input }, await mint(['LEADS_READ']));
    expect(readOnly.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    const writer = await api.gql(POST, { input }, await mint(['OPPORTUNITIES_WRITE']));
    expect(writer.data!.opportunityPost.userErrors).toEqual([]);
    expect(writer.data!.opportunityPost.opportunity.partner.id).toBe(funder.gid);
    expect(await count()).toBe(before + 1);
  });

  it('is forbidden for anonymous callers and for members of another organisation; nothing is written', async () => {
    const before = await count();
    expect((await api.gql(POST, { input: buyRequest() })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const cases: [Record<string, unknown>, Headers][] = [
      [{ ...buyRequest(), partnerId: funder.gid }, buyer.headers], // another partner
      [{ ...buyRequest(), partnerId: buyer.gid }, ownerA.headers], // an IKM owner for a partner
      [{ kind: 'SELL_OFFER', title: 'Bukan milik saya', enterpriseId: ownerB.gid, validUntil: inDays(5) }, ownerA.headers],
      [{ kind: 'SELL_OFFER', title: 'Bukan milik saya', enterpriseId: ownerA.gid, validUntil: inDays(5) }, buyer.headers],
    ];
    for (const [input, headers] of cases) {
      const res = await api.gql(POST, { input }, headers);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await count()).toBe(before);
  });

  it.each([
    ['an IKM kind posted for a partner', { kind: 'SELL_OFFER' }, 'INVALID_VALUE', ['input', 'kind']],
    ['a 2-character title', { title: ' ab ' }, 'TOO_SHORT', ['input', 'title']],
    ['an empty title', { title: '  ' }, 'REQUIRED', ['input', 'title']],
    ['a title over 200 characters', { title: 'x'.repeat(201) }, 'TOO_LONG', ['input', 'title']],
    ['a description over 4000 characters', { description: 'x'.repeat(4001) }, 'TOO_LONG', ['input', 'description']],
    ['a zero quantity', { quantity: 0 }, 'INVALID_VALUE', ['input', 'quantity']],
    ['a negative quantity', { quantity: -5 }, 'INVALID_VALUE', ['input', 'quantity']],
    ['a quantity without unit', { unit: null }, 'REQUIRED', ['input', 'unit']],
    ['a unit without quantity', { quantity: null }, 'REQUIRED', ['input', 'quantity']],
    ['amountMin above amountMax', { amountMin: '80000000' }, 'INVALID_RANGE', ['input', 'amountMax']],
    ['a delivery period of 0 months', { deliveryMonths: 0 }, 'INVALID_VALUE', ['input', 'deliveryMonths']],
    ['a delivery period over 24 months', { deliveryMonths: 25 }, 'INVALID_VALUE', ['input', 'deliveryMonths']],
    ['a delivery period without a quantity', { quantity: null, unit: null, deliveryMonths: 3 }, 'REQUIRED', ['input', 'quantity']],
    ['validUntil in the past', { validUntil: inDays(-1) }, 'IN_PAST', ['input', 'validUntil']],
    ['validUntil before validFrom', { validFrom: inDays(20), validUntil: inDays(10) }, 'INVALID_RANGE', ['input', 'validUntil']],
    ['an unknown kecamatan', { districtCodes: ['33.74.02', '33.74.99'] }, 'INVALID_VALUE', ['input', 'districtCodes', '1']],
    ['a KBLI prefix outside manufacturing', { kbliPrefixes: ['47'] }, 'INVALID_KBLI', ['input', 'kbliPrefixes', '0']],
    ['a malformed KBLI prefix', { kbliPrefixes: ['25', '2x'] }, 'INVALID_KBLI', ['input', 'kbliPrefixes', '1']],
    ['both partnerId and enterpriseId', { enterpriseId: gid('Enterprise', '00000000-0000-7000-8000-000000000001') }, 'INVALID_VALUE', ['input', 'enterpriseId']],
  ])('rejects %s with a typed user error and writes nothing', async (_label, change, code, field) => {
    const before = await count();
    const input = { ...buyRequest(), partnerId: buyer.gid, ...change };
    const res = await api.gql(POST, { input }, buyer.headers);
    expect(res.errors).toBeUndefined();
    expect(res.data!.opportunityPost.opportunity).toBeNull();
    expect(res.data!.opportunityPost.userErrors).toEqual([expect.objectContaining({ code, field })]);
    // A message names the rule, never the value given (25 months: "from 1 to 24").
    if ('deliveryMonths' in change) expect(res.data!.opportunityPost.userErrors[0].message).not.toContain(String(change.deliveryMonths));
    expect(await count()).toBe(before);
  });

  it('stores a buy request\'s delivery period and returns it; other kinds are refused one, and nothing is written', async () => {
    const before = await count();
    const res = await api.gql(POST, { input: { ...buyRequest(), quantity: 9000, deliveryMonths: 3 } }, buyer.headers);
    expect(res.data!.opportunityPost.userErrors).toEqual([]);
    const o = res.data!.opportunityPost.opportunity as OppNode;
    expect(o).toMatchObject({ quantity: 9000, unit: 'pcs', deliveryMonths: 3 });
    expect((await api.db.prisma.opportunity.findUniqueOrThrow({ where: { id: dbId(o.id) } })).deliveryMonths).toBe(3);
    const read = await api.gql('query($id: ID!) { opportunity(id: $id) { deliveryMonths } }', { id: o.id });
    expect(read.data!.opportunity).toEqual({ deliveryMonths: 3 });
    // Without one the quantity stays a monthly volume: null, as every seeded opportunity reads.
    expect((await api.gql(POST, { input: buyRequest() }, buyer.headers)).data!.opportunityPost.opportunity.deliveryMonths).toBeNull();
    const sell = await api.gql(
      POST,
      { input: { kind: 'SELL_OFFER', title: 'Batik tulis motif asem', quantity: 500, unit: 'lembar', deliveryMonths: 2, validUntil: inDays(30) } },
      ownerA.headers,
    );
    expect(sell.data!.opportunityPost).toEqual({ opportunity: null, userErrors: [expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'deliveryMonths'] })] });
    expect(await count()).toBe(before + 2);
  });

  it('requires an amount on financing kinds', async () => {
    const before = await count();
    const res = await api.gql(POST, { input: { kind: 'FINANCING_OFFER', title: 'KUR tanpa plafon', validUntil: inDays(9) } }, funder.headers);
    expect(res.data!.opportunityPost.userErrors).toEqual([
      expect.objectContaining({ code: 'REQUIRED', field: ['input', 'amountMax'] }),
    ]);
    const req = await api.gql(POST, { input: { kind: 'FINANCING_REQUEST', title: 'Modal kerja', validUntil: inDays(9) } }, ownerA.headers);
    expect(req.data!.opportunityPost.userErrors).toEqual([
      expect.objectContaining({ code: 'REQUIRED', field: ['input', 'amountMax'] }),
    ]);
    expect(await count()).toBe(before);
  });

  it('answers NOT_FOUND for a staff post to a partner that does not exist, and rejects negative or absurd money at the scalar', async () => {
    const before = await count();
    const ghost = await api.gql(POST, { input: { ...buyRequest(), partnerId: gid('Partner', '00000000-0000-7000-8000-000000000000') } }, staff);
    expect(ghost.data!.opportunityPost.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'partnerId'] })]);
    for (const amountMin of ['-1', '9999999999999999', 'Rp50.000.000']) {
      const bad = await api.gql(POST, { input: { ...buyRequest(), amountMin } }, buyer.headers);
      expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await count()).toBe(before);
  });
});

describe('expiry is derived when read', () => {
  async function insert(validUntil: Date, extra: Partial<Opportunity> = {}) {
    const row = await api.db.prisma.opportunity.create({
      data: {
        kind: 'BUY_REQUEST',
        title: 'Baris uji kedaluwarsa',
        partnerId: buyer.id,
        validFrom: new Date(Date.now() - 86_400_000),
        validUntil,
        searchText: 'baris uji kedaluwarsa',
        ...extra,
      },
    });
    return gid('Opportunity', row.id);
  }
  const statusOf = async (id: string) =>
    (await api.gql(`query($id: ID!) { opportunity(id: $id) { status isActive } }`, { id })).data!.opportunity as {
      status: string;
      isActive: boolean;
    };

  it('an OPEN row whose validUntil just passed reads EXPIRED everywhere; one just ahead reads OPEN', async () => {
    const lapsed = await insert(new Date(Date.now() - 5));
    const ahead = await insert(new Date(Date.now() + 120_000));
    expect(await statusOf(lapsed)).toEqual({ status: 'EXPIRED', isActive: false });
    expect(await statusOf(ahead)).toEqual({ status: 'OPEN', isActive: true });
    const expired = await list({ status: 'EXPIRED', search: 'kedaluwarsa' });
    expect(expired.nodes.map((n) => n.id)).toEqual([lapsed]);
    const open = await list({ openOnly: true, search: 'kedaluwarsa' });
    expect(open.nodes.map((n) => n.id)).toEqual([ahead]);
    // Stored status stays OPEN: nothing was written by reading.
    expect((await api.db.prisma.opportunity.findUniqueOrThrow({ where: { id: dbId(lapsed) } })).status).toBe('OPEN');
  });

  it('a posted opportunity expires by the clock, cannot be reopened without a new validUntil, and reopens with one', async () => {
    const posted = await api.gql(
      POST,
      { input: { kind: 'BUY_REQUEST', title: 'Pesanan kilat seragam', validUntil: new Date(Date.now() + 1500).toISOString() } },
      buyer.headers,
    );
    const id = posted.data!.opportunityPost.opportunity.id as string;
    expect(await statusOf(id)).toEqual({ status: 'OPEN', isActive: true });
    await sleep(1700);
    expect(await statusOf(id)).toEqual({ status: 'EXPIRED', isActive: false });
    expect((await list({ status: 'EXPIRED', search: 'kilat seragam' })).nodes.map((n) => n.id)).toEqual([id]);

    const reopen = await api.gql(UPDATE, { input: { id, reopen: true } }, buyer.headers);
    expect(reopen.data!.opportunityUpdate.userErrors).toEqual([expect.objectContaining({ code: 'IN_PAST', field: ['input', 'validUntil'] })]);
    // Editing the text of an expired one is fine and leaves it expired.
    const retitle = await api.gql(UPDATE, { input: { id, title: 'Pesanan kilat seragam sekolah' } }, buyer.headers);
    expect(retitle.data!.opportunityUpdate.opportunity).toMatchObject({ title: 'Pesanan kilat seragam sekolah', status: 'EXPIRED' });
    const moved = await api.gql(UPDATE, { input: { id, reopen: true, validUntil: inDays(14) } }, buyer.headers);
    expect(moved.data!.opportunityUpdate.userErrors).toEqual([]);
    expect(moved.data!.opportunityUpdate.opportunity).toMatchObject({ status: 'OPEN', isActive: true });
  });
});

describe('opportunityUpdate and opportunityClose', () => {
  async function fresh(headers: Headers = buyer.headers) {
    const res = await api.gql(POST, { input: buyRequest() }, headers);
    return res.data!.opportunityPost.opportunity.id as string;
  }
  const row = (id: string) => api.db.prisma.opportunity.findUniqueOrThrow({ where: { id: dbId(id) } });

  it("lets the poster's members and staff update; searchText follows the new title", async () => {
    const id = await fresh();
    const res = await api.gql(UPDATE, { input: { id, title: 'Dicari pemasok plat baja tebal', description: null } }, buyer.headers);
    expect(res.data!.opportunityUpdate.userErrors).toEqual([]);
    expect((await row(id)).searchText).toBe('dicari pemasok plat baja tebal komponen mesin');
    expect((await list({ search: 'plat baja tebal' })).nodes.map((n) => n.id)).toEqual([id]);
    const byStaff = await api.gql(UPDATE, { input: { id, quantity: 8000 } }, staff);
    expect(byStaff.data!.opportunityUpdate.userErrors).toEqual([]);
    // A period set, then cleared (null: the quantity is a monthly volume again).
    expect((await api.gql(UPDATE, { input: { id, deliveryMonths: 6 } }, buyer.headers)).data!.opportunityUpdate.userErrors).toEqual([]);
    expect((await row(id)).deliveryMonths).toBe(6);
    expect((await api.gql(UPDATE, { input: { id, deliveryMonths: null } }, buyer.headers)).data!.opportunityUpdate.userErrors).toEqual([]);
    expect((await row(id)).deliveryMonths).toBeNull();
  });

  it('validates against the result: amountMin above the stored amountMax, a unit cleared under a quantity, validUntil in the past', async () => {
    const id = await fresh();
    const before = await row(id);
    for (const [change, code, field] of [
      [{ amountMin: '90000000' }, 'INVALID_RANGE', ['input', 'amountMax']],
      [{ unit: null }, 'REQUIRED', ['input', 'unit']],
      [{ validUntil: inDays(-2) }, 'IN_PAST', ['input', 'validUntil']],
      [{ title: 'ok' }, 'TOO_SHORT', ['input', 'title']],
      [{ districtCodes: ['33.74.20'] }, 'INVALID_VALUE', ['input', 'districtCodes', '0']],
      [{ deliveryMonths: 30 }, 'INVALID_VALUE', ['input', 'deliveryMonths']],
    ] as const) {
      const res = await api.gql(UPDATE, { input: { id, ...change } }, buyer.headers);
      expect(res.data!.opportunityUpdate.userErrors).toEqual([expect.objectContaining({ code, field })]);
    }
    expect(await row(id)).toEqual(before);
  });

  it("is forbidden for anonymous callers and another organisation's members; nothing changes", async () => {
    const id = await fresh();
    const before = await row(id);
    expect((await api.gql(UPDATE, { input: { id, title: 'Diambil alih' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.gql(CLOSE, { input: { id, reason: 'CLOSED' } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const headers of [funder.headers, ownerA.headers]) {
      expect((await api.gql(UPDATE, { input: { id, title: 'Diambil alih' } }, headers)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await api.gql(CLOSE, { input: { id, reason: 'CLOSED' } }, headers)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await row(id)).toEqual(before);
  });

  it('closes as FULFILLED or CLOSED, refuses the same close twice, and reopens', async () => {
    const id = await fresh();
    const done = await api.gql(CLOSE, { input: { id, reason: 'FULFILLED' } }, buyer.headers);
    expect(done.data!.opportunityClose).toEqual({ opportunity: { id, status: 'FULFILLED' }, userErrors: [] });
    expect((await list({ status: 'FULFILLED', search: 'baut galvanis' })).nodes.map((n) => n.id)).toContain(id);
    const twice = await api.gql(CLOSE, { input: { id, reason: 'FULFILLED' } }, buyer.headers);
    expect(twice.data!.opportunityClose.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'reason'] })]);
    const closed = await api.gql(CLOSE, { input: { id, reason: 'CLOSED' } }, staff);
    expect(closed.data!.opportunityClose.opportunity.status).toBe('CLOSED');
    const reopened = await api.gql(UPDATE, { input: { id, reopen: true } }, buyer.headers);
    expect(reopened.data!.opportunityUpdate.opportunity.status).toBe('OPEN');
    const missing = await api.gql(CLOSE, { input: { id: gid('Opportunity', '00000000-0000-7000-8000-000000000000'), reason: 'CLOSED' } }, staff);
    expect(missing.data!.opportunityClose.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
  });

  it('an IKM owner updates and closes its own enterprise opportunity', async () => {
    const posted = await api.gql(POST, { input: { kind: 'SUPPLY_REQUEST', title: 'Butuh kain mori primissima', validUntil: inDays(20) } }, ownerA.headers);
    const id = posted.data!.opportunityPost.opportunity.id as string;
    expect((await api.gql(UPDATE, { input: { id, quantity: 200, unit: 'meter' } }, ownerA.headers)).data!.opportunityUpdate.userErrors).toEqual([]);
    expect((await api.gql(CLOSE, { input: { id, reason: 'CLOSED' } }, ownerB.headers)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.gql(CLOSE, { input: { id, reason: 'CLOSED' } }, ownerA.headers)).data!.opportunityClose.opportunity.status).toBe('CLOSED');
  });
});

describe("the filters' stored keys follow their sources", () => {
  /** Every page's ids. */
  const ids = async (filter: Record<string, unknown>) => {
    const all: string[] = [];
    for (let after: string | null = null; ; ) {
      const res = await api.gql(
        'query($filter: OpportunityFilter, $after: String) { opportunities(first: 100, after: $after, filter: $filter) { nodes { id } pageInfo { hasNextPage endCursor } } }',
        { filter, after },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data!.opportunities as { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      all.push(...page.nodes.map((n) => dbId(n.id)));
      if (!page.pageInfo.hasNextPage) return all;
      after = page.pageInfo.endCursor;
    }
  };

  it("an IKM moving to another kabupaten and sentra moves its posts; a partner's office too", async () => {
    const prisma = api.db.prisma;
    const post = await prisma.opportunity.findFirstOrThrow({ where: { enterprise: { sentraId: { not: null } } }, include: { enterprise: { include: { district: { include: { regency: true } } } } } });
    const enterprise = post.enterprise!;
    const away = await prisma.district.findFirstOrThrow({ where: { regency: { code: { not: enterprise.district.regency.code } } }, include: { regency: true } });
    const sentra = await prisma.sentra.findFirstOrThrow({ where: { id: { not: enterprise.sentraId! } } });
    const home = { regencyCodes: [enterprise.district.regency.code] };
    expect(await ids(home)).toContain(post.id);
    await prisma.enterprise.update({ where: { id: enterprise.id }, data: { districtId: away.id, sentraId: sentra.id } });
    try {
      expect(await ids({ regencyCodes: [away.regency.code], sentraSlug: sentra.slug })).toContain(post.id);
      expect(await ids({ sentraId: gid('Sentra', enterprise.sentraId!) })).not.toContain(post.id);
      expect((await list(home)).totalCount).toBe((await postsIn(home.regencyCodes)).length);
    } finally {
      await prisma.enterprise.update({ where: { id: enterprise.id }, data: { districtId: enterprise.districtId, sentraId: enterprise.sentraId } });
    }
    expect(await ids({ sentraSlug: (await prisma.sentra.findUniqueOrThrow({ where: { id: enterprise.sentraId! } })).slug })).toContain(post.id);

    const partnerPost = await prisma.opportunity.findFirstOrThrow({ where: { partner: { districtId: { not: null } } }, include: { partner: true } });
    const partner = partnerPost.partner!;
    await prisma.partner.update({ where: { id: partner.id }, data: { districtId: away.id } });
    try {
      expect(await ids({ regencyCodes: [away.regency.code], postedBy: 'PARTNER' })).toContain(partnerPost.id);
      await prisma.partner.update({ where: { id: partner.id }, data: { districtId: null } });
      expect(await ids({ regencyCodes: [away.regency.code], postedBy: 'PARTNER' })).not.toContain(partnerPost.id);
    } finally {
      await prisma.partner.update({ where: { id: partner.id }, data: { districtId: partner.districtId } });
    }
  });

  it("a post's new KBLI tags are found under their prefixes and above their codes, the old ones no more", async () => {
    const prisma = api.db.prisma;
    const post = await prisma.opportunity.findFirstOrThrow({ where: { kbliPrefixes: { isEmpty: false } }, orderBy: { id: 'asc' } });
    await prisma.opportunity.update({ where: { id: post.id }, data: { kbliPrefixes: ['3290'] } });
    try {
      for (const kbli of ['32', '329', '3290', '32901']) expect(await ids({ kbli })).toContain(post.id);
      const old = post.kbliPrefixes.filter((t) => !kbliOverlap(['3290'], t));
      for (const kbli of ['33', '3291', ...old]) expect(await ids({ kbli, kinds: [post.kind] })).not.toContain(post.id);
    } finally {
      await prisma.opportunity.update({ where: { id: post.id }, data: { kbliPrefixes: post.kbliPrefixes } });
    }
  });
});

describe('opportunities: statements per request do not grow with page size', () => {
  const query = `query($n: Int) { opportunities(first: $n, filter: { search: "a" }) { totalCount nodes { title status
    partner { name }
    enterprise { name sentra { name district { name } } } } } }`;
  const plain = `query($n: Int) { opportunities(first: $n) { totalCount nodes { title status
    partner { name }
    enterprise { name sentra { name district { name } } } } } }`;

  it('opportunities → partner, enterprise → sentra → district: first 10 and first 100 cost the same statements', async () => {
    const at10 = await api.statementsDuring(() => api.gql(plain, { n: 10 }));
    const at100 = await api.statementsDuring(() => api.gql(plain, { n: 100 }));
    console.log(`statements: opportunities first:10 = ${at10}, first:100 = ${at100}`);
    expect(at10).toBe(at100);
    const res = await api.gql(plain, { n: 100 });
    expect(res.data!.opportunities.nodes.some((n: any) => n.enterprise?.sentra?.district?.name)).toBe(true);
    expect(res.data!.opportunities.nodes.some((n: any) => n.partner?.name)).toBe(true);
    // The count, then the default page: its ids inside its objects' statement (planner/page.ts).
    expect(at10).toBe(2);
    // A full-text search is a condition of the count and the page's query (OpportunitySearchTerm),
    // then the objects.
    const s10 = await api.statementsDuring(() => api.gql(query, { n: 10 }));
    const s100 = await api.statementsDuring(() => api.gql(query, { n: 100 }));
    expect(s10).toBe(s100);
    expect(s10).toBe(3);
  });
});

describe("a province's marketplace: totalCount", () => {
  // A server of its own, with 12,000 more posts than the demo's: more than the count is exact for.
  let big: TestServer;
  const POSTS = 12_000;
  beforeAll(async () => {
    big = await startTestServer({ seeded: true });
    await big.db.exec(`
      INSERT INTO "Opportunity" (id, kind, title, "searchText", "validFrom", "validUntil", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), 'BUY_REQUEST', 'Pengadaan ' || n, CASE WHEN n % 2400 = 0 THEN 'pengadaan langka ' || n ELSE 'pengadaan ' || n END,
        now() - interval '1 day', now() + interval '30 days', now() - n * interval '1 second', now()
      FROM generate_series(1, ${POSTS}) n;
      ANALYZE "Opportunity";`);
  }, 120_000);
  afterAll(() => big.close());

  const total = async (filter: string) => (await big.gql(`{ opportunities(first: 5, filter: ${filter}) { totalCount } }`)).data!.opportunities.totalCount as number;

  it('is exact up to 10,000 and PostgreSQL\'s estimate beyond, never below what it counted', async () => {
    const all = await big.db.prisma.opportunity.count();
    const estimated = await total('{}');
    expect(all).toBeGreaterThan(POSTS);
    expect(estimated).toBeGreaterThan(10_000);
    expect(Math.abs(estimated - all) / all).toBeLessThan(0.1);
    // Few matches are counted exactly: the five posts with a rare word, and the demo's funders' offers.
    expect(await total('{ search: "langka" }')).toBe(5);
    expect(await total('{ kinds: [FINANCING_OFFER] }')).toBe(await big.db.prisma.opportunity.count({ where: { kind: 'FINANCING_OFFER' } }));
  });
});
