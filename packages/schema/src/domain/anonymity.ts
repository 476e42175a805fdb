/**
 * k-anonymity of what is shown without consent, against the public directory (Sweeney 2002,
 * "k-anonymity: a model for protecting privacy"; the k of 5 is the project's rule, DESIGN.md
 * "Privacy"). Plain functions over plain counts; the GraphQL layer loads them.
 */

/** Every anonymised record hides among at least this many; every public aggregate cell counts at least this many. */
export const K_ANONYMITY = 5;

/** One cell of the public directory: active IKM of one sector in one kecamatan. */
export interface DirectoryCell<Sector extends string = string> {
  sector: Sector;
  districtId: string;
  count: number;
}

/** What an anonymised lead of a cell shows: its sector and kecamatan, or null where generalised away. */
export interface Release<Sector extends string = string> {
  sector: Sector | null;
  districtId: string | null;
}

export const cellKey = (sector: string, districtId: string) => `${sector}|${districtId}`;

/**
 * The release of every directory cell, so that each distinct release covers at least k active IKM.
 * Full-domain generalisation in a fixed order, decided from the public directory alone (never from
 * who has a lead, so the choice itself says nothing about a lead): a cell of k or more shows sector
 * and kecamatan; the rest of a sector with k or more together shows the sector only (kecamatan →
 * the whole registry); the rest of a kecamatan with k or more shows the kecamatan only (sector → null);
 * what remains shows neither. If that remainder is below k, the smallest released groups join it
 * whole until it reaches k. Each group is closed over the cells it takes, so an attacker who knows
 * the rule and the directory finds every release shared by at least k IKM.
 */
export function releaseCells<Sector extends string>(cells: readonly DirectoryCell<Sector>[], k = K_ANONYMITY): Map<string, Release<Sector>> {
  const groups = new Map<string, { release: Release<Sector>; cells: DirectoryCell<Sector>[]; count: number }>();
  const add = (key: string, release: Release<Sector>, cell: DirectoryCell<Sector>) => {
    const group = groups.get(key) ?? { release, cells: [], count: 0 };
    group.cells.push(cell);
    group.count += cell.count;
    groups.set(key, group);
  };
  const pool = (rest: DirectoryCell<Sector>[], keyOf: (c: DirectoryCell<Sector>) => string) => {
    const byKey = new Map<string, DirectoryCell<Sector>[]>();
    for (const c of rest) byKey.set(keyOf(c), [...(byKey.get(keyOf(c)) ?? []), c]);
    return byKey;
  };
  const live = cells.filter((c) => c.count > 0);
  let rest: DirectoryCell<Sector>[] = [];
  for (const c of live) {
    if (c.count >= k) add(`c:${cellKey(c.sector, c.districtId)}`, { sector: c.sector, districtId: c.districtId }, c);
    else rest.push(c);
  }
  const generalise = (keyOf: (c: DirectoryCell<Sector>) => string, release: (c: DirectoryCell<Sector>) => Release<Sector>) => {
    const next: DirectoryCell<Sector>[] = [];
    for (const [key, members] of pool(rest, keyOf)) {
      if (members.reduce((n, c) => n + c.count, 0) >= k) for (const c of members) add(key, release(c), c);
      else next.push(...members);
    }
    rest = next;
  };
  generalise((c) => `s:${c.sector}`, (c) => ({ sector: c.sector, districtId: null }));
  generalise((c) => `d:${c.districtId}`, (c) => ({ sector: null, districtId: c.districtId }));
  const remainder = { release: { sector: null, districtId: null } as Release<Sector>, cells: rest, count: rest.reduce((n, c) => n + c.count, 0) };
  while (remainder.count > 0 && remainder.count < k && groups.size > 0) {
    const [key, smallest] = [...groups].reduce((a, b) => (b[1].count < a[1].count ? b : a));
    groups.delete(key);
    remainder.cells.push(...smallest.cells);
    remainder.count += smallest.count;
  }
  const out = new Map<string, Release<Sector>>();
  for (const group of [...groups.values(), remainder]) {
    for (const c of group.cells) out.set(cellKey(c.sector, c.districtId), group.release);
  }
  return out;
}

/**
 * Small-cell suppression of one breakdown whose total may be public (statistical disclosure
 * control's threshold rule with secondary suppression, Hundepool et al., "Statistical Disclosure
 * Control", 2012, ch. 4): a cell of fewer than k records becomes null, and while the hidden cells
 * add up to between 1 and k−1 (so subtracting the shown cells from the total would expose them)
 * the smallest shown cell is hidden too.
 */
export function suppressSmallCells(cells: readonly number[], k = K_ANONYMITY): (number | null)[] {
  const hidden = cells.map((n) => n < k);
  const hiddenSum = () => cells.reduce((sum, n, i) => sum + (hidden[i] ? n : 0), 0);
  for (let sum = hiddenSum(); sum > 0 && sum < k && hidden.includes(false); sum = hiddenSum()) {
    let smallest = -1;
    cells.forEach((n, i) => {
      if (!hidden[i] && (smallest === -1 || n < cells[smallest]!)) smallest = i;
    });
    hidden[smallest] = true;
  }
  return cells.map((n, i) => (hidden[i] ? null : n));
}
