import { isUniqueViolation } from '../../schema/src/common/mutation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * Enterprise (IKM) mutations over HTTP: enterpriseCreate, enterpriseUpdate, enterpriseArchive and
 * the product mutations; happy paths, each kind of bad input, "nothing written", and who may call.
 */

let api: TestServer;
let staff: Record<string, string>;
let member: { enterpriseId: string; id: string; headers: Record<string, string> };
let otherMember: { enterpriseId: string; headers: Record<string, string> };
let partnerMember: Record<string, string>;

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
    enterpriseId: memberships[0]!.enterpriseId!,
    id: globalId('Enterprise', memberships[0]!.enterpriseId!),
    headers: await api.as(memberships[0]!.user.email),
  };
  otherMember = { enterpriseId: memberships[1]!.enterpriseId!, headers: await api.as(memberships[1]!.user.email) };
  const partner = await api.db.prisma.organisationMembership.findFirstOrThrow({
    where: { partnerId: { not: null } },
    include: { user: true },
  });
  partnerMember = await api.as(partner.user.email);
});
afterAll(() => api.close());

type Row = Record<string, any>;

/** Rows of every table an enterprise mutation writes. */
async function counts() {
  const p = api.db.prisma;
  const [enterprise, product, kbli, certification, contact] = await Promise.all([
    p.enterprise.count(),
    p.enterpriseProduct.count(),
    p.enterpriseKbli.count(),
    p.certification.count(),
    p.contact.count(),
  ]);
  return { enterprise, product, kbli, certification, contact };
}

let nibCounter = 0;
function freshNib(): string {
  nibCounter += 1;
  return `98${String(Date.now()).slice(-7)}${String(nibCounter).padStart(4, '0')}`;
}

function createInput(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    nib: freshNib(),
    npwp: '01.234.567.8-901.000',
    name: 'Batik Tulis Sekar Jagad',
    description: 'Batik tulis warna alam dari Gunungpati.',
    sector: 'BATIK',
    districtCode: '33.74.12',
    address: 'Jl. Kandri Raya No. 5, Gunungpati',
    foundedOn: '2019-06-15',
    employees: 7,
    annualTurnover: '1800000000',
    businessCapital: '350000000',
    bookkeeping: 'SPREADSHEET',
    hasFinancialStatements: false,
    currentCredit: 'KUR',
    kbliCodes: [
      { code: '13134', version: 'KBLI_2020', isPrimary: true },
      { code: '14111', version: 'KBLI_2020' },
    ],
    certifications: [{ kind: 'HALAL', number: 'ID33110001234560624', issuedOn: '2024-06-01', expiresOn: '2028-06-01' }],
    contacts: [
      { name: 'Sri Rahayu', role: 'Pemilik', phone: '0812-3456-7890', email: 'Sri.Rahayu@Example.COM', isPrimary: true },
      { name: 'Budi Santoso', role: 'Pemasaran', phone: '(024) 7654321' },
    ],
    products: [
      { name: 'Kain batik tulis Sekar Jagad', category: 'batik-tulis', monthlyCapacity: 40, unit: 'lembar', unitPrice: '850000' },
      { name: 'Kemeja batik', category: 'Pakaian-Batik', monthlyCapacity: 600, unit: 'pcs' },
    ],
    ...overrides,
  };
}

const CREATE = `mutation($input: EnterpriseCreateInput!) { enterpriseCreate(input: $input) {
  enterprise { id nib npwp name sector district { code } sentra { slug } foundedOn employees annualTurnover businessCapital
    sizeClass sizeClassReason bookkeeping hasFinancialStatements currentCredit status
    kbliCodes { code version isPrimary groupName } certifications { kind number issuedOn expiresOn isValid }
    contacts { name role phone email isPrimary } products { id name category monthlyCapacity unit unitPrice } }
  userErrors { code field message } } }`;

const UPDATE = `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) {
  enterprise { id nib npwp name description sector sentra { slug } district { code } employees annualTurnover businessCapital
    kbliCodes { code isPrimary } certifications { kind } contacts { name phone email isPrimary } }
  userErrors { code field message } } }`;

const ADD = `mutation($input: EnterpriseProductAddInput!) { enterpriseProductAdd(input: $input) {
  enterprise { id products { id name } } product { id name category monthlyCapacity unit unitPrice } userErrors { code field message } } }`;
const PRODUCT_UPDATE = `mutation($input: EnterpriseProductUpdateInput!) { enterpriseProductUpdate(input: $input) {
  enterprise { id } product { id name category monthlyCapacity unit unitPrice } userErrors { code field message } } }`;
const REMOVE = `mutation($input: EnterpriseProductRemoveInput!) { enterpriseProductRemove(input: $input) {
  enterprise { id products { id } } removedProductId userErrors { code field message } } }`;
const ARCHIVE = `mutation($input: EnterpriseArchiveInput!) { enterpriseArchive(input: $input) {
  enterprise { id status } userErrors { code field message } } }`;

async function searchIds(search: string): Promise<string[]> {
  const res = await api.gql(`query($s: String) { enterprises(first: 100, filter: { search: $s }) { nodes { id } } }`, { s: search });
  expect(res.errors).toBeUndefined();
  return res.data!.enterprises.nodes.map((n: Row) => n.id);
}

describe('enterpriseCreate', () => {
  it('registers an IKM with KBLI codes, certifications, contacts and products, normalising identifiers', async () => {
    const before = await counts();
    const sentra = await api.db.prisma.sentra.findUniqueOrThrow({ where: { slug: 'kampung-batik-malon' } });
    const input = createInput({ sentraId: globalId('Sentra', sentra.id) });
    const res = await api.gql(CREATE, { input }, staff);
    expect(res.errors).toBeUndefined();
    const { enterprise, userErrors } = res.data!.enterpriseCreate;
    expect(userErrors).toEqual([]);
    expect(enterprise).toMatchObject({
      nib: input.nib,
      npwp: '0012345678901000',
      name: 'Batik Tulis Sekar Jagad',
      sector: 'BATIK',
      district: { code: '33.74.12' },
      sentra: { slug: 'kampung-batik-malon' },
      foundedOn: '2019-06-15',
      annualTurnover: '1800000000',
      businessCapital: '350000000',
      sizeClass: 'MICRO',
      bookkeeping: 'SPREADSHEET',
      currentCredit: 'KUR',
      status: 'ACTIVE',
    });
    expect(enterprise.sizeClassReason).toContain('Rp1.800.000.000');
    expect(enterprise.kbliCodes).toEqual([
      { code: '13134', version: 'KBLI_2020', isPrimary: true, groupName: 'Textiles' },
      { code: '14111', version: 'KBLI_2020', isPrimary: false, groupName: 'Wearing apparel' },
    ]);
    expect(enterprise.certifications).toEqual([
      { kind: 'HALAL', number: 'ID33110001234560624', issuedOn: '2024-06-01', expiresOn: '2028-06-01', isValid: true },
    ]);
    expect(enterprise.contacts).toEqual([
      { name: 'Sri Rahayu', role: 'Pemilik', phone: '+6281234567890', email: 'Sri.Rahayu@example.com', isPrimary: true },
      { name: 'Budi Santoso', role: 'Pemasaran', phone: '+62247654321', email: null, isPrimary: false },
    ]);
    expect(enterprise.products.map((p: Row) => [p.name, p.category, p.monthlyCapacity, p.unit, p.unitPrice])).toEqual([
      ['Kain batik tulis Sekar Jagad', 'batik-tulis', 40, 'lembar', '850000'],
      ['Kemeja batik', 'pakaian-batik', 600, 'pcs', null],
    ]);
    expect(await counts()).toEqual({
      enterprise: before.enterprise + 1,
      product: before.product + 2,
      kbli: before.kbli + 2,
      certification: before.certification + 1,
      contact: before.contact + 2,
    });
    // Search text covers name, products, categories and the sentra's name.
    for (const q of ['sekar jag', 'KEMEJA', 'pakaian batik', 'malon']) expect(await searchIds(q), q).toContain(enterprise.id);
    // Findable by the combined partner filter.
    const found = await api.gql(
      `{ enterprises(filter: { sector: BATIK, districtCode: "33.74.12", certification: HALAL, productUnit: "pcs", minMonthlyCapacity: 500 }) { nodes { id } } }`,
    );
    expect(found.data!.enterprises.nodes.map((n: Row) => n.id)).toContain(enterprise.id);
  });

  it('accepts an IKM without optional data', async () => {
    const input = createInput({ npwp: null, annualTurnover: null, businessCapital: null, certifications: [], contacts: [], products: [] });
    delete input.description;
    const res = await api.gql(CREATE, { input }, staff);
    expect(res.data!.enterpriseCreate.userErrors).toEqual([]);
    expect(res.data!.enterpriseCreate.enterprise).toMatchObject({ npwp: null, sizeClass: null, products: [], contacts: [] });
  });

  it.each([
    ['a 12-digit NIB', { nib: '123456789012' }, 'INVALID_NIB', ['input', 'nib']],
    ['a NIB with letters', { nib: '12345678901AB' }, 'INVALID_NIB', ['input', 'nib']],
    ['a 14-digit NPWP', { npwp: '12345678901234' }, 'INVALID_NPWP', ['input', 'npwp']],
    ['an empty name', { name: '   ' }, 'REQUIRED', ['input', 'name']],
    ['a name of 201 characters', { name: 'x'.repeat(201) }, 'TOO_LONG', ['input', 'name']],
    ['an unknown district', { districtCode: '33.74.99' }, 'INVALID_VALUE', ['input', 'districtCode']],
    ['a sentra ID of another type', { sentraId: globalId('District', '0195f3c2-0000-7000-8000-000000000000') }, 'NOT_FOUND', ['input', 'sentraId']],
    ['a founding date in the future', { foundedOn: '2999-01-01' }, 'INVALID_VALUE', ['input', 'foundedOn']],
    ['no workers', { employees: 0 }, 'INVALID_VALUE', ['input', 'employees']],
    ['no KBLI code', { kbliCodes: [] }, 'REQUIRED', ['input', 'kbliCodes']],
    ['a 4-digit KBLI code', { kbliCodes: [{ code: '1313', version: 'KBLI_2020', isPrimary: true }] }, 'INVALID_KBLI', ['input', 'kbliCodes', '0', 'code']],
    ['a KBLI code outside manufacturing', { kbliCodes: [{ code: '47111', version: 'KBLI_2025', isPrimary: true }] }, 'INVALID_KBLI', ['input', 'kbliCodes', '0', 'code']],
    [
      'two primary KBLI codes',
      { kbliCodes: [{ code: '13134', version: 'KBLI_2020', isPrimary: true }, { code: '14111', version: 'KBLI_2020', isPrimary: true }] },
      'INVALID_VALUE',
      ['input', 'kbliCodes'],
    ],
    ['a bad phone', { contacts: [{ name: 'Sri', phone: '12345' }] }, 'INVALID_PHONE', ['input', 'contacts', '0', 'phone']],
    ['a bad e-mail', { contacts: [{ name: 'Sri', email: 'sri@localhost' }] }, 'INVALID_EMAIL', ['input', 'contacts', '0', 'email']],
    [
      'a negative monthly capacity',
      { products: [{ name: 'Kemeja', category: 'pakaian-batik', monthlyCapacity: -5, unit: 'pcs' }] },
      'INVALID_VALUE',
      ['input', 'products', '0', 'monthlyCapacity'],
    ],
    [
      'a category that is not a slug',
      { products: [{ name: 'Kemeja', category: 'pakaian batik!', monthlyCapacity: 5, unit: 'pcs' }] },
      'INVALID_VALUE',
      ['input', 'products', '0', 'category'],
    ],
    [
      'a certificate expiring before issue',
      { certifications: [{ kind: 'SNI', issuedOn: '2024-01-01', expiresOn: '2023-01-01' }] },
      'INVALID_VALUE',
      ['input', 'certifications', '0', 'expiresOn'],
    ],
  ])('rejects %s with a user error and writes nothing', async (_label, change, code, field) => {
    const before = await counts();
    const res = await api.gql(CREATE, { input: createInput(change) }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.enterpriseCreate.enterprise).toBeNull();
    expect(res.data!.enterpriseCreate.userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(res.data!.enterpriseCreate.userErrors[0].message.length).toBeGreaterThan(10);
    expect(await counts()).toEqual(before);
  });

  it('reports every problem of an input at once', async () => {
    const res = await api.gql(CREATE, { input: createInput({ nib: '1', npwp: '2', contacts: [{ name: '', phone: 'x', email: 'y' }] }) }, staff);
    expect(res.data!.enterpriseCreate.userErrors.map((e: Row) => e.code).sort()).toEqual(
      ['INVALID_EMAIL', 'INVALID_NIB', 'INVALID_NPWP', 'INVALID_PHONE', 'REQUIRED'].sort(),
    );
  });

  it.each([
    ['a negative amount', '-5'],
    ['a fractional amount', '1500.50'],
    ['a number instead of a string', 1500],
    ['thousands separators', '1.500.000'],
  ])('rejects %s of money as a variable with a top-level BAD_USER_INPUT error', async (_label, value) => {
    const before = await counts();
    for (const input of [
      createInput({ annualTurnover: value }),
      createInput({ products: [{ name: 'Kemeja', category: 'pakaian-batik', monthlyCapacity: 5, unit: 'pcs', unitPrice: value }] }),
    ]) {
      const res = await api.gql(CREATE, { input }, staff);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await counts()).toEqual(before);
  });

  it('answers TAKEN for a NIB already in the registry', async () => {
    const existing = await api.db.prisma.enterprise.findFirstOrThrow();
    const before = await counts();
    const res = await api.gql(CREATE, { input: createInput({ nib: existing.nib }) }, staff);
    expect(res.data!.enterpriseCreate).toEqual({
      enterprise: null,
      userErrors: [expect.objectContaining({ code: 'TAKEN', field: ['input', 'nib'] })],
    });
    expect(await counts()).toEqual(before);
  });

  it('when two officers register the same NIB at once, one wins and the other gets TAKEN', async () => {
    const nib = freshNib();
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => api.gql(CREATE, { input: createInput({ nib, name: `Balapan ${i}` }) }, staff)),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const payloads = results.map((r) => r.data!.enterpriseCreate);
    expect(payloads.filter((p) => p.enterprise !== null)).toHaveLength(1);
    for (const p of payloads.filter((x) => x.enterprise === null)) {
      expect(p.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'nib'] })]);
    }
    expect(await api.db.prisma.enterprise.count({ where: { nib } })).toBe(1);
    expect(await api.db.prisma.enterpriseProduct.count({ where: { enterprise: { nib } } })).toBe(2);
  });

  it('recognises the unique violation (P2002) that a racing insert raises', async () => {
    const existing = await api.db.prisma.enterprise.findFirstOrThrow();
    const error = await api.db.prisma.enterprise
      .create({ data: { nib: existing.nib, name: 'x', sector: 'BATIK', districtId: existing.districtId, foundedOn: new Date() } })
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error, 'nib')).toBe(true);
    expect(isUniqueViolation(error, 'npwp')).toBe(false);
  });

  it.each([
    ['anonymous callers', () => ({}), 'UNAUTHENTICATED'],
    ['enterprise members', () => member.headers, 'FORBIDDEN'],
    ['partner members', () => partnerMember, 'FORBIDDEN'],
  ])('is refused to %s', async (_label, headers, code) => {
    const before = await counts();
    const res = await api.gql(CREATE, { input: createInput() }, headers());
    expect(res.data?.enterpriseCreate ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(await counts()).toEqual(before);
  });
});

describe('enterpriseUpdate', () => {
  const row = () =>
    api.db.prisma.enterprise.findUniqueOrThrow({
      where: { id: member.enterpriseId },
      include: { kbliCodes: true, certifications: true, contacts: true, products: true },
    });

  it("lets a member change the enterprise's own profile and replace its contacts; search follows the name", async () => {
    const res = await api.gql(
      UPDATE,
      {
        input: {
          id: member.id,
          name: 'Griya Batik Kartika Baru',
          employees: 11,
          npwp: '0012345678901001',
          annualTurnover: '2500000000',
          contacts: [{ name: 'Dewi Lestari', role: 'Pemilik', phone: '+62 812 1111 2222', email: 'dewi@example.net', isPrimary: true }],
        },
      },
      member.headers,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.enterpriseUpdate.userErrors).toEqual([]);
    expect(res.data!.enterpriseUpdate.enterprise).toMatchObject({
      name: 'Griya Batik Kartika Baru',
      employees: 11,
      npwp: '0012345678901001',
      annualTurnover: '2500000000',
      contacts: [{ name: 'Dewi Lestari', phone: '+6281211112222', email: 'dewi@example.net', isPrimary: true }],
    });
    expect((await row()).contacts).toHaveLength(1);
    expect(await searchIds('kartika baru')).toContain(member.id);
  });

  it('clears nullable fields with null, keeps omitted ones, and replaces KBLI codes and certifications', async () => {
    const before = await row();
    const res = await api.gql(
      UPDATE,
      {
        input: {
          id: member.id,
          npwp: null,
          sentraId: null,
          kbliCodes: [{ code: '10750', version: 'KBLI_2025', isPrimary: true }],
          certifications: [{ kind: 'PIRT', number: '2063374010123-28' }],
        },
      },
      staff,
    );
    expect(res.data!.enterpriseUpdate.userErrors).toEqual([]);
    expect(res.data!.enterpriseUpdate.enterprise).toMatchObject({
      npwp: null,
      sentra: null,
      name: before.name,
      kbliCodes: [{ code: '10750', isPrimary: true }],
      certifications: [{ kind: 'PIRT' }],
    });
    const after = await row();
    expect(after.contacts).toEqual(before.contacts);
    expect(after.products).toEqual(before.products);
  });

  it.each([
    ['null for a required field', { name: null }, 'REQUIRED', ['input', 'name']],
    ['a 16-digit NPWP with a mask', { npwp: '01.234.567.8-901.0001' }, 'INVALID_NPWP', ['input', 'npwp']],
    ['a bad phone among the contacts', { contacts: [{ name: 'A', phone: '+1 202 555 0100' }] }, 'INVALID_PHONE', ['input', 'contacts', '0', 'phone']],
    ['a KBLI code with a bad version pairing', { kbliCodes: [{ code: 'ABCDE', version: 'KBLI_2025', isPrimary: true }] }, 'INVALID_KBLI', ['input', 'kbliCodes', '0', 'code']],
    ['a duplicate certification kind', { certifications: [{ kind: 'HALAL' }, { kind: 'HALAL' }] }, 'INVALID_VALUE', ['input', 'certifications', '1', 'kind']],
  ])('rejects %s and changes nothing, not even the valid parts', async (_label, change, code, field) => {
    const before = await row();
    const c = await counts();
    const res = await api.gql(UPDATE, { input: { id: member.id, description: 'Changed', employees: 99, ...change } }, member.headers);
    expect(res.data!.enterpriseUpdate.enterprise).toBeNull();
    expect(res.data!.enterpriseUpdate.userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(await row()).toEqual(before);
    expect(await counts()).toEqual(c);
  });

  it('answers NOT_FOUND for an unknown enterprise (staff)', async () => {
    const res = await api.gql(UPDATE, { input: { id: globalId('Enterprise', '0195f3c2-0000-7000-8000-000000000000'), name: 'X' } }, staff);
    expect(res.data!.enterpriseUpdate.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
  });

  it('staff may correct a NIB, but not to one that is taken', async () => {
    const other = await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: otherMember.enterpriseId } });
    const taken = await api.gql(UPDATE, { input: { id: member.id, nib: other.nib } }, staff);
    expect(taken.data!.enterpriseUpdate.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'nib'] })]);
    const nib = freshNib();
    const ok = await api.gql(UPDATE, { input: { id: member.id, nib } }, staff);
    expect(ok.data!.enterpriseUpdate.enterprise.nib).toBe(nib);
  });

  it.each([
    ['anonymous callers', () => ({}), () => member.id, 'UNAUTHENTICATED', {}],
    ["another enterprise's member", () => otherMember.headers, () => member.id, 'FORBIDDEN', {}],
    ['a partner member', () => partnerMember, () => member.id, 'FORBIDDEN', {}],
    ['a member changing their own NIB', () => member.headers, () => member.id, 'FORBIDDEN', { nib: '1234567890123' }],
  ])('is refused to %s', async (_label, headers, id, code, extra) => {
    const before = await row();
    const res = await api.gql(UPDATE, { input: { id: id(), name: 'Diambil alih', ...extra } }, headers());
    expect(res.data?.enterpriseUpdate ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(await row()).toEqual(before);
  });
});

describe('products', () => {
  it('a member adds, changes and removes a product; search follows', async () => {
    const added = await api.gql(
      ADD,
      { input: { enterpriseId: member.id, name: 'Selendang ecoprint daun jati', category: 'ecoprint', monthlyCapacity: 120, unit: 'pcs', unitPrice: '150000' } },
      member.headers,
    );
    expect(added.errors).toBeUndefined();
    const { product, enterprise, userErrors } = added.data!.enterpriseProductAdd;
    expect(userErrors).toEqual([]);
    expect(product).toMatchObject({ name: 'Selendang ecoprint daun jati', category: 'ecoprint', monthlyCapacity: 120, unit: 'pcs', unitPrice: '150000' });
    expect(enterprise.products.map((p: Row) => p.id)).toContain(product.id);
    expect(await searchIds('selendang jati')).toContain(member.id);

    const changed = await api.gql(
      PRODUCT_UPDATE,
      { input: { id: product.id, name: 'Selendang ecoprint daun ketapang', monthlyCapacity: 200, unitPrice: null } },
      member.headers,
    );
    expect(changed.data!.enterpriseProductUpdate.userErrors).toEqual([]);
    expect(changed.data!.enterpriseProductUpdate.product).toMatchObject({
      name: 'Selendang ecoprint daun ketapang',
      category: 'ecoprint',
      monthlyCapacity: 200,
      unitPrice: null,
    });
    expect(await searchIds('ketapang')).toContain(member.id);
    expect(await searchIds('selendang jati')).not.toContain(member.id);

    const removed = await api.gql(REMOVE, { input: { id: product.id } }, member.headers);
    expect(removed.data!.enterpriseProductRemove.userErrors).toEqual([]);
    expect(removed.data!.enterpriseProductRemove.removedProductId).toBe(product.id);
    expect(removed.data!.enterpriseProductRemove.enterprise.products.map((p: Row) => p.id)).not.toContain(product.id);
    expect(await searchIds('ketapang')).not.toContain(member.id);

    const again = await api.gql(REMOVE, { input: { id: product.id } }, staff);
    expect(again.data!.enterpriseProductRemove.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
  });

  it.each([
    ['a negative capacity', { monthlyCapacity: -1 }, 'INVALID_VALUE', ['input', 'monthlyCapacity']],
    ['an empty name', { name: '' }, 'REQUIRED', ['input', 'name']],
    ['a unit of 31 characters', { unit: 'u'.repeat(31) }, 'TOO_LONG', ['input', 'unit']],
  ])('rejects %s and writes nothing', async (_label, change, code, field) => {
    const before = await counts();
    const res = await api.gql(
      ADD,
      { input: { enterpriseId: member.id, name: 'Produk', category: 'batik-cap', monthlyCapacity: 10, unit: 'lembar', ...change } },
      member.headers,
    );
    expect(res.data!.enterpriseProductAdd).toEqual({ enterprise: null, product: null, userErrors: [expect.objectContaining({ code, field })] });
    expect(await counts()).toEqual(before);
  });

  it('an update with bad values changes nothing', async () => {
    const product = await api.db.prisma.enterpriseProduct.findFirstOrThrow({ where: { enterpriseId: member.enterpriseId } });
    const res = await api.gql(PRODUCT_UPDATE, { input: { id: globalId('EnterpriseProduct', product.id), name: 'Baru', category: 'Bukan Slug' } }, member.headers);
    expect(res.data!.enterpriseProductUpdate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'category'] })]);
    expect(await api.db.prisma.enterpriseProduct.findUniqueOrThrow({ where: { id: product.id } })).toEqual(product);
  });

  it("is refused to anonymous callers and to another enterprise's member", async () => {
    const product = await api.db.prisma.enterpriseProduct.findFirstOrThrow({ where: { enterpriseId: member.enterpriseId } });
    const productId = globalId('EnterpriseProduct', product.id);
    const before = await counts();
    const cases: [string, Record<string, unknown>, Record<string, string>, string][] = [
      [ADD, { enterpriseId: member.id, name: 'X', category: 'x', monthlyCapacity: 1, unit: 'pcs' }, {}, 'UNAUTHENTICATED'],
      [ADD, { enterpriseId: member.id, name: 'X', category: 'x', monthlyCapacity: 1, unit: 'pcs' }, otherMember.headers, 'FORBIDDEN'],
      [PRODUCT_UPDATE, { id: productId, name: 'X' }, otherMember.headers, 'FORBIDDEN'],
      [PRODUCT_UPDATE, { id: productId, name: 'X' }, partnerMember, 'FORBIDDEN'],
      [REMOVE, { id: productId }, {}, 'UNAUTHENTICATED'],
      [REMOVE, { id: productId }, otherMember.headers, 'FORBIDDEN'],
    ];
    for (const [mutation, input, headers, code] of cases) {
      const res = await api.gql(mutation, { input }, headers);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(await counts()).toEqual(before);
    expect(await api.db.prisma.enterpriseProduct.findUniqueOrThrow({ where: { id: product.id } })).toEqual(product);
  });
});

describe('enterpriseArchive', () => {
  it('staff archive an enterprise: hidden from the list, still readable, listed with includeArchived', async () => {
    const created = await api.gql(CREATE, { input: createInput({ name: 'Batik Akan Diarsipkan' }) }, staff);
    const id = created.data!.enterpriseCreate.enterprise.id as string;
    const listed = async (includeArchived: boolean) =>
      (
        await api.gql(`query($f: EnterpriseFilter) { enterprises(first: 100, filter: $f) { nodes { id } } }`, {
          f: { search: 'akan diarsipkan', includeArchived },
        })
      ).data!.enterprises.nodes.map((n: Row) => n.id);
    expect(await listed(false)).toContain(id);

    for (const [headers, code] of [
      [{}, 'UNAUTHENTICATED'],
      [member.headers, 'FORBIDDEN'],
    ] as const) {
      const res = await api.gql(ARCHIVE, { input: { id } }, headers);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
    }
    const res = await api.gql(ARCHIVE, { input: { id } }, staff);
    expect(res.data!.enterpriseArchive).toEqual({ enterprise: { id, status: 'ARCHIVED' }, userErrors: [] });
    expect(await listed(false)).not.toContain(id);
    expect(await listed(true)).toContain(id);
    const again = await api.gql(ARCHIVE, { input: { id } }, staff);
    expect(again.data!.enterpriseArchive.enterprise.status).toBe('ARCHIVED');
    const missing = await api.gql(ARCHIVE, { input: { id: globalId('Enterprise', '00000000-0000-7000-8000-000000000000') } }, staff);
    expect(missing.data!.enterpriseArchive.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });
});
