import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { serveOverSocket } from './socket-server';

/**
 * The body of the PGlite worker thread (pglite-thread.ts starts it): opens the data folder and
 * serves it on the folder's Unix socket, so that SQL (which runs synchronously inside PGlite's
 * WebAssembly) never blocks the API server's event loop. The parent connects with pg like any
 * other client of the socket, and talks to the worker itself for what must not queue behind them.
 */
export interface PGliteWorkerData {
  dataDir: string;
  socket: string;
}

/** What the parent asks: a health ping, answered with its id, or to stop. */
export type PGliteWorkerRequest = { type: 'ping'; id: number } | { type: 'stop' };
export type PGliteWorkerReply = { type: 'ready' } | { type: 'pong'; id: number; error?: string };

/** No top-level await: the worker loads this file as CommonJS (pglite-thread.ts says why). */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pglite-worker.ts runs only as a worker thread.');
  const { dataDir, socket } = workerData as PGliteWorkerData;
  const pglite = await PGlite.create({ dataDir });
  const server = await serveOverSocket(pglite, socket);
  const reply = (message: PGliteWorkerReply) => port.postMessage(message);
  port.on('message', async (request: PGliteWorkerRequest) => {
    if (request.type === 'ping') {
      // Straight to PGlite, not through the socket's queue of every client's messages: it waits for
      // the exchange running (PGlite's transaction lock), not for all those queued behind it.
      await pglite.query('SELECT 1').then(
        () => reply({ type: 'pong', id: request.id }),
        (error: unknown) => reply({ type: 'pong', id: request.id, error: String(error) }),
      );
      return;
    }
    port.removeAllListeners('message');
    await server.stop();
    await pglite.close();
    port.close();
  });
  reply({ type: 'ready' });
}

void main();
