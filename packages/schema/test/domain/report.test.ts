import { describe, expect, it } from 'vitest';
import { cell } from '../../src/domain/report/cells';
import { type FunnelIkm, funnelRow, growth, type MeetingTotals } from '../../src/domain/report/funnel';

const ikm = (i: number, changes: Partial<FunnelIkm> = {}): FunnelIkm => ({
  enterpriseId: `e${i}`,
  sector: 'BATIK',
  meetingRequests: 1,
  meetingsHeld: 0,
  deals: 0,
  dealValue: 0n,
  followUps3: 0,
  followUps6: 0,
  financingNeeds: 0,
  leadsContacted: 0,
  leadsApproved: 0,
  approvedValue: 0n,
  leadsDisbursed: 0,
  disbursedValue: 0n,
  turnoverBefore: null,
  turnoverYear: null,
  ...changes,
});
const many = (n: number, changes: Partial<FunnelIkm> = {}) => Array.from({ length: n }, (_, i) => ikm(i, changes));
/** The meetings of rows none of which share a meeting: the sums of their parts. */
const summed = (rows: readonly FunnelIkm[]): MeetingTotals => ({
  meetingRequests: rows.reduce((n, r) => n + r.meetingRequests, 0),
  meetingsHeld: rows.reduce((n, r) => n + r.meetingsHeld, 0),
  deals: rows.reduce((n, r) => n + r.deals, 0),
  dealValue: rows.reduce((n, r) => n + r.dealValue, 0n),
  followUps3: rows.reduce((n, r) => n + r.followUps3, 0),
  followUps6: rows.reduce((n, r) => n + r.followUps6, 0),
});

describe('k = 5 suppression', () => {
  it('shows a cell from 5 IKM and hides one from 4 or from none', () => {
    expect(cell(7, 5)).toEqual({ value: 7, suppressed: false });
    expect(cell(7, 4)).toEqual({ value: null, suppressed: true });
    expect(cell(0, 0)).toEqual({ value: null, suppressed: true });
  });

  it('counts the IKM behind each figure, not the figure, and hides a value with its count', () => {
    const rows = [...many(4, { deals: 3, dealValue: 9n }), ikm(9)];
    const row = funnelRow(rows, [], summed(rows));
    expect(row.participants).toEqual({ value: 5, suppressed: false });
    expect(row.deals).toEqual({ value: null, suppressed: true }); // 12 deals, but from 4 IKM
    expect(row.dealValue).toEqual({ value: null, suppressed: true });
    const fiveRows = many(5, { deals: 1, dealValue: 2n });
    const five = funnelRow(fiveRows, [], summed(fiveRows));
    expect(five.deals).toEqual({ value: 5, suppressed: false });
    expect(five.dealValue).toEqual({ value: 10n, suppressed: false });
  });

  it('counts a meeting between two IKM of the row once, with both IKM behind it', () => {
    // Ten IKM in five pairs, each pair one deal of 7: every IKM has a part, the row has five deals.
    const rows = many(10, { meetingsHeld: 1, deals: 1, dealValue: 7n });
    const row = funnelRow(rows, [], { meetingRequests: 5, meetingsHeld: 5, deals: 5, dealValue: 35n, followUps3: 0, followUps6: 0 });
    expect(row.meetingsHeld).toEqual({ value: 5, suppressed: false });
    expect(row.deals).toEqual({ value: 5, suppressed: false });
    expect(row.dealValue).toEqual({ value: 35n, suppressed: false });
    // Four IKM in two pairs: two meetings, but from four IKM, so hidden.
    const four = funnelRow(many(4, { meetingsHeld: 1 }), [], { meetingRequests: 2, meetingsHeld: 2, deals: 0, dealValue: 0n, followUps3: 0, followUps6: 0 });
    expect(four.meetingsHeld).toEqual({ value: null, suppressed: true });
  });
});

describe('turnover growth against comparable non-participants', () => {
  const comparison = [
    { sector: 'BATIK', sizeClass: 'MICRO' as const, ikm: 5, before: 1_000n, after: 1_100n },
    { sector: 'BATIK', sizeClass: 'SMALL' as const, ikm: 5, before: 10_000n, after: 9_000n },
    { sector: 'METAL', sizeClass: 'MICRO' as const, ikm: 4, before: 1_000n, after: 5_000n },
  ];
  it('weights each group by the participants turnover of the year before', () => {
    // 5 micro batik IKM at 100 → 130; 5 small batik at 3 miliar → 3,3 miliar.
    const rows = [...many(5, { turnoverBefore: 100n, turnoverYear: 130n }), ...many(5, { turnoverBefore: 3_000_000_000n, turnoverYear: 3_300_000_000n })];
    const g = growth(rows, comparison);
    const before = 500 + 15_000_000_000;
    expect(g.participantsPercent.value).toBe(Math.round(((150 + 16_500_000_000) / before - 1) * 1000) / 10);
    expect(g.comparisonPercent.value).toBe(Math.round(((500 * 0.1 + 15_000_000_000 * -0.1) / before) * 1000) / 10);
    expect(g.comparables).toEqual({ value: 10, suppressed: false });
  });
  it('leaves out groups with fewer than 5 comparables and hides growth measured on fewer than 5 participants', () => {
    expect(growth(many(5, { sector: 'METAL', turnoverBefore: 100n, turnoverYear: 100n }), comparison).participantsPercent).toEqual({ value: null, suppressed: true });
    expect(growth(many(4, { turnoverBefore: 100n, turnoverYear: 100n }), comparison).comparables).toEqual({ value: null, suppressed: true });
    expect(growth(many(5, { turnoverBefore: 100n, turnoverYear: 100n }), comparison)).toMatchObject({
      participantsPercent: { value: 0 },
      comparisonPercent: { value: 10 },
    });
  });
});
