/**
 * Whole months a business has run, from its founding date to `asOf`.
 *
 * A month is completed on the same day of a later month; when that month is shorter, on its last
 * day (founded 31 January → one month on 28 February, or 29 February in a leap year). Both dates
 * are read as UTC calendar dates, the way Prisma returns `@db.Date` columns, so the time of day
 * never matters; a caller who wants "today in Semarang" passes that date. A founding date after
 * `asOf` gives 0: a business cannot have a negative age.
 */
export function businessAgeMonths(foundedOn: Date, asOf: Date): number {
  const months =
    (asOf.getUTCFullYear() - foundedOn.getUTCFullYear()) * 12 +
    (asOf.getUTCMonth() - foundedOn.getUTCMonth());
  const anniversaryDay = Math.min(
    foundedOn.getUTCDate(),
    daysInMonth(asOf.getUTCFullYear(), asOf.getUTCMonth()),
  );
  const completed = asOf.getUTCDate() >= anniversaryDay ? months : months - 1;
  return Math.max(0, completed);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}
