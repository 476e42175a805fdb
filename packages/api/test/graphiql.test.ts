import { type OperationDefinitionNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDemoAccounts } from '../src/cli/users';
import { GRAPHIQL_ASSETS_PATH } from '../src/server/graphiql/assets';
import { REFERENCE_PATH } from '../src/server/reference';
import { type ExampleTab, loadExampleTabs } from '../src/server/graphiql/tabs';
import { startTestServer, type TestServer } from './support/server';

/** GraphiQL's page and assets over HTTP, and the example tabs against the seeded demo accounts. */
let api: TestServer;
const tabs = loadExampleTabs();

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(() => api.close());

function operations(tab: ExampleTab): OperationDefinitionNode[] {
  return parse(tab.query).definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
}

describe('the GraphiQL page', () => {
  it('loads nothing from outside the API: every script, style and icon is one of its own assets', async () => {
    const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    // The one link to a page: the API reference, served by the API too.
    expect(html).toContain(`<a id="reference-link" href="${REFERENCE_PATH}"`);
    const reference = await fetch(`${api.url}${REFERENCE_PATH}`);
    expect(reference.status).toBe(200);
    expect(reference.headers.get('content-type')).toMatch(/^text\/html/);
    const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!).filter((url) => url !== REFERENCE_PATH);
    expect(urls.length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/https?:\/\//);
    for (const url of [...urls, ...[...html.matchAll(/"(\/graphiql\/[^"]+\.js)"/g)].map((m) => m[1]!)]) {
      expect(url.startsWith(GRAPHIQL_ASSETS_PATH), url).toBe(true);
      const asset = await fetch(`${api.url}${url}`);
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(1_000);
    }
    expect((await fetch(`${api.url}${GRAPHIQL_ASSETS_PATH}nope.js`)).status).toBe(404);
    for (const op of tabs.flatMap(operations)) expect(html).toContain(op.name!.value);
  });

  it('and its assets are not served when GraphiQL is off (production)', async () => {
    const production = await startTestServer({ seeded: false, production: true });
    try {
      expect((await fetch(`${production.url}${GRAPHIQL_ASSETS_PATH}yoga-graphiql.js`)).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});

describe('the example tabs', () => {
  it('sign in as seeded demo accounts of their use, as `pnpm cli users` lists them', async () => {
    const accounts = await listDemoAccounts(api.db.prisma);
    const of = (use: string) => accounts.filter((a) => a.email === tabs.find((t) => t.use === use)!.signInEmail);
    expect(tabs.find((t) => t.use === 'public')!.signInEmail).toBeNull();
    expect(of('bank')).toEqual([expect.objectContaining({ role: 'PARTNER', organisationKind: 'FUNDER' })]);
    expect(of('distributor')).toEqual([expect.objectContaining({ role: 'PARTNER', organisationKind: 'DISTRIBUTOR' })]);
    expect(of('disperin')).toEqual([expect.objectContaining({ role: 'OFFICER', organisationKind: 'DISPERIN' })]);
    const owner = tabs.find((t) => t.use === 'ikm-owner')!;
    expect(of('ikm-owner')).toEqual([
      expect.objectContaining({ role: 'ENTERPRISE', organisationKind: 'IKM', organisation: JSON.parse(owner.variables!).name, membership: 'OWNER' }),
    ]);
  });

  it.each(tabs.map((t) => [t.use, t] as const))('%s: every query that needs no pasted id answers with data for its account', async (_use, tab) => {
    const variables = JSON.parse(tab.variables ?? '{}') as Record<string, string>;
    const headers = tab.signInEmail ? await api.as(tab.signInEmail) : {};
    const runnable = operations(tab).filter(
      (op) => op.operation === 'query' && (op.variableDefinitions ?? []).every((v) => variables[v.variable.name.value] && !variables[v.variable.name.value]!.startsWith('<')),
    );
    expect(runnable.length).toBeGreaterThan(0);
    for (const op of runnable) {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: tab.query, operationName: op.name!.value, variables }),
      });
      const res = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(res.errors, op.name!.value).toBeUndefined();
      // Something came back: a non-empty list somewhere in the answer.
      expect(JSON.stringify(res.data), op.name!.value).toMatch(/\[\{/);
    }
  });

  it('ikm-owner: the owner sees the private fields of their own enterprise, an anonymous caller does not', async () => {
    const tab = tabs.find((t) => t.use === 'ikm-owner')!;
    const profile = async (headers: Record<string, string>) => {
      const response = await fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: tab.query, operationName: 'IkmOwnerProfile', variables: JSON.parse(tab.variables!) }),
      });
      const res = (await response.json()) as { data: { enterprises: { nodes: { name: string; businessCapital: string | null }[] } } };
      return res.data.enterprises.nodes[0]!;
    };
    const own = await profile(await api.as(tab.signInEmail!));
    expect(own.name).toBe(JSON.parse(tab.variables!).name);
    expect(own.businessCapital).toMatch(/^\d+$/);
    expect((await profile({})).businessCapital).toBeNull();
  });
});
