import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRI, memberOf } from './financing-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * The pages of `pnpm bench api`: with Prisma's relation joins and Pothos select mode the public
 * pages are one SQL statement (a text search adds the one that finds the ids), whatever the page
 * size and however deep the nesting.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

const MARKETPLACE = `query($n: Int!) { opportunities(first: $n) { pageInfo { hasNextPage } nodes {
  id title status amountMin partner { name district { code } } enterprise { name district { code } sentra { name district { name } } } } } }`;
const SEARCH = `query($n: Int!) { enterprises(first: $n, filter: { search: "makan" }) { nodes {
  id name district { code } sentra { name district { name } } products { name monthlyCapacity } } } }`;
const LEADS = `query($n: Int!) { financingLeads(first: $n) { nodes {
  id amountBand status consentScopes enterprise { name } readiness { verdict scheme } } } }`;

describe('SQL statements of the benchmarked pages', () => {
  it.each([
    ['marketplace', MARKETPLACE, 1],
    ['enterprise search', SEARCH, 2],
  ] as const)('%s: one statement (a search adds one) at first:5 and first:50, nested rows filled in', async (_name, query, expected) => {
    for (const n of [5, 50]) {
      let nodes: Record<string, unknown>[] = [];
      const statements = await api.statementsDuring(async () => {
        const res = await api.gql(query, { n });
        expect(res.errors).toBeUndefined();
        nodes = Object.values(res.data!)[0].nodes;
      });
      expect(statements).toBe(expected);
      expect(nodes.length).toBeGreaterThan(n === 5 ? 4 : 5);
      expect(nodes.some((node) => (node.enterprise ?? node) && JSON.stringify(node).includes('"district":{'))).toBe(true);
    }
  });

  it("a funder's leads with consent scopes and readiness: the same statements at first:20 and first:40 (both pages audited)", async () => {
    const bri = await memberOf(api, BRI);
    const counts: number[] = [];
    for (const n of [20, 40]) {
      counts.push(
        await api.statementsDuring(async () => {
          const res = await api.gql(LEADS, { n }, bri.headers);
          expect(res.errors).toBeUndefined();
          expect(res.data!.financingLeads.nodes.length).toBe(n);
          expect(res.data!.financingLeads.nodes.some((l: { readiness: unknown }) => l.readiness !== null)).toBe(true);
        }),
      );
    }
    console.log(`statements: financingLeads first:20 = ${counts[0]}, first:40 = ${counts[1]}`);
    expect(counts[1]).toBe(counts[0]);
  });
});
