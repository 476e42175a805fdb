/**
 * The demo data's fixed "now": every relative date (validity windows, founding dates, consent
 * expiry, pending meeting requests) is computed from it, never from Date.now(), so that every run
 * and every database gets the same rows.
 */
export const REFERENCE_DATE = '2026-11-27';

const DAY_MS = 86_400_000;
const WIB_OFFSET_HOURS = 7;

/** 09:00 WIB (UTC+7) on the reference date. */
export const REFERENCE_INSTANT = wib(REFERENCE_DATE, '09:00');

/** A local time in Semarang (WIB, UTC+7) as an instant. */
export function wib(date: string, time = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d, hh - WIB_OFFSET_HOURS, mm));
}

/** A calendar date for @db.Date columns (midnight UTC, as Prisma returns them). */
export function calendarDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3_600_000);
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** Same day of month, months later (clamped to the month's last day): the forum domain's rule. */
export { addMonths } from '@temu-bisnis/schema/domain/forum/time';

/** The calendar date (UTC midnight) of an instant. */
export function dateOnly(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** A random instant in [from, to], at whole minutes. */
export function between(from: Date, to: Date, r: () => number): Date {
  const span = Math.max(0, to.getTime() - from.getTime());
  return new Date(Math.floor((from.getTime() + r() * span) / 60_000) * 60_000);
}

/** 23:59:59.999 WIB on the local calendar day of the instant: the last moment of a validity window. */
export function endOfDayWib(at: Date): Date {
  const local = new Date(at.getTime() + WIB_OFFSET_HOURS * 3_600_000);
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 23, 59, 59, 999);
  return new Date(end - WIB_OFFSET_HOURS * 3_600_000);
}

export function minDate(a: Date, b: Date): Date {
  return a < b ? a : b;
}

export function maxDate(a: Date, b: Date): Date {
  return a > b ? a : b;
}
