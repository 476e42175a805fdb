import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, withClose } from '../../src/db/connection';

/** Where the test suite's PostgreSQL databases are created (trust auth on this machine). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export type TestDatabaseKind = 'pglite' | 'postgres';
export const testDatabaseKind: TestDatabaseKind = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';

export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Runs one statement on the maintenance database (CREATE/DROP DATABASE cannot run in a pool transaction). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/** The database, whose close() also drops it: each test's PostgreSQL database lives as long as its file. */
export function droppedOnClose(db: Database, name: string): Database {
  return withClose(db, async (closeDatabase) => {
    await closeDatabase();
    await dropDatabase(name);
  });
}
