import type { OpportunityStatus as PrismaOpportunityStatus } from '../generated/prisma/enums';
/**
 * The status of a marketplace opportunity as people see it.
 *
 * The database stores OPEN, CLOSED or FULFILLED. EXPIRED is never stored: an opportunity whose stored
 * status is OPEN and whose validUntil lies before the clock is expired, at the moment it is read. So
 * no scheduled job has to flip rows, and every read, filter and count agrees with the clock of the
 * request.
 *
 * validUntil is the last instant the opportunity is open: at exactly validUntil it is still OPEN, one
 * millisecond later it is EXPIRED. The SQL translation in the opportunity module uses the same
 * boundary (EXPIRED: validUntil < now; OPEN: validUntil >= now).
 *
 * An opportunity whose validFrom lies in the future is OPEN (it is published and can be answered)
 * but not yet active: `isOpportunityActive` says whether it is in its validity window now.
 */
export type StoredOpportunityStatus = PrismaOpportunityStatus;
export type OpportunityStatus = StoredOpportunityStatus | 'EXPIRED';

export interface OpportunityTiming {
  status: StoredOpportunityStatus;
  validFrom: Date;
  validUntil: Date;
}

/** True when a stored-OPEN opportunity's validity ended before `now`. */
export function hasLapsed(validUntil: Date, now: Date): boolean {
  return validUntil.getTime() < now.getTime();
}

/** The status to show: the stored one, except that a lapsed OPEN opportunity is EXPIRED. */
export function opportunityStatus(
  opportunity: Pick<OpportunityTiming, 'status' | 'validUntil'>,
  now: Date,
): OpportunityStatus {
  return opportunity.status === 'OPEN' && hasLapsed(opportunity.validUntil, now) ? 'EXPIRED' : opportunity.status;
}

/** OPEN and inside its validity window [validFrom, validUntil], both ends included. */
export function isOpportunityActive(opportunity: OpportunityTiming, now: Date): boolean {
  return opportunityStatus(opportunity, now) === 'OPEN' && opportunity.validFrom.getTime() <= now.getTime();
}
