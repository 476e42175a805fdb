import type { SqlRunner } from '../db/connection';

interface Deferred {
  /** Statements that take it away for the load. */
  drop: string[];
  /** Statements that put it back, in order: indexes and keys before the foreign keys that need them. */
  restore: string[];
}

/**
 * What a bulk load of these tables can do without until its rows are in: their secondary indexes,
 * the primary keys nothing refers to, and their foreign keys. Read from the catalogue, so an index
 * a later migration adds is deferred too without a change here.
 */
async function deferrable(sql: SqlRunner, tables: readonly string[]): Promise<Deferred> {
  const names = tables.map((t) => `"${t}"`);
  const keys = await sql.query<{ drop: string; restore: string; foreign: boolean }>(
    `SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop,
            format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS restore,
            c.contype = 'f' AS foreign
       FROM pg_constraint c
      WHERE c.conrelid = ANY($1::text[]::regclass[])
        AND (c.contype = 'f' OR (c.contype = 'p' AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = c.conrelid)))
      ORDER BY c.contype = 'f', c.conname`,
    [names],
  );
  const indexes = await sql.query<{ drop: string; restore: string }>(
    `SELECT format('DROP INDEX %s', i.indexrelid::regclass) AS drop, pg_get_indexdef(i.indexrelid) AS restore
       FROM pg_index i
      WHERE i.indrelid = ANY($1::text[]::regclass[])
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
      ORDER BY i.indexrelid::regclass::text`,
    [names],
  );
  const foreign = keys.filter((k) => k.foreign);
  const primary = keys.filter((k) => !k.foreign);
  return {
    drop: [...foreign, ...primary, ...indexes].map((d) => d.drop),
    restore: [...primary, ...indexes, ...foreign].map((d) => d.restore),
  };
}

/** Runs `work` in one transaction on the session `sql`: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(sql: SqlRunner, work: () => Promise<T>): Promise<T> {
  await sql.exec('BEGIN');
  try {
    const result = await work();
    await sql.exec('COMMIT');
    return result;
  } catch (error) {
    await sql.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Runs `load` the way pg_restore loads a dump, in ONE transaction: the tables' secondary indexes,
 * unreferenced primary keys and foreign keys are dropped, the rows go in, then each index is built
 * once by sorting (instead of millions of random insertions into it) and each foreign key checked
 * once by a join (instead of a lookup per row). A failure rolls everything back, indexes included;
 * readers of the tables wait for the commit. Rebuilding costs the tables' whole size, so this pays
 * for large loads (the synthetic province), not for a few rows. `triggersWritten` are triggers whose
 * work the load's rows already carry: they are off while it writes (and on again before it commits).
 */
export async function loadWithoutIndexes<T>(
  sql: SqlRunner,
  tables: readonly string[],
  load: (sql: SqlRunner) => Promise<T>,
  { triggersWritten = [] }: { triggersWritten?: readonly { table: string; trigger: string }[] } = {},
): Promise<T> {
  return inTransaction(sql, async () => {
    // Index builds sort in runs of this size and merge them, which costs less than one sort of it all
    // in memory: at a million IKM the 13 million search terms' primary key took 19 s of CPU at 64MB
    // against 37 s at 2GB (no parallel workers), every index and primary key 55 s (58 s of CPU)
    // against 62 s (69 s) at 512MB. 64MB is also what a build with one parallel worker needs.
    await sql.exec("SET LOCAL maintenance_work_mem = '64MB'");
    const deferred = await deferrable(sql, tables);
    for (const statement of deferred.drop) await sql.exec(statement);
    const triggers = (state: 'DISABLE' | 'ENABLE') => triggersWritten.map(({ table, trigger }) => `ALTER TABLE "${table}" ${state} TRIGGER "${trigger}"`);
    for (const statement of triggers('DISABLE')) await sql.exec(statement);
    const result = await load(sql);
    for (const statement of [...triggers('ENABLE'), ...deferred.restore]) await sql.exec(statement);
    return result;
  });
}
