import type { Context } from '../context';
import type { SizeClass } from '../domain/size-class';
import { type ComparisonCell, type FunnelRow, type FunnelSums, funnelRow, type Tally } from '../domain/report/funnel';
import { Prisma } from '../generated/prisma/client';

export type ReportDimension = 'FORUM' | 'SENTRA' | 'DISTRICT' | 'SECTOR';

/**
 * The grouping key of a participant (columns of `x`: sid, and with `enterprise` the IKM's sector,
 * sentraId and districtId) and the group's label from its key, per dimension: fixed SQL fragments,
 * never built from input. A forum report needs nothing from Enterprise, so it reads none of it.
 */
const KEYS: Record<ReportDimension, { key: Prisma.Sql; label: Prisma.Sql; enterprise: boolean }> = {
  FORUM: { key: Prisma.sql`x.sid::text`, label: Prisma.sql`(SELECT title FROM "MatchmakingSession" WHERE id = r.key::uuid)`, enterprise: false },
  SENTRA: {
    key: Prisma.sql`coalesce(x."sentraId"::text, 'none')`,
    label: Prisma.sql`CASE WHEN r.key = 'none' THEN 'Independent IKM (no sentra)' ELSE (SELECT name FROM "Sentra" WHERE id = r.key::uuid) END`,
    enterprise: true,
  },
  DISTRICT: { key: Prisma.sql`x."districtId"::text`, label: Prisma.sql`(SELECT name FROM "District" WHERE id = r.key::uuid)`, enterprise: true },
  SECTOR: { key: Prisma.sql`x.sector::text`, label: Prisma.sql`r.key`, enterprise: true },
};

/** The IKM's own columns a key reads: one index probe of Enterprise per participating IKM. */
const ENTERPRISE = {
  columns: Prisma.sql`, en.sector, en."sentraId", en."districtId"`,
  join: Prisma.sql`CROSS JOIN LATERAL (SELECT sector, "sentraId", "districtId" FROM "Enterprise" WHERE id = i.eid OFFSET 0) en`,
};

/** Statuses that count as having reached a lead stage, now or earlier in the lead's history. */
const CONTACTED = ['CONTACTED', 'IN_REVIEW', 'APPROVED', 'DISBURSED'];
const APPROVED = ['APPROVED', 'DISBURSED'];

export type FunnelReportRow = FunnelRow & { key: string; label: string };
export type FunnelReport = { dimension: ReportDimension; year: number; rows: FunnelReportRow[]; total: FunnelReportRow };

/** The funnel counts, each with the number of IKM that have a part in it (named `<count>Ikm`). */
const COUNTS = ['meetingRequests', 'meetingsHeld', 'deals', 'followUps3', 'followUps6', 'financingNeeds', 'leadsContacted', 'leadsApproved', 'leadsDisbursed'] as const;

/** A row of the funnel statement: one group (key and label null: the whole year), already summed. */
type Raw = { key: string | null; label: string | null; participants: number; dealValue: string; approvedValue: string; disbursedValue: string; cells: [string, string, number, string, string][] | null } & Record<
  (typeof COUNTS)[number] | `${(typeof COUNTS)[number]}Ikm`,
  number
>;

/**
 * The statement of the funnel: one row per group and one for the whole year, every sum and every
 * count of IKM behind a sum done in the database, so a report moves a few dozen rows, not one per
 * participant. Every step starts from the year's participants (a few thousand), never from the
 * registry, and reads each participating IKM's Enterprise and TurnoverGrowthShare row once.
 *
 * - `c`: what each IKM gave each group: its requests (sent or received at the group's forums) and
 *   the meetings of those, its needs from its first forum of the group to 12 months later, with
 *   their leads' furthest stage; `t`: the same per IKM for the whole year (meetings summed over the
 *   groups, the needs of the group where it has most, from the earliest forum on a tie).
 * - `gm`: each group's and the year's meetings, each meeting once (a meeting between two IKM of a
 *   group is one meeting; both IKM have a part in it for k).
 * - `cells`: the participants with a growth share of the year by (sector, size class of Y − 1).
 */
function funnelSql(dimension: ReportDimension, year: number, from: Date, to: Date): Prisma.Sql {
  const { key, label, enterprise } = KEYS[dimension];
  const ikmCount = (c: string, v: string) => Prisma.raw(`count(*) FILTER (WHERE ${v} > 0)::int AS "${c}Ikm"`);
  return Prisma.sql`
      WITH p AS MATERIALIZED (
        SELECT fp.id AS pid, fp."enterpriseId" AS eid, s.id AS sid, s.date AS fdate
        FROM "MatchmakingSession" s JOIN "ForumParticipant" fp ON fp."sessionId" = s.id AND fp."enterpriseId" IS NOT NULL
        WHERE s.date >= ${from} AND s.date < ${to} AND s.status <> 'CANCELLED'
      ),
      e AS MATERIALIZED (
        -- OFFSET 0 keeps these index probes per IKM instead of scans of the whole registry.
        SELECT i.eid, g.sector::text AS "shareSector", g."sizeClass", g.before, g.after ${enterprise ? ENTERPRISE.columns : Prisma.empty}
        FROM (SELECT DISTINCT eid FROM p) i ${enterprise ? ENTERPRISE.join : Prisma.empty}
        LEFT JOIN LATERAL (SELECT sector, "sizeClass", before, after FROM "TurnoverGrowthShare" WHERE "enterpriseId" = i.eid AND year = ${year} OFFSET 0) g ON true
      ),
      k AS MATERIALIZED (SELECT ${key} AS key, x.pid, x.eid, x.sid, x.fdate FROM (SELECT * FROM p JOIN e USING (eid)) x),
      kr AS MATERIALIZED (
        SELECT k.key, k.eid, r.id AS rid FROM k JOIN "MeetingRequest" r ON r."sessionId" = k.sid AND r."requesterId" = k.pid
        UNION ALL
        SELECT k.key, k.eid, r.id FROM k JOIN "MeetingRequest" r ON r."recipientId" = k.pid
      ),
      fu AS (
        SELECT "meetingId", bool_or("monthsAfter" = 3) AS fu3, bool_or("monthsAfter" = 6) AS fu6 FROM "MeetingFollowUp" GROUP BY "meetingId"
      ),
      mr AS MATERIALIZED (
        SELECT r.rid, coalesce(mt.status = 'HELD', false) AS held, coalesce(mt.status = 'HELD' AND mt.outcome = 'DEAL', false) AS deal, mt."dealValue",
          coalesce(mt.status = 'HELD' AND fu.fu3, false) AS fu3, coalesce(mt.status = 'HELD' AND fu.fu6, false) AS fu6
        FROM (SELECT DISTINCT rid FROM kr) r LEFT JOIN "Meeting" mt ON mt."requestId" = r.rid LEFT JOIN fu ON fu."meetingId" = mt.id
      ),
      im AS (
        SELECT kr.key, kr.eid, count(*)::int AS requests, count(*) FILTER (WHERE held)::int AS held, count(*) FILTER (WHERE deal)::int AS deals,
          count(*) FILTER (WHERE fu3)::int AS fu3, count(*) FILTER (WHERE fu6)::int AS fu6
        FROM kr JOIN mr USING (rid) GROUP BY kr.key, kr.eid
      ),
      gm AS (
        SELECT x.key, count(*)::int AS requests, count(*) FILTER (WHERE held)::int AS held, count(*) FILTER (WHERE deal)::int AS deals,
          coalesce(sum("dealValue") FILTER (WHERE deal), 0)::text AS "dealValue", count(*) FILTER (WHERE fu3)::int AS fu3, count(*) FILTER (WHERE fu6)::int AS fu6
        FROM (SELECT DISTINCT key, rid FROM kr UNION ALL SELECT DISTINCT NULL, rid FROM kr) x JOIN mr USING (rid) GROUP BY x.key
      ),
      ikm AS MATERIALIZED (SELECT key, eid, min(fdate) AS first FROM k GROUP BY key, eid),
      need AS (
        SELECT i.key, i.eid, n.amount, l.contacted, l.approved, l.disbursed
        FROM ikm i JOIN "FinancingNeed" n ON n."enterpriseId" = i.eid AND n."createdAt" >= i.first AND n."createdAt" < i.first + INTERVAL '12 months'
        CROSS JOIN LATERAL (
          SELECT coalesce(bool_or(lr.status::text = ANY(${CONTACTED})
              OR EXISTS (SELECT 1 FROM "LeadStatusChange" h WHERE h."reviewId" = lr.id AND h."toStatus"::text = ANY(${CONTACTED}))), false) AS contacted,
            coalesce(bool_or(lr.status::text = ANY(${APPROVED})
              OR EXISTS (SELECT 1 FROM "LeadStatusChange" h WHERE h."reviewId" = lr.id AND h."toStatus"::text = ANY(${APPROVED}))), false) AS approved,
            sum(lr."disbursedAmount") FILTER (WHERE lr.status = 'DISBURSED') AS disbursed
          FROM "LeadReview" lr WHERE lr."financingNeedId" = n.id
        ) l
      ),
      nd AS (
        SELECT key, eid, count(*)::int AS needs, count(*) FILTER (WHERE contacted)::int AS contacted,
          count(*) FILTER (WHERE approved)::int AS approved, coalesce(sum(amount) FILTER (WHERE approved), 0) AS "approvedValue",
          count(*) FILTER (WHERE disbursed IS NOT NULL)::int AS disbursed, coalesce(sum(disbursed), 0) AS "disbursedValue"
        FROM need GROUP BY key, eid
      ),
      c AS MATERIALIZED (
        SELECT i.key, i.eid, i.first, coalesce(im.requests, 0) AS requests, coalesce(im.held, 0) AS held, coalesce(im.deals, 0) AS deals,
          coalesce(im.fu3, 0) AS fu3, coalesce(im.fu6, 0) AS fu6, coalesce(nd.needs, 0) AS needs, coalesce(nd.contacted, 0) AS contacted,
          coalesce(nd.approved, 0) AS approved, coalesce(nd."approvedValue", 0) AS "approvedValue",
          coalesce(nd.disbursed, 0) AS disbursed, coalesce(nd."disbursedValue", 0) AS "disbursedValue"
        FROM ikm i LEFT JOIN im USING (key, eid) LEFT JOIN nd USING (key, eid)
      ),
      t AS (
        SELECT NULL::text AS key, m.eid, m.requests, m.held, m.deals, m.fu3, m.fu6,
          n.needs, n.contacted, n.approved, n."approvedValue", n.disbursed, n."disbursedValue"
        FROM (SELECT eid, sum(requests) AS requests, sum(held) AS held, sum(deals) AS deals, sum(fu3) AS fu3, sum(fu6) AS fu6 FROM c GROUP BY eid) m
        JOIN (SELECT DISTINCT ON (eid) * FROM c ORDER BY eid, needs DESC, first) n USING (eid)
      ),
      ct AS MATERIALIZED (
        SELECT key, eid, requests, held, deals, fu3, fu6, needs, contacted, approved, "approvedValue", disbursed, "disbursedValue" FROM c
        UNION ALL SELECT * FROM t
      ),
      r AS (
        SELECT key, count(*)::int AS participants, ${ikmCount('meetingRequests', 'requests')}, ${ikmCount('meetingsHeld', 'held')},
          ${ikmCount('deals', 'deals')}, ${ikmCount('followUps3', 'fu3')}, ${ikmCount('followUps6', 'fu6')},
          sum(needs)::int AS "financingNeeds", ${ikmCount('financingNeeds', 'needs')}, sum(contacted)::int AS "leadsContacted", ${ikmCount('leadsContacted', 'contacted')},
          sum(approved)::int AS "leadsApproved", ${ikmCount('leadsApproved', 'approved')}, sum("approvedValue")::text AS "approvedValue",
          sum(disbursed)::int AS "leadsDisbursed", ${ikmCount('leadsDisbursed', 'disbursed')}, sum("disbursedValue")::text AS "disbursedValue"
        FROM ct GROUP BY key
      ),
      cells AS (
        SELECT key, json_agg(json_build_array(sector, "sizeClass", ikm, before::text, after::text)) AS cells
        FROM (
          SELECT ct.key, e."shareSector" AS sector, e."sizeClass", count(*)::int AS ikm, sum(e.before) AS before, sum(e.after) AS after
          FROM ct JOIN e USING (eid) WHERE e.before IS NOT NULL GROUP BY 1, 2, 3
        ) g GROUP BY key
      )
      SELECT r.key, CASE WHEN r.key IS NOT NULL THEN ${label} END AS label, r.participants,
        coalesce(gm.requests, 0) AS "meetingRequests", coalesce(gm.held, 0) AS "meetingsHeld", coalesce(gm.deals, 0) AS deals,
        coalesce(gm."dealValue", '0') AS "dealValue", coalesce(gm.fu3, 0) AS "followUps3", coalesce(gm.fu6, 0) AS "followUps6",
        r."meetingRequestsIkm", r."meetingsHeldIkm", r."dealsIkm", r."followUps3Ikm", r."followUps6Ikm",
        r."financingNeeds", r."financingNeedsIkm", r."leadsContacted", r."leadsContactedIkm", r."leadsApproved", r."leadsApprovedIkm",
        r."approvedValue", r."leadsDisbursed", r."leadsDisbursedIkm", r."disbursedValue", cells.cells
      FROM r LEFT JOIN gm ON gm.key IS NOT DISTINCT FROM r.key LEFT JOIN cells ON cells.key IS NOT DISTINCT FROM r.key
      ORDER BY r.key IS NULL, label, r.key`;
}

/**
 * The funnel of one year by one dimension: one statement for the groups' and the year's sums, one
 * small read of the comparison cells. Forums count by their date in the year (cancelled forums
 * excluded); an IKM's financing needs count from its first forum of the row in that year to 12
 * months later, with their leads' furthest stage. A meeting is one meeting: a row and the total
 * count it once, even when both sides are IKM of the row.
 */
export async function funnelReport(ctx: Pick<Context, 'prisma'>, dimension: ReportDimension, year: number): Promise<FunnelReport> {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const [raw, allCells] = await Promise.all([ctx.prisma.$queryRaw<Raw[]>(funnelSql(dimension, year, from, to)), yearOnYearCells(ctx, year)]);
  const groups = raw.filter((r) => r.key !== null).map((r) => ({ key: r.key!, label: r.label!, sums: sumsOf(r) }));
  const whole = raw.find((r) => r.key === null);
  const total = whole ? sumsOf(whole) : NOTHING;
  // The comparison groups are every IKM with both years less the year's participants, each once.
  const comparison = withoutParticipants(allCells, total.growthCells);
  return {
    dimension,
    year,
    rows: groups.map((g) => ({ key: g.key, label: g.label, ...funnelRow(g.sums, comparison) })),
    total: { key: 'total', label: 'All', ...funnelRow(total, comparison) },
  };
}

const NONE = { value: 0, ikm: 0 };
const NOTHING: FunnelSums = {
  participants: 0,
  ...(Object.fromEntries(COUNTS.map((c) => [c, NONE])) as Record<(typeof COUNTS)[number], Tally>),
  dealValue: 0n,
  approvedValue: 0n,
  disbursedValue: 0n,
  growthCells: [],
};

function sumsOf(r: Raw): FunnelSums {
  return {
    participants: r.participants,
    ...(Object.fromEntries(COUNTS.map((c) => [c, { value: r[c], ikm: r[`${c}Ikm`] }])) as Record<(typeof COUNTS)[number], Tally>),
    dealValue: BigInt(r.dealValue),
    approvedValue: BigInt(r.approvedValue),
    disbursedValue: BigInt(r.disbursedValue),
    growthCells: (r.cells ?? []).map(([sector, size, ikm, before, after]) => ({ sector, sizeClass: size as SizeClass, ikm, before: BigInt(before), after: BigInt(after) })),
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

/** The comparison cells less the participants' own cells (the same sector and size class). */
function withoutParticipants(cells: readonly ComparisonCell[], participants: readonly ComparisonCell[]): ComparisonCell[] {
  const byKey = new Map(cells.map((c) => [`${c.sector}|${c.sizeClass}`, { ...c }]));
  for (const p of participants) {
    const cell = byKey.get(`${p.sector}|${p.sizeClass}`);
    if (!cell) continue;
    cell.ikm -= p.ikm;
    cell.before -= p.before;
    cell.after -= p.after;
  }
  return [...byKey.values()];
}
