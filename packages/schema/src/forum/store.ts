import type { UserError } from '../common/user-errors';
import type { ForumStatus } from '../domain/forum';
import type { Problem } from '../domain/problems';
import { Prisma } from '../generated/prisma/client';

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/**
 * Interactive transactions of this module. PGlite runs one transaction at a time and PostgreSQL
 * queues writers on row locks, so a burst of requests waits its turn: maxWait covers the queue,
 * timeout one transaction; both stay below the server's 10 s execution timeout.
 */
export const TX_OPTIONS = { maxWait: 9_000, timeout: 9_000 } as const;

/** Thrown inside a transaction to roll it back and answer user errors instead. */
export class Refused extends Error {
  constructor(readonly errors: UserError[]) {
    super('refused');
    this.name = 'Refused';
  }
}

/** Domain problems as user errors under `input`. */
export function toUserErrors(problems: readonly Problem[]): UserError[] {
  return problems.map((p) => ({ ...p, field: ['input', ...p.field] }));
}

export function refuseIf(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new Refused(toUserErrors(problems));
}

export interface LockedForum {
  id: string;
  status: ForumStatus;
  date: Date;
  timeZone: string;
  pairingRule: 'ENTERPRISE_PARTNER_ONLY' | 'ANY';
  requestTtlHours: number;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
}

/**
 * Locks the forum row. SHARE: many bookings at once, but no status change or schedule save
 * under them; UPDATE: one status change or schedule save, alone. On PGlite (one connection,
 * one transaction at a time) the lock is a no-op that costs nothing.
 */
export async function lockForum(tx: Tx, id: string, mode: 'SHARE' | 'UPDATE'): Promise<LockedForum | null> {
  const rows =
    mode === 'SHARE'
      ? await tx.$queryRaw<LockedForum[]>`
          SELECT id::text AS id, status::text AS status, date, "timeZone", "pairingRule"::text AS "pairingRule", "requestTtlHours",
                 "registrationOpensAt", "registrationClosesAt"
          FROM "MatchmakingSession" WHERE id = ${id}::uuid FOR SHARE`
      : await tx.$queryRaw<LockedForum[]>`
          SELECT id::text AS id, status::text AS status, date, "timeZone", "pairingRule"::text AS "pairingRule", "requestTtlHours",
                 "registrationOpensAt", "registrationClosesAt"
          FROM "MatchmakingSession" WHERE id = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/** Locks participants in id order (every transaction takes them in the same order: no deadlock). */
export async function lockParticipants(tx: Tx, ids: readonly string[]): Promise<{ id: string; meetingCap: number | null }[]> {
  const sorted = [...new Set(ids)].sort();
  return tx.$queryRaw<{ id: string; meetingCap: number | null }[]>`
    SELECT id::text AS id, "meetingCap" FROM "ForumParticipant"
    WHERE id = ANY(${sorted}::uuid[]) ORDER BY id FOR UPDATE`;
}

/** True for a unique-constraint violation (P2002), as a racing insert raises. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
