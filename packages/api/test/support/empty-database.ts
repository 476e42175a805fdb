import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connection';
import { applyMigrations } from '../../src/db/migrate';
import { migrationsDir } from '../../src/db/paths';
import { freshPGlite } from '../../src/db/fresh-pglite';
import { restorePGlite } from './database';
import { adminQuery, databaseUrl, dropDatabase, droppedOnClose, testDatabaseKind, uniqueName } from './templates';

/**
 * A database without any migration, for tests of the migrator itself: an in-memory PGlite restored
 * from the run's fresh cluster (global-setup.ts; in project `unit`, which has none, from this process's
 * one, initdb once), or a fresh PostgreSQL database that close() drops.
 */
export async function openEmptyDatabase(): Promise<Database> {
  if (testDatabaseKind === 'pglite') return openDatabase({ pglite: inject('templates')?.fresh ? await restorePGlite('fresh') : await freshPGlite() });
  const name = uniqueName('temu_test');
  await adminQuery(`CREATE DATABASE "${name}"`);
  const db = await openDatabase({ url: databaseUrl(name) }).catch(async (error: unknown) => {
    await dropDatabase(name);
    throw error;
  });
  return droppedOnClose(db, name);
}

export async function withEmptyDatabase(fn: (db: Database) => Promise<void>): Promise<void> {
  const db = await openEmptyDatabase();
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

/** Writes a migrations folder `name` under parent: one subfolder with migration.sql per entry. */
export async function migrationsFolder(parent: string, name: string, scripts: Record<string, string>): Promise<string> {
  const dir = join(parent, name);
  for (const [migration, sql] of Object.entries(scripts)) {
    await mkdir(join(dir, migration), { recursive: true });
    await writeFile(join(dir, migration, 'migration.sql'), sql);
  }
  return dir;
}

/**
 * Applies the project's migrations that come before `migration` (written to a folder under
 * `parent`), so a test can put in the data a migration must carry over and then apply the rest.
 */
export async function migrateUpTo(db: Database, migration: string, parent: string): Promise<void> {
  const names = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  if (!names.includes(migration)) throw new Error(`no migration ${migration}`);
  const before = names.slice(0, names.indexOf(migration));
  const scripts = Object.fromEntries(await Promise.all(before.map(async (n) => [n, await readFile(join(migrationsDir, n, 'migration.sql'), 'utf8')] as const)));
  await applyMigrations(db, { dir: await migrationsFolder(parent, 'before', scripts) });
}
