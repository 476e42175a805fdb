import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Database, openSharedPGlite, withClose } from './connection';
import type { PGliteWorkerData } from './pglite-worker';

/**
 * The worker's source is TypeScript. On Node 20, tsx's ES module hooks (`pnpm start` runs under
 * tsx) do not reach worker threads, so the worker loads it through tsx's CommonJS require.
 */
const require = createRequire(import.meta.url);
const WORKER_BOOT = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).require(${JSON.stringify(
  fileURLToPath(new URL('./pglite-worker.ts', import.meta.url)),
)}, __filename);`;

/**
 * The owner's PGlite in a worker thread, reached over the Unix socket on which it is also shared
 * with CLI commands. PGlite runs each statement synchronously: on the server's own thread, 50
 * concurrent page loads left `/healthz` waiting seconds behind them (issue 13). Here the event loop
 * only does HTTP and GraphQL, and /healthz has a connection of its own, so it waits for at most
 * the one statement running, not for the queue of every request.
 */
export async function openPGliteThread(dataDir: string, socket: string): Promise<Database> {
  const worker = new Worker(WORKER_BOOT, {
    eval: true,
    workerData: { dataDir, socket } satisfies PGliteWorkerData,
    execArgv: [],
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The PGlite worker exited with ${code} before it was ready.`)));
  });
  worker.removeAllListeners();
  const stopWorker = async () => {
    const stopped = new Promise((resolve) => worker.once('exit', resolve));
    worker.once('error', () => {});
    worker.postMessage('stop');
    await stopped;
  };
  const where = { host: dirname(socket), port: Number(socket.split('.').pop()) };
  let db: Database;
  try {
    db = await openSharedPGlite(where, { server: true });
  } catch (error) {
    await stopWorker();
    throw error;
  }
  return withClose(db, async (closeDatabase) => {
    await closeDatabase();
    await stopWorker();
  });
}
