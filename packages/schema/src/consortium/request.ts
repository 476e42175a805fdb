import type { ConsortiumRequestInput } from '../domain/consortium/allocate';
import { semarangToday } from '../enterprise/size';
import type { CertificationKind } from '../generated/prisma/enums';

/**
 * What the allocation reads of a buy request, for consortiumOfferPropose and consortiumCandidates
 * alike (issue 19: "quantity, unit, period, quality/certification needs").
 *
 * Period: a buy request's quantity is a total over `deliveryMonths` months when it states them
 * (allocate.ts compares ceil(quantity / months) with monthly capacity), and a monthly volume when
 * it does not (null: the seed's "Kebutuhan rutin …: 2.000 pcs per bulan"; issue 19's "20,000 batik
 * masks a month"). validFrom–validUntil is when it is open for answers, not the delivery period.
 *
 * Certificates: they must not have expired by the first day of delivery, the later of today and
 * the day the request opens (calendar days in Asia/Jakarta, as matching reads them).
 */
export function allocationRequestOf(
  request: { quantity: number; deliveryMonths: number | null; validFrom: Date; requiredCertifications: readonly CertificationKind[] },
  preferredCertifications: readonly CertificationKind[],
  now: Date,
): ConsortiumRequestInput {
  return {
    quantity: request.quantity,
    months: request.deliveryMonths ?? 1,
    deliveryStarts: semarangToday(new Date(Math.max(request.validFrom.getTime(), now.getTime()))),
    requiredCertifications: request.requiredCertifications,
    preferredCertifications,
  };
}
