import type { ConsortiumRequestInput } from '../domain/consortium/allocate';
import { semarangToday } from '../enterprise/size';
import type { CertificationKind } from '../generated/prisma/enums';

/**
 * What the allocation reads of a buy request, for consortiumOfferPropose and consortiumCandidates
 * alike (issue 19: "quantity, unit, period, quality/certification needs").
 *
 * Period: a buy request states its quantity a month. The Opportunity model has no delivery period
 * of its own (validFrom–validUntil is when it is open for answers: 13 to 300 days in the seed),
 * and buy requests are monthly volumes (the seed's "Kebutuhan rutin …: 2.000 pcs per bulan", a
 * partner's monthly volume in seed/opportunities.ts; issue 19's "20,000 batik masks a month"), so
 * `months` is 1 and the quantity is compared with monthly capacity as it is. A request that
 * states a total for several months would pass its months here (allocate.ts divides).
 *
 * Certificates: they must not have expired by the first day of delivery, the later of today and
 * the day the request opens (calendar days in Asia/Jakarta, as matching reads them).
 */
export function allocationRequestOf(
  request: { quantity: number; validFrom: Date; requiredCertifications: readonly CertificationKind[] },
  preferredCertifications: readonly CertificationKind[],
  now: Date,
): ConsortiumRequestInput {
  return {
    quantity: request.quantity,
    months: 1,
    deliveryStarts: semarangToday(new Date(Math.max(request.validFrom.getTime(), now.getTime()))),
    requiredCertifications: request.requiredCertifications,
    preferredCertifications,
  };
}
