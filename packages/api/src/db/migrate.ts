import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, SqlRunner } from './connection';
import { migrationsDir } from './paths';

/**
 * Applies prisma/migrations the way Prisma's schema engine does, so that `prisma migrate status`
 * on a connected machine agrees: same `_prisma_migrations` table, SHA-256 checksum of migration.sql,
 * a row inserted before the script runs and finished after it, the error kept in `logs` on failure,
 * and advisory lock 72707369 held on PostgreSQL while migrating.
 */
const PRISMA_MIGRATE_LOCK = 72707369;

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    override readonly cause: unknown,
  ) {
    super(`Migration ${migration} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}

export async function readMigrations(dir = migrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql, 'utf8').digest('hex') };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export function applyMigrations(
  db: Pick<Database, 'kind' | 'session'>,
  options: { dir?: string; log?: (line: string) => void } = {},
): Promise<MigrateResult> {
  return db.session((sql) => applyOnSession(sql, db.kind === 'postgres', options));
}

async function applyOnSession(
  db: SqlRunner,
  locked: boolean,
  options: { dir?: string; log?: (line: string) => void },
): Promise<MigrateResult> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.dir);
  // A migration (an index on a million rows) and the wait for another process's migration may take
  // longer than the server's statement limit (connection.ts): none applies on this session meanwhile.
  if (locked) await db.exec('SET statement_timeout = 0');
  if (locked) await db.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
  try {
    await db.exec(BOOKKEEPING);
    const rows = await db.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      // Prisma's P3009: a failed migration blocks every later one until it is resolved.
      throw new MigrationError(failed.migration_name, 'an earlier attempt failed; resolve it before migrating again');
    }
    const done = new Set(rows.filter((r) => r.finished_at !== null).map((r) => r.migration_name));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      if (done.has(migration.name)) {
        result.alreadyApplied.push(migration.name);
        continue;
      }
      const id = randomUUID();
      await db.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
        [id, migration.checksum, migration.name],
      );
      try {
        // One transaction per script so a failure leaves no half-applied schema behind. The script
        // runs on its own: glued to "COMMIT;", a last statement without ";" would be a syntax error.
        await db.exec('BEGIN');
        await db.exec(migration.sql);
        await db.exec('COMMIT');
      } catch (error) {
        await db.exec('ROLLBACK').catch(() => {});
        await db.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, String(error)]);
        throw new MigrationError(migration.name, error);
      }
      await db.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
      result.applied.push(migration.name);
      log(`applied ${migration.name}`);
    }
    return result;
  } finally {
    if (locked) await db.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]);
    if (locked) await db.exec('RESET statement_timeout');
  }
}
