import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
import { BRI, memberOf } from './financing-fixtures';
let api: TestServer;
beforeAll(async () => { api = await startTestServer({ seeded: true }); });
afterAll(() => api.close());
it('scratch', async () => {
  const bri = await memberOf(api, BRI);
  const PAGE = `query($first: Int!, $filter: FinancingLeadFilter) { financingLeads(first: $first, filter: $filter) { totalCount nodes {
    id sector district { code name } amountBand purpose open status consentScopes
    enterprise { name nib annualTurnover sizeClass kbliCodes { code } contacts { name phone } district { name } }
    need { amount tenorMonths readiness { verdict } }
    readiness { verdict scheme rules { id outcome } }
    review { status assignee { name } history { fromStatus toStatus } notes { body } } } } }`;
  await api.gql(PAGE, { first: 1 }, bri.headers);
  const log: string[] = [];
  (api.db.prisma as any).$on('query', (e: any) => log.push(e.query.slice(0, 400)));
  await api.gql(PAGE, { first: 10 }, bri.headers);
  console.log(log.join('\n---\n'));
});
