import { businessAgeMonths } from '../../business-age';
import { BOOKKEEPING_ORDER, MIN_BUSINESS_AGE_MONTHS } from '../../readiness';
import { sizeClass } from '../../size-class';
import { BOOKKEEPING_TEXT, capitalise, plural } from '../text';
import { type Component, evaluation } from './common';

/**
 * Readiness to trade or borrow: three signals of equal weight, the ones banks screen IKM by, taken
 * from the readiness rules of domain/readiness so both speak of the same thresholds.
 * - Bookkeeping (pembukuan): the five practices form a ladder from no books to audited statements
 *   (BOOKKEEPING_ORDER); each step up earns a quarter.
 * - Business age (usia usaha) of at least MIN_BUSINESS_AGE_MONTHS (6), the floor Permenko
 *   Perekonomian 1/2026 sets for a KUR borrower's running business.
 * - Size class under PP 7/2021: micro, small or medium is an IKM; a large business, or one whose
 *   sales and capital are unknown, is not shown to be one.
 */
const SIZE_TEXT = {
  MICRO: 'a micro enterprise (usaha mikro), so an IKM under PP 7/2021',
  SMALL: 'a small enterprise (usaha kecil), so an IKM under PP 7/2021',
  MEDIUM: 'a medium enterprise (usaha menengah), so an IKM under PP 7/2021',
  LARGE: 'a large enterprise (usaha besar) under PP 7/2021, so not an IKM',
} as const;

function ageText(months: number): string {
  if (months < 12) return plural(months, 'month');
  const rest = months % 12;
  return `${plural(Math.floor(months / 12), 'year')}${rest > 0 ? ` and ${plural(rest, 'month')}` : ''}`;
}

export const readinessFit: Component = (enterprise, _ask, { asOf }) => {
  const books = BOOKKEEPING_ORDER.indexOf(enterprise.bookkeeping) / (BOOKKEEPING_ORDER.length - 1);
  const months = businessAgeMonths(enterprise.foundedOn, asOf);
  const oldEnough = months >= MIN_BUSINESS_AGE_MONTHS;
  const size = sizeClass(enterprise).sizeClass;
  const isIkm = size !== null && size !== 'LARGE';
  const parts = [
    BOOKKEEPING_TEXT[enterprise.bookkeeping],
    `business has run ${ageText(months)} (usia usaha)${oldEnough ? '' : `, under the ${MIN_BUSINESS_AGE_MONTHS} months lenders ask for`}`,
    size === null ? 'no sales or capital is recorded, so its size class under PP 7/2021 is unknown' : SIZE_TEXT[size],
  ];
  const value = (books + Number(oldEnough) + Number(isIkm)) / 3;
  return evaluation('READINESS', value, `${capitalise(parts.join('; '))}.`);
};
