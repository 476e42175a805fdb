import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { growthSharesInsert } from '@temu-bisnis/schema/enterprise/growth';
import { EXACT_COUNT_LIMIT } from '@temu-bisnis/schema/common/counting';
import { copyText } from '../src/db/copy-text';
import { seedSynthetic } from '../src/seed/synthetic';
import { TERM_TABLES, termMismatches } from './support/search-terms';
import { startTestServer, type TestServer } from './support/server';

/**
 * seed:synthetic's bulk load (COPY into the enterprises' tables with their indexes and foreign keys
 * rebuilt at the end, in one transaction): every derived row the database keeps is there, the
 * schema is as the migrations left it, a second run adds only what is missing; and the directory's
 * totalCount over more than EXACT_COUNT_LIMIT IKM.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

/** The tables' indexes, constraints and triggers (enabled or not), as definitions: the load must leave them exactly so. */
async function schemaOf(): Promise<string[]> {
  const rows = await api.db.query<{ def: string }>(`
    SELECT tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL
    SELECT pg_get_indexdef(indexrelid) AS def FROM pg_index WHERE indrelid::regclass::text LIKE '"Enterprise%' OR indrelid::regclass::text IN ('"Certification"', '"FinancingNeed"', '"TurnoverGrowthShare"')
    UNION ALL
    SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid::regclass::text LIKE '"Enterprise%' OR conrelid::regclass::text IN ('"Certification"', '"FinancingNeed"', '"TurnoverGrowthShare"')`);
  return rows.map((r) => r.def).sort();
}

/** The posts of synthetic IKM and partners, as a condition on Opportunity o. */
const SYNTHETIC_POSTS = `(o."enterpriseId" IN (SELECT id FROM "Enterprise" WHERE nib LIKE '70%') OR o."partnerId" IN (SELECT id FROM "Partner" WHERE slug LIKE 'synthetic-%'))`;

type Counts = { enterprises: number; products: number; terms: number; shares: number; partners: number; posts: number; partnerPosts: number; postTerms: number };

async function counts(): Promise<Counts> {
  const [row] = await api.db.query<Counts>(`SELECT
    (SELECT count(*)::int FROM "Enterprise" WHERE nib LIKE '70%') AS enterprises,
    (SELECT count(*)::int FROM "EnterpriseProduct" p JOIN "Enterprise" e ON e.id = p."enterpriseId" WHERE e.nib LIKE '70%') AS products,
    (SELECT count(*)::int FROM "EnterpriseSearchTerm" t JOIN "Enterprise" e ON e.id = t."enterpriseId" WHERE e.nib LIKE '70%') AS terms,
    (SELECT count(*)::int FROM "TurnoverGrowthShare" s JOIN "Enterprise" e ON e.id = s."enterpriseId" WHERE e.nib LIKE '70%') AS shares,
    (SELECT count(*)::int FROM "Partner" WHERE slug LIKE 'synthetic-%') AS partners,
    (SELECT count(*)::int FROM "Opportunity" o JOIN "Enterprise" e ON e.id = o."enterpriseId" WHERE e.nib LIKE '70%') AS posts,
    (SELECT count(*)::int FROM "Opportunity" o JOIN "Partner" p ON p.id = o."partnerId" WHERE p.slug LIKE 'synthetic-%') AS "partnerPosts",
    (SELECT count(*)::int FROM "OpportunitySearchTerm" t WHERE t."opportunityId" IN (SELECT o.id FROM "Opportunity" o WHERE ${SYNTHETIC_POSTS})) AS "postTerms"`);
  return row!;
}

describe('seed:synthetic', () => {
  it('loads the rows with their search terms and growth shares, leaves the indexes and keys as they were, and resumes', async () => {
    const before = await schemaOf();
    await seedSynthetic(api.db, { enterprises: 1_200, partners: 30, batchSize: 500 });
    expect(await schemaOf()).toEqual(before);
    const first = await counts();
    expect(first.enterprises).toBe(1_200);
    expect(first.partners).toBe(30);
    expect(first.products).toBeGreaterThan(1_200);
    // The marketplace: about 8 % of IKM post (a quarter of the demo's rates), partners as the demo's do.
    expect(first.posts).toBeGreaterThan(1_200 * 0.04);
    expect(first.posts).toBeLessThan(1_200 * 0.12);
    expect(first.partnerPosts).toBeGreaterThan(30);
    const [postWords] = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Opportunity" o CROSS JOIN LATERAL unnest(to_tsvector('simple'::regconfig, o."searchText")) w WHERE ${SYNTHETIC_POSTS}`,
    );
    expect(first.postTerms).toBe(postWords!.n);
    // Posts are public: an IKM's sell offer is found in the marketplace by its words and its kind.
    const [offer] = await api.db.query<{ title: string }>(
      `SELECT o.title FROM "Opportunity" o JOIN "Enterprise" e ON e.id = o."enterpriseId" WHERE e.nib LIKE '70%' AND o.kind = 'SELL_OFFER' AND o.status = 'OPEN' ORDER BY o.id LIMIT 1`,
    );
    const market = await api.gql(`query($q: String!) { opportunities(first: 50, filter: { search: $q, kinds: [SELL_OFFER] }) { nodes { title } } }`, {
      q: offer!.title.replace(/[()]/g, ''),
    });
    expect(market.data?.opportunities.nodes).toContainEqual({ title: offer!.title });
    // A history in order: an IKM is in the registry from its founding on, its needs and posts after that.
    const [early] = await api.db.query<{ ikm: number; needs: number; posts: number; spread: number }>(
      `SELECT (SELECT count(*)::int FROM "Enterprise" e WHERE e.nib LIKE '70%' AND e."createdAt" < e."foundedOn") AS ikm,
        (SELECT count(*)::int FROM "FinancingNeed" n JOIN "Enterprise" e ON e.id = n."enterpriseId" WHERE e.nib LIKE '70%' AND n."createdAt" < e."createdAt") AS needs,
        (SELECT count(*)::int FROM "Opportunity" o JOIN "Enterprise" e ON e.id = o."enterpriseId" WHERE ${SYNTHETIC_POSTS} AND o."createdAt" < e."createdAt") AS posts,
        (SELECT count(DISTINCT e."createdAt")::int FROM "Enterprise" e WHERE e.nib LIKE '70%') AS spread`,
    );
    expect(early).toEqual({ ikm: 0, needs: 0, posts: 0, spread: expect.any(Number) });
    expect(early!.spread).toBeGreaterThan(100);

    // The growth shares equal what the rebuild computes from the figures; the terms, the trigger's words.
    const [expected] = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (${growthSharesInsert(`b."enterpriseId" IN (SELECT id FROM "Enterprise" WHERE nib LIKE '70%')`).replace(/^INSERT INTO[^\n]*\n/, '')}) s`,
    );
    expect(first.shares).toBe(expected!.n);
    // The trigger's terms, with the names and the KBLI divisions (from the match keys the load writes) beside them.
    const words = await termMismatches(api.db, TERM_TABLES.enterprise, `r.nib LIKE '70%'`);
    expect(first.terms).toBe(words.lexemes);
    expect(words.differ).toBe(0);
    // The names the load writes beside products and terms are their enterprises' (the directory's sort key).
    const [stale] = await api.db.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM "EnterpriseProduct" p JOIN "Enterprise" e ON e.id = p."enterpriseId" WHERE p."enterpriseName" <> e.name)
        + (SELECT count(*)::int FROM "EnterpriseKbli" k JOIN "Enterprise" e ON e.id = k."enterpriseId" WHERE k."enterpriseName" <> e.name)
        + (SELECT count(*)::int FROM "EnterpriseSearchTerm" t JOIN "Enterprise" e ON e.id = t."enterpriseId" WHERE t.name <> e.name) AS n`,
    );
    expect(stale!.n).toBe(0);
    // The match keys written with the rows (their triggers off meanwhile) are the triggers' own: recomputing them changes none.
    const keys = async () =>
      (await api.db.query<{ keys: string }>(`SELECT md5(string_agg(e.id::text || array_to_string(e."matchKeys", ','), ';' ORDER BY e.id)) AS keys FROM "Enterprise" e WHERE e.nib LIKE '70%'`))[0]!.keys;
    const written = await keys();
    await api.db.exec(`SELECT match_keys_refresh(ARRAY(SELECT id FROM "Enterprise" WHERE nib LIKE '70%'))`);
    expect(await keys()).toBe(written);
    const found = await api.gql(`{ enterprises(filter: { search: "001200 synthetic" }) { totalCount nodes { name } } }`);
    expect(found.data?.enterprises.nodes).toEqual([{ name: expect.stringContaining('001200 (synthetic)') }]);

    // Again with more: only the missing rows are added.
    await seedSynthetic(api.db, { enterprises: 1_500, partners: 30, batchSize: 500 });
    const second = await counts();
    expect(second.enterprises).toBe(1_500);
    expect(second.partners).toBe(30);
    expect(second.products).toBeGreaterThan(first.products);
    expect(second.posts).toBeGreaterThan(first.posts);
    expect(second.partnerPosts).toBe(first.partnerPosts);
    expect(await schemaOf()).toEqual(before);
  });

});

describe('the directory\'s totalCount', () => {
  // A server of its own, seeded before its first request: a long load between two requests on one
  // kept-alive connection can meet the server closing it.
  let big: TestServer;
  beforeAll(async () => {
    big = await startTestServer({ seeded: true });
    await seedSynthetic(big.db, { enterprises: EXACT_COUNT_LIMIT + 2_000, partners: 0 });
  }, 120_000);
  afterAll(() => big.close());

  it(`is exact up to ${EXACT_COUNT_LIMIT}, and PostgreSQL's estimate beyond (never below what it counted)`, async () => {
    // Active IKM, with a word starting with `prefix` when given (the search's rule).
    const exact = async (prefix?: string) => {
      const [row] = await big.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "Enterprise" e WHERE status = 'ACTIVE' ${prefix ? `AND EXISTS (SELECT 1 FROM "EnterpriseSearchTerm" t WHERE t."enterpriseId" = e.id AND t.term LIKE $1 || '%')` : ''}`,
        prefix ? [prefix] : [],
      );
      return row!.n;
    };
    const total = async (filter: string) => (await big.gql(`{ enterprises(filter: ${filter}) { totalCount } }`)).data!.enterprises.totalCount as number;
    const all = await exact();
    const estimated = await total('{}');
    expect(all).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(estimated).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(Math.abs(estimated - all) / all).toBeLessThan(0.05);
    // Exact below the limit: one IKM, and the ten numbered 001230 to 001239.
    expect(await total('{ search: "001499" }')).toBe(1);
    expect(await exact('00123')).toBe(10);
    expect(await total('{ search: "00123" }')).toBe(10);
  });
});

describe('copy', () => {
  it('writes rows COPY reads back as they were: NULL, tabs, newlines, backslashes, quotes, arrays', async () => {
    const rows = [
      { a: 'tab\there', b: null, c: ['x', 'say "hi"', 'back\\slash', 'a,b {c}'], d: 12n, e: 'line\nbreak\r' },
      { a: '\\N is not null', b: 'plain', c: [], d: -1, e: '' },
    ];
    const columns = ['a', 'b', 'c', 'd', 'e'];
    await api.db.session(async (sql) => {
      await sql.exec('CREATE TEMP TABLE copy_text_check (a text, b text, c text[], d bigint, e text)');
      await sql.copy('copy_text_check', columns, copyText(rows, columns));
      const back = await sql.query('SELECT a, b, c, d::text AS d, e FROM copy_text_check');
      await sql.exec('DROP TABLE copy_text_check');
      expect(back).toEqual(rows.map((r) => ({ ...r, d: String(r.d) })));
    });
  });
});
