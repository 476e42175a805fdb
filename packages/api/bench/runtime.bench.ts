import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ADMISSION } from '../src/server/admission-gate';
import { MARKETPLACE_QUERY } from './pages';
import { answerLoad, loadInChild, runCli, startServer, stopServer } from './processes';
import { fmt, quantile } from './stats';

/**
 * `pnpm bench runtime`: the server as `pnpm start` runs it (a child process on an embedded PGlite
 * folder seeded with the demo data), loaded by autocannon with 50 connections asking for the public
 * marketplace page (the query of api.bench.ts), while this process probes `GET /healthz` every
 * 100 ms. Variants, one after another in one run:
 *
 * - `PGLITE_WORKER=off`: PGlite on the server's event loop (how the server ran before issue 13).
 * - `PGLITE_WORKER=on` (the default): PGlite in a worker thread, reached over its Unix socket.
 * Each with the response cache off (`RESPONSE_CACHE=off`, every request runs) and, for the worker,
 * on (anonymous requests: the page is served from memory after the first).
 *
 * Goals (issue 13, goal 4): `/healthz` p99 ≤ 50 ms and the page's p99 ≤ 2× its p50, without the cache.
 * RUNTIME_BENCH_SECONDS (10), RUNTIME_BENCH_CONNECTIONS (50), RUNTIME_BENCH_VARIANTS (inline,unlimited,eight,worker,cached).
 */

const SECONDS = Number(process.env.RUNTIME_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.RUNTIME_BENCH_CONNECTIONS ?? 50);
const PROBE_EVERY_MS = 100;

const BODY = JSON.stringify({ query: MARKETPLACE_QUERY, variables: { first: 50 }, operationName: 'MarketplacePage' });

if (process.argv[2] === '--autocannon') {
  answerLoad(({ url, seconds }: { url: string; seconds: number }) => ({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 60,
  }));
}

const load = (url: string, seconds: number) => loadInChild(import.meta.url, { url: `${url}/graphql`, seconds });

/** Probes /healthz every PROBE_EVERY_MS until `until` settles; returns each probe's latency in ms. */
async function probeHealth(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const probes: Promise<number>[] = [];
  while (!done) {
    probes.push(
      (async () => {
        const started = performance.now();
        await (await fetch(`${url}/healthz`)).arrayBuffer();
        return performance.now() - started;
      })(),
    );
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
  }
  return Promise.all(probes);
}

interface Variant {
  key: string;
  name: string;
  worker: 'on' | 'off';
  cache: 'on' | 'off';
  /** MAX_CONCURRENT_REQUESTS; unset: the server's default (admission-gate.ts). */
  concurrent?: string;
}

const VARIANTS = (
  [
    { key: 'inline', name: 'PGlite on the event loop, no cache', worker: 'off', cache: 'off' },
    { key: 'unlimited', name: 'PGlite in a worker thread, no cache, all 50 requests at once', worker: 'on', cache: 'off', concurrent: '1000' },
    { key: 'eight', name: 'PGlite in a worker thread, no cache, 8 requests at once', worker: 'on', cache: 'off', concurrent: '8' },
    { key: 'worker', name: `PGlite in a worker thread, no cache, ${DEFAULT_ADMISSION.pglite.concurrent} requests at once (default)`, worker: 'on', cache: 'off' },
    { key: 'cached', name: 'PGlite in a worker thread, response cache', worker: 'on', cache: 'on' },
  ] satisfies Variant[]
).filter((v) => !process.env.RUNTIME_BENCH_VARIANTS || process.env.RUNTIME_BENCH_VARIANTS.split(',').includes(v.key));

export async function run(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'temu-bench-runtime-'));
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    RATE_LIMIT: 'off',
  };
  const rows: string[] = [];
  try {
    await runCli('seed', base);
    for (const variant of VARIANTS) {
      const port = String(41_000 + Math.floor(Math.random() * 900));
      const env = { ...base, PORT: port, PGLITE_WORKER: variant.worker, RESPONSE_CACHE: variant.cache, ...(variant.concurrent ? { MAX_CONCURRENT_REQUESTS: variant.concurrent } : {}) };
      const { url, child } = await startServer(env);
      try {
        await load(url, 2); // warm-up: JIT, Prisma's query plans
        const loading = load(url, SECONDS);
        const [result, health] = await Promise.all([loading, probeHealth(url, loading)]);
        const loadavg = os.loadavg()[0]!;
        const healthP99 = quantile(health, 0.99);
        console.log(`bench runtime: ${variant.name}: page p50 ${result.p50} ms p99 ${result.p99} ms, ${result.rps.toFixed(0)} req/s; /healthz p99 ${fmt(healthP99)} ms`);
        rows.push(
          `| ${variant.name} | ${result.rps.toFixed(0)} | ${result.p50} | ${result.p99} | ${(result.p99 / result.p50).toFixed(2)} | ${result.max} | ${fmt(quantile(health, 0.5))} | ${fmt(healthP99)} | ${fmt(Math.max(...health))} (${health.length}) | ${result.errors + result.non2xx} | ${loadavg.toFixed(2)} |`,
        );
      } finally {
        await stopServer(child);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return [
    `# PGlite under load and the response cache (${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores, shared machine)`,
    '',
    'The server as `pnpm start` runs it (NODE_ENV=production, rate limit off, the demo data on an embedded PGlite folder),',
    `loaded with anonymous marketplace pages (50 opportunities, nested) while /healthz is probed every ${PROBE_EVERY_MS} ms.`,
    'Goals (issue 13): /healthz p99 ≤ 50 ms and page p99 ≤ 2× p50 with PGlite under load; cached throughput beside uncached.',
    '',
    '| variant | req/s | page p50 ms | page p99 ms | p99/p50 | page max ms | /healthz p50 ms | /healthz p99 ms | /healthz max ms (probes) | errors | load avg |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
