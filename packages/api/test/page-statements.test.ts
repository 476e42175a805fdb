import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRI, memberOf } from './financing-fixtures';
import { startTestServer, type TestServer } from './support/server';

/**
 * The pages of `pnpm bench api`: a public page is one SQL statement, the page's rows (a text search
 * among their conditions: EnterpriseSearchTerm) inside the statement building their objects as JSON
 * (planned reads, server/planned-reads.ts, planner/page.ts); whatever the page size and however
 * deep the nesting.
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
/** The funder's page of `pnpm bench api` (LEADS_PAGE), as the bench sends it. */
const LEADS = `query FunderLeads($first: Int!) {
  financingLeads(first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes { id amountBand purpose open status consentScopes enterprise { name } readiness { verdict scheme } }
  }
}`;

describe('SQL statements of the benchmarked pages', () => {
  it.each([
    ['marketplace', MARKETPLACE],
    ['enterprise search', SEARCH],
  ] as const)('%s: one statement at first:5 and first:50, nested rows filled in', async (_name, query) => {
    for (const n of [5, 50]) {
      let nodes: Record<string, unknown>[] = [];
      const statements = await api.statementsDuring(async () => {
        const res = await api.gql(query, { n });
        expect(res.errors).toBeUndefined();
        nodes = Object.values(res.data!)[0].nodes;
      });
      expect(statements).toBe(1);
      expect(nodes.length).toBeGreaterThan(n === 5 ? 4 : 5);
      expect(nodes.some((node) => (node.enterprise ?? node) && JSON.stringify(node).includes('"district":{'))).toBe(true);
    }
  });

  it("a funder's leads with consent scopes and readiness: the sign-in, then the leads with their consents, writing the audit of what was read", async () => {
    const bri = await memberOf(api, BRI);
    for (const first of [5, 50]) {
      let audited = 0;
      const statements = await api.statementsDuring(async () => {
        const res = await api.gql(LEADS, { first }, bri.headers);
        expect(res.errors).toBeUndefined();
        const nodes: { consentScopes: string[]; enterprise: unknown; readiness: unknown }[] = res.data!.financingLeads.nodes;
        expect(nodes.length).toBeGreaterThan(first === 5 ? 4 : 5);
        for (const lead of nodes) expect(lead.readiness !== null).toBe(lead.consentScopes.includes('FINANCIALS'));
        audited = nodes.filter((lead) => lead.enterprise !== null || lead.readiness !== null).length;
      });
      if (first === 50) expect(audited).toBeGreaterThan(0);
      // The token's look-up, then one statement for the page (which leads) with those leads'
      // consents and figures (financing/lead-plan.ts; no directory count: the page shows no sector
      // or kecamatan), inserting the audit records of what the page shows under consent.
      expect(statements).toBe(2);
    }
  });
});
