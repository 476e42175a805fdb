import { describe, expect, it } from 'vitest';
import { bookingCandidates, capProblems } from '../../../src/domain/forum/booking';

const now = new Date('2027-02-17T02:30:00.000Z');
const slot = (id: string, index: number, hour: number, freeTables = 2, isBreak = false) => ({
  id,
  index,
  startsAt: new Date(Date.UTC(2027, 1, 17, hour)),
  isBreak,
  freeTables,
});
// s1 has begun (02:00 UTC = 09:00 WIB); s3 is a break; s4 has no table left.
const slots = [slot('s1', 1, 2), slot('s2', 2, 3), slot('s3', 3, 4, 2, true), slot('s4', 4, 5, 0), slot('s5', 5, 6)];
const side = (name: string, available: string[], busy: string[] = []) => ({ name, available: new Set(available), busy: new Set(busy) });
const all = ['s1', 's2', 's3', 's4', 's5'];

describe('bookingCandidates', () => {
  it('offers the slots ahead where both are available and free and a table is left, earliest first', () => {
    expect(bookingCandidates({ slots, a: side('A', all), b: side('B', all), now }, ['id'])).toEqual({ slotIds: ['s2', 's5'], problem: null });
    expect(bookingCandidates({ slots, a: side('A', all, ['s2']), b: side('B', all), now }, ['id']).slotIds).toEqual(['s5']);
  });

  it('explains why there is none: no common slot ahead (NO_COMMON_SLOT), or all taken (NO_FREE_SLOT)', () => {
    const none = bookingCandidates({ slots, a: side('A', ['s1', 's2']), b: side('B', ['s4', 's5']), now }, ['id']);
    expect(none.problem).toMatchObject({ code: 'NO_COMMON_SLOT', field: ['id'] });
    expect(none.problem!.message).toContain('share no available slot');
    const taken = bookingCandidates({ slots, a: side('A', all, ['s2']), b: side('B', all, ['s5']), now }, ['id']);
    expect(taken.problem?.code).toBe('NO_FREE_SLOT');
  });

  it('checks a requested slot', () => {
    const ask = (slotId: string, a = side('A', all), b = side('B', all)) => bookingCandidates({ slots, a, b, now, slotId }, ['slotId']).problem?.code ?? 'OK';
    expect(ask('s2')).toBe('OK');
    expect(ask('nope')).toBe('INVALID_VALUE');
    expect(ask('s3')).toBe('INVALID_VALUE');
    expect(ask('s1')).toBe('IN_PAST');
    expect(ask('s4')).toBe('SLOT_TAKEN');
    expect(ask('s2', side('A', ['s5']))).toBe('NOT_AVAILABLE');
    expect(ask('s2', side('A', all), side('B', all, ['s2']))).toBe('SLOT_TAKEN');
  });
});

describe('capProblems', () => {
  it('stops a participant at its cap; no cap means none', () => {
    expect(capProblems([{ name: 'A', meetingCap: 2, meetings: 2 }, { name: 'B', meetingCap: null, meetings: 9 }], ['id']).map((p) => p.message)).toEqual([
      'A has reached its meeting cap of 2.',
    ]);
    expect(capProblems([{ name: 'A', meetingCap: 2, meetings: 1 }], ['id'])).toEqual([]);
  });
});
