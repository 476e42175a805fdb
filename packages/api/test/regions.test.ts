import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * Regions over HTTP: the kabupaten/kota and kecamatan of Jawa Tengah, the regional scope of
 * Disperin staff (an office of a kabupaten/kota changes only its own IKM; the provincial office
 * all), the directory's regencyCodes filter and kecamatan code validation.
 */

let api: TestServer;
let semarangOfficer: Record<string, string>;
let demakOfficer: Record<string, string>;
let provincialOfficer: Record<string, string>;
let semarangIkm: { id: string; rowId: string };
let demakIkm: { id: string; rowId: string };

const UPDATE = `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) {
  enterprise { id description district { code regency { code } } } userErrors { code field message } } }`;

async function ikmOf(regencyCode: string) {
  const row = await api.db.prisma.enterprise.findFirstOrThrow({
    where: { status: 'ACTIVE', district: { regency: { code: regencyCode } } },
    orderBy: { nib: 'asc' },
    select: { id: true },
  });
  return { id: globalId('Enterprise', row.id), rowId: row.id };
}

async function descriptionOf(rowId: string) {
  return (await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: rowId }, select: { description: true, updatedAt: true } }));
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  semarangOfficer = await api.as('petugas.ikm@disperin.semarangkota.go.id');
  demakOfficer = await api.as('petugas.ikm@disperin.demakkab.go.id');
  provincialOfficer = await api.as('petugas.ikm@disperindag.jatengprov.go.id');
  semarangIkm = await ikmOf('33.74');
  demakIkm = await ikmOf('33.21');
});
afterAll(() => api.close());

describe('reference data', () => {
  it('knows the 35 kabupaten/kota of Jawa Tengah and their 576 kecamatan', async () => {
    const res = await api.gql(`{ regencies(first: 100) { totalCount nodes { code name kind } }
      semarang: regencyByCode(code: "33.74") { name kind districts { totalCount } }
      demak: regencyByCode(code: "33.21") { name kind }
      districts { totalCount } gunungpati: districtByCode(code: "33.74.12") { name regency { name } } }`);
    expect(res.errors).toBeUndefined();
    const data = res.data!;
    expect(data.regencies.totalCount).toBe(35);
    expect(data.regencies.nodes.filter((r: { kind: string }) => r.kind === 'KOTA')).toHaveLength(6);
    expect(data.semarang).toEqual({ name: 'Kota Semarang', kind: 'KOTA', districts: { totalCount: 16 } });
    expect(data.demak).toEqual({ name: 'Kabupaten Demak', kind: 'KABUPATEN' });
    expect(data.districts.totalCount).toBe(576);
    expect(data.gunungpati).toEqual({ name: 'Gunungpati', regency: { name: 'Kota Semarang' } });
  });

  it('finds kabupaten/kota by part of their name', async () => {
    const res = await api.gql('{ regencies(filter: { search: "semarang" }) { nodes { code } } }');
    expect(res.data!.regencies.nodes.map((n: { code: string }) => n.code)).toEqual(['33.22', '33.74']);
  });
});

describe('staff scope: an office changes only the IKM of its own kabupaten/kota', () => {
  async function edit(headers: Record<string, string>, ikm: { id: string }, description: string) {
    return api.gql(UPDATE, { input: { id: ikm.id, description } }, headers);
  }

  it('the Kota Semarang officer cannot edit an IKM of Kabupaten Demak, and nothing changes', async () => {
    const before = await descriptionOf(demakIkm.rowId);
    const res = await edit(semarangOfficer, demakIkm, 'Diubah oleh petugas Kota Semarang');
    expect(res.errors).toBeUndefined();
    expect(res.data!.enterpriseUpdate.enterprise).toBeNull();
    expect(res.data!.enterpriseUpdate.userErrors).toEqual([
      { code: 'FORBIDDEN', field: ['input', 'id'], message: expect.stringContaining('outside the region of your Disperin office') },
    ]);
    expect(await descriptionOf(demakIkm.rowId)).toEqual(before);
  });

  it('the Kota Semarang officer edits an IKM of Kota Semarang', async () => {
    const res = await edit(semarangOfficer, semarangIkm, 'Diubah oleh petugas Kota Semarang');
    expect(res.data!.enterpriseUpdate.userErrors).toEqual([]);
    expect(res.data!.enterpriseUpdate.enterprise.description).toBe('Diubah oleh petugas Kota Semarang');
  });

  it('the Demak officer edits an IKM of Demak but not one of Kota Semarang', async () => {
    const own = await edit(demakOfficer, demakIkm, 'Diubah oleh petugas Demak');
    expect(own.data!.enterpriseUpdate.userErrors).toEqual([]);
    expect(own.data!.enterpriseUpdate.enterprise.district.regency.code).toBe('33.21');
    const before = await descriptionOf(semarangIkm.rowId);
    const other = await edit(demakOfficer, semarangIkm, 'Diubah oleh petugas Demak');
    expect(other.data!.enterpriseUpdate.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual([['FORBIDDEN', ['input', 'id']]]);
    expect(await descriptionOf(semarangIkm.rowId)).toEqual(before);
  });

  it('an office registers IKM in its own kabupaten/kota only', async () => {
    const CREATE = `mutation($input: EnterpriseCreateInput!) { enterpriseCreate(input: $input) { enterprise { district { regency { code } } } userErrors { code field } } }`;
    const input = (nib: string, districtCode: string) => ({
      nib, name: 'Kerajinan Rotan Demak', sector: 'CRAFT', districtCode, address: 'Jl. Sultan Fatah No. 1', foundedOn: '2018-03-01',
      employees: 3, bookkeeping: 'MANUAL_NOTES', hasFinancialStatements: false, currentCredit: 'NONE',
      kbliCodes: [{ code: '32999', version: 'KBLI_2020', isPrimary: true }],
    });
    const before = await api.db.prisma.enterprise.count();
    const refused = await api.gql(CREATE, { input: input('9921000000001', '33.74.12') }, demakOfficer);
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.enterpriseCreate).toEqual({ enterprise: null, userErrors: [{ code: 'FORBIDDEN', field: ['input', 'districtCode'] }] });
    expect(await api.db.prisma.enterprise.count()).toBe(before);
    const made = await api.gql(CREATE, { input: input('9921000000002', '33.21.11') }, demakOfficer);
    expect(made.data!.enterpriseCreate).toEqual({ enterprise: { district: { regency: { code: '33.21' } } }, userErrors: [] });
  });

  it("another region's office learns nothing of the registry: a taken NIB or an unknown sentra answers FORBIDDEN alone", async () => {
    const CREATE = `mutation($input: EnterpriseCreateInput!) { enterpriseCreate(input: $input) { enterprise { id } userErrors { code field } } }`;
    const { nib } = await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: semarangIkm.rowId }, select: { nib: true } });
    const input = {
      nib, name: 'Kerajinan Rotan Semarang', sector: 'CRAFT', districtCode: '33.74.12', address: 'Jl. Pemuda No. 1', foundedOn: '2018-03-01',
      employees: 3, bookkeeping: 'MANUAL_NOTES', hasFinancialStatements: false, currentCredit: 'NONE',
      kbliCodes: [{ code: '32999', version: 'KBLI_2020', isPrimary: true }], sentraId: globalId('Sentra', '00000000-0000-4000-8000-000000000000'),
    };
    const forbidden = [{ code: 'FORBIDDEN', field: ['input', 'districtCode'] }];
    expect((await api.gql(CREATE, { input }, demakOfficer)).data!.enterpriseCreate).toEqual({ enterprise: null, userErrors: forbidden });
    // The office of the region reads them: the same input answers what is wrong with it.
    const own = await api.gql(CREATE, { input }, semarangOfficer);
    expect(own.data!.enterpriseCreate.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'sentraId'] }, { code: 'TAKEN', field: ['input', 'nib'] }]);
    const { nib: demakNib } = await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: demakIkm.rowId }, select: { nib: true } });
    const moved = await api.gql(UPDATE, { input: { id: semarangIkm.id, nib: demakNib } }, demakOfficer);
    expect(moved.data!.enterpriseUpdate.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual([['FORBIDDEN', ['input', 'id']]]);
  });

  it('an office cannot move its IKM into another kabupaten/kota', async () => {
    const res = await api.gql(UPDATE, { input: { id: semarangIkm.id, districtCode: '33.21.01' } }, semarangOfficer);
    expect(res.data!.enterpriseUpdate.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual([
      ['FORBIDDEN', ['input', 'districtCode']],
    ]);
  });

  it('the provincial officer edits IKM of both', async () => {
    for (const ikm of [semarangIkm, demakIkm]) {
      const res = await edit(provincialOfficer, ikm, 'Diubah oleh petugas provinsi');
      expect(res.data!.enterpriseUpdate.userErrors).toEqual([]);
      expect(res.data!.enterpriseUpdate.enterprise.description).toBe('Diubah oleh petugas provinsi');
    }
  });

  it('archiving follows the same rule', async () => {
    const res = await api.gql(
      'mutation($input: EnterpriseArchiveInput!) { enterpriseArchive(input: $input) { enterprise { status } userErrors { code field } } }',
      { input: { id: demakIkm.id } },
      semarangOfficer,
    );
    expect(res.data!.enterpriseArchive).toEqual({ enterprise: null, userErrors: [{ code: 'FORBIDDEN', field: ['input', 'id'] }] });
    expect((await api.db.prisma.enterprise.findUniqueOrThrow({ where: { id: demakIkm.rowId } })).status).toBe('ACTIVE');
  });
});

describe('kecamatan codes', () => {
  it('accepts any kecamatan of Jawa Tengah and refuses an unknown or malformed code without repeating it', async () => {
    const moved = await api.gql(UPDATE, { input: { id: demakIkm.id, districtCode: '33.21.04' } }, provincialOfficer);
    expect(moved.data!.enterpriseUpdate.userErrors).toEqual([]);
    expect(moved.data!.enterpriseUpdate.enterprise.district.code).toBe('33.21.04');
    for (const code of ['33.99.01', '33.74.17', '3374.01', 'Tembalang']) {
      const res = await api.gql(UPDATE, { input: { id: demakIkm.id, districtCode: code } }, provincialOfficer);
      const errors = res.data!.enterpriseUpdate.userErrors as { code: string; field: string[]; message: string }[];
      expect(errors.map((e) => [e.code, e.field]), code).toEqual([['INVALID_VALUE', ['input', 'districtCode']]]);
      expect(errors[0]!.message).not.toContain(code);
    }
  });
});

describe('regencyCodes filters', () => {
  it('narrows the directory to IKM of the kabupaten/kota given', async () => {
    const res = await api.gql(`{ demak: enterprises(filter: { regencyCodes: ["33.21"] }, first: 100) { totalCount nodes { district { regency { code } } } }
      both: enterprises(filter: { regencyCodes: ["33.74", "33.21"] }) { totalCount } all: enterprises { totalCount } }`);
    expect(res.errors).toBeUndefined();
    const { demak, both, all } = res.data!;
    expect(demak.totalCount).toBeGreaterThan(0);
    expect(demak.nodes.every((n: { district: { regency: { code: string } } }) => n.district.regency.code === '33.21')).toBe(true);
    expect(both.totalCount).toBe(all.totalCount);
  });

  it('narrows sentra, forums and opportunities the same way', async () => {
    const res = await api.gql(`{
      sentraSemarang: sentra(filter: { regencyCodes: ["33.74"] }) { totalCount } sentraDemak: sentra(filter: { regencyCodes: ["33.21"] }) { totalCount }
      sentraAll: sentra { totalCount }
      forumsSemarang: forums(filter: { regencyCodes: ["33.74"] }) { totalCount } forumsDemak: forums(filter: { regencyCodes: ["33.21"] }) { totalCount }
      demak: opportunities(first: 100, filter: { regencyCodes: ["33.21"] }) { totalCount nodes { id } } }`, {}, provincialOfficer);
    expect(res.errors).toBeUndefined();
    const data = res.data!;
    expect(data.sentraSemarang.totalCount).toBe(data.sentraAll.totalCount);
    expect(data.sentraDemak.totalCount).toBe(0);
    expect(data.forumsSemarang.totalCount).toBe(await api.db.prisma.matchmakingSession.count({ where: { district: { regency: { code: '33.74' } } } }));
    expect(data.forumsSemarang.totalCount).toBeGreaterThan(0);
    expect(data.forumsDemak.totalCount).toBe(0);
    const posted = await api.db.prisma.opportunity.findMany({
      where: { OR: [{ enterprise: { district: { regency: { code: '33.21' } } } }, { partner: { district: { regency: { code: '33.21' } } } }] },
      select: { id: true },
    });
    expect(posted.length).toBeGreaterThan(0);
    expect(data.demak.nodes.map((n: { id: string }) => n.id).sort()).toEqual(posted.map((o) => globalId('Opportunity', o.id)).sort());
  });

  it('refuses a malformed code as BAD_USER_INPUT without repeating it', async () => {
    const res = await api.gql('{ enterprises(filter: { regencyCodes: ["33.74", "semarang"] }) { totalCount } }');
    expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.message).not.toContain('semarang');
  });
});

describe('partners serving named kabupaten/kota', () => {
  const RECOMMENDED = `query($id: ID!) { partner(id: $id) { regencyCodes recommendedEnterprises(first: 100) {
    totalCount nodes { enterprise { district { regency { code } } } } } } }`;
  const SET_REGENCIES = `mutation($input: PartnerUpdateInput!) { partnerUpdate(input: $input) { partner { regencyCodes } userErrors { code field message } } }`;

  it('are proposed only IKM inside them; an unknown code is refused without repeating it', async () => {
    const funder = await api.db.prisma.partner.findFirstOrThrow({ where: { kind: 'FUNDER', status: 'ACTIVE' }, orderBy: { slug: 'asc' } });
    const id = globalId('Partner', funder.id);
    const before = await api.gql(RECOMMENDED, { id }, provincialOfficer);
    expect(before.data!.partner.regencyCodes).toEqual([]);
    const everywhere = before.data!.partner.recommendedEnterprises;
    const regencies = (c: { nodes: { enterprise: { district: { regency: { code: string } } } }[] }) => new Set(c.nodes.map((n) => n.enterprise.district.regency.code));

    const bad = await api.gql(SET_REGENCIES, { input: { id, regencyCodes: ['33.21', '33.99'] } }, provincialOfficer);
    expect(bad.data!.partnerUpdate.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field])).toEqual([['INVALID_VALUE', ['input', 'regencyCodes', '1']]]);
    expect(bad.data!.partnerUpdate.userErrors[0].message).not.toContain('33.99');

    const set = await api.gql(SET_REGENCIES, { input: { id, regencyCodes: [' 33.21', '33.21'] } }, provincialOfficer);
    expect(set.data!.partnerUpdate).toEqual({ partner: { regencyCodes: ['33.21'] }, userErrors: [] });
    const after = (await api.gql(RECOMMENDED, { id }, provincialOfficer)).data!.partner.recommendedEnterprises;
    expect(after.totalCount).toBeGreaterThan(0);
    expect(after.totalCount).toBeLessThan(everywhere.totalCount);
    expect([...regencies(after)]).toEqual(['33.21']);

    await api.gql(SET_REGENCIES, { input: { id, regencyCodes: [] } }, provincialOfficer);
  });
});

describe('the same rule over the other records staff change', () => {
  /** Sends the mutation as the Demak officer and expects one FORBIDDEN user error on `field`. */
  async function refusedToDemak(document: string, input: Record<string, unknown>, field: string[]) {
    const res = await api.gql(document, { input }, demakOfficer);
    expect(res.errors).toBeUndefined();
    const payload = Object.values(res.data!)[0] as { userErrors: { code: string; field: string[] }[] };
    expect(payload.userErrors.map((e) => [e.code, e.field])).toEqual([['FORBIDDEN', field]]);
  }

  it('a Demak officer changes no product, sentra or forum of Kota Semarang; nothing is written', async () => {
    const products = await api.db.prisma.enterpriseProduct.count({ where: { enterpriseId: semarangIkm.rowId } });
    await refusedToDemak(
      'mutation($input: EnterpriseProductAddInput!) { enterpriseProductAdd(input: $input) { product { id } userErrors { code field } } }',
      { enterpriseId: semarangIkm.id, name: 'Wingko', category: 'makanan-ringan', monthlyCapacity: 10, unit: 'pcs' },
      ['input', 'enterpriseId'],
    );
    expect(await api.db.prisma.enterpriseProduct.count({ where: { enterpriseId: semarangIkm.rowId } })).toBe(products);

    const sentra = await api.db.prisma.sentra.findFirstOrThrow({ orderBy: { slug: 'asc' } });
    await refusedToDemak(
      'mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { sentra { name } userErrors { code field } } }',
      { id: globalId('Sentra', sentra.id), name: 'Sentra Demak?' },
      ['input', 'id'],
    );
    await refusedToDemak(
      'mutation($input: SentraCoordinatorSetInput!) { sentraCoordinatorSet(input: $input) { sentra { id } userErrors { code field } } }',
      { sentraId: globalId('Sentra', sentra.id), userId: null },
      ['input', 'sentraId'],
    );
    expect(await api.db.prisma.sentra.findUniqueOrThrow({ where: { id: sentra.id } })).toEqual(sentra);

    const forum = await api.db.prisma.matchmakingSession.findFirstOrThrow({ where: { districtId: { not: null } }, orderBy: { slug: 'asc' } });
    await refusedToDemak(
      'mutation($input: ForumUpdateInput!) { forumUpdate(input: $input) { forum { venue } userErrors { code field } } }',
      { id: globalId('Forum', forum.id), venue: 'Pendopo Kabupaten Demak' },
      ['input', 'id'],
    );
    expect((await api.db.prisma.matchmakingSession.findUniqueOrThrow({ where: { id: forum.id } })).venue).toBe(forum.venue);
  });

  it('reports: an office sees its own kabupaten/kota, the provincial office any it asks for', async () => {
    const REPORT = `query($r: String) { funnelReport(dimension: DISTRICT, year: 2025, regencyCode: $r) { rows { key } total { participants { value } } } }`;
    const [semarangOwn, semarangAsked, demakOwn, demakAsked, province] = await Promise.all([
      api.gql(REPORT, {}, semarangOfficer),
      api.gql(REPORT, { r: '33.74' }, provincialOfficer),
      api.gql(REPORT, {}, demakOfficer),
      api.gql(REPORT, { r: '33.21' }, provincialOfficer),
      api.gql(REPORT, {}, provincialOfficer),
    ]);
    for (const res of [semarangOwn, semarangAsked, demakOwn, demakAsked, province]) expect(res.errors).toBeUndefined();
    expect(semarangOwn.data!.funnelReport).toEqual(semarangAsked.data!.funnelReport);
    expect(demakOwn.data!.funnelReport).toEqual(demakAsked.data!.funnelReport);
    expect(semarangOwn.data!.funnelReport.total.participants.value).toBeGreaterThan(0);
    expect(province.data!.funnelReport.total.participants.value).toBeGreaterThanOrEqual(semarangOwn.data!.funnelReport.total.participants.value);
    // Rows are kecamatan: an office's report has none of another kabupaten/kota.
    const demakDistricts = new Set((await api.db.prisma.district.findMany({ where: { regency: { code: '33.21' } }, select: { id: true } })).map((d) => d.id));
    expect(semarangOwn.data!.funnelReport.rows.some((r: { key: string }) => demakDistricts.has(r.key))).toBe(false);
    const other = await api.gql(REPORT, { r: '33.21' }, semarangOfficer);
    expect(other.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

});
