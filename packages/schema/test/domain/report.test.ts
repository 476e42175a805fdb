import { describe, expect, it } from 'vitest';
import { cell, complement, contributors } from '../../src/domain/report/cells';
import { type ComparisonCell, contributorsOf, type FunnelSums, funnelRow, growth, withComplements } from '../../src/domain/report/funnel';
import { sizeClass } from '../../src/domain/size-class';

/** What one IKM gave a row, as the hand-built cases state it; `sums` adds them up as the report statement does. */
type Part = { meetingRequests: number; meetingsHeld: number; deals: number; dealValue: bigint; turnoverBefore?: bigint; turnoverYear?: bigint; sector?: string };
const part = (changes: Partial<Part> = {}): Part => ({ meetingRequests: 1, meetingsHeld: 0, deals: 0, dealValue: 0n, ...changes });
const many = (n: number, changes: Partial<Part> = {}) => Array.from({ length: n }, () => part(changes));
const tally = (parts: readonly Part[], key: 'meetingRequests' | 'meetingsHeld' | 'deals') => ({
  value: parts.reduce((n, p) => n + p[key], 0),
  ikm: parts.filter((p) => p[key] > 0).length,
});
/** The sums of a row whose IKM share no meeting (or `meetings`, the row's meetings each once). */
function sums(parts: readonly Part[], meetings?: { meetingRequests: number; meetingsHeld: number; deals: number; dealValue: bigint }): FunnelSums {
  const none = { value: 0, ikm: 0 };
  const cells = new Map<string, ComparisonCell>();
  for (const p of parts) {
    if (p.turnoverBefore === undefined || p.turnoverYear === undefined) continue;
    const sector = p.sector ?? 'BATIK';
    const size = sizeClass({ annualTurnover: p.turnoverBefore, businessCapital: null }).sizeClass!;
    const c = cells.get(`${sector}|${size}`) ?? { sector, sizeClass: size, ikm: 0, before: 0n, after: 0n };
    cells.set(`${sector}|${size}`, { ...c, ikm: c.ikm + 1, before: c.before + p.turnoverBefore, after: c.after + p.turnoverYear });
  }
  const value = (key: 'meetingRequests' | 'meetingsHeld' | 'deals') => ({ ...tally(parts, key), ...(meetings ? { value: meetings[key] } : {}) });
  return {
    participants: parts.length,
    meetingRequests: value('meetingRequests'),
    meetingsHeld: value('meetingsHeld'),
    deals: value('deals'),
    followUps3: none,
    followUps6: none,
    financingNeeds: none,
    leadsContacted: none,
    leadsApproved: none,
    leadsDisbursed: none,
    dealValue: meetings?.dealValue ?? parts.reduce((n, p) => n + p.dealValue, 0n),
    approvedValue: 0n,
    disbursedValue: 0n,
    growthCells: [...cells.values()],
  };
}

describe('k = 5 suppression', () => {
  it('shows a cell from 5 IKM and hides one from 4 or from none', () => {
    expect(cell(7, 5)).toEqual({ value: 7, suppressed: false });
    expect(cell(7, 4)).toEqual({ value: null, suppressed: true });
    expect(cell(0, 0)).toEqual({ value: null, suppressed: true });
  });

  it('counts the IKM behind each figure, not the figure, and hides a value with its count', () => {
    const row = funnelRow(sums([...many(4, { deals: 3, dealValue: 9n }), part()]), []);
    expect(row.participants).toEqual({ value: 5, suppressed: false });
    expect(row.deals).toEqual({ value: null, suppressed: true }); // 12 deals, but from 4 IKM
    expect(row.dealValue).toEqual({ value: null, suppressed: true });
    const five = funnelRow(sums(many(5, { deals: 1, dealValue: 2n })), []);
    expect(five.deals).toEqual({ value: 5, suppressed: false });
    expect(five.dealValue).toEqual({ value: 10n, suppressed: false });
  });

  it('counts a meeting between two IKM of the row once, with both IKM behind it', () => {
    // Ten IKM in five pairs, each pair one deal of 7: every IKM has a part, the row has five deals.
    const row = funnelRow(sums(many(10, { meetingsHeld: 1, deals: 1, dealValue: 7n }), { meetingRequests: 5, meetingsHeld: 5, deals: 5, dealValue: 35n }), []);
    expect(row.meetingsHeld).toEqual({ value: 5, suppressed: false });
    expect(row.deals).toEqual({ value: 5, suppressed: false });
    expect(row.dealValue).toEqual({ value: 35n, suppressed: false });
    // Four IKM in two pairs: two meetings, but from four IKM, so hidden.
    const four = funnelRow(sums(many(4, { meetingsHeld: 1 }), { meetingRequests: 2, meetingsHeld: 2, deals: 0, dealValue: 0n }), []);
    expect(four.meetingsHeld).toEqual({ value: null, suppressed: true });
  });
});

describe('turnover growth against comparable non-participants', () => {
  const comparison = [
    { sector: 'BATIK', sizeClass: 'MICRO' as const, ikm: 5, before: 1_000n, after: 1_100n },
    { sector: 'BATIK', sizeClass: 'SMALL' as const, ikm: 5, before: 10_000n, after: 9_000n },
    { sector: 'METAL', sizeClass: 'MICRO' as const, ikm: 4, before: 1_000n, after: 5_000n },
  ];
  const cells = (parts: readonly Part[]) => sums(parts).growthCells;
  it('weights each group by the participants turnover of the year before', () => {
    // 5 micro batik IKM at 100 → 130; 5 small batik at 3 miliar → 3,3 miliar.
    const parts = [...many(5, { turnoverBefore: 100n, turnoverYear: 130n }), ...many(5, { turnoverBefore: 3_000_000_000n, turnoverYear: 3_300_000_000n })];
    const g = growth(cells(parts), comparison);
    const before = 500 + 15_000_000_000;
    expect(g.participantsPercent.value).toBe(Math.round(((650 + 16_500_000_000) / before - 1) * 1000) / 10);
    expect(g.comparisonPercent.value).toBe(Math.round(((500 * 0.1 + 15_000_000_000 * -0.1) / before) * 1000) / 10);
    expect(g.comparables).toEqual({ value: 10, suppressed: false });
  });
  it('leaves out groups with fewer than 5 comparables and hides growth measured on fewer than 5 participants', () => {
    expect(growth(cells(many(5, { sector: 'METAL', turnoverBefore: 100n, turnoverYear: 100n })), comparison).participantsPercent).toEqual({ value: null, suppressed: true });
    expect(growth(cells(many(4, { turnoverBefore: 100n, turnoverYear: 100n })), comparison).comparables).toEqual({ value: null, suppressed: true });
    expect(growth(cells(many(5, { turnoverBefore: 100n, turnoverYear: 100n })), comparison)).toMatchObject({
      participantsPercent: { value: 0 },
      comparisonPercent: { value: 10 },
    });
  });
});

describe('complementary suppression: no subtraction from the total reveals fewer than 5 IKM', () => {
  const ids = (...n: number[]) => n.map((i) => `ikm-${i}`);
  const shownRow = (ikm: number) => ({ suppressed: false, by: contributors(ikm, null) });
  const hiddenRow = (...n: number[]) => ({ suppressed: true, by: contributors(n.length, ids(...n)) });

  it('hides the smallest shown row when the hidden rows hold 1 to 4 IKM, and nothing when they hold 5', () => {
    expect(complement([shownRow(9), shownRow(6), hiddenRow(1, 2, 3, 4)], [])).toBe(1);
    expect(complement([shownRow(9), hiddenRow(1, 2, 3), hiddenRow(4, 5)], [])).toBeNull();
    expect(complement([shownRow(9), shownRow(6)], [])).toBeNull();
  });

  it('hides one more row when the hidden rows hold nobody: the total would say nobody in them did it', () => {
    expect(complement([shownRow(5), hiddenRow()], [])).toBe(0);
  });

  it('counts an IKM in two hidden rows once (the same IKM at two small forums)', () => {
    expect(complement([shownRow(7), hiddenRow(1, 2, 3), hiddenRow(1, 2, 3)], [])).toBe(0);
    expect(complement([shownRow(7), hiddenRow(1, 2, 3), hiddenRow(3, 4, 5)], [])).toBeNull();
  });

  it('weighs what the total holds in no row (deliveries of a sentra without participants) as hidden', () => {
    expect(complement([shownRow(8), shownRow(6)], [contributors(2, ids(1, 2))])).toBe(1);
    expect(complement([shownRow(8)], [contributors(2, ids(1, 2)), contributors(3, ids(3, 4, 5))])).toBeNull();
    // A row hidden for another reason than its own size (the growth comparison) holds 5 or more.
    expect(complement([shownRow(8), { suppressed: true, by: contributors(6, null) }], [])).toBeNull();
  });

  it('hides a value with its count and the whole growth comparison with its participants', () => {
    const small = sums([part({ deals: 1, dealValue: 5n, turnoverBefore: 100n, turnoverYear: 110n })]);
    const big = sums(many(6, { deals: 1, dealValue: 5n, turnoverBefore: 100n, turnoverYear: 120n }));
    const comparison = [{ sector: 'BATIK', sizeClass: 'MICRO' as const, ikm: 5, before: 1_000n, after: 1_100n }];
    const rows = [big, small].map((s) => ({ ...funnelRow(s, comparison), consortiumDeliveries: null, consortiumDeliveringIkm: null }));
    expect(rows[0]!.deals.value).toBe(6);
    const by = [contributorsOf(big, comparison, null), { ...contributorsOf(small, comparison, null), deals: contributors(1, ids(1)), turnoverGrowth: contributors(1, ids(1)) }];
    const [first] = withComplements(rows, by, {});
    expect(first!.deals).toEqual({ value: null, suppressed: true });
    expect(first!.dealValue).toEqual({ value: null, suppressed: true });
    expect(first!.turnoverGrowth.participantsPercent).toEqual({ value: null, suppressed: true });
    expect(first!.turnoverGrowth.comparables).toEqual({ value: null, suppressed: true });
    expect(rows[0]!.deals.value).toBe(6); // the rows given are left as they were
  });
});
