import { builder } from '../builder';
import { batchLoader } from '../common/batch';
import type { Context } from '../context';
import { type ForumCounts, type ForumStatistics, forumStatistics } from '../domain/forum';
import { K_ANONYMITY } from '../domain/anonymity';
import { ForumRef } from './types/objects';

const ForumStatisticsRef = builder.objectRef<ForumStatistics>('ForumStatistics').implement({
  description: `A forum's figures: requests, meetings, no-shows, outcomes and deal value. Aggregates only, public like the forum and its wall plan, so small cells are suppressed: a figure counted from fewer than ${K_ANONYMITY} meetings, requests, seats, ratings or participants is null, and so are the other figures of its breakdown where subtraction would give it away (deals, followUps and noInterest with the meetings held awaiting an outcome; meetingsHeld and noShows with the meetings still scheduled; acceptedRequests with the declined or expired and the pending or cancelled ones; checkedInSeats with the seats not checked in). totalDealValue is null whenever deals is: one deal's value is never shown.`,
  fields: (t) => ({
    participants: t.exposeInt('participants', { nullable: true, description: 'Registered participants (IKM and partners).' }),
    requests: t.exposeInt('requests', { nullable: true, description: 'Meeting requests sent, in any status.' }),
    acceptedRequests: t.exposeInt('acceptedRequests', { nullable: true, description: 'Requests accepted.' }),
    acceptanceRate: t.float({
      nullable: true,
      description: 'Accepted ÷ (accepted + declined + expired), 0 to 1, four decimals; pending and cancelled requests do not count. Null before any request was answered or lapsed.',
      resolve: (s) => s.acceptanceRate,
    }),
    meetingsScheduled: t.exposeInt('meetingsScheduled', { nullable: true, description: 'Meetings booked (scheduled, held or no-show; cancelled ones excluded).' }),
    meetingsHeld: t.exposeInt('meetingsHeld', { nullable: true, description: 'Meetings that took place (HELD).' }),
    noShows: t.exposeInt('noShows', { nullable: true, description: 'Meetings a side did not come to (NO_SHOW).' }),
    deals: t.exposeInt('deals', { nullable: true, description: 'Meetings with outcome DEAL.' }),
    followUps: t.exposeInt('followUps', { nullable: true, description: 'Meetings with outcome FOLLOW_UP.' }),
    noInterest: t.exposeInt('noInterest', { nullable: true, description: 'Meetings with outcome NO_INTEREST.' }),
    totalDealValue: t.field({ type: 'Money', nullable: true, description: 'Sum of the deal values in rupiah; null whenever deals is.', resolve: (s) => s.totalDealValue }),
    averageRating: t.float({
      nullable: true,
      description: 'Mean rating (1–5) over all feedback from both sides, two decimals; null with fewer than 5 ratings.',
      resolve: (s) => s.averageRating,
    }),
    checkedInSeats: t.exposeInt('checkedInSeats', { nullable: true, description: 'Seats checked in on the day.' }),
  }),
});

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The counts of every forum asked for at one level, with five grouped statements in all, however
 * many forums a page holds. EXPIRED requests are counted as people see them (a pending request
 * past its expiry is expired), against the request's clock.
 */
function countsLoader(ctx: Context) {
  return batchLoader<ForumCounts>(ctx, 'forumCounts', async (ids) => {
    const [participants, requests, meetings, feedback, seats] = await Promise.all([
      ctx.prisma.$queryRaw<{ sessionId: string; n: number }[]>`
        SELECT "sessionId"::text AS "sessionId", count(*)::int AS n FROM "ForumParticipant"
        WHERE "sessionId" = ANY(${ids}::uuid[]) GROUP BY 1`,
      ctx.prisma.$queryRaw<{ sessionId: string; status: keyof ForumCounts['requestsByStatus']; n: number }[]>`
        SELECT "sessionId"::text AS "sessionId",
               CASE WHEN status = 'PENDING' AND "expiresAt" <= ${ctx.now} THEN 'EXPIRED' ELSE status::text END AS status,
               count(*)::int AS n
        FROM "MeetingRequest" WHERE "sessionId" = ANY(${ids}::uuid[]) GROUP BY 1, 2`,
      ctx.prisma.$queryRaw<{ sessionId: string; status: keyof ForumCounts['meetingsByStatus']; outcome: keyof ForumCounts['outcomes'] | null; n: number; value: string }[]>`
        SELECT "sessionId"::text AS "sessionId", status::text AS status, outcome::text AS outcome, count(*)::int AS n,
               coalesce(sum("dealValue") FILTER (WHERE outcome = 'DEAL'), 0)::text AS value
        FROM "Meeting" WHERE "sessionId" = ANY(${ids}::uuid[]) GROUP BY 1, 2, 3`,
      ctx.prisma.$queryRaw<{ sessionId: string; n: number; total: number }[]>`
        SELECT m."sessionId"::text AS "sessionId", count(*)::int AS n, coalesce(sum(f.rating), 0)::int AS total
        FROM "MeetingFeedback" f JOIN "Meeting" m ON m.id = f."meetingId"
        WHERE m."sessionId" = ANY(${ids}::uuid[]) GROUP BY 1`,
      ctx.prisma.$queryRaw<{ sessionId: string; n: number; seats: number }[]>`
        SELECT m."sessionId"::text AS "sessionId", count(*) FILTER (WHERE s."checkedInAt" IS NOT NULL)::int AS n, count(*)::int AS seats
        FROM "MeetingSeat" s JOIN "Meeting" m ON m.id = s."meetingId"
        WHERE m."sessionId" = ANY(${ids}::uuid[]) AND m.status <> 'CANCELLED' GROUP BY 1`,
    ]);
    const out = new Map<string, ForumCounts>();
    for (const id of ids) {
      out.set(id, {
        participants: 0,
        requestsByStatus: zero(['PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED'] as const),
        meetingsByStatus: zero(['SCHEDULED', 'HELD', 'NO_SHOW', 'CANCELLED'] as const),
        outcomes: zero(['DEAL', 'FOLLOW_UP', 'NO_INTEREST'] as const),
        totalDealValue: 0n,
        ratings: 0,
        ratingSum: 0,
        checkedInSeats: 0,
        seats: 0,
      });
    }
    for (const r of participants) out.get(r.sessionId)!.participants = r.n;
    for (const r of requests) out.get(r.sessionId)!.requestsByStatus[r.status] += r.n;
    for (const r of meetings) {
      const c = out.get(r.sessionId)!;
      c.meetingsByStatus[r.status] += r.n;
      if (r.outcome) c.outcomes[r.outcome] += r.n;
      c.totalDealValue += BigInt(r.value);
    }
    for (const r of feedback) Object.assign(out.get(r.sessionId)!, { ratings: r.n, ratingSum: r.total });
    for (const r of seats) Object.assign(out.get(r.sessionId)!, { checkedInSeats: r.n, seats: r.seats });
    return out;
  });
}

builder.objectField(ForumRef, 'statistics', (t) =>
  t.field({
    type: ForumStatisticsRef,
    description: "The forum's figures: requests and acceptance rate, meetings held, no-shows, outcomes, total deal value, ratings.",
    resolve: async (forum, _args, ctx) => forumStatistics((await countsLoader(ctx)(forum.id))!),
  }),
);
