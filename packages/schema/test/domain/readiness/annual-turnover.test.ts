import { describe, expect, it } from 'vitest';
import { JUTA, MILIAR } from '../../../src/domain/money';
import { annualTurnoverRule, KUR_TURNOVER_MAX } from '../../../src/domain/readiness';
import { evaluate, lead } from './fixtures';

const turnover = (annualTurnover: bigint | null) => lead({ enterprise: { annualTurnover } });

describe('ANNUAL_TURNOVER_MAX_4_8_MILIAR', () => {
  it('is Rp4,8 miliar', () => {
    expect(KUR_TURNOVER_MAX).toBe((48n * MILIAR) / 10n);
    expect(KUR_TURNOVER_MAX).toBe(4_800n * JUTA);
  });

  it.each([
    [KUR_TURNOVER_MAX - 1n, 'PASS', 'Annual turnover (omzet) of Rp4.799.999.999 is at most Rp4.800.000.000, the KUR ceiling.'],
    [KUR_TURNOVER_MAX, 'PASS', 'Annual turnover (omzet) of Rp4.800.000.000 is at most Rp4.800.000.000, the KUR ceiling.'],
    [
      KUR_TURNOVER_MAX + 1n,
      'FAIL',
      'Annual turnover (omzet) of Rp4.800.000.001 is above Rp4.800.000.000, the KUR ceiling for micro and small businesses.',
    ],
  ])('turnover %s: %s', (amount, outcome, reason) => {
    expect(evaluate(annualTurnoverRule, turnover(amount))).toEqual({ outcome, reason });
  });

  it('passes zero turnover', () => {
    expect(evaluate(annualTurnoverRule, turnover(0n)).outcome).toBe('PASS');
  });

  it('asks for a turnover figure when none is recorded', () => {
    expect(evaluate(annualTurnoverRule, turnover(null))).toEqual({
      outcome: 'MISSING_DOCUMENT',
      reason:
        "No annual turnover (omzet) is recorded; KUR needs last year's turnover or an estimate for this year, at most Rp4.800.000.000, backed by tax reports (laporan perpajakan).",
    });
  });
});
