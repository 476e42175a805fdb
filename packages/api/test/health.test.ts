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
