import type { Sector } from '../../generated/prisma/enums';
import { classOf, type SizeClass } from '../size-class';

/** An IKM's part in the year-on-year turnover comparison of `year` (see TurnoverGrowthShare). */
export type GrowthShare = { year: number; sector: Sector; sizeClass: SizeClass; before: bigint; after: bigint };

/** What one share adds to or takes from its cell (year, sector, size class). */
export type GrowthDelta = GrowthShare & { ikm: number };

/**
 * The years an IKM can be compared in: a positive turnover in year − 1 and a recorded turnover in
 * `year`, classed by the sales of year − 1 (PP 7/2021 art. 35(5)), as the funnel report's method says.
 */
export function growthShares(figures: readonly { year: number; turnover: bigint | null }[], sector: Sector): GrowthShare[] {
  const byYear = new Map(figures.map((f) => [f.year, f.turnover]));
  const shares: GrowthShare[] = [];
  for (const [year, after] of byYear) {
    const before = byYear.get(year - 1);
    if (after === null || after === undefined || before === null || before === undefined || before <= 0n) continue;
    shares.push({ year, sector, sizeClass: classOf('ANNUAL_SALES', before), before, after });
  }
  return shares.sort((a, b) => a.year - b.year);
}

const cellKey = (s: GrowthShare) => `${s.year}|${s.sector}|${s.sizeClass}`;

/**
 * The changes to the cells when an IKM's shares go from `old` to `next`: one delta per cell whose
 * sums move, in key order (so concurrent writers take the cells' row locks in the same order).
 */
export function growthDeltas(old: readonly GrowthShare[], next: readonly GrowthShare[]): GrowthDelta[] {
  const deltas = new Map<string, GrowthDelta>();
  const add = (s: GrowthShare, sign: 1n | -1n) => {
    const d = deltas.get(cellKey(s)) ?? { ...s, ikm: 0, before: 0n, after: 0n };
    d.ikm += Number(sign);
    d.before += sign * s.before;
    d.after += sign * s.after;
    deltas.set(cellKey(s), d);
  };
  for (const s of old) add(s, -1n);
  for (const s of next) add(s, 1n);
  return [...deltas.entries()]
    .filter(([, d]) => d.ikm !== 0 || d.before !== 0n || d.after !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}
