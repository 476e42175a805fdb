import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { emit } from '@temu-bisnis/schema/common/outbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '@temu-bisnis/schema/auth/secrets';
import { apiKeyOf, BPR, BRI, createEnterprise, enterpriseGid, memberOf, ownerOf } from './financing-fixtures';
import { distributionOffer } from './opportunity-fixtures';
import { loadSecurityConfig } from '../src/config';
import { type ServeProcess, startServeProcess } from './support/serve-process';
import { startTestServer, type TestServer } from './support/server';
import { EVENTS, hangUpAll, subscribe, subscribeWs, waitFor } from './support/sse';
import { globalId } from './support/ids';
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
afterAll(async () => {
  hangUpAll();
  await b?.close();
  await a?.close();
});

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

  it('an event committed through server A reaches a subscriber of server B (two servers in this process) through Redis', async () => {
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
    // The same two over graphql-ws: one rule whatever the transport.
    const bankWs = await subscribeWs(b, (await memberOf(a, BRI)).headers, { types: ['FINANCING_NEED_CREATED', 'OPPORTUNITY_POSTED', 'LEAD_STATUS_CHANGED'] });
    const bprWs = await subscribeWs(a, (await memberOf(a, BPR)).headers, { types: ['FINANCING_NEED_CREATED', 'OPPORTUNITY_POSTED', 'LEAD_STATUS_CHANGED'] });
    const enterprise = await createEnterprise(a);
    const owner = await ownerOf(a, enterprise);
    const grant = await a.gql(`mutation($input: ConsentGrantInput!) { consentGrant(input: $input) { userErrors { code } } }`, { input: { enterpriseId: enterpriseGid(enterprise), funderType: 'BANK', scopes: ['NEEDS'], expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() } }, owner.headers);
    expect(grant.data!.consentGrant.userErrors).toEqual([]);
    const need = await a.gql(`mutation($input: FinancingNeedCreateInput!) { financingNeedCreate(input: $input) { financingNeed { id } userErrors { code } } }`, { input: { enterpriseId: enterpriseGid(enterprise), amount: '25000000', purpose: 'INVESTMENT', tenorMonths: 12 } }, owner.headers);
    const needId = need.data!.financingNeedCreate.financingNeed.id as string;
    // A public event after it: once the BPR has it, it would have had the need before.
    const marker = await post(a, (await memberOf(a, 'distribusi-pangan-jateng')).headers, 'Penanda');
    await waitFor(() => [bank, bpr, bankWs, bprWs].every((s) => s.received.some((e) => e.subjectId === marker.id)));
    for (const consented of [bank, bankWs]) expect(consented.received.map((e) => e.subjectId)).toContain(needId);
    for (const other of [bpr, bprWs]) {
      expect(other.received.map((e) => e.subjectId)).not.toContain(needId);
      expect(other.received.map((e) => e.type)).toEqual(['OPPORTUNITY_POSTED']);
    }
    for (const s of [bank, bpr, bankWs, bprWs]) s.close();
  });
});

describe('events for staff follow the region the queries read', () => {
  it("a consortium offer's events reach its region's office and the provincial office, not another region's office", async () => {
    const [semarang, demak, province] = await Promise.all(
      ['petugas.ikm@disperin.semarangkota.go.id', 'petugas.ikm@disperin.demakkab.go.id', 'petugas.ikm@disperindag.jatengprov.go.id'].map((email) => a.as(email)),
    );
    const offer = await a.db.prisma.consortiumOffer.findFirstOrThrow({ where: { sentra: { district: { regency: { code: '33.74' } } } }, include: { shares: { take: 1 } } });
    const subjects = [globalId('ConsortiumOffer', offer.id), globalId('ConsortiumShare', offer.shares[0]!.id)];
    const types = ['CONSORTIUM_WITHDRAWN', 'CONSORTIUM_MEMBER_ACCEPTED', 'OPPORTUNITY_POSTED'];
    const feeds = await Promise.all([semarang, demak, province].map((headers) => subscribe(a, headers!, { types })));
    await a.db.prisma.$transaction(async (tx) => {
      await emit(tx, { type: 'consortium.withdrawn', subject: { typename: 'ConsortiumOffer', id: offer.id }, audience: { staff: true }, payload: {} }, new Date());
      await emit(tx, { type: 'consortium.member_accepted', subject: { typename: 'ConsortiumShare', id: offer.shares[0]!.id }, audience: { staff: true }, payload: {} }, new Date());
    });
    // A public event after them: once every feed has it, each would have had the two before.
    const marker = await post(a, (await memberOf(a, 'distribusi-pangan-jateng')).headers, 'Penanda wilayah');
    await waitFor(() => feeds.every((f) => f.received.some((e) => e.subjectId === marker.id)));
    const [ownOffice, otherOffice, provincial] = feeds.map((f) => f.received.map((e) => e.subjectId).filter((id) => id !== marker.id));
    expect(ownOffice).toEqual(subjects);
    expect(provincial).toEqual(subjects);
    expect(otherOffice).toEqual([]);
    for (const f of feeds) f.close();
  });
});

describe('subscriptions over graphql-ws (same path, same server)', () => {
  it('an event committed through server A reaches a graphql-ws subscriber of server B', async () => {
    const seller = await memberOf(a, 'distribusi-pangan-jateng');
    const sub = await subscribeWs(b, (await memberOf(b, BPR)).headers, { types: ['OPPORTUNITY_POSTED'] });
    try {
      const posted = await post(a, seller.headers, 'Lewat WebSocket');
      await waitFor(() => sub.received.some((e) => e.subjectId === posted.id));
      expect(JSON.parse(sub.received.find((e) => e.subjectId === posted.id)!.data)).toMatchObject({ id: posted.id, title: 'Lewat WebSocket' });
      expect(sub.errors).toEqual([]);
    } finally {
      sub.close();
    }
  });

  it('resumes after a disconnect from the last event id, on the other transport too: nothing lost, nothing twice', async () => {
    const seller = await memberOf(a, 'distribusi-pangan-jateng');
    const viewer = (await memberOf(a, BRI)).headers;
    const first = await subscribeWs(a, viewer, { types: ['OPPORTUNITY_POSTED'] });
    await post(a, seller.headers, 'WS sebelum putus');
    await waitFor(() => first.received.length === 1);
    first.close();
    const missed = [await post(a, seller.headers, 'WS terlewat 1'), await post(b, seller.headers, 'WS terlewat 2')];
    const again = await subscribeWs(b, viewer, { types: ['OPPORTUNITY_POSTED'], after: first.received[0]!.id });
    const live = await post(a, seller.headers, 'WS langsung');
    await waitFor(() => again.received.length >= 3);
    expect(again.received.map((e) => e.subjectId)).toEqual([...missed.map((m) => m.id), live.id]);
    // And from graphql-ws back to SSE with the same cursor.
    const sse = await subscribe(a, viewer, { types: ['OPPORTUNITY_POSTED'], after: again.received[1]!.id });
    await waitFor(() => sse.received.length >= 1);
    expect(sse.received.map((e) => e.subjectId)).toEqual([live.id]);
    again.close();
    sse.close();
  });

  it('refuses anonymous subscribers, and a connection whose credential is not live', async () => {
    const anonymous = await subscribeWs(a, {});
    await anonymous.done;
    expect(anonymous.received).toEqual([]);
    expect(anonymous.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    anonymous.close();
    const unknown = await subscribeWs(a, { authorization: 'Bearer tb_user_0000000000000000000000000000000000000000000' });
    await unknown.done;
    expect(unknown.closed).toMatchObject({ code: 4403 });
    expect(unknown.received).toEqual([]);
    unknown.close();
  });

  it('a stream ends when its credential is revoked: the viewer is checked per event, not fixed at the start', async () => {
    const seller = await memberOf(a, 'distribusi-pangan-jateng');
    const token = (await memberOf(a, BPR)).headers;
    const key = await apiKeyOf(a, BPR, ['opportunities:read']);
    const sse = await subscribe(b, token, { types: ['OPPORTUNITY_POSTED'] });
    const ws = await subscribeWs(a, key, { types: ['OPPORTUNITY_POSTED'] });
    const before = await post(a, seller.headers, 'Sebelum dicabut');
    await waitFor(() => [sse, ws].every((s) => s.received.some((e) => e.subjectId === before.id)));
    const hashOf = (headers: Record<string, string>) => hashSecret(headers.authorization!.replace(/^Bearer /, ''));
    await a.db.prisma.accessToken.update({ where: { hash: hashOf(token) }, data: { revokedAt: new Date() } });
    await a.db.prisma.apiKey.update({ where: { hash: hashOf(key) }, data: { revokedAt: new Date() } });
    const after = await post(a, seller.headers, 'Sesudah dicabut');
    await waitFor(() => [sse, ws].every((s) => s.errors.length > 0));
    await ws.done;
    for (const s of [sse, ws]) {
      expect(s.received.map((e) => e.subjectId)).not.toContain(after.id);
      expect(s.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    }
    sse.close();
    ws.close();
  });

  it('serves only subscriptions: queries and mutations stay on HTTP', async () => {
    const client = createClient({ url: `${a.url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: (await memberOf(a, BPR)).headers, retryAttempts: 0 });
    const result = await new Promise<unknown>((resolve) => client.subscribe({ query: '{ viewer { __typename } }' }, { next: resolve, error: resolve, complete: () => {} }));
    expect(JSON.stringify(result)).toContain('Only subscriptions are served over WebSocket');
    await client.dispose();
  });

  it('with API_KEYS_PERSISTED_ONLY an API key sends no document over WebSocket either; a server that shuts down closes its WebSocket connections (1001)', async () => {
    const persistedOnly = loadSecurityConfig({ RATE_LIMIT: 'off', API_KEYS_PERSISTED_ONLY: 'on' }, false).persistedOperations;
    const extra = await startTestServer({ database: a.db, security: { persistedOperations: persistedOnly } });
    const keyed = await subscribeWs(extra, await apiKeyOf(a, BPR, ['opportunities:read']));
    await keyed.done;
    expect(keyed.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_ONLY' }) })]);
    keyed.close();
    const sub = await subscribeWs(extra, (await memberOf(a, BPR)).headers);
    await extra.close();
    await sub.done;
    expect(sub.closed).toMatchObject({ code: 1001 });
    sub.close();
  });
});

/** The name of the database the test servers share (PostgreSQL). */
async function sharedDatabaseUrl(): Promise<string> {
  const [row] = await a.db.query<{ name: string }>('SELECT current_database() AS name');
  return databaseUrl(row!.name);
}

// Two OS processes need a database both can open: a PostgreSQL server (PGlite is one process's).
describe.skipIf(testDatabaseKind !== 'postgres')('two API processes (cli serve) sharing PostgreSQL and Redis', () => {
  let pa: ServeProcess;
  let pb: ServeProcess;
  beforeAll(async () => {
    const env = { REDIS_URL, PUSH_PREFIX: `${prefix}proc:`, PUSH_POLL_MS: String(pollMs) };
    const sharedDatabase = await sharedDatabaseUrl();
    [pa, pb] = await Promise.all([startServeProcess(env, { sharedDatabase }), startServeProcess(env, { sharedDatabase })]);
  }, 120_000);
  afterAll(async () => {
    hangUpAll();
    await Promise.all([pa?.stop(), pb?.stop()]);
  });

  it('an event written through process A reaches a subscriber of process B', async () => {
    expect(pa.child.pid).not.toBe(pb.child.pid);
    const sub = await subscribe(pb, (await memberOf(a, BPR)).headers, { types: ['OPPORTUNITY_POSTED'] });
    const seller = await memberOf(a, 'distribusi-pangan-jateng');
    const res = await fetch(pa.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...seller.headers },
      body: JSON.stringify({ query: `mutation($input: OpportunityPostInput!) { opportunityPost(input: $input) { opportunity { id } userErrors { code } } }`, variables: { input: distributionOffer('Lintas proses OS') } }),
    });
    const committedAt = Date.now();
    const posted = ((await res.json()) as { data: { opportunityPost: { opportunity: { id: string } } } }).data.opportunityPost.opportunity.id;
    await waitFor(() => sub.received.some((e) => e.subjectId === posted));
    const latency = sub.received.find((e) => e.subjectId === posted)!.at - committedAt;
    console.log(JSON.stringify({ crossProcessLatencyMs: latency, loadAverage1m: loadavg()[0] }));
    // Long before the minute's poll: the announcement came from process A through Redis.
    expect(latency).toBeLessThan(pollMs / 4);
    sub.close();
  });
});

// PGlite runs one transaction at a time, so there commit order is write order; on PostgreSQL a
// transaction that wrote earlier may commit later.
describe.skipIf(testDatabaseKind !== 'postgres')('resume cursor and commit order (PostgreSQL)', () => {
  it('an event whose transaction commits after a later-written one is not skipped by a resumer, and arrives once', async () => {
    const seller = await memberOf(a, 'distribusi-pangan-jateng');
    const viewer = (await memberOf(a, BPR)).headers;
    const first = await subscribe(b, viewer, { types: ['OPPORTUNITY_POSTED'] });
    const marker = await post(a, seller.headers, 'Penanda urutan');
    await waitFor(() => first.received.some((e) => e.subjectId === marker.id));
    // The lower seq: written first, in a transaction held open.
    let release!: () => void;
    let written!: (id: string) => void;
    const lowId = new Promise<string>((resolve) => (written = resolve));
    const low = a.db.prisma.$transaction(
      async (tx) => {
        const id = await emit(tx, { type: 'opportunity.posted', subject: { typename: 'Opportunity', id: randomUUID() }, audience: { public: true }, payload: { title: 'Terlambat' } }, new Date());
        written(id);
        await new Promise<void>((resolve) => (release = resolve));
        return id;
      },
      { timeout: 20_000 },
    );
    const lowEvent = await lowId;
    // The higher seq commits first (and is announced through Redis).
    const high = await post(a, seller.headers, 'Lebih dulu');
    await new Promise((r) => setTimeout(r, 600));
    const beforeCommit = first.received.map((e) => e.subjectId);
    first.close();
    // The resumer continues from the last event the first connection received.
    const again = await subscribe(b, viewer, { types: ['OPPORTUNITY_POSTED'], after: first.received.at(-1)!.id });
    release();
    await low;
    await waitFor(() => again.received.some((e) => e.id === lowEvent));
    await waitFor(() => [...first.received, ...again.received].some((e) => e.subjectId === high.id));
    await new Promise((r) => setTimeout(r, 300));
    again.close();
    const ids = [...first.received, ...again.received].map((e) => e.id);
    const highEvent = [...first.received, ...again.received].find((e) => e.subjectId === high.id)!.id;
    expect(ids.filter((id) => id === lowEvent)).toHaveLength(1);
    expect(ids.filter((id) => id === highEvent)).toHaveLength(1);
    // Nothing past the open transaction was handed out before it committed, so nothing could be passed.
    expect(beforeCommit).not.toContain(high.id);
  });
});

describe.skipIf(testDatabaseKind !== 'postgres')('a long transaction in another database of the server (PostgreSQL)', () => {
  it('does not hold back the events of this one', async () => {
    const seller = await memberOf(a, 'distribusi-pangan-jateng');
    const viewer = (await memberOf(a, BPR)).headers;
    // Another application's session on the same server, in a transaction that has written (holds an xid).
    const other = new pg.Client({ connectionString: databaseUrl('postgres') });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      const live = await subscribe(b, viewer, { types: ['OPPORTUNITY_POSTED'] });
      const posted = await post(a, seller.headers, 'Tidak tertahan');
      await waitFor(() => live.received.some((e) => e.subjectId === posted.id));
      live.close();
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });
});

describe.skipIf(testDatabaseKind !== 'postgres')('without Redis, on PostgreSQL', () => {
  it('an event committed through one server reaches a subscriber of another through LISTEN/NOTIFY', async () => {
    const fanOut = { postgresUrl: await sharedDatabaseUrl(), prefix: `${prefix}pg:`, pollMs };
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
