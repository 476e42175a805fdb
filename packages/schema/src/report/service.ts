import type { Context } from '../context';
import { type SizeClass, sizeClass } from '../domain/size-class';
import { type ComparisonCell, type FunnelIkm, type FunnelRow, funnelRow, type MeetingTotals } from '../domain/report/funnel';
import { Prisma } from '../generated/prisma/client';

export type ReportDimension = 'FORUM' | 'SENTRA' | 'DISTRICT' | 'SECTOR';

/** The grouping key and its label per dimension: fixed SQL fragments, never built from input. */
const KEYS: Record<ReportDimension, { key: Prisma.Sql; label: Prisma.Sql }> = {
  FORUM: { key: Prisma.sql`p.sid::text`, label: Prisma.sql`(SELECT title FROM "MatchmakingSession" WHERE id = p.sid)` },
  SENTRA: {
    key: Prisma.sql`coalesce(p."sentraId"::text, 'none')`,
    label: Prisma.sql`coalesce((SELECT name FROM "Sentra" WHERE id = p."sentraId"), 'Independent IKM (no sentra)')`,
  },
  DISTRICT: { key: Prisma.sql`p."districtId"::text`, label: Prisma.sql`(SELECT name FROM "District" WHERE id = p."districtId")` },
  SECTOR: { key: Prisma.sql`p.sector::text`, label: Prisma.sql`p.sector::text` },
};

/** Statuses that count as having reached a lead stage, now or earlier in the lead's history. */
const CONTACTED = ['CONTACTED', 'IN_REVIEW', 'APPROVED', 'DISBURSED'];
const APPROVED = ['APPROVED', 'DISBURSED'];

export type FunnelReportRow = FunnelRow & { key: string; label: string };
export type FunnelReport = { dimension: ReportDimension; year: number; rows: FunnelReportRow[]; total: FunnelReportRow };

/**
 * A row of the funnel statement: one IKM of one group; or (enterpriseId null) a group with its label
 * and its meetings, each counted once; or (key and enterpriseId null) the year's meetings, each once.
 */
type Raw = {
  key: string | null;
  label: string | null;
  enterpriseId: string | null;
  sector: string;
  requests: number;
  held: number;
  deals: number;
  dealValue: string;
  fu3: number;
  fu6: number;
  needs: number;
  contacted: number;
  approved: number;
  approvedValue: string;
  disbursed: number;
  disbursedValue: string;
  before: string | null;
  after: string | null;
};

/**
 * The statement of the funnel: one row per IKM and group with its contributions, one row per group
 * with its label and its meetings each counted once, and one with the year's meetings each once.
 * Every step starts from the year's participants (a few thousand), never from the registry.
 */
function funnelSql(dimension: ReportDimension, year: number, from: Date, to: Date): Prisma.Sql {
  const { key, label } = KEYS[dimension];
  return Prisma.sql`
      WITH k AS MATERIALIZED (
        SELECT ${key} AS key, p.* FROM (
          SELECT fp.id AS pid, fp."enterpriseId" AS eid, s.id AS sid, s.date AS fdate, e.sector, e."sentraId", e."districtId"
          FROM "MatchmakingSession" s
          JOIN "ForumParticipant" fp ON fp."sessionId" = s.id AND fp."enterpriseId" IS NOT NULL
          -- OFFSET 0 keeps this an index probe per participant instead of a scan of the whole registry.
          CROSS JOIN LATERAL (SELECT sector, "sentraId", "districtId" FROM "Enterprise" WHERE id = fp."enterpriseId" OFFSET 0) e
          WHERE s.date >= ${from} AND s.date < ${to} AND s.status <> 'CANCELLED'
        ) p
      ),
      kr AS MATERIALIZED (
        SELECT k.key, k.eid, r.id AS rid FROM k JOIN "MeetingRequest" r ON r."requesterId" = k.pid
        UNION ALL
        SELECT k.key, k.eid, r.id FROM k JOIN "MeetingRequest" r ON r."recipientId" = k.pid
      ),
      fu AS (
        SELECT "meetingId", bool_or("monthsAfter" = 3) AS fu3, bool_or("monthsAfter" = 6) AS fu6
        FROM "MeetingFollowUp" GROUP BY "meetingId"
      ),
      mr AS MATERIALIZED (
        SELECT r.rid, mt.status = 'HELD' AS held, mt.status = 'HELD' AND mt.outcome = 'DEAL' AS deal,
          mt.status = 'HELD' AND coalesce(fu.fu3, false) AS fu3, mt.status = 'HELD' AND coalesce(fu.fu6, false) AS fu6, mt."dealValue"
        FROM (SELECT DISTINCT rid FROM kr) r LEFT JOIN "Meeting" mt ON mt."requestId" = r.rid LEFT JOIN fu ON fu."meetingId" = mt.id
      ),
      ikm AS (SELECT key, eid, min(sector::text) AS sector, min(fdate) AS first FROM k GROUP BY key, eid),
      grp AS (SELECT DISTINCT ON (key) * FROM k ORDER BY key),
      met AS (
        SELECT x.key, x.eid, count(*)::int AS requests, count(*) FILTER (WHERE mr.held)::int AS held,
          count(*) FILTER (WHERE mr.deal)::int AS deals, coalesce(sum(mr."dealValue") FILTER (WHERE mr.deal), 0)::text AS "dealValue",
          count(*) FILTER (WHERE mr.fu3)::int AS fu3, count(*) FILTER (WHERE mr.fu6)::int AS fu6
        FROM (SELECT key, eid, rid FROM kr UNION ALL SELECT DISTINCT key, NULL::uuid, rid FROM kr UNION ALL SELECT DISTINCT NULL, NULL::uuid, rid FROM kr) x
        JOIN mr ON mr.rid = x.rid
        GROUP BY x.key, x.eid
      ),
      need AS (
        SELECT i.key, i.eid, n.id, n.amount,
          EXISTS (SELECT 1 FROM "LeadReview" lr WHERE lr."financingNeedId" = n.id AND (lr.status::text = ANY(${CONTACTED})
            OR EXISTS (SELECT 1 FROM "LeadStatusChange" c WHERE c."reviewId" = lr.id AND c."toStatus"::text = ANY(${CONTACTED})))) AS contacted,
          EXISTS (SELECT 1 FROM "LeadReview" lr WHERE lr."financingNeedId" = n.id AND (lr.status::text = ANY(${APPROVED})
            OR EXISTS (SELECT 1 FROM "LeadStatusChange" c WHERE c."reviewId" = lr.id AND c."toStatus"::text = ANY(${APPROVED})))) AS approved,
          (SELECT sum(lr."disbursedAmount") FROM "LeadReview" lr WHERE lr."financingNeedId" = n.id AND lr.status = 'DISBURSED') AS disbursed
        FROM ikm i JOIN "FinancingNeed" n ON n."enterpriseId" = i.eid
          AND n."createdAt" >= i.first AND n."createdAt" < i.first + INTERVAL '12 months'
      ),
      needs AS (
        SELECT key, eid, count(*)::int AS needs, count(*) FILTER (WHERE contacted)::int AS contacted,
          count(*) FILTER (WHERE approved)::int AS approved, coalesce(sum(amount) FILTER (WHERE approved), 0)::text AS "approvedValue",
          count(*) FILTER (WHERE disbursed IS NOT NULL)::int AS disbursed, coalesce(sum(disbursed), 0)::text AS "disbursedValue"
        FROM need GROUP BY key, eid
      )
      SELECT i.key, NULL AS label, i.eid::text AS "enterpriseId", i.sector, coalesce(met.requests, 0) AS requests,
        coalesce(met.held, 0) AS held, coalesce(met.deals, 0) AS deals, coalesce(met."dealValue", '0') AS "dealValue",
        coalesce(met.fu3, 0) AS fu3, coalesce(met.fu6, 0) AS fu6,
        coalesce(needs.needs, 0) AS needs, coalesce(needs.contacted, 0) AS contacted, coalesce(needs.approved, 0) AS approved,
        coalesce(needs."approvedValue", '0') AS "approvedValue", coalesce(needs.disbursed, 0) AS disbursed,
        coalesce(needs."disbursedValue", '0') AS "disbursedValue", g.before::text AS before, g.after::text AS after
      FROM ikm i
      LEFT JOIN met ON met.key = i.key AND met.eid = i.eid
      LEFT JOIN needs ON needs.key = i.key AND needs.eid = i.eid
      LEFT JOIN "TurnoverGrowthShare" g ON g."enterpriseId" = i.eid AND g.year = ${year}
      UNION ALL
      SELECT p.key, ${label}, NULL, NULL, coalesce(met.requests, 0), coalesce(met.held, 0), coalesce(met.deals, 0), coalesce(met."dealValue", '0'),
        coalesce(met.fu3, 0), coalesce(met.fu6, 0), 0, 0, 0, '0', 0, '0', NULL, NULL
      FROM grp p LEFT JOIN met ON met.key = p.key AND met.eid IS NULL
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, met.requests, met.held, met.deals, met."dealValue", met.fu3, met.fu6, 0, 0, 0, '0', 0, '0', NULL, NULL
      FROM met WHERE met.key IS NULL
      ORDER BY label, key`;
}

/**
 * The funnel of one year by one dimension: one statement for the participating IKM, their
 * contributions and the groups' meetings, one small read of the comparison cells. Forums count by
 * their date in the year (cancelled forums excluded); an IKM's financing needs count from its first
 * forum of the row in that year to 12 months later, with their leads' furthest stage. A meeting is
 * one meeting: a row and the total count it once, even when both sides are IKM of the row.
 */
export async function funnelReport(ctx: Pick<Context, 'prisma'>, dimension: ReportDimension, year: number): Promise<FunnelReport> {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const [raw, allCells] = await Promise.all([ctx.prisma.$queryRaw<Raw[]>(funnelSql(dimension, year, from, to)), yearOnYearCells(ctx, year)]);
  const groups = new Map<string, { label: string; meetings: MeetingTotals; rows: FunnelIkm[] }>();
  const all = new Map<string, FunnelIkm>();
  let yearMeetings: MeetingTotals = NO_MEETINGS;
  for (const r of raw) {
    if (r.key === null) yearMeetings = meetingsOf(r);
    else if (r.enterpriseId === null) groups.set(r.key, { label: r.label!, meetings: meetingsOf(r), rows: groups.get(r.key)?.rows ?? [] });
  }
  for (const r of raw) {
    if (r.key === null || r.enterpriseId === null) continue;
    const ikm = toIkm(r);
    groups.get(r.key)!.rows.push(ikm);
    all.set(ikm.enterpriseId, mergeIkm(all.get(ikm.enterpriseId), ikm));
  }
  const comparison = withoutParticipants(allCells, all.values());
  return {
    dimension,
    year,
    rows: [...groups].map(([k, g]) => ({ key: k, label: g.label, ...funnelRow(g.rows, comparison, g.meetings) })),
    total: { key: 'total', label: 'All', ...funnelRow([...all.values()], comparison, yearMeetings) },
  };
}

const NO_MEETINGS: MeetingTotals = { meetingRequests: 0, meetingsHeld: 0, deals: 0, dealValue: 0n, followUps3: 0, followUps6: 0 };

function meetingsOf(r: Raw): MeetingTotals {
  return { meetingRequests: r.requests, meetingsHeld: r.held, deals: r.deals, dealValue: BigInt(r.dealValue), followUps3: r.fu3, followUps6: r.fu6 };
}

function toIkm(r: Raw): FunnelIkm {
  return {
    enterpriseId: r.enterpriseId!,
    sector: r.sector,
    meetingRequests: r.requests,
    meetingsHeld: r.held,
    deals: r.deals,
    dealValue: BigInt(r.dealValue),
    followUps3: r.fu3,
    followUps6: r.fu6,
    financingNeeds: r.needs,
    leadsContacted: r.contacted,
    leadsApproved: r.approved,
    approvedValue: BigInt(r.approvedValue),
    leadsDisbursed: r.disbursed,
    disbursedValue: BigInt(r.disbursedValue),
    turnoverBefore: r.before === null ? null : BigInt(r.before),
    turnoverYear: r.after === null ? null : BigInt(r.after),
  };
}

/**
 * The total row counts an IKM once. Across forums its meetings add up (what decides whether it is
 * behind a meeting cell; the cells' values are the year's meetings, each once); its needs are the
 * same rows in every group (windows of one year from the first forum), so the largest count is taken.
 */
function mergeIkm(a: FunnelIkm | undefined, b: FunnelIkm): FunnelIkm {
  if (!a) return b;
  const needSide = a.financingNeeds >= b.financingNeeds ? a : b;
  return {
    ...a,
    meetingRequests: a.meetingRequests + b.meetingRequests,
    meetingsHeld: a.meetingsHeld + b.meetingsHeld,
    deals: a.deals + b.deals,
    dealValue: a.dealValue + b.dealValue,
    followUps3: a.followUps3 + b.followUps3,
    followUps6: a.followUps6 + b.followUps6,
    financingNeeds: needSide.financingNeeds,
    leadsContacted: needSide.leadsContacted,
    leadsApproved: needSide.leadsApproved,
    approvedValue: needSide.approvedValue,
    leadsDisbursed: needSide.leadsDisbursed,
    disbursedValue: needSide.disbursedValue,
  };
}

/**
 * IKM with turnover in both years by sector and size class of the year before, participants
 * included, whatever the dimension: the TurnoverGrowthCell rows of the year, kept with every change
 * to the figures (enterprise/growth.ts). The participants are taken out in funnelReport.
 */
async function yearOnYearCells(ctx: Pick<Context, 'prisma'>, year: number): Promise<ComparisonCell[]> {
  const cells = await ctx.prisma.turnoverGrowthCell.findMany({ where: { year, ikm: { gt: 0 } } });
  return cells.map((c) => ({ sector: c.sector, sizeClass: c.sizeClass as SizeClass, ikm: c.ikm, before: c.before, after: c.after }));
}

/** The comparison groups: every IKM with both years, less the year's participants (each once). */
function withoutParticipants(cells: readonly ComparisonCell[], participants: Iterable<FunnelIkm>): ComparisonCell[] {
  const byKey = new Map(cells.map((c) => [`${c.sector}|${c.sizeClass}`, { ...c }]));
  for (const p of participants) {
    if (p.turnoverBefore === null || p.turnoverYear === null || p.turnoverBefore <= 0n) continue;
    const cell = byKey.get(`${p.sector}|${sizeClass({ annualTurnover: p.turnoverBefore, businessCapital: null }).sizeClass}`);
    if (!cell) continue;
    cell.ikm -= 1;
    cell.before -= p.turnoverBefore;
    cell.after -= p.turnoverYear;
  }
  return [...byKey.values()];
}
