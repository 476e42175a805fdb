import { describe, expect, it } from 'vitest';
import { businessAgeMonths } from '../../src/domain/business-age';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('businessAgeMonths (whole calendar months completed)', () => {
  it.each([
    ['2026-05-27', '2026-11-26', 5], // the day before the 6-month anniversary
    ['2026-05-27', '2026-11-27', 6], // on the anniversary
    ['2026-05-27', '2026-05-27', 0], // founded today
    ['2026-05-27', '2026-06-26', 0], // one day short of the first month
    ['2026-05-27', '2026-06-27', 1],
    ['2020-12-15', '2026-01-14', 60], // across years, one day short
    ['2020-12-15', '2026-01-15', 61],
  ])('founded %s, as of %s: %i months', (founded, asOf, months) => {
    expect(businessAgeMonths(day(founded), day(asOf))).toBe(months);
  });

  it.each([
    ['2027-01-31', '2027-02-27', 0],
    ['2027-01-31', '2027-02-28', 1], // February is short: its last day completes the month
    ['2028-01-31', '2028-02-28', 0], // leap year: February 29 exists, so the 28th is not enough
    ['2028-01-31', '2028-02-29', 1],
    ['2027-01-31', '2027-03-30', 1],
    ['2027-01-31', '2027-03-31', 2],
    ['2027-03-31', '2027-04-30', 1], // 30-day month
    ['2028-02-29', '2029-02-27', 11],
    ['2028-02-29', '2029-02-28', 12], // founded on a leap day
  ])('month-end: founded %s, as of %s: %i months', (founded, asOf, months) => {
    expect(businessAgeMonths(day(founded), day(asOf))).toBe(months);
  });

  it.each([
    ['2026-11-28', '2026-11-27'],
    ['2030-01-01', '2026-11-27'],
  ])('returns 0, without throwing, for a founding date %s after %s', (founded, asOf) => {
    expect(businessAgeMonths(day(founded), day(asOf))).toBe(0);
  });

  it('reads both dates as UTC calendar dates, ignoring the time of day', () => {
    const founded = new Date('2026-05-27T23:59:59Z');
    expect(businessAgeMonths(founded, new Date('2026-11-27T00:00:00Z'))).toBe(6);
    expect(businessAgeMonths(founded, new Date('2026-11-26T23:59:59Z'))).toBe(5);
  });
});
