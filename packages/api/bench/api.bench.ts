import { fork } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { Context } from '@temu-bisnis/schema';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import type { Database } from '../src/db/connection';
import { fmt, median, sample } from './stats';

/**
 * `pnpm bench api`: the public marketplace page a distributor's SDK asks for most, a page of 50
 * opportunities with their poster (partner, or enterprise → sentra → kecamatan), served three ways
 * in one process, one after another, each loaded over HTTP by autocannon (50 connections):
 *
 * - graphql: the real server: createGraphQLServer (security plugins, auth, audit, Pothos, Prisma)
 *   behind startHttpServer, as `pnpm start` runs it. Rate limiting is OFF (RATE_LIMIT=off: every
 *   request comes from 127.0.0.1 and would exhaust the anonymous budget of 120 a minute in a
 *   fraction of a second); every other limit keeps its default. Logging at level error (the
 *   default, info, writes one JSON line per request to stdout).
 * - hand-written: one hand-written Prisma findMany (same rows, same columns, same nesting) serialised
 *   by a minimal node:http handler into the same JSON value (compared with the GraphQL answer before the run).
 * - bare yoga: createYoga with the same schema SDL and no plugins, whose Query.opportunities
 *   returns the page from memory: the cost of HTTP + yoga + graphql-js execution alone.
 *
 * Goals (issue 3): graphql median latency ≤ 1.3× hand-written; graphql throughput ≥ 0.5× bare yoga.
 * Databases: embedded PGlite (in memory) and PostgreSQL (a scratch database on BENCH_POSTGRES_URL,
 * created, seeded with seedDemoData and dropped here). autocannon runs in a child process so the
 * load generator does not share the server's event loop; on a 2-core machine it still shares the
 * CPU with the server (and with PostgreSQL's backends), which the report states with the load.
 *
 * Server modules are loaded with NODE_ENV=production, as deployed.
 *
 * API_BENCH_SECONDS (10), API_BENCH_WARMUP_SECONDS (2), API_BENCH_ROUNDS (3; the report gives the
 * median of the rounds), API_BENCH_DBS (pglite,postgres), API_BENCH_CONNECTIONS (50).
 */

const POSTGRES_ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.API_BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.API_BENCH_WARMUP_SECONDS ?? 2);
const ROUNDS = Number(process.env.API_BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.API_BENCH_CONNECTIONS ?? 50);
const DBS = (process.env.API_BENCH_DBS ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const PAGE = 50;

const QUERY = `query MarketplacePage($first: Int!) {
  opportunities(first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id kind title status validUntil quantity unit amountMin amountMax productCategory
      partner { id name kind district { code name } }
      enterprise { id name sector district { code name } sentra { id name district { code name } } }
    }
  }
}`;
const BODY = JSON.stringify({ query: QUERY, variables: { first: PAGE }, operationName: 'MarketplacePage' });

// ---------------------------------------------------------------------------------------------
// The load generator: this same file, forked with --autocannon, runs one autocannon and reports.

type LoadOptions = { url: string; seconds: number };
type LoadResult = {
  /** 1-minute load average when the measured run ended (set by the parent). */
  loadavg?: number;
  p50: number;
  p99: number;
  mean: number;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
  timeouts: number;
};

if (process.argv[2] === '--autocannon') {
  const { default: autocannon } = await import('autocannon');
  process.once('message', async (options: LoadOptions) => {
    const result = await autocannon({
      url: options.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
      connections: CONNECTIONS,
      duration: options.seconds,
      // autocannon's default of 10 s is shorter than a saturated PGlite queue on a busy machine.
      timeout: 60,
    });
    const summary: LoadResult = {
      p50: result.latency.p50,
      p99: result.latency.p99,
      mean: result.latency.mean,
      rps: result.requests.average,
      requests: result.requests.total,
      errors: result.errors,
      non2xx: result.non2xx,
      timeouts: result.timeouts,
    };
    process.send!(summary, () => process.exit(0));
  });
}

/** One autocannon run in a child process (the parent keeps serving). */
function load(url: string, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--autocannon'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`autocannon exited with ${code}`)));
    child.send({ url, seconds } satisfies LoadOptions);
  });
}

// ---------------------------------------------------------------------------------------------
// The hand-written server: one Prisma query, the same JSON as the GraphQL response.

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const cursorOf = (id: string) => Buffer.from(`GPC:S:${id}`).toString('base64');
const money = (v: bigint | null) => (v === null ? null : v.toString());

/** The server-side modules, imported when the bench runs (the autocannon child needs none of them). */
const modules = async () => ({
  ...(await import('@temu-bisnis/schema')),
  ...(await import('@temu-bisnis/schema/domain/opportunity-status')),
  ...(await import('graphql')),
  ...(await import('graphql-yoga')),
  ...(await import('../src/auth/authenticate')),
  ...(await import('../src/config')),
  ...(await import('../src/db/connection')),
  ...(await import('../src/db/migrate')),
  ...(await import('../src/logger')),
  ...(await import('../src/seed/index')),
  ...(await import('../src/server/http')),
  ...(await import('../src/server/yoga')),
});
type Modules = Awaited<ReturnType<typeof modules>>;
let m: Modules;

/** The hand-written query: the columns the page shows, nothing else. */
function handWrittenQuery(prisma: PrismaClient, first: number) {
  const district = { select: { code: true, name: true } };
  return prisma.opportunity.findMany({
    take: first + 1,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      kind: true,
      title: true,
      status: true,
      validUntil: true,
      quantity: true,
      unit: true,
      amountMin: true,
      amountMax: true,
      productCategory: true,
      partner: { select: { id: true, name: true, kind: true, district } },
      enterprise: {
        select: { id: true, name: true, sector: true, district, sentra: { select: { id: true, name: true, district } } },
      },
    },
  });
}

async function handWrittenPage(prisma: PrismaClient, first: number, now: Date) {
  const { opportunityStatus } = m;
  const rows = await handWrittenQuery(prisma, first);
  const page = rows.slice(0, first);
  return {
    data: {
      opportunities: {
        pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? cursorOf(page.at(-1)!.id) : null },
        nodes: page.map((o) => ({
          id: globalId('Opportunity', o.id),
          kind: o.kind,
          title: o.title,
          status: opportunityStatus(o, now),
          validUntil: o.validUntil.toISOString(),
          quantity: o.quantity,
          unit: o.unit,
          amountMin: money(o.amountMin),
          amountMax: money(o.amountMax),
          productCategory: o.productCategory,
          partner: o.partner && {
            id: globalId('Partner', o.partner.id),
            name: o.partner.name,
            kind: o.partner.kind,
            district: o.partner.district,
          },
          enterprise: o.enterprise && {
            id: globalId('Enterprise', o.enterprise.id),
            name: o.enterprise.name,
            sector: o.enterprise.sector,
            district: o.enterprise.district,
            sentra: o.enterprise.sentra && {
              id: globalId('Sentra', o.enterprise.sentra.id),
              name: o.enterprise.sentra.name,
              district: o.enterprise.sentra.district,
            },
          },
        })),
      },
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// ---------------------------------------------------------------------------------------------

type Target = 'graphql' | 'hand-written' | 'bare yoga';
type DbReport = {
  kind: string;
  rounds: Record<Target, LoadResult[]>;
  statements: { graphql: number; hand: number };
  anatomy: {
    wall: { label: string; ms: number }[];
    /** CPU ms of this process per request. */
    cpu: { real: number; pothosOnly: number; everyColumn: number; neededColumns: number; handWritten: number; bare: number };
  };
  bytes: number;
};

async function post(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
  return { status: res.status, text: await res.text() };
}

async function benchDatabase(db: Database, log: (line: string) => void): Promise<DbReport> {
  const { authenticate, createAuditLog, createGraphQLServer, createLogger, createSchema, createYoga, loadSecurityConfig, printSchema, schema, startHttpServer } =
    m;
  const security = loadSecurityConfig({ RATE_LIMIT: 'off' }, true);
  const logger = createLogger('error');
  const yoga = createGraphQLServer({ db, logger, production: true, security });
  const real = await startHttpServer(yoga, db, logger, { port: 0, host: '127.0.0.1' });
  const graphqlUrl = `${real.url}/graphql`;

  const hand = await listen((req, res) => {
    readBody(req)
      .then(async (text) => {
        const { variables } = JSON.parse(text) as { variables: { first: number } };
        const body = JSON.stringify(await handWrittenPage(db.prisma, variables.first, new Date()));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });

  // The reference answer, then the bare yoga that serves it from memory.
  const reference = await post(graphqlUrl);
  const parsed = JSON.parse(reference.text) as { data?: { opportunities: unknown }; errors?: unknown };
  if (reference.status !== 200 || parsed.errors || !parsed.data) throw new Error(`graphql answered ${reference.status}: ${reference.text.slice(0, 500)}`);
  const inMemory = parsed.data.opportunities;
  const bareYoga = createYoga({
    schema: createSchema({ typeDefs: printSchema(schema), resolvers: { Query: { opportunities: () => inMemory } } }),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
  });
  const bare = await listen((req, res) => void bareYoga(req, res));
  const urls: Record<Target, string> = { graphql: graphqlUrl, 'hand-written': hand.url, 'bare yoga': `${bare.url}/graphql` };

  // Same JSON from all three (the clock may flip an opportunity to EXPIRED between two calls; not within a run of seconds here).
  for (const target of ['hand-written', 'bare yoga'] as const) {
    const other = await post(urls[target]);
    if (!isDeepStrictEqual(JSON.parse(other.text), parsed)) {
      throw new Error(`${target} does not answer the same JSON as graphql:\n${other.text.slice(0, 800)}\n---\n${reference.text.slice(0, 800)}`);
    }
  }

  // Statements per request, and a sequential anatomy of one request (no concurrency, no socket).
  let before = db.statementCount;
  await post(graphqlUrl);
  const graphqlStatements = db.statementCount - before;
  before = db.statementCount;
  await post(hand.url);
  const handStatements = db.statementCount - before;
  const inProcess = (server: { fetch: typeof fetch }) => async () =>
    (await server.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY })).text();
  const runs = { runs: 60, warmup: 10 };
  const page = await handWrittenPage(db.prisma, PAGE, new Date());
  // The real schema and context without the security and audit plugins, to tell their share apart.
  const pothosOnly = createYoga<Record<string, unknown>, Context>({
    schema,
    logging: false,
    context: async ({ request }) => {
      const now = new Date();
      const viewer = await authenticate(db.prisma, request.headers.get('authorization'), now);
      return { prisma: db.prisma, now, viewer, audit: createAuditLog(viewer, null) };
    },
  });
  // The same rows with every column of every model, as the Pothos types (include mode, no `select`) ask Prisma for them.
  const everyColumn = () =>
    db.prisma.opportunity.findMany({
      take: PAGE + 1,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      include: { partner: { include: { district: true } }, enterprise: { include: { district: true, sentra: { include: { district: true } } } } },
    });
  /** CPU time of this process per request, 120 requests 10 at a time: what bounds throughput when the CPU is the limit. */
  const cpuPerRequest = async (fn: () => Promise<unknown>, requests = 120, concurrency = 10) => {
    const before = process.cpuUsage();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < requests / concurrency; i += 1) await fn();
      }),
    );
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000 / requests;
  };
  const handWrittenRequest = () => handWrittenPage(db.prisma, PAGE, new Date()).then(JSON.stringify);
  const anatomy: DbReport['anatomy'] = {
    wall: [
      { label: 'hand-written: Prisma query (needed columns) + mapping', ms: median(await sample(() => handWrittenPage(db.prisma, PAGE, new Date()), runs)) },
      { label: 'Prisma: the same rows with every column (what the Pothos types ask for)', ms: median(await sample(everyColumn, runs)) },
      { label: 'JSON.stringify of the page', ms: median(await sample(async () => JSON.stringify(page), runs)) },
      { label: 'graphql: real server, yoga.fetch (no socket)', ms: median(await sample(inProcess(yoga as never), runs)) },
      { label: 'graphql: Pothos schema + context only (no security, no audit plugins)', ms: median(await sample(inProcess(pothosOnly as never), runs)) },
      { label: 'bare yoga: yoga.fetch (no socket)', ms: median(await sample(inProcess(bareYoga as never), runs)) },
    ],
    cpu: {
      real: await cpuPerRequest(inProcess(yoga as never)),
      pothosOnly: await cpuPerRequest(inProcess(pothosOnly as never)),
      everyColumn: await cpuPerRequest(everyColumn),
      neededColumns: await cpuPerRequest(() => handWrittenQuery(db.prisma, PAGE)),
      handWritten: await cpuPerRequest(handWrittenRequest),
      bare: await cpuPerRequest(inProcess(bareYoga as never)),
    },
  };

  const rounds: Record<Target, LoadResult[]> = { graphql: [], 'hand-written': [], 'bare yoga': [] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    // The order turns each round, so no server always runs first (or right after another's load).
    const targets = Object.keys(urls) as Target[];
    for (const target of [...targets.slice((round - 1) % 3), ...targets.slice(0, (round - 1) % 3)]) {
      await load(urls[target], WARMUP_SECONDS);
      const result = { ...(await load(urls[target], SECONDS)), loadavg: os.loadavg()[0]! };
      // A wrong answer stops the bench; a timeout (or a socket error) is counted and reported.
      if (result.non2xx) throw new Error(`${db.kind} ${target}: ${result.non2xx} responses were not 2xx`);
      rounds[target].push(result);
      log(
        `bench api: ${db.kind} round ${round} ${target}: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps.toFixed(0)} req/s (${result.requests} requests, ${result.errors} errors, ${result.timeouts} timeouts), load ${result.loadavg.toFixed(2)}`,
      );
    }
  }

  // autocannon drops its connections when its time is up; the requests they carried still run.
  // Let them finish (no statement for half a second) before the database closes under them.
  for (let last = -1; last !== db.statementCount; ) {
    last = db.statementCount;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await close(hand.server);
  await close(bare.server);
  await real.close();
  return {
    kind: db.kind,
    rounds,
    statements: { graphql: graphqlStatements, hand: handStatements },
    anatomy,
    bytes: Buffer.byteLength(reference.text),
  };
}

async function adminQuery(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/**
 * pg-pool's end() resolves once its clients are told to end, not when their sockets have closed; a
 * DROP … WITH (FORCE) in that gap kills a closing client, whose error the ended pool no longer
 * handles. So wait (up to 10 s) until the server has seen every connection to the database go.
 */
async function waitForDisconnect(name: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const [row] = await adminQuery('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (row?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function scratchUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withDatabase(kind: 'pglite' | 'postgres', log: (line: string) => void): Promise<DbReport> {
  const { applyMigrations, openDatabase, seedDemoData } = m;
  const name = `temu_bench_api_${process.pid}`;
  if (kind === 'postgres') {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${name}"`);
  }
  try {
    // startHttpServer's close() closes the database.
    const db = await openDatabase(kind === 'postgres' ? { url: scratchUrl(name) } : {});
    await applyMigrations(db);
    const seeded = await seedDemoData(db);
    log(`bench api: ${kind} migrated and seeded (${seeded.inserted} rows, ${seeded.elapsedMs} ms)`);
    try {
      return await benchDatabase(db, log);
    } catch (error) {
      // On success the server's close() has closed it.
      await db.close().catch(() => {});
      throw error;
    }
  } finally {
    if (kind === 'postgres') {
      await waitForDisconnect(name);
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }
}

const med = (results: LoadResult[], key: Exclude<keyof LoadResult, 'loadavg'>) => median(results.map((r) => r[key]));
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const range = (values: number[], digits = 0) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

function report(reports: DbReport[], started: { load: number[] }): string {
  const cpus = os.cpus();
  const lines = [
    '# API benchmark: a page of 50 opportunities with their posters',
    '',
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}. ` +
      `Load average (1/5/15 min) at start: ${started.load.map((l) => l.toFixed(2)).join(' / ')}; at end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}.`,
    `autocannon: ${CONNECTIONS} connections, POST of the same body, ${WARMUP_SECONDS} s warm-up then ${SECONDS} s measured, per server and round; ` +
      `${ROUNDS} rounds (the three servers in turn, the order rotating each round); the table gives the median of the rounds, ranges are min–max over rounds. ` +
      'The load generator is a child process on the same 2 cores: absolute numbers are this machine\'s, the ratios are what compares.',
    'Server modules loaded with NODE_ENV=production (as deployed). The real server runs with RATE_LIMIT=off (all requests come from one address; the anonymous budget is 120 a minute) and log level error; every other limit (depth, cost, page size, timeout) is on at its default.',
    '',
    `Query: \`opportunities(first: ${PAGE})\` → pageInfo, 10 scalar fields, partner → district, enterprise → district, enterprise → sentra → district.`,
    '',
    '| database | server | p50 ms | p99 ms | mean ms | req/s | req/s range | p50 vs hand-written (goal ≤ 1.3×) | req/s vs bare yoga (goal ≥ 0.5×) | errors (incl. timeouts) | load avg during |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const verdicts: string[] = [];
  for (const r of reports) {
    const p50 = (t: Target) => med(r.rounds[t], 'p50');
    const rps = (t: Target) => med(r.rounds[t], 'rps');
    for (const t of ['graphql', 'hand-written', 'bare yoga'] as Target[]) {
      const loads = r.rounds[t].map((x) => x.loadavg ?? Number.NaN);
      lines.push(
        `| ${r.kind} | ${t} | ${fmt(p50(t))} | ${fmt(med(r.rounds[t], 'p99'))} | ${fmt(med(r.rounds[t], 'mean'))} | ${rps(t).toFixed(0)} | ${range(r.rounds[t].map((x) => x.rps))} | ` +
          `${t === 'graphql' ? `**${ratio(p50('graphql'), p50('hand-written'))}**` : t === 'hand-written' ? '1.00×' : ''} | ` +
          `${t === 'graphql' ? `**${ratio(rps('graphql'), rps('bare yoga'))}**` : t === 'bare yoga' ? '1.00×' : ''} | ` +
          `${r.rounds[t].reduce((n, x) => n + x.errors, 0)} | ${range(loads, 2)} |`,
      );
    }
    const latency = p50('graphql') / p50('hand-written');
    const throughput = rps('graphql') / rps('bare yoga');
    verdicts.push(
      `- ${r.kind}: latency ${latency.toFixed(2)}× hand-written (goal ≤ 1.3×: ${latency <= 1.3 ? 'met' : `missed by ${((latency / 1.3 - 1) * 100).toFixed(0)}%`}); ` +
        `throughput ${throughput.toFixed(2)}× bare yoga (goal ≥ 0.5×: ${throughput >= 0.5 ? 'met' : `missed by ${((1 - throughput / 0.5) * 100).toFixed(0)}%`}); ` +
        `p99 ${ratio(med(r.rounds.graphql, 'p99'), med(r.rounds['hand-written'], 'p99'))}, mean ${ratio(med(r.rounds.graphql, 'mean'), med(r.rounds['hand-written'], 'mean'))} hand-written ` +
        '(saturated at 50 connections, the mean is 50 ÷ throughput, while p50 and p99 also depend on how fairly the queue is served). ' +
        `The hand-written server itself reaches ${ratio(rps('hand-written'), rps('bare yoga'))} bare yoga's throughput. ` +
        `SQL statements per request: graphql ${r.statements.graphql}, hand-written ${r.statements.hand}. Response ${r.bytes} bytes.`,
    );
  }
  const cpuRows: [string, (c: DbReport['anatomy']['cpu']) => number][] = [
    ['graphql: real server', (c) => c.real],
    ['graphql: Pothos schema + context only', (c) => c.pothosOnly],
    ['hand-written: query + mapping + JSON.stringify', (c) => c.handWritten],
    ['bare yoga', (c) => c.bare],
    ['— of which: Prisma query, needed columns only', (c) => c.neededColumns],
    ['— of which: Prisma query, every column', (c) => c.everyColumn],
    ['graphql − hand-written: security and audit plugins (real − Pothos only)', (c) => c.real - c.pothosOnly],
    ['graphql − hand-written: Pothos resolvers + graphql-js execution + yoga (Pothos only − every-column query)', (c) => c.pothosOnly - c.everyColumn],
    ['graphql − hand-written: reading every column (every-column − needed-columns query)', (c) => c.everyColumn - c.neededColumns],
  ];
  lines.push(
    '',
    ...verdicts,
    '',
    '## Anatomy of one request',
    '',
    'Wall clock, sequential, in process (no socket), median of 60 after 10 warm-up:',
    '',
    `| step | ${reports.map((r) => `${r.kind} ms`).join(' | ')} |`,
    `|---|${reports.map(() => '---:').join('|')}|`,
    ...(reports[0]?.anatomy.wall ?? []).map((row, i) => `| ${row.label} | ${reports.map((r) => fmt(r.anatomy.wall[i]!.ms)).join(' | ')} |`),
    '',
    "CPU time of this process per request (process.cpuUsage over 120 requests, 10 at a time); with 50 connections the servers are CPU-bound, so this is what sets throughput and queueing latency. For PGlite the database runs in this process and is included; PostgreSQL's backends are not:",
    '',
    `| CPU per request | ${reports.map((r) => `${r.kind} ms`).join(' | ')} |`,
    `|---|${reports.map(() => '---:').join('|')}|`,
    ...cpuRows.map(([label, value]) => `| ${label} | ${reports.map((r) => fmt(value(r.anatomy.cpu))).join(' | ')} |`),
  );
  return `${lines.join('\n')}\n`;
}

export async function run(): Promise<string> {
  const log = (line: string) => console.log(line);
  const started = { load: os.loadavg() };
  // Loaded as a production server loads them: graphql-js skips its development instanceOf checks
  // and the Pothos Prisma plugin does not track unused selections (builder.ts, onUnusedQuery).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  m = await modules();
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  const reports: DbReport[] = [];
  for (const kind of DBS) reports.push(await withDatabase(kind, log));
  return report(reports, started);
}
