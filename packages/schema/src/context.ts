import type { AuditLog } from './audit/log';
import type { Viewer } from './auth/viewer';
import type { PrismaClient } from './generated/prisma/client';

/** What every resolver knows about the request. */
export interface Context {
  prisma: PrismaClient;
  /**
   * Reads through the database's driver beside Prisma, outside any transaction: for planned reads,
   * whose rows are ids or JSON text (planner/). Unset: planned reads are off and Prisma reads all.
   */
  sql?: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  /**
   * The same database, whose `count()` answers PostgreSQL's estimate of the rows instead of counting
   * them (common/counting.ts); unset: counts are exact.
   */
  estimator?: PrismaClient;
  /** The request's clock; opportunities expire and business ages are computed against it. */
  now: Date;
  viewer: Viewer;
  /**
   * The caller as its credential stands now (authenticated again), or null once the credential is
   * revoked, expired or no longer recognised. A long-lived subscription asks it before each event
   * instead of trusting the viewer it started with. Unset: the viewer holds for the whole operation.
   */
  session?: () => Promise<Viewer | null>;
  /** Aborts when the caller hangs up (the HTTP response or the WebSocket operation ends): a live feed stops waiting then. */
  signal?: AbortSignal;
  /** What this request disclosed or changed, written when execution is done. */
  audit: AuditLog;
  /** Tells subscribers of every API process that events committed; unset: they poll. */
  push?: PushChannel;
  /** The server key webhook signing secrets are sealed with (domain/push/seal.ts); unset: stored in clear. */
  webhookKey?: Buffer;
}

/** The fan-out of "new events committed" (Redis pub/sub, or in-process); the outbox holds the events. */
export interface PushChannel {
  announce(): void;
  wakeups(): AsyncIterable<unknown>;
  /** How often a subscriber reads the outbox when no announcement comes (events written elsewhere). */
  pollMs: number;
}
