import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/**
 * A worker thread running a TypeScript file. On Node 20, tsx's ES module hooks (`pnpm start` runs
 * under tsx) do not reach worker threads, so the worker loads the file through tsx's CommonJS
 * require: no top-level await in it.
 */
export function typescriptWorker(file: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).require(${JSON.stringify(fileURLToPath(file))}, __filename);`;
  return new Worker(boot, { execArgv: [], ...options, eval: true });
}
