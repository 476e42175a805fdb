import { describe, expect, it } from 'vitest';
import { formatRupiah, MILIAR } from '../../src/domain/money';
import { sizeClass, type SizeClass } from '../../src/domain/size-class';

type Case = { amount: bigint; expected: SizeClass };

/** One rupiah below, exactly at and one rupiah above each ceiling: ceilings are inclusive. */
function boundaryCases(ceilings: [SizeClass, bigint][]): (Case & { label: string })[] {
  const next: Record<SizeClass, SizeClass> = { MICRO: 'SMALL', SMALL: 'MEDIUM', MEDIUM: 'LARGE', LARGE: 'LARGE' };
  return ceilings.flatMap(([cls, max]) => [
    { amount: max - 1n, expected: cls },
    { amount: max, expected: cls },
    { amount: max + 1n, expected: next[cls] },
  ]).map((c) => ({ ...c, label: formatRupiah(c.amount) }));
}

describe('sizeClass by annual sales (PP 7/2021 art. 35(5))', () => {
  it.each(
    boundaryCases([
      ['MICRO', 2n * MILIAR],
      ['SMALL', 15n * MILIAR],
      ['MEDIUM', 50n * MILIAR],
    ]),
  )('annual sales of $label give $expected', ({ amount, expected }) => {
    const result = sizeClass({ annualTurnover: amount, businessCapital: null });
    expect(result.sizeClass).toBe(expected);
    expect(result.basis).toBe('ANNUAL_SALES');
    expect(result.reason).toContain(formatRupiah(amount));
  });

  it('classes zero sales as micro', () => {
    expect(sizeClass({ annualTurnover: 0n, businessCapital: null }).sizeClass).toBe('MICRO');
  });

  it('explains a micro classification with the ceiling and the article', () => {
    expect(sizeClass({ annualTurnover: 2n * MILIAR, businessCapital: null }).reason).toBe(
      'Annual sales (hasil penjualan tahunan) of Rp2.000.000.000 are at most Rp2.000.000.000, so this is a micro enterprise (usaha mikro) under PP 7/2021 art. 35(5).',
    );
  });

  it('explains a small classification with both bounds', () => {
    expect(sizeClass({ annualTurnover: 2n * MILIAR + 1n, businessCapital: null }).reason).toBe(
      'Annual sales (hasil penjualan tahunan) of Rp2.000.000.001 are above Rp2.000.000.000 and at most Rp15.000.000.000, so this is a small enterprise (usaha kecil) under PP 7/2021 art. 35(5).',
    );
  });

  it('says a large business is not an IKM', () => {
    expect(sizeClass({ annualTurnover: 50n * MILIAR + 1n, businessCapital: null }).reason).toBe(
      'Annual sales (hasil penjualan tahunan) of Rp50.000.000.001 are above Rp50.000.000.000, the medium ceiling, so this is a large enterprise (usaha besar), not an IKM, under PP 7/2021 art. 35(5).',
    );
  });
});

describe('sizeClass by business capital excluding land and buildings (PP 7/2021 art. 35(3))', () => {
  it.each(
    boundaryCases([
      ['MICRO', 1n * MILIAR],
      ['SMALL', 5n * MILIAR],
      ['MEDIUM', 10n * MILIAR],
    ]),
  )('business capital of $label with no sales year gives $expected', ({ amount, expected }) => {
    const result = sizeClass({ annualTurnover: null, businessCapital: amount });
    expect(result.sizeClass).toBe(expected);
    expect(result.basis).toBe('BUSINESS_CAPITAL');
    expect(result.reason).toContain(formatRupiah(amount));
  });

  it('explains that capital is used because no sales are recorded', () => {
    expect(sizeClass({ annualTurnover: null, businessCapital: 5n * MILIAR }).reason).toBe(
      'Business capital excluding land and buildings (modal usaha tidak termasuk tanah dan bangunan) of Rp5.000.000.000 is above Rp1.000.000.000 and at most Rp5.000.000.000, so this is a small enterprise (usaha kecil) under PP 7/2021 art. 35(3); capital is used because no annual sales are recorded.',
    );
  });
});

describe('sizeClass: which basis applies', () => {
  it('uses annual sales when both sales and capital are known, even if capital would give another class', () => {
    const result = sizeClass({ annualTurnover: 1n * MILIAR, businessCapital: 8n * MILIAR });
    expect(result).toMatchObject({ sizeClass: 'MICRO', basis: 'ANNUAL_SALES' });
  });

  it('returns no class, with a reason, when neither is known', () => {
    expect(sizeClass({ annualTurnover: null, businessCapital: null })).toEqual({
      sizeClass: null,
      basis: null,
      reason:
        'Neither annual sales nor business capital is recorded, so the size class under PP 7/2021 art. 35 cannot be determined.',
    });
  });
});
