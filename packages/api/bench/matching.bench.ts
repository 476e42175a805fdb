import type { PrismaClient } from '@temu-bisnis/schema/prisma';
import { Prisma } from '@temu-bisnis/schema/prisma';
import { DEFAULT_WEIGHTS, enterpriseCandidatesForPartner } from '../../schema/src/domain/matching/index';
import {
  counterpartOf,
  enterpriseCandidateSql,
  enterpriseCandidateWhere,
  partnerByIdSql,
  type PartnerRow,
  partsFor,
} from '../../schema/src/matching/candidates';
import { issueUserToken } from '../src/auth/tokens';
import { loadSecurityConfig } from '../src/config';
import { type Database, openDatabase } from '../src/db/connection';
import { applyMigrations } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { seedDemoData } from '../src/seed/index';
import { seedSynthetic } from '../src/seed/synthetic';
import { createGraphQLServer } from '../src/server/yoga';
import { adminQuery, scratchUrl } from './postgres';
import { fmt, median } from './stats';

/**
 * `pnpm bench matching`: a partner's recommended IKM (top 20, with reasons and each IKM's name
 * and kecamatan) over 10,000 and 100,000 synthetic enterprises and 2,000 synthetic partners, on
 * PGlite (in memory) and PostgreSQL (a scratch database created and dropped here), next to the
 * plain indexed SQL statement that fetches the same candidate rows (the same statement the
 * resolver sends, same WHERE, same columns) without scoring them. Requests go through yoga
 * in-process (auth, Pothos, resolvers, JSON), without a socket.
 *
 * MATCHING_BENCH_SIZES=10000 and MATCHING_BENCH_RUNS=5 shorten a run; MATCHING_BENCH_DBS=postgres
 * runs one database.
 */

const SIZES = (process.env.MATCHING_BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const PARTNERS = 2_000;
/** Runs per measurement: 15, or 9 from 50,000 IKM on, where one run takes seconds (keeps the bench under ~10 min). */
const RUNS_OVERRIDE = process.env.MATCHING_BENCH_RUNS ? Number(process.env.MATCHING_BENCH_RUNS) : null;
const runsFor = (enterprises: number) => RUNS_OVERRIDE ?? (enterprises >= 50_000 ? 9 : 15);
const WARMUP = 2;
const DBS = (process.env.MATCHING_BENCH_DBS ?? 'pglite,postgres').split(',') as ('pglite' | 'postgres')[];

/** Who asks: a partner's own member, as in production. */
const SCENARIOS = [
  {
    label: 'bank (KUR), 9 KBLI groups, whole city',
    slug: 'bank-jateng-kur-mitra',
  },
  {
    label: 'food distributor, 1 sector + 4 KBLI prefixes + 4 categories',
    slug: 'distribusi-pangan-jateng',
  },
] as const;

const QUERY = `query Bench($id: ID!) { partner(id: $id) { recommendedEnterprises(first: 20) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { score components { factor points reason } enterprise { id name district { name } } } } } } }`;

async function memberEmail(prisma: PrismaClient, slug: string): Promise<string> {
  const m = await prisma.organisationMembership.findFirstOrThrow({ where: { partner: { slug } }, include: { user: true }, orderBy: { id: 'asc' } });
  return m.user.email;
}

type Row = {
  db: string;
  enterprises: number;
  scenario: string;
  candidates: number;
  sqlMs: number;
  idsMs: number;
  requestMs: number;
  statements: number;
};

async function measure(db: Database, enterprises: number, log: (line: string) => void): Promise<Row[]> {
  const security = loadSecurityConfig({ RATE_LIMIT: 'off' }, false);
  // A slow run is reported, not cut off.
  security.limits.executionTimeoutMs = 600_000;
  const yoga = createGraphQLServer({ db, logger: createLogger('error'), production: false, security });
  const rows: Row[] = [];
  for (const scenario of SCENARIOS) {
    const partner = await db.prisma.partner.findUniqueOrThrow({ where: { slug: scenario.slug } });
    const { token } = await issueUserToken(db.prisma, await memberEmail(db.prisma, scenario.slug));
    const id = Buffer.from(`Partner:${partner.id}`).toString('base64');
    const request = async () => {
      const res = await yoga.fetch('http://bench/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: QUERY, variables: { id } }),
      });
      const body = (await res.json()) as { errors?: unknown; data?: { partner: { recommendedEnterprises: { totalCount: number } } } };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!.partner.recommendedEnterprises.totalCount;
    };
    // The statement the resolver sends for the candidates, alone: no history, no scoring, no page.
    const [partnerRow] = await db.prisma.$queryRaw<PartnerRow[]>(partnerByIdSql(partner.id));
    const counterpart = counterpartOf(partnerRow!);
    const where = enterpriseCandidateWhere(enterpriseCandidatesForPartner(counterpart));
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const candidateSql = enterpriseCandidateSql(where, today, partsFor(DEFAULT_WEIGHTS[counterpart.kind]));
    const idsSql = Prisma.sql`SELECT e.id FROM "Enterprise" e JOIN "District" d ON d.id = e."districtId" WHERE ${where}`;

    const before = db.statementCount;
    const totalCount = await request();
    const statements = db.statementCount - before;
    const candidates = (await db.prisma.$queryRaw<unknown[]>(candidateSql)).length;
    // The three are timed in turn, run after run, so that a change in the machine's load (it is
    // shared) weighs on all three alike and the ratio stays meaningful.
    const timings = { sql: [] as number[], ids: [] as number[], request: [] as number[] };
    const timed = async (into: number[], fn: () => Promise<unknown>) => {
      const started = performance.now();
      await fn();
      into.push(performance.now() - started);
    };
    const runs = runsFor(enterprises);
    for (let i = 0; i < runs + WARMUP; i += 1) {
      const t = i < WARMUP ? { sql: [], ids: [], request: [] } : timings;
      await timed(t.sql, () => db.prisma.$queryRaw(candidateSql));
      await timed(t.ids, () => db.prisma.$queryRaw(idsSql));
      await timed(t.request, request);
    }
    const [sqlMs, idsMs, requestMs] = [median(timings.sql), median(timings.ids), median(timings.request)];
    log(
      `bench matching: ${db.kind} ${enterprises} ${scenario.slug}: ${candidates} candidates (totalCount ${totalCount}), ` +
        `request ${fmt(requestMs)} ms, candidate SQL ${fmt(sqlMs)} ms, ids ${fmt(idsMs)} ms, ${statements} statements`,
    );
    rows.push({ db: db.kind, enterprises, scenario: `${scenario.slug}: ${scenario.label}`, candidates, sqlMs, idsMs, requestMs, statements });
  }
  return rows;
}

async function benchDatabase(kind: 'pglite' | 'postgres', log: (line: string) => void): Promise<Row[]> {
  const name = `temu_bench_${process.pid}`;
  if (kind === 'postgres') {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${name}"`);
  }
  const db = await openDatabase(kind === 'postgres' ? { url: scratchUrl(name) } : {});
  const rows: Row[] = [];
  try {
    await applyMigrations(db);
    await seedDemoData(db);
    for (const size of SIZES) {
      // Idempotent and deterministic: going from 10,000 to 100,000 adds the 90,000 missing ones.
      const seeded = await seedSynthetic(db, { enterprises: size, partners: PARTNERS });
      log(`bench matching: ${kind} seeded ${size} synthetic enterprises in ${seeded.elapsedMs} ms`);
      rows.push(...(await measure(db, size, log)));
    }
  } finally {
    await db.close();
    if (kind === 'postgres') await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  return rows;
}

export async function run(): Promise<string> {
  const log = (line: string) => console.log(line);
  const rows: Row[] = [];
  for (const kind of DBS) rows.push(...(await benchDatabase(kind, log)));
  const table = [
    '| database | IKM (synthetic + 336 demo) | partner | candidates | request (ms) | candidate SQL (ms) | ratio | ids-only SQL (ms) | statements |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.db} | ${r.enterprises.toLocaleString('en')} | ${r.scenario} | ${r.candidates.toLocaleString('en')} | ${fmt(r.requestMs)} | ${fmt(r.sqlMs)} | ${(r.requestMs / r.sqlMs).toFixed(2)}× | ${fmt(r.idsMs)} | ${r.statements} |`,
    ),
  ];
  return [
    '# Matching: a partner\'s recommended IKM (top 20)',
    '',
    `Median of ${SIZES.map((n) => `${runsFor(n)} runs at ${n.toLocaleString('en')}`).join(', ')}, after ${WARMUP} warm-up runs, the request and the two statements timed in turn; ${PARTNERS.toLocaleString('en')} synthetic partners besides the 49 demo ones.`,
    '',
    '- **request**: `partner(id) { recommendedEnterprises(first: 20) { totalCount pageInfo edges { cursor node { score components { factor points reason } enterprise { id name district { name } } } } } }` through yoga in-process, as a member of the partner (sign-in, partner, candidates, forum history, consents, scoring every candidate, the page\'s enterprises).',
    '- **candidate SQL**: the one statement the resolver sends for the candidates (same WHERE, the columns scoring reads), alone, through Prisma: the floor of any ranking that scores every candidate. **ratio** = request ÷ candidate SQL; the goal is ≤ 2×.',
    '- **ids-only SQL**: the same WHERE returning only the ids, for scale.',
    '- **statements**: SQL statements of one request, all included (sign-in lookup, partner, candidates, two history aggregates, consents, enterprises of the page).',
    '',
    ...table,
    '',
    'Where the time goes. The candidate statement dominates, and it is the price of scoring every candidate: per IKM it',
    'aggregates the lists its factors read (KBLI codes; products and certificates for buyers and distributors; the open',
    "financing need for funders) with correlated subqueries, 5 to 10 times the cost of the ids alone. The request adds",
    'a roughly fixed part (sign-in, partner, two history aggregates, consents, the page) and a part linear in the',
    'candidates: parsing their rows and scoring them, each component evaluated once per distinct value of the fields it',
    'reads (schema/src/matching/ranker.ts). PostgreSQL runs with its default settings; its JIT compiler adds about half a',
    'second to the 100,000-IKM candidate statement (seen with EXPLAIN ANALYZE), to both columns alike: `jit = off`',
    'suits this workload. Timings on a shared 2-core machine are noisy; the ratio, measured run by run, is the figure to read.',
    '',
  ].join('\n');
}
