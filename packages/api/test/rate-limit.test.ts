import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RateLimitConfig } from '../src/config';
import { startTestServer, type TestServer } from './support/server';
import { adminQuery, databaseUrl, dropDatabase, testDatabaseKind, uniqueName } from './support/templates';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const QUERY = JSON.stringify({ query: '{ __typename }' });

interface Answer {
  status: number;
  limit: number;
  remaining: number;
  reset: number;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: QUERY,
  });
  return {
    status: response.status,
    limit: Number(response.headers.get('x-ratelimit-limit')),
    remaining: Number(response.headers.get('x-ratelimit-remaining')),
    reset: Number(response.headers.get('x-ratelimit-reset')),
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

function rateLimit(overrides: Partial<RateLimitConfig>): RateLimitConfig {
  return {
    perCredential: 5,
    perAnonymousIp: 3,
    windowMs: 60_000,
    redisUrl: undefined,
    keyPrefix: 'unused:',
    trustProxy: false,
    ...overrides,
  };
}

function expectLimited(answer: Answer, limit: number): void {
  expect(answer.status).toBe(429);
  expect(answer.limit).toBe(limit);
  expect(answer.remaining).toBe(0);
  expect(answer.reset).toBeGreaterThan(0);
  expect(answer.reset).toBeLessThanOrEqual(60);
  expect(answer.retryAfter).toBe(String(answer.reset));
  expect(answer.body.data).toBeUndefined();
  expect(answer.body.errors).toEqual([
    {
      message: expect.stringMatching(new RegExp(`may make ${limit} requests per 60 s\\. Try again in ${answer.reset} s\\.$`)),
      extensions: { code: 'RATE_LIMITED', retryAfter: answer.reset },
    },
  ]);
}

describe('rate limit in one process (memory store)', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seeded: true, security: { rateLimit: rateLimit({}) } });
  });
  afterAll(() => api.close());

  it('gives an anonymous IP its budget with headers on every response, then 429 with Retry-After', async () => {
    const answers = [await post(api.url), await post(api.url), await post(api.url)];
    expect(answers.map((a) => [a.status, a.limit, a.remaining])).toEqual([
      [200, 3, 2],
      [200, 3, 1],
      [200, 3, 0],
    ]);
    for (const a of answers) {
      expect(a.reset).toBeGreaterThan(0);
      expect(a.reset).toBeLessThanOrEqual(60);
      expect(a.retryAfter).toBeNull();
    }
    expectLimited(await post(api.url), 3);
    // Refusals are not free: asking again stays refused.
    expectLimited(await post(api.url), 3);
    // The budget covers every route of the server, not only /graphql.
    const page = await fetch(`${api.url}/forums/any-forum`);
    expect(page.status).toBe(429);
    expect(page.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('does not count or limit /healthz', async () => {
    const response = await fetch(`${api.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('gives each Bearer credential its own, larger budget, whatever its IP has spent', async () => {
    const first = await api.as('admin@disperin.semarangkota.go.id');
    const second = await api.as('admin@disperin.semarangkota.go.id');
    for (let i = 1; i <= 5; i += 1) {
      const answer = await post(api.url, first);
      expect([answer.status, answer.limit, answer.remaining]).toEqual([200, 5, 5 - i]);
    }
    expectLimited(await post(api.url, first), 5);
    const other = await post(api.url, second);
    expect([other.status, other.limit, other.remaining]).toEqual([200, 5, 4]);
  });

  it('counts a credential that fails authentication against that credential', async () => {
    const garbage = { authorization: `Bearer tb_key_${randomBytes(8).toString('hex')}` };
    const answer = await post(api.url, garbage);
    expect([answer.status, answer.limit, answer.remaining]).toEqual([401, 5, 4]);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('rate limit window', () => {
  it('opens a fresh budget when the window has passed', async () => {
    const api = await startTestServer({ seeded: false, security: { rateLimit: rateLimit({ perAnonymousIp: 1, windowMs: 1_000 }) } });
    try {
      expect((await post(api.url)).status).toBe(200);
      const refused = await post(api.url);
      expect(refused.status).toBe(429);
      expect(refused.reset).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const again = await post(api.url);
      expect([again.status, again.remaining]).toEqual([200, 0]);
    } finally {
      await api.close();
    }
  });
});

describe('rate limit behind a trusted proxy', () => {
  it('keys anonymous callers by the address the proxy appended to X-Forwarded-For', async () => {
    const api = await startTestServer({ seeded: false, security: { rateLimit: rateLimit({ perAnonymousIp: 1, trustProxy: true }) } });
    try {
      const from = (chain: string) => post(api.url, { 'x-forwarded-for': chain });
      expect((await from('203.0.113.7')).status).toBe(200);
      expect((await from('203.0.113.7')).status).toBe(429);
      // A client cannot escape its budget by claiming another address first in the chain.
      expect((await from('198.51.100.1, 203.0.113.7')).status).toBe(429);
      expect((await from('198.51.100.1')).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

/** Starts `cli serve` as its own process, the way an operator runs it, with its own empty database. */
async function startServeProcess(env: Record<string, string>) {
  let database: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (testDatabaseKind === 'postgres') {
    const name = uniqueName('temu_test_rl');
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${inject('templates').empty}"`);
    database = { DATABASE_URL: databaseUrl(name) };
    cleanup = () => dropDatabase(name);
  } else {
    // A data folder restored from the migrated template, as PostgreSQL copies it: no initdb, no migrations.
    const dir = mkdtempSync(join(tmpdir(), 'temu-rl-'));
    await (await PGlite.create({ dataDir: dir, loadDataDir: new Blob([readFileSync(inject('templates').empty)]) })).close();
    database = { DATA_DIR: dir, DATABASE_URL: '' };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const cli = new URL('../src/cli.ts', import.meta.url).pathname;
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...database, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'listening') resolve(String(entry.url).replace(/\/graphql$/, ''));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    logs,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await cleanup();
    },
  };
}

describe('rate limit shared through Redis by two API processes', () => {
  // A prefix of its own per run: parallel runs and other deployments on this Redis stay apart.
  const prefix = `temu:test:${randomBytes(6).toString('hex')}:`;
  let redis: Redis;
  let servers: Awaited<ReturnType<typeof startServeProcess>>[];

  beforeAll(async () => {
    // No Redis, no pass: this fails the suite instead of skipping it.
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    expect(await redis.ping()).toBe('PONG');
    const env = { REDIS_URL, RATE_LIMIT_PREFIX: prefix, RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5', RATE_LIMIT_PER_MINUTE: '3' };
    servers = await Promise.all([startServeProcess(env), startServeProcess(env)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all((servers ?? []).map((s) => s.stop()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('spends one anonymous budget across both processes and refuses on either once it is gone', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await post((i % 2 === 0 ? a : b).url));
    expect(answers.map((x) => [x.status, x.limit, x.remaining])).toEqual([
      [200, 5, 4],
      [200, 5, 3],
      [200, 5, 2],
      [200, 5, 1],
      [200, 5, 0],
    ]);
    expectLimited(await post(a.url), 5);
    expectLimited(await post(b.url), 5);
  });

  it('shares a credential budget too, and keeps only a hash of the credential in Redis', async () => {
    const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const secret = `tb_key_${randomBytes(16).toString('hex')}`;
    const headers = { authorization: `Bearer ${secret}` };
    const remaining = [];
    for (const server of [a, b, a]) remaining.push((await post(server.url, headers)).remaining);
    expect(remaining).toEqual([2, 1, 0]);
    expectLimited(await post(b.url, headers), 3);

    const keys = await redis.keys(`${prefix}*`);
    expect(keys.some((k) => /^temu:test:[0-9a-f]+:key:[0-9a-f]{64}$/.test(k))).toBe(true);
    expect(keys.some((k) => k.startsWith(`${prefix}ip:`))).toBe(true);
    expect(keys.join(' ')).not.toContain(secret);
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
    for (const server of servers) expect(server.logs.filter((l) => l.level === 'warn')).toEqual([]);
  });
});

describe('rate limit when Redis is unreachable', () => {
  it('fails open: requests are served, without rate-limit headers, and a warning is logged once', async () => {
    const server = await startServeProcess({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1' });
    try {
      const answers = [await post(server.url), await post(server.url), await post(server.url)];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.every((a) => a.body.data !== undefined && a.limit === 0)).toBe(true);
      const warnings = server.logs.filter((l) => l.level === 'warn');
      expect(warnings.map((w) => w.msg)).toEqual(['rate limit store unavailable; requests are not limited until it returns']);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
