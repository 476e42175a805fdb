import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecurityConfig, statementTimeoutMs } from '../src/config';
import { openDatabase, type Database } from '../src/db/connection';
import { globalId } from './support/ids';
import { openSeededPostgres } from './support/database';
import { startTestServer, type TestServer } from './support/server';

/**
 * A request's statements on PostgreSQL stop at the pool's statement_timeout, a little after the
 * request's own limit (EXECUTION_TIMEOUT_MS): a query that waits on the database answers TIMEOUT
 * from the API's deadline, and a statement the database cancels (a mutation has no deadline)
 * answers TIMEOUT too, never INTERNAL_SERVER_ERROR. The wait here is a lock another session holds.
 */
const LIMIT_MS = 300;
let owner: Database;
let served: Database;
let api: TestServer;
let release: () => void = () => {};
let locked: Promise<unknown> = Promise.resolve();
let sentraId = '';

beforeAll(async () => {
  const copy = await openSeededPostgres('temu_timeout');
  owner = copy.db;
  served = await openDatabase({ url: copy.url, statementTimeoutMs: statementTimeoutMs(LIMIT_MS) });
  api = await startTestServer({ database: served, security: { limits: { ...loadSecurityConfig({}, false).limits, executionTimeoutMs: LIMIT_MS } } });
  sentraId = (await owner.query<{ id: string }>(`SELECT id FROM "Sentra" ORDER BY id LIMIT 1`))[0]!.id;
  // Another session holds the sentra table until the end.
  let held: () => void = () => {};
  const holding = new Promise<void>((resolve) => {
    held = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  locked = owner.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe('LOCK TABLE "Sentra" IN ACCESS EXCLUSIVE MODE');
      held();
      await gate;
    },
    { timeout: 60_000 },
  );
  await holding;
}, 60_000);
afterAll(async () => {
  release();
  await locked;
  await api?.close();
  await served?.close();
  await owner?.close();
});

describe('a statement that waits longer than the limit', () => {
  it('in a query: TIMEOUT from the API, as soon as the limit passes', async () => {
    const started = performance.now();
    const res = await api.gql('{ sentra(first: 5) { nodes { name } } }');
    expect(performance.now() - started).toBeLessThan(statementTimeoutMs(LIMIT_MS));
    expect(res.status).toBe(504);
    expect(res.errors).toEqual([expect.objectContaining({ extensions: { code: 'TIMEOUT' } })]);
  });

  it('in a mutation: TIMEOUT when the database cancels it', async () => {
    const res = await api.gql(
      `mutation($input: SentraUpdateInput!) { sentraUpdate(input: $input) { sentra { programStage } userErrors { code } } }`,
      { input: { id: globalId('Sentra', sentraId), programStage: 'DEVELOPING' } },
      await api.as('petugas.ikm@disperin.semarangkota.go.id'),
    );
    expect(res.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'TIMEOUT' }) })]);
  });
});
