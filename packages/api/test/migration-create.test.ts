import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../src/db/migrate';
import { createMigration, diffMigrationsToSchema, MIGRATION_LOCK } from '../src/db/migration-create';
import { schemaPath } from '../src/db/paths';
import { migrationsFolder, withEmptyDatabase } from './support/empty-database';
import { scratchFolder } from './support/scratch';

// The schema engine runs on in-memory PGlites of its own whatever TEST_DATABASE says: these tests
// run once, in the project without a test database (vitest.config.ts).

/** Each schema-engine call starts in-memory PGlites for its main and shadow databases: slow on a busy 2-core machine. */
const ENGINE_TIMEOUT = 240_000;

const scratch = scratchFolder('temu-migration-create-');

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
      const changed = join(scratch(), 'drifted.prisma');
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
      const dir = await migrationsFolder(scratch(), 'broken-history', {
        '20260101000000_broken': 'ALTER TABLE "Missing" ADD COLUMN x INTEGER;\n',
      });
      const schema = join(scratch(), 'tiny.prisma');
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
      const dir = join(scratch(), 'created');
      const schema = join(scratch(), 'created.prisma');
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
    const dir = join(scratch(), 'bad-name');

    await expect(createMigration('Add-Field', { migrationsDir: dir })).rejects.toThrow(/Invalid migration name "Add-Field"/);
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
