import type { Tx } from '../../../schema/src/common/mutation';
import type { Database } from '../../src/db/connection';

/**
 * Runs `first` in a transaction left open, then `second` in another; the first commits once the
 * second has committed or waits for a lock (a row the first holds), and the second commits after it.
 * PostgreSQL only: PGlite runs one transaction at a time.
 */
export async function concurrently(db: Database, first: (tx: Tx) => Promise<unknown>, second: (tx: Tx) => Promise<unknown>) {
  const prisma = db.prisma;
  let wrote!: () => void;
  let commit!: () => void;
  const written = new Promise<void>((resolve) => (wrote = resolve));
  const committing = new Promise<void>((resolve) => (commit = resolve));
  const one = prisma.$transaction(
    async (tx) => {
      await first(tx);
      wrote();
      await committing;
    },
    { timeout: 30_000 },
  );
  await Promise.race([written, one]);
  let done = false;
  const two = prisma.$transaction((tx) => second(tx), { timeout: 30_000 }).finally(() => (done = true));
  for (let waiting = false; !done && !waiting; await new Promise((r) => setTimeout(r, 20))) {
    const [row] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    waiting = row!.n > 0;
  }
  commit();
  await Promise.all([one, two]);
}
