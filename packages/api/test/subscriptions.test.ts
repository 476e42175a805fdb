import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BPR, BRI, createEnterprise, enterpriseGid, memberOf, ownerOf } from './financing-fixtures';
import { distributionOffer } from './opportunity-fixtures';
import { startTestServer, type TestServer } from './support/server';
import { databaseUrl, testDatabaseKind } from './support/templates';

/**
 * `subscription { events }` over SSE: across two API servers that share only the database and
 * Redis, resumed after a disconnect from the last event id, and filtered by the rule the queries
 * follow (no consent, no need).
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `temu:test:push:${process.pid}:${Date.now()}:`;
let a: TestServer;
let b: TestServer;

// Subscribers poll the outbox only every minute here: an event that arrives within seconds came
// through the fan-out, however busy the machine.
const pollMs = 60_000;
beforeAll(async () => {
  a = await startTestServer({ seeded: true, fanOut: { redisUrl: REDIS_URL, prefix, pollMs } });
  b = await startTestServer({ database: a.db, fanOut: { redisUrl: REDIS_URL, prefix, pollMs } });
});
/** Every subscription's hang-up: a test that failed before its own leaves none open for the servers' close to wait on. */
const hangUps: (() => void)[] = [];
afterAll(async () => {
  for (const hangUp of hangUps) hangUp();
  await b?.close();
  await a?.close();
});

const EVENTS = `subscription($after: String, $types: [WebhookEventType!]) { events(after: $after, types: $types) { id type subjectId data } }`;
interface Pushed {
  id: string;
  type: string;
  subjectId: string;
  data: string;
  at: number;
}

/** An SSE subscription: what it received so far, and a way to hang up. */
async function subscribe(server: TestServer, headers: Record<string, string>, variables: Record<string, unknown> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query: EVENTS, variables }),
    signal: controller.signal,
  });
  const received: Pushed[] = [];
  const errors: unknown[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('');
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const message = JSON.parse(data) as { data?: { events: Omit<Pushed, 'at'> }; errors?: unknown[] };
          if (message.data?.events) received.push({ ...message.data.events, at: Date.now() });
          if (message.errors) errors.push(...message.errors);
        }
      }
    } catch {
      // hung up
    }
  })();
  hangUps.push(() => controller.abort());
  // Let the subscription take its cursor before the test writes.
  await new Promise((r) => setTimeout(r, 400));
  return { status: response.status, received, errors, close: () => controller.abort() };
}

async function waitFor(condition: () => boolean, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function post(server: TestServer, headers: Record<string, string>, title: string): Promise<{ id: string; committedAt: number }> {
  const res = await server.gql(`mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { opportunity { id } userErrors { code } } }`, { input: distributionOffer(title) }, headers);
  expect(res.data!.opportunityPost.userErrors).toEqual([]);
  return { id: res.data!.opportunityPost.opportunity.id, committedAt: Date.now() };
}

describe('subscriptions over SSE', () => {
  it('refuses anonymous subscribers', async () => {
    const response = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: EVENTS }),
    });
    const body = await response.text();
    expect(body).toContain('UNAUTHENTICATED');
    expect(body).not.toContain('"events":{');
  });

  it('an event committed through server A reaches a subscriber of server B through Redis', async () => {
    const seller = await memberOf(a, 'distribusi-pangan-jateng');
    const sub = await subscribe(b, (await memberOf(b, BPR)).headers, { types: ['OPPORTUNITY_POSTED'] });
    try {
      expect(sub.status).toBe(200);
      const posted = await post(a, seller.headers, 'Lintas proses');
      await waitFor(() => sub.received.some((e) => e.subjectId === posted.id));
      const got = sub.received.find((e) => e.subjectId === posted.id)!;
      expect(JSON.parse(got.data)).toMatchObject({ id: posted.id, title: 'Lintas proses' });
      // Long before the minute's poll: the announcement came through Redis.
      console.log(JSON.stringify({ crossServerLatencyMs: got.at - posted.committedAt }));
      expect(got.at - posted.committedAt).toBeLessThan(pollMs / 4);
    } finally {
      sub.close();
    }
  });

  it('resumes after a disconnect from the last event id: the missed events first, in order, then live', async () => {
    const seller = await memberOf(a, 'distribusi-pangan-jateng');
    const viewer = (await memberOf(a, BRI)).headers;
    const first = await subscribe(a, viewer, { types: ['OPPORTUNITY_POSTED'] });
    const e1 = await post(a, seller.headers, 'Sebelum putus');
    await waitFor(() => first.received.length === 1);
    first.close();
    const missed = [await post(a, seller.headers, 'Terlewat 1'), await post(b, seller.headers, 'Terlewat 2')];
    const again = await subscribe(b, viewer, { types: ['OPPORTUNITY_POSTED'], after: first.received[0]!.id });
    await waitFor(() => again.received.length >= 2);
    expect(first.received.map((e) => e.subjectId)).toEqual([e1.id]);
    const live = await post(a, seller.headers, 'Langsung');
    await waitFor(() => again.received.length >= 3);
    expect(again.received.map((e) => e.subjectId)).toEqual([...missed.map((m) => m.id), live.id]);
    again.close();
  });

  it('delivers only what the subscriber may query: a need reaches the consented bank, not another funder', async () => {
    const bank = await subscribe(a, (await memberOf(a, BRI)).headers, { types: ['FINANCING_NEED_CREATED', 'OPPORTUNITY_POSTED', 'LEAD_STATUS_CHANGED'] });
    const bpr = await subscribe(b, (await memberOf(b, BPR)).headers, { types: ['FINANCING_NEED_CREATED', 'OPPORTUNITY_POSTED', 'LEAD_STATUS_CHANGED'] });
    const enterprise = await createEnterprise(a);
    const owner = await ownerOf(a, enterprise);
    const grant = await a.gql(`mutation($input: ConsentGrantInput!) { consentGrant(input: $input) { userErrors { code } } }`, { input: { enterpriseId: enterpriseGid(enterprise), funderType: 'BANK', scopes: ['NEEDS'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } }, owner.headers);
    expect(grant.data!.consentGrant.userErrors).toEqual([]);
    const need = await a.gql(`mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { financingNeed { id } userErrors { code } } }`, { input: { enterpriseId: enterpriseGid(enterprise), amount: '25000000', purpose: 'INVESTMENT', tenorMonths: 12 } }, owner.headers);
    const needId = need.data!.financingNeedCreate.financingNeed.id as string;
    // A public event after it: once the BPR has it, it would have had the need before.
    const marker = await post(a, (await memberOf(a, 'distribusi-pangan-jateng')).headers, 'Penanda');
    await waitFor(() => bank.received.some((e) => e.subjectId === marker.id) && bpr.received.some((e) => e.subjectId === marker.id));
    expect(bank.received.map((e) => e.subjectId)).toContain(needId);
    expect(bpr.received.map((e) => e.subjectId)).not.toContain(needId);
    expect(bpr.received.map((e) => e.type)).toEqual(['OPPORTUNITY_POSTED']);
    bank.close();
    bpr.close();
  });
});

describe.skipIf(testDatabaseKind !== 'postgres')('without Redis, on PostgreSQL', () => {
  it('an event committed through one server reaches a subscriber of another through LISTEN/NOTIFY', async () => {
    const [row] = await a.db.query<{ name: string }>('SELECT current_database() AS name');
    const fanOut = { postgresUrl: databaseUrl(row!.name), prefix: `${prefix}pg:`, pollMs };
    const c = await startTestServer({ database: a.db, fanOut });
    const d = await startTestServer({ database: a.db, fanOut });
    const sub = await subscribe(d, (await memberOf(d, BPR)).headers, { types: ['OPPORTUNITY_POSTED'] });
    try {
      const posted = await post(c, (await memberOf(c, 'distribusi-pangan-jateng')).headers, 'Lewat NOTIFY');
      await waitFor(() => sub.received.some((e) => e.subjectId === posted.id));
      const got = sub.received.find((e) => e.subjectId === posted.id)!;
      console.log(JSON.stringify({ notifyLatencyMs: got.at - posted.committedAt }));
      expect(got.at - posted.committedAt).toBeLessThan(pollMs / 4);
    } finally {
      sub.close();
      await d.close();
      await c.close();
    }
  });
});
