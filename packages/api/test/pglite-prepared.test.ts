import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/connection';
import { openDataDirAsOwner } from '../src/db/data-dir';
import { restoreDataFolder, restorePGlite } from './support/database';
import { scratchFolder } from './support/scratch';

/**
 * Named statements on the embedded database, planned once and run again (db/pglite-prepared.ts,
 * openSharedPGlite): the answers are those of unnamed statements, whatever the parameters, an
 * error leaves the statement and the session usable, and the connections of the server's socket,
 * which share one PGlite session, never take each other's names.
 */
const NAMED = `SELECT v, v = ANY($1::int[]) AS listed, $2::text AS label, json_build_object('v', v, 'at', $3::timestamp(3)) AS j
  FROM (VALUES (1), (2), (3)) AS t(v) WHERE $4::int IS NULL OR v >= $4 ORDER BY v`;

async function sameAsUnnamed(db: Database) {
  const cases: unknown[][] = [
    [[1, 3], 'satu', '2026-12-05T08:00:00.000Z', null],
    [[], null, '2026-01-01T00:00:00.000Z', 2],
    [[2], 'dua, "kutip"', '2025-06-30T23:59:59.999Z', 4],
  ];
  for (const params of cases) expect(await db.query(NAMED, params, 'named_probe')).toEqual(await db.query(NAMED, params));
}

describe('named statements on the embedded database', () => {
  const scratch = scratchFolder('temu-prepared-');
  let inProcess: Database;
  beforeAll(async () => {
    inProcess = await openDatabase({ pglite: await restorePGlite('empty') });
  });
  afterAll(() => inProcess.close());

  it('in this process: the same rows as an unnamed statement, for every set of parameters', async () => {
    await sameAsUnnamed(inProcess);
  });

  it('in this process: an error in a named statement leaves it, and the session, usable', async () => {
    await inProcess.query('CREATE TABLE once (v int PRIMARY KEY)');
    const insert = 'INSERT INTO once VALUES ($1) RETURNING v';
    expect(await inProcess.query(insert, [1], 'named_insert')).toEqual([{ v: 1 }]);
    await expect(inProcess.query(insert, [1], 'named_insert')).rejects.toThrow(/duplicate key/);
    expect(await inProcess.query(insert, [2], 'named_insert')).toEqual([{ v: 2 }]);
    // A statement that does not parse is not kept under its name: it fails the same way again.
    await expect(inProcess.query('SELEC 1', [], 'named_broken')).rejects.toThrow(/syntax error/);
    await expect(inProcess.query('SELEC 1', [], 'named_broken')).rejects.toThrow(/syntax error/);
    expect(await inProcess.query('SELECT count(*)::int AS n FROM once')).toEqual([{ n: 2 }]);
  });

  it("over the server's socket: each connection names its own, so many at once all answer", { timeout: 120_000 }, async () => {
    const dir = join(scratch(), 'db');
    await restoreDataFolder('empty', dir);
    const threaded = await openDataDirAsOwner(dir, { thread: true });
    try {
      await sameAsUnnamed(threaded.db);
      // More at once than the server has connections: every connection prepares the same statement.
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => threaded.db.query('SELECT $1::int * 2 AS n', [i], 'named_double')));
      expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => [{ n: i * 2 }]));
    } finally {
      await threaded.db.close();
    }
  });
});
