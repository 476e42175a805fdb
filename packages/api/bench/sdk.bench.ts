import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { fmt, median, quantile } from './stats';

/**
 * `pnpm bench sdk`: what the SDK costs a partner.
 *
 * 1. Bundle size: esbuild (the one tsup uses) bundles and minifies an ES module entry three ways,
 *    gzip level 9: the SDK with its dependencies external (what the package itself adds), the SDK
 *    with graphql-request and graphql bundled in (what a browser app ships), and graphql-request
 *    alone (the transport the SDK sits on, for comparison).
 * 2. Per-call overhead: the same operation sent by the SDK and by a bare fetch (the same JSON body,
 *    JSON.parse of the answer), interleaved call by call so that both see the same machine load;
 *    medians of SDK_BENCH_RUNS (300) pairs after 30 warm-up pairs. Twice: against the real API
 *    (embedded PGlite, seeded, RATE_LIMIT=off, log level error), and against a node:http server that
 *    answers a canned body at once, which isolates the client-side cost.
 */

const RUNS = Number(process.env.SDK_BENCH_RUNS ?? 300);
const WARMUP = 30;
const sdkDir = fileURLToPath(new URL('../../sdk/', import.meta.url));

export async function run(): Promise<string> {
  const loadAtStart = os.loadavg();
  const sizes = await bundleSizes();
  const { TemuBisnisClient, DistrictByCodeDocument, SentraListDocument } = await import('../../sdk/src/index');

  const server = await startApi();
  try {
    const endpoint = `${server.url}/graphql`;
    const sdk = new TemuBisnisClient({ endpoint });
    const persisted = new TemuBisnisClient({ endpoint, persistedOperations: true });
    const operations = [
      {
        label: 'districtByCode (1 row)',
        document: String(DistrictByCodeDocument),
        operationName: 'DistrictByCode',
        variables: { code: '33.74.12' },
        viaSdk: () => sdk.districts.getByCode('33.74.12'),
        viaPersisted: () => persisted.districts.getByCode('33.74.12'),
      },
      {
        label: 'sentra list (first: 20, with district)',
        document: String(SentraListDocument),
        operationName: 'SentraList',
        variables: { first: 20 },
        viaSdk: () => sdk.sentra.list({ first: 20 }),
        viaPersisted: () => persisted.sentra.list({ first: 20 }),
      },
    ];
    const live: Row[] = [];
    for (const op of operations) {
      const bare = bareFetch(endpoint, op.document, op.operationName, op.variables);
      const [b, s, p] = await interleaved([bare, op.viaSdk, op.viaPersisted]);
      live.push({ label: op.label, bare: b!, sdk: s!, persisted: p! });
    }

    // The client alone: a server that answers the sentra page from memory.
    const page = JSON.stringify({ data: await sdk.request(SentraListDocument, { first: 20 }) });
    const canned = await listen((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(page);
      });
    });
    const cannedUrl = `http://127.0.0.1:${(canned.address() as AddressInfo).port}/graphql`;
    const cannedSdk = new TemuBisnisClient({ endpoint: cannedUrl });
    const [cb, cs] = await interleaved([
      bareFetch(cannedUrl, String(SentraListDocument), 'SentraList', { first: 20 }),
      () => cannedSdk.sentra.list({ first: 20 }),
    ]);
    await new Promise<void>((resolve) => canned.close(() => resolve()));
    return report(sizes, live, { bare: cb!, sdk: cs! }, loadAtStart);
  } finally {
    await server.close();
  }
}

/** The part of esbuild's API used here (esbuild is not a dependency of this package, so no types). */
interface Esbuild {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { contents: Uint8Array }[] }>;
}

interface Size {
  label: string;
  raw: number;
  gzip: number;
}

async function bundleSizes(): Promise<Size[]> {
  // esbuild is tsup's dependency; the SDK package resolves it through tsup.
  const fromTsup = createRequire(createRequire(`${sdkDir}package.json`).resolve('tsup/package.json'));
  const esbuild = fromTsup('esbuild') as Esbuild;
  const bundle = async (label: string, contents: string, external: string[]): Promise<Size> => {
    const result = await esbuild.build({
      stdin: { contents, resolveDir: sdkDir, sourcefile: 'entry.ts', loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      external,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    return { label, raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
  };
  const deps = ['graphql-request', 'graphql', '@graphql-typed-document-node/core'];
  return [
    await bundle('SDK alone (graphql-request, graphql external)', `export * from './src/index';`, deps),
    await bundle('SDK + graphql-request + graphql (a browser app)', `export * from './src/index';`, []),
    await bundle('graphql-request + graphql alone (for comparison)', `export { GraphQLClient } from 'graphql-request';`, []),
    await bundle('the generated documents and types alone', `export * from './src/generated/operations'; export * from './src/generated/graphql';`, deps),
  ];
}

interface Samples {
  bare: number[];
  sdk: number[];
  persisted?: number[];
}
type Row = { label: string } & Required<Samples>;

function bareFetch(endpoint: string, query: string, operationName: string, variables: object) {
  return async () => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, operationName, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    if (!response.ok || body.errors) throw new Error(`bare fetch: ${response.status} ${JSON.stringify(body.errors)}`);
    return body.data;
  };
}

/** Runs the functions in turn, RUNS times each after WARMUP untimed rounds; samples in ms per function. */
async function interleaved(fns: (() => Promise<unknown>)[]): Promise<number[][]> {
  for (let i = 0; i < WARMUP; i += 1) for (const fn of fns) await fn();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i += 1) {
    // Rotate the order so no function always runs first after an idle gap.
    for (let k = 0; k < fns.length; k += 1) {
      const j = (i + k) % fns.length;
      const started = performance.now();
      await fns[j]!();
      samples[j]!.push(performance.now() - started);
    }
  }
  return samples;
}

async function startApi() {
  const [{ openDatabase }, { applyMigrations }, { seedDemoData }, { loadSecurityConfig }, { createLogger }, { createGraphQLServer }, { startHttpServer }] =
    await Promise.all([
      import('../src/db/connection'),
      import('../src/db/migrate'),
      import('../src/seed/index'),
      import('../src/config'),
      import('../src/logger'),
      import('../src/server/yoga'),
      import('../src/server/http'),
    ]);
  const db = await openDatabase({});
  await applyMigrations(db);
  await seedDemoData(db);
  const logger = createLogger('error');
  const security = loadSecurityConfig({ RATE_LIMIT: 'off' }, true);
  const yoga = createGraphQLServer({ db, logger, production: true, security });
  return startHttpServer(yoga, db, logger, { port: 0, host: '127.0.0.1', maxBodyBytes: security.limits.maxBodyBytes });
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

function report(sizes: Size[], live: Row[], canned: Samples, loadAtStart: number[]): string {
  const cpus = os.cpus();
  const p = (s: number[]) => `${fmt(median(s))} (p90 ${fmt(quantile(s, 0.9))})`;
  const lines = [
    '# SDK benchmark: bundle size and per-call overhead',
    '',
    `Machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, node ${process.version}. Load average (1/5/15 min) at start ` +
      `${loadAtStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}: ` +
      'absolute times are this machine\'s at that load; the ratios and differences, measured in the same run, are what compares.',
    '',
    '## Bundle size (ESM, esbuild minify, gzip -9)',
    '',
    '| bundle | minified | gzipped |',
    '|---|---:|---:|',
    ...sizes.map((s) => `| ${s.label} | ${kb(s.raw)} | **${kb(s.gzip)}** |`),
    '',
    '## Per-call overhead against the real API',
    '',
    `The same operation by a bare \`fetch\` (JSON body, JSON.parse) and by the SDK, interleaved, ${RUNS} calls each after ${WARMUP} warm-up rounds; ` +
      'median ms (p90). The server: embedded PGlite with the demo seed, production settings, RATE_LIMIT=off.',
    '',
    '| operation | bare fetch | SDK | SDK − bare (median) | SDK / bare | SDK, persisted operations | persisted / bare |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...live.map(
      (r) =>
        `| ${r.label} | ${p(r.bare)} | ${p(r.sdk)} | ${us(median(r.sdk) - median(r.bare))} | **${(median(r.sdk) / median(r.bare)).toFixed(2)}×** | ` +
        `${p(r.persisted)} | ${(median(r.persisted) / median(r.bare)).toFixed(2)}× |`,
    ),
    '',
    '## The client alone',
    '',
    'Against a node:http server that answers the same sentra page from memory (no GraphQL, no database), so the difference is the client\'s own work ' +
      '(building the request, headers, timeout, graphql-request, error checks):',
    '',
    '| | bare fetch | SDK | SDK − bare (median) | SDK / bare |',
    '|---|---:|---:|---:|---:|',
    `| sentra list (first: 20) | ${p(canned.bare)} | ${p(canned.sdk)} | ${us(median(canned.sdk) - median(canned.bare))} | ${(median(canned.sdk) / median(canned.bare)).toFixed(2)}× |`,
    '',
  ];
  return lines.join('\n');
}
