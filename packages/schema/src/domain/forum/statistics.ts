import { suppressSmallCells } from '../anonymity';

/**
 * A forum's figures from plain counts (one aggregate query each in the GraphQL layer). They are
 * public beside the wall plan (who meets whom), so every figure built from fewer than k = 5
 * meetings, requests, seats, ratings or participants is null (domain/anonymity.ts), and the cells
 * of one breakdown are hidden together where the others would give them away by subtraction:
 * otherwise one deal's value, or one pair's no-show, could be read off the wall plan.
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
  seats: number;
}

export interface ForumStatistics {
  participants: number | null;
  requests: number | null;
  acceptedRequests: number | null;
  /** accepted ÷ (accepted + declined + expired); null before any request was answered or lapsed. */
  acceptanceRate: number | null;
  meetingsScheduled: number | null;
  meetingsHeld: number | null;
  noShows: number | null;
  deals: number | null;
  followUps: number | null;
  noInterest: number | null;
  /** Null whenever `deals` is. */
  totalDealValue: bigint | null;
  /** Mean rating 1–5 over every side's feedback, two decimals; null with fewer than k ratings. */
  averageRating: number | null;
  checkedInSeats: number | null;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function forumStatistics(c: ForumCounts): ForumStatistics {
  const r = c.requestsByStatus;
  const m = c.meetingsByStatus;
  const o = c.outcomes;
  const one = (n: number) => suppressSmallCells([n])[0]!;
  const [accepted, refused] = suppressSmallCells([r.ACCEPTED, r.DECLINED + r.EXPIRED, r.PENDING + r.CANCELLED]);
  const [held, noShows] = suppressSmallCells([m.HELD, m.NO_SHOW, m.SCHEDULED]);
  const recorded = o.DEAL + o.FOLLOW_UP + o.NO_INTEREST;
  const [deals, followUps, noInterest] = suppressSmallCells([o.DEAL, o.FOLLOW_UP, o.NO_INTEREST, Math.max(0, m.HELD - recorded)]);
  const [checkedIn] = suppressSmallCells([c.checkedInSeats, c.seats - c.checkedInSeats]);
  return {
    participants: one(c.participants),
    requests: one(r.PENDING + r.ACCEPTED + r.DECLINED + r.CANCELLED + r.EXPIRED),
    acceptedRequests: accepted!,
    acceptanceRate: accepted === null || refused === null ? null : round(r.ACCEPTED / (r.ACCEPTED + r.DECLINED + r.EXPIRED), 4),
    meetingsScheduled: one(m.SCHEDULED + m.HELD + m.NO_SHOW),
    meetingsHeld: held!,
    noShows: noShows!,
    deals: deals!,
    followUps: followUps!,
    noInterest: noInterest!,
    totalDealValue: deals === null ? null : c.totalDealValue,
    averageRating: one(c.ratings) === null ? null : round(c.ratingSum / c.ratings, 2),
    checkedInSeats: checkedIn!,
  };
}
