import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/connection';
import { compactCluster, snapshotOf } from '../../src/db/pglite-snapshot';
import { applyMigrations } from '../../src/db/migrate';
import { seedDemoData } from '../../src/seed/index';
import { buildCliBundle } from './cli-bundle';
import { createFromTemplate } from './database';
import { adminQuery, databaseUrl, dropDatabase, testDatabaseKind, uniqueName } from './templates';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * PGlite: snapshot files of a migrated database, empty and seeded, and of a fresh cluster without
     * migrations (`fresh`, PGlite only). PostgreSQL: template database names.
     */
    templates: Templates;
    /** src/cli.ts built into one file (cli-bundle.ts), for the tests that run the CLI as a process. */
    cli: string;
  }
}

type Templates = { fresh?: string; empty: string; seeded: string };

/**
 * `pnpm test` (scripts/test.ts) names a folder for the run: the first project of a database builds
 * the templates and the CLI bundle there and lists them, the `*-alone` project after it uses them,
 * and the script drops the templates and the folder at the end (dropSharedTemplates). Without it
 * each project builds its own.
 */
const sharedDir = process.env.TEST_TEMPLATES_DIR;
const manifest = (kind: string) => join(sharedDir!, `${kind}.json`);

interface Built {
  templates: Templates;
  cli: string;
}

/** What an earlier project of this run built, if any. */
function builtEarlier(): Built | undefined {
  if (!sharedDir || !existsSync(manifest(testDatabaseKind))) return undefined;
  return JSON.parse(readFileSync(manifest(testDatabaseKind), 'utf8')) as Built;
}

/** Drops the PostgreSQL templates the run's projects shared; their PGlite files go with the folder. */
export async function dropSharedTemplates(dir: string): Promise<void> {
  const file = join(dir, 'postgres.json');
  if (!existsSync(file)) return;
  const { empty, seeded } = (JSON.parse(readFileSync(file, 'utf8')) as Built).templates;
  await dropDatabase(empty);
  await dropDatabase(seeded);
}

/**
 * Builds two migrated databases once per run — empty and with the demo seed — so that every test
 * file starts from a copy instead of running initdb, migrations and the seed again; on PGlite also
 * the fresh cluster before migrations, for the tests of the migrator.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const earlier = builtEarlier();
  if (earlier) {
    project.provide('templates', earlier.templates);
    project.provide('cli', earlier.cli);
    return undefined;
  }
  const cliDir = mkdtempSync(join(sharedDir ?? tmpdir(), 'temu-cli-'));
  const templates = await buildTemplates();
  const built: Built = { cli: await buildCliBundle(cliDir), templates: templates.files };
  project.provide('cli', built.cli);
  project.provide('templates', built.templates);
  if (sharedDir) {
    writeFileSync(manifest(testDatabaseKind), JSON.stringify(built));
    return undefined;
  }
  return async () => {
    await templates.remove();
    rmSync(cliDir, { recursive: true, force: true });
  };
}

async function buildTemplates(): Promise<{ files: Templates; remove: () => Promise<void> }> {
  if (testDatabaseKind === 'postgres') {
    const empty = uniqueName('temu_tmpl_empty');
    const seeded = uniqueName('temu_tmpl_seeded');
    await adminQuery(`CREATE DATABASE "${empty}"`);
    const db = await openDatabase({ url: databaseUrl(empty) });
    await applyMigrations(db);
    await db.close();
    // The seeded template starts as a copy of the migrated one: the migrations run once.
    await createFromTemplate(seeded, empty);
    const seededDb = await openDatabase({ url: databaseUrl(seeded) });
    await seedDemoData(seededDb);
    await seededDb.close();
    return {
      files: { empty, seeded },
      remove: async () => {
        await dropDatabase(empty);
        await dropDatabase(seeded);
      },
    };
  }
  const dir = mkdtempSync(join(sharedDir ?? tmpdir(), 'temu-pglite-'));
  // Every test file restores one: compact (compactCluster) and uncompressed, as untar alone is
  // quicker than gunzip and untar.
  const files = { fresh: join(dir, 'fresh.tar'), empty: join(dir, 'empty.tar'), seeded: join(dir, 'seeded.tar') };
  const pglite = await compactCluster();
  writeFileSync(files.fresh, await snapshotOf(pglite));
  const db = await openDatabase({ pglite });
  await applyMigrations(db);
  writeFileSync(files.empty, await snapshotOf(pglite));
  await seedDemoData(db);
  writeFileSync(files.seeded, await snapshotOf(pglite));
  await db.close();
  return { files, remove: async () => rmSync(dir, { recursive: true, force: true }) };
}
