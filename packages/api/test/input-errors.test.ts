import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fingerprint, fingerprint } from './support/fingerprint';
import { globalId } from './support/ids';
import { type GraphQLResponse, startTestServer, type TestServer } from './support/server';

/**
 * Malformed global IDs are the caller's mistake (BAD_USER_INPUT) wherever they are sent, never a
 * database fault; and no error repeats what the caller sent, neither in the answer nor in the log.
 */

const b64 = (text: string) => Buffer.from(text).toString('base64');
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

let api: TestServer;
const logLines: string[] = [];
let staff: Record<string, string>;
let enterpriseId: string;
let sentraId: string;
let before: Fingerprint;

beforeAll(async () => {
  api = await startTestServer({ seeded: true, log: (line) => logLines.push(line) });
  staff = await api.as('admin@disperin.semarangkota.go.id');
  const ids = await api.gql(`{ sentra(first: 1) { nodes { id } } enterprises(first: 1) { nodes { id } } }`);
  sentraId = ids.data!.sentra.nodes[0].id;
  enterpriseId = ids.data!.enterprises.nodes[0].id;
  before = await fingerprint(api.db);
});
afterAll(() => api.close());

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

describe('malformed global IDs', () => {
  it.each(MALFORMED)('%s: BAD_USER_INPUT from node, nodes, an id argument and a mutation input', async (_label, id) => {
    expectMalformedId(await api.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }), id, '$id');
    expectMalformedId(await api.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [sentraId, id] }), id, '$ids.1');
    expectMalformedId(await api.gql(`{ node(id: ${JSON.stringify(id)}) { id } }`), id, 'node(id)');
    expectMalformedId(await api.gql(`query($id: ID!) { enterprise(id: $id) { id } }`, { id }), id, '$id');
    const update = `mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { sentra { id } userErrors { code } } }`;
    expectMalformedId(await api.gql(update, { input: { id, name: 'Sentra Baru' } }, staff), id, '$input.id');
    const nested = `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }`;
    expectMalformedId(await api.gql(nested, { input: { id: enterpriseId, sentraId: id } }, staff), id, '$input.sentraId');
    const literal = `mutation { sentraUpdate(input: { id: ${JSON.stringify(id)}, name: "Sentra Baru" }) { userErrors { code } } }`;
    expectMalformedId(await api.gql(literal, {}, staff), id, 'sentraUpdate(input).id');
    expectMalformedId(await api.gql(`{ enterprises(filter: { sentraId: ${JSON.stringify(id)} }) { totalCount } }`), id, 'enterprises(filter).sentraId');
  });

  it('a database id field (leadAssign assigneeId) takes a canonical UUID only', async () => {
    const res = await api.gql(
      `mutation($input: LeadAssignInput!) { leadAssign(input: $input) { userErrors { code } } }`,
      { input: { leadId: globalId('FinancingLead', UUID), assigneeId: '-'.repeat(36) } },
      staff,
    );
    expectMalformedId(res, '-'.repeat(36), '$input.assigneeId');
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
        extensions: { code: 'BAD_USER_INPUT' },
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

  it('nothing of it reached the server log, and nothing was written', async () => {
    await api.gql(update, { input: { id: enterpriseId, npwp: NPWP, annualTurnover: TURNOVER } }, staff);
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
    expect(await fingerprint(api.db)).toEqual(before);
  });
});
