import type { Database } from '../../src/db/connection';

export type Fingerprint = Record<string, { rows: number; md5: string }>;

/**
 * Row count and a hash of the contents of every table, to prove that a request changed nothing:
 * equal fingerprints before and after mean no row was added, removed or altered.
 */
export async function fingerprint(db: Database): Promise<Fingerprint> {
  const tables = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const result: Fingerprint = {};
  for (const { name } of tables) {
    const [row] = await db.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
    );
    result[name] = row!;
  }
  return result;
}
