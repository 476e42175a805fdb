import { cellKey, K_ANONYMITY, releaseCells } from '@temu-bisnis/schema/domain/anonymity';
import { businessAgeMonths } from '@temu-bisnis/schema/domain/business-age';
import { sizeClass } from '@temu-bisnis/schema/domain/size-class';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSynthetic } from '../src/seed/synthetic';
import { apiKeyOf, BRI, memberOf, semarangDate } from './financing-fixtures';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';
import { testDatabaseKind } from './support/templates';

/**
 * The red team's attack, replayed: a funder holding no consent drives every filter, sort and count
 * of `financingLeads` and the CSV export, and for every anonymised lead we count the active IKM of
 * the public directory that fit everything it learnt. The guarantee is k-anonymity with k = 5:
 * the smallest such set has at least 5 IKM, on the demo seed and on 10,000 synthetic IKM.
 *
 * What the attacker learns about a lead L: the fields it shows (sector, kecamatan, band, purpose,
 * open, status), and for each query whether L was returned. A filter that returned L tells its
 * nominal meaning (kbliPrefix 10 returned L ⇒ L's IKM has a KBLI code 10…). The attacker also knows
 * the published generalisation rule and the directory, so a sector or kecamatan NOT shown tells
 * which cells were generalised: an IKM X fits L only if X's own release is what L shows. AND of
 * filters is the intersection of single filters (each is a per-lead predicate), so single filters
 * carry all the evidence; sorts are checked to return no anonymised lead at all.
 */

interface AttackerLead {
  id: string;
  sector: string | null;
  district: { code: string } | null;
  amountBand: string;
  purpose: string;
  open: boolean;
  status: string;
  consentScopes: string[];
}

interface DirectoryIkm {
  id: string;
  sector: string;
  districtId: string;
  districtCode: string;
  sentraId: string | null;
  sentraSlug: string | null;
  kbli: string[];
  ageMonths: number;
  sizeClass: string | null;
}

type Query = { filter: Record<string, unknown>; orderBy?: { field: string; direction: string }[]; holds?: (x: DirectoryIkm) => boolean };

const LEAD_FIELDS = 'id sector district { code } amountBand purpose open status consentScopes';
const ATTACKER_SLUG = 'red-team-ventura';

async function attackerHeaders(api: TestServer): Promise<Record<string, string>> {
  // A VENTURE funder: no seeded consent names it or its type.
  // Its analyst mints the key: only a funder's own members may hold lead scopes.
  await api.db.prisma.partner.create({
    data: {
      slug: ATTACKER_SLUG,
      name: 'Red Team Ventura',
      kind: 'FUNDER',
      funderType: 'VENTURE',
      memberships: { create: [{ role: 'ANALYST', user: { create: { email: 'analis@red-team-ventura.example', name: 'Analis', role: 'PARTNER' } } }] },
    },
  });
  expect(await api.db.prisma.consent.count({ where: { OR: [{ funderType: 'VENTURE' }, { funder: { slug: ATTACKER_SLUG } }] } })).toBe(0);
  return apiKeyOf(api, ATTACKER_SLUG, ['leads:read']);
}

async function enumValues(api: TestServer, name: string): Promise<string[]> {
  const res = await api.gql(`query($n: String!) { __type(name: $n) { enumValues { name } inputFields { name } } }`, { n: name });
  const t = res.data!.__type;
  return (t.enumValues ?? t.inputFields).map((v: { name: string }) => v.name);
}

async function directory(api: TestServer): Promise<DirectoryIkm[]> {
  const today = semarangDate();
  const rows = await api.db.prisma.enterprise.findMany({
    where: { status: 'ACTIVE' },
    select: {
      id: true, sector: true, districtId: true, district: { select: { code: true } }, sentraId: true, sentra: { select: { slug: true } },
      foundedOn: true, annualTurnover: true, businessCapital: true, kbliCodes: { select: { code: true } },
    },
  });
  return rows.map((e) => ({
    id: e.id,
    sector: e.sector,
    districtId: e.districtId,
    districtCode: e.district.code,
    sentraId: e.sentraId,
    sentraSlug: e.sentra?.slug ?? null,
    kbli: e.kbliCodes.map((k) => k.code),
    ageMonths: businessAgeMonths(e.foundedOn, today),
    sizeClass: sizeClass(e).sizeClass,
  }));
}

/** Every query the API offers a funder, one value of one filter at a time, and every sort; each with its nominal meaning on the directory. */
async function attackerQueries(api: TestServer, dir: DirectoryIkm[]): Promise<Query[]> {
  const filterFields = await enumValues(api, 'FinancingLeadFilter');
  const values = async (name: string) => enumValues(api, name);
  const codes = [...new Set(dir.map((x) => x.districtCode))].sort();
  const sentra = await api.db.prisma.sentra.findMany({ select: { id: true, slug: true } });
  const kbli = [...new Set(dir.flatMap((x) => x.kbli.flatMap((k) => [k.slice(0, 2), k.slice(0, 3), k])))].sort();
  const amounts = ['0', '10000000', '50000000', '100000000', '500000000'];
  const queries: Query[] = [{ filter: {} }];
  const add = (field: string, list: unknown[], holds?: (v: any) => (x: DirectoryIkm) => boolean) =>
    queries.push(...list.map((v) => ({ filter: { [field]: v }, holds: holds?.(v) })));
  add('amountBand', await values('AmountBand'));
  add('amountAtLeast', amounts);
  add('amountAtMost', amounts);
  add('purpose', await values('FinancingPurpose'));
  add('sector', await values('Sector'), (v) => (x) => x.sector === v);
  add('kbliPrefix', kbli, (v) => (x) => x.kbli.some((k) => k.startsWith(v)));
  add('districtCode', codes, (v) => (x) => x.districtCode === v);
  add('sentraId', sentra.map((s) => globalId('Sentra', s.id)), (v) => (x) => x.sentraId !== null && globalId('Sentra', x.sentraId) === v);
  add('sentraSlug', sentra.map((s) => s.slug), (v) => (x) => x.sentraSlug === v);
  add('sizeClass', await values('SizeClass'), (v) => (x) => x.sizeClass === v);
  add('minBusinessAgeMonths', [0, 1, 6, 12, 24, 60, 120, 240], (v) => (x) => x.ageMonths >= v);
  add('verdict', await values('ReadinessVerdict'));
  add('consentScope', await values('ConsentScope'));
  add('status', await values('LeadStatus'));
  // Every filter field is played: a filter added later without a line here fails this test.
  expect(new Set(queries.flatMap((q) => Object.keys(q.filter)))).toEqual(new Set(filterFields));
  for (const field of await values('FinancingLeadOrderField')) {
    for (const direction of ['ASC', 'DESC']) queries.push({ filter: {}, orderBy: [{ field, direction }] });
  }
  return queries;
}

/** Every lead of one query over GraphQL, page by page, with its totalCount. */
async function listLeads(api: TestServer, headers: Record<string, string>, q: Query, fields = LEAD_FIELDS) {
  const nodes: AttackerLead[] = [];
  let after: string | null = null;
  for (;;) {
    const res: any = await api.gql(
      `query($filter: FinancingLeadFilter, $orderBy: [FinancingLeadOrder!], $after: String) {
        financingLeads(first: 100, after: $after, filter: $filter, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`,
      { filter: q.filter, orderBy: q.orderBy, after },
      headers,
    );
    expect(res.errors, JSON.stringify(q)).toBeUndefined();
    nodes.push(...res.data.financingLeads.nodes);
    if (!res.data.financingLeads.pageInfo.hasNextPage) return { nodes, totalCount: res.data.financingLeads.totalCount as number };
    after = res.data.financingLeads.pageInfo.endCursor;
  }
}

/** The API's alias limit (MAX_QUERY_ALIASES): an attacker asks this many counts in one request. */
const COUNTS_PER_REQUEST = 15;

/** Each query's totalCount, as aliased fields of one request per fifteen queries. */
async function totalCounts(api: TestServer, headers: Record<string, string>, queries: Query[]): Promise<number[]> {
  const counts: number[] = [];
  for (let start = 0; start < queries.length; start += COUNTS_PER_REQUEST) {
    const batch = queries.slice(start, start + COUNTS_PER_REQUEST);
    const res = await api.gql(
      `query(${batch.map((_, i) => `$f${i}: FinancingLeadFilter, $o${i}: [FinancingLeadOrder!]`).join(', ')}) {
        ${batch.map((_, i) => `q${i}: financingLeads(first: 1, filter: $f${i}, orderBy: $o${i}) { totalCount }`).join('\n')} }`,
      Object.fromEntries(batch.flatMap((q, i) => [[`f${i}`, q.filter], [`o${i}`, q.orderBy]])),
      headers,
    );
    expect(res.errors, JSON.stringify(batch)).toBeUndefined();
    counts.push(...batch.map((_, i) => res.data![`q${i}`].totalCount as number));
  }
  return counts;
}

const totalCount = async (api: TestServer, headers: Record<string, string>, q: Query) => (await totalCounts(api, headers, [q]))[0]!;

/** The rows of the CSV export with the same filter and order, as its first nine columns. */
async function exportRows(api: TestServer, headers: Record<string, string>, q: Query): Promise<AttackerLead[]> {
  const url = new URL('/exports/financing-leads.csv', api.url);
  for (const [k, v] of Object.entries(q.filter)) url.searchParams.set(k, String(v));
  if (q.orderBy) url.searchParams.set('orderBy', q.orderBy.map((o) => `${o.field}:${o.direction}`).join(','));
  const response = await fetch(url, { headers });
  expect(response.status, url.search).toBe(200);
  const lines = (await response.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  return lines.slice(1).map((line) => {
    const [id, status, open, sector, code, , amountBand, purpose, scopes] = line.split(',') as string[];
    return { id: id!, status: status!, open: open === 'true', sector: sector || null, district: code ? { code } : null, amountBand: amountBand!, purpose: purpose!, consentScopes: scopes ? scopes.split(';') : [] };
  });
}

const exportIds = async (api: TestServer, headers: Record<string, string>, q: Query) => (await exportRows(api, headers, q)).map((r) => r.id);

/** What a filter on a shown field matches: exactly the leads that show that value. */
const SHOWN: Record<string, (lead: AttackerLead, value: unknown) => boolean> = {
  sector: (l, v) => l.sector === v,
  districtCode: (l, v) => l.district?.code === v,
  amountBand: (l, v) => l.amountBand === v,
  purpose: (l, v) => l.purpose === v,
};

interface Attack {
  anonymised: number;
  sizes: number[];
  queries: number;
}

/**
 * Drives the API as the attacker, then counts for each anonymised lead the directory IKM that fit
 * the evidence. `full` (the demo seed) reads every query's rows over GraphQL and the CSV export;
 * otherwise (10,000 IKM) the export gives every lead once and each query its totalCount, and a
 * query whose count is neither 0, all leads, nor exactly the leads showing its value fails the test.
 */
async function attack(api: TestServer, headers: Record<string, string>, full: boolean): Promise<Attack> {
  const dir = await directory(api);
  const queries = await attackerQueries(api, dir);
  const all = full ? (await listLeads(api, headers, { filter: {} })).nodes : await exportRows(api, headers, { filter: {} });
  const anonymised = all.filter((l) => l.consentScopes.length === 0);
  expect(anonymised.length).toBe(all.length); // this funder holds no consent at all
  const members = new Map<string, Query[]>(anonymised.map((l) => [l.id, []]));
  const counts = await totalCounts(api, headers, queries);
  for (const [i, q] of queries.entries()) {
    const count = counts[i]!;
    let ids: string[];
    if (full) {
      ids = await exportIds(api, headers, q);
      expect(ids.length, JSON.stringify(q)).toBe(count);
      if (count > 0) expect(new Set((await listLeads(api, headers, q, 'id')).nodes.map((n) => n.id))).toEqual(new Set(ids));
    } else {
      const [field, value] = Object.entries(q.filter)[0] ?? [];
      const shown = field && !q.orderBy ? SHOWN[field] : undefined;
      ids = count === 0 ? [] : shown ? all.filter((l) => shown(l, value)).map((l) => l.id) : all.map((l) => l.id);
      expect(ids.length, JSON.stringify(q)).toBe(count);
    }
    // Exact amounts, and orders by amount or date, never reach an anonymised lead.
    if (q.orderBy || 'amountAtLeast' in q.filter || 'amountAtMost' in q.filter) expect(ids, JSON.stringify(q)).toEqual([]);
    for (const id of ids) members.get(id)?.push(q);
  }
  // The attacker knows the published rule: each IKM's release from the directory's counts.
  const cells = new Map<string, { sector: string; districtId: string; count: number }>();
  for (const x of dir) {
    const key = cellKey(x.sector, x.districtId);
    cells.set(key, { sector: x.sector, districtId: x.districtId, count: (cells.get(key)?.count ?? 0) + 1 });
  }
  const releases = releaseCells([...cells.values()]);
  const codeOf = new Map(dir.map((x) => [x.districtId, x.districtCode]));
  const shownBy = (x: DirectoryIkm) => {
    const r = releases.get(cellKey(x.sector, x.districtId))!;
    return `${r.sector}|${r.districtId ? codeOf.get(r.districtId) : null}`;
  };
  // Leads with the same evidence share one consistent set: count it once per signature.
  const bySignature = new Map<string, number>();
  const sizes = anonymised.map((lead) => {
    const evidence = members.get(lead.id)!.filter((q) => q.holds);
    const shown = `${lead.sector}|${lead.district?.code ?? null}`;
    const signature = `${shown}#${evidence.map((q) => JSON.stringify(q.filter)).join(';')}`;
    if (!bySignature.has(signature)) {
      bySignature.set(signature, dir.filter((x) => shownBy(x) === shown && evidence.every((q) => q.holds!(x))).length);
    }
    return bySignature.get(signature)!;
  });
  return { anonymised: anonymised.length, sizes, queries: queries.length };
}

function report(label: string, a: Attack): void {
  const sorted = [...a.sizes].sort((x, y) => x - y);
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  console.log(`k-anonymity ${label}: ${a.anonymised} anonymised leads, ${a.queries} attacker queries; consistent IKM per lead: minimum ${sorted[0]}, median ${median}`);
  expect(a.anonymised).toBeGreaterThan(0);
  expect(sorted[0]).toBeGreaterThanOrEqual(K_ANONYMITY);
}

describe('k-anonymity of anonymised leads against the public directory', () => {
  // The attack at scale runs on PostgreSQL, the database a city's deployment at that size uses; the
  // release rule and its SQL are the same on PGlite, which the demo-seed attack checks in both halves.
  const cases = [
    { label: 'demo seed', synthetic: 0, full: true, run: true },
    { label: '10,000 synthetic IKM', synthetic: 10_000, full: false, run: testDatabaseKind === 'postgres' },
  ];
  for (const c of cases) {
    it.runIf(c.run)(`${c.label}: every anonymised lead fits at least 5 active IKM, whatever the attacker asks`, async () => {
      const api = await startTestServer({ seeded: true });
      try {
        if (c.synthetic > 0) await seedSynthetic(api.db, { enterprises: c.synthetic, partners: 0 });
        report(c.label, await attack(api, await attackerHeaders(api), c.full));
      } finally {
        await api.close();
      }
    }, 180_000);
  }
});

describe('exact amounts and their order are NEEDS data', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seeded: true });
  }, 60_000);
  afterAll(() => api.close());

  it('amountAtLeast, amountAtMost and orderBy AMOUNT or CREATED_AT match only leads under NEEDS consent, in GraphQL and in the export', async () => {
    const bri = (await memberOf(api, BRI)).headers;
    const every = await listLeads(api, bri, { filter: {} });
    const withNeeds = every.nodes.filter((l) => l.consentScopes.includes('NEEDS')).map((l) => l.id).sort();
    expect(withNeeds.length).toBeGreaterThan(0);
    expect(every.nodes.length).toBeGreaterThan(withNeeds.length);
    for (const q of [
      { filter: { amountAtLeast: '0' } },
      { filter: { amountAtMost: '100000000000' } },
      { filter: {}, orderBy: [{ field: 'AMOUNT', direction: 'DESC' }] },
      { filter: {}, orderBy: [{ field: 'CREATED_AT', direction: 'ASC' }] },
    ]) {
      const listed = await listLeads(api, bri, q);
      expect(listed.nodes.map((l) => l.id).sort(), JSON.stringify(q)).toEqual(withNeeds);
      expect(listed.totalCount).toBe(withNeeds.length);
      expect((await exportIds(api, bri, q)).sort(), JSON.stringify(q)).toEqual(withNeeds);
    }
    const attacker = await attackerHeaders(api);
    expect(await totalCount(api, attacker, { filter: { amountAtLeast: '0' } })).toBe(0);
    expect(await exportIds(api, attacker, { filter: { amountAtMost: '100000000000' } })).toEqual([]);
    expect(await totalCount(api, attacker, { filter: {}, orderBy: [{ field: 'AMOUNT', direction: 'ASC' }] })).toBe(0);
    expect(await totalCount(api, attacker, { filter: {} })).toBe(every.totalCount);
  });

  it('a new need gets a random (version 4) ID from the schema default, which tells no creation time', async () => {
    const enterprise = await api.db.prisma.enterprise.findFirstOrThrow({ where: { status: 'ACTIVE' }, select: { id: true } });
    const ids = await Promise.all([1, 2, 3].map(async () => (await api.db.prisma.financingNeed.create({
      data: { enterpriseId: enterprise.id, amount: 20_000_000n, purpose: 'WORKING_CAPITAL', tenorMonths: 12 },
    })).id));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await api.db.prisma.financingNeed.deleteMany({ where: { id: { in: ids } } });
  });
});
