import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { MARKETPLACE_QUERY } from './pages';
import { adminQuery, scratchUrl } from './postgres';
import { answerLoad, type LoadResult, loadInChild, runCli, startServer, stopServer } from './processes';
import { median } from './stats';

/**
 * `pnpm bench scale`: one API process against two on the same PostgreSQL database (the demo seed),
 * as `pnpm start` runs them (NODE_ENV=production, rate limit and response cache off: every request
 * runs its SQL). autocannon spreads CONNECTIONS over the processes' ports (a round-robin balancer)
 * with a mix of anonymous reads: the directory page, the marketplace page and a persisted query
 * sent as GET. Rounds alternate one and two processes; the report gives each one's median.
 * SCALE_BENCH_SECONDS (10), SCALE_BENCH_ROUNDS (3), SCALE_BENCH_CONNECTIONS (32).
 */

const SECONDS = Number(process.env.SCALE_BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.SCALE_BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.SCALE_BENCH_CONNECTIONS ?? 32);

const DIRECTORY_QUERY = `query DirectoryPage($first: Int!) {
  enterprises(first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes { id name sector employees district { code name } sentra { id name } kbliCodes { code isPrimary } }
  }
}`;

/** The SDK's SentraList (sdk/persisted-operations.json) by its hash, as a GET an HTTP cache could keep. */
const SENTRA_LIST = `/graphql?operationName=SentraList&variables=${encodeURIComponent('{"first":20}')}&extensions=${encodeURIComponent(
  '{"persistedQuery":{"version":1,"sha256Hash":"b44dcd5ed02bebde4f8c89632c5de848c91261ec5eff9d206c8df6ccc945ef98"}}',
)}`;

const post = (query: string, operationName: string, variables: Record<string, unknown>) => ({
  method: 'POST' as const,
  path: '/graphql',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, operationName, variables }),
});

const MIX = [post(DIRECTORY_QUERY, 'DirectoryPage', { first: 20 }), post(MARKETPLACE_QUERY, 'MarketplacePage', { first: 20 }), { method: 'GET' as const, path: SENTRA_LIST }];

if (process.argv[2] === '--autocannon') {
  // Connection i goes to urls[i % urls.length] (autocannon's run.js takes an array, its types only
  // a string); each connection walks the mix in order.
  answerLoad(({ urls, seconds }: { urls: string[]; seconds: number }) => ({ url: urls as unknown as string, connections: CONNECTIONS, duration: seconds, timeout: 60, requests: MIX }));
}

const load = (urls: string[], seconds: number) => loadInChild(import.meta.url, { urls, seconds });

/** CPU seconds a process has used, user and system, all its threads (/proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // a backend that ended
  }
}

/** CPU seconds by process: the API processes and the PostgreSQL backends serving the bench's database. */
async function cpuOf(apiPids: number[], database: string): Promise<Map<number, number>> {
  const backends = await adminQuery('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
  return new Map([...apiPids, ...backends.map((b) => Number(b.pid))].map((pid) => [pid, cpuSeconds(pid)]));
}

type Round = LoadResult & { apiCpuMs: number; pgCpuMs: number; loadavg: number };

export async function run(): Promise<string> {
  const name = `temu_replica_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: scratchUrl(name),
    REDIS_URL: '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    RATE_LIMIT: 'off',
    RESPONSE_CACHE: 'off',
  };
  const samples: Record<1 | 2, Round[]> = { 1: [], 2: [] };
  const port = () => String(42_000 + Math.floor(Math.random() * 900));
  try {
    await runCli('migrate', base);
    await runCli('seed', base);
    const servers = [await startServer({ ...base, PORT: port() }), await startServer({ ...base, PORT: port() })];
    try {
      // Warm-up of both: JIT, prepared statements on their connections.
      await load(servers.map((s) => s.url), 3);
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const count of [1, 2] as const) {
          const used = servers.slice(0, count);
          const apiPids = used.map((s) => s.child.pid!);
          const before = await cpuOf(apiPids, name);
          const result = await load(used.map((s) => s.url), SECONDS);
          const after = await cpuOf(apiPids, name);
          // CPU per request: API processes, and the backends (a backend opened during the round counts from 0).
          const spent = (pids: number[]) => (pids.reduce((sum, pid) => sum + after.get(pid)! - (before.get(pid) ?? 0), 0) * 1000) / result.requests;
          const apiCpuMs = spent(apiPids);
          const pgCpuMs = spent([...after.keys()].filter((pid) => !apiPids.includes(pid)));
          console.log(
            `bench scale: round ${round + 1}, ${count} process(es): ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, CPU per request API ${apiCpuMs.toFixed(2)} ms, PostgreSQL ${pgCpuMs.toFixed(2)} ms, errors ${result.errors + result.non2xx}`,
          );
          samples[count].push({ ...result, apiCpuMs, pgCpuMs, loadavg: os.loadavg()[0]! });
        }
      }
    } finally {
      await Promise.all(servers.map((s) => stopServer(s.child)));
    }
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
  const row = (count: 1 | 2) => {
    const s = samples[count];
    const errors = s.reduce((sum, r) => sum + r.errors + r.non2xx, 0);
    return `| ${count} | ${median(s.map((r) => r.rps)).toFixed(0)} | ${median(s.map((r) => r.p50))} | ${median(s.map((r) => r.p99))} | ${median(s.map((r) => r.apiCpuMs)).toFixed(2)} | ${median(s.map((r) => r.pgCpuMs)).toFixed(2)} | ${s.map((r) => `${r.rps.toFixed(0)} (${r.loadavg.toFixed(1)})`).join(', ')} | ${errors} |`;
  };
  const ratio = median(samples[2].map((r) => r.rps)) / median(samples[1].map((r) => r.rps));
  return [
    `# One API process against two on one PostgreSQL (${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS} s, ${os.cpus().length} cores, shared machine)`,
    '',
    'Both processes as `pnpm start` runs them on PostgreSQL 127.0.0.1:5432 with the demo seed (NODE_ENV=production, rate limit and',
    'response cache off: every request runs its SQL; MAX_CONCURRENT_REQUESTS and PG_POOL_SIZE at their defaults, 8 and 10).',
    'The load is anonymous reads in turn: the directory page (20 IKM with kecamatan, sentra and KBLI), the marketplace page',
    "(20 opportunities, nested) and the SDK's persisted `SentraList` as GET; autocannon spreads the connections over the ports.",
    'The load generator and PostgreSQL run on the same cores as the API processes.',
    '',
    'CPU per request: user and system time of the API processes, and of the PostgreSQL backends serving the database, over the',
    'requests of the round (from /proc): what sizing needs, whatever else the machine was doing.',
    '',
    '| processes | req/s (median) | p50 ms | p99 ms | API CPU ms/request | PostgreSQL CPU ms/request | req/s per round (load average) | errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row(1),
    row(2),
    '',
    `Two processes serve **${ratio.toFixed(2)}×** the requests of one (load average at the end ${os.loadavg()[0]!.toFixed(2)}).`,
    '',
  ].join('\n');
}
