import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import { join } from 'node:path';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecurityConfig } from '../src/config';
import { loadExampleTabs } from '../src/server/graphiql/tabs';
import { globalId } from './support/ids';
import { type GraphQLResponse, startTestServer, type TestServer } from './support/server';

const ADMIN = 'admin@disperin.semarangkota.go.id';
const limits = loadSecurityConfig({}, false).limits;

/** A refusal with this code, in a response that is not a server fault. */
function expectRefused(res: GraphQLResponse, code: string, status?: number): NonNullable<GraphQLResponse['errors']>[number] {
  expect(res.status).toBeLessThan(500);
  if (status) expect(res.status).toBe(status);
  expect(res.data ?? null).toBeNull();
  const error = res.errors?.find((e) => e.extensions?.code === code);
  expect(error, JSON.stringify(res.errors)).toBeDefined();
  return error!;
}

async function postRaw(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, ...((await response.json()) as object) } as GraphQLResponse;
}

// One seeded database for the file (restoring one costs seconds of CPU). The servers with other
// settings start beside this one on it; what one test changes there (a sentra's stage, an API key)
// is nothing another counts or reads. It closes last, with the database.
let shared: TestServer;
beforeAll(async () => {
  shared = await startTestServer({ seeded: true });
});
afterAll(() => shared.close());

/** A server with these settings on the file's database. */
const beside = (options: Omit<Parameters<typeof startTestServer>[0] & {}, 'database' | 'seeded'>) => startTestServer({ ...options, database: shared.db });

describe('document limits (graphql-armor, tuned)', () => {
  let api: TestServer;
  beforeAll(() => {
    api = shared;
  });

  it('refuses a depth bomb (sentra → district → sentra …) beyond the depth limit', async () => {
    const res = await api.gql(
      `{ sentra { nodes { district { sentra { nodes { district { sentra { nodes { district { sentra { nodes { name } } } } } } } } } } } }`,
    );
    const error = expectRefused(res, 'GRAPHQL_VALIDATION_FAILED');
    expect(error.extensions?.limit).toBe('maxDepth');
    expect(error.message).toBe(`Query depth limit of ${limits.maxDepth} exceeded, found 12.`);
  });

  it('answers a refused document like any validation error: 400 for application/graphql-response+json, 200 for application/json', async () => {
    const bomb = JSON.stringify({ query: `{ sentra { nodes { district { sentra { nodes { district { sentra { nodes { district { sentra { nodes { name } } } } } } } } } } } }` });
    const modern = await postRaw(api.url, bomb, { accept: 'application/graphql-response+json' });
    expect(modern.status).toBe(400);
    expect(modern.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' });
    expect((await postRaw(api.url, bomb, { accept: 'application/json' })).status).toBe(200);
  });

  it('refuses an alias bomb of 16 aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: districts(first: 1) { totalCount }`).join(' ');
    const error = expectRefused(await api.gql(`{ ${aliases} }`), 'GRAPHQL_VALIDATION_FAILED');
    expect(error.extensions?.limit).toBe('maxAliases');
    expect(error.message).toBe('Aliases limit of 15 exceeded, found 16.');
  });

  it('refuses a token bomb (a document of more than 1,000 tokens) while parsing', async () => {
    const error = expectRefused(await api.gql(`{ districts { nodes { ${'code '.repeat(1_000)} } } }`), 'GRAPHQL_VALIDATION_FAILED');
    expect(error.extensions?.limit).toBe('maxTokens');
    expect(error.message).toBe(`Token limit of ${limits.maxTokens} exceeded.`);
  });

  it('refuses a cost bomb of three nested pages of 100, written as literals or as variables', async () => {
    const literal = await api.gql(
      `{ sentra(first: 100) { nodes { district { sentra(first: 100) { nodes { district { sentra(first: 100) { nodes { name } } } } } } } } }`,
    );
    expect(expectRefused(literal, 'GRAPHQL_VALIDATION_FAILED').extensions?.limit).toBe('costLimit');
    // armor alone counts `first: $n` as 1; the execution-time check multiplies by the value.
    const variables = await api.gql(
      `query($n: Int) { sentra(first: $n) { nodes { district { sentra(first: $n) { nodes { district { sentra(first: $n) { nodes { name } } } } } } } } }`,
      { n: 100 },
    );
    const error = expectRefused(variables, 'GRAPHQL_VALIDATION_FAILED');
    expect(error.extensions?.limit).toBe('costLimit');
    // Sent without a credential: the anonymous budget.
    expect(error.message).toMatch(new RegExp(`^Query cost limit of ${limits.maxAnonymousCost} exceeded, found \\d+`));
    // The same shape with small pages is an ordinary query.
    const small = await api.gql(
      `query($n: Int) { sentra(first: $n) { nodes { district { sentra(first: $n) { nodes { district { sentra(first: $n) { nodes { name } } } } } } } } }`,
      { n: 2 },
    );
    expect(small.errors).toBeUndefined();
    // Costs are remembered per operation and variables: the large pages are refused again after it.
    const again = await api.gql(
      `query($n: Int) { sentra(first: $n) { nodes { district { sentra(first: $n) { nodes { district { sentra(first: $n) { nodes { name } } } } } } } } }`,
      { n: 100 },
    );
    expect(expectRefused(again, 'GRAPHQL_VALIDATION_FAILED').extensions?.limit).toBe('costLimit');
  });

  it('refuses a directive flood of 51 directives', async () => {
    const flood = Array.from({ length: 51 }, () => `... on DistrictConnection @include(if: true) { totalCount }`).join(' ');
    const error = expectRefused(await api.gql(`{ districts(first: 1) { ${flood} } }`), 'GRAPHQL_VALIDATION_FAILED');
    expect(error.extensions?.limit).toBe('maxDirectives');
  });

  it.each([
    ['first: 101 as a literal', `{ districts(first: 101) { totalCount } }`, undefined, /^"first" on districts must be between 0 and 100, got 101\./],
    ['last: 101 as a literal', `{ sentra(last: 101) { totalCount } }`, undefined, /^"last" on sentra must be between 0 and 100, got 101\./],
    ['last: 101 as a variable', `query($n: Int) { sentra(last: $n) { totalCount } }`, { n: 101 }, /^"last" on sentra .* got 101\./],
    ['first from a variable default of 500', `query($n: Int = 500) { districts(first: $n) { totalCount } }`, {}, /got 500\./],
    ['first: 101 on a nested connection', `{ districts(first: 1) { nodes { sentra(first: 101) { nodes { name } } } } }`, undefined, /^"first" on sentra .* got 101\./],
    ['a negative first', `query($n: Int) { districts(first: $n) { totalCount } }`, { n: -1 }, /got -1\./],
  ])('refuses %s with BAD_USER_INPUT instead of clamping it', async (_label, query, variables, message) => {
    const error = expectRefused(await api.gql(query, variables), 'BAD_USER_INPUT', 400);
    expect(error.message).toMatch(message);
  });

  it('checks each request of one document by its own variables and operation (the checks remember a parsed document)', async () => {
    const page = `query($n: Int) { districts(first: $n) { totalCount } }`;
    for (const [n, refused] of [[5, false], [101, true], [5, false], [-1, true]] as const) {
      const res = await api.gql(page, { n });
      if (refused) expect(expectRefused(res, 'BAD_USER_INPUT', 400).message).toMatch(`got ${n}.`);
      else expect(res.errors).toBeUndefined();
    }
    const two = `query Small { districts(first: 5) { totalCount } } query Large { districts(first: 500) { totalCount } }`;
    for (const [operationName, refused] of [['Small', false], ['Large', true], ['Small', false]] as const) {
      const res = await postRaw(api.url, JSON.stringify({ query: two, operationName }));
      expect(res.errors?.[0]?.extensions?.code, operationName).toBe(refused ? 'BAD_USER_INPUT' : undefined);
    }
    const byId = `query($id: ID!) { node(id: $id) { id } }`;
    const district = (await api.gql(`{ districts(first: 1) { nodes { id } } }`)).data!.districts.nodes[0].id as string;
    for (const [id, refused] of [[district, false], ['not-an-id', true], [district, false]] as const) {
      const res = await api.gql(byId, { id });
      if (refused) expect(expectRefused(res, 'BAD_USER_INPUT', 400).message).toMatch(/is not a global ID of this API/);
      else expect(res.errors).toBeUndefined();
    }
  });

  it('serves first: 100, the largest page', async () => {
    const res = await api.gql(`query($n: Int) { districts(first: $n) { totalCount nodes { code } } }`, { n: 100 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.districts.nodes).toHaveLength(100);
  });

  it('refuses a body over the limit (512 KB) with 413 before parsing it', async () => {
    const body = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(limits.maxBodyBytes) } });
    const res = await postRaw(api.url, body);
    expect(res.status).toBe(413);
    expect(res.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  });

  it('refuses a body sent in chunks without a Content-Length once it passes the limit, and a Content-Length that is not one number', async () => {
    const { hostname, port } = new URL(api.url);
    const send = (headers: Record<string, string>, chunks: string[]) =>
      new Promise<{ status: number; code: unknown }>((resolve, reject) => {
        let answered = false;
        const req = request({ hostname, port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
          answered = true;
          let text = '';
          res.on('data', (d: Buffer) => (text += d));
          // Node's HTTP parser refuses a malformed Content-Length itself, with an empty 400.
          res.on('end', () => resolve({ status: res.statusCode!, code: text ? (JSON.parse(text) as GraphQLResponse).errors?.[0]?.extensions?.code : undefined }));
        });
        // The server may close the connection while the rest of a refused body is still being written.
        req.on('error', (error) => (answered ? undefined : reject(error)));
        for (const chunk of chunks) req.write(chunk);
        req.end();
      });
    const padding = 'x'.repeat(100_000);
    const big = [`{"query":"{ __typename }","variables":{"p":"`, ...Array.from({ length: Math.ceil(limits.maxBodyBytes / padding.length) + 1 }, () => padding), '"}}'];
    expect(await send({}, big)).toEqual({ status: 413, code: 'REQUEST_ENTITY_TOO_LARGE' });
    expect(await send({ 'content-length': '12, 12' }, ['{"query":"{ __typename }"}'])).toEqual({ status: 400, code: undefined });
    // Under the limit, chunked, it is served.
    expect(await send({}, ['{"query":"{ __typ', 'ename }"}'])).toEqual({ status: 200, code: undefined });
  });

  it('refuses a batched (JSON array) body with a clear error', async () => {
    const res = await postRaw(api.url, JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]));
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([expect.objectContaining({ message: 'Batching is not supported.', extensions: { code: 'BAD_REQUEST' } })]);
  });

  it('lets every operation of the GraphiQL example tabs through, sent the way GraphiQL sends them (the whole tab)', async () => {
    const sentra = await api.gql(`{ sentra(first: 1) { nodes { id } } }`);
    const id = sentra.data!.sentra.nodes[0].id as string;
    const tabs = loadExampleTabs();
    expect(tabs.length).toBeGreaterThan(3);
    for (const tab of tabs) {
      const names = parse(tab.query).definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []));
      expect(names.length, tab.use).toBeGreaterThan(0);
      for (const operationName of names) {
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await api.as(ADMIN)) },
          body: JSON.stringify({ query: tab.query, operationName, variables: { ...JSON.parse(tab.variables ?? '{}'), id } }),
        });
        const res = (await response.json()) as GraphQLResponse;
        expect(response.status, operationName).toBeLessThan(500);
        expect(res.errors?.filter((e) => e.extensions?.limit) ?? [], operationName).toEqual([]);
      }
    }
  });
});

describe('execution timeout', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await beside({ security: { limits: { ...limits, executionTimeoutMs: 1 } } });
  });
  afterAll(() => api.close());

  it('stops an operation that runs longer than the limit and answers TIMEOUT', async () => {
    const res = await api.gql(
      `{ sentra(first: 100) { nodes { name landmark district { name sentra(first: 10) { nodes { name landmark } } } } } }`,
    );
    expect(res.status).toBe(504);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/did not finish within 0.001 s/), extensions: { code: 'TIMEOUT' } }),
    ]);
  });

  it('lets a mutation finish and report its outcome, however long it takes', async () => {
    // Its lookups and write take well over the 1 ms that stops the query above.
    const id = (await api.db.query<{ id: string }>(`SELECT id FROM "Sentra" ORDER BY id LIMIT 1`))[0]!.id;
    const res = await api.gql(
      `mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { sentra { programStage } userErrors { code } } }`,
      { input: { id: globalId('Sentra', id), programStage: 'DEVELOPING' } },
      await api.as(ADMIN),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.sentraUpdate).toEqual({ sentra: { programStage: 'DEVELOPING' }, userErrors: [] });
  });
});

describe('production mode', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await beside({ production: true });
  });
  afterAll(() => api.close());

  it('masks an unexpected error: "Unexpected error." without stack, SQL or table names', async () => {
    // An honest fault: the table behind a field is gone, as after a botched manual migration.
    await api.db.query(`ALTER TABLE "District" RENAME TO "District_missing"`);
    let raw: string;
    try {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ districts(first: 1) { totalCount } }' }),
      });
      raw = await response.text();
    } finally {
      await api.db.query(`ALTER TABLE "District_missing" RENAME TO "District"`);
    }
    const res = JSON.parse(raw) as GraphQLResponse;
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.message).toBe('Unexpected error.');
    expect(res.errors![0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(raw).not.toMatch(/District_missing|does not exist|prisma|SELECT|stack|\.ts:/i);
    // The server itself is fine afterwards.
    expect((await api.gql('{ districts(first: 1) { totalCount } }')).data).toEqual({ districts: { totalCount: 576 } });
  });

  it.each([
    ['a misspelt field', `{ districtz(first: 1) { totalCount } }`, undefined],
    ['a misspelt argument', `{ districts(frist: 1) { totalCount } }`, undefined],
    ['a misspelt enum literal', `{ sentra(filter: { sector: BATK }) { totalCount } }`, undefined],
    ['a misspelt enum in a variable', `query($s: Sector) { sentra(filter: { sector: $s }) { totalCount } }`, { s: 'BATK' }],
    ['a misspelt input field in a variable', `query($f: SentraFilter) { sentra(filter: $f) { totalCount } }`, { f: { sectr: 'BATIK' } }],
  ])('gives no "Did you mean" for %s', async (_label, query, variables) => {
    const res = await api.gql(query, variables);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors!) {
      expect(error.message).not.toMatch(/did you mean/i);
      expect(error.extensions?.code).toMatch(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
    }
  });

  it('shows suggestions in development, where they help', async () => {
    const dev = await beside({});
    try {
      const res = await dev.gql(`{ districtz(first: 1) { totalCount } }`);
      expect(res.errors![0]!.message).toMatch(/Did you mean "districts"\?/);
    } finally {
      await dev.close();
    }
  });

  it('refuses introspection to anonymous callers and partners (INTROSPECTION=staff, the production default)', async () => {
    expect(loadSecurityConfig({}, true).introspection).toBe('staff');
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "Enterprise") { fields { name } } }']) {
      const error = expectRefused(await api.gql(query), 'FORBIDDEN', 403);
      expect(error.message).toMatch(/staff only/);
    }
    const partner = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partnerId: { not: null } }, include: { user: true } });
    expectRefused(await api.gql('{ __schema { queryType { name } } }', {}, await api.as(partner.user.email)), 'FORBIDDEN', 403);
  });

  it('lets Disperin staff introspect, and __typename stays open to everybody', async () => {
    const staff = await api.gql('{ __schema { queryType { name } } }', {}, await api.as(ADMIN));
    expect(staff.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await api.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('does not serve GraphiQL', async () => {
    const response = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/graphiql/i);
  });
});

describe('introspection settings', () => {
  it('INTROSPECTION=off refuses even staff; the development default lets everybody in', async () => {
    const off = await beside({ security: { introspection: 'off' } });
    const dev = await beside({});
    try {
      const error = expectRefused(await off.gql('{ __schema { queryType { name } } }', {}, await off.as(ADMIN)), 'FORBIDDEN', 403);
      expect(error.message).toMatch(/turned off/);
      expect((await dev.gql('{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await off.close();
      await dev.close();
    }
  });
});

describe('persisted operations', () => {
  const document = 'query Districts { districts(first: 16) { totalCount } }';
  const hash = createHash('sha256').update(document).digest('hex');
  const persisted = (sha256Hash: string) =>
    JSON.stringify({ operationName: 'Districts', extensions: { persistedQuery: { version: 1, sha256Hash } } });
  let dir: string;
  let api: TestServer;
  let apiKey: string;
  let person: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'temu-persisted-'));
    const file = join(dir, 'persisted-operations.json');
    writeFileSync(file, JSON.stringify({ [hash]: document }));
    api = await beside({ security: { persistedOperations: { file, apiKeysPersistedOnly: true } } });
    const member = await api.db.prisma.organisationMembership.findFirstOrThrow({
      where: { partner: { kind: 'FUNDER' } },
      include: { user: true },
    });
    person = await api.as(member.user.email);
    const created = await api.gql(
      `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret userErrors { message } } }`,
      {
        input: {
          partnerId: globalId('Partner', member.partnerId!),
          name: 'persisted operations test',
          scopes: ['LEADS_READ'],
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      person,
    );
    expect(created.data!.apiKeyCreate.userErrors).toEqual([]);
    apiKey = created.data!.apiKeyCreate.secret;
  });
  afterAll(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs an allow-listed operation by its hash, for an API key and for anybody', async () => {
    for (const headers of [{ authorization: `Bearer ${apiKey}` }, {}] as Record<string, string>[]) {
      const res = await postRaw(api.url, persisted(hash), headers);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ districts: { totalCount: 576 } });
    }
  });

  it('refuses a hash that is not on the list', async () => {
    const res = await postRaw(api.url, persisted('0'.repeat(64)), { authorization: `Bearer ${apiKey}` });
    expectRefused(res, 'PERSISTED_QUERY_NOT_FOUND', 400);
  });

  it('with API_KEYS_PERSISTED_ONLY, refuses an arbitrary document from an API key', async () => {
    const res = await api.gql(document, {}, { authorization: `Bearer ${apiKey}` });
    const error = expectRefused(res, 'PERSISTED_QUERY_ONLY', 403);
    expect(error.message).toMatch(/persisted operations/);
  });

  it('still lets people (tokens, GraphiQL) and anonymous callers send any document', async () => {
    expect((await api.gql(document, {}, person)).data).toEqual({ districts: { totalCount: 576 } });
    expect((await api.gql('{ sentra(first: 1) { totalCount } }')).data).toEqual({ sentra: { totalCount: 20 } });
  });

  it('treats a missing allow-list file as an empty list', async () => {
    const missing = await beside({
      security: { persistedOperations: { file: join(dir, 'absent.json'), apiKeysPersistedOnly: true } },
    });
    try {
      expectRefused(await postRaw(missing.url, persisted(hash)), 'PERSISTED_QUERY_NOT_FOUND', 400);
    } finally {
      await missing.close();
    }
  });
});
