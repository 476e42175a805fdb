import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

describe('directory: districts and sentra', () => {
  it('lists the 16 kecamatan of Kota Semarang with Kemendagri codes 33.74.01–16 in code order', async () => {
    const res = await api.gql(`{ districts(first: 100, filter: { regencyCodes: ["33.74"] }) { totalCount nodes { code name } } all: districts { totalCount } }`);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.districts.nodes as { code: string; name: string }[];
    expect(res.data!.districts.totalCount).toBe(16);
    expect(res.data!.all.totalCount).toBe(576);
    expect(nodes.map((d) => d.code)).toEqual(
      Array.from({ length: 16 }, (_, i) => `33.74.${String(i + 1).padStart(2, '0')}`),
    );
    expect(nodes[0]!.name).toBe('Semarang Tengah');
    expect(nodes[11]!.name).toBe('Gunungpati');
    expect(nodes[15]!.name).toBe('Tugu');
  });

  it('lists 20 sentra, including the metal sentra at KIW and the two batik kampung', async () => {
    const res = await api.gql(`{ sentra(first: 100) { totalCount nodes { name landmark district { name } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.sentra.totalCount).toBe(20);
    const nodes = res.data!.sentra.nodes as { name: string; landmark: string; district: { name: string } }[];
    expect(nodes).toHaveLength(20);
    const find = (text: string) => nodes.find((s) => `${s.name} ${s.landmark}`.includes(text));
    expect(find('Malon')?.district.name).toBe('Gunungpati');
    expect(find('Meteseh')?.district.name).toBe('Tembalang');
    expect(find('Wijaya Kusuma')).toBeDefined();
  });

  it('filters sentra by kecamatan and sector and sorts them', async () => {
    const res = await api.gql(
      `query($code: String) { sentra(filter: { districtCode: $code }, orderBy: [{ field: NAME, direction: DESC }]) {
        nodes { name district { code } } } }`,
      { code: '33.74.12' },
    );
    const nodes = res.data!.sentra.nodes as { name: string; district: { code: string } }[];
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n) => n.district.code === '33.74.12')).toBe(true);
    expect(nodes.map((n) => n.name)).toEqual([...nodes.map((n) => n.name)].sort().reverse());
  });

  it('pages through sentra with cursors without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const res: any = await api.gql(
        `query($after: String) { sentra(first: 6, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`,
        { after },
      );
      seen.push(...res.data.sentra.nodes.map((n: { id: string }) => n.id));
      if (!res.data.sentra.pageInfo.hasNextPage) break;
      after = res.data.sentra.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
  });

  it('resolves node(id) for a sentra and a district, and null for a wrong id', async () => {
    const list = await api.gql(`{ sentra(first: 1) { nodes { id name district { id code } } } }`);
    const sentra = list.data!.sentra.nodes[0];
    const node = await api.gql(
      `query($a: ID!, $b: ID!) { a: node(id: $a) { id ... on Sentra { name } } b: node(id: $b) { ... on District { code } } }`,
      { a: sentra.id, b: sentra.district.id },
    );
    expect(node.data!.a).toEqual({ id: sentra.id, name: sentra.name });
    expect(node.data!.b).toEqual({ code: sentra.district.code });
    const missing = await api.gql(`{ node(id: "U2VudHJhOjAwMDAwMDAwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMA==") { id } }`);
    expect(missing.data?.node ?? null).toBeNull();
  });
});

describe('sentraUpdate', () => {
  let staff: Record<string, string>;
  beforeAll(async () => {
    staff = await api.as('petugas.ikm@disperin.semarangkota.go.id');
  });
  const mutation = `mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) {
    sentra { id name programStage flagshipProducts } userErrors { code field message } } }`;

  async function firstSentra() {
    const res = await api.gql(`{ sentra(first: 1, orderBy: [{ field: NAME }]) { nodes { id name programStage flagshipProducts } } }`);
    return res.data!.sentra.nodes[0] as { id: string; name: string; programStage: string; flagshipProducts: string[] };
  }

  it('updates the programme stage and flagship products', async () => {
    const before = await firstSentra();
    const res = await api.gql(
      mutation,
      { input: { id: before.id, programStage: 'INDEPENDENT', flagshipProducts: [' Batik tulis ', 'Batik cap'] } },
      staff,
    );
    expect(res.data!.sentraUpdate.userErrors).toEqual([]);
    expect(res.data!.sentraUpdate.sentra).toMatchObject({
      id: before.id,
      programStage: 'INDEPENDENT',
      flagshipProducts: ['Batik tulis', 'Batik cap'],
    });
    expect(await firstSentra()).toMatchObject({ programStage: 'INDEPENDENT' });
  });

  it.each([
    ['an empty name', { name: '  ' }, 'REQUIRED', ['input', 'name']],
    ['a name over 120 characters', { name: 'x'.repeat(121) }, 'TOO_LONG', ['input', 'name']],
    ['21 flagship products', { flagshipProducts: Array.from({ length: 21 }, (_, i) => `P${i}`) }, 'TOO_MANY', ['input', 'flagshipProducts']],
    ['an empty flagship product', { flagshipProducts: ['ok', ''] }, 'REQUIRED', ['input', 'flagshipProducts', '1']],
  ])('rejects %s with a typed user error and changes nothing', async (_label, change, code, field) => {
    const before = await firstSentra();
    const res = await api.gql(mutation, { input: { id: before.id, programStage: 'FORMING', ...change } }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.sentraUpdate.sentra).toBeNull();
    expect(res.data!.sentraUpdate.userErrors).toEqual([expect.objectContaining({ code, field })]);
    expect(await firstSentra()).toEqual(before);
  });

  it('answers NOT_FOUND for an id of another type or of no sentra (a malformed one is BAD_USER_INPUT: bad-input.test.ts)', async () => {
    const districts = await api.gql(`{ districts(first: 1) { nodes { id } } }`);
    for (const id of [districts.data!.districts.nodes[0].id, globalId('Sentra', '00000000-0000-7000-8000-000000000000')]) {
      const res = await api.gql(mutation, { input: { id, name: 'X' } }, staff);
      expect(res.data!.sentraUpdate.userErrors).toEqual([
        expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] }),
      ]);
    }
  });
});

describe('sentraUpdate is for Disperin staff only', () => {
  it('refuses anonymous callers (UNAUTHENTICATED) and IKM owners (FORBIDDEN) and changes nothing', async () => {
    const list = await api.gql(`{ sentra(first: 1, orderBy: [{ field: NAME }]) { nodes { id name } } }`);
    const { id, name } = list.data!.sentra.nodes[0];
    const mutation = `mutation($id: ID!) { sentraUpdate(input: { id: $id, name: "Hijacked" }) { sentra { name } } }`;
    const anonymous = await api.gql(mutation, { id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const owner = await api.db.prisma.user.findFirstOrThrow({ where: { role: 'ENTERPRISE' } });
    const asOwner = await api.gql(mutation, { id }, await api.as(owner.email));
    expect(asOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await api.gql(`query($id: ID!) { node(id: $id) { ... on Sentra { name } } }`, { id });
    expect(after.data!.node.name).toBe(name);
  });
});

describe('statements per request do not grow with page size', () => {
  const query = `query($n: Int) { sentra(first: $n) { totalCount nodes { name memberCount
    district { code name sentra(first: 5) { nodes { name district { code } } } } } } }`;

  it('sentra → district → sentra → district: first 10 and first 100 cost the same statements', async () => {
    const at10 = await api.statementsDuring(() => api.gql(query, { n: 10 }));
    const at100 = await api.statementsDuring(() => api.gql(query, { n: 100 }));
    console.log(`statements: sentra first:10 = ${at10}, first:100 = ${at100}`);
    expect(at10).toBe(at100);
    expect(at10).toBeLessThanOrEqual(6);
  });
});
