import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecurityConfig } from '../src/config';
import { type GraphQLResponse, startTestServer, type TestServer } from './support/server';

/**
 * Hostile shapes sent anonymously to the seeded demo data (issue 11): nested connections with and
 * without `first`, multiplied by plain lists, 15 aliases at a time. Each must be refused with a
 * code or answer fast, and /healthz must stay quick while six run at once.
 */

const limits = loadSecurityConfig({}, false).limits;
const FAST_MS = 500;
const HEALTHZ_MS = 100;

/** Each shape with `page` on every connection: '' (the default of 20), '(first: 100)', … */
const SHAPES: Record<string, (page: string) => string> = {
  'sentra→members→sentra→members': (p) => `sentra${p} { nodes { members${p} { nodes { name sentra { members${p} { nodes { name } } } } } } }`,
  'districts→sentra→members with products': (p) =>
    `districts${p} { nodes { sentra${p} { nodes { members${p} { nodes { name products { name category } } } } } } }`,
  'enterprises with plain lists and their sentra members': (p) =>
    `enterprises${p} { nodes { name products { name } kbliCodes { code } sentra { members${p} { nodes { name products { name } } } } } }`,
  'partners→opportunities→partner→opportunities': (p) =>
    `partners${p} { nodes { name opportunities${p} { nodes { title partner { opportunities${p} { nodes { title districtCodes } } } } } } }`,
  'opportunities→enterprise→sentra→members→sentra→members': (p) =>
    `opportunities${p} { nodes { enterprise { sentra { members${p} { nodes { sentra { members${p} { nodes { name } } } } } } } } }`,
  'sentra→district→sentra→members': (p) =>
    `sentra${p} { nodes { district { sentra${p} { nodes { members${p} { nodes { name kbliCodes { code } } } } } } } }`,
};

const aliased = (shape: string, count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${shape}`).join(' ')} }`;

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(async () => {
  agent.destroy();
  await api.close();
});

/**
 * One request over node:http, timed. undici's fetch costs several milliseconds of CPU per request
 * on the client side, and the client shares this process with the server: measured with it, the
 * latencies would mostly be the test's own.
 */
function request(path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${api.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : {},
      agent,
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const agent = new Agent({ keepAlive: true });

async function timed(query: string): Promise<{ ms: number; res: GraphQLResponse }> {
  const started = performance.now();
  const { status, text } = await request('/graphql', JSON.stringify({ query }));
  return { ms: performance.now() - started, res: { status, ...(JSON.parse(text) as object) } };
}

/** Refused with the cost code (and no data), or answered without errors within FAST_MS. */
function verdict(label: string, { ms, res }: { ms: number; res: GraphQLResponse }): 'refused' | 'answered' {
  expect(res.status, label).toBeLessThan(500);
  if (res.errors) {
    expect(res.data ?? null, label).toBeNull();
    expect(res.errors.map((e) => e.extensions?.limit), label).toEqual(['costLimit']);
    console.log(`${label}: refused (${res.errors[0]!.extensions?.cost} > ${res.errors[0]!.extensions?.maxCost}) in ${ms.toFixed(0)} ms`);
    return 'refused';
  }
  expect(ms, label).toBeLessThan(FAST_MS);
  console.log(`${label}: answered in ${ms.toFixed(0)} ms (${JSON.stringify(res.data).length} bytes)`);
  return 'answered';
}

describe('hostile cost, anonymous, on the seeded data', () => {
  it('costs an omitted first as the default page of 20, not as 1', async () => {
    const shape = SHAPES['sentra→members→sentra→members']!;
    const costOf = async (page: string) => (await api.gql(aliased(shape(page), 15))).errors?.[0]?.extensions?.cost;
    expect(await costOf('')).toBe(await costOf('(first: 20)'));
    expect(await costOf('')).toBeGreaterThan(15 * 20 * 20 * 20);
  });

  it.each(Object.entries(SHAPES))('15 aliases of %s, without first and with first: 100: refused, or answered within 500 ms', async (label, shape) => {
    verdict(`${label} ×15, no first`, await timed(aliased(shape(''), 15)));
    verdict(`${label} ×15, first: 100`, await timed(aliased(shape('(first: 100)'), 15)));
  });

  it('15 aliases of tiny nested pages (first: 1) are refused too: each connection is a statement', async () => {
    for (const [label, shape] of Object.entries(SHAPES)) verdict(`${label} ×15, first: 1`, await timed(aliased(shape('(first: 1)'), 15)));
  });

  it('/healthz stays under 100 ms while six hostile requests run in parallel', async () => {
    const six = Object.values(SHAPES).map((shape) => aliased(shape(''), 15));
    // Warm: the first requests after start compile code paths; a running server has done that long ago.
    for (const query of six) await timed(query);
    await request('/healthz');
    const running = Promise.all(six.map((query) => timed(query)));
    let done = false;
    void running.finally(() => (done = true));
    const latencies: number[] = [];
    while (!done) {
      const started = performance.now();
      const health = await request('/healthz');
      expect(health.status).toBe(200);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const results = await running;
    for (const [i, result] of results.entries()) verdict(`in parallel #${i + 1}`, result);
    const max = Math.max(...latencies);
    console.log(`six in parallel: /healthz ${latencies.length} probes, max ${max.toFixed(0)} ms`);
    expect(max).toBeLessThan(HEALTHZ_MS);
  });

  it('keeps the ordinary directory queries of anonymous callers within the budget', async () => {
    expect(limits.maxAnonymousCost).toBeLessThan(limits.maxCost);
    const res = await api.gql(`{ sentra(first: 100) { totalCount nodes { name slug memberCount district { name } } } }`);
    expect(res.errors).toBeUndefined();
  });
});
