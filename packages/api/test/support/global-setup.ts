import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/connection';
import { applyMigrations } from '../../src/db/migrate';
import { seedDemoData } from '../../src/seed/index';
import { adminQuery, databaseUrl, dropDatabase, testDatabaseKind, uniqueName } from './templates';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * PGlite: snapshot files of a migrated database, empty and seeded, and of a fresh cluster without
     * migrations (`fresh`, PGlite only). PostgreSQL: template database names.
     */
    templates: { fresh?: string; empty: string; seeded: string };
  }
}

/**
 * Builds two migrated databases once per run — empty and with the demo seed — so that every test
 * file starts from a copy instead of running initdb, migrations and the seed again; on PGlite also
 * the fresh cluster before migrations, for the tests of the migrator.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (testDatabaseKind === 'postgres') {
    const empty = uniqueName('temu_tmpl_empty');
    const seeded = uniqueName('temu_tmpl_seeded');
    for (const [name, seed] of [
      [empty, false],
      [seeded, true],
    ] as const) {
      await adminQuery(`CREATE DATABASE "${name}"`);
      const db = await openDatabase({ url: databaseUrl(name) });
      await applyMigrations(db);
      if (seed) await seedDemoData(db);
      await db.close();
    }
    project.provide('templates', { empty, seeded });
    return async () => {
      await dropDatabase(empty);
      await dropDatabase(seeded);
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'temu-pglite-'));
  // Uncompressed: every test file restores one, and untar alone is quicker than gunzip and untar.
  const files = { fresh: join(dir, 'fresh.tar'), empty: join(dir, 'empty.tar'), seeded: join(dir, 'seeded.tar') };
  const pglite = await PGlite.create();
  writeFileSync(files.fresh, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  const db = await openDatabase({ pglite });
  await applyMigrations(db);
  writeFileSync(files.empty, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await seedDemoData(db);
  writeFileSync(files.seeded, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await db.close();
  project.provide('templates', files);
  return async () => rmSync(dir, { recursive: true, force: true });
}
