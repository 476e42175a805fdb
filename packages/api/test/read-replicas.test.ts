import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import type { Database } from '../src/db/connection';
import { openReadReplicas, type ReplicaStatus } from '../src/db/replicas';
import { createWritePositions } from '../src/db/write-positions';
import { createLogger } from '../src/logger';
import { BRI, memberOf } from './financing-fixtures';
import { openSeededPostgres } from './support/database';
import { globalId } from './support/ids';
import { startTestServer, type TestServer } from './support/server';
import { asPostgres, BIN, baseBackupPlan, createStandby, processesIn, type Standby, standbyFolder } from './support/standby';
import { POSTGRES_ADMIN_URL, uniqueName } from './support/templates';

/**
 * Queries read from a real streaming standby of the local PostgreSQL (pg_basebackup into a second
 * cluster), through the API over HTTP. Replay paused on the standby makes routing visible: a
 * caller who did not write reads the standby's older data, the caller who just wrote reads its write
 * (from the primary); once the standby is further behind than REPLICA_MAX_LAG_MS, or stopped, the
 * primary serves everybody.
 */

const MAX_LAG_MS = 4_000;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const READ = `query($id: ID!) { node(id: $id) { ... on Enterprise { description } } }`;
const LEADS = `query($n: Int!) { financingLeads(first: $n) {
  nodes { __typename id amountBand purpose open status consentScopes enterprise { id name sector district { code } } readiness { __typename verdict scheme amount } } } }`;
const UPDATE = `mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { enterprise { description } userErrors { code } } }`;

let db: Database;
let standby: Standby;
let api: TestServer;
/** A second API process on the same database and replica. */
let other: TestServer;
const logged: string[] = [];
let enterprise: string;
let writer: Record<string, string>;
let reader: Record<string, string>;
/** The base backup copies the whole local cluster: how long it may take, or why it is not made here. */
const backup = await baseBackupPlan(POSTGRES_ADMIN_URL);

const description = async (headers: Record<string, string> = {}, server = api) => {
  const res = await server.gql(READ, { id: enterprise }, headers);
  expect(res.errors).toBeUndefined();
  return res.data!.node.description as string | null;
};

async function health(): Promise<ReplicaStatus> {
  const body = (await (await fetch(`${api.url}/healthz`)).json()) as { status: string; replicas: ReplicaStatus[] };
  expect(body.status).toBe('ok');
  return body.replicas[0]!;
}

async function until(state: ReplicaStatus['state']) {
  for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((r) => setTimeout(r, 50))) {
    if ((await health()).state === state) return;
  }
  throw new Error(`the replica never became ${state}: ${JSON.stringify(await health())}`);
}

it('DATABASE_REPLICA_URLS needs PostgreSQL: refused on the embedded database, and for anything but postgresql:// URLs', () => {
  expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgresql://replica/temu' })).toThrow(/needs DATABASE_URL=postgresql/);
  expect(() => loadConfig({ DATABASE_URL: 'postgresql://primary/temu', DATABASE_REPLICA_URLS: 'replica:5432' })).toThrow(/must be postgresql/);
  expect(loadConfig({ DATABASE_URL: 'postgresql://primary/temu', DATABASE_REPLICA_URLS: 'postgresql://a/temu, postgresql://b/temu', REPLICA_MAX_LAG_MS: '2000' }).replicas).toEqual({
    urls: ['postgresql://a/temu', 'postgresql://b/temu'],
    maxLagMs: 2000,
    redisUrl: undefined,
  });
});

if (backup.unavailable) console.warn(`Queries on a streaming replica skipped: ${backup.unavailable}`);

describe.skipIf(backup.unavailable)('queries on a streaming replica', () => {
  beforeAll(async () => {
    // The test database first, so the base backup holds it.
    const seeded = await openSeededPostgres('temu_replica');
    db = seeded.db;
    const name = new URL(seeded.url).pathname.slice(1);
    // Known to afterAll before the backup starts: a backup that fails or outlasts the hook is removed.
    standby = createStandby(POSTGRES_ADMIN_URL);
    await standby.start(backup.backupMs);
    const logger = createLogger('debug', (line) => logged.push(line));
    // Two API processes sharing the callers' write positions through Redis, as behind a load balancer.
    const prefix = `${uniqueName('temu:test:wal')}:`;
    const config = { urls: [standby.url(name)], maxLagMs: MAX_LAG_MS, redisUrl: REDIS_URL };
    const replicas = () => openReadReplicas(db, config, logger, { positions: createWritePositions(REDIS_URL, prefix) });
    api = await startTestServer({ database: db, replicas: await replicas() });
    other = await startTestServer({ database: db, replicas: await replicas() });
    const [owner, someoneElse] = await db.prisma.organisationMembership.findMany({
      where: { enterpriseId: { not: null } },
      include: { user: true },
      orderBy: { id: 'asc' },
      take: 2,
    });
    enterprise = globalId('Enterprise', owner!.enterpriseId!);
    writer = await api.as(owner!.user.email);
    reader = await api.as(someoneElse!.user.email);
  }, 90_000 + backup.backupMs);

  afterAll(async () => {
    await api?.close();
    await other?.close();
    await standby?.remove();
    await db?.close();
  });

  it('serves a caller without writes from the replica, and the caller who wrote from where their write is', async () => {
    await until('streaming');
    const before = await description();
    await standby.query('SELECT pg_wal_replay_pause()');
    for (let state = ''; state !== 'paused'; ) {
      [{ state } = { state: '' }] = (await standby.query('SELECT pg_get_wal_replay_pause_state() AS state')) as { state: string }[];
    }
    const changed = `Diperbarui ${Date.now()}`;
    const res = await api.gql(UPDATE, { input: { id: enterprise, description: changed } }, writer);
    expect(res.data?.enterpriseUpdate.userErrors).toEqual([]);
    // Within the lag bound the replica still serves: it has not replayed the write.
    expect(await description()).toBe(before);
    expect(await description(reader)).toBe(before);
    expect(await description({}, other)).toBe(before);
    // The writer's read waits for a replica holding its write: none does, so the primary answers,
    // in the other process too (the write's position is shared through Redis).
    expect(await description(writer)).toBe(changed);
    expect(await description(writer, other)).toBe(changed);
    expect((await health()).state).toBe('streaming');

    // Paused beyond REPLICA_MAX_LAG_MS: the replica is skipped, everybody reads the primary.
    await until('lagging');
    expect((await health()).lagMs).toBeGreaterThan(MAX_LAG_MS);
    expect(await description()).toBe(changed);
    expect(await description(reader)).toBe(changed);
    expect(logged.some((l) => l.includes('read replica skipped (lagging)'))).toBe(true);

    await standby.query('SELECT pg_wal_replay_resume()');
    await until('streaming');
    expect(await description()).toBe(changed);
    expect(await description(writer)).toBe(changed);
  });

  it("sends a funder's page of leads, whose statement writes audit records as it reads, to the primary", async () => {
    expect((await health()).state).toBe('streaming');
    const headers = await memberOf(api, BRI).then((m) => m.headers);
    const requestId = `replica-leads-${Date.now()}`;
    const res = await api.gql(LEADS, { n: 40 }, { ...headers, 'x-request-id': requestId });
    expect(res.errors).toBeUndefined();
    expect(await db.prisma.auditRecord.count({ where: { requestId } })).toBeGreaterThan(0);
    // On the replica the statement would fail (a standby refuses INSERT in its read-only
    // transactions) and the planner would give way to the resolvers: the standby's log would say so.
    expect(standby.log()).not.toMatch(/ERROR: +cannot execute/);
  });

  it('answers from the primary when the replica stops', async () => {
    await standby.stop();
    await until('unreachable');
    expect(await description()).toMatch(/^Diperbarui/);
    expect(logged.some((l) => l.includes('read replica skipped (unreachable)'))).toBe(true);
  });
});

describe('the standbys made for this test', () => {
  it('one removed while its base backup runs leaves no process and no folder', async () => {
    const removed = createStandby(POSTGRES_ADMIN_URL);
    const starting = removed.start(backup.backupMs);
    while (processesIn(removed.folder).length === 0) await new Promise((r) => setTimeout(r, 20));
    await removed.remove();
    await expect(starting).rejects.toThrow();
    expect(processesIn(removed.folder)).toEqual([]);
    expect(existsSync(removed.folder)).toBe(false);
  });

  it('one left by a killed run, its server still running, is stopped and removed before the next backup', async () => {
    const killed = spawnSync('true').pid!;
    const folder = standbyFolder(killed);
    await asPostgres(`${BIN}/initdb`, ['-D', folder, '-U', 'postgres', '--auth=trust', '--no-sync']);
    await asPostgres(`${BIN}/pg_ctl`, ['-D', folder, '-l', join(folder, 'server.log'), '-o', `-c listen_addresses='' -k ${folder}`, '-w', 'start']);
    expect(processesIn(folder)).not.toEqual([]);
    await baseBackupPlan(POSTGRES_ADMIN_URL);
    expect(processesIn(folder)).toEqual([]);
    expect(existsSync(folder)).toBe(false);
  }, 60_000);
});
