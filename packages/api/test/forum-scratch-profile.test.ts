import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';
import { globalId } from './support/ids';

let api: TestServer;
beforeAll(async () => { api = await startTestServer({ seeded: true }); }, 120_000);
afterAll(() => api?.close());

it('profiles', async () => {
  const staff = await api.as('petugas.ikm@disperin.semarangkota.go.id');
  const prisma = api.db.prisma;
  const forum = await prisma.matchmakingSession.findFirstOrThrow({ where: { status: 'REGISTRATION_OPEN' } });
  const pending = await prisma.meetingRequest.findMany({ where: { sessionId: forum.id, status: 'PENDING' }, take: 5 });
  await prisma.meetingRequest.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { expiresAt: new Date(Date.now() + 86400000) } });
  const events: string[] = [];
  (prisma as any).$on('query', (e: any) => events.push(`${e.duration}ms ${e.query.slice(0, 110)}`));
  for (const p of pending) {
    events.length = 0;
    const t0 = performance.now();
    const n = await api.statementsDuring(() => api.gql(`mutation ($id: ID!) { meetingRequestAccept(input: { id: $id }) { request { id status } meeting { id slot { id } table { name } } userErrors { code message } } }`, { id: globalId('MeetingRequest', p.id) }, staff).then((r) => console.log(JSON.stringify(r).slice(0, 300))));
    console.log('statements', n, Math.round(performance.now() - t0), 'ms');
  }
  console.log(events.join('\n'));
});
