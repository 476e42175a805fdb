import { describe, expect, it } from 'vitest';
import { CEILINGS } from '../../../src/domain/size-class';
import { sizeClassRule } from '../../../src/domain/readiness';
import { evaluate, lead } from './fixtures';

const [salesMicro, salesSmall, salesMedium] = CEILINGS.ANNUAL_SALES.map((c) => c.max);
const capitalMedium = CEILINGS.BUSINESS_CAPITAL[2]!.max;

const bySales = (annualTurnover: bigint) => lead({ enterprise: { annualTurnover } });
const byCapital = (businessCapital: bigint | null) => lead({ enterprise: { annualTurnover: null, businessCapital } });

describe('SIZE_CLASS_IKM (thresholds from size-class.ts)', () => {
  it.each([
    ['micro', salesMicro!],
    ['small', salesMicro! + 1n],
    ['small', salesSmall!],
    ['medium', salesSmall! + 1n],
    ['medium', salesMedium!],
  ])('passes a %s enterprise by annual sales of %s', (_, sales) => {
    expect(evaluate(sizeClassRule, bySales(sales)).outcome).toBe('PASS');
  });

  it('fails a large enterprise one rupiah above the medium sales ceiling, with the size-class reason', () => {
    expect(evaluate(sizeClassRule, bySales(salesMedium! + 1n))).toEqual({
      outcome: 'FAIL',
      reason:
        'Annual sales (hasil penjualan tahunan) of Rp50.000.000.001 are above Rp50.000.000.000, the medium ceiling, so this is a large enterprise (usaha besar), not an IKM, under PP 7/2021 art. 35(5). KUR leads on Temu Bisnis are for IKM only.',
    });
  });

  it('passes a medium enterprise classed by capital at the ceiling, and fails one rupiah above', () => {
    expect(evaluate(sizeClassRule, byCapital(capitalMedium)).outcome).toBe('PASS');
    expect(evaluate(sizeClassRule, byCapital(capitalMedium + 1n)).outcome).toBe('FAIL');
  });

  it('reuses the size-class reason for a pass', () => {
    expect(evaluate(sizeClassRule, bySales(salesMicro!)).reason).toBe(
      'Annual sales (hasil penjualan tahunan) of Rp2.000.000.000 are at most Rp2.000.000.000, so this is a micro enterprise (usaha mikro) under PP 7/2021 art. 35(5).',
    );
  });

  it('asks for figures when neither sales nor capital is recorded', () => {
    expect(evaluate(sizeClassRule, byCapital(null))).toEqual({
      outcome: 'MISSING_DOCUMENT',
      reason:
        'Neither annual sales nor business capital is recorded, so the size class under PP 7/2021 art. 35 cannot be determined. Record annual sales or business capital.',
    });
  });
});
