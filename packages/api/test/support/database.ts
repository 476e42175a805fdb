import { execFile as execFileCallback } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connection';
import { restorePGliteSnapshot } from '../../src/db/pglite-snapshot';
import { adminQuery, databaseUrl, droppedOnClose, testDatabaseKind, uniqueName } from './templates';

const execFile = promisify(execFileCallback);

type PGliteSnapshot = 'fresh' | 'empty' | 'seeded';

/**
 * A PGlite in memory restored from one of the run's snapshots (global-setup.ts): a fresh cluster,
 * migrated or seeded. Restoring takes a fraction of initdb's seconds.
 */
export function restorePGlite(snapshot: PGliteSnapshot) {
  return restorePGliteSnapshot(readFileSync(snapshotFile(snapshot)));
}

function snapshotFile(snapshot: PGliteSnapshot): string {
  const file = inject('templates')[snapshot];
  if (!file) throw new Error(`no ${snapshot} snapshot in this run`);
  return file;
}

/**
 * Writes a snapshot to a data folder that a server process then opens as its own: the files of the
 * tarball as they are, unpacked by tar without starting a PGlite.
 */
export async function restoreDataFolder(snapshot: PGliteSnapshot, dataDir: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  await execFile('tar', ['-xf', snapshotFile(snapshot), '-C', dataDir]);
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

/** A copy of the run's seeded template on PostgreSQL with its URL, for a test that opens it from elsewhere too (a standby, a second pool); close() drops it. */
export async function openSeededPostgres(prefix: string): Promise<{ db: Database; url: string }> {
  const name = uniqueName(prefix);
  await createFromTemplate(name, inject('templates').seeded);
  const url = databaseUrl(name);
  return { db: droppedOnClose(await openDatabase({ url }), name), url };
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
