import { it } from 'vitest';
import { startTestServer } from '../../api/test/support/server';
import { TemuBisnisClient } from '../src/index';

it('explore', async () => {
  const api = await startTestServer({ seeded: true });
  const m = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partner: { slug: 'bri-unit-peterongan-kur' } }, include: { user: true } });
  const token = (await api.as(m.user.email)).authorization!.slice(7);
  const client = new TemuBisnisClient({ endpoint: `${api.url}/graphql`, token });
  console.log(JSON.stringify(await client.viewer()));
  const page = await client.financingLeads.list({ first: 100 });
  console.log('leads', page.totalCount, page.nodes.length);
  const stats: Record<string, number> = {};
  for (const l of page.nodes) { const k = `${l.status}/${l.consentScopes.join('+')}/${l.readiness?.verdict}/${l.open}`; stats[k] = (stats[k] ?? 0) + 1; }
  console.log(stats);
  const elig = page.nodes.find((l) => l.readiness?.verdict === 'ELIGIBLE');
  if (elig) console.log(JSON.stringify(await client.financingLeads.get(elig.id), null, 1).slice(0, 3000));
  const d = await api.db.prisma.organisationMembership.findFirstOrThrow({ where: { partner: { slug: 'distribusi-pangan-jateng' } }, include: { user: true, partner: true } });
  console.log(d.user.email, JSON.stringify(d.partner).slice(0, 800));
  const ops = await client.opportunities.list({ first: 5, filter: { openOnly: true, sector: 'FOOD_BEVERAGE' } });
  console.log('ops', ops.totalCount, ops.nodes.map((o) => `${o.kind} ${o.title} ${o.postedByKind}`));
  const kinds = await client.request<any>('{ opportunities(first: 100, filter: {openOnly: true}) { totalCount nodes { kind sector } } }');
  const ks: Record<string, number> = {}; for (const o of kinds.opportunities.nodes) ks[`${o.kind}/${o.sector}`] = (ks[`${o.kind}/${o.sector}`] ?? 0) + 1; console.log(kinds.opportunities.totalCount, ks);
  await api.close();
}, 120000);
