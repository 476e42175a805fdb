import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecurityConfig } from '../src/config';
import { EXPORT_COLUMNS } from '../src/server/leads-export';
import {
  apiKeyOf,
  BRI,
  createEnterprise,
  createNeed,
  DISTRIBUTOR,
  insertConsent,
  JUTA,
  leadGid,
  memberOf,
  STAFF_EMAIL,
} from './financing-fixtures';
import { csvObjects, parseCsv } from './support/csv';
import { startTestServer, type TestServer } from './support/server';

/** GET /exports/financing-leads.csv, read back with a strict RFC 4180 parser. */

let api: TestServer;
let bri: { headers: Record<string, string>; userId: string };
const NAME = 'Batik Tulis Kénanga Ñoman — ꦧꦠꦶꦏ꧀ Sêmarangan';
const COLLATERAL = 'BPKB "Grand Max", sertifikat\ntanah; agunan ke-2';
let consented: { enterpriseId: string; needId: string };
let anonymous: { enterpriseId: string; needId: string };

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  bri = await memberOf(api, BRI);
  const enterpriseId = await createEnterprise(api, {
    name: NAME,
    annualTurnover: 1_234_567_890n,
    contact: { name: 'Sri Rahayu Wiryosukarto', phone: '+6281229990002', email: 'sri@kenanga.example' },
  });
  const needId = await api.db.prisma.financingNeed
    .create({ data: { enterpriseId, amount: 87_500_000n, purpose: 'EXPORT', tenorMonths: 18, collateral: COLLATERAL } })
    .then((n) => n.id);
  await insertConsent(api, enterpriseId, { funderSlug: BRI, scopes: ['PROFILE', 'FINANCIALS', 'NEEDS'] });
  consented = { enterpriseId, needId };
  const other = await createEnterprise(api, { name: 'Batik Uji Rahasia' });
  anonymous = { enterpriseId: other, needId: await createNeed(api, other, { amount: 250n * JUTA }) };
  // More than one page of 100 rows.
  for (let i = 0; i < 70; i += 1) await createNeed(api, await createEnterprise(api, { sector: 'CRAFT' }), { amount: BigInt(10 + i) * JUTA });
});
afterAll(() => api.close());

async function download(query = '', headers: Record<string, string> = bri.headers, server: TestServer = api) {
  const response = await fetch(`${server.url}/exports/financing-leads.csv${query}`, { headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes) };
}

async function totalCount(filter: Record<string, unknown>, headers = bri.headers): Promise<number> {
  const res = await api.gql(`query($filter: FinancingLeadFilter) { financingLeads(filter: $filter) { totalCount } }`, { filter }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.financingLeads.totalCount;
}

describe('the file', () => {
  it('is UTF-8 with a BOM, RFC 4180, with the documented columns and one row per lead', async () => {
    const { response, bytes, text } = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="financing-leads-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseCsv(text);
    expect(parsed.bom).toBe(true);
    const { header, rows } = csvObjects(parsed);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows.length).toBe(await totalCount({}));
    expect(rows.length).toBeGreaterThan(100);
    expect(new Set(rows.map((r) => r.lead_id)).size).toBe(rows.length);
  });

  it('keeps Indonesian and Javanese characters, quotes what needs quoting, writes rupiah as integers', async () => {
    const { rows } = csvObjects(parseCsv((await download()).text));
    const row = rows.find((r) => r.lead_id === leadGid(consented.needId))!;
    expect(row).toMatchObject({
      enterprise_name: NAME,
      amount: '87500000',
      amount_band: 'FROM_10_TO_100_JUTA',
      tenor_months: '18',
      collateral: COLLATERAL,
      annual_turnover: '1234567890',
      business_capital: '300000000',
      npwp: '0123456789012345',
      contact_name: 'Sri Rahayu Wiryosukarto',
      contact_phone: '+6281229990002',
      contact_email: 'sri@kenanga.example',
      consent_scopes: 'FINANCIALS;NEEDS;PROFILE',
      readiness_verdict: 'ELIGIBLE',
      kur_scheme: 'MIKRO',
      status: 'NEW',
      open: 'true',
      purpose: 'EXPORT',
    });
  });

  it('leaves consent-protected columns empty without consent, and audits what it disclosed', async () => {
    const { rows } = csvObjects(parseCsv((await download()).text));
    const row = rows.find((r) => r.lead_id === leadGid(anonymous.needId))!;
    for (const column of ['enterprise_name', 'nib', 'amount', 'collateral', 'npwp', 'annual_turnover', 'readiness_verdict', 'contact_name', 'contact_phone']) {
      expect(row[column], column).toBe('');
    }
    expect(row).toMatchObject({ sector: 'BATIK', amount_band: 'FROM_100_TO_500_JUTA', consent_scopes: '' });
    expect(await api.db.prisma.auditRecord.count({ where: { enterpriseId: anonymous.enterpriseId } })).toBe(0);
    const audit = await api.db.prisma.auditRecord.findMany({ where: { enterpriseId: consented.enterpriseId, action: 'READ_PROTECTED' } });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]!.actorUserId).toBe(bri.userId);
    expect(audit[0]!.fields).toEqual(expect.arrayContaining(['annualTurnover', 'contacts.phone', 'financingNeeds', 'financingReadiness', 'identity', 'npwp']));
  });
});

describe('CSV injection', () => {
  it('writes free text that would start an Excel formula with a leading apostrophe', async () => {
    const id = await createEnterprise(api, { name: '=HYPERLINK("http://evil.example","Klik")', sector: 'METAL' });
    const needId = await api.db.prisma.financingNeed
      .create({ data: { enterpriseId: id, amount: 15n * JUTA, purpose: 'WORKING_CAPITAL', tenorMonths: 12, collateral: '@SUM(1+1)' } })
      .then((n) => n.id);
    await insertConsent(api, id, { funderSlug: BRI });
    const { rows } = csvObjects(parseCsv((await download('?sector=METAL&consentScope=NEEDS')).text));
    const row = rows.find((r) => r.lead_id === leadGid(needId))!;
    expect(row.enterprise_name).toBe(`'=HYPERLINK("http://evil.example","Klik")`);
    expect(row.collateral).toBe("'@SUM(1+1)");
  });
});

describe('filters', () => {
  it('take the FinancingLeadFilter fields as query parameters and match the API totalCount', async () => {
    for (const [query, filter] of [
      ['?sector=CRAFT', { sector: 'CRAFT' }],
      ['?amountBand=FROM_100_TO_500_JUTA&status=NEW', { amountBand: 'FROM_100_TO_500_JUTA', status: 'NEW' }],
      ['?consentScope=FINANCIALS&minBusinessAgeMonths=6', { consentScope: 'FINANCIALS', minBusinessAgeMonths: 6 }],
      ['?amountAtLeast=80000000&amountAtMost=90000000&orderBy=AMOUNT:DESC', { amountAtLeast: '80000000', amountAtMost: '90000000' }],
      ['?verdict=ELIGIBLE', { verdict: 'ELIGIBLE' }],
    ] as const) {
      const { response, text } = await download(query);
      expect(response.status, query).toBe(200);
      const { rows } = csvObjects(parseCsv(text));
      expect(rows.length, query).toBe(await totalCount(filter));
    }
    const craft = csvObjects(parseCsv((await download('?sector=CRAFT')).text)).rows;
    expect(craft.every((r) => r.sector === 'CRAFT')).toBe(true);
    const byAmount = csvObjects(parseCsv((await download('?consentScope=NEEDS&orderBy=AMOUNT:DESC')).text)).rows.map((r) => BigInt(r.amount!));
    expect(byAmount).toEqual([...byAmount].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  });

  it('refuses an unknown parameter or a malformed value with 400', async () => {
    for (const query of ['?sectr=BATIK', '?districtCode=33.74.99', '?minBusinessAgeMonths=six', '?sector=SHIPBUILDING']) {
      const { response, text } = await download(query);
      expect(response.status, query).toBe(400);
      expect(JSON.parse(text).error.message.length).toBeGreaterThan(5);
    }
  });
});

describe('access', () => {
  it('401 without or with bad credentials, 403 for non-funders, 200 for a key with leads:read', async () => {
    expect((await download('', {})).response.status).toBe(401);
    expect((await download('', { authorization: 'Bearer tb_user_nonsense' })).response.status).toBe(401);
    expect((await download('', { authorization: 'Basic abc' })).response.status).toBe(401);
    // The refusal of financingLeads itself: FORBIDDEN naming what is missing, never whether a lead exists.
    for (const [headers, requiredScope] of [
      [(await memberOf(api, DISTRIBUTOR)).headers, 'partnerKind:FUNDER'],
      [await api.as(STAFF_EMAIL), 'partnerKind:FUNDER'],
      [await apiKeyOf(api, BRI, ['opportunities:read']), 'LEADS_READ'],
    ] as const) {
      const refused = await download('', headers);
      expect(refused.response.status).toBe(403);
      expect(JSON.parse(refused.text).error).toMatchObject({ status: 403, code: 'FORBIDDEN', requiredScope });
    }
    const key = await download('?sector=BATIK', await apiKeyOf(api, BRI, ['leads:read']));
    expect(key.response.status).toBe(200);
    expect(csvObjects(parseCsv(key.text)).rows.length).toBe(await totalCount({ sector: 'BATIK' }));
    const post = await fetch(`${api.url}/exports/financing-leads.csv`, { method: 'POST', headers: bri.headers });
    expect(post.status).toBe(405);
  });
});

describe('limits', () => {
  it('are those of /graphql: the export runs through yoga, so a page past the execution timeout is stopped', async () => {
    const limits = { ...loadSecurityConfig({ RATE_LIMIT: 'off' }, false).limits, executionTimeoutMs: 1 };
    const strict = await startTestServer({ seeded: true, security: { limits } });
    try {
      const { response, text } = await download('', (await memberOf(strict, BRI)).headers, strict);
      expect(response.status).toBe(504);
      expect(JSON.parse(text).error.message).toMatch(/did not finish within 0.001 s/);
    } finally {
      await strict.close();
    }
  });
});

describe('the test parser', () => {
  it('is strict RFC 4180', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, ""y""","1\r\n2"\r\n')).toEqual({ bom: true, records: [['a', 'b'], ['x, "y"', '1\r\n2']] });
    expect(parseCsv('a,,\r\n,"",c')).toEqual({ bom: false, records: [['a', '', ''], ['', '', 'c']] });
    expect(() => parseCsv('a"b,c\r\n')).toThrow(/quote inside/);
    expect(() => parseCsv('"a"b,c\r\n')).toThrow(/after a closing quote/);
    expect(() => parseCsv('"abc\r\n')).toThrow(/unterminated/);
  });
});
