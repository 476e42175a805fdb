import type { SizeClass } from '../size-class';
import { K_ANONYMITY } from '../anonymity';
import { type Cell, type Contributors, cell, complement, contributors, HIDDEN } from './cells';

/**
 * A count of a funnel row and the number of IKM with a part in it (what the k rule counts), with
 * those IKM listed when fewer than k (for the complement rule; none listed: none).
 */
export type Tally = { value: number; ikm: number; ids?: readonly string[] | null };

/**
 * One row of the funnel (one forum, sentra, kecamatan or sector in one year, or the whole year)
 * as the database sums it: the participants, each count with the IKM behind it, the amounts, and
 * the participants whose growth is measured, by (sector, size class of the year before).
 */
export type FunnelSums = {
  participants: number;
  /** The participants when fewer than k. */
  participantIds?: readonly string[] | null;
  meetingRequests: Tally;
  meetingsHeld: Tally;
  deals: Tally;
  followUps3: Tally;
  followUps6: Tally;
  financingNeeds: Tally;
  leadsContacted: Tally;
  leadsApproved: Tally;
  leadsDisbursed: Tally;
  dealValue: bigint;
  approvedValue: bigint;
  disbursedValue: bigint;
  /** Participants with a positive turnover in Y − 1 and a turnover in Y: count (ikm) and sums per cell. */
  growthCells: ComparisonCell[];
};

/** The growth comparison in words, for the schema, the report pages and the exports. */
export const GROWTH_METHOD = `Method: turnover (omzet) of the report year Y against Y − 1, from the yearly figures (an estimate counts for Y when it is the current year). Participants are the row's IKM with a positive turnover in Y − 1 and a turnover in Y; their growth is Σ turnover(Y) ÷ Σ turnover(Y − 1) − 1. Comparable non-participants are IKM at no forum in Y with both years recorded, in the same sector and the same size class of Y − 1 (PP 7/2021 art. 35(5), by sales); each (sector, size class) group grows by its own ratio of sums, and the comparison is those growths weighted by the participants' turnover of Y − 1 in each group (direct standardisation to the participants' mix). Groups with fewer than ${K_ANONYMITY} non-participants are left out of both sides. This is a descriptive comparison, not a causal estimate: IKM choose to come to forums.`;

/** Turnover totals of IKM in one (sector, size class) cell; a row's cells list their IKM when fewer than k. */
export type ComparisonCell = { sector: string; sizeClass: SizeClass; ikm: number; before: bigint; after: bigint; ids?: readonly string[] | null };

export type Growth = {
  /** Turnover growth of the participants, in percent, one decimal. */
  participantsPercent: Cell<number>;
  /** Growth of comparable non-participants, weighted to the participants' mix, in percent, one decimal. */
  comparisonPercent: Cell<number>;
  /** Participants whose growth is measured. */
  participants: Cell<number>;
  /** Non-participants they are compared with. */
  comparables: Cell<number>;
};

export type FunnelRow = {
  participants: Cell<number>;
  meetingRequests: Cell<number>;
  meetingsHeld: Cell<number>;
  deals: Cell<number>;
  dealValue: Cell<bigint>;
  followUps3: Cell<number>;
  followUps6: Cell<number>;
  financingNeeds: Cell<number>;
  leadsContacted: Cell<number>;
  leadsApproved: Cell<number>;
  approvedValue: Cell<bigint>;
  leadsDisbursed: Cell<number>;
  disbursedValue: Cell<bigint>;
  turnoverGrowth: Growth;
};

const COUNTS = [
  'meetingRequests',
  'meetingsHeld',
  'deals',
  'followUps3',
  'followUps6',
  'financingNeeds',
  'leadsContacted',
  'leadsApproved',
  'leadsDisbursed',
] as const;

/**
 * One row of the funnel from its sums: each count suppressed when fewer than k IKM have a part in
 * it; a value (deals, approved, disbursed) carries the suppression of its count. The meeting counts
 * count each meeting once (a meeting between two IKM of the row is one meeting), while the IKM
 * behind them are every IKM with a part, both sides of a meeting between two IKM.
 */
export function funnelRow(sums: FunnelSums, comparison: readonly ComparisonCell[]): FunnelRow {
  const counts = Object.fromEntries(COUNTS.map((key) => [key, cell(sums[key].value, sums[key].ikm)])) as Record<(typeof COUNTS)[number], Cell<number>>;
  const money = (key: 'dealValue' | 'approvedValue' | 'disbursedValue', count: (typeof COUNTS)[number]): Cell<bigint> =>
    counts[count].suppressed ? HIDDEN : { value: sums[key], suppressed: false };
  return {
    participants: cell(sums.participants, sums.participants),
    ...counts,
    dealValue: money('dealValue', 'deals'),
    approvedValue: money('approvedValue', 'leadsApproved'),
    disbursedValue: money('disbursedValue', 'leadsDisbursed'),
    turnoverGrowth: growth(sums.growthCells, comparison),
  };
}

/** A row's consortium deliveries (issue 19); null by forum, where a delivery belongs to no forum. */
export type DeliveryCells = { consortiumDeliveries: Cell<number> | null; consortiumDeliveringIkm: Cell<number> | null };

/**
 * The deliveries of a row from their tally (deliveries, and the IKM that delivered them), under the
 * same k as every count: fewer than k IKM delivering suppresses both. `null`: not tied to the rows.
 */
export function deliveryCells(tally: Tally | null): DeliveryCells {
  if (!tally) return { consortiumDeliveries: null, consortiumDeliveringIkm: null };
  return { consortiumDeliveries: cell(tally.value, tally.ikm), consortiumDeliveringIkm: cell(tally.ikm, tally.ikm) };
}

const GROWTH_HIDDEN: Growth = { participantsPercent: HIDDEN, comparisonPercent: HIDDEN, participants: HIDDEN, comparables: HIDDEN };

/** The participants' cells that have a comparison group of at least k IKM, with that group. */
function compared(participants: readonly ComparisonCell[], comparison: readonly ComparisonCell[]): [ComparisonCell, ComparisonCell][] {
  const byCell = new Map(comparison.map((c) => [`${c.sector}|${c.sizeClass}`, c]));
  return participants.flatMap((p) => {
    const c = byCell.get(`${p.sector}|${p.sizeClass}`);
    return p.ikm === 0 || !c || c.ikm < K_ANONYMITY || c.before <= 0n ? [] : [[p, c] as [ComparisonCell, ComparisonCell]];
  });
}

const percent = (after: bigint, before: bigint) => Math.round((Number(after) / Number(before) - 1) * 1000) / 10;

/**
 * Turnover growth of participants against comparable non-participants (the method the GraphQL
 * field states): participants with a positive turnover in the year before and a turnover in the
 * report year, grouped by sector and by size class of the year before (PP 7/2021 art. 35(5)), come
 * as `participants` cells; their growth is Σ turnover(year) ÷ Σ turnover(year − 1) − 1. Each
 * group's non-participants (IKM at no forum that year, same sector and size class, both years
 * recorded) grow by their own ratio of sums; the comparison is those ratios weighted by the
 * participants' turnover of the year before in each group (direct standardisation to the
 * participants' mix). Groups with fewer than k non-participants are left out of both sides; either
 * side under k IKM suppresses both.
 */
export function growth(participants: readonly ComparisonCell[], comparison: readonly ComparisonCell[]): Growth {
  let before = 0n;
  let after = 0n;
  let measured = 0;
  let weighted = 0;
  let comparables = 0;
  for (const [p, c] of compared(participants, comparison)) {
    comparables += c.ikm;
    measured += p.ikm;
    before += p.before;
    after += p.after;
    weighted += Number(p.before) * (Number(c.after) / Number(c.before) - 1);
  }
  // Either side under k hides the whole comparison: the counts alone would tell a small group's size.
  if (measured < K_ANONYMITY || comparables < K_ANONYMITY) return GROWTH_HIDDEN;
  return {
    participantsPercent: { value: percent(after, before), suppressed: false },
    comparisonPercent: { value: Math.round((weighted / Number(before)) * 1000) / 10, suppressed: false },
    participants: cell(measured, measured),
    comparables: cell(comparables, comparables),
  };
}

/**
 * The columns a total adds up from its rows, each with the cells that fall with it: a value falls
 * with its count, the growth comparison as a whole, the deliveries with their IKM.
 */
const COLUMNS = {
  participants: ['participants'],
  meetingRequests: ['meetingRequests'],
  meetingsHeld: ['meetingsHeld'],
  deals: ['deals', 'dealValue'],
  followUps3: ['followUps3'],
  followUps6: ['followUps6'],
  financingNeeds: ['financingNeeds'],
  leadsContacted: ['leadsContacted'],
  leadsApproved: ['leadsApproved', 'approvedValue'],
  leadsDisbursed: ['leadsDisbursed', 'disbursedValue'],
  turnoverGrowth: ['turnoverGrowth'],
  consortiumDeliveries: ['consortiumDeliveries', 'consortiumDeliveringIkm'],
} as const;
export type FunnelColumn = keyof typeof COLUMNS;

/** The IKM behind each column of a row, from its sums and deliveries (what `complement` weighs). */
export function contributorsOf(sums: FunnelSums, comparison: readonly ComparisonCell[], deliveries: Tally | null): Record<FunnelColumn, Contributors> {
  const measured = compared(sums.growthCells, comparison).map(([p]) => p);
  const ikm = measured.reduce((n, p) => n + p.ikm, 0);
  return {
    participants: contributors(sums.participants, sums.participantIds),
    ...(Object.fromEntries(COUNTS.map((key) => [key, contributors(sums[key].ikm, sums[key].ids)])) as Record<(typeof COUNTS)[number], Contributors>),
    turnoverGrowth: contributors(ikm, measured.flatMap((p) => p.ids ?? [])),
    consortiumDeliveries: contributors(deliveries?.ikm ?? 0, deliveries?.ids),
  };
}

/**
 * The rows of a report with the complement rule applied to every column (cells.ts `complement`):
 * no subtraction of shown rows from the total reveals a figure of fewer than k IKM. `unlisted`: what
 * a column's total holds in no row. Columns a row does not carry (deliveries by forum) are skipped.
 */
export function withComplements<R extends FunnelRow & DeliveryCells>(rows: readonly R[], by: readonly Record<FunnelColumn, Contributors>[], unlisted: Partial<Record<FunnelColumn, Contributors[]>>): R[] {
  const out = rows.map((r) => ({ ...r }));
  for (const column of Object.keys(COLUMNS) as FunnelColumn[]) {
    const cells = out.map((r) => (column === 'turnoverGrowth' ? r.turnoverGrowth.participants : r[column]));
    if (cells.some((c) => c === null)) continue;
    const extra = complement(cells.map((c, i) => ({ suppressed: c!.suppressed, by: by[i]![column] })), unlisted[column] ?? []);
    if (extra === null) continue;
    const row = out[extra] as Record<string, unknown>;
    for (const name of COLUMNS[column]) row[name] = name === 'turnoverGrowth' ? GROWTH_HIDDEN : HIDDEN;
  }
  return out;
}
