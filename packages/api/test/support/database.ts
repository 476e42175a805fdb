import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/connection';
import { adminQuery, databaseUrl, droppedOnClose, testDatabaseKind, uniqueName } from './templates';

/**
 * A private, migrated database for one test file: a copy of the run's template, in-memory PGlite or
 * a fresh PostgreSQL database that close() drops.
 */
export async function openTestDatabase({ seeded }: { seeded: boolean }): Promise<Database> {
  const templates = inject('templates');
  const template = seeded ? templates.seeded : templates.empty;
  if (testDatabaseKind === 'pglite') {
    const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(template)]) });
    return openDatabase({ pglite });
  }
  const name = uniqueName('temu_test');
  await createFromTemplate(name, template);
  const db = await openDatabase({ url: databaseUrl(name) });
  return droppedOnClose(db, name);
}

/** PostgreSQL refuses to copy a template while another copy is starting from it; retry briefly. */
async function createFromTemplate(name: string, template: string, attempts = 20): Promise<void> {
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
