import { dirname } from 'node:path';
import { typescriptWorker } from '@temu-bisnis/schema/common/typescript-worker';
import { type Database, openSharedPGlite, withClose } from './connection';
import type { PGliteWorkerData, PGliteWorkerReply, PGliteWorkerRequest } from './pglite-worker';

/**
 * The owner's PGlite in a worker thread, reached over the Unix socket on which it is also shared
 * with CLI commands. PGlite runs each statement synchronously: on the server's own thread, 50
 * concurrent page loads left `/healthz` waiting seconds behind them (issue 13). Here the event loop
 * only does HTTP and GraphQL, and /healthz asks the worker itself, so it waits for at most the one
 * statement running, not for the queue of every request.
 */
export async function openPGliteThread(dataDir: string, socket: string): Promise<Database> {
  const worker = typescriptWorker(new URL('./pglite-worker.ts', import.meta.url), { workerData: { dataDir, socket } satisfies PGliteWorkerData });
  const pings = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextPing = 0;
  let started: { resolve: () => void; reject: (error: Error) => void } | undefined;
  // Listeners are added and removed one by one: removeAllListeners() would also drop the ones the
  // Worker keeps to start its message port, and no later message would arrive.
  worker.on('message', (reply: PGliteWorkerReply) => {
    if (reply.type === 'ready') return started?.resolve();
    const waiting = pings.get(reply.id);
    pings.delete(reply.id);
    if (reply.error === undefined) waiting?.resolve();
    else waiting?.reject(new Error(reply.error));
  });
  const stopped = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      started?.reject(new Error(`The PGlite worker exited with ${code} before it was ready.`));
      for (const waiting of pings.values()) waiting.reject(new Error('The PGlite worker has stopped.'));
      pings.clear();
      resolve();
    }),
  );
  const failedToStart = (error: Error) => started?.reject(error);
  worker.once('error', failedToStart);
  await new Promise<void>((resolve, reject) => {
    started = { resolve, reject };
  });
  started = undefined;
  worker.off('error', failedToStart);
  const send = (request: PGliteWorkerRequest) => worker.postMessage(request);
  const stopWorker = async () => {
    worker.once('error', () => {});
    send({ type: 'stop' });
    await stopped;
  };
  // /healthz asks the worker, which runs its SELECT 1 next, after the statement running: through
  // the socket it would wait for every request's queued statement (issue 13, goal 4).
  const ping = () =>
    new Promise<void>((resolve, reject) => {
      const id = nextPing++;
      pings.set(id, { resolve, reject });
      send({ type: 'ping', id });
    });
  const where = { host: dirname(socket), port: Number(socket.split('.').pop()) };
  let db: Database;
  try {
    db = await openSharedPGlite(where, { server: true });
  } catch (error) {
    await stopWorker();
    throw error;
  }
  const threaded = withClose(db, async (closeDatabase) => {
    await closeDatabase();
    await stopWorker();
  });
  threaded.ping = ping;
  return threaded;
}
