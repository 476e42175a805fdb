import { describe, expect, it } from 'vitest';
import {
  checkInProblems,
  feedbackProblems,
  followUpDue,
  followUpProblems,
  noShowProblems,
  outcomeProblems,
  outcomeValueProblems,
  settledStatus,
} from '../../../src/domain/forum/outcomes';

const slotStartsAt = new Date('2027-02-17T02:00:00.000Z');
const during = new Date('2027-02-17T02:10:00.000Z');
const before = new Date('2027-02-17T01:50:00.000Z');
const meeting = { status: 'SCHEDULED' as const, forumStatus: 'IN_PROGRESS' as const, slotStartsAt };
const codes = (problems: { code: string }[]) => problems.map((p) => p.code);

describe('day-of rules', () => {
  it('check-in: on the day, once per seat, not after a no-show', () => {
    expect(checkInProblems({ ...meeting, checkedInAt: null }, ['p'])).toEqual([]);
    expect(codes(checkInProblems({ ...meeting, checkedInAt: during }, ['p']))).toEqual(['ALREADY_RECORDED']);
    expect(codes(checkInProblems({ ...meeting, forumStatus: 'SCHEDULED', checkedInAt: null }, ['p']))).toEqual(['FORUM_NOT_OPEN']);
    expect(codes(checkInProblems({ ...meeting, status: 'NO_SHOW', checkedInAt: null }, ['p']))).toEqual(['INVALID_TRANSITION']);
    expect(codes(checkInProblems({ ...meeting, forumStatus: 'CANCELLED', checkedInAt: null }, ['p']))).toEqual(['FORUM_NOT_OPEN']);
  });

  it('no-show: once the slot began, not when both came or an outcome is recorded', () => {
    const base = { ...meeting, outcome: null, absentCheckedIn: false, bothCheckedIn: false };
    expect(noShowProblems(base, during, ['m'])).toEqual([]);
    expect(codes(noShowProblems(base, before, ['m']))).toEqual(['TOO_EARLY']);
    expect(codes(noShowProblems({ ...base, absentCheckedIn: true }, during, ['m']))).toEqual(['INVALID_VALUE']);
    expect(codes(noShowProblems({ ...base, bothCheckedIn: true }, during, ['m']))).toEqual(['INVALID_VALUE']);
    expect(codes(noShowProblems({ ...base, outcome: 'DEAL' }, during, ['m']))).toEqual(['INVALID_TRANSITION']);
    expect(codes(noShowProblems({ ...base, status: 'NO_SHOW' }, during, ['m']))).toEqual(['ALREADY_RECORDED']);
    expect(noShowProblems({ ...base, forumStatus: 'COMPLETED' }, during, ['m'])).toEqual([]);
  });

  it('outcome: DEAL with a value above Rp0, others without; after the slot began; not for a no-show', () => {
    expect(outcomeValueProblems('DEAL', 150_000_000n)).toEqual([]);
    expect(codes(outcomeValueProblems('DEAL', null))).toEqual(['REQUIRED']);
    expect(codes(outcomeValueProblems('DEAL', 0n))).toEqual(['INVALID_VALUE']);
    expect(codes(outcomeValueProblems('FOLLOW_UP', 5n))).toEqual(['INVALID_VALUE']);
    expect(outcomeValueProblems('NO_INTEREST', undefined)).toEqual([]);
    expect(outcomeProblems(meeting, during, ['m'])).toEqual([]);
    expect(codes(outcomeProblems(meeting, before, ['m']))).toEqual(['TOO_EARLY']);
    expect(codes(outcomeProblems({ ...meeting, status: 'NO_SHOW' }, during, ['m']))).toEqual(['INVALID_TRANSITION']);
    expect(codes(outcomeProblems({ ...meeting, forumStatus: 'SCHEDULED' }, during, ['m']))).toEqual(['FORUM_NOT_OPEN']);
  });

  it('completing settles a scheduled meeting: HELD when both checked in, NO_SHOW otherwise', () => {
    expect(settledStatus('SCHEDULED', [true, true])).toBe('HELD');
    expect(settledStatus('SCHEDULED', [true, false])).toBe('NO_SHOW');
    expect(settledStatus('HELD', [false, false])).toBe('HELD');
  });
});

describe('after the meeting', () => {
  it('feedback: 1–5 once per side on a held meeting', () => {
    expect(feedbackProblems({ status: 'HELD' }, { rating: 5, comment: 'Bagus', alreadyGiven: false }, ['m'])).toEqual([]);
    expect(codes(feedbackProblems({ status: 'HELD' }, { rating: 0, comment: null, alreadyGiven: true }, ['m']))).toEqual(['INVALID_VALUE', 'ALREADY_RECORDED']);
    expect(codes(feedbackProblems({ status: 'NO_SHOW' }, { rating: 3, comment: 'x'.repeat(2001), alreadyGiven: false }, ['m']))).toEqual(['TOO_LONG', 'INVALID_TRANSITION']);
  });

  it('follow-ups at 3 and 6 months, from two weeks before they are due, once each', () => {
    const forumDate = new Date('2025-12-17T00:00:00.000Z');
    expect(followUpDue(forumDate, 3).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    const held = { status: 'HELD' as const, forumDate };
    expect(followUpProblems(held, { monthsAfter: 3, note: '', alreadyRecorded: false }, new Date('2026-03-03T00:00:00.000Z'))).toEqual([]);
    expect(codes(followUpProblems(held, { monthsAfter: 3, note: '', alreadyRecorded: false }, new Date('2026-03-02T23:59:59.000Z')))).toEqual(['TOO_EARLY']);
    expect(codes(followUpProblems(held, { monthsAfter: 4, note: '', alreadyRecorded: false }, new Date('2026-09-01T00:00:00.000Z')))).toEqual(['INVALID_VALUE']);
    expect(codes(followUpProblems({ ...held, status: 'NO_SHOW' }, { monthsAfter: 6, note: '', alreadyRecorded: true }, new Date('2026-09-01T00:00:00.000Z')))).toEqual([
      'INVALID_TRANSITION',
      'ALREADY_RECORDED',
    ]);
  });
});
