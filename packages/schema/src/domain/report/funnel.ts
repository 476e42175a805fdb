import { sizeClass, type SizeClass } from '../size-class';
import { K_ANONYMITY } from '../anonymity';
import { type Cell, cell } from './cells';

/** What one IKM contributed to one row of the funnel (one forum, sentra, kecamatan or sector in one year). */
export type FunnelIkm = {
  enterpriseId: string;
  sector: string;
  meetingRequests: number;
  meetingsHeld: number;
  deals: number;
  dealValue: bigint;
  followUps3: number;
  followUps6: number;
  financingNeeds: number;
  leadsContacted: number;
  leadsApproved: number;
  approvedValue: bigint;
  leadsDisbursed: number;
  disbursedValue: bigint;
  /** Turnover of the year before the report year (positive) and of the report year; null unless both are recorded. */
  turnoverBefore: bigint | null;
  turnoverYear: bigint | null;
};

/** The growth comparison in words, for the schema, the report pages and the exports. */
export const GROWTH_METHOD = `Method: turnover (omzet) of the report year Y against Y − 1, from the yearly figures (an estimate counts for Y when it is the current year). Participants are the row's IKM with a positive turnover in Y − 1 and a turnover in Y; their growth is Σ turnover(Y) ÷ Σ turnover(Y − 1) − 1. Comparable non-participants are IKM at no forum in Y with both years recorded, in the same sector and the same size class of Y − 1 (PP 7/2021 art. 35(5), by sales); each (sector, size class) group grows by its own ratio of sums, and the comparison is those growths weighted by the participants' turnover of Y − 1 in each group (direct standardisation to the participants' mix). Groups with fewer than ${K_ANONYMITY} non-participants are left out of both sides. This is a descriptive comparison, not a causal estimate: IKM choose to come to forums.`;

/** Turnover totals of comparable non-participants in one (sector, size class) cell. */
export type ComparisonCell = { sector: string; sizeClass: SizeClass; ikm: number; before: bigint; after: bigint };

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

/** A total with the IKM that contributed to it (those with a non-zero part). */
function total<K extends keyof FunnelIkm>(rows: readonly FunnelIkm[], key: K, zero: FunnelIkm[K]) {
  let sum = zero as number | bigint;
  let ikm = 0;
  for (const r of rows) {
    const v = r[key] as number | bigint;
    if (v !== 0 && v !== 0n) ikm += 1;
    sum = (typeof sum === 'bigint' ? sum + (v as bigint) : sum + (v as number));
  }
  return { sum: sum as FunnelIkm[K], ikm };
}

/** The meetings of a row, each counted once: a meeting between two IKM of the row is one meeting. */
export type MeetingTotals = Pick<FunnelIkm, 'meetingRequests' | 'meetingsHeld' | 'deals' | 'dealValue' | 'followUps3' | 'followUps6'>;

const MEETING_COUNTS = ['meetingRequests', 'meetingsHeld', 'deals', 'followUps3', 'followUps6'] as const;

/**
 * One row of the funnel from its IKM's contributions: each count with the IKM behind it, suppressed
 * under k; a value (deals, approved, disbursed) carries the suppression of its count's IKM. The
 * meeting counts and the deal value are `meetings` (each meeting once), while the IKM behind them
 * are every IKM with a part, both sides of a meeting between two IKM.
 */
export function funnelRow(rows: readonly FunnelIkm[], comparison: readonly ComparisonCell[], meetings: MeetingTotals): FunnelRow {
  const counts = Object.fromEntries(
    COUNTS.map((key) => {
      const { sum, ikm } = total(rows, key, 0);
      const value = (MEETING_COUNTS as readonly string[]).includes(key) ? meetings[key as (typeof MEETING_COUNTS)[number]] : (sum as number);
      return [key, cell(value, ikm)];
    }),
  ) as Record<(typeof COUNTS)[number], Cell<number>>;
  const money = (key: 'dealValue' | 'approvedValue' | 'disbursedValue', count: (typeof COUNTS)[number]) => {
    const sum = key === 'dealValue' ? meetings.dealValue : total(rows, key, 0n).sum;
    return counts[count].suppressed ? { value: null, suppressed: true } : { value: sum as bigint, suppressed: false };
  };
  return {
    participants: cell(rows.length, rows.length),
    ...counts,
    dealValue: money('dealValue', 'deals'),
    approvedValue: money('approvedValue', 'leadsApproved'),
    disbursedValue: money('disbursedValue', 'leadsDisbursed'),
    turnoverGrowth: growth(rows, comparison),
  };
}

const percent = (after: bigint, before: bigint) => Math.round((Number(after) / Number(before) - 1) * 1000) / 10;

/**
 * Turnover growth of participants against comparable non-participants (the method the GraphQL
 * field states): participants with a positive turnover in the year before and a turnover in the
 * report year are grouped by sector and by size class of the year before (PP 7/2021 art. 35(5));
 * their growth is Σ turnover(year) ÷ Σ turnover(year − 1) − 1. Each group's non-participants (IKM at
 * no forum that year, same sector and size class, both years recorded) grow by their own ratio of
 * sums; the comparison is those ratios weighted by the participants' turnover of the year before in
 * each group (direct standardisation to the participants' mix). Groups with fewer than k
 * non-participants are left out of both sides; either side under k IKM suppresses both.
 */
export function growth(rows: readonly FunnelIkm[], comparison: readonly ComparisonCell[]): Growth {
  const byCell = new Map(comparison.map((c) => [`${c.sector}|${c.sizeClass}`, c]));
  let before = 0n;
  let after = 0n;
  let measured = 0;
  let weighted = 0;
  const usedCells = new Set<string>();
  for (const r of rows) {
    if (r.turnoverBefore === null || r.turnoverYear === null || r.turnoverBefore <= 0n) continue;
    const size = sizeClass({ annualTurnover: r.turnoverBefore, businessCapital: null }).sizeClass!;
    const key = `${r.sector}|${size}`;
    const c = byCell.get(key);
    if (!c || c.ikm < K_ANONYMITY || c.before <= 0n) continue;
    usedCells.add(key);
    measured += 1;
    before += r.turnoverBefore;
    after += r.turnoverYear;
    weighted += Number(r.turnoverBefore) * (Number(c.after) / Number(c.before) - 1);
  }
  const comparables = [...usedCells].reduce((n, key) => n + byCell.get(key)!.ikm, 0);
  // Either side under k hides the whole comparison: the counts alone would tell a small group's size.
  if (measured < K_ANONYMITY || comparables < K_ANONYMITY) {
    const hidden = { value: null, suppressed: true };
    return { participantsPercent: hidden, comparisonPercent: hidden, participants: hidden, comparables: hidden };
  }
  return {
    participantsPercent: { value: percent(after, before), suppressed: false },
    comparisonPercent: { value: Math.round((weighted / Number(before)) * 1000) / 10, suppressed: false },
    participants: cell(measured, measured),
    comparables: cell(comparables, comparables),
  };
}
