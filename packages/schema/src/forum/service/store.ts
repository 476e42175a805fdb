import type { Tx } from '../../common/mutation';
import type { ForumStatus } from '../../domain/forum';

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
