import { randomUUID } from 'node:crypto';
import type { ForumProgress, PrismaClient } from '../../generated/prisma/client';
import type { ForumOperation } from '../../generated/prisma/enums';

/**
 * Progress of an organiser's long operations (a roster import, a schedule run), per forum, for a
 * client to poll (query forumProgress) while its mutation runs. Kept in a database row, so that a
 * poll answered by another API process behind the load balancer sees it too.
 *
 * Written outside the operation's transaction (on the client, not `tx`), or a poll would see
 * nothing before the commit; the writes are queued, never awaited inside a transaction (PGlite
 * has one session: a write waiting for the transaction it runs in would wait for ever), and a
 * failed write is dropped: progress is a courtesy and never fails the operation it describes.
 */
export type { ForumProgress };

type Change = Partial<Pick<ForumProgress, 'phase' | 'done' | 'total' | 'finishedAt'>>;

/** Starts (or restarts) the forum's record and returns the functions that move it on. */
export function trackProgress(prisma: PrismaClient, forumId: string, operation: ForumOperation, total: number) {
  const runId = randomUUID();
  const startedAt = new Date();
  const row = { runId, operation, phase: 'starting', done: 0, total, startedAt, updatedAt: startedAt, finishedAt: null };
  let queued: Change | null = null;
  let chain: Promise<unknown> = prisma.forumProgress
    .upsert({ where: { sessionId: forumId }, create: { sessionId: forumId, ...row }, update: row })
    .catch(() => undefined);
  // Changes that pile up while a write is on its way are merged into one write: the newest wins.
  const push = (change: Change) => {
    if (queued) {
      Object.assign(queued, change);
      return;
    }
    queued = { ...change };
    chain = chain.then(() => {
      const data = { ...queued!, updatedAt: new Date() };
      queued = null;
      return prisma.forumProgress.updateMany({ where: { sessionId: forumId, runId }, data }).catch(() => undefined);
    });
  };
  let current = total;
  let finished = false;
  return {
    step(phase: string, done: number, newTotal = current) {
      current = newTotal;
      push({ phase, done, total: newTotal });
    },
    /** Moves `done` on within the phase; nothing once finished. */
    tick(done: number) {
      if (!finished) push({ done: Math.min(done, current) });
    },
    finish(phase: string) {
      finished = true;
      push({ phase, done: current, finishedAt: new Date() });
    },
    /** Resolves once every write so far has landed (after the transaction, never inside it). */
    settled: async () => {
      await chain;
    },
  };
}

export function progressOf(prisma: PrismaClient, forumId: string): Promise<ForumProgress | null> {
  return prisma.forumProgress.findUnique({ where: { sessionId: forumId } });
}
