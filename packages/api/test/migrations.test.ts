import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/connection';
import { applyMigrations, MigrationError } from '../src/db/migrate';
import { createMigration, diffMigrationsToSchema, MIGRATION_LOCK } from '../src/db/migration-create';
import { migrationsDir, schemaPath } from '../src/db/paths';
import { openEmptyDatabase } from './support/empty-database';

/** Each schema-engine call starts in-memory PGlites for its main and shadow databases: slow on a busy 2-core machine. */
const ENGINE_TIMEOUT = 240_000;

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'temu-migrations-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Writes a migrations folder: one subfolder with migration.sql per entry. */
async function migrationsFolder(name: string, scripts: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  for (const [migration, sql] of Object.entries(scripts)) {
    await mkdir(join(dir, migration), { recursive: true });
    await writeFile(join(dir, migration, 'migration.sql'), sql);
  }
  return dir;
}

async function withEmptyDatabase(fn: (db: Database) => Promise<void>): Promise<void> {
  const db = await openEmptyDatabase();
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

async function tablesOf(db: Database): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name);
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
}

function migrationRows(db: Database): Promise<MigrationRow[]> {
  return db.query<MigrationRow>(
    'SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM "_prisma_migrations" ORDER BY migration_name',
  );
}

describe('applyMigrations', () => {
  it('creates the tables and records each migration the way Prisma does; a second run is a no-op', () =>
    withEmptyDatabase(async (db) => {
      const names = (await readdir(migrationsDir, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort();
      const scripts = await Promise.all(names.map((n) => readFile(join(migrationsDir, n, 'migration.sql'))));
      const created = scripts.flatMap((sql) => [...sql.toString().matchAll(/CREATE TABLE "(\w+)"/g)].map((m) => m[1]));

      const first = await applyMigrations(db);

      expect(first).toEqual({ applied: names, alreadyApplied: [] });
      expect(created).toContain('Enterprise');
      expect(await tablesOf(db)).toEqual(expect.arrayContaining([...created, '_prisma_migrations']));
      const rows = await migrationRows(db);
      expect(rows).toEqual(
        names.map((name, i) => ({
          migration_name: name,
          checksum: createHash('sha256').update(scripts[i]!).digest('hex'),
          finished_at: expect.any(Date),
          applied_steps_count: 1,
          logs: null,
        })),
      );

      const second = await applyMigrations(db);

      expect(second).toEqual({ applied: [], alreadyApplied: names });
      expect(await migrationRows(db)).toHaveLength(rows.length);
    }));

  it('stops at a failing migration, rolls its script back, keeps the error and blocks later ones', async () => {
    const dir = await migrationsFolder('failing', {
      '20260101000000_good': 'CREATE TABLE "Good" (id INTEGER PRIMARY KEY);\n',
      '20260101000001_bad': 'CREATE TABLE "Partial" (id INTEGER PRIMARY KEY);\nALTER TABLE "Missing" ADD COLUMN x INTEGER;\n',
      '20260101000002_later': 'CREATE TABLE "Later" (id INTEGER PRIMARY KEY);\n',
    });
    await withEmptyDatabase(async (db) => {
      const failure = await applyMigrations(db, { dir }).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(MigrationError);
      expect(failure).toMatchObject({ migration: '20260101000001_bad' });
      expect(String(failure)).toContain('20260101000001_bad');
      expect(await tablesOf(db)).toEqual(['Good', '_prisma_migrations']);
      const rows = await migrationRows(db);
      expect(rows.map((r) => r.migration_name)).toEqual(['20260101000000_good', '20260101000001_bad']);
      expect(rows[0]).toMatchObject({ finished_at: expect.any(Date), applied_steps_count: 1 });
      expect(rows[1]).toMatchObject({ finished_at: null, applied_steps_count: 0 });
      expect(rows[1]!.logs).toMatch(/"Missing" does not exist/);

      // Prisma's P3009: nothing more is applied until the failed migration is resolved.
      await expect(applyMigrations(db, { dir })).rejects.toMatchObject({ migration: '20260101000001_bad' });
      expect(await tablesOf(db)).not.toContain('Later');
      expect(await migrationRows(db)).toHaveLength(2);
    });
  });

  it('runs a hand-written script whose last statement has no semicolon', async () => {
    const dir = await migrationsFolder('no-semicolon', { '20260101000000_bare': 'CREATE TABLE "Bare" (id INTEGER)' });
    await withEmptyDatabase(async (db) => {
      await expect(applyMigrations(db, { dir })).resolves.toEqual({ applied: ['20260101000000_bare'], alreadyApplied: [] });
      expect(await tablesOf(db)).toContain('Bare');
    });
  });
});

describe('drift between prisma/schema.prisma and prisma/migrations', () => {
  it(
    'finds none: every schema change has its migration',
    async () => {
      expect(await diffMigrationsToSchema()).toBe('');
    },
    ENGINE_TIMEOUT,
  );

  it(
    'reports the SQL for a field the migrations lack',
    async () => {
      const changed = join(scratch, 'drifted.prisma');
      const schema = await readFile(schemaPath, 'utf8');
      await writeFile(changed, schema.replace('model District {', 'model District {\n  driftProbe String?'));

      const sql = await diffMigrationsToSchema({ schemaPath: changed });

      expect(sql).toMatch(/ALTER TABLE "District" ADD COLUMN\s+"driftProbe" TEXT;/);
    },
    ENGINE_TIMEOUT,
  );

  it(
    'fails on a migration that does not replay, instead of diffing against half a history',
    async () => {
      const dir = await migrationsFolder('broken-history', {
        '20260101000000_broken': 'ALTER TABLE "Missing" ADD COLUMN x INTEGER;\n',
      });
      const schema = join(scratch, 'tiny.prisma');
      await writeFile(schema, 'datasource db {\n  provider = "postgresql"\n}\n');

      await expect(diffMigrationsToSchema({ schemaPath: schema, migrationsDir: dir })).rejects.toThrow(
        /20260101000000_broken[\s\S]*Missing/,
      );
    },
    ENGINE_TIMEOUT,
  );
});

describe('createMigration', () => {
  const datasource = 'datasource db {\n  provider = "postgresql"\n}\n';
  const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

  it(
    'writes Prisma-named folders and the lock file, skips an unchanged schema, and never reuses a timestamp',
    async () => {
      const dir = join(scratch, 'created');
      const schema = join(scratch, 'created.prisma');
      await writeFile(schema, `${datasource}model Thing {\n  id Int @id\n}\n`);

      const init = await createMigration('init', { schemaPath: schema, migrationsDir: dir, now });

      expect(init).toMatchObject({ name: '20260102030405_init', path: join(dir, '20260102030405_init', 'migration.sql') });
      expect(init!.sql).toMatch(/CREATE TABLE "Thing"/);
      expect(await readFile(init!.path, 'utf8')).toBe(init!.sql);
      expect(await readFile(join(dir, 'migration_lock.toml'), 'utf8')).toBe(MIGRATION_LOCK);

      expect(await createMigration('nothing', { schemaPath: schema, migrationsDir: dir, now })).toBeNull();
      expect((await readdir(dir)).sort()).toEqual(['20260102030405_init', 'migration_lock.toml']);

      await writeFile(schema, `${datasource}model Thing {\n  id Int @id\n  label String @default("")\n}\n`);
      const next = await createMigration('add_label', { schemaPath: schema, migrationsDir: dir, now });

      expect(next?.name).toBe('20260102030406_add_label');
      expect(next!.sql).toMatch(/ALTER TABLE "Thing" ADD COLUMN\s+"label" TEXT NOT NULL DEFAULT ''/);
      expect(await diffMigrationsToSchema({ schemaPath: schema, migrationsDir: dir })).toBe('');
      await withEmptyDatabase(async (db) => {
        await applyMigrations(db, { dir });
        expect(await db.query('SELECT label FROM "Thing"')).toEqual([]);
      });
    },
    ENGINE_TIMEOUT,
  );

  it('rejects a name Prisma would not accept, writing nothing', async () => {
    const dir = join(scratch, 'bad-name');

    await expect(createMigration('Add-Field', { migrationsDir: dir })).rejects.toThrow(/Invalid migration name "Add-Field"/);
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
