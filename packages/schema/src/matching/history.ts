import type { Context } from '../context';
import type { MeetingOutcome, OutcomeCounts, PairHistory, PartnerKind, Sector } from '../domain/matching';
import { NO_HISTORY } from '../domain/matching';
import { Prisma } from '../generated/prisma/client';

/**
 * Feedback closes the loop: the outcomes recorded at earlier Temu Bisnis forums (Meeting.outcome
 * DEAL, FOLLOW_UP or NO_INTEREST), joined through MeetingSeat → ForumParticipant to the enterprise
 * and the partner at the table, become each candidate's PairHistory. Two aggregate statements per
 * ranking, whatever the number of candidates:
 *
 * 1. the pair's own history: this counterpart's meetings, counted per other party and outcome;
 * 2. similar pairs: every meeting between an IKM and a partner, counted per IKM sector × partner
 *    kind × outcome (a few dozen rows). A pair's "similar" history is its cell, less its own
 *    meetings when they are in that cell.
 *
 * A meeting counts once whatever the number of seats. Only a recorded outcome counts: scheduled,
 * cancelled and no-show meetings say nothing about fit.
 */

type Counts = Record<MeetingOutcome, number>;
const zero = (): Counts => ({ DEAL: 0, FOLLOW_UP: 0, NO_INTEREST: 0 });

/** The side whose pairs are looked up: a partner, or the IKM that posted an opportunity. */
export type Side = { partnerId: string } | { enterpriseId: string };

type PairRow = { otherId: string; outcome: MeetingOutcome; n: number };
type CellRow = { sector: Sector; kind: PartnerKind; outcome: MeetingOutcome; n: number };

/** Meetings of `side` with each IKM (other = 'enterprise') or partner (other = 'partner'), by outcome. */
async function pairCounts(ctx: Pick<Context, 'prisma'>, side: Side, other: 'enterprise' | 'partner'): Promise<Map<string, Counts>> {
  const mine = 'partnerId' in side ? Prisma.sql`me."partnerId" = ${side.partnerId}::uuid` : Prisma.sql`me."enterpriseId" = ${side.enterpriseId}::uuid`;
  const column = other === 'enterprise' ? Prisma.sql`them."enterpriseId"` : Prisma.sql`them."partnerId"`;
  const rows = await ctx.prisma.$queryRaw<PairRow[]>`
    SELECT ${column}::text AS "otherId", m.outcome::text AS outcome, count(DISTINCT m.id)::int AS n
    FROM "ForumParticipant" me
    JOIN "MeetingSeat" mine ON mine."participantId" = me.id
    JOIN "Meeting" m ON m.id = mine."meetingId" AND m.outcome IS NOT NULL
    JOIN "MeetingSeat" theirs ON theirs."meetingId" = m.id AND theirs."participantId" <> me.id
    JOIN "ForumParticipant" them ON them.id = theirs."participantId" AND ${column} IS NOT NULL
    WHERE ${mine}
    GROUP BY 1, 2`;
  const byOther = new Map<string, Counts>();
  for (const row of rows) {
    const counts = byOther.get(row.otherId) ?? zero();
    counts[row.outcome] += row.n;
    byOther.set(row.otherId, counts);
  }
  return byOther;
}

/**
 * Enterprise–partner meetings per IKM sector × partner kind × outcome, optionally for one sector or
 * kind. The IKM's sector and the partner's kind are looked up per seat by key: joined, they let
 * PostgreSQL hash a whole sector's IKM (tens of thousands in a province) for a few dozen seats.
 */
async function cellCounts(
  ctx: Pick<Context, 'prisma'>,
  only: { sector?: Sector; kind?: PartnerKind },
): Promise<Map<string, Counts>> {
  const and = [...(only.sector ? [Prisma.sql`x.sector = ${only.sector}`] : []), ...(only.kind ? [Prisma.sql`x.kind = ${only.kind}`] : [])];
  const rows = await ctx.prisma.$queryRaw<CellRow[]>`
    SELECT x.sector, x.kind, x.outcome, count(DISTINCT x.id)::int AS n
    FROM (
      SELECT m.id, m.outcome::text AS outcome,
        (SELECT e.sector::text FROM "Enterprise" e WHERE e.id = ep."enterpriseId") AS sector,
        (SELECT p.kind::text FROM "Partner" p WHERE p.id = pp."partnerId") AS kind
      FROM "Meeting" m
      JOIN "MeetingSeat" es ON es."meetingId" = m.id
      JOIN "ForumParticipant" ep ON ep.id = es."participantId" AND ep."enterpriseId" IS NOT NULL
      JOIN "MeetingSeat" ps ON ps."meetingId" = m.id
      JOIN "ForumParticipant" pp ON pp.id = ps."participantId" AND pp."partnerId" IS NOT NULL
      WHERE m.outcome IS NOT NULL
    ) x
    WHERE ${and.length > 0 ? Prisma.join(and, ' AND ') : Prisma.sql`true`}
    GROUP BY 1, 2, 3`;
  const cells = new Map<string, Counts>();
  for (const row of rows) {
    const key = `${row.sector}|${row.kind}`;
    const counts = cells.get(key) ?? zero();
    counts[row.outcome] += row.n;
    cells.set(key, counts);
  }
  return cells;
}

function minus(a: OutcomeCounts, b: OutcomeCounts): OutcomeCounts {
  return {
    DEAL: Math.max(0, a.DEAL - b.DEAL),
    FOLLOW_UP: Math.max(0, a.FOLLOW_UP - b.FOLLOW_UP),
    NO_INTEREST: Math.max(0, a.NO_INTEREST - b.NO_INTEREST),
  };
}

const interned = new Map<string, OutcomeCounts>();
/** Shared frozen counts, so that candidates with equal history share one object. */
function intern(counts: OutcomeCounts): OutcomeCounts {
  const key = `${counts.DEAL},${counts.FOLLOW_UP},${counts.NO_INTEREST}`;
  let known = interned.get(key);
  if (!known) interned.set(key, (known = Object.freeze({ ...counts })));
  return known;
}

export type HistoryOf<T> = (candidate: T) => PairHistory;

/**
 * History of each candidate IKM with a counterpart: a partner of kind `role`, or (for an IKM's
 * opportunity) the posting IKM, whose similar pairs are still IKM of the sector with partners of
 * the opportunity's role.
 */
export async function historyForEnterprises(
  ctx: Pick<Context, 'prisma'>,
  side: Side,
  role: PartnerKind,
  /** The counterpart's own kind when it is a partner: its pairs sit in the similar cell of that kind. */
  partnerKind: PartnerKind | null,
): Promise<{ of: HistoryOf<{ id: string; sector: Sector }>; met: readonly string[] }> {
  const [pairs, cells] = await Promise.all([pairCounts(ctx, side, 'enterprise'), cellCounts(ctx, { kind: role })]);
  const memo = new Map<string, PairHistory>();
  return {
    met: [...pairs.keys()],
    of: ({ id, sector }) => {
      const pair = pairs.get(id);
      const cell = cells.get(`${sector}|${role}`);
      if (!pair) {
        let known = memo.get(sector);
        if (!known) memo.set(sector, (known = cell ? { pair: NO_HISTORY.pair, similar: intern(cell) } : NO_HISTORY));
        return known;
      }
      const own = partnerKind === role ? pair : zero();
      return { pair: intern(pair), similar: intern(cell ? minus(cell, own) : zero()) };
    },
  };
}

/** History of one IKM with each candidate partner; similar pairs are its sector with that partner's kind. */
export async function historyForPartners(
  ctx: Pick<Context, 'prisma'>,
  enterprise: { id: string; sector: Sector },
): Promise<HistoryOf<{ id: string; kind: PartnerKind }>> {
  const [pairs, cells] = await Promise.all([
    pairCounts(ctx, { enterpriseId: enterprise.id }, 'partner'),
    cellCounts(ctx, { sector: enterprise.sector }),
  ]);
  return ({ id, kind }) => {
    const pair = pairs.get(id) ?? zero();
    const cell = cells.get(`${enterprise.sector}|${kind}`) ?? zero();
    return { pair: intern(pair), similar: intern(minus(cell, pair)) };
  };
}
