import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
let api: TestServer;
beforeAll(async () => { api = await startTestServer({ seeded: true }); });
afterAll(() => api.close());
it('smoke', async () => {
  const staff = await api.as('admin@disperin.semarangkota.go.id');
  const p = await api.db.prisma.partner.findFirstOrThrow({ where: { slug: 'bri-unit-peterongan-kur' } });
  const gid = Buffer.from(`Partner:${p.id}`).toString('base64');
  const q = `query($id: ID!) { partner(id: $id) { name recommendedEnterprises(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { score components { factor weight value points reason } enterprise { name sector district { name } } } } } } }`;
  const n = await api.statementsDuring(async () => {
    const res = await api.gql(q, { id: gid }, staff);
    console.log(JSON.stringify(res, null, 1).slice(0, 6000));
  });
  console.log('statements', n);
});
