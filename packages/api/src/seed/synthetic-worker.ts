import { parentPort, workerData } from 'node:worker_threads';
import { enterpriseBatch, type Reference } from './synthetic-enterprises';

/**
 * The body of the thread that draws synthetic IKM (synthetic.ts starts it): a batch of rows per
 * message, in order, then null. The load asks for the next batch as it starts writing one, so the
 * rows are drawn on one core while the database writes on the other.
 */
export interface GeneratorData {
  ref: Reference;
  first: number;
  last: number;
  batchSize: number;
}

const port = parentPort;
if (!port) throw new Error('synthetic-worker.ts runs only as a worker thread.');
const { ref, first, last, batchSize } = workerData as GeneratorData;
let from = first;
port.on('message', () => {
  if (from > last) return port.postMessage(null);
  const to = Math.min(last, from + batchSize - 1);
  const tables = enterpriseBatch(from, to, ref);
  // The rows' buffers move to the loading thread, not copied.
  port.postMessage({ to, tables }, Object.values(tables).map((lines) => lines.bytes.buffer));
  from = to + 1;
});
