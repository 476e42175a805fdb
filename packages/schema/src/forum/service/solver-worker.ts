import { parentPort } from 'node:worker_threads';
import { greedyBaseline, type ScheduleOptions, type ScheduleProgress, type ScheduleResult, type SchedulingInstance, schedule } from '../../domain/scheduling';

/**
 * The body of a scheduler thread (solver-thread.ts starts it): solves one instance per message,
 * posting the phases as they begin and then the result, with the first-come yardstick beside it.
 * It keeps no state between jobs but HiGHS's compiled runtime.
 */
export interface SolveJob {
  instance: SchedulingInstance;
  options: Omit<ScheduleOptions, 'onProgress'>;
  /** Date.now() when the job was sent: a thread's start (about a second, cold) comes out of the budget. */
  sentAt: number;
}

export type SolverMessage =
  | { kind: 'progress'; progress: ScheduleProgress }
  | { kind: 'done'; result: ScheduleResult; baselineMeetings: number }
  | { kind: 'failed'; name: string; message: string };

const port = parentPort;
if (!port) throw new Error('solver-worker.ts runs only as a worker thread.');
port.on('message', async ({ instance, options, sentAt }: SolveJob) => {
  const send = (message: SolverMessage) => port.postMessage(message);
  const timeLimitMs = options.timeLimitMs === undefined ? undefined : Math.max(0, options.timeLimitMs - (Date.now() - sentAt));
  try {
    const result = await schedule(instance, { ...options, timeLimitMs, onProgress: (progress) => send({ kind: 'progress', progress }) });
    send({ kind: 'done', result, baselineMeetings: greedyBaseline(instance).assignments.length });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    send({ kind: 'failed', name, message });
  }
});
