import { describe, expect, it } from 'vitest';
import { cellKey, K_ANONYMITY, releaseCells, suppressSmallCells } from '../../src/domain/anonymity';

describe('suppressSmallCells', () => {
  it('shows a breakdown whose cells all count 5 or more', () => {
    expect(suppressSmallCells([5, 12, 40])).toEqual([5, 12, 40]);
  });

  it('hides small cells, and the smallest shown one while the hidden ones add up to 1–4', () => {
    expect(suppressSmallCells([1, 16, 10, 0])).toEqual([null, 16, null, null]);
    expect(suppressSmallCells([27, 3, 0])).toEqual([null, null, null]);
    expect(suppressSmallCells([2, 3, 9])).toEqual([null, null, 9]);
    expect(suppressSmallCells([0, 0, 30])).toEqual([null, null, 30]);
    expect(suppressSmallCells([4])).toEqual([null]);
  });
});

describe('releaseCells', () => {
  const size = (releases: Map<string, { sector: string | null; districtId: string | null }>, cells: { sector: string; districtId: string; count: number }[]) => {
    const byRelease = new Map<string, number>();
    for (const c of cells) {
      const key = JSON.stringify(releases.get(cellKey(c.sector, c.districtId)));
      byRelease.set(key, (byRelease.get(key) ?? 0) + c.count);
    }
    return byRelease;
  };

  it('keeps big cells, pools the rest by sector, then by kecamatan, then city-wide; every release covers 5 or more', () => {
    const cells = [
      { sector: 'BATIK', districtId: 'd1', count: 9 },
      { sector: 'BATIK', districtId: 'd2', count: 3 },
      { sector: 'BATIK', districtId: 'd3', count: 2 },
      { sector: 'FOOD', districtId: 'd2', count: 1 },
      { sector: 'METAL', districtId: 'd2', count: 4 },
      { sector: 'CRAFT', districtId: 'd4', count: 2 },
      { sector: 'WOOD', districtId: 'd5', count: 1 },
      { sector: 'PAPER', districtId: 'd6', count: 2 },
    ];
    const releases = releaseCells(cells);
    expect(releases.get(cellKey('BATIK', 'd1'))).toEqual({ sector: 'BATIK', districtId: 'd1' });
    expect(releases.get(cellKey('BATIK', 'd2'))).toEqual({ sector: 'BATIK', districtId: null });
    expect(releases.get(cellKey('METAL', 'd2'))).toEqual({ sector: null, districtId: 'd2' });
    expect(releases.get(cellKey('FOOD', 'd2'))).toEqual({ sector: null, districtId: 'd2' });
    expect(releases.get(cellKey('CRAFT', 'd4'))).toEqual({ sector: null, districtId: null });
    expect(releases.get(cellKey('PAPER', 'd6'))).toEqual({ sector: null, districtId: null });
    for (const [release, n] of size(releases, cells)) expect(n, release).toBeGreaterThanOrEqual(K_ANONYMITY);
  });

  it('merges the smallest released group into a city-wide remainder of fewer than 5', () => {
    const cells = [
      { sector: 'BATIK', districtId: 'd1', count: 9 },
      { sector: 'FOOD', districtId: 'd1', count: 6 },
      { sector: 'WOOD', districtId: 'd5', count: 1 },
    ];
    const releases = releaseCells(cells);
    expect(releases.get(cellKey('BATIK', 'd1'))).toEqual({ sector: 'BATIK', districtId: 'd1' });
    expect(releases.get(cellKey('FOOD', 'd1'))).toEqual({ sector: null, districtId: null });
    expect(releases.get(cellKey('WOOD', 'd5'))).toEqual({ sector: null, districtId: null });
    for (const [release, n] of size(releases, cells)) expect(n, release).toBeGreaterThanOrEqual(K_ANONYMITY);
  });
});
