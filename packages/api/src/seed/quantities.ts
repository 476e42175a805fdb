/** Rounding that makes generated numbers look like what people write down. */

/** Rounds to a multiple of step (at least one step). */
export function roundTo(value: number, step: number): number {
  return Math.max(step, Math.round(value / step) * step);
}

/** Whole rupiah rounded to a multiple of step, e.g. rupiah(12_345_678, 500_000n) = 12_500_000n. */
export function rupiah(value: number, step: bigint): bigint {
  return BigInt(roundTo(value, Number(step)));
}

/** Quantities people would write: 7, 45, 350, 2.500. */
export function niceQuantity(value: number): number {
  if (value < 20) return Math.max(1, Math.round(value));
  if (value < 200) return roundTo(value, 5);
  if (value < 2_000) return roundTo(value, 50);
  return roundTo(value, 500);
}

/** A count in Indonesian style, '.' between thousands: 12500 → "12.500" (no locale data needed). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=([0-9]{3})+$)/g, '.');
}
