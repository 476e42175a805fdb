import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connection';
import { adminQuery, databaseUrl, droppedOnClose, testDatabaseKind, uniqueName } from './templates';

type PGliteSnapshot = 'empty' | 'seeded';

/**
 * A PGlite restored from one of the run's snapshots (global-setup.ts), migrated or seeded; in memory,
 * or written to `dataDir` for a server process to open. Restoring takes a fraction of initdb's seconds.
 */
async function restorePGlite(snapshot: PGliteSnapshot, dataDir?: string): Promise<PGlite> {
  const file = inject('templates')[snapshot];
  return PGlite.create({ ...(dataDir ? { dataDir } : {}), loadDataDir: new Blob([readFileSync(file)]) });
}

/** Writes a snapshot to a data folder that a server process then opens as its own. */
export async function restoreDataFolder(snapshot: PGliteSnapshot, dataDir: string): Promise<void> {
  await (await restorePGlite(snapshot, dataDir)).close();
}

/**
 * A private, migrated database for one test file: a copy of the run's template, in-memory PGlite or
 * a fresh PostgreSQL database that close() drops.
 */
export async function openTestDatabase({ seeded }: { seeded: boolean }): Promise<Database> {
  if (testDatabaseKind === 'pglite') return openDatabase({ pglite: await restorePGlite(seeded ? 'seeded' : 'empty') });
  const templates = inject('templates');
  const name = uniqueName('temu_test');
  await createFromTemplate(name, seeded ? templates.seeded : templates.empty);
  const db = await openDatabase({ url: databaseUrl(name) });
  return droppedOnClose(db, name);
}

/** PostgreSQL refuses to copy a template while another copy is starting from it; retry briefly. */
export async function createFromTemplate(name: string, template: string, attempts = 20): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      if (attempt >= attempts || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
