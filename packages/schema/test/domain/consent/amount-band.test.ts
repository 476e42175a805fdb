import { describe, expect, it } from 'vitest';
import { AMOUNT_BANDS, amountBand, describeAmountBand } from '../../../src/domain/consent';
import { JUTA } from '../../../src/domain/money';
import { KUR_SCHEMES, schemeBand } from '../../../src/domain/readiness';

describe('amount bands of anonymised leads', () => {
  it.each([
    [1n, 'UP_TO_10_JUTA'],
    [10n * JUTA, 'UP_TO_10_JUTA'],
    [10n * JUTA + 1n, 'FROM_10_TO_100_JUTA'],
    [100n * JUTA, 'FROM_10_TO_100_JUTA'],
    [100n * JUTA + 1n, 'FROM_100_TO_500_JUTA'],
    [500n * JUTA, 'FROM_100_TO_500_JUTA'],
    [500n * JUTA + 1n, 'ABOVE_500_JUTA'],
    [50_000n * JUTA, 'ABOVE_500_JUTA'],
  ])('%s rupiah is %s', (amount, band) => {
    expect(amountBand(amount)).toBe(band);
  });

  it('follow the KUR scheme plafonds of the readiness module exactly', () => {
    const kur = AMOUNT_BANDS.filter((b) => b.scheme !== null);
    expect(kur.map((b) => [b.scheme, b.upTo])).toEqual(KUR_SCHEMES.map((s) => [s.scheme, s.max]));
    for (const amount of [1n, 10n * JUTA, 10n * JUTA + 1n, 100n * JUTA, 100n * JUTA + 1n, 500n * JUTA, 500n * JUTA + 1n]) {
      const band = AMOUNT_BANDS.find((b) => b.band === amountBand(amount))!;
      expect(band.scheme).toBe(schemeBand(amount)?.scheme ?? null);
    }
  });

  it('are contiguous: each floor is the ceiling below it', () => {
    AMOUNT_BANDS.forEach((b, i) => {
      expect(b.above).toBe(AMOUNT_BANDS[i - 1]?.upTo ?? null);
    });
    expect(AMOUNT_BANDS.at(-1)!.upTo).toBeNull();
  });

  it('are described with their range and scheme', () => {
    expect(describeAmountBand('UP_TO_10_JUTA')).toBe('Up to Rp10.000.000 (KUR Super Mikro).');
    expect(describeAmountBand('FROM_10_TO_100_JUTA')).toBe('Above Rp10.000.000 and up to Rp100.000.000 (KUR Mikro).');
    expect(describeAmountBand('ABOVE_500_JUTA')).toBe('Above Rp500.000.000 (above every KUR scheme).');
  });
});
