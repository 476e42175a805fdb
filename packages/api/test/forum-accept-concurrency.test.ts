import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecurityConfig } from '../src/config';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';

/**
 * meetingRequestAccept under load: 200 accepts fired at once over HTTP. PGlite runs them one
 * transaction at a time; PostgreSQL runs them in parallel on a pool of 10 connections. Either way
 * no participant and no table may be booked twice, the number of successes must be exactly what
 * the tables allow, and every failure must be a clean userError (HTTP 200, no top-level error).
 */
const TABLES = 10;
const CONCURRENT = 200;

let api: TestServer;
let staff: Record<string, string>;
let forumId: string;
let slotIds: string[];
let participantIds: string[];

const ACCEPT = /* GraphQL */ `
  mutation ($input: MeetingRequestAcceptInput!) {
    meetingRequestAccept(input: $input) {
      request { id status }
      meeting { id slot { id } table { name } }
      notBooked { code field message }
      userErrors { code field message }
    }
  }`;

function isoDate(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  // A burst of 200 queues: PGlite runs every statement of every request one after another in this
  // one thread, PostgreSQL has 10 connections for 200 transactions. On a busy machine (the whole
  // suite runs two files at a time) the last answers can come after the default 10 s execution
  // timeout, which would turn queueing into TIMEOUT errors. This file tests booking under
  // concurrency, not throughput, so it gives execution 60 s and logs the slowest response.
  const defaults = loadSecurityConfig({ RATE_LIMIT: 'off' }, false);
  api = await startTestServer({ seeded: true, security: { limits: { ...defaults.limits, executionTimeoutMs: 60_000 } } });
  staff = await api.as('petugas.ikm@disperin.semarangkota.go.id');
  const date = isoDate(60);
  const created = await api.gql(
    `mutation ($input: ForumCreateInput!) { forumCreate(input: $input) { forum { id slots { id isBreak } } userErrors { code field message } } }`,
    {
      input: {
        title: 'Uji beban Temu Bisnis',
        venue: 'Gedung Oudetrap, Kota Lama',
        date,
        meetingMinutes: 20,
        startTime: '09:00',
        endTime: '10:00',
        tableCount: TABLES,
        registrationOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
        registrationClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        pairingRule: 'ANY',
        requestTtlHours: 336,
      },
    },
    staff,
  );
  expect(created.errors).toBeUndefined();
  expect(created.data!.forumCreate.userErrors).toEqual([]);
  const forum = created.data!.forumCreate.forum;
  forumId = forum.id;
  slotIds = forum.slots.map((s: { id: string }) => s.id);
  expect(slotIds).toHaveLength(3);
  const opened = await api.gql(
    `mutation ($id: ID!) { forumOpenRegistration(input: { id: $id }) { forum { status } userErrors { code message } } }`,
    { id: forumId },
    staff,
  );
  expect(opened.data!.forumOpenRegistration.userErrors).toEqual([]);

  // Setup through the database for speed (registration has its own tests): every enterprise and
  // partner registers, available all day.
  const prisma = api.db.prisma;
  const sessionId = forumId ? Buffer.from(forumId, 'base64').toString().split(':')[1]! : '';
  const [enterprises, partners] = await Promise.all([
    prisma.enterprise.findMany({ where: { status: 'ACTIVE' }, select: { id: true }, orderBy: { id: 'asc' } }),
    prisma.partner.findMany({ where: { status: 'ACTIVE' }, select: { id: true }, orderBy: { id: 'asc' } }),
  ]);
  await prisma.forumParticipant.createMany({
    data: [
      ...enterprises.map((e) => ({ sessionId, enterpriseId: e.id, attendees: ['Peserta uji'] })),
      ...partners.map((p) => ({ sessionId, partnerId: p.id, attendees: ['Peserta uji'] })),
    ],
  });
  participantIds = (await prisma.forumParticipant.findMany({ where: { sessionId }, select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);
  const dbSlots = await prisma.sessionSlot.findMany({ where: { sessionId }, select: { id: true } });
  await prisma.participantAvailability.createMany({
    data: participantIds.flatMap((participantId) => dbSlots.map((s) => ({ participantId, slotId: s.id }))),
  });
}, 120_000);

afterAll(() => api?.close());

/** Creates requests between the given index pairs of participants; returns their global IDs in order. */
async function requestsBetween(pairs: [number, number][]): Promise<string[]> {
  const prisma = api.db.prisma;
  const sessionId = Buffer.from(forumId, 'base64').toString().split(':')[1]!;
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  const rows = pairs.map(([a, b]) => ({
    sessionId,
    requesterId: participantIds[a]!,
    recipientId: participantIds[b]!,
    message: 'Uji beban',
    priority: 3,
    expiresAt,
  }));
  const created = await prisma.meetingRequest.createManyAndReturn({ data: rows, select: { id: true, requesterId: true, recipientId: true } });
  const byPair = new Map(created.map((r) => [`${r.requesterId}|${r.recipientId}`, r.id]));
  return rows.map((r) => globalId('MeetingRequest', byPair.get(`${r.requesterId}|${r.recipientId}`)!));
}

/**
 * One POST on a connection of its own (no keep-alive): a burst must not reuse a pooled socket the
 * server is just closing after the quiet setup, which fetch would report as ECONNRESET.
 */
function post(body: unknown, headers: Record<string, string>): Promise<{ status: number; json: any; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${api.url}/graphql`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', connection: 'close', ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')), ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function fireAccepts(requestIds: string[], slotId: string | null) {
  const started = performance.now();
  const raw = await Promise.all(requestIds.map((id) => post({ query: ACCEPT, variables: { input: slotId ? { id, slotId } : { id, bookNow: true } } }, staff)));
  const responses = raw.map((r) => ({ status: r.status, ...(r.json as { data?: any; errors?: unknown[] }) }));
  const slowest = Math.round(Math.max(...raw.map((r) => r.ms)));
  return { responses, ms: Math.round(performance.now() - started), slowest };
}

/** Invariants straight from the database: per slot meetings ≤ tables, one seat per participant per slot; `pooled` accepted requests wait without a meeting. */
async function checkInvariants(pooled = 0) {
  const sessionId = Buffer.from(forumId, 'base64').toString().split(':')[1]!;
  const perSlot = await api.db.query<{ slotId: string; meetings: number; tables: number }>(
    `SELECT m."slotId" AS "slotId", count(*)::int AS meetings, count(DISTINCT m."tableId")::int AS tables
     FROM "Meeting" m WHERE m."sessionId" = $1 GROUP BY m."slotId"`,
    [sessionId],
  );
  for (const row of perSlot) {
    expect(row.meetings).toBeLessThanOrEqual(TABLES);
    expect(row.tables).toBe(row.meetings);
  }
  const doubleSeats = await api.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT s."participantId", s."slotId" FROM "MeetingSeat" s JOIN "Meeting" m ON m.id = s."meetingId"
       WHERE m."sessionId" = $1 GROUP BY 1, 2 HAVING count(*) > 1) d`,
    [sessionId],
  );
  expect(doubleSeats[0]!.n).toBe(0);
  const seatsPerMeeting = await api.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Meeting" m WHERE m."sessionId" = $1 AND (SELECT count(*) FROM "MeetingSeat" s WHERE s."meetingId" = m.id) <> 2`,
    [sessionId],
  );
  expect(seatsPerMeeting[0]!.n).toBe(0);
  const acceptedWithoutMeeting = await api.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "MeetingRequest" r WHERE r."sessionId" = $1 AND r.status = 'ACCEPTED'
       AND NOT EXISTS (SELECT 1 FROM "Meeting" m WHERE m."requestId" = r.id)`,
    [sessionId],
  );
  expect(acceptedWithoutMeeting[0]!.n).toBe(pooled);
  return perSlot;
}

describe(`meetingRequestAccept: ${CONCURRENT} concurrent accepts`, () => {
  it('all at one slot: exactly one meeting per table, no participant twice, every other accept a clean SLOT_TAKEN', async () => {
    // 180 requests between disjoint pairs, plus 20 that share a participant with one of them.
    const disjoint = Array.from({ length: 180 }, (_, i) => [2 * i, 2 * i + 1] as [number, number]);
    expect(participantIds.length).toBeGreaterThanOrEqual(360);
    const sharing = Array.from({ length: CONCURRENT - disjoint.length }, (_, i) => [2 * i, 2 * i + 3] as [number, number]);
    const ids = await requestsBetween([...disjoint, ...sharing]);
    const slot = slotIds[1]!;
    const { responses, ms, slowest } = await fireAccepts(ids, slot);

    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
    expect(responses.filter((r) => r.errors)).toEqual([]);
    const results = responses.map((r) => r.data!.meetingRequestAccept);
    const ok = results.filter((r) => r.userErrors.length === 0);
    const refused = results.filter((r) => r.userErrors.length > 0);
    // With 180 disjoint pairs the tables, not the shared participants, are the limit: whatever the order, 10 succeed.
    expect(ok).toHaveLength(TABLES);
    expect(ok.every((r) => r.request.status === 'ACCEPTED' && r.meeting.slot.id === slot)).toBe(true);
    expect(new Set(ok.map((r) => r.meeting.table.name)).size).toBe(TABLES);
    expect(refused.every((r) => r.userErrors.length === 1 && r.userErrors[0].code === 'SLOT_TAKEN' && r.request === null)).toBe(true);
    const perSlot = await checkInvariants();
    expect(perSlot).toHaveLength(1);
    expect(perSlot[0]!.meetings).toBe(TABLES);
    const codes: Record<string, number> = {};
    for (const r of refused) codes[r.userErrors[0].code] = (codes[r.userErrors[0].code] ?? 0) + 1;
    console.log(`[${api.db.kind}] ${CONCURRENT} accepts at one slot: ${ok.length} booked, refused ${JSON.stringify(codes)}, ${ms} ms (slowest response ${slowest} ms)`);
    // The refused requests stay pending: a failed accept changes nothing.
    const pending = await api.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "MeetingRequest" WHERE status = 'PENDING' AND "sessionId" = $1`,
      [Buffer.from(forumId, 'base64').toString().split(':')[1]!],
    );
    expect(pending[0]!.n).toBe(CONCURRENT - TABLES);
  });

  it('without a slot (bookNow: true): the free slots fill exactly (2 slots × 10 tables), the rest are accepted into the pool with notBooked NO_FREE_SLOT', async () => {
    // New pairs among the same participants; the middle slot is full, the first and last are free.
    const n = participantIds.length;
    const pairs = Array.from({ length: CONCURRENT }, (_, i) => [i, (i + 101) % n] as [number, number]).filter(
      ([a, b]) => Math.abs(a - b) !== 1 && Math.abs(a - b) !== 3,
    );
    const ids = await requestsBetween(pairs);
    const { responses, ms, slowest } = await fireAccepts(ids, null);
    expect(responses.filter((r) => r.status !== 200 || r.errors)).toEqual([]);
    const results = responses.map((r) => r.data!.meetingRequestAccept);
    expect(results.filter((r) => r.userErrors.length > 0)).toEqual([]);
    const ok = results.filter((r) => r.meeting);
    const pooled = results.filter((r) => !r.meeting);
    expect(ok).toHaveLength(2 * TABLES);
    expect(new Set(ok.map((r) => r.meeting.slot.id))).toEqual(new Set([slotIds[0], slotIds[2]]));
    expect(pooled.every((r) => r.request.status === 'ACCEPTED' && r.notBooked?.code === 'NO_FREE_SLOT')).toBe(true);
    const perSlot = await checkInvariants(pooled.length);
    expect(perSlot.map((s) => s.meetings).sort()).toEqual([TABLES, TABLES, TABLES]);
    console.log(`[${api.db.kind}] ${ids.length} accepts without a slot: ${ok.length} booked, ${pooled.length} pooled (NO_FREE_SLOT), ${ms} ms (slowest response ${slowest} ms)`);
  });
});
