import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
import { BRI, createEnterprise, createNeed, insertConsent, memberOf, leadGid } from './financing-fixtures';

let api: TestServer;
beforeAll(async () => { api = await startTestServer({ seeded: true }); });
afterAll(() => api.close());

it('scratch', async () => {
  const e = await createEnterprise(api, { contact: { name: 'Siti', phone: '+6281234567890', email: 'siti@example.com' } });
  const need = await createNeed(api, e);
  await insertConsent(api, e, { funderSlug: BRI });
  const bri = await memberOf(api, BRI);
  const q = `query($id: ID!) { node(id: $id) { ... on FinancingLead { id sector district { code name } amountBand purpose status consentScopes
     review { id status history { toStatus } } enterprise { name nib annualTurnover contacts { name phone } } need { amount tenorMonths } readiness { verdict scheme rules { id outcome } } } } }`;
  const r = await api.gql(q, { id: leadGid(need) }, bri.headers);
  console.log(JSON.stringify(r, null, 1));
  const n = await api.statementsDuring(() => api.gql(`{ financingLeads(first: 50) { totalCount nodes { id sector district { name } amountBand status review { status history { toStatus } } enterprise { name } need { amount } readiness { verdict } } } }`, {}, bri.headers));
  const r2 = await api.gql(`{ financingLeads(first: 5) { totalCount nodes { id sector district { name } amountBand status review { status history { toStatus } } enterprise { name } need { amount } readiness { verdict } } } }`, {}, bri.headers);
  console.log(JSON.stringify(r2, null, 1), n);
});
