import { businessAgeMonths } from '@temu-bisnis/schema/domain/business-age';
import { searchText } from '@temu-bisnis/schema/domain/search';
import { sizeClass } from '@temu-bisnis/schema/domain/size-class';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * The enterprise (IKM) directory over HTTP: profile, private fields, filters, search, ordering,
 * pagination and the statement count. Mutations are in enterprise-mutations.test.ts.
 */

let api: TestServer;
let staff: Record<string, string>;
let member: { email: string; enterpriseId: string; headers: Record<string, string> };
let otherMember: Record<string, string>;
let partnerMember: Record<string, string>;
let fixtures: Record<string, string>;

const GUNUNGPATI = '33.74.12';
const TEMBALANG = '33.74.10';

/** Today in Semarang as YYYY-MM-DD, the way the API dates certificates and ages. */
function semarangDate(offsetDays = 0): Date {
  const wib = new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000);
  return new Date(`${wib.toISOString().slice(0, 10)}T00:00:00.000Z`);
}

let nibCounter = 0;
function freshNib(): string {
  nibCounter += 1;
  return `97${String(Date.now()).slice(-7)}${String(nibCounter).padStart(4, '0')}`;
}

interface FixtureSpec {
  name: string;
  district: string;
  sector?: 'BATIK' | 'FOOD_BEVERAGE';
  status?: 'ACTIVE' | 'ARCHIVED';
  halalExpiresOn?: Date | null | 'none';
  products: { name: string; category: string; unit: string; monthlyCapacity: number }[];
  annualTurnover?: bigint | null;
  businessCapital?: bigint | null;
}

/** Inserts an enterprise straight into the database, search text as the application writes it. */
async function insertFixture(spec: FixtureSpec): Promise<string> {
  const district = await api.db.prisma.district.findUniqueOrThrow({ where: { code: spec.district } });
  const e = await api.db.prisma.enterprise.create({
    data: {
      nib: freshNib(),
      name: spec.name,
      description: 'Fixture of the enterprise directory tests.',
      sector: spec.sector ?? 'BATIK',
      districtId: district.id,
      address: 'Jl. Uji No. 1',
      foundedOn: new Date('2015-03-31T00:00:00.000Z'),
      employees: 12,
      annualTurnover: spec.annualTurnover === undefined ? 900_000_000n : spec.annualTurnover,
      businessCapital: spec.businessCapital === undefined ? 200_000_000n : spec.businessCapital,
      status: spec.status ?? 'ACTIVE',
      searchText: searchText(spec.name, 'Fixture of the enterprise directory tests.', ...spec.products.flatMap((p) => [p.name, p.category])),
      kbliCodes: { create: [{ code: '13134', version: 'KBLI_2020', isPrimary: true }] },
      products: { create: spec.products },
      certifications:
        spec.halalExpiresOn === 'none'
          ? undefined
          : { create: [{ kind: 'HALAL', number: 'ID33110000000000000000', expiresOn: spec.halalExpiresOn ?? null }] },
    },
  });
  return globalId('Enterprise', e.id);
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  staff = await api.as('petugas.ikm@disperin.semarangkota.go.id');
  const memberships = await api.db.prisma.organisationMembership.findMany({
    where: { enterpriseId: { not: null } },
    include: { user: true },
    orderBy: { id: 'asc' },
    take: 2,
  });
  expect(memberships.length).toBe(2);
  member = {
    email: memberships[0]!.user.email,
    enterpriseId: memberships[0]!.enterpriseId!,
    headers: await api.as(memberships[0]!.user.email),
  };
  otherMember = await api.as(memberships[1]!.user.email);
  const partnerMembership = await api.db.prisma.organisationMembership.findFirstOrThrow({
    where: { partnerId: { not: null } },
    include: { user: true },
  });
  partnerMember = await api.as(partnerMembership.user.email);

  const garment = (monthlyCapacity: number, unit = 'pcs') => ({
    name: 'Kemeja batik cap',
    category: 'pakaian-batik',
    unit,
    monthlyCapacity,
  });
  fixtures = {
    // The one that satisfies "batik, Gunungpati, Halal, ≥ 500 pcs/month".
    match: await insertFixture({ name: 'Batik Tulis Kénanga Gunungpati', district: GUNUNGPATI, products: [garment(600)] }),
    expiredHalal: await insertFixture({
      name: 'Batik Uji Halal Kedaluwarsa',
      district: GUNUNGPATI,
      halalExpiresOn: semarangDate(-1),
      products: [garment(700)],
    }),
    noHalal: await insertFixture({ name: 'Batik Uji Tanpa Halal', district: GUNUNGPATI, halalExpiresOn: 'none', products: [garment(800)] }),
    tooSmall: await insertFixture({ name: 'Batik Uji Kapasitas Kecil', district: GUNUNGPATI, products: [garment(400)] }),
    elsewhere: await insertFixture({ name: 'Batik Uji Tembalang', district: TEMBALANG, products: [garment(900)] }),
    // Capacity and category on different products: must not match category + capacity together.
    split: await insertFixture({
      name: 'Batik Uji Produk Terpisah',
      district: GUNUNGPATI,
      products: [
        { name: 'Kain batik cap', category: 'batik-cap', unit: 'pcs', monthlyCapacity: 900 },
        garment(100),
      ],
    }),
    otherUnit: await insertFixture({ name: 'Batik Uji Satuan Lembar', district: GUNUNGPATI, products: [garment(900, 'lembar')] }),
    archived: await insertFixture({ name: 'Batik Uji Diarsipkan', district: GUNUNGPATI, status: 'ARCHIVED', products: [garment(650)] }),
    food: await insertFixture({
      name: 'Keripik Uji Gunungpati',
      district: GUNUNGPATI,
      sector: 'FOOD_BEVERAGE',
      products: [{ name: 'Keripik talas', category: 'makanan-ringan', unit: 'pcs', monthlyCapacity: 5000 }],
    }),
    large: await insertFixture({
      name: 'Batik Uji Usaha Besar',
      district: TEMBALANG,
      halalExpiresOn: 'none',
      annualTurnover: 60_000_000_000n,
      products: [garment(50)],
    }),
    unclassified: await insertFixture({
      name: 'Batik Uji Tanpa Angka',
      district: TEMBALANG,
      halalExpiresOn: 'none',
      annualTurnover: null,
      businessCapital: null,
      products: [garment(50)],
    }),
  };
});
afterAll(() => api.close());

type Node = Record<string, any>;

const NODE_FIELDS = `id name description sector status foundedOn employees sizeClass
  district { code name } sentra { id slug name }
  kbliCodes { code version isPrimary group groupName }
  certifications { kind expiresOn isValid }
  products { name category unit monthlyCapacity }`;

async function list(filter: Record<string, unknown>, extra = '', headers: Record<string, string> = {}) {
  const res = await api.gql(
    `query($filter: EnterpriseFilter) { enterprises(first: 100, filter: $filter) { totalCount nodes { ${NODE_FIELDS} ${extra} } } }`,
    { filter },
    headers,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.enterprises as { totalCount: number; nodes: Node[] };
}

/** Every page of a query, following endCursor. */
async function all(filter: Record<string, unknown> = {}, fields = 'id', headers: Record<string, string> = {}, orderBy?: unknown) {
  const nodes: Node[] = [];
  let after: string | null = null;
  for (;;) {
    const res: any = await api.gql(
      `query($filter: EnterpriseFilter, $after: String, $orderBy: [EnterpriseOrder!]) {
        enterprises(first: 100, after: $after, filter: $filter, orderBy: $orderBy) { pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`,
      { filter, after, orderBy },
      headers,
    );
    expect(res.errors).toBeUndefined();
    nodes.push(...res.data.enterprises.nodes);
    if (!res.data.enterprises.pageInfo.hasNextPage) return nodes;
    after = res.data.enterprises.pageInfo.endCursor;
  }
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const hasValid = (n: Node, kind: string) => n.certifications.some((c: Node) => c.kind === kind && c.isValid);

describe('enterprise profile', () => {
  it('shows the public profile with derived business age, size class and KBLI group names', async () => {
    const res = await api.gql(
      `query($id: ID!) { enterprise(id: $id) { ${NODE_FIELDS} nib address businessAgeMonths sizeClassReason isDemo createdAt updatedAt
        contacts { name role isPrimary } } }`,
      { id: globalId('Enterprise', member.enterpriseId) },
    );
    expect(res.errors).toBeUndefined();
    const e = res.data!.enterprise;
    const row = await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: member.enterpriseId } });
    expect(e.nib).toBe(row.nib);
    expect(e.nib).toMatch(/^\d{13}$/);
    expect(e.foundedOn).toBe(row.foundedOn.toISOString().slice(0, 10));
    expect(e.businessAgeMonths).toBe(businessAgeMonths(row.foundedOn, semarangDate()));
    expect(e.sizeClass).toBe(sizeClass(row).sizeClass);
    expect(e.kbliCodes.length).toBeGreaterThan(0);
    expect(e.kbliCodes[0].isPrimary).toBe(true);
    for (const k of e.kbliCodes) {
      expect(k.code).toMatch(/^\d{5}$/);
      expect(k.group).toBe(k.code.slice(0, 2));
      expect(typeof k.groupName).toBe('string');
    }
    expect(e.contacts.length).toBeGreaterThan(0);
    expect(e.isDemo).toBe(true);
  });

  it('finds an enterprise by id, node(id) and NIB (spaces trimmed), and null for wrong ids and bad NIBs', async () => {
    const row = await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: member.enterpriseId } });
    const id = globalId('Enterprise', row.id);
    const res = await api.gql(
      `query($id: ID!, $nib: String!, $bad: String!, $other: ID!) {
        a: enterprise(id: $id) { id } b: node(id: $id) { id ... on Enterprise { nib } } c: enterpriseByNib(nib: $nib) { id }
        d: enterpriseByNib(nib: $bad) { id } e: enterprise(id: $other) { id } }`,
      { id, nib: ` ${row.nib} `, bad: row.nib.slice(1), other: globalId('Sentra', row.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: { id }, b: { id, nib: row.nib }, c: { id }, d: null, e: null });
    // A malformed id is not "nothing found" but the caller's mistake (issue 11).
    const garbage = await api.gql(`{ enterprise(id: "garbage") { id } }`);
    expect(garbage.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('an archived enterprise is still readable by id', async () => {
    const res = await api.gql(`query($id: ID!) { enterprise(id: $id) { name status } }`, { id: fixtures.archived });
    expect(res.data!.enterprise).toEqual({ name: 'Batik Uji Diarsipkan', status: 'ARCHIVED' });
  });
});

describe('private fields', () => {
  const PRIVATE = `npwp annualTurnover businessCapital bookkeeping hasFinancialStatements currentCredit sizeClassReason
    contacts { name role phone email }`;
  const read = async (headers: Record<string, string>) => {
    const res = await api.gql(`query($id: ID!) { enterprise(id: $id) { name ${PRIVATE} } }`, { id: globalId('Enterprise', member.enterpriseId) }, headers);
    expect(res.errors).toBeUndefined();
    return res.data!.enterprise;
  };

  it.each([
    ['anonymous callers', () => ({})],
    ["another enterprise's member", () => otherMember],
    ["a partner's member", () => partnerMember],
  ])('are null for %s, while the public profile still resolves', async (_label, headers) => {
    const e = await read(headers());
    expect(e.name).toBeTruthy();
    for (const field of ['npwp', 'annualTurnover', 'businessCapital', 'bookkeeping', 'hasFinancialStatements', 'currentCredit']) {
      expect(e[field]).toBeNull();
    }
    expect(e.contacts.length).toBeGreaterThan(0);
    for (const c of e.contacts) {
      expect(c.name).toBeTruthy();
      expect(c.phone).toBeNull();
      expect(c.email).toBeNull();
    }
    expect(e.sizeClassReason).not.toMatch(/Rp\d/);
  });

  it.each([
    ['Disperin staff', () => staff],
    ["the enterprise's own member", () => member.headers],
  ])('are visible to %s', async (_label, headers) => {
    const e = await read(headers());
    const row = await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: member.enterpriseId }, include: { contacts: true } });
    expect(e.npwp).toBe(row.npwp);
    expect(e.annualTurnover).toBe(row.annualTurnover === null ? null : String(row.annualTurnover));
    expect(e.businessCapital).toBe(row.businessCapital === null ? null : String(row.businessCapital));
    expect(e.bookkeeping).toBe(row.bookkeeping);
    expect(e.hasFinancialStatements).toBe(row.hasFinancialStatements);
    expect(e.currentCredit).toBe(row.currentCredit);
    expect(e.sizeClassReason).toBe(sizeClass(row).reason);
    expect(e.contacts.map((c: Node) => c.phone).sort()).toEqual(row.contacts.map((c) => c.phone).sort());
    for (const c of e.contacts) expect(c.phone).toMatch(/^\+62\d{8,12}$/);
  });

  it('in a list, each row shows private data only to its own member', async () => {
    const nodes = await all({}, 'id npwp annualTurnover contacts { phone }', member.headers);
    const own = globalId('Enterprise', member.enterpriseId);
    for (const n of nodes) {
      if (n.id === own) expect(n.contacts[0].phone).not.toBeNull();
      else {
        expect(n.npwp).toBeNull();
        expect(n.annualTurnover).toBeNull();
        expect(n.contacts.every((c: Node) => c.phone === null)).toBe(true);
      }
    }
  });
});

describe('filters, one by one', () => {
  it('sector', async () => {
    const { nodes, totalCount } = await list({ sector: 'BATIK' });
    expect(totalCount).toBeGreaterThan(0);
    expect(nodes.every((n) => n.sector === 'BATIK')).toBe(true);
  });

  it('kbli (exact) and kbliPrefix', async () => {
    const exact = await list({ kbli: '13134' });
    expect(exact.totalCount).toBeGreaterThan(0);
    expect(exact.nodes.every((n) => n.kbliCodes.some((k: Node) => k.code === '13134'))).toBe(true);
    const prefix = await list({ kbliPrefix: '10' });
    expect(prefix.totalCount).toBeGreaterThan(0);
    expect(prefix.nodes.every((n) => n.kbliCodes.some((k: Node) => k.code.startsWith('10')))).toBe(true);
    const fourDigits = await list({ kbliPrefix: '1313' });
    expect(fourDigits.totalCount).toBe(exact.totalCount);
  });

  it('sentraSlug and sentraId', async () => {
    const bySlug = await list({ sentraSlug: 'kampung-batik-malon' });
    expect(bySlug.totalCount).toBeGreaterThan(0);
    expect(bySlug.nodes.every((n) => n.sentra?.slug === 'kampung-batik-malon')).toBe(true);
    const byId = await list({ sentraId: bySlug.nodes[0]!.sentra.id });
    expect(byId.nodes.map((n) => n.id).sort()).toEqual(bySlug.nodes.map((n) => n.id).sort());
  });

  it('districtCode', async () => {
    const { nodes, totalCount } = await list({ districtCode: GUNUNGPATI });
    expect(totalCount).toBeGreaterThan(0);
    expect(nodes.every((n) => n.district.code === GUNUNGPATI && n.district.name === 'Gunungpati')).toBe(true);
  });

  it('certification: only certificates that have not expired', async () => {
    const { nodes, totalCount } = await list({ certification: 'HALAL' });
    expect(totalCount).toBeGreaterThan(0);
    expect(nodes.every((n) => hasValid(n, 'HALAL'))).toBe(true);
    const ids = (await all({ certification: 'HALAL' })).map((n) => n.id);
    expect(ids).toContain(fixtures.match);
    expect(ids).not.toContain(fixtures.expiredHalal);
    expect(ids).not.toContain(fixtures.noHalal);
  });

  it('productCategory, productUnit and minMonthlyCapacity', async () => {
    const category = await list({ productCategory: 'batik-tulis' });
    expect(category.totalCount).toBeGreaterThan(0);
    expect(category.nodes.every((n) => n.products.some((p: Node) => p.category === 'batik-tulis'))).toBe(true);
    const capacity = await list({ minMonthlyCapacity: 2000 });
    expect(capacity.totalCount).toBeGreaterThan(0);
    expect(capacity.nodes.every((n) => n.products.some((p: Node) => p.monthlyCapacity >= 2000))).toBe(true);
    const unit = await list({ productUnit: 'KG' });
    expect(unit.nodes.every((n) => n.products.some((p: Node) => p.unit === 'kg'))).toBe(true);
  });

  it('productUnit is a unit, not a pattern: "%" and "_g" match no unit, alone or with a category (each read)', async () => {
    expect((await list({ productUnit: 'kg' })).totalCount).toBeGreaterThan(0);
    expect((await list({ productCategory: 'batik-tulis', productUnit: 'lembar' })).totalCount).toBeGreaterThan(0);
    for (const unit of ['%', '_g', 'k%']) {
      expect((await list({ productUnit: unit })).totalCount).toBe(0);
      expect((await list({ productCategory: 'batik-tulis', productUnit: unit.replace('g', 'embar') })).totalCount).toBe(0);
      expect((await list({ productCategory: 'batik-tulis', productUnit: unit, sector: 'BATIK' })).totalCount).toBe(0);
    }
  });

  it('foundedBefore', async () => {
    const { nodes, totalCount } = await list({ foundedBefore: '2005-01-01' });
    expect(totalCount).toBeGreaterThan(0);
    expect(nodes.every((n) => n.foundedOn < '2005-01-01')).toBe(true);
  });

  it('includeArchived: archived enterprises are hidden unless asked for', async () => {
    const hidden = (await all({ districtCode: GUNUNGPATI }, 'id status')).map((n) => n.id);
    expect(hidden).not.toContain(fixtures.archived);
    const shown = await all({ districtCode: GUNUNGPATI, includeArchived: true }, 'id status');
    expect(shown.map((n) => n.id)).toContain(fixtures.archived);
    expect(shown.length).toBe(hidden.length + 1);
  });

  it('sizeClass: every enterprise agrees with the domain sizeClass, and the filter partitions the registry', async () => {
    // The provincial office reads every IKM's figures (a kabupaten/kota's office only its own IKM's).
    const nodes = await all({}, 'id sizeClass annualTurnover businessCapital', await api.as('petugas.ikm@disperindag.jatengprov.go.id'));
    const expected = new Map<string | null, string[]>();
    for (const n of nodes) {
      const domain = sizeClass({
        annualTurnover: n.annualTurnover === null ? null : BigInt(n.annualTurnover),
        businessCapital: n.businessCapital === null ? null : BigInt(n.businessCapital),
      }).sizeClass;
      expect(n.sizeClass).toBe(domain);
      expected.set(domain, [...(expected.get(domain) ?? []), n.id]);
    }
    for (const cls of ['MICRO', 'SMALL', 'MEDIUM', 'LARGE'] as const) {
      expect(expected.get(cls)?.length ?? 0).toBeGreaterThan(0);
      const filtered = await all({ sizeClass: cls }, 'id sizeClass');
      expect(filtered.every((n) => n.sizeClass === cls)).toBe(true);
      expect(filtered.map((n) => n.id).sort()).toEqual([...expected.get(cls)!].sort());
    }
    expect(expected.get(null)).toContain(fixtures.unclassified);
    expect(expected.get('LARGE')).toContain(fixtures.large);
  });
});

describe('filters combined', () => {
  const filter = {
    sector: 'BATIK',
    districtCode: GUNUNGPATI,
    certification: 'HALAL',
    productCategory: 'pakaian-batik',
    productUnit: 'pcs',
    minMonthlyCapacity: 500,
  };

  it('batik IKM in Gunungpati with a valid Halal certificate and one pakaian-batik product of ≥ 500 pcs/month', async () => {
    const { nodes, totalCount } = await list(filter);
    expect(totalCount).toBe(nodes.length);
    const ids = nodes.map((n) => n.id);
    expect(ids).toContain(fixtures.match);
    for (const decoy of ['expiredHalal', 'noHalal', 'tooSmall', 'elsewhere', 'split', 'otherUnit', 'archived', 'food']) {
      expect(ids, decoy).not.toContain(fixtures[decoy]);
    }
    for (const n of nodes) {
      expect(n.sector).toBe('BATIK');
      expect(n.status).toBe('ACTIVE');
      expect(n.district.code).toBe(GUNUNGPATI);
      expect(hasValid(n, 'HALAL')).toBe(true);
      expect(
        n.products.some((p: Node) => p.category === 'pakaian-batik' && p.unit === 'pcs' && p.monthlyCapacity >= 500),
      ).toBe(true);
    }
  });

  it('without the same-product rule the split decoy would match: category and capacity apart', async () => {
    const byCategory = (await all({ ...filter, minMonthlyCapacity: undefined, productUnit: undefined })).map((n) => n.id);
    const byCapacity = (await all({ ...filter, productCategory: undefined })).map((n) => n.id);
    expect(byCategory).toContain(fixtures.split);
    expect(byCapacity).toContain(fixtures.split);
  });

  it('with search and foundedBefore as well', async () => {
    const { nodes } = await list({ ...filter, search: 'kenanga', foundedBefore: '2016-01-01' });
    expect(nodes.map((n) => n.id)).toEqual([fixtures.match]);
    const none = await list({ ...filter, search: 'kenanga', foundedBefore: '2015-01-01' });
    expect(none).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('full-text search', () => {
  const SEARCHABLE = `name description products { name category } sentra { name }`;
  const words = (n: Node) =>
    fold([n.name, n.description, ...n.products.flatMap((p: Node) => [p.name, p.category]), n.sentra?.name ?? ''].join(' '))
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);

  it('is case- and accent-insensitive and matches word prefixes: "BATIK tul" finds "Batik Tulis…"', async () => {
    const nodes = await all({ search: 'BATIK tul' }, `id ${SEARCHABLE}`);
    expect(nodes.map((n) => n.id)).toContain(fixtures.match);
    for (const n of nodes) {
      expect(words(n).some((w) => w.startsWith('batik'))).toBe(true);
      expect(words(n).some((w) => w.startsWith('tul'))).toBe(true);
    }
    for (const q of ['kénanga', 'KENANGA', 'Kenan', 'batik TULIS kénan']) {
      expect((await all({ search: q })).map((n) => n.id), q).toContain(fixtures.match);
    }
    expect(await all({ search: 'kenangax' })).toEqual([]);
  });

  it('finds seeded enterprises by product words', async () => {
    const nodes = await all({ search: 'bandeng presto' }, `id ${SEARCHABLE}`);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) expect(words(n).some((w) => w.startsWith('presto'))).toBe(true);
  });

  it.each([["'; DROP TABLE \"Enterprise\"; --"], ['batik) | (x'], ['\\'], ["batik:* | !'"], ['%_%'], ['   ']])(
    'treats %j as text: answers normally and changes nothing',
    async (search) => {
      const before = await api.db.prisma.enterprise.count();
      const res = await api.gql(`query($s: String) { enterprises(filter: { search: $s }) { totalCount nodes { id } } }`, { s: search });
      expect(res.errors).toBeUndefined();
      expect(res.data!.enterprises.totalCount).toBeGreaterThanOrEqual(0);
      expect(await api.db.prisma.enterprise.count()).toBe(before);
    },
  );

  it('"batik) | (x" means batik AND a word starting with x, not an OR', async () => {
    const injected = await all({ search: 'batik) | (x' });
    const batik = await all({ search: 'batik' });
    expect(injected.length).toBeLessThan(batik.length);
  });

  it('text without letters or digits is ignored', async () => {
    const plain = await api.gql(`{ enterprises { totalCount } }`);
    const blank = await api.gql(`{ enterprises(filter: { search: "\\\\ -- ;" }) { totalCount } }`);
    expect(blank.data!.enterprises.totalCount).toBe(plain.data!.enterprises.totalCount);
  });
});

describe('invalid filter values are BAD_USER_INPUT errors', () => {
  it.each([
    ['a 1-digit KBLI prefix', { kbliPrefix: '1' }, 'kbliPrefix'],
    ['a 6-digit KBLI prefix', { kbliPrefix: '131341' }, 'kbliPrefix'],
    ['a 4-digit exact KBLI', { kbli: '1313' }, 'kbli'],
    ['a negative capacity', { minMonthlyCapacity: -1 }, 'minMonthlyCapacity'],
    ['a district name instead of a code', { districtCode: 'Gunungpati' }, 'districtCode'],
    ['a sentra ID of another type', { sentraId: 'RGlzdHJpY3Q6MQ==' }, 'sentraId'],
    ['a search of 201 characters', { search: 'a'.repeat(201) }, 'search'],
  ])('%s', async (_label, filter, field) => {
    const res = await api.gql(`query($f: EnterpriseFilter) { enterprises(filter: $f) { totalCount nodes { id } } }`, { f: filter });
    expect(res.data?.enterprises ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).toContain(`filter.${field}`);
  });

  it('a valid filter that nothing matches is an empty list, not an error', async () => {
    expect(await list({ districtCode: '33.74.99' })).toEqual({ totalCount: 0, nodes: [] });
  });
});

describe('ordering and pagination', () => {
  const cmp = (a: unknown, b: unknown) => (a === b ? 0 : (a as never) < (b as never) ? -1 : 1);

  it.each(['ASC', 'DESC'])('orders by NAME %s as the database collates names', async (direction) => {
    const nodes = await all({}, 'id name', {}, [{ field: 'NAME', direction }]);
    const rows = await api.db.query<{ id: string }>(
      `SELECT id::text AS id FROM "Enterprise" WHERE status = 'ACTIVE' ORDER BY name ${direction}, id ${direction}`,
    );
    expect(nodes.map((n) => n.id)).toEqual(rows.map((r) => globalId('Enterprise', r.id)));
  });

  it.each([
    ['FOUNDED_ON', 'ASC', 'foundedOn'],
    ['EMPLOYEES', 'DESC', 'employees'],
    ['CREATED_AT', 'DESC', 'createdAt'],
  ])('orders by %s %s', async (field, direction, key) => {
    const nodes = await all({}, `id name foundedOn employees createdAt`, {}, [{ field, direction }]);
    const sign = direction === 'DESC' ? -1 : 1;
    for (let i = 1; i < nodes.length; i += 1) {
      expect(sign * cmp(nodes[i - 1]![key], nodes[i]![key]), `${nodes[i - 1]![key]} then ${nodes[i]![key]}`).toBeLessThanOrEqual(0);
    }
  });

  it('pages forward and backward through ties (EMPLOYEES) without gaps or repeats', async () => {
    const orderBy = [{ field: 'EMPLOYEES', direction: 'DESC' }];
    const total = (await api.gql(`{ enterprises { totalCount } }`)).data!.enterprises.totalCount as number;
    const forward: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const res: any = await api.gql(
        `query($after: String, $orderBy: [EnterpriseOrder!]) { enterprises(first: 17, after: $after, orderBy: $orderBy) {
          pageInfo { hasNextPage endCursor } edges { cursor node { id employees } } } }`,
        { after, orderBy },
      );
      forward.push(...res.data.enterprises.edges.map((e: Node) => e.node.id));
      if (!res.data.enterprises.pageInfo.hasNextPage) break;
      after = res.data.enterprises.pageInfo.endCursor;
    }
    expect(forward).toHaveLength(total);
    expect(new Set(forward).size).toBe(total);
    expect(forward).toEqual((await all({}, 'id', {}, orderBy)).map((n) => n.id));

    const backward: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const res: any = await api.gql(
        `query($before: String, $orderBy: [EnterpriseOrder!]) { enterprises(last: 23, before: $before, orderBy: $orderBy) {
          pageInfo { hasPreviousPage startCursor } nodes { id } } }`,
        { before, orderBy },
      );
      backward.unshift(...res.data.enterprises.nodes.map((n: Node) => n.id));
      if (!res.data.enterprises.pageInfo.hasPreviousPage) break;
      before = res.data.enterprises.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('pages hold 20 by default and at most 100; more is refused', async () => {
    const res = await api.gql(`{ a: enterprises(first: 100) { nodes { id } } b: enterprises { nodes { id } } }`);
    expect(res.data!.a.nodes).toHaveLength(100);
    expect(res.data!.b.nodes).toHaveLength(20);
    const tooMany = await api.gql(`{ enterprises(first: 500) { nodes { id } } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('statements per request do not grow with page size', () => {
  const query = `query($n: Int) { enterprises(first: $n) { totalCount nodes { name sizeClass businessAgeMonths npwp
    products { name category } sentra { name district { name } } district { code } kbliCodes { code groupName }
    certifications { kind isValid } contacts { name phone } } } }`;

  it('enterprises with two levels of nesting: first 10 and first 100 cost the same statements', async () => {
    for (const headers of [{}, staff]) {
      const at10 = await api.statementsDuring(() => api.gql(query, { n: 10 }, headers));
      const at100 = await api.statementsDuring(() => api.gql(query, { n: 100 }, headers));
      console.log(`statements: enterprises first:10 = ${at10}, first:100 = ${at100}${headers === staff ? ' (staff)' : ''}`);
      expect(at10).toBe(at100);
      // One statement per relation plus the count; a signed-in caller adds the token lookup.
      expect(at10).toBeLessThanOrEqual(headers === staff ? 14 : 10);
    }
  });

  it('a search filter adds one statement, whatever the page size', async () => {
    const searched = `query($n: Int) { enterprises(first: $n, filter: { search: "batik" }) { totalCount nodes { name products { name } sentra { name district { name } } kbliCodes { code } } } }`;
    const at10 = await api.statementsDuring(() => api.gql(searched, { n: 10 }));
    const at100 = await api.statementsDuring(() => api.gql(searched, { n: 100 }));
    console.log(`statements: enterprises(search) first:10 = ${at10}, first:100 = ${at100}`);
    expect(at10).toBe(at100);
  });
});
