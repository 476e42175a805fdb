import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDataDirAsOwner } from '../src/db/data-dir';
import { restoreDataFolder } from './support/database';
import { scratchFolder } from './support/scratch';

/**
 * The server's embedded database in a worker thread (issue 13, goal 4): while PGlite works, the
 * server's event loop keeps running (HTTP, /healthz), which it cannot when PGlite runs on it.
 * (The embedded database only: it runs in the PGlite half of the suite.)
 */

/** A statement that keeps PGlite busy for half a second or more. */
const SLOW = 'SELECT count(*)::int AS n FROM generate_series(1, 2000000)';

/** The longest the event loop was kept from a 10 ms timer while fn ran, and fn's duration. */
async function loopStall(fn: () => Promise<unknown>): Promise<{ stall: number; took: number }> {
  let stall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 10);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  // A loop blocked until fn ended never ran the timer at all.
  stall = Math.max(stall, performance.now() - last - 10);
  return { stall, took: performance.now() - started };
}

describe('the embedded database of the server', () => {
  const scratch = scratchFolder('temu-thread-');
  // One folder for the file, restored from the run's migrated snapshot (initdb takes seconds).
  let dir = '';
  beforeAll(async () => {
    dir = join(scratch(), 'db');
    await restoreDataFolder('empty', dir);
  });

  it('on the event loop, stalls it while a statement runs', { timeout: 120_000 }, async () => {
    const inline = await openDataDirAsOwner(dir);
    try {
      await inline.db.query('CREATE TABLE kept (v int)');
      await inline.db.query('INSERT INTO kept VALUES (7)');
      const { stall, took } = await loopStall(() => inline.db.query(SLOW));
      console.log(`event loop: statement ${took.toFixed(0)} ms, longest event-loop stall ${stall.toFixed(0)} ms`);
      expect(stall).toBeGreaterThan(took / 2);
    } finally {
      await inline.db.close();
    }
  });

  it('in a worker thread, leaves the event loop free while a statement runs, on the same data', { timeout: 120_000 }, async () => {
    const threaded = await openDataDirAsOwner(dir, { thread: true });
    try {
      expect(await threaded.db.query('SELECT v FROM kept')).toEqual([{ v: 7 }]);
      const { stall, took } = await loopStall(() => threaded.db.query(SLOW));
      console.log(`worker thread: statement ${took.toFixed(0)} ms, longest event-loop stall ${stall.toFixed(0)} ms`);
      expect(took).toBeGreaterThan(300);
      expect(stall).toBeLessThan(took / 3);
      await threaded.db.query('INSERT INTO kept VALUES (8)');

      // /healthz's ping waits for the statement running, not for the others queued on the socket:
      // through the socket it would finish after all three.
      const finished: string[] = [];
      const queued = [1, 2, 3].map((n) => threaded.db.query(SLOW).then(() => finished.push(`statement ${n}`)));
      // Statement 1 is running by then. A timer can fire late on a loaded machine, after statement 1
      // finished: the ping then waits for the one running at the time it is sent, never for those queued.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const doneBeforePing = finished.length;
      const pinged = performance.now();
      await threaded.db.ping();
      finished.push('ping');
      console.log(`ping behind three queued statements of ${took.toFixed(0)} ms each (${doneBeforePing} done when sent): ${(performance.now() - pinged).toFixed(0)} ms`);
      await Promise.all(queued);
      expect(finished.indexOf('ping')).toBeLessThanOrEqual(doneBeforePing + 1);
    } finally {
      await threaded.db.close();
    }
    // Closed, it gave the folder up, its writes kept: another owner opens it.
    const reopened = await openDataDirAsOwner(dir, { thread: true });
    try {
      expect(await reopened.db.query('SELECT v FROM kept ORDER BY v')).toEqual([{ v: 7 }, { v: 8 }]);
    } finally {
      await reopened.db.close();
    }
  });
});
