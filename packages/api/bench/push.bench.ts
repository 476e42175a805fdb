import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emit } from '@temu-bisnis/schema/common/outbox';
import { type Database, openDatabase } from '../src/db/connection';
import { applyMigrations } from '../src/db/migrate';
import { createDispatcher, DEFAULT_DISPATCHER } from '../src/push/dispatcher';
import { adminQuery, scratchUrl } from './postgres';
import { fmt, quantile } from './stats';

/**
 * Issue 16: what the webhook dispatcher sustains to a local receiver (events per second, draining a
 * backlog with one and with two dispatchers), and the latency from an event's commit to its
 * receipt while events arrive at a steady rate. One endpoint, 50 subjects (order is kept per
 * subject, so one subject alone would be one delivery in flight at a time). Empty migrated
 * databases: in-memory PGlite, and PostgreSQL at 127.0.0.1 when it answers.
 */
const BACKLOG = 2_000;
const STEADY = { events: 400, perSecond: 100 };
const SUBJECTS = 50;
const IDLE_MS = 50;

async function receiver(onReceipt: (id: string) => void) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      onReceipt(String(req.headers['webhook-id']));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, close: () => new Promise((r) => server.close(r)) };
}

const subject = (i: number) => `00000000-0000-4000-8000-${String(i % SUBJECTS).padStart(12, '0')}`;

async function emitOne(db: Database, partnerId: string, i: number): Promise<{ id: string; committedAt: number }> {
  const id = await db.prisma.$transaction((tx) =>
    emit(tx, { type: 'opportunity.closed', subject: { typename: 'Opportunity', id: subject(i) }, payload: { i }, audience: { partnerIds: [partnerId] } }, new Date()),
  );
  return { id, committedAt: performance.now() };
}

async function measure(db: Database): Promise<string[]> {
  await applyMigrations(db);
  const partner = await db.prisma.partner.create({ data: { slug: `bench-${Date.now()}`, name: 'Bench', kind: 'DISTRIBUTOR' } });
  const received = new Map<string, number>();
  const rx = await receiver((id) => {
    if (!received.has(id)) received.set(id, performance.now());
  });
  await db.prisma.webhookEndpoint.create({ data: { partnerId: partner.id, url: rx.url, eventTypes: [], secret: 'whsec_YmVuY2hiZW5jaGJlbmNoYmVuY2g=' } });
  const options = { ...DEFAULT_DISPATCHER, rules: { production: false, allowHosts: ['127.0.0.1'] }, idleMs: IDLE_MS, batchSize: 50 };
  const rows: string[] = [];
  const until = async (n: number) => {
    while (received.size < n) await new Promise((r) => setTimeout(r, 5));
  };

  for (const dispatchers of [1, 2]) {
    received.clear();
    for (let i = 0; i < BACKLOG; i += 1) await emitOne(db, partner.id, i);
    const started = performance.now();
    const running = Array.from({ length: dispatchers }, () => createDispatcher(db.prisma, options));
    for (const d of running) d.start();
    await until(BACKLOG);
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(running.map((d) => d.stop()));
    rows.push(`| ${db.kind} | backlog of ${BACKLOG}, ${dispatchers} dispatcher(s) | ${(BACKLOG / seconds).toFixed(0)} events/s | ${seconds.toFixed(2)} s | | |`);
  }

  received.clear();
  const dispatcher = createDispatcher(db.prisma, options);
  dispatcher.start();
  const committed: { id: string; committedAt: number }[] = [];
  const t0 = performance.now();
  for (let i = 0; i < STEADY.events; i += 1) {
    const due = t0 + (i * 1000) / STEADY.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    committed.push(await emitOne(db, partner.id, i));
  }
  await until(STEADY.events);
  await dispatcher.stop();
  const latencies = committed.map((c) => received.get(c.id)! - c.committedAt);
  const seconds = (performance.now() - t0) / 1000;
  rows.push(
    `| ${db.kind} | steady ${STEADY.perSecond}/s, ${STEADY.events} events | ${(STEADY.events / seconds).toFixed(0)} events/s | ${seconds.toFixed(2)} s | ${fmt(quantile(latencies, 0.5))} ms | ${fmt(quantile(latencies, 0.99))} ms |`,
  );
  await rx.close();
  return rows;
}

export async function run(): Promise<string> {
  const rows: string[] = [];
  const lite = await openDatabase({});
  try {
    rows.push(...(await measure(lite)));
  } finally {
    await lite.close();
  }
  const name = `temu_bench_push_${process.pid}`;
  try {
    await adminQuery(`CREATE DATABASE "${name}"`);
    const url = scratchUrl(name);
    const db = await openDatabase({ url });
    try {
      rows.push(...(await measure(db)));
    } finally {
      await db.close();
      await new Promise((r) => setTimeout(r, 500));
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } catch (error) {
    rows.push(`| postgres | not measured: ${(error as Error).message} | | | | |`);
  }
  return [
    '# Webhook dispatcher: throughput and commit-to-receipt latency',
    '',
    `One endpoint on a local HTTP receiver (answers 204), ${SUBJECTS} subjects, batch 50, poll pause ${IDLE_MS} ms when idle (WEBHOOK_IDLE_MS; the default 500 ms adds up to that much latency). Events written one per transaction, as mutations do. A shared 2-core machine: figures are indicative.`,
    '',
    '| database | load | throughput | took | latency p50 | latency p99 |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
