import { describe, expect, it } from 'vitest';
import { formatRupiah, JUTA } from '../../../src/domain/money';
import { amountRule, KUR_SCHEMES, SCHEME_DESCRIPTIONS, schemeBand } from '../../../src/domain/readiness';
import { assess, evaluate, lead } from './fixtures';

describe('KUR scheme bands', () => {
  it('are Rp10 juta, Rp100 juta and Rp500 juta', () => {
    expect(KUR_SCHEMES.map((b) => [b.scheme, b.max])).toEqual([
      ['SUPER_MIKRO', 10n * JUTA],
      ['MIKRO', 100n * JUTA],
      ['KECIL', 500n * JUTA],
    ]);
  });

  it('describe each scheme with its range', () => {
    expect(SCHEME_DESCRIPTIONS).toEqual({
      SUPER_MIKRO: 'KUR Super Mikro: a plafond up to Rp10.000.000.',
      MIKRO: 'KUR Mikro: a plafond above Rp10.000.000 and up to Rp100.000.000.',
      KECIL: 'KUR Kecil: a plafond above Rp100.000.000 and up to Rp500.000.000.',
    });
  });
});

describe('AMOUNT_WITHIN_KUR_SCHEME', () => {
  // The lead's enterprise keeps spreadsheet books and has an NPWP, so every other rule passes.
  it.each([
    [1n, 'SUPER_MIKRO', 'up to Rp10.000.000, so it fits KUR Super Mikro'],
    [10n * JUTA - 1n, 'SUPER_MIKRO', 'up to Rp10.000.000, so it fits KUR Super Mikro'],
    [10n * JUTA, 'SUPER_MIKRO', 'up to Rp10.000.000, so it fits KUR Super Mikro'],
    [10n * JUTA + 1n, 'MIKRO', 'above Rp10.000.000 and up to Rp100.000.000, so it fits KUR Mikro'],
    [100n * JUTA - 1n, 'MIKRO', 'above Rp10.000.000 and up to Rp100.000.000, so it fits KUR Mikro'],
    [100n * JUTA, 'MIKRO', 'above Rp10.000.000 and up to Rp100.000.000, so it fits KUR Mikro'],
    [100n * JUTA + 1n, 'KECIL', 'above Rp100.000.000 and up to Rp500.000.000, so it fits KUR Kecil'],
    [500n * JUTA - 1n, 'KECIL', 'above Rp100.000.000 and up to Rp500.000.000, so it fits KUR Kecil'],
    [500n * JUTA, 'KECIL', 'above Rp100.000.000 and up to Rp500.000.000, so it fits KUR Kecil'],
  ])('%s rupiah fits %s', (amount, scheme, range) => {
    expect(evaluate(amountRule, lead({ amount }))).toEqual({
      outcome: 'PASS',
      reason: `Requested ${formatRupiah(amount)} is ${range}.`,
    });
    expect(schemeBand(amount)?.scheme).toBe(scheme);
    expect(assess(lead({ amount }))).toMatchObject({ verdict: 'ELIGIBLE', scheme });
  });

  it('fails one rupiah above Rp500 juta: no scheme fits', () => {
    const input = lead({ amount: 500n * JUTA + 1n });
    expect(evaluate(amountRule, input)).toEqual({
      outcome: 'FAIL',
      reason: 'Requested Rp500.000.001 is above Rp500.000.000, the KUR Kecil ceiling; no KUR scheme fits.',
    });
    expect(assess(input)).toMatchObject({ verdict: 'NOT_ELIGIBLE', scheme: null });
  });

  // Rp0 or less is bad data: reported as a FAIL with the value, not thrown, so one broken
  // financing need does not break a list of leads.
  it.each([
    [0n, 'Rp0'],
    [-1n, '-Rp1'],
  ])('fails an amount of %s as not a financing need', (amount, text) => {
    const input = lead({ amount });
    expect(evaluate(amountRule, input)).toEqual({
      outcome: 'FAIL',
      reason: `Requested amount of ${text} is not a financing need; a KUR plafond must be above Rp0.`,
    });
    const result = assess(input);
    expect(result).toMatchObject({ verdict: 'NOT_ELIGIBLE', scheme: null });
    expect(result.rules.find((r) => r.id === 'BOOKKEEPING_FOR_SCHEME')?.outcome).toBe('NOT_APPLICABLE');
    expect(result.rules.find((r) => r.id === 'NPWP_ABOVE_50_JUTA')?.outcome).toBe('NOT_APPLICABLE');
  });
});
