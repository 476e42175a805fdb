import { describe, expect, it } from 'vitest';
import { type ForumCounts, forumStatistics } from '../../../src/domain/forum/statistics';

/** A completed forum of 68 participants; tests change what they look at. */
const FORUM: ForumCounts = {
  participants: 68,
  requestsByStatus: { PENDING: 2, ACCEPTED: 87, DECLINED: 14, CANCELLED: 4, EXPIRED: 7 },
  meetingsByStatus: { SCHEDULED: 0, HELD: 73, NO_SHOW: 8, CANCELLED: 1 },
  outcomes: { DEAL: 29, FOLLOW_UP: 30, NO_INTEREST: 14 },
  totalDealValue: 2_469_500_000n,
  ratings: 120,
  ratingSum: 485,
  checkedInSeats: 154,
  seats: 162,
};

describe('forumStatistics', () => {
  it('derives rates and totals from counts; money stays a bigint', () => {
    const s = forumStatistics(FORUM);
    expect(s).toEqual({
      participants: 68,
      requests: 114,
      acceptedRequests: 87,
      acceptanceRate: 0.8056,
      meetingsScheduled: 81,
      meetingsHeld: 73,
      noShows: 8,
      deals: 29,
      followUps: 30,
      noInterest: 14,
      totalDealValue: 2_469_500_000n,
      averageRating: 4.04,
      checkedInSeats: 154,
    });
  });

  it('has no rates before anything was answered or rated', () => {
    const zero = { PENDING: 0, ACCEPTED: 0, DECLINED: 0, CANCELLED: 0, EXPIRED: 0 };
    const outcomes = { DEAL: 0, FOLLOW_UP: 0, NO_INTEREST: 0 };
    const s = forumStatistics({ ...FORUM, requestsByStatus: { ...zero, PENDING: 3 }, outcomes, totalDealValue: 0n, ratings: 0, ratingSum: 0 });
    expect(s.acceptanceRate).toBeNull();
    expect(s.averageRating).toBeNull();
    expect(s.requests).toBeNull();
  });

  it('hides a deal count below 5 and its value, and the outcome that would give them away by subtraction', () => {
    const meetingsByStatus = { SCHEDULED: 0, HELD: 27, NO_SHOW: 3, CANCELLED: 0 };
    const s = forumStatistics({ ...FORUM, meetingsByStatus, outcomes: { DEAL: 1, FOLLOW_UP: 16, NO_INTEREST: 10 }, totalDealValue: 150_000_000n, ratings: 4 });
    expect(s).toMatchObject({ deals: null, totalDealValue: null, noInterest: null, followUps: 16 });
    // 3 no-shows beside 0 meetings still scheduled would be 30 − held: both hidden.
    expect(s).toMatchObject({ meetingsScheduled: 30, meetingsHeld: null, noShows: null });
    expect(s).toMatchObject({ acceptedRequests: 87, acceptanceRate: 0.8056, averageRating: null, checkedInSeats: 154 });
  });
});
