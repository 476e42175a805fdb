import { K_ANONYMITY } from '../anonymity';

/**
 * One figure of a report with the number of IKM it is built from. A cell built from fewer than
 * K_ANONYMITY (5) IKM is suppressed (value null): the project's k (DESIGN.md "Privacy"; the
 * k-anonymity of Sweeney 2002). Zero counts are suppressed too, since "fewer than 5" includes none:
 * a report never says of a small group that nobody in it did something.
 */
export type Cell<T> = { value: T | null; suppressed: boolean };

export function cell<T>(value: T, ikm: number, k = K_ANONYMITY): Cell<T> {
  return ikm < k ? { value: null, suppressed: true } : { value, suppressed: false };
}

export const HIDDEN: Cell<never> = Object.freeze({ value: null, suppressed: true });

/** The IKM behind one figure: how many, and which ones when fewer than k (all a complement needs). */
export type Contributors = { ikm: number; ids: readonly string[] | null };

/** Contributors from a count and the ids the database lists for small figures (none listed: none). */
export const contributors = (ikm: number, ids: readonly string[] | null | undefined, k = K_ANONYMITY): Contributors => ({ ikm, ids: ikm < k ? (ids ?? []) : null });

/**
 * Complementary suppression of one column of a table (Hundepool et al., Statistical Disclosure
 * Control, 2012, ch. 4.2: primary and secondary suppression). A total shown beside its rows gives,
 * by subtraction, the sum of the hidden rows and of what the total holds in no row (`unlisted`, e.g.
 * deliveries of a sentra without forum participants). That sum is a figure like any other: it must
 * come from at least k IKM, each counted once (an IKM at two hidden forums is one IKM), and not from
 * none. When it does not, the shown row with the fewest IKM is hidden too; a shown row is built from
 * at least k IKM, so one more row always suffices. Returns the index of that row, or null.
 */
export function complement(rows: readonly { suppressed: boolean; by: Contributors }[], unlisted: readonly Contributors[], k = K_ANONYMITY): number | null {
  const parts = [...rows.filter((r) => r.suppressed).map((r) => r.by), ...unlisted];
  if (parts.length === 0 || parts.some((p) => p.ids === null)) return null;
  if (new Set(parts.flatMap((p) => p.ids ?? [])).size >= k) return null;
  let smallest: number | null = null;
  rows.forEach((r, i) => {
    if (!r.suppressed && (smallest === null || r.by.ikm < rows[smallest]!.by.ikm)) smallest = i;
  });
  return smallest;
}
