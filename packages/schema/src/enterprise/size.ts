import { sizeClass, type SizeClassResult } from '../domain/size-class';

/** The UTC-midnight date of "today" in Semarang (WIB, UTC+7), the way `@db.Date` columns are read. */
export function semarangToday(now: Date): Date {
  const wib = new Date(now.getTime() + 7 * 60 * 60 * 1000);
  return new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate()));
}

const CLASS_NAME = {
  MICRO: 'a micro enterprise (usaha mikro)',
  SMALL: 'a small enterprise (usaha kecil)',
  MEDIUM: 'a medium enterprise (usaha menengah)',
  LARGE: 'a large enterprise (usaha besar), not an IKM',
} as const;

/**
 * The size-class explanation for a caller who may not see the enterprise's figures: the domain's
 * reason quotes the exact turnover or capital, which is private, so this one names only the class
 * and the rule it was derived by.
 */
export function publicSizeClassReason(result: SizeClassResult): string {
  if (result.sizeClass === null || result.basis === null) return result.reason;
  const rule =
    result.basis === 'ANNUAL_SALES'
      ? 'by annual sales (hasil penjualan tahunan) under PP 7/2021 art. 35(5)'
      : 'by business capital excluding land and buildings (modal usaha) under PP 7/2021 art. 35(3), because no annual sales are recorded';
  return `Classed as ${CLASS_NAME[result.sizeClass]} ${rule}. The figures themselves are visible only to the enterprise and the Disperin staff of its kabupaten/kota's office or of the provincial office.`;
}

export function sizeClassOf(e: { annualTurnover: bigint | null; businessCapital: bigint | null }): SizeClassResult {
  return sizeClass({ annualTurnover: e.annualTurnover, businessCapital: e.businessCapital });
}
