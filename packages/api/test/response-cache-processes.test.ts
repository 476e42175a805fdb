import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/db/connection';
import { createLogger } from '../src/logger';
import { openResponseStore, type ResponseStore } from '../src/server/response-cache/store';
import { createEnterprise, enterpriseGid, ownerOf } from './financing-fixtures';
import { openSeededPostgres } from './support/database';
import { startTestServer, type TestServer } from './support/server';

/**
 * Two API processes on one PostgreSQL without Redis, each caching anonymous reads in its own
 * memory: a mutation on one drops the other's answers that hold its types (a NOTIFY on the
 * database), instead of the other serving the old answer until it expires.
 */

const TTL_MS = 60_000;
const stores: ResponseStore[] = [];
let db: Database;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  const seeded = await openSeededPostgres('temu_test_cache');
  db = seeded.db;
  const { url } = seeded;
  const config = { ttlMs: TTL_MS, redisUrl: undefined, keyPrefix: `temu:test-cache:${randomUUID()}:` };
  const store = () => {
    const s = openResponseStore(config, 1_000, createLogger('error'), url);
    stores.push(s);
    return s;
  };
  a = await startTestServer({ database: db, responseCache: { store: store(), ttlMs: TTL_MS } });
  b = await startTestServer({ database: db, responseCache: { store: store(), ttlMs: TTL_MS } });
});
afterAll(async () => {
  await b.close();
  await a.close();
  await Promise.all(stores.map((s) => s.close()));
  // The servers leave the database they were given open; closing it drops it.
  await db.close();
});

const DIRECTORY = `query($q: String!) { enterprises(first: 20, filter: { search: $q }) { nodes { id name } } }`;

it("a mutation on one process drops the other's cached answers holding its types", async () => {
  const id = await createEnterprise(a, { name: `Batik Notify Uji ${randomUUID().slice(0, 6)}` });
  const owner = await ownerOf(a, id);
  // Past the quiet period of the creation's own invalidation: answers are stored again.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  const read = async () => ((await b.gql(DIRECTORY, { q: 'Batik Notify Uji' })).data!.enterprises as { nodes: { name: string }[] }).nodes.map((n) => n.name);
  await read();
  // B answers from its own memory now.
  expect(await b.statementsDuring(read)).toBe(0);

  const renamed = `Batik Notify Uji Baru ${randomUUID().slice(0, 6)}`;
  const update = await a.gql('mutation($input: EnterpriseUpdateInput!) { enterpriseUpdate(input: $input) { userErrors { code } } }', { input: { id: enterpriseGid(id), name: renamed } }, owner.headers);
  expect(update.data!.enterpriseUpdate).toEqual({ userErrors: [] });
  // The notice travels through PostgreSQL: B drops its answer within moments, not after the TTL.
  for (const started = Date.now(); !(await read()).includes(renamed); await new Promise((r) => setTimeout(r, 20))) {
    expect(Date.now() - started).toBeLessThan(2_000);
  }
});
