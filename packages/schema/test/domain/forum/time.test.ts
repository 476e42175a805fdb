import { describe, expect, it } from 'vitest';
import { addMonths, dayHasCome, formatIndonesianDate, localInstant, localParts, localTime, parseTimeOfDay } from '../../../src/domain/forum/time';

describe('forum local time (WIB has no daylight saving time)', () => {
  it('converts wall-clock times to instants and back', () => {
    expect(localInstant('2027-02-17', 9 * 60, 'Asia/Jakarta').toISOString()).toBe('2027-02-17T02:00:00.000Z');
    expect(localInstant(new Date('2027-02-17T00:00:00.000Z'), 30, 'Asia/Jayapura').toISOString()).toBe('2027-02-16T15:30:00.000Z');
    expect(localParts(new Date('2026-11-27T21:46:00.000Z'), 'Asia/Jakarta')).toEqual({ date: '2026-11-28', minutes: 4 * 60 + 46 });
    expect(localTime(new Date('2025-12-17T06:00:00.000Z'), 'Asia/Jakarta')).toBe('13:00');
  });

  it('parses HH:MM strictly', () => {
    expect(parseTimeOfDay('09:30')).toBe(570);
    expect(parseTimeOfDay('23:59')).toBe(1439);
    for (const bad of ['9:30', '24:00', '09:60', '0930', 'noon', '']) expect(parseTimeOfDay(bad)).toBeNull();
  });

  it('knows when the forum day has come in its zone', () => {
    const day = new Date('2027-02-17T00:00:00.000Z');
    expect(dayHasCome(day, new Date('2027-02-16T16:59:59.999Z'), 'Asia/Jakarta')).toBe(false);
    expect(dayHasCome(day, new Date('2027-02-16T17:00:00.000Z'), 'Asia/Jakarta')).toBe(true);
  });

  it('adds months clamped to the month end, and prints Indonesian dates', () => {
    expect(addMonths(new Date('2025-11-30T00:00:00.000Z'), 3).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(formatIndonesianDate(new Date('2027-02-17T00:00:00.000Z'))).toBe('Rabu, 17 Februari 2027');
  });
});
