import type { CreditFacilityKind, CurrentCredit } from '../../generated/prisma/enums';
import { problem, type Problem } from '../problems';

export type Facility = { kind: CreditFacilityKind; startsOn: Date | null; endsOn: Date | null };

/**
 * The readiness rule NO_CURRENT_COMMERCIAL_CREDIT (Permenko Perekonomian 1/2026: only KUR at the
 * same Penyalur KUR and the consumer credits it lists may run alongside KUR) reads one value. A
 * cooperative, fintech or other productive loan is not on that list, so it counts as commercial
 * productive credit; the strongest bar wins: commercial, then KUR, then consumer.
 */
const RANK: Record<CreditFacilityKind, CurrentCredit> = {
  COMMERCIAL: 'COMMERCIAL_PRODUCTIVE',
  COOPERATIVE: 'COMMERCIAL_PRODUCTIVE',
  FINTECH: 'COMMERCIAL_PRODUCTIVE',
  OTHER: 'COMMERCIAL_PRODUCTIVE',
  KUR: 'KUR',
  CONSUMER: 'CONSUMER',
};
const ORDER: readonly CurrentCredit[] = ['COMMERCIAL_PRODUCTIVE', 'KUR', 'CONSUMER'];

/** A facility runs on `today` when it has started (or has no start on record) and has not ended. */
export function isRunning(f: Facility, today: Date): boolean {
  return (f.startsOn === null || f.startsOn <= today) && (f.endsOn === null || f.endsOn >= today);
}

/** The single current-credit value of the facilities running on `today` (UTC midnight of the Semarang date). */
export function currentCreditOf(facilities: readonly Facility[], today: Date): CurrentCredit {
  const running = new Set(facilities.filter((f) => isRunning(f, today)).map((f) => RANK[f.kind]));
  return ORDER.find((c) => running.has(c)) ?? 'NONE';
}

/** A facility ends on or after its start. Field paths are below `input`. */
export function facilityProblems(input: { startsOn: Date | null; endsOn: Date | null }): Problem[] {
  return input.startsOn && input.endsOn && input.endsOn < input.startsOn
    ? [problem('INVALID_RANGE', ['endsOn'], 'A facility cannot end before it starts.')]
    : [];
}
