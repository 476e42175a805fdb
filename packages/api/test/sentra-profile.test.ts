import { suppressSmallCells } from '@temu-bisnis/schema/domain/anonymity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';

/**
 * The sentra profile a Disperin officer asks for: members as a connection, capacity per product
 * category and unit, open opportunities of its members, members per PP 7/2021 size class. Each
 * aggregate is checked against SQL written here independently of the resolvers, and the whole
 * profile must cost the same statements for 5 sentra as for 20.
 */

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

const rawId = (globalId: string) => Buffer.from(globalId, 'base64').toString('utf8').split(':')[1]!;

type Capacity = { category: string; unit: string; totalMonthlyCapacity: number | null; enterpriseCount: number | null };
type SizeRow = { sizeClass: string | null; enterpriseCount: number | null };
type Profile = {
  id: string;
  name: string;
  memberCount: number;
  openOpportunityCount: number;
  capacityByCategory: Capacity[];
  sizeClassBreakdown: SizeRow[];
  members: { totalCount: number; nodes: { id: string; name: string }[] };
};

const PROFILE = `query($n: Int, $m: Int) { sentra(first: $n, orderBy: [{ field: NAME }]) { nodes {
  id name memberCount openOpportunityCount
  capacityByCategory { category unit totalMonthlyCapacity enterpriseCount }
  sizeClassBreakdown { sizeClass enterpriseCount }
  members(first: $m) { totalCount nodes { id name } } } } }`;

async function profiles(n = 100, m = 3): Promise<Profile[]> {
  const res = await api.gql(PROFILE, { n, m });
  expect(res.errors).toBeUndefined();
  return res.data!.sentra.nodes as Profile[];
}

/** Independent SQL: active members per sentra. */
async function activeMembers(): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await api.db.query<{ sentraId: string; id: string; name: string }>(
    `SELECT "sentraId"::text AS "sentraId", id::text AS id, name FROM "Enterprise"
     WHERE "sentraId" IS NOT NULL AND status = 'ACTIVE' ORDER BY name, id`,
  );
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) out.set(r.sentraId, [...(out.get(r.sentraId) ?? []), { id: r.id, name: r.name }]);
  return out;
}

/** Independent SQL: capacity per sentra, category and case-folded unit, over active members. */
async function capacitySql(): Promise<Map<string, Capacity[]>> {
  const rows = await api.db.query<{ sentraId: string; category: string; unit: string; total: string; enterprises: string }>(
    `SELECT s.id::text AS "sentraId", x.category, x.unit, x.total::text AS total, x.enterprises::text AS enterprises
     FROM "Sentra" s
     CROSS JOIN LATERAL (
       SELECT p.category, lower(trim(p.unit)) AS unit, sum(p."monthlyCapacity") AS total,
              count(DISTINCT p."enterpriseId") AS enterprises
       FROM "EnterpriseProduct" p
       WHERE p."enterpriseId" IN (SELECT id FROM "Enterprise" WHERE "sentraId" = s.id AND status = 'ACTIVE')
       GROUP BY 1, 2) x`,
  );
  const out = new Map<string, Capacity[]>();
  for (const r of rows) {
    // A public cell of fewer than 5 enterprises is suppressed (k-anonymity).
    const shown = Number(r.enterprises) >= 5;
    const row = { category: r.category, unit: r.unit, totalMonthlyCapacity: shown ? Number(r.total) : null, enterpriseCount: shown ? Number(r.enterprises) : null };
    out.set(r.sentraId, [...(out.get(r.sentraId) ?? []), row]);
  }
  for (const list of out.values()) list.sort((a, b) => `${a.category}\u0000${a.unit}`.localeCompare(`${b.category}\u0000${b.unit}`));
  return out;
}

/** Independent SQL: open (stored OPEN, validUntil not before `at`) opportunities per sentra. */
async function openOpportunitiesSql(at: Date): Promise<Map<string, number>> {
  const rows = await api.db.query<{ sentraId: string; n: string }>(
    `SELECT e."sentraId"::text AS "sentraId", count(*)::text AS n
     FROM "Opportunity" o JOIN "Enterprise" e ON e.id = o."enterpriseId"
     WHERE e."sentraId" IS NOT NULL AND o.status = 'OPEN' AND o."validUntil" >= $1
     GROUP BY 1`,
    [at.toISOString()],
  );
  return new Map(rows.map((r) => [r.sentraId, Number(r.n)]));
}

/** Independent SQL: PP 7/2021 art. 35 written out with its own numbers (sales first, capital without a sales year). */
async function sizeClassSql(): Promise<Map<string, Record<string, number>>> {
  const rows = await api.db.query<{ sentraId: string; class: string; n: string }>(
    `SELECT "sentraId"::text AS "sentraId", count(*)::text AS n, CASE
       WHEN "annualTurnover" IS NOT NULL THEN CASE
         WHEN "annualTurnover" <= 2000000000 THEN 'MICRO' WHEN "annualTurnover" <= 15000000000 THEN 'SMALL'
         WHEN "annualTurnover" <= 50000000000 THEN 'MEDIUM' ELSE 'LARGE' END
       WHEN "businessCapital" IS NOT NULL THEN CASE
         WHEN "businessCapital" <= 1000000000 THEN 'MICRO' WHEN "businessCapital" <= 5000000000 THEN 'SMALL'
         WHEN "businessCapital" <= 10000000000 THEN 'MEDIUM' ELSE 'LARGE' END
       ELSE 'NONE' END AS class
     FROM "Enterprise" WHERE "sentraId" IS NOT NULL AND status = 'ACTIVE' GROUP BY 1, 3`,
  );
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) out.set(r.sentraId, { ...(out.get(r.sentraId) ?? {}), [r.class]: Number(r.n) });
  return out;
}

/** The rows as counted, cells of fewer than 5 suppressed with the complement that would expose them. */
function breakdownOf(counts: Record<string, number> | undefined): SizeRow[] {
  const classes = ['MICRO', 'SMALL', 'MEDIUM', 'LARGE', 'NONE'];
  const shown = suppressSmallCells(classes.map((c) => counts?.[c] ?? 0));
  return classes.map((c, i) => ({ sizeClass: c === 'NONE' ? null : c, enterpriseCount: shown[i]! }));
}

const shownSum = (rows: SizeRow[]) => rows.reduce((sum, r) => sum + (r.enterpriseCount ?? 0), 0);

describe('sentra profile: each aggregate agrees with independent SQL', () => {
  it('members: totalCount and memberCount count the active members; the first page is the first members by name', async () => {
    const [nodes, members] = await Promise.all([profiles(100, 3), activeMembers()]);
    expect(nodes).toHaveLength(20);
    for (const s of nodes) {
      const expected = members.get(rawId(s.id)) ?? [];
      expect(s.members.totalCount, s.name).toBe(expected.length);
      expect(s.memberCount, s.name).toBe(expected.length);
      expect(s.members.nodes.map((n) => n.name), s.name).toEqual(expected.slice(0, 3).map((e) => e.name));
    }
    expect(nodes.reduce((sum, s) => sum + s.members.totalCount, 0)).toBeGreaterThan(100);
  });

  it('capacityByCategory: the sum of monthly capacity per category and unit, units never added together', async () => {
    const [nodes, expected] = await Promise.all([profiles(), capacitySql()]);
    let rows = 0;
    for (const s of nodes) {
      expect(s.capacityByCategory, s.name).toEqual(expected.get(rawId(s.id)) ?? []);
      rows += s.capacityByCategory.length;
    }
    expect(rows).toBeGreaterThan(20);
  });

  it('openOpportunityCount: stored OPEN and not expired at the request, as opportunities(filter: { sentraId, status: OPEN }) counts', async () => {
    const nodes = await profiles();
    const at = new Date();
    const expected = await openOpportunitiesSql(at);
    const expired = await api.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "Opportunity" o JOIN "Enterprise" e ON e.id = o."enterpriseId"
       WHERE e."sentraId" IS NOT NULL AND o.status = 'OPEN' AND o."validUntil" < $1`,
      [at.toISOString()],
    );
    // The seed has expired-but-stored-OPEN opportunities of sentra members, so the rule is exercised.
    expect(Number(expired[0]!.n)).toBeGreaterThan(0);
    for (const s of nodes) expect(s.openOpportunityCount, s.name).toBe(expected.get(rawId(s.id)) ?? 0);
    expect(nodes.some((s) => s.openOpportunityCount > 0)).toBe(true);

    const busiest = [...nodes].sort((a, b) => b.openOpportunityCount - a.openOpportunityCount)[0]!;
    const market = await api.gql(`query($id: ID!) { opportunities(filter: { sentraId: $id, status: OPEN }) { totalCount } }`, {
      id: busiest.id,
    });
    expect(market.data!.opportunities.totalCount).toBe(busiest.openOpportunityCount);
  });

  it('sizeClassBreakdown: members per PP 7/2021 class, the four classes and the unclassified, adding up to the members', async () => {
    const [nodes, expected] = await Promise.all([profiles(), sizeClassSql()]);
    for (const s of nodes) {
      expect(s.sizeClassBreakdown, s.name).toEqual(breakdownOf(expected.get(rawId(s.id))));
      const counts = Object.values(expected.get(rawId(s.id)) ?? {});
      if (counts.every((n) => n >= 5)) expect(shownSum(s.sizeClassBreakdown)).toBe(s.members.totalCount);
      // Whatever is hidden hides at least 5 members, or none.
      const hidden = s.members.totalCount - shownSum(s.sizeClassBreakdown);
      expect(hidden === 0 || hidden >= 5, s.name).toBe(true);
    }
    expect(nodes.some((s) => s.sizeClassBreakdown.some((r) => r.enterpriseCount === null))).toBe(true);
    expect(nodes.some((s) => s.sizeClassBreakdown.some((r) => r.enterpriseCount !== null && r.enterpriseCount > 0))).toBe(true);
    // The breakdown agrees with each member's own public sizeClass field as well.
    const one = nodes.find((s) => s.members.totalCount > 0)!;
    const res = await api.gql(`query($id: ID!) { node(id: $id) { ... on Sentra { members(first: 100) { nodes { sizeClass } } } } }`, {
      id: one.id,
    });
    const own = (res.data!.node.members.nodes as { sizeClass: string | null }[]).map((m) => m.sizeClass);
    for (const row of one.sizeClassBreakdown) {
      if (row.enterpriseCount !== null) expect(own.filter((c) => c === row.sizeClass).length).toBe(row.enterpriseCount);
    }
  });

  it('pages through the members of the largest sentra without gaps or repeats', async () => {
    const nodes = await profiles();
    const largest = [...nodes].sort((a, b) => b.members.totalCount - a.members.totalCount)[0]!;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const res: any = await api.gql(
        `query($id: ID!, $after: String) { node(id: $id) { ... on Sentra {
          members(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } } } }`,
        { id: largest.id, after },
      );
      expect(res.errors).toBeUndefined();
      const members = res.data.node.members;
      expect(members.totalCount).toBe(largest.members.totalCount);
      seen.push(...members.nodes.map((n: { id: string }) => n.id));
      if (!members.pageInfo.hasNextPage) break;
      after = members.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(largest.members.totalCount);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('sentra profile follows changes', () => {
  /** A sentra whose first member makes a product; the test adds products and archives members there. */
  async function subject() {
    const nodes = await profiles(100, 1);
    const s = nodes.find((n) => n.capacityByCategory.length > 0 && n.members.totalCount >= 2)!;
    return s;
  }
  const one = async (id: string) => (await profiles()).find((s) => s.id === id)!;

  it('keeps units apart within a category (kg is never added to pcs) and folds the case of a unit', async () => {
    const s = await subject();
    const row = s.capacityByCategory[0]!;
    const memberId = rawId(s.members.nodes[0]!.id);
    const other = row.unit === 'kg' ? 'pcs' : 'kg';
    await api.db.prisma.enterpriseProduct.createMany({
      data: [
        { enterpriseId: memberId, name: 'Uji satuan A', category: row.category, unit: other, monthlyCapacity: 700 },
        { enterpriseId: memberId, name: 'Uji satuan B', category: row.category, unit: ` ${other.toUpperCase()} `, monthlyCapacity: 45 },
      ],
    });
    const after = await one(s.id);
    const same = after.capacityByCategory.find((c) => c.category === row.category && c.unit === row.unit)!;
    const added = after.capacityByCategory.find((c) => c.category === row.category && c.unit === other)!;
    expect(same.totalMonthlyCapacity).toBe(row.totalMonthlyCapacity);
    const before = s.capacityByCategory.find((c) => c.category === row.category && c.unit === other);
    // One member making it is too few to show (fewer than 5 enterprises): the row is there, its figures null.
    if (before?.enterpriseCount) expect(added.totalMonthlyCapacity).toBe(before.totalMonthlyCapacity! + 745);
    else expect(added).toMatchObject({ totalMonthlyCapacity: null, enterpriseCount: null });
    expect(after.capacityByCategory.filter((c) => c.category === row.category).map((c) => c.unit)).toContain(row.unit);
    expect(after.capacityByCategory).toEqual((await capacitySql()).get(rawId(s.id)));
  });

  it('counts an opportunity that has expired out, and one published ahead of its validFrom in', async () => {
    const s = await subject();
    const memberId = rawId(s.members.nodes[0]!.id);
    const base = {
      enterpriseId: memberId,
      kind: 'SELL_OFFER' as const,
      description: 'Uji',
      status: 'OPEN' as const,
    };
    const now = Date.now();
    await api.db.prisma.opportunity.createMany({
      data: [
        { ...base, title: 'Uji kedaluwarsa', validFrom: new Date(now - 10 * 86_400_000), validUntil: new Date(now - 60_000) },
        { ...base, title: 'Uji terbit lebih awal', validFrom: new Date(now + 5 * 86_400_000), validUntil: new Date(now + 30 * 86_400_000) },
        { ...base, title: 'Uji ditutup', status: 'CLOSED', validFrom: new Date(now - 86_400_000), validUntil: new Date(now + 86_400_000) },
      ],
    });
    const after = await one(s.id);
    expect(after.openOpportunityCount).toBe(s.openOpportunityCount + 1);
    expect(after.openOpportunityCount).toBe((await openOpportunitiesSql(new Date())).get(rawId(s.id)) ?? 0);
  });

  it('leaves an archived member out of members, memberCount, capacity and size classes (includeArchived lists it)', async () => {
    const s = await subject();
    const archived = s.members.nodes[0]!;
    await api.db.prisma.enterprise.update({ where: { id: rawId(archived.id) }, data: { status: 'ARCHIVED' } });
    const after = await one(s.id);
    expect(after.members.totalCount).toBe(s.members.totalCount - 1);
    expect(after.memberCount).toBe(s.memberCount - 1);
    expect(after.members.nodes.map((n) => n.id)).not.toContain(archived.id);
    expect(after.sizeClassBreakdown).toEqual(breakdownOf((await sizeClassSql()).get(rawId(s.id))));
    expect(after.capacityByCategory).toEqual((await capacitySql()).get(rawId(s.id)) ?? []);
    expect(after.sizeClassBreakdown).toEqual(breakdownOf((await sizeClassSql()).get(rawId(s.id))));
    // Its opportunities stay on the marketplace, so they still count, as in opportunities(filter: { sentraId }).
    expect(after.openOpportunityCount).toBe(s.openOpportunityCount);

    const all = await api.gql(
      `query($id: ID!) { node(id: $id) { ... on Sentra { members(first: 100, includeArchived: true) { totalCount nodes { id status } } } } }`,
      { id: s.id },
    );
    expect(all.data!.node.members.totalCount).toBe(s.members.totalCount);
    expect(all.data!.node.members.nodes).toContainEqual({ id: archived.id, status: 'ARCHIVED' });
    await api.db.prisma.enterprise.update({ where: { id: rawId(archived.id) }, data: { status: 'ACTIVE' } });
  });
});

describe('sentra profile: statements per request do not grow with page size', () => {
  const query = `query($n: Int) { sentra(first: $n) { totalCount nodes {
    name memberCount openOpportunityCount
    capacityByCategory { category unit totalMonthlyCapacity enterpriseCount }
    sizeClassBreakdown { sizeClass enterpriseCount }
    members(first: 3) { totalCount nodes { name sizeClass district { name } } } } } }`;

  it('sentra aggregates and members: first 5 and first 20 cost the same statements', async () => {
    const at5 = await api.statementsDuring(() => api.gql(query, { n: 5 }));
    const at20 = await api.statementsDuring(() => api.gql(query, { n: 20 }));
    console.log(`statements: sentra aggregates first:5 = ${at5}, first:20 = ${at20}`);
    expect(at5).toBe(at20);
    // The page, its count, members (nodes and counts planned into the page's query), three aggregates.
    expect(at20).toBeLessThanOrEqual(8);
  });

  it('two levels down (districts → sentra → aggregates): first 4 and first 16 districts cost the same statements', async () => {
    // Kota Semarang's kecamatan: the sentra are there (the list by code starts in Kabupaten Cilacap).
    const nested = `query($n: Int) { districts(first: $n, filter: { regencyCodes: ["33.74"] }) { nodes { name sentra(first: 10) { nodes {
      name openOpportunityCount capacityByCategory { unit totalMonthlyCapacity } sizeClassBreakdown { enterpriseCount }
      members(first: 2) { totalCount nodes { name } } } } } } }`;
    const at4 = await api.statementsDuring(() => api.gql(nested, { n: 4 }));
    const at16 = await api.statementsDuring(() => api.gql(nested, { n: 16 }));
    console.log(`statements: districts → sentra aggregates first:4 = ${at4}, first:16 = ${at16}`);
    expect(at4).toBe(at16);
  });

  it('does not repeat an aggregate statement when a sentra appears twice in one request', async () => {
    const list = await profiles(2, 1);
    const twice = `query($a: ID!) { x: node(id: $a) { ... on Sentra { openOpportunityCount } } y: node(id: $a) { ... on Sentra { openOpportunityCount } } }`;
    const once = `query($a: ID!) { x: node(id: $a) { ... on Sentra { openOpportunityCount } } }`;
    const two = await api.statementsDuring(() => api.gql(twice, { a: list[0]!.id }));
    const single = await api.statementsDuring(() => api.gql(once, { a: list[0]!.id }));
    // node(id) loads the sentra once per alias; the aggregate itself runs once (DataLoader caches it per request).
    expect(two - single).toBeLessThanOrEqual(1);
  });
});
