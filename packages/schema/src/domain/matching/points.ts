/**
 * Whole points for the components of a score, adding up exactly to the rounded score.
 *
 * Rounding each component on its own can make the lines disagree with the total (three components
 * of 33.4 round to 33 each, 99, while the score rounds to 100). So the total is rounded once and its
 * points are handed out by the largest remainder method (Hamilton's method of apportionment): each
 * component gets the whole part of its share, and the points left over go one each to the largest
 * fractional parts, the earlier component first on a tie. A component therefore never gets more
 * than its share rounded up, nor less than it rounded down.
 *
 * Shares are counted in millionths of a point as integers, so the sums are exact and floating-point
 * noise (0.145 × 100 = 14.499999999999998) cannot decide a rounding.
 */
const UNIT = 1_000_000;

export function apportion(shares: readonly number[]): { total: number; points: number[] } {
  const units = shares.map((s) => Math.round(s * UNIT));
  const whole = units.map((u) => Math.floor(u / UNIT));
  const rest = units.map((u, i) => u - whole[i]! * UNIT);
  const restSum = rest.reduce((a, b) => a + b, 0);
  const leftOver = Math.floor((restSum + UNIT / 2) / UNIT); // the rest's total, rounded half up
  const order = rest.map((r, i) => ({ r, i })).sort((a, b) => b.r - a.r || a.i - b.i);
  const points = [...whole];
  for (const { i } of order.slice(0, leftOver)) points[i] = points[i]! + 1;
  return { total: points.reduce((a, b) => a + b, 0), points };
}
