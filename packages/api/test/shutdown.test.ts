import { describe, expect, it } from 'vitest';
import { startServeProcess } from './support/serve-process';

describe('the server process', () => {
  it('finishes the in-flight request on SIGTERM, closes the database and exits 0', async () => {
    // On PGlite a folder that does not exist yet: the first start on a new machine creates and migrates it.
    const server = await startServeProcess({ LOG_LEVEL: 'debug' }, { newFolder: true });
    try {
      const inFlight = fetch(server.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ districts(first: 16) { totalCount } }' }),
      });
      // SIGTERM only once the server holds the request, so it is truly in flight.
      await server.logged((e) => e.msg === 'request received' && e.path === '/graphql');
      server.child.kill('SIGTERM');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { districts: { totalCount: 0 } } });
      expect(await server.exited).toBe(0);
      expect(server.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    } finally {
      server.child.kill('SIGKILL');
      await server.stop();
    }
  }, 60_000);
});
