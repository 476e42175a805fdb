import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../api/test/support/server';
import {
  type ApiScope,
  AuthenticationError,
  ForbiddenError,
  ServerError,
  TemuBisnisClient,
  TemuBisnisError,
  ValidationError,
} from '../src/index';

/**
 * What a partner's developer meets first, against the real API over HTTP: each common mistake and
 * the error the SDK gives for it (the table in the SDK README is this test's output), the CSV
 * export, readiness rules on list results, plural category filters, and the API reference.
 */

let api: TestServer;
let endpoint: string;
let work: string;
const BOM = [0xef, 0xbb, 0xbf];
const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString();

async function tokenOf(slug: string): Promise<string> {
  const member = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partner: { slug } }, include: { user: true }, orderBy: { id: 'asc' } });
  return (await api.as(member.user.email)).authorization!.replace(/^Bearer /, '');
}

async function keyFor(slug: string, scopes: ApiScope[], name = `partner-experience ${slug}`) {
  const member = new TemuBisnisClient({ endpoint, token: await tokenOf(slug) });
  const { partner } = await member.viewer();
  return { member, ...(await member.apiKeys.create({ partnerId: partner!.id, name, scopes, expiresAt: inAMonth() })) };
}

async function failure(promise: Promise<unknown>): Promise<TemuBisnisError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TemuBisnisError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  endpoint = `${api.url}/graphql`;
  work = mkdtempSync(join(tmpdir(), 'temu-sdk-partner-'));
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await api.close();
});

describe('the error table: each mistake, and what the SDK gives', () => {
  const rows: { mistake: string; error: TemuBisnisError }[] = [];

  it('gives every error one shape: class, code always set, field, message', async () => {
    const bank = await keyFor('bri-unit-peterongan-kur', ['LEADS_READ', 'LEADS_WRITE']);
    const client = new TemuBisnisClient({ endpoint, apiKey: bank.secret });
    const lead = (await client.financingLeads.list({ filter: { status: 'NEW' }, first: 1 })).nodes[0]!;

    rows.push({
      mistake: 'a move the pipeline does not allow (a mutation userError)',
      error: await failure(client.financingLeads.updateStatus({ leadId: lead.id, status: 'DISBURSED' })),
    });
    rows.push({
      mistake: 'a filter value that is not Money (input coercion)',
      error: await failure(client.financingLeads.list({ filter: { amountAtLeast: 'lima puluh juta' } })),
    });
    const withoutLeads = await keyFor('bri-unit-peterongan-kur', ['OPPORTUNITIES_READ'], 'without lead scopes');
    rows.push({
      mistake: "a bank's API key without the scope LEADS_READ reading leads",
      error: await failure(new TemuBisnisClient({ endpoint, apiKey: withoutLeads.secret }).financingLeads.list()),
    });

    const revoked = await keyFor('bri-unit-peterongan-kur', ['LEADS_READ'], 'to revoke');
    await revoked.member.apiKeys.revoke(revoked.apiKey.id);
    rows.push({ mistake: 'a revoked API key', error: await failure(new TemuBisnisClient({ endpoint, apiKey: revoked.secret }).viewer()) });
    const expired = await keyFor('bri-unit-peterongan-kur', ['LEADS_READ'], 'to expire');
    // Time passes: the key's expiry date goes by.
    await api.db.prisma.apiKey.updateMany({ where: { name: 'to expire' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    rows.push({ mistake: 'an expired API key', error: await failure(new TemuBisnisClient({ endpoint, apiKey: expired.secret }).viewer()) });
    const madeUp = `tb_key_${'A'.repeat(43)}`;
    rows.push({ mistake: 'a made-up or mistyped API key', error: await failure(new TemuBisnisClient({ endpoint, apiKey: madeUp }).viewer()) });
    rows.push({
      mistake: 'the endpoint without /graphql',
      error: await failure(new TemuBisnisClient({ endpoint: api.url, retries: 0 }).districts.list()),
    });

    const [transition, coercion, scope, revokedKey, expiredKey, unknownKey, notFound] = rows.map((r) => r.error);
    expect(transition).toBeInstanceOf(ValidationError);
    expect(transition).toMatchObject({ code: 'INVALID_TRANSITION', field: ['input', 'status'] });
    expect(coercion).toBeInstanceOf(ValidationError);
    expect(coercion).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'amountAtLeast'] });
    expect(coercion!.message).not.toContain('lima puluh juta');
    expect(scope).toBeInstanceOf(ForbiddenError);
    expect(scope).toMatchObject({ code: 'FORBIDDEN', field: [] });
    expect(revokedKey).toBeInstanceOf(AuthenticationError);
    expect(revokedKey).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REVOKED' });
    expect(expiredKey).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'EXPIRED' });
    expect(unknownKey).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN' });
    // A made-up key learns nothing: the same answer as any secret the API never issued.
    expect(unknownKey!.message).not.toMatch(/expired|revoked/i);
    expect(notFound).toBeInstanceOf(ServerError);
    expect(notFound).toMatchObject({ code: 'ENDPOINT_NOT_FOUND', status: 404 });
    expect(notFound!.message).toContain('/graphql');
    for (const { error } of rows) expect(error.code).toEqual(expect.any(String));
  });

  it('names the missing scope on FORBIDDEN', () => {
    expect((rows[2]!.error as ForbiddenError).requiredScope).toBe("LEADS_READ");
  });

  it('is the table in the SDK README (UPDATE_ERROR_TABLE=1 rewrites it)', () => {
    const cell = (text: string) => text.replaceAll(endpoint, '<endpoint>').replaceAll(api.url, '<server>').replace(/\|/g, '\\|');
    const table = [
      '| mistake | class | code | field | reason / requiredScope | message |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(({ mistake, error }) => {
        const detail = error instanceof AuthenticationError ? (error.reason ?? '') : error instanceof ForbiddenError ? (error.requiredScope ?? '') : '';
        return `| ${mistake} | \`${error.name}\` | \`${error.code}\` | ${error.field.length ? `\`${error.field.join('.')}\`` : ''} | ${detail} | ${cell(error.message)} |`;
      }),
    ].join('\n');
    console.log(table);
    const readmeFile = new URL('../README.md', import.meta.url);
    const readme = readFileSync(readmeFile, 'utf8');
    const section = /<!-- error-table:start -->\n[\s\S]*?<!-- error-table:end -->/;
    if (process.env.UPDATE_ERROR_TABLE) writeFileSync(readmeFile, readme.replace(section, () => `<!-- error-table:start -->\n${table}\n<!-- error-table:end -->`));
    else expect(section.exec(readme)?.[0]).toBe(`<!-- error-table:start -->\n${table}\n<!-- error-table:end -->`);
  });
});

describe('credentials as they get pasted', () => {
  it('understands an API key pasted with "Bearer " (once or twice), in the SDK and at the server', async () => {
    const { secret } = await keyFor('bri-unit-peterongan-kur', ['LEADS_READ']);
    const viewer = await new TemuBisnisClient({ endpoint, apiKey: `Bearer ${secret}` }).viewer();
    expect(viewer.apiKeyScopes).toEqual(['LEADS_READ']);
    const raw = await api.gql('{ viewer { apiKeyScopes } }', {}, { authorization: `Bearer Bearer ${secret}` });
    expect(raw.errors).toBeUndefined();
    expect(raw.data?.viewer.apiKeyScopes).toEqual(['LEADS_READ']);
  });
});

describe('financing leads', () => {
  let bank: TemuBisnisClient;
  beforeAll(async () => {
    bank = new TemuBisnisClient({ endpoint, apiKey: (await keyFor('bri-unit-peterongan-kur', ['LEADS_READ'])).secret });
  });

  it('lists carry the readiness rules: the same rules a get() gives, without a request per lead', async () => {
    const page = await bank.financingLeads.list({ filter: { consentScope: 'FINANCIALS' }, first: 50 });
    const assessed = page.nodes.filter((l) => l.readiness);
    expect(assessed.length).toBeGreaterThan(0);
    for (const lead of assessed) {
      const detail = await bank.financingLeads.get(lead.id);
      expect(lead.readiness!.rules).toEqual(detail!.readiness!.rules.map(({ id, outcome, reason }) => ({ id, outcome, reason })));
    }
    expect(assessed.some((l) => l.readiness!.rules.some((r) => r.outcome !== 'PASS'))).toBe(true);
  });

  it('exports CSV as bytes with the BOM, as a stream, and to a file: the rows of the list with the same filter', async () => {
    const filter = { amountBand: 'FROM_10_TO_100_JUTA' } as const;
    const { totalCount } = await bank.financingLeads.list({ filter, first: 1 });
    const bytes = await bank.financingLeads.exportCsv(filter);
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.slice(1).trimEnd().split('\r\n')).toHaveLength(totalCount + 1);

    const chunks: Uint8Array[] = [];
    const reader = (await bank.financingLeads.exportCsvStream(filter)).getReader();
    for (let c = await reader.read(); !c.done; c = await reader.read()) chunks.push(c.value);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(bytes));

    const file = join(work, 'leads.csv');
    const written = await bank.financingLeads.exportCsvToFile(file, filter);
    expect(written.bytes).toBe(bytes.length);
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
  });

  it('refuses a bad export filter with a ValidationError, and a non-funder with a ForbiddenError', async () => {
    const bad = await failure(bank.financingLeads.exportCsv({ minBusinessAgeMonths: 1.5 }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect(bad).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
    const buyer = new TemuBisnisClient({ endpoint, token: await tokenOf('swalayan-sinar-jaya') });
    const refused = await failure(buyer.financingLeads.exportCsv());
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });
});

describe('plural category filters', () => {
  it('productCategories finds the IKM of any of the categories: the union of one request per category', async () => {
    const client = new TemuBisnisClient({ endpoint });
    const [a, b] = ['makanan-ringan', 'kopi'];
    const ids = async (filter: object) => {
      const found: string[] = [];
      // Pages of 20: an anonymous caller's cost budget does not fit 100 profiles with their products.
      for await (const e of client.enterprises.iterate({ filter, pageSize: 20 })) found.push(e.id);
      return found.sort();
    };
    const one = await ids({ productCategory: a });
    const other = await ids({ productCategory: b });
    expect(one.length).toBeGreaterThan(0);
    expect(other.length).toBeGreaterThan(0);
    expect(await ids({ productCategories: [a, b] })).toEqual([...new Set([...one, ...other])].sort());
    const both = await failure(client.enterprises.list({ filter: { productCategory: a, productCategories: [b] } }));
    expect(both).toMatchObject({ code: 'BAD_USER_INPUT', field: ['filter', 'productCategories'] });
  });

  it('on opportunities too', async () => {
    const client = new TemuBisnisClient({ endpoint });
    const total = async (filter: object) => (await client.opportunities.list({ filter, first: 1 })).totalCount;
    const one = await total({ productCategory: 'makanan-ringan' });
    const other = await total({ productCategory: 'kopi' });
    expect(one + other).toBeGreaterThan(0);
    expect(await total({ productCategories: ['makanan-ringan', 'KOPI'] })).toBe(one + other);
  });
});

describe('the API reference', () => {
  it('is served at /docs/reference with every type, the error codes and the scopes, and GraphiQL links to it', async () => {
    const res = await fetch(`${api.url}/docs/reference`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const schema = readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');
    const types = [...schema.matchAll(/^(?:type|input|enum|interface|union|scalar) (\w+)/gm)].map((m) => m[1]!);
    expect(types.length).toBeGreaterThan(50);
    for (const type of types) expect(html).toContain(`id="type-${type}"`);
    for (const code of ['INVALID_TRANSITION', 'CONSENT_REQUIRED', 'UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'RATE_LIMITED']) {
      expect(html).toContain(`<code>${code}</code>`);
    }
    for (const scope of ['LEADS_READ', 'LEADS_WRITE', 'OPPORTUNITIES_READ', 'OPPORTUNITIES_WRITE', 'PARTNER_PROFILE_WRITE', 'SESSIONS_WRITE']) {
      expect(html).toContain(`<code>${scope}</code>`);
    }
    const graphiql = await (await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(graphiql).toContain('href="/docs/reference"');
  });
});
