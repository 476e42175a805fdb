import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection';
import { applyMigrations, MigrationError } from '../src/db/migrate';
import { migrationsDir } from '../src/db/paths';
import { migrationsFolder, withEmptyDatabase } from './support/empty-database';
import { scratchFolder } from './support/scratch';
import { adminQuery, databaseUrl, droppedOnClose, testDatabaseKind, uniqueName } from './support/templates';

const scratch = scratchFolder('temu-migrations-');

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
    const dir = await migrationsFolder(scratch(), 'failing', {
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
    const dir = await migrationsFolder(scratch(), 'no-semicolon', { '20260101000000_bare': 'CREATE TABLE "Bare" (id INTEGER)' });
    await withEmptyDatabase(async (db) => {
      await expect(applyMigrations(db, { dir })).resolves.toEqual({ applied: ['20260101000000_bare'], alreadyApplied: [] });
      expect(await tablesOf(db)).toContain('Bare');
    });
  });
});

describe('the server\'s statement limit (PostgreSQL)', () => {
  it.runIf(testDatabaseKind === 'postgres')('cancels a statement running past it, and leaves nothing running; migrations are exempt', async () => {
    const name = uniqueName('temu_test');
    await adminQuery(`CREATE DATABASE "${name}"`);
    const db = droppedOnClose(await openDatabase({ url: databaseUrl(name), statementTimeoutMs: 300 }), name);
    try {
      const started = performance.now();
      await expect(db.query('SELECT pg_sleep(3)')).rejects.toMatchObject({ code: '57014' });
      expect(performance.now() - started).toBeLessThan(2500);
      const [running] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(3)' AND state = 'active'");
      expect(running!.n).toBe(0);
      // A migration longer than the limit applies, and the limit holds again afterwards.
      const dir = await migrationsFolder(scratch(), 'slow', { '20260101000000_slow': 'SELECT pg_sleep(0.6);\nCREATE TABLE "Slow" (id int);' });
      expect((await applyMigrations(db, { dir })).applied).toEqual(['20260101000000_slow']);
      await db.session(async (sql) => {
        expect(await sql.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '300ms' }]);
      });
      await expect(db.query('SELECT pg_sleep(1)')).rejects.toMatchObject({ code: '57014' });
    } finally {
      await db.close();
    }
  });
});
