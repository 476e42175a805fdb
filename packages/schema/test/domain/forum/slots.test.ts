import { describe, expect, it } from 'vitest';
import { generateSlots, planOf } from '../../../src/domain/forum/slots';

const plan = {
  date: '2025-12-17',
  timeZone: 'Asia/Jakarta',
  meetingMinutes: 20,
  startTime: '09:00',
  endTime: '14:20',
  breaks: [
    { startTime: '10:20', minutes: 20 },
    { startTime: '12:00', minutes: 60 },
  ],
};

const local = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(11, 16);

describe('generateSlots', () => {
  it('cuts the seeded 2025 forum day into the same 14 slots (12 meetings, 2 breaks) in WIB', () => {
    const { slots, problems } = generateSlots(plan);
    expect(problems).toEqual([]);
    expect(slots.map((s) => `${local(s.startsAt)}${s.isBreak ? '*' : ''}`)).toEqual([
      '09:00', '09:20', '09:40', '10:00', '10:20*', '10:40', '11:00', '11:20', '11:40', '12:00*', '13:00', '13:20', '13:40', '14:00',
    ]);
    expect(slots.map((s) => s.index)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(slots[0]!.startsAt.toISOString()).toBe('2025-12-17T02:00:00.000Z');
    expect(slots.at(-1)!.endsAt.toISOString()).toBe('2025-12-17T07:20:00.000Z');
  });

  it('starts a break early when the meetings before it do not fill the time, and ends the day at the last meeting that fits', () => {
    const { slots } = generateSlots({ ...plan, meetingMinutes: 30, endTime: '14:10' });
    const spans = slots.map((s) => `${local(s.startsAt)}-${local(s.endsAt)}${s.isBreak ? '*' : ''}`);
    // 09:00, 09:30, 10:00 (ends 10:30 > 10:20): the break takes 10:00–10:40.
    expect(spans.slice(0, 3)).toEqual(['09:00-09:30', '09:30-10:00', '10:00-10:40*']);
    // After lunch 13:00–13:30, 13:30–14:00; 14:00–14:30 would pass 14:10.
    expect(spans.slice(-2)).toEqual(['13:00-13:30', '13:30-14:00']);
    expect(slots.every((s) => s.endsAt > s.startsAt)).toBe(true);
  });

  it('supports 15-minute meetings and other Indonesian time zones', () => {
    const { slots } = generateSlots({ ...plan, meetingMinutes: 15, startTime: '08:00', endTime: '09:00', breaks: [], timeZone: 'Asia/Makassar' });
    expect(slots).toHaveLength(4);
    expect(slots[0]!.startsAt.toISOString()).toBe('2025-12-17T00:00:00.000Z');
  });

  it('reports every problem with its field path', () => {
    const { slots, problems } = generateSlots({
      ...plan,
      meetingMinutes: 45,
      timeZone: 'UTC',
      startTime: '25:00',
      breaks: [{ startTime: '12:00', minutes: 2 }, { startTime: 'noon', minutes: 30 }],
    });
    expect(slots).toEqual([]);
    expect(problems.map((p) => `${p.field.join('.')}:${p.code}`)).toEqual([
      'timeZone:INVALID_VALUE',
      'meetingMinutes:INVALID_VALUE',
      'startTime:INVALID_VALUE',
      'breaks.0.minutes:INVALID_VALUE',
      'breaks.1.startTime:INVALID_VALUE',
    ]);
  });

  it('refuses breaks outside the day or overlapping, an end before the start, and a day without a meeting', () => {
    const outside = generateSlots({ ...plan, breaks: [{ startTime: '14:00', minutes: 60 }] });
    expect(outside.problems.map((p) => `${p.field.join('.')}:${p.code}`)).toEqual(['breaks.0.startTime:INVALID_RANGE']);
    const overlap = generateSlots({ ...plan, breaks: [{ startTime: '12:00', minutes: 60 }, { startTime: '12:30', minutes: 15 }] });
    expect(overlap.problems.map((p) => `${p.field.join('.')}:${p.code}`)).toEqual(['breaks.1.startTime:INVALID_RANGE']);
    expect(generateSlots({ ...plan, endTime: '08:00', breaks: [] }).problems.map((p) => p.code)).toEqual(['INVALID_RANGE']);
    expect(generateSlots({ ...plan, startTime: '09:00', endTime: '09:10', breaks: [] }).problems.map((p) => p.field.join('.'))).toEqual(['endTime']);
    expect(generateSlots({ ...plan, meetingMinutes: 15, startTime: '00:00', endTime: '23:59', breaks: [] }).problems.map((p) => p.code)).toEqual(['TOO_MANY']);
  });
});

describe('planOf', () => {
  it('reads start, end and breaks back from the slots', () => {
    const { slots } = generateSlots(plan);
    expect(planOf(slots, 'Asia/Jakarta')).toEqual({ startTime: '09:00', endTime: '14:20', breaks: plan.breaks });
    expect(planOf([], 'Asia/Jakarta')).toBeNull();
  });
});
