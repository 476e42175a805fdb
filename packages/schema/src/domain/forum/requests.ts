import type { MeetingRequestStatus, PairingRule } from '../../generated/prisma/enums';
import { type Problem, problem } from '../problems';

/**
 * Meeting requests between forum participants.
 *
 * EXPIRED is derived, never needed in storage for correctness: a request stored PENDING whose
 * expiresAt has come is EXPIRED at the moment it is read (expiresAt is the first expired
 * instant). So no scheduled job has to flip rows, an expired request can never be accepted, and
 * pending requests never hold a slot: only an accepted request books one.
 */
export type StoredRequestStatus = MeetingRequestStatus;

export const REQUEST_TTL_HOURS_MIN = 1;
/** Two weeks: a forum's organisers want answers long before the day. */
export const REQUEST_TTL_HOURS_MAX = 336;
export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 5;
export const MESSAGE_MAX = 1000;

export function hasExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}

/** The status people see: a PENDING request past its expiry is EXPIRED. */
export function requestStatus(request: { status: StoredRequestStatus; expiresAt: Date }, now: Date): StoredRequestStatus {
  return request.status === 'PENDING' && hasExpired(request.expiresAt, now) ? 'EXPIRED' : request.status;
}

/**
 * When a request made now lapses: `ttlHours` later, but never after the last meeting slot of the
 * forum begins (after that no answer can turn into a meeting).
 */
export function requestExpiry(now: Date, ttlHours: number, lastSlotStartsAt: Date | null): Date {
  const byTtl = now.getTime() + ttlHours * 3_600_000;
  return new Date(lastSlotStartsAt ? Math.min(byTtl, lastSlotStartsAt.getTime()) : byTtl);
}

export function ttlProblems(hours: number | null | undefined, field: string[]): Problem[] {
  if (hours === null || hours === undefined) return [];
  return Number.isInteger(hours) && hours >= REQUEST_TTL_HOURS_MIN && hours <= REQUEST_TTL_HOURS_MAX
    ? []
    : [problem('INVALID_VALUE', field, `requestTtlHours must be a whole number from ${REQUEST_TTL_HOURS_MIN} to ${REQUEST_TTL_HOURS_MAX} (two weeks).`)];
}

export function priorityProblems(priority: number, field: string[]): Problem[] {
  return Number.isInteger(priority) && priority >= PRIORITY_MIN && priority <= PRIORITY_MAX
    ? []
    : [problem('INVALID_VALUE', field, `priority is 1 (nice to meet) to 5 (must meet).`)];
}

/** Who may meet whom at a forum (the generated enum). */
export type { PairingRule };

export interface PairingSide {
  id: string;
  /** An IKM (enterprise) or a partner organisation (buyer, supplier, distributor, funder). */
  side: 'ENTERPRISE' | 'PARTNER';
  name: string;
}

/**
 * Whether `from` may ask `to` for a meeting. Nobody meets themselves; under ENTERPRISE_PARTNER_ONLY
 * (the usual Temu Bisnis format) every meeting pairs an IKM with a partner; under ANY also IKM
 * with IKM (e.g. subcontracting) and partner with partner.
 */
export function pairingProblems(from: PairingSide, to: PairingSide, rule: PairingRule, field: string[]): Problem[] {
  if (from.id === to.id) return [problem('PAIRING_NOT_ALLOWED', field, 'A participant cannot request a meeting with itself.')];
  if (rule === 'ENTERPRISE_PARTNER_ONLY' && from.side === to.side) {
    const both = from.side === 'ENTERPRISE' ? 'two IKM' : 'two partner organisations';
    return [
      problem(
        'PAIRING_NOT_ALLOWED',
        field,
        `This forum pairs IKM with partners only (pairing rule ENTERPRISE_PARTNER_ONLY); ${from.name} and ${to.name} are ${both}.`,
      ),
    ];
  }
  return [];
}

/**
 * A new request between two participants that already have one. At most one request per
 * direction exists (a database key); the other direction counts too, so that the two never end
 * up with two meetings. A live request (pending and unexpired, or accepted) blocks a new one; a
 * declined one stays declined; an expired or cancelled one in the same direction may be renewed.
 */
export function existingRequestProblem(
  existing: { status: StoredRequestStatus; expiresAt: Date; sameDirection: boolean } | null,
  now: Date,
  field: string[],
): { problem: Problem | null; renew: boolean } {
  if (!existing) return { problem: null, renew: false };
  const status = requestStatus(existing, now);
  if (status === 'PENDING') return { problem: problem('ALREADY_REQUESTED', field, 'A request between these two participants is already waiting for an answer.'), renew: false };
  if (status === 'ACCEPTED') return { problem: problem('ALREADY_REQUESTED', field, 'These two participants already have an accepted meeting request.'), renew: false };
  if (status === 'DECLINED') {
    return {
      problem: problem(
        'ALREADY_REQUESTED',
        field,
        existing.sameDirection ? 'This request was declined; it cannot be sent again.' : 'This participant declined a request from you at this forum.',
      ),
      renew: false,
    };
  }
  // EXPIRED or CANCELLED: the same direction is renewed in place, the other direction is a new row.
  return { problem: null, renew: existing.sameDirection };
}
