import type { Context } from '../context';
import { CEILINGS, type SizeClass, sizeClass } from '../domain/size-class';
import { type ComparisonCell, type FunnelIkm, type FunnelRow, funnelRow } from '../domain/report/funnel';
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

type Raw = {
  key: string;
  label: string;
  enterpriseId: string;
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

/** The statement of the funnel rows: one row per IKM and group with its contributions. */
function funnelSql(dimension: ReportDimension, year: number, from: Date, to: Date): Prisma.Sql {
  const { key, label } = KEYS[dimension];
  return Prisma.sql`
      WITH p AS (
        SELECT fp.id AS pid, fp."enterpriseId" AS eid, s.id AS sid, s.date AS fdate, e.sector, e."sentraId", e."districtId"
        FROM "ForumParticipant" fp
        JOIN "MatchmakingSession" s ON s.id = fp."sessionId"
        JOIN "Enterprise" e ON e.id = fp."enterpriseId"
        WHERE s.date >= ${from} AND s.date < ${to} AND s.status <> 'CANCELLED'
      ),
      k AS (SELECT ${key} AS key, ${label} AS label, p.* FROM p),
      side AS (
        SELECT r.id AS rid, r."requesterId" AS pid FROM "MeetingRequest" r WHERE r."sessionId" IN (SELECT sid FROM p)
        UNION ALL
        SELECT r.id, r."recipientId" FROM "MeetingRequest" r WHERE r."sessionId" IN (SELECT sid FROM p)
      ),
      kr AS (SELECT k.key, k.eid, side.rid FROM k JOIN side ON side.pid = k.pid),
      ikm AS (
        SELECT k.key, min(k.label) AS label, k.eid, min(k.sector::text) AS sector, min(k.fdate) AS first
        FROM k GROUP BY k.key, k.eid
      ),
      req AS (SELECT key, eid, count(DISTINCT rid)::int AS requests FROM kr GROUP BY key, eid),
      fu AS (
        SELECT "meetingId", bool_or("monthsAfter" = 3) AS fu3, bool_or("monthsAfter" = 6) AS fu6
        FROM "MeetingFollowUp" GROUP BY "meetingId"
      ),
      met AS (
        SELECT kr.key, kr.eid,
          count(*) FILTER (WHERE mt.status = 'HELD')::int AS held,
          count(*) FILTER (WHERE mt.status = 'HELD' AND mt.outcome = 'DEAL')::int AS deals,
          coalesce(sum(mt."dealValue") FILTER (WHERE mt.status = 'HELD' AND mt.outcome = 'DEAL'), 0)::text AS "dealValue",
          count(*) FILTER (WHERE mt.status = 'HELD' AND fu.fu3)::int AS fu3,
          count(*) FILTER (WHERE mt.status = 'HELD' AND fu.fu6)::int AS fu6
        FROM kr JOIN "Meeting" mt ON mt."requestId" = kr.rid LEFT JOIN fu ON fu."meetingId" = mt.id
        GROUP BY kr.key, kr.eid
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
      ),
      fig AS (
        SELECT y."enterpriseId" AS eid, max(y.turnover) FILTER (WHERE y.year = ${year - 1})::text AS before,
          max(y.turnover) FILTER (WHERE y.year = ${year})::text AS after
        FROM "EnterpriseYearFigure" y WHERE y."enterpriseId" IN (SELECT eid FROM ikm) AND y.year IN (${year - 1}, ${year})
        GROUP BY y."enterpriseId"
      )
      SELECT i.key, i.label, i.eid::text AS "enterpriseId", i.sector, coalesce(req.requests, 0) AS requests,
        coalesce(met.held, 0) AS held, coalesce(met.deals, 0) AS deals, coalesce(met."dealValue", '0') AS "dealValue",
        coalesce(met.fu3, 0) AS fu3, coalesce(met.fu6, 0) AS fu6,
        coalesce(needs.needs, 0) AS needs, coalesce(needs.contacted, 0) AS contacted, coalesce(needs.approved, 0) AS approved,
        coalesce(needs."approvedValue", '0') AS "approvedValue", coalesce(needs.disbursed, 0) AS disbursed,
        coalesce(needs."disbursedValue", '0') AS "disbursedValue", fig.before, fig.after
      FROM ikm i
      LEFT JOIN req ON req.key = i.key AND req.eid = i.eid
      LEFT JOIN met ON met.key = i.key AND met.eid = i.eid
      LEFT JOIN needs ON needs.key = i.key AND needs.eid = i.eid
      LEFT JOIN fig ON fig.eid = i.eid
      ORDER BY i.label, i.key`;
}

/**
 * The funnel of one year by one dimension: one statement for the participating IKM and their
 * contributions, one for the comparison groups. Forums count by their date in the year (cancelled
 * forums excluded); an IKM's financing needs count from its first forum of the row in that year to
 * 12 months later, with their leads' furthest stage.
 */
export async function funnelReport(ctx: Pick<Context, 'prisma'>, dimension: ReportDimension, year: number): Promise<FunnelReport> {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const [raw, allCells] = await Promise.all([
    ctx.prisma.$queryRaw<Raw[]>(funnelSql(dimension, year, from, to)),
    yearOnYearCells(ctx, year),
  ]);
  const byKey = new Map<string, { label: string; rows: FunnelIkm[] }>();
  const all = new Map<string, FunnelIkm>();
  for (const r of raw) {
    const ikm = toIkm(r);
    const group = byKey.get(r.key) ?? { label: r.label, rows: [] };
    group.rows.push(ikm);
    byKey.set(r.key, group);
    all.set(r.enterpriseId, mergeIkm(all.get(r.enterpriseId), ikm));
  }
  const comparison = withoutParticipants(allCells, all.values());
  return {
    dimension,
    year,
    rows: [...byKey].map(([k, g]) => ({ key: k, label: g.label, ...funnelRow(g.rows, comparison) })),
    total: { key: 'total', label: 'All', ...funnelRow([...all.values()], comparison) },
  };
}

function toIkm(r: Raw): FunnelIkm {
  return {
    enterpriseId: r.enterpriseId,
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
 * The total row counts an IKM once. Across forums its meetings add up; its needs are the same rows
 * in every group (windows of one year from the first forum), so the largest count is taken.
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
 * included: one pass over two years of figures (a hash join of the two years, not a grouping of
 * every figure), whatever the dimension. The participants are taken out in funnelReport.
 */
async function yearOnYearCells(ctx: Pick<Context, 'prisma'>, year: number): Promise<ComparisonCell[]> {
  const [micro, small, medium] = CEILINGS.ANNUAL_SALES.map((c) => c.max);
  const rows = await ctx.prisma.$queryRaw<{ sector: string; size: SizeClass; ikm: number; before: string; after: string }[]>`
    SELECT e.sector::text AS sector,
      CASE WHEN a.turnover <= ${micro} THEN 'MICRO' WHEN a.turnover <= ${small} THEN 'SMALL' WHEN a.turnover <= ${medium} THEN 'MEDIUM' ELSE 'LARGE' END AS size,
      count(*)::int AS ikm, sum(a.turnover)::text AS before, sum(b.turnover)::text AS after
    FROM "EnterpriseYearFigure" a
    JOIN "EnterpriseYearFigure" b ON b."enterpriseId" = a."enterpriseId" AND b.year = ${year} AND b.turnover IS NOT NULL
    JOIN "Enterprise" e ON e.id = a."enterpriseId"
    WHERE a.year = ${year - 1} AND a.turnover > 0
    GROUP BY 1, 2`;
  return rows.map((r) => ({ sector: r.sector, sizeClass: r.size, ikm: r.ikm, before: BigInt(r.before), after: BigInt(r.after) }));
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
