import { describe, expect, it } from 'vitest';
import { JUTA, MILIAR } from '../../../src/domain/money';
import { annualTurnoverRule, KUR_TURNOVER_MAX } from '../../../src/domain/readiness';
import { assess, day, evaluate, lead, turnoverOf } from './fixtures';

const turnover = (amount: bigint, year = 2025, isEstimate = false) => lead({ enterprise: turnoverOf(amount, year, isEstimate) });

describe('ANNUAL_TURNOVER_MAX_4_8_MILIAR', () => {
  it('is Rp4,8 miliar', () => {
    expect(KUR_TURNOVER_MAX).toBe((48n * MILIAR) / 10n);
    expect(KUR_TURNOVER_MAX).toBe(4_800n * JUTA);
  });

  it.each([
    [KUR_TURNOVER_MAX - 1n, 'PASS', 'Recorded turnover (omzet) of 2025, Rp4.799.999.999, is at most Rp4.800.000.000, the KUR ceiling.'],
    [KUR_TURNOVER_MAX, 'PASS', 'Recorded turnover (omzet) of 2025, Rp4.800.000.000, is at most Rp4.800.000.000, the KUR ceiling.'],
    [
      KUR_TURNOVER_MAX + 1n,
      'FAIL',
      'Recorded turnover (omzet) of 2025, Rp4.800.000.001, is above Rp4.800.000.000, the KUR ceiling for micro and small businesses.',
    ],
  ])('previous-year turnover %s: %s', (amount, outcome, reason) => {
    expect(evaluate(annualTurnoverRule, turnover(amount))).toEqual({ outcome, reason });
  });

  it('passes zero turnover', () => {
    expect(evaluate(annualTurnoverRule, turnover(0n)).outcome).toBe('PASS');
  });

  it("reads the previous year's figure, not an older or a later one", () => {
    const input = lead({
      enterprise: {
        yearFigures: [
          { year: 2026, turnover: 9n * MILIAR, isEstimate: true },
          { year: 2025, turnover: 2n * MILIAR, isEstimate: false },
          { year: 2024, turnover: 7n * MILIAR, isEstimate: false },
        ],
      },
    });
    expect(evaluate(annualTurnoverRule, input).outcome).toBe('PASS');
    expect(assess(input).turnover).toEqual({ turnover: 2n * MILIAR, year: 2025, isEstimate: false });
  });

  it('keeps the estimate flag of a previous-year estimate (books not yet closed)', () => {
    const input = turnover(KUR_TURNOVER_MAX, 2025, true);
    expect(evaluate(annualTurnoverRule, input).reason).toMatch(/^Estimated turnover \(omzet\) of 2025/);
    expect(assess(input).turnover).toMatchObject({ year: 2025, isEstimate: true });
  });

  it("uses the current year's estimate when the previous year is missing, as an estimate even if not flagged", () => {
    const input = turnover(KUR_TURNOVER_MAX + 1n, 2026, false);
    expect(evaluate(annualTurnoverRule, input)).toEqual({
      outcome: 'FAIL',
      reason: 'Estimated turnover (omzet) of 2026, Rp4.800.000.001, is above Rp4.800.000.000, the KUR ceiling for micro and small businesses.',
    });
    expect(assess(input).turnover).toEqual({ turnover: KUR_TURNOVER_MAX + 1n, year: 2026, isEstimate: true });
  });

  it('does not count a figure two years old: on 1 January the year before becomes the one asked for', () => {
    const input = turnover(1n * MILIAR, 2025);
    expect(evaluate(annualTurnoverRule, input, day('2026-12-31')).outcome).toBe('PASS');
    // Rule set 2026.1 is the only one; a later date still applies it, now asking for 2026.
    expect(evaluate(annualTurnoverRule, input, day('2027-01-01'))).toEqual({
      outcome: 'MISSING_DOCUMENT',
      reason:
        "No turnover (omzet) is recorded for 2026 and no estimate for 2027; KUR needs last year's turnover or an estimate for this year, at most Rp4.800.000.000, backed by tax reports (laporan perpajakan).",
    });
  });

  it('asks for a turnover figure when none is recorded', () => {
    expect(evaluate(annualTurnoverRule, lead({ enterprise: { yearFigures: [] } }))).toEqual({
      outcome: 'MISSING_DOCUMENT',
      reason:
        "No turnover (omzet) is recorded for 2025 and no estimate for 2026; KUR needs last year's turnover or an estimate for this year, at most Rp4.800.000.000, backed by tax reports (laporan perpajakan).",
    });
  });
});
