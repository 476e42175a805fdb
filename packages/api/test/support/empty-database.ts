import { type Database, openDatabase } from '../../src/db/connection';
import { adminQuery, databaseUrl, dropDatabase, droppedOnClose, testDatabaseKind, uniqueName } from './templates';

/**
 * A database without any migration, for tests of the migrator itself: an in-memory PGlite, or a
 * fresh PostgreSQL database that close() drops.
 */
export async function openEmptyDatabase(): Promise<Database> {
  if (testDatabaseKind === 'pglite') return openDatabase({});
  const name = uniqueName('temu_test');
  await adminQuery(`CREATE DATABASE "${name}"`);
  const db = await openDatabase({ url: databaseUrl(name) }).catch(async (error: unknown) => {
    await dropDatabase(name);
    throw error;
  });
  return droppedOnClose(db, name);
}
