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

describe('GraphiQL', () => {
  it('is served in development with the example operations', async () => {
    const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('SentraDirectory');
  });
});
