import { describe, expect, it } from 'vitest';
import { apportion } from '../../../src/domain/matching/points';

describe('apportion (largest remainder)', () => {
  it('rounds the total once and hands the left-over points to the largest remainders', () => {
    // Rounding each share alone would give 33 + 33 + 33 = 99 for a total of 100.2.
    expect(apportion([33.4, 33.4, 33.4])).toEqual({ total: 100, points: [34, 33, 33] });
    expect(apportion([10.2, 20.7, 5.6])).toEqual({ total: 37, points: [10, 21, 6] });
  });

  it('breaks ties in favour of the earlier component', () => {
    expect(apportion([0.5, 0.5])).toEqual({ total: 1, points: [1, 0] });
    expect(apportion([2.5, 2.5, 2.5, 2.5])).toEqual({ total: 10, points: [3, 3, 2, 2] });
  });

  it('is not swayed by floating-point noise', () => {
    expect(0.145 * 100).toBeLessThan(14.5);
    expect(apportion([0.145 * 100])).toEqual({ total: 15, points: [15] });
  });

  it('never gives a point to a zero share, nor more than a share rounded up', () => {
    const shares = [0, 12.9, 0, 7.05, 0.49];
    const { points } = apportion(shares);
    points.forEach((p, i) => {
      expect(p).toBeGreaterThanOrEqual(Math.floor(shares[i]!));
      expect(p).toBeLessThanOrEqual(Math.ceil(shares[i]!));
    });
    expect(points[0]).toBe(0);
    expect(points[2]).toBe(0);
  });

  it('handles no components', () => {
    expect(apportion([])).toEqual({ total: 0, points: [] });
  });
});
