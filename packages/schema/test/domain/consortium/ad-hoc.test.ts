import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adHocGroup, MAX_AD_HOC_MEMBERS } from '../../../src/domain/consortium/ad-hoc';
import { KECAMATAN_NEIGHBOURS, nearbyReason, neighbourhoodOf } from '../../../src/domain/consortium/neighbourhood';

const districts = (JSON.parse(readFileSync(new URL('../../../../../prisma/seed-data/districts.json', import.meta.url), 'utf8')) as { districts: { code: string; name: string }[] }).districts;
const nameOf = (code: string) => districts.find((d) => d.code === code)!.name;

describe('kecamatan neighbours', () => {
  it('cover the 16 kecamatan of the reference data, each with a neighbour, never itself, and both ways', () => {
    expect(Object.keys(KECAMATAN_NEIGHBOURS).sort()).toEqual(districts.map((d) => d.code).sort());
    for (const [code, next] of Object.entries(KECAMATAN_NEIGHBOURS)) {
      expect(next.length, code).toBeGreaterThan(0);
      expect(next, code).not.toContain(code);
      for (const n of next) expect(KECAMATAN_NEIGHBOURS[n], `${n} lists ${code}`).toContain(code);
    }
  });

  it('the neighbourhood is the delivery kecamatan and those next to it, each explained', () => {
    const n = neighbourhoodOf(['33.74.03']); // Semarang Timur
    expect(n.nearby).toEqual(['33.74.01', '33.74.02', '33.74.03', '33.74.04', '33.74.07']);
    expect(nearbyReason('33.74.03', n, nameOf)).toBe('In Semarang Timur, the kecamatan of delivery.');
    expect(nearbyReason('33.74.04', n, nameOf)).toBe('In Gayamsari, next to the kecamatan of delivery Semarang Timur.');
    expect(nearbyReason('33.74.16', n, nameOf)).toBeNull(); // Tugu, across the city
    expect(neighbourhoodOf([]).nearby).toEqual([]);
  });
});

describe('the ad-hoc group', () => {
  const c = (id: string, score: number, free: number) => ({ id, score, free });

  it('takes the best matches free to commit until they cover the volume', () => {
    const group = adHocGroup([c('b', 60, 300), c('a', 80, 200), c('z', 90, 0), c('c', 60, 500), c('d', 10, 900)], 900);
    expect(group.members.map((m) => [m.id, m.rank])).toEqual([['a', 1], ['b', 2], ['c', 3]]);
    expect(group).toMatchObject({ eligible: 4, free: 1_000, covers: true });
  });

  it('stops at the cap, saying it does not cover', () => {
    const many = Array.from({ length: 80 }, (_, i) => c(`m${String(i).padStart(2, '0')}`, 50, 10));
    const group = adHocGroup(many, 10_000);
    expect(group.members).toHaveLength(MAX_AD_HOC_MEMBERS);
    expect(group).toMatchObject({ eligible: 80, free: 500, covers: false });
  });
});
