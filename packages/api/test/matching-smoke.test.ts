import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
let api: TestServer;
beforeAll(async () => { api = await startTestServer({ seeded: true }); });
afterAll(() => api.close());
it('explore', async () => {
  const pr = api.db.prisma;
  const opps = await pr.opportunity.findMany({ where: { kind: 'BUY_REQUEST' }, include: { partner: { include: { memberships: { include: { user: true } } } } } });
  for (const o of opps) console.log(o.title, o.partner?.slug, o.partner?.memberships.map((m) => m.user.email), o.productCategory, o.status, o.validUntil);
  const batik = await pr.organisationMembership.findMany({ where: { enterprise: { sector: 'BATIK' } }, include: { user: true, enterprise: true } });
  console.log(batik.map((m) => [m.user.email, m.enterprise?.name]));
  const consents = await pr.consent.findMany({ include: { funder: true } });
  console.log(consents.map((c) => [c.funder?.slug, c.funderType, c.scopes, c.expiresAt]));
  console.log(await pr.meeting.groupBy({ by: ['outcome'], _count: true }));
});
