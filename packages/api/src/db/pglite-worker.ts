import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { serveOverSocket } from './socket-server';

/**
 * The body of the PGlite worker thread (pglite-thread.ts starts it): opens the data folder and
 * serves it on the folder's Unix socket, so that SQL (which runs synchronously inside PGlite's
 * WebAssembly) never blocks the API server's event loop. The parent connects with pg like any
 * other client of the socket; it sends any message to stop the worker.
 */
export interface PGliteWorkerData {
  dataDir: string;
  socket: string;
}

/** No top-level await: the worker loads this file as CommonJS (pglite-thread.ts says why). */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pglite-worker.ts runs only as a worker thread.');
  const { dataDir, socket } = workerData as PGliteWorkerData;
  const pglite = await PGlite.create({ dataDir });
  const server = await serveOverSocket(pglite, socket);
  port.once('message', async () => {
    await server.stop();
    await pglite.close();
    port.close();
  });
  port.postMessage('ready');
}

void main();
