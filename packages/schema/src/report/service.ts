import type { Context } from '../context';
import type { SizeClass } from '../domain/size-class';
import { K_ANONYMITY } from '../domain/anonymity';
import { contributors } from '../domain/report/cells';
import { type ComparisonCell, contributorsOf, type DeliveryCells, deliveryCells, type FunnelRow, type FunnelSums, funnelRow, type Tally, withComplements } from '../domain/report/funnel';
import { Prisma } from '../generated/prisma/client';

export type ReportDimension = 'FORUM' | 'SENTRA' | 'DISTRICT' | 'SECTOR';

/**
 * The grouping key of `x` (a participant's ForumFunnelEntry, or an Enterprise: the same columns) and
 * the group's label from its key, per dimension: fixed SQL fragments, never built from input.
 */
const KEYS: Record<ReportDimension, { key: Prisma.Sql; label: Prisma.Sql }> = {
  FORUM: { key: Prisma.sql`x."sessionId"::text`, label: Prisma.sql`(SELECT title FROM "MatchmakingSession" WHERE id = r.key::uuid)` },
  SENTRA: {
    key: Prisma.sql`coalesce(x."sentraId"::text, 'none')`,
    label: Prisma.sql`CASE WHEN r.key = 'none' THEN 'Independent IKM (no sentra)' ELSE (SELECT name FROM "Sentra" WHERE id = r.key::uuid) END`,
  },
  DISTRICT: { key: Prisma.sql`x."districtId"::text`, label: Prisma.sql`(SELECT name FROM "District" WHERE id = r.key::uuid)` },
  SECTOR: { key: Prisma.sql`x.sector::text`, label: Prisma.sql`r.key` },
};

export type FunnelReportRow = FunnelRow & DeliveryCells & { key: string; label: string };
export type FunnelReport = { dimension: ReportDimension; year: number; rows: FunnelReportRow[]; total: FunnelReportRow };

/** The funnel counts, each with the number of IKM that have a part in it (named `<count>Ikm`). */
const COUNTS = ['meetingRequests', 'meetingsHeld', 'deals', 'followUps3', 'followUps6', 'financingNeeds', 'leadsContacted', 'leadsApproved', 'leadsDisbursed'] as const;

/**
 * A row of the funnel statement: one group (key and label null: the whole year), already summed;
 * `<count>Ids` (and `participantIds`, a growth cell's sixth item) list the IKM behind a figure of
 * fewer than k, for the complement rule.
 */
type Raw = {
  key: string | null;
  label: string | null;
  participants: number;
  participantIds: string[] | null;
  dealValue: string;
  approvedValue: string;
  disbursedValue: string;
  cells: [string, string, number, string, string, string[] | null][] | null;
} & Record<(typeof COUNTS)[number] | `${(typeof COUNTS)[number]}Ikm`, number> &
  Record<`${(typeof COUNTS)[number]}Ids`, string[] | null>;

/** The columns of `c` and `t`: an IKM's part in a group (or in the year). */
const PART = 'requests, held, deals, fu3, fu6, needs, contacted, approved, "approvedValue", disbursed, "disbursedValue", "shareSector", "sizeClass", before, after';

/** By forum, an IKM has one entry per group (one participation per forum). */
const ONE_ENTRY = Prisma.raw(`SELECT key, "enterpriseId" AS eid, "forumDate" AS first, requests, held, deals, "followUps3" AS fu3, "followUps6" AS fu6,
  needs, contacted, approved, "approvedValue", disbursed, "disbursedValue", "shareSector", "sizeClass", before, after FROM k`);

/**
 * By sentra, kecamatan or sector an IKM is in one group, with an entry per forum of the year: its
 * meetings summed, its needs and growth share from its first forum.
 */
const ENTRIES_OF_IKM = Prisma.raw(`SELECT key, eid, first, ${PART} FROM (
  SELECT key, "enterpriseId" AS eid, "forumDate" AS first, sum(requests) OVER w AS requests, sum(held) OVER w AS held, sum(deals) OVER w AS deals,
    sum("followUps3") OVER w AS fu3, sum("followUps6") OVER w AS fu6, needs, contacted, approved, "approvedValue", disbursed, "disbursedValue",
    "shareSector", "sizeClass", before, after, row_number() OVER (w ORDER BY "forumDate") AS n
  FROM k WINDOW w AS (PARTITION BY "enterpriseId")
) x WHERE n = 1`);

/** For the year, an IKM in one group is that group's part. */
const IKM_IN_ONE_GROUP = Prisma.raw(`SELECT NULL::text AS key, eid, ${PART} FROM c`);

/**
 * For the year by forum, an IKM at several forums: its meetings summed over them, its needs those
 * of the forum where it has most (the earliest on a tie), its growth share the year's.
 */
const IKM_OVER_FORUMS = Prisma.raw(`SELECT NULL::text AS key, eid, ${PART} FROM (
  SELECT eid, sum(requests) OVER w AS requests, sum(held) OVER w AS held, sum(deals) OVER w AS deals, sum(fu3) OVER w AS fu3, sum(fu6) OVER w AS fu6,
    needs, contacted, approved, "approvedValue", disbursed, "disbursedValue", "shareSector", "sizeClass", before, after,
    row_number() OVER (w ORDER BY needs DESC, first) AS n
  FROM c WINDOW w AS (PARTITION BY eid)
) x WHERE n = 1`);

/**
 * The statement of the funnel: one row per group and one for the whole year, every sum and every
 * count of IKM behind a sum done in the database over the year's ForumFunnelEntry rows (one per IKM
 * and forum, a few thousand, kept by triggers from the requests, meetings, needs, leads, the IKM and
 * its growth share), so a report reads neither those tables nor the registry and moves a few dozen
 * rows.
 *
 * - `c`: what each IKM gave each group: its requests and meetings at the group's forums, its needs
 *   and growth share from its first forum of the group (needs count from that forum's date to 12
 *   months later); `t`: the same per IKM for the whole year. One window pass either way: by forum
 *   `c` is the entries and `t` merges an IKM's forums; otherwise `c` merges them and `t` is `c`.
 * - `gm`: each group's and the year's meetings, each meeting once: a request between two IKM
 *   (`peer`, the few entries with ikmRequests) is in both entries, so it is taken off once where
 *   both IKM are in the row; both IKM still have a part in it for k.
 * - `cells`: the participants with a growth share of the year by (sector, size class of Y − 1).
 */
/** Rows of `x` (a funnel entry or an enterprise) in the kabupaten/kota, or all when null. */
function inRegency(regencyId: string | null): Prisma.Sql {
  return regencyId === null ? Prisma.empty : Prisma.sql`AND x."districtId" IN (SELECT id FROM "District" WHERE "regencyId" = ${regencyId}::uuid)`;
}

function funnelSql(dimension: ReportDimension, from: Date, to: Date, regencyId: string | null): Prisma.Sql {
  const { key, label } = KEYS[dimension];
  // The IKM behind a count, and which ones when fewer than k (the complement rule needs only those,
  // and only for the groups: the year's row, every participant, is left out of the lists).
  const ikmCount = (c: string, v: string) =>
    Prisma.raw(`count(*) FILTER (WHERE ${v} > 0)::int AS "${c}Ikm",
      CASE WHEN count(*) FILTER (WHERE ${v} > 0) < ${K_ANONYMITY} THEN json_agg(eid) FILTER (WHERE ${v} > 0 AND key IS NOT NULL) END AS "${c}Ids"`);
  return Prisma.sql`
      WITH k AS MATERIALIZED (
        SELECT ${key} AS key, x.* FROM "ForumFunnelEntry" x JOIN "MatchmakingSession" s ON s.id = x."sessionId" AND s.status <> 'CANCELLED'
        WHERE x."forumDate" >= ${from} AND x."forumDate" < ${to} ${inRegency(regencyId)}
      ),
      peer AS (
        SELECT a.key, a.key = (SELECT ${key} FROM "ForumFunnelEntry" x WHERE x."participantId" = r."recipientId") AS same,
          1 AS requests, (mt.status = 'HELD')::int AS held, (mt.status = 'HELD' AND mt.outcome = 'DEAL')::int AS deals,
          CASE WHEN mt.status = 'HELD' AND mt.outcome = 'DEAL' THEN mt."dealValue" ELSE 0 END AS "dealValue",
          (mt.status = 'HELD' AND EXISTS (SELECT 1 FROM "MeetingFollowUp" f WHERE f."meetingId" = mt.id AND f."monthsAfter" = 3))::int AS fu3,
          (mt.status = 'HELD' AND EXISTS (SELECT 1 FROM "MeetingFollowUp" f WHERE f."meetingId" = mt.id AND f."monthsAfter" = 6))::int AS fu6
        FROM k a JOIN "MeetingRequest" r ON r."sessionId" = a."sessionId" AND r."requesterId" = a."participantId"
        JOIN "ForumParticipant" o ON o.id = r."recipientId" AND o."enterpriseId" IS NOT NULL
        LEFT JOIN "Meeting" mt ON mt."requestId" = r.id
        WHERE a."ikmRequests" > 0
      ),
      gm AS (
        SELECT key, sum(requests)::int AS requests, sum(held)::int AS held, sum(deals)::int AS deals, sum("dealValue")::text AS "dealValue",
          sum(fu3)::int AS fu3, sum(fu6)::int AS fu6
        FROM (
          SELECT key, sum(requests)::int AS requests, sum(held)::int AS held, sum(deals)::int AS deals, sum("dealValue") AS "dealValue",
            sum("followUps3")::int AS fu3, sum("followUps6")::int AS fu6
          FROM k GROUP BY GROUPING SETS ((key), ())
          UNION ALL
          SELECT key, -sum(requests)::int, -sum(held)::int, -sum(deals)::int, -sum(coalesce("dealValue", 0)), -sum(fu3)::int, -sum(fu6)::int
          FROM peer WHERE same GROUP BY key
          UNION ALL
          SELECT NULL, -sum(requests)::int, -sum(held)::int, -sum(deals)::int, -sum(coalesce("dealValue", 0)), -sum(fu3)::int, -sum(fu6)::int FROM peer
        ) x GROUP BY key
      ),
      c AS MATERIALIZED (${dimension === 'FORUM' ? ONE_ENTRY : ENTRIES_OF_IKM}),
      t AS (${dimension === 'FORUM' ? IKM_OVER_FORUMS : IKM_IN_ONE_GROUP}),
      ct AS MATERIALIZED (SELECT key, eid, ${Prisma.raw(PART)} FROM c UNION ALL SELECT * FROM t),
      r AS (
        SELECT key, count(*)::int AS participants, CASE WHEN count(*) < ${K_ANONYMITY} THEN json_agg(eid) FILTER (WHERE key IS NOT NULL) END AS "participantIds", ${ikmCount('meetingRequests', 'requests')}, ${ikmCount('meetingsHeld', 'held')},
          ${ikmCount('deals', 'deals')}, ${ikmCount('followUps3', 'fu3')}, ${ikmCount('followUps6', 'fu6')},
          sum(needs)::int AS "financingNeeds", ${ikmCount('financingNeeds', 'needs')}, sum(contacted)::int AS "leadsContacted", ${ikmCount('leadsContacted', 'contacted')},
          sum(approved)::int AS "leadsApproved", ${ikmCount('leadsApproved', 'approved')}, sum("approvedValue")::text AS "approvedValue",
          sum(disbursed)::int AS "leadsDisbursed", ${ikmCount('leadsDisbursed', 'disbursed')}, sum("disbursedValue")::text AS "disbursedValue"
        FROM ct GROUP BY key
      ),
      cells AS (
        SELECT key, json_agg(json_build_array(sector, "sizeClass", ikm, before::text, after::text, ids)) AS cells
        FROM (
          SELECT key, "shareSector"::text AS sector, "sizeClass", count(*)::int AS ikm, sum(before) AS before, sum(after) AS after,
            CASE WHEN count(*) < ${K_ANONYMITY} THEN json_agg(eid) FILTER (WHERE key IS NOT NULL) END AS ids
          FROM ct WHERE before IS NOT NULL GROUP BY 1, 2, 3
        ) g GROUP BY key
      )
      SELECT r.key, CASE WHEN r.key IS NOT NULL THEN ${label} END AS label, r.participants, r."participantIds",
        coalesce(gm.requests, 0) AS "meetingRequests", coalesce(gm.held, 0) AS "meetingsHeld", coalesce(gm.deals, 0) AS deals,
        coalesce(gm."dealValue", '0') AS "dealValue", coalesce(gm.fu3, 0) AS "followUps3", coalesce(gm.fu6, 0) AS "followUps6",
        r."meetingRequestsIkm", r."meetingsHeldIkm", r."dealsIkm", r."followUps3Ikm", r."followUps6Ikm",
        r."meetingRequestsIds", r."meetingsHeldIds", r."dealsIds", r."followUps3Ids", r."followUps6Ids",
        r."financingNeeds", r."financingNeedsIkm", r."financingNeedsIds", r."leadsContacted", r."leadsContactedIkm", r."leadsContactedIds",
        r."leadsApproved", r."leadsApprovedIkm", r."leadsApprovedIds", r."approvedValue", r."leadsDisbursed", r."leadsDisbursedIkm", r."leadsDisbursedIds",
        r."disbursedValue", cells.cells
      FROM r LEFT JOIN gm ON gm.key IS NOT DISTINCT FROM r.key LEFT JOIN cells ON cells.key IS NOT DISTINCT FROM r.key
      ORDER BY r.key IS NULL, label, r.key`;
}

/**
 * The consortium deliveries of the year (by day delivered, `ConsortiumDelivery_deliveredOn_idx`) by
 * the delivering member's sentra, kecamatan or sector now, one row per group and one (key null) for
 * the year: the deliveries and the IKM that delivered them (what k counts). By forum only the year's:
 * a delivery answers a buy request, not a forum. Every delivery of the year counts, the member at a
 * forum or not (the consortium is the funnel's follow-through, not only for participants).
 */
function deliveriesSql(dimension: ReportDimension, from: Date, to: Date, regencyId: string | null): Prisma.Sql {
  const key = dimension === 'FORUM' ? null : KEYS[dimension].key;
  return Prisma.sql`
      SELECT ${key ?? Prisma.sql`NULL::text`} AS key, count(*)::int AS value, count(DISTINCT s."enterpriseId")::int AS ikm,
        CASE WHEN count(DISTINCT s."enterpriseId") < ${K_ANONYMITY} THEN json_agg(DISTINCT s."enterpriseId") END AS ids
      FROM "ConsortiumDelivery" d JOIN "ConsortiumShare" s ON s.id = d."shareId" JOIN "Enterprise" x ON x.id = s."enterpriseId"
      WHERE d."deliveredOn" >= ${from} AND d."deliveredOn" < ${to} ${inRegency(regencyId)}
      ${key ? Prisma.sql`GROUP BY GROUPING SETS ((${key}), ())` : Prisma.empty}`;
}

/**
 * The funnel of one year by one dimension: one statement for the groups' and the year's sums, one
 * small read of the comparison cells, one of the consortium deliveries; with a regency, only
 * participants and deliveries of IKM in its kecamatan (the comparison cells stay province-wide). Forums count by their date in the year (cancelled forums
 * excluded); an IKM's financing needs count from its first forum of the row in that year to 12
 * months later, with their leads' furthest stage. A meeting is one meeting: a row and the total
 * count it once, even when both sides are IKM of the row.
 */
export async function funnelReport(
  ctx: Pick<Context, 'prisma'>,
  dimension: ReportDimension,
  year: number,
  regencyId: string | null = null,
): Promise<FunnelReport> {
  const from = new Date(Date.UTC(year, 0, 1));
  const to = new Date(Date.UTC(year + 1, 0, 1));
  const [raw, allCells, delivered] = await Promise.all([
    ctx.prisma.$queryRaw<Raw[]>(funnelSql(dimension, from, to, regencyId)),
    yearOnYearCells(ctx, year),
    ctx.prisma.$queryRaw<(Tally & { key: string | null })[]>(deliveriesSql(dimension, from, to, regencyId)),
  ]);
  const deliveries = new Map<string | null, Tally>(delivered.map((d) => [d.key, d]));
  const groups = raw.filter((r) => r.key !== null).map((r) => ({ key: r.key!, label: r.label!, sums: sumsOf(r) }));
  const whole = raw.find((r) => r.key === null);
  const total = whole ? sumsOf(whole) : NOTHING;
  // The comparison groups are every IKM with both years less the year's participants, each once.
  const comparison = withoutParticipants(allCells, total.growthCells);
  const delivery = (key: string) => (dimension === 'FORUM' ? null : (deliveries.get(key) ?? NONE));
  const rows = groups.map((g) => ({ key: g.key, label: g.label, ...funnelRow(g.sums, comparison), ...deliveryCells(delivery(g.key)) }));
  // Deliveries of groups with no participant that year are in the total but in no row.
  const listed = new Set(groups.map((g) => g.key));
  const unlistedDeliveries = delivered.filter((d) => d.key !== null && !listed.has(d.key)).map((d) => contributors(d.ikm, d.ids));
  return {
    dimension,
    year,
    rows: withComplements(
      rows,
      groups.map((g) => contributorsOf(g.sums, comparison, delivery(g.key))),
      { consortiumDeliveries: unlistedDeliveries },
    ),
    total: { key: 'total', label: 'All', ...funnelRow(total, comparison), ...deliveryCells(deliveries.get(null) ?? NONE) },
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
    participantIds: r.participantIds,
    ...(Object.fromEntries(COUNTS.map((c) => [c, { value: r[c], ikm: r[`${c}Ikm`], ids: r[`${c}Ids`] }])) as Record<(typeof COUNTS)[number], Tally>),
    dealValue: BigInt(r.dealValue),
    approvedValue: BigInt(r.approvedValue),
    disbursedValue: BigInt(r.disbursedValue),
    growthCells: (r.cells ?? []).map(([sector, size, ikm, before, after, ids]) => ({ sector, sizeClass: size as SizeClass, ikm, before: BigInt(before), after: BigInt(after), ids })),
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
