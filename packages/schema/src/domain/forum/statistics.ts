/**
 * A forum's figures from plain counts (one aggregate query each in the GraphQL layer).
 */
export interface ForumCounts {
  requestsByStatus: Record<'PENDING' | 'ACCEPTED' | 'DECLINED' | 'CANCELLED' | 'EXPIRED', number>;
  meetingsByStatus: Record<'SCHEDULED' | 'HELD' | 'NO_SHOW' | 'CANCELLED', number>;
  outcomes: Record<'DEAL' | 'FOLLOW_UP' | 'NO_INTEREST', number>;
  totalDealValue: bigint;
  participants: number;
  ratings: number;
  ratingSum: number;
  checkedInSeats: number;
}

export interface ForumStatistics {
  participants: number;
  requests: number;
  acceptedRequests: number;
  /** accepted ÷ (accepted + declined + expired); null before any request was answered or lapsed. */
  acceptanceRate: number | null;
  meetingsScheduled: number;
  meetingsHeld: number;
  noShows: number;
  deals: number;
  followUps: number;
  noInterest: number;
  totalDealValue: bigint;
  /** Mean rating 1–5 over every side's feedback, two decimals; null without feedback. */
  averageRating: number | null;
  checkedInSeats: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function forumStatistics(c: ForumCounts): ForumStatistics {
  const r = c.requestsByStatus;
  const decided = r.ACCEPTED + r.DECLINED + r.EXPIRED;
  const m = c.meetingsByStatus;
  return {
    participants: c.participants,
    requests: r.PENDING + r.ACCEPTED + r.DECLINED + r.CANCELLED + r.EXPIRED,
    acceptedRequests: r.ACCEPTED,
    acceptanceRate: decided === 0 ? null : round(r.ACCEPTED / decided, 4),
    meetingsScheduled: m.SCHEDULED + m.HELD + m.NO_SHOW,
    meetingsHeld: m.HELD,
    noShows: m.NO_SHOW,
    deals: c.outcomes.DEAL,
    followUps: c.outcomes.FOLLOW_UP,
    noInterest: c.outcomes.NO_INTEREST,
    totalDealValue: c.totalDealValue,
    averageRating: c.ratings === 0 ? null : round(c.ratingSum / c.ratings, 2),
    checkedInSeats: c.checkedInSeats,
  };
}
