import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: false });
});
afterAll(() => api.close());

describe('GET /healthz', () => {
  it('answers 200 with the database kind when the database answers', async () => {
    const res = await fetch(`${api.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: process.env.TEST_DATABASE });
  });
});

describe('request ids', () => {
  it('echoes a sane x-request-id and invents one otherwise', async () => {
    const given = await fetch(`${api.url}/healthz`, { headers: { 'x-request-id': 'bank-req-42' } });
    expect(given.headers.get('x-request-id')).toBe('bank-req-42');
    const graphql = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces; and <tags>' },
      body: JSON.stringify({ query: '{ viewer { authenticated } }' }),
    });
    expect(graphql.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('admission: a few requests at a time, in the order they came', () => {
  // One place and one waiting seat: a request whose body is still arriving holds the place.
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ seeded: false, database: api.db, admission: { concurrent: 1, waiting: 1 } });
  });
  afterAll(() => small.close());

  const post = () =>
    fetch(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { authenticated } }' }),
    });

  it('queues the next request, refuses one beyond the queue with 503, and keeps /healthz free', async () => {
    const body = JSON.stringify({ query: '{ viewer { authenticated } }' });
    const held = request(`${small.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    const heldAnswer = new Promise<number>((resolve, reject) => {
      held.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      held.on('error', reject);
    });
    held.write(body.slice(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));

    // A caller that hangs up while it waits gives its seat back, and its place when it comes.
    const impatient = new AbortController();
    const hungUp = fetch(`${small.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: impatient.signal,
    }).catch((error: unknown) => (error as Error).name);
    await new Promise((resolve) => setTimeout(resolve, 100));
    impatient.abort();
    expect(await hungUp).toBe('AbortError');
    await new Promise((resolve) => setTimeout(resolve, 100));

    let queuedDone = false;
    const queued = post().then(async (res) => {
      queuedDone = true;
      return { status: res.status, body: await res.json() };
    });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({ errors: [{ message: 'The server is busy. Retry in a second.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
    expect((await fetch(`${small.url}/healthz`)).status).toBe(200);
    expect(queuedDone).toBe(false);

    held.end(body.slice(5));
    expect(await heldAnswer).toBe(200);
    expect(await queued).toEqual({ status: 200, body: { data: { viewer: { authenticated: false } } } });
    // Both places are free again: the next two requests run.
    expect((await Promise.all([post(), post()])).map((r) => r.status)).toEqual([200, 200]);
  });
});
