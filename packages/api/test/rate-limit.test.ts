import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { RateLimitConfig } from '../src/config';
import { addressGroup } from '../src/server/security/rate-limit';
import { createFromTemplate } from './support/database';
import { globalId } from './support/ids';
import { type ServeProcess, startServeProcess } from './support/serve-process';
import { startTestServer, type TestServer } from './support/server';
import { databaseUrl, dropDatabase, uniqueName } from './support/templates';

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
    failedAuthPerIp: 4,
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

// One seeded database for the file (restoring one costs seconds of CPU): the servers with other
// settings below are started on it, next to this one, and each keeps its own counters.
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true, security: { rateLimit: rateLimit({}) } });
});
afterAll(() => api.close());

describe('rate limit in one process (memory store)', () => {
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

  it("gives each person one larger budget, whatever their IP has spent, shared by all their sign-in tokens", async () => {
    const first = await api.as('admin@disperin.semarangkota.go.id');
    const second = await api.as('admin@disperin.semarangkota.go.id');
    for (let i = 1; i <= 5; i += 1) {
      const answer = await post(api.url, i % 2 === 0 ? second : first);
      expect([answer.status, answer.limit, answer.remaining]).toEqual([200, 5, 5 - i]);
    }
    // A second token of the same person buys no more requests.
    expectLimited(await post(api.url, second), 5);
    const other = await post(api.url, await api.as('petugas.ikm@disperin.semarangkota.go.id'));
    expect([other.status, other.limit, other.remaining]).toEqual([200, 5, 4]);
  });
});

describe("one budget per partner, for all its API keys", () => {
  it('a new key of the partner buys no more requests; its people keep their own budgets', async () => {
    // The file's server: 5 requests per credential; the member and the partner have not spent any.
    const member = await api.db.prisma.organisationMembership.findFirstOrThrow({
      where: { partner: { slug: 'bri-unit-peterongan-kur' } },
      include: { user: true },
    });
    const person = await api.as(member.user.email);
    const mint = async (name: string) => {
      const res = await api.gql(
        `mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret userErrors { code } } }`,
        { input: { partnerId: globalId('Partner', member.partnerId!), name, scopes: ['LEADS_READ'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() } },
        person,
      );
      expect(res.data!.apiKeyCreate.userErrors).toEqual([]);
      return { authorization: `Bearer ${res.data!.apiKeyCreate.secret}` };
    };
    const [one, two] = [await mint('Sistem 1'), await mint('Sistem 2')];
    const remaining = [];
    for (const key of [one, two, one, two, one]) remaining.push((await post(api.url, key)).remaining);
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    expectLimited(await post(api.url, two), 5);
    // A fresh key is refused at once: the budget is the partner's.
    const three = await mint('Sistem 3');
    expectLimited(await post(api.url, three), 5);
    console.log(`partner budget: keys 1,2,1,2,1 → remaining ${remaining.join(',')}; key 2 again → 429; a third, new key → 429`);
    // The member who minted the keys has a budget of their own (2 spent on minting above).
    const own = await post(api.url, person);
    expect([own.status, own.remaining]).toEqual([200, 1]);
  });
});

describe('failed authentication: budgeted per address, before any lookup', () => {
  // On the file's database, whose other server is idle meanwhile.
  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer({ database: api.db, security: { rateLimit: rateLimit({ failedAuthPerIp: 4, trustProxy: true }) } });
  });
  afterAll(() => proxied.close());

  /**
   * Credential look-ups (authenticate.ts's two named statements) while fn runs. Not every statement:
   * one a background task sends meanwhile (a key's lastUsedAt, the idempotency sweep) is no look-up.
   */
  async function lookupsDuring(fn: () => Promise<unknown>): Promise<number> {
    const query = vi.spyOn(proxied.db, 'query');
    try {
      await fn();
      return query.mock.calls.filter(([, , name]) => name?.startsWith('authenticate_')).length;
    } finally {
      query.mockRestore();
    }
  }

  const garbage = () => ({ authorization: `Bearer tb_key_${randomBytes(32).toString('base64url')}` });
  const from = (address: string, headers: Record<string, string> = garbage()) => post(proxied.url, { 'x-forwarded-for': address, ...headers });

  it('N made-up Bearer values from one address: 4 lookups, then 429 before the database', async () => {
    const statuses: number[] = [];
    const lookups = await lookupsDuring(async () => {
      for (let i = 0; i < 4; i += 1) statuses.push((await from('198.51.100.20')).status);
    });
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(lookups).toBe(4);
    const refused: Answer[] = [];
    const afterBudget = await lookupsDuring(async () => {
      for (let i = 0; i < 50; i += 1) refused.push(await from('198.51.100.20'));
    });
    expect(refused.every((a) => a.status === 429)).toBe(true);
    expect(afterBudget).toBe(0);
    expect(refused[0]!.body.errors).toEqual([
      {
        message: expect.stringMatching(/^Rate limit exceeded: this IP address \(or IPv6 \/64\) may fail authentication 4 times per 60 s\. Try again in \d+ s\.$/),
        extensions: { code: 'RATE_LIMITED', retryAfter: refused[0]!.reset },
      },
    ]);
    console.log(
      `failed auth: 54 made-up bearers from 198.51.100.20 → ${statuses.join(',')} then ${refused.length} × ${refused[0]!.status}; ` +
        `credential look-ups: ${lookups} for the first 4, ${afterBudget} for the other ${refused.length}`,
    );
    // Until the window ends, a credential never seen is refused there before its lookup (it might be
    // a guess); one that authenticated within the window, from anywhere, still works (it is not).
    // Other addresses are not affected.
    expect((await from('198.51.100.20', await proxied.as('admin@disperin.semarangkota.go.id'))).status).toBe(429);
    const officer = await proxied.as('petugas.ikm@disperin.semarangkota.go.id');
    expect((await from('198.51.100.21', officer)).status).toBe(200);
    expect((await from('198.51.100.20', officer)).status).toBe(200);
    expect((await from('198.51.100.21')).status).toBe(401);
  });

  it('a value that cannot be a secret of ours is refused without a lookup, and counts as a failure', async () => {
    const answers: Answer[] = [];
    const lookups = await lookupsDuring(async () => {
      for (const authorization of ['Bearer hunter2', 'Bearer tb_user_short', 'Token abc', `Bearer tb_key_${'x'.repeat(44)}`]) {
        answers.push(await from('198.51.100.30', { authorization }));
      }
    });
    expect(answers.map((a) => [a.status, a.remaining])).toEqual([
      [401, 3],
      [401, 2],
      [401, 1],
      [401, 0],
    ]);
    expect(answers.every((a) => a.body.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
    expect(lookups).toBe(0);
    expect((await from('198.51.100.30')).status).toBe(429);
  });

  it('the addresses of one IPv6 /64 share one budget; the next /64 has its own', async () => {
    const statuses = [];
    for (const address of ['2001:db8:7:1::a', '2001:db8:7:1::b', '2001:db8:7:1:ffff:1:2:3', '2001:db8:7:1:0:0:0:c']) {
      statuses.push((await from(address)).status);
    }
    const sameNetwork = await from('2001:0db8:0007:0001:dead:beef:0:1');
    const nextNetwork = await from('2001:db8:7:2::a');
    console.log(`IPv6: 4 addresses in 2001:db8:7:1::/64 → ${statuses.join(',')}; a 5th address there → ${sameNetwork.status}; 2001:db8:7:2::a → ${nextNetwork.status}`);
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(sameNetwork.status).toBe(429);
    expect(nextNetwork.status).toBe(401);
  });

  it('groups addresses: IPv4 as is (also IPv4-mapped), IPv6 by /64', () => {
    expect(addressGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('2001:db8:7:1::a')).toBe('2001:db8:7:1::/64');
    expect(addressGroup('2001:0db8:0007:0001:dead:beef:0:1')).toBe('2001:db8:7:1::/64');
    expect(addressGroup('fe80::1:2:3:4:5:6')).toBe('fe80:0:1:2::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
    expect(addressGroup('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});

describe('rate limit window', () => {
  it('opens a fresh budget when the window has passed', async () => {
    const server = await startTestServer({ database: api.db, security: { rateLimit: rateLimit({ perAnonymousIp: 1, windowMs: 1_000 }) } });
    try {
      expect((await post(server.url)).status).toBe(200);
      const refused = await post(server.url);
      expect(refused.status).toBe(429);
      expect(refused.reset).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const again = await post(server.url);
      expect([again.status, again.remaining]).toEqual([200, 0]);
    } finally {
      await server.close();
    }
  });
});

describe('rate limit behind a trusted proxy', () => {
  it('keys anonymous callers by the address the proxy appended to X-Forwarded-For', async () => {
    const server = await startTestServer({ database: api.db, security: { rateLimit: rateLimit({ perAnonymousIp: 1, trustProxy: true }) } });
    try {
      const from = (chain: string) => post(server.url, { 'x-forwarded-for': chain });
      expect((await from('203.0.113.7')).status).toBe(200);
      expect((await from('203.0.113.7')).status).toBe(429);
      // A client cannot escape its budget by claiming another address first in the chain.
      expect((await from('198.51.100.1, 203.0.113.7')).status).toBe(429);
      expect((await from('198.51.100.1')).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('rate limit shared through Redis by two API processes', () => {
  // A prefix of its own per run: parallel runs and other deployments on this Redis stay apart.
  const prefix = `temu:test:${randomBytes(6).toString('hex')}:`;
  let redis: Redis;
  let servers: ServeProcess[];
  const database = uniqueName('temu_test_rate');

  beforeAll(async () => {
    // No Redis, no pass: this fails the suite instead of skipping it.
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    expect(await redis.ping()).toBe('PONG');
    const env = { REDIS_URL, RATE_LIMIT_PREFIX: prefix, RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5', RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_FAILED_AUTH_PER_MINUTE: '3' };
    // Two API processes on one PostgreSQL database, as a deployment runs them (this file runs in the PostgreSQL half only).
    await createFromTemplate(database, inject('templates').empty);
    const sharedDatabase = databaseUrl(database);
    servers = await Promise.all([startServeProcess(env, { sharedDatabase }), startServeProcess(env, { sharedDatabase })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all((servers ?? []).map((s) => s.stop()));
    await dropDatabase(database);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('spends one anonymous budget across both processes and refuses on either once it is gone', async () => {
    const [a, b] = servers as [ServeProcess, ServeProcess];
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

  it('shares the failed-authentication budget too, and keeps no credential in Redis', async () => {
    const [a, b] = servers as [ServeProcess, ServeProcess];
    const secret = `tb_key_${randomBytes(32).toString('base64url')}`;
    const headers = { authorization: `Bearer ${secret}` };
    const answers = [];
    for (const server of [a, b, a]) answers.push(await post(server.url, headers));
    expect(answers.map((x) => [x.status, x.remaining])).toEqual([
      [401, 2],
      [401, 1],
      [401, 0],
    ]);
    const refused = await post(b.url, headers);
    expect([refused.status, refused.body.errors?.[0]?.extensions?.code]).toEqual([429, 'RATE_LIMITED']);

    const keys = await redis.keys(`${prefix}*`);
    expect(keys).toContain(`${prefix}auth-failed:127.0.0.1`);
    expect(keys.some((k) => k.startsWith(`${prefix}ip:`))).toBe(true);
    expect(keys.join(' ')).not.toContain(secret.slice(7, 20));
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
    // Port 1 refuses the connection at once: the store is down from the first request on.
    const lines: string[] = [];
    const server = await startTestServer({
      database: api.db,
      log: (line) => lines.push(line),
      security: { rateLimit: rateLimit({ perAnonymousIp: 1, redisUrl: 'redis://127.0.0.1:1', keyPrefix: 'temu:test:' }) },
    });
    try {
      const answers = [await post(server.url), await post(server.url), await post(server.url)];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.every((a) => a.body.data !== undefined && a.limit === 0)).toBe(true);
      const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 'warn');
      expect(warnings.map((w) => w.msg)).toEqual(['rate limit store unavailable; requests are not limited until it returns']);
    } finally {
      await server.close();
    }
  });
});
