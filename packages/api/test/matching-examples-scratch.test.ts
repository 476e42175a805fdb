import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
let api: TestServer;
beforeAll(async () => { api = await startTestServer({ seeded: true }); });
afterAll(() => api.close());
it('examples run', async () => {
  const doc = readFileSync(new URL('../src/server/graphiql-examples.graphql', import.meta.url), 'utf8');
  const staff = await api.as('admin@disperin.semarangkota.go.id');
  for (const op of ['BankRecommendedIkm', 'BatikIkmRecommendedDistributors', 'BuyRequestMatches']) {
    const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...staff }, body: JSON.stringify({ query: doc, operationName: op }) });
    const body = await res.json() as any;
    expect(body.errors).toBeUndefined();
    console.log(op, JSON.stringify(body.data).slice(0, 1200));
  }
});
