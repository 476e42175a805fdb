import type { Worker } from 'node:worker_threads';
import { typescriptWorker } from '../../common/typescript-worker';
import type { ScheduleOptions, ScheduleResult, SchedulingInstance } from '../../domain/scheduling';
import type { SolveJob, SolverMessage } from './solver-worker';

/**
 * The scheduler off the event loop. The heuristic and HiGHS (WebAssembly) run synchronously for
 * up to the whole budget (4.5 s); on the server's thread every other request, /healthz and the
 * forumProgress poll included, waited for them. Here they run in worker threads, one job at a
 * time each: an idle thread is reused (HiGHS compiles once per thread) and does not keep the
 * process alive; a second run while one is busy gets a thread of its own.
 */

const idle: Worker[] = [];

export interface ThreadSolution {
  result: ScheduleResult;
  /** Meetings first-come scheduling would place (the yardstick). */
  baselineMeetings: number;
}

/** schedule() of the domain in a worker thread, with the same options; rejects as it would throw. */
export function scheduleInThread(instance: SchedulingInstance, { onProgress, ...options }: ScheduleOptions): Promise<ThreadSolution> {
  const worker = idle.pop() ?? typescriptWorker(new URL('./solver-worker.ts', import.meta.url));
  worker.ref();
  return new Promise<ThreadSolution>((resolve, reject) => {
    const finish = (settle: () => void, reuse: boolean) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reuse) {
        worker.unref();
        idle.push(worker);
      } else void worker.terminate();
      settle();
    };
    const onMessage = (message: SolverMessage) => {
      if (message.kind === 'progress') onProgress?.(message.progress);
      else if (message.kind === 'done') finish(() => resolve({ result: message.result, baselineMeetings: message.baselineMeetings }), true);
      else finish(() => reject(Object.assign(new Error(message.message), { name: message.name })), true);
    };
    const onError = (error: Error) => finish(() => reject(error), false);
    const onExit = (code: number) => finish(() => reject(new Error(`The scheduler thread stopped (exit code ${code}).`)), false);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ instance, options, sentAt: Date.now() } satisfies SolveJob);
  });
}
