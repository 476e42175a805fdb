import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Fingerprint, fingerprint } from './support/fingerprint';
import { globalId } from './support/ids';
import { type GraphQLResponse, startTestServer, type TestServer } from './support/server';

/**
 * The bad-input suite: hostile or simply wrong input gets a clear answer (an error with a code,
 * or an empty result where that is the truth), never a 5xx, and the database stays as it was.
 */

let api: TestServer;
let staff: Record<string, string>;
let sentraId: string;
let enterpriseId: string;
let before: Fingerprint;
/** Every line the server logs, debug included: no input value may appear in it. */
const logLines: string[] = [];

beforeAll(async () => {
  api = await startTestServer({ seeded: true, log: (line) => logLines.push(line) });
  // Signing in writes a token row: done before the fingerprint is taken.
  staff = await api.as('admin@disperin.semarangkota.go.id');
  const ids = await api.gql(`{ sentra(first: 1) { nodes { id } } enterprises(first: 1) { nodes { id } } }`);
  sentraId = ids.data!.sentra.nodes[0].id;
  enterpriseId = ids.data!.enterprises.nodes[0].id;
  before = await fingerprint(api.db);
});
afterAll(() => api.close());

const b64 = (text: string) => Buffer.from(text).toString('base64');

const BAD_INPUT = ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'];

/** A refusal the caller can understand: a 4xx (or a 200 carrying only errors), a code, and no data. */
function expectClearError(res: GraphQLResponse, codes: string[] = BAD_INPUT): void {
  expect(res.status).toBeLessThan(500);
  expect(res.data ?? null, JSON.stringify(res.data)).toBeNull();
  expect(res.errors?.length, 'an error').toBeGreaterThan(0);
  for (const error of res.errors!) {
    expect(codes, `${error.message} (${String(error.extensions?.code)})`).toContain(error.extensions?.code);
    expect(error.message).not.toBe('Unexpected error.');
  }
}

/** An ordinary answer: no error, status 200. */
function expectAnswer(res: GraphQLResponse): void {
  expect(res.status, JSON.stringify(res.errors)).toBe(200);
  expect(res.errors).toBeUndefined();
}

describe('oversized strings', () => {
  const long = 'x'.repeat(10_001);

  it.each([
    ['sentra search', `query($s: String) { sentra(filter: { search: $s }) { totalCount } }`],
    ['enterprise full-text search', `query($s: String) { enterprises(filter: { search: $s }) { totalCount } }`],
    ['opportunity search', `query($s: String) { opportunities(filter: { search: $s }) { totalCount } }`],
    ['partner search', `query($s: String) { partners(filter: { search: $s }) { totalCount } }`],
    ['a NIB lookup', `query($s: String!) { enterpriseByNib(nib: $s) { id } }`],
  ])('refuses 10,001 characters in %s', async (_label, query) => {
    expectClearError(await api.gql(query, { s: long }));
  });

  it('refuses 10,001 characters written into the document itself', async () => {
    expectClearError(await api.gql(`{ sentra(filter: { search: "${long}" }) { totalCount } }`));
  });

  it('answers a long but admissible search (5,000 characters) with an empty result', async () => {
    const res = await api.gql(`query($s: String) { sentra(filter: { search: $s }) { totalCount } }`, { s: 'batik '.repeat(833) });
    expectAnswer(res);
    expect(res.data!.sentra.totalCount).toBe(0);
  });

  it('refuses oversized mutation input: over the global cap as an error, over the field limit as a user error', async () => {
    const mutation = `mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { sentra { id } userErrors { code field } } }`;
    expectClearError(await api.gql(mutation, { input: { id: sentraId, name: long } }, staff));
    const res = await api.gql(mutation, { input: { id: sentraId, name: 'n'.repeat(500) } }, staff);
    expectAnswer(res);
    expect(res.data!.sentraUpdate).toEqual({ sentra: null, userErrors: [{ code: 'TOO_LONG', field: ['input', 'name'] }] });
    const description = await api.gql(
      `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }`,
      { input: { id: enterpriseId, description: long } },
      staff,
    );
    expectClearError(description);
  });
});

describe('documents built to overload', () => {
  it('refuses deep nesting', async () => {
    expectClearError(
      await api.gql(
        `{ sentra { nodes { district { sentra { nodes { district { sentra { nodes { district { sentra { nodes { name } } } } } } } } } } } }`,
      ),
    );
  });

  it('refuses an alias bomb of full-text searches', async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `s${i}: enterprises(filter: { search: "batik ${i}" }) { totalCount }`);
    expectClearError(await api.gql(`{ ${aliases.join(' ')} }`));
  });

  it('refuses a batch of mutations sent as a JSON array, and runs none of them', async () => {
    const mutation = `mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { sentra { name } } }`;
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...staff },
      body: JSON.stringify([
        { query: mutation, variables: { input: { id: sentraId, name: 'Dibajak 1' } } },
        { query: mutation, variables: { input: { id: sentraId, name: 'Dibajak 2' } } },
      ]),
    });
    const res = { status: response.status, ...((await response.json()) as object) } as GraphQLResponse;
    expect(res.status).toBe(400);
    expectClearError(res, ['BAD_REQUEST']);
  });
});

describe('invalid IDs', () => {

  /** An ID that names nothing: null, or an error that says the ID is malformed; never a fault. */
  function expectNothingFound(res: GraphQLResponse, field: string): void {
    expect(res.status).toBeLessThan(500);
    expect(res.data?.[field] ?? null).toBeNull();
    for (const error of res.errors ?? []) {
      expect(error.extensions?.code, error.message).toBe('BAD_USER_INPUT');
      expect(error.message).not.toBe('Unexpected error.');
    }
  }

  it.each([
    ['garbage', 'garbage'],
    ['empty', ''],
    ['base64 of something without a type', b64('hello')],
    ['an unknown type', b64('Nope:0190a0a0-0000-7000-8000-000000000000')],
    ['a known type with an id that is not a UUID', b64('Sentra:not-a-uuid')],
    ['a known type with SQL in the id', b64(`Sentra:'; DROP TABLE "Sentra"; --`)],
    ['a well-formed id of a row that does not exist', globalId('Sentra', '0190a0a0-0000-7000-8000-000000000000')],
  ])('node(id) finds nothing for %s', async (_label, id) => {
    expectNothingFound(await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }), 'node');
  });

  it('nodes(ids) with a garbage id finds nothing, and a well-formed unknown id is null in its place', async () => {
    expectNothingFound(await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: ['garbage', sentraId] }), 'nodes');
    const unknown = globalId('Sentra', '0190a0a0-0000-7000-8000-000000000000');
    const res = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [unknown, sentraId] });
    expectAnswer(res);
    expect(res.data!.nodes).toEqual([null, { id: sentraId }]);
  });

  it('every lookup answers null for an argument that names no row of its type, and the schema warns of nothing', async () => {
    // Outside production Pothos warns of a resolver that forgot its query: a warning here would be noise
    // in every developer's console, and would hide the one that points at a real mistake.
    const warn = vi.spyOn(console, 'warn');
    try {
      const res = await api.gql(`query($id: ID!, $nib: String!) {
        enterprise(id: $id) { id } enterpriseByNib(nib: $nib) { id } partner(id: $id) { id } opportunity(id: $id) { id }
        viewer { user { id } partner { id } } }`, { id: sentraId, nib: '12345' });
      expectAnswer(res);
      expect(res.data).toEqual({ enterprise: null, enterpriseByNib: null, partner: null, opportunity: null, viewer: { user: null, partner: null } });
      expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('an id of the wrong type finds nothing', async () => {
    const res = await api.gql(`query($id: ID!) { enterprise(id: $id) { id } }`, { id: sentraId });
    expectAnswer(res);
    expect(res.data!.enterprise).toBeNull();
    const update = await api.gql(
      `mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { sentra { id } userErrors { code field } } }`,
      { input: { id: enterpriseId, name: 'Salah tipe' } },
      staff,
    );
    expectAnswer(update);
    expect(update.data!.sentraUpdate.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'] }]);
  });
});

describe('injection strings are text, nothing more', () => {
  const hostile = [
    `'; DROP TABLE "Sentra"; --`,
    `" OR 1=1 --`,
    `batik') OR ('a'='a`,
    'a & | !',
    `!(batik) <-> :* & ''`,
    '%_%\\',
    '🌺 Batik Semarangan — ñ 中文 \u202E',
    'e\u0301 combining',
  ];

  it.each(hostile)('searches for %j without an error, as words and nothing more', async (text) => {
    const lists = ['sentra', 'partners', 'enterprises', 'opportunities'];
    const fields = (filter: string) => lists.map((l) => `${l}(filter: ${filter}) { totalCount }`).join(' ');
    const res = await api.gql(`query($s: String) { ${fields('{ search: $s }')} }`, { s: text });
    expectAnswer(res);
    // Sentra match the text literally: none has it.
    expect(res.data!.sentra.totalCount).toBe(0);
    // The others search words (letters and digits): "a & | !" looks for words with "a",
    // "%_%\\" for no word at all, which filters nothing. Never more than the whole list.
    const all = await api.gql(`{ ${fields('{}')} }`);
    for (const list of lists) expect(res.data![list].totalCount).toBeLessThanOrEqual(all.data![list].totalCount);
  });

  it.each(hostile)('looks %j up as a code, NIB or slug and finds nothing', async (text) => {
    const res = await api.gql(
      `query($s: String!) { districtByCode(code: $s) { id } enterpriseByNib(nib: $s) { id } sentraBySlug(slug: $s) { id } }`,
      { s: text },
    );
    expectAnswer(res);
    expect(res.data).toEqual({ districtByCode: null, enterpriseByNib: null, sentraBySlug: null });
  });

  it('keeps matching real words among the noise', async () => {
    const res = await api.gql(`{ sentra(filter: { search: "Batik" }) { totalCount } enterprises(filter: { search: "batik & | !" }) { totalCount } }`);
    expectAnswer(res);
    expect(res.data!.sentra.totalCount).toBeGreaterThan(0);
    expect(res.data!.enterprises.totalCount).toBeGreaterThan(0);
  });

  it.each([
    ['in a variable', `query($s: String) { sentra(filter: { search: $s }) { totalCount } }`, { s: 'batik\u0000' }],
    ['in a literal', `{ enterprises(filter: { search: "batik\\u0000tulis" }) { totalCount } }`, undefined],
    ['in mutation input', `mutation($s: String) { sentraUpdate(input: { id: "x", landmark: $s }) { userErrors { code } } }`, { s: 'Jl.\u0000' }],
  ])('refuses NUL bytes %s (PostgreSQL text cannot hold them)', async (_label, query, variables) => {
    const res = await api.gql(query, variables, staff);
    expectClearError(res);
    expect(res.errors![0]!.message).toMatch(/NUL/);
  });
});

describe('values of the wrong type', () => {
  const turnover = `query($m: Money) { partners(filter: { ticketCovers: $m }) { totalCount } }`;

  it.each([
    ['a decimal string', '1.5'],
    ['a float', 1.5],
    ['a whole number that is not a string', 150000000],
    ['a negative amount', '-5'],
    ['an exponent', '1e9'],
    ['words', 'satu juta'],
    ['rupiah formatting', 'Rp 1.000.000'],
  ])('refuses Money as %s', async (_label, value) => {
    expectClearError(await api.gql(turnover, { m: value }));
  });

  it('refuses Money written wrongly in the document and in mutation input, changing nothing', async () => {
    expectClearError(await api.gql(`{ partners(filter: { ticketCovers: "1.5" }) { totalCount } }`));
    expectClearError(await api.gql(`{ partners(filter: { ticketCovers: 1500000 }) { totalCount } }`));
    const res = await api.gql(
      `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }`,
      { input: { id: enterpriseId, annualTurnover: '1.5', name: 'Ganti nama diam-diam' } },
      staff,
    );
    expectClearError(res);
  });

  it.each(['2026-02-30', '2026-13-01', '27-11-2026', '2026-11-27T00:00:00Z', ''])('refuses the Date %j', async (value) => {
    expectClearError(await api.gql(`query($d: Date) { enterprises(filter: { foundedBefore: $d }) { totalCount } }`, { d: value }));
    expectClearError(
      await api.gql(
        `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }`,
        { input: { id: enterpriseId, foundedOn: value } },
        staff,
      ),
    );
  });

  it.each(['2026-11-27 09:00:00', '2026-11-27', 'yesterday', '1732700000'])('refuses the DateTime %j', async (value) => {
    expectClearError(await api.gql(`query($t: DateTime) { auditRecords(filter: { since: $t }) { totalCount } }`, { t: value }, staff));
  });

  it('refuses an Int beyond 32 bits, in a filter, a page size and mutation input', async () => {
    expectClearError(await api.gql(`query($n: Int) { enterprises(filter: { minMonthlyCapacity: $n }) { totalCount } }`, { n: 2 ** 31 }));
    expectClearError(await api.gql(`{ enterprises(filter: { minMonthlyCapacity: 2147483648 }) { totalCount } }`));
    expectClearError(await api.gql(`query($n: Int) { sentra(first: $n) { totalCount } }`, { n: 2 ** 31 }));
    expectClearError(
      await api.gql(
        `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }`,
        { input: { id: enterpriseId, employees: 2 ** 31 } },
        staff,
      ),
    );
  });

  it('refuses other mismatches: a string for an Int, a number for a String, an unknown enum value, null for a required field', async () => {
    expectClearError(await api.gql(`query($n: Int) { sentra(first: $n) { totalCount } }`, { n: '10' }));
    expectClearError(await api.gql(`query($s: String) { sentra(filter: { search: $s }) { totalCount } }`, { s: 12 }));
    expectClearError(await api.gql(`query($s: Sector) { sentra(filter: { sector: $s }) { totalCount } }`, { s: 'batik' }));
    expectClearError(
      await api.gql(`mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { userErrors { code } } }`, { input: { id: null } }, staff),
    );
  });
});

const UUID = '0190a0a0-0000-7000-8000-000000000000';

const MALFORMED: [string, string][] = [
  ['36 dashes inside a Sentra id', b64(`Sentra:${'-'.repeat(36)}`)],
  ['36 dashes, raw', '-'.repeat(36)],
  ['a raw UUID, not a global ID', UUID],
  ['an upper-case UUID', b64(`Sentra:${UUID.toUpperCase()}`)],
  ['a UUID with a non-hex digit', b64(`Sentra:${UUID.slice(0, -1)}g`)],
  ['a UUID with a suffix', b64(`Sentra:${UUID}:1`)],
  ['a UUID without dashes', b64(`Sentra:${UUID.replaceAll('-', '')}`)],
  ['base64 without its padding', b64(`Sentra:${UUID}`).replace(/=+$/, '')],
  ['base64 with whitespace', ` ${b64(`Sentra:${UUID}`)}`],
  ['an unknown type', b64(`Nope:${UUID}`)],
  ['garbage', 'garbage'],
  ['empty', ''],
];

/** One BAD_USER_INPUT error, no data, not a fault, naming where the ID was and not repeating it. */
function expectMalformedId(res: GraphQLResponse, id: string, where: string): void {
  expect(res.status, JSON.stringify(res.errors)).toBe(400);
  expect(res.data ?? null).toBeNull();
  expect(res.errors).toHaveLength(1);
  const [error] = res.errors!;
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error!.message).toContain(`"${where}"`);
  if (id.trim().length > 3) expect(error!.message).not.toContain(id.trim());
}

describe('malformed global IDs (strict: a Node type and a canonical UUID, exactly as encoded)', () => {
  it.each(MALFORMED)('%s: BAD_USER_INPUT from node, nodes, an id argument and a mutation input', async (_label, id) => {
    expectMalformedId(await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }), id, 'id');
    expectMalformedId(await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [sentraId, id] }), id, 'ids.1');
    expectMalformedId(await api.gql(`{ node(id: ${JSON.stringify(id)}) { id } }`), id, 'id');
    expectMalformedId(await api.gql(`query($id: ID!) { enterprise(id: $id) { id } }`, { id }), id, 'id');
    const update = `mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { sentra { id } userErrors { code } } }`;
    expectMalformedId(await api.gql(update, { input: { id, name: 'Sentra Baru' } }, staff), id, 'input.id');
    const nested = `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }`;
    expectMalformedId(await api.gql(nested, { input: { id: enterpriseId, sentraId: id } }, staff), id, 'input.sentraId');
    const literal = `mutation { sentraUpdate(input: { id: ${JSON.stringify(id)}, name: "Sentra Baru" }) { userErrors { code } } }`;
    expectMalformedId(await api.gql(literal, {}, staff), id, 'input.id');
    expectMalformedId(await api.gql(`{ enterprises(filter: { sentraId: ${JSON.stringify(id)} }) { totalCount } }`), id, 'filter.sentraId');
  });

  it('a database id field (leadAssign assigneeId) takes a canonical UUID only', async () => {
    const res = await api.gql(
      `mutation($input: LeadAssignInput!) { leadAssign(input: $input) { userErrors { code } } }`,
      { input: { leadId: globalId('FinancingLead', UUID), assigneeId: '-'.repeat(36) } },
      staff,
    );
    expectMalformedId(res, '-'.repeat(36), 'input.assigneeId');
  });

  it('well-formed ids still work: found, or null when the row does not exist', async () => {
    const res = await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [sentraId, globalId('Sentra', UUID)] });
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes).toEqual([{ id: sentraId }, null]);
  });
});

describe('errors do not repeat input values', () => {
  const NPWP = '01.234.567.8-901.000';
  const TURNOVER = 'Rp 1.750.000.000';
  const secrets = [NPWP, TURNOVER, '1.750.000.000', '012345678901000'];
  const update = `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code field message } } }`;

  function expectNoSecrets(res: GraphQLResponse): void {
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.length).toBeGreaterThan(0);
    const text = JSON.stringify(res);
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  it('a variable that does not fit names the path and the expected form, not the values', async () => {
    const res = await api.gql(update, { input: { id: enterpriseId, npwp: NPWP, annualTurnover: TURNOVER } }, staff);
    expectNoSecrets(res);
    console.log(`variable error: ${res.errors![0]!.message}`);
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Variable "\$input" got an invalid value at "input\.annualTurnover": An amount in Indonesian rupiah/),
        extensions: { code: 'BAD_USER_INPUT', field: ['input', 'annualTurnover'] },
      }),
    ]);
  });

  it.each([
    ['a string for an Int', { employees: NPWP }, /at "input\.employees": a whole number/],
    ['an unknown enum value', { sector: NPWP }, /at "input\.sector": one of /],
    ['a Date', { foundedOn: NPWP }, /at "input\.foundedOn": A calendar date/],
    ['an object for a String', { npwp: { value: NPWP } }, /at "input\.npwp": a string\./],
  ])('the same for %s', async (_label, fields, message) => {
    const res = await api.gql(update, { input: { id: enterpriseId, npwp: NPWP, annualTurnover: '1750000000', ...fields } }, staff);
    expectNoSecrets(res);
    expect(res.errors![0]!.message).toMatch(message);
  });

  it('a literal that does not fit: the expected form, not the literal', async () => {
    const literal = `mutation { enterpriseUpdate(input: { id: "${enterpriseId}", npwp: "${NPWP}", annualTurnover: "${TURNOVER}" }) { userErrors { code } } }`;
    const res = await api.gql(literal, {}, staff);
    expectNoSecrets(res);
    console.log(`literal error: ${res.errors![0]!.message}`);
    expect(res.errors![0]!.message).toMatch(/^Expected value of type "Money": An amount in Indonesian rupiah/);
  });

  it.each(['after', 'before'])('a cursor (%s) that is not one the API gave: BAD_USER_INPUT, without the cursor', async (arg) => {
    for (const cursor of [NPWP, Buffer.from(`GPC:J${NPWP}`).toString('base64')]) {
      const res = await api.gql(`query($c: String) { enterprises(${arg === 'after' ? 'first' : 'last'}: 5, ${arg}: $c) { nodes { id } } }`, { c: cursor });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toMatch(/^A cursor \(after or before\) is not one this API gave/);
      expect(JSON.stringify(res)).not.toContain(cursor);
      expectNoSecrets(res);
    }
  });

  it("the registry's own checks name the rule, not the value: a taken NIB, a KBLI code twice, a unit without a quantity", async () => {
    const rows = await api.db.prisma.enterprise.findMany({ select: { id: true, nib: true }, orderBy: { nib: 'asc' }, take: 2 });
    const other = rows.find((row) => globalId('Enterprise', row.id) !== enterpriseId);
    const KBLI = '10793';
    const UNIT = 'karung-goni-7731';
    const taken = await api.gql(update, { input: { id: enterpriseId, nib: other!.nib } }, staff);
    expect(taken.data!.enterpriseUpdate.userErrors).toEqual([expect.objectContaining({ code: 'TAKEN', field: ['input', 'nib'] })]);
    const twice = await api.gql(update, { input: { id: enterpriseId, kbliCodes: [{ code: KBLI, version: 'KBLI_2020', isPrimary: true }, { code: KBLI, version: 'KBLI_2020', isPrimary: false }] } }, staff);
    expect(twice.data!.enterpriseUpdate.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: ['input', 'kbliCodes', '1', 'code'] })]);
    const post = await api.gql(
      `mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { opportunity { id } userErrors { code field message } } }`,
      { input: { kind: 'SUPPLY_OFFER', enterpriseId, title: 'Tawaran keripik tempe', productCategory: 'keripik', unit: UNIT, validUntil: '2099-01-01T00:00:00Z' } },
      staff,
    );
    expect(post.errors, JSON.stringify(post.errors)).toBeUndefined();
    expect(post.data!.opportunityPost.userErrors).toContainEqual(expect.objectContaining({ code: 'REQUIRED', field: ['input', 'quantity'] }));
    for (const [res, value] of [[taken, other!.nib], [twice, KBLI], [post, UNIT]] as const) expect(JSON.stringify(res)).not.toContain(value);
  });

  it('nothing of it reached the server log (debug included); the database is checked at the end of the file', async () => {
    await api.gql(update, { input: { id: enterpriseId, npwp: NPWP, annualTurnover: TURNOVER } }, staff);
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
  });
});

// Last in the file: vitest runs a file's tests in order.
describe('afterwards', () => {
  it('the database is exactly as it was: same rows, same contents, in every table', async () => {
    const after = await fingerprint(api.db);
    expect(Object.keys(after).length).toBeGreaterThan(10);
    expect(after).toEqual(before);
  });
});
