/**
 * Local time at a forum. Indonesia has kept no daylight saving time since 1964, so each of its
 * time zones is a fixed offset from UTC and a wall-clock time converts to an instant exactly.
 * Forums of Disperin Kota Semarang are in WIB (Asia/Jakarta); the other Indonesian zones are
 * accepted so a forum held elsewhere still shows the right local times.
 */
export const FORUM_TIME_ZONES = {
  'Asia/Jakarta': { offsetMinutes: 7 * 60, abbreviation: 'WIB' },
  'Asia/Pontianak': { offsetMinutes: 7 * 60, abbreviation: 'WIB' },
  'Asia/Makassar': { offsetMinutes: 8 * 60, abbreviation: 'WITA' },
  'Asia/Jayapura': { offsetMinutes: 9 * 60, abbreviation: 'WIT' },
} as const;

export type ForumTimeZone = keyof typeof FORUM_TIME_ZONES;

export const DEFAULT_TIME_ZONE: ForumTimeZone = 'Asia/Jakarta';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

export function isForumTimeZone(zone: string): zone is ForumTimeZone {
  return Object.hasOwn(FORUM_TIME_ZONES, zone);
}

function offsetOf(zone: string): number {
  return isForumTimeZone(zone) ? FORUM_TIME_ZONES[zone].offsetMinutes : FORUM_TIME_ZONES[DEFAULT_TIME_ZONE].offsetMinutes;
}

/** "WIB" for Asia/Jakarta. */
export function zoneAbbreviation(zone: string): string {
  return isForumTimeZone(zone) ? FORUM_TIME_ZONES[zone].abbreviation : zone;
}

/** "09:30" → 570 minutes after midnight; null for anything that is not HH:MM between 00:00 and 23:59. */
export function parseTimeOfDay(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** 570 → "09:30". */
export function formatTimeOfDay(minutes: number): string {
  const m = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * The instant of a wall-clock time on a calendar date in the zone. `date` is the forum's date as
 * stored (midnight UTC of the calendar day, as Postgres `date` columns come back) or "YYYY-MM-DD".
 */
export function localInstant(date: Date | string, minutesAfterMidnight: number, zone: string): Date {
  const day = typeof date === 'string' ? new Date(`${date}T00:00:00.000Z`) : date;
  const midnightUtc = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return new Date(midnightUtc + (minutesAfterMidnight - offsetOf(zone)) * MINUTE_MS);
}

/** The local calendar date ("YYYY-MM-DD") and minutes after midnight of an instant in the zone. */
export function localParts(instant: Date, zone: string): { date: string; minutes: number } {
  const shifted = new Date(instant.getTime() + offsetOf(zone) * MINUTE_MS);
  return {
    date: shifted.toISOString().slice(0, 10),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** "09:20" in the zone. */
export function localTime(instant: Date, zone: string): string {
  return formatTimeOfDay(localParts(instant, zone).minutes);
}

/** The forum's calendar date as "YYYY-MM-DD". */
export function calendarDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** True when `now` falls on or after the local calendar day of `date` in the zone. */
export function dayHasCome(date: Date, now: Date, zone: string): boolean {
  return localParts(now, zone).date >= calendarDate(date);
}

/** Adds whole calendar months (clamped to the month's last day), e.g. for follow-ups. */
export function addMonths(at: Date, months: number): Date {
  const target = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(at.getUTCDate(), lastDay));
  target.setUTCHours(at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds());
  return target;
}

/** "Rabu, 17 Februari 2027": the forum day as Indonesian agendas print it. */
export function formatIndonesianDate(date: Date): string {
  const days = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
  const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
  return `${days[date.getUTCDay()]}, ${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
