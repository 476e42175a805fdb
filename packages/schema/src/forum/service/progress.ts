/**
 * Progress of an organiser's long operations (a roster import, a schedule run), per forum, for a
 * client to poll (query forumProgress) while its mutation runs. Kept in this server process's
 * memory: a poll answers from the process that runs the operation, which is the only one that
 * knows; several API processes behind a load balancer would each answer for their own runs.
 */
export type ForumOperation = 'IMPORT' | 'SCHEDULE';

export interface ForumProgress {
  operation: ForumOperation;
  /** What it is doing now, e.g. "checking rows", "EXACT". */
  phase: string;
  done: number;
  total: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

const byForum = new Map<string, ForumProgress>();

/** Starts (or restarts) the forum's record and returns the function that moves it on. */
export function trackProgress(forumId: string, operation: ForumOperation, total: number) {
  const startedAt = new Date();
  byForum.set(forumId, { operation, phase: 'starting', done: 0, total, startedAt, updatedAt: startedAt, finishedAt: null });
  return {
    step(phase: string, done: number, newTotal = total) {
      const current = byForum.get(forumId);
      if (current?.startedAt === startedAt) Object.assign(current, { phase, done, total: newTotal, updatedAt: new Date() });
    },
    finish(phase: string) {
      const current = byForum.get(forumId);
      if (current?.startedAt === startedAt) Object.assign(current, { phase, done: current.total, updatedAt: new Date(), finishedAt: new Date() });
    },
  };
}

export function progressOf(forumId: string): ForumProgress | null {
  return byForum.get(forumId) ?? null;
}
