import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Enterprise, EnterpriseYearFigure, FinancingNeed } from '../../../src/generated/prisma/client';
import { JUTA, MILIAR } from '../../../src/domain/money';
import { OUTCOME_DESCRIPTIONS, VERDICT_DESCRIPTIONS, type ReadinessInput } from '../../../src/domain/readiness';
import { assess, day, lead, outcomes, turnoverOf } from './fixtures';

describe('assessReadiness: verdict and scheme', () => {
  it('reports every rule of the set with reason and source, in order, for an eligible lead', () => {
    expect(assess(lead())).toEqual({
      ruleSet: {
        version: '2026.1',
        effectiveFrom: '2026-01-01',
        source: 'Permenko Perekonomian No. 1 Tahun 2026 tentang Pedoman Pelaksanaan Kredit Usaha Rakyat',
      },
      asOf: '2026-07-15',
      verdict: 'ELIGIBLE',
      scheme: 'MIKRO',
      turnover: { turnover: 1n * MILIAR, year: 2025, isEstimate: false },
      rules: [
        {
          id: 'BUSINESS_AGE_MIN_6_MONTHS',
          outcome: 'PASS',
          reason: 'Business has run 88 months; KUR needs at least 6 (usia usaha minimal 6 bulan).',
          source: expect.stringContaining('paling singkat 6 bulan'),
        },
        { id: 'NIB_PRESENT', outcome: 'PASS', reason: 'NIB (Nomor Induk Berusaha) is on record.', source: expect.any(String) },
        {
          id: 'NPWP_ABOVE_50_JUTA',
          outcome: 'PASS',
          reason:
            'Requested Rp75.000.000 is above Rp50.000.000, so KUR requires an NPWP (Nomor Pokok Wajib Pajak); one is on record.',
          source: expect.stringContaining('di atas Rp50 juta'),
        },
        {
          id: 'ANNUAL_TURNOVER_MAX_4_8_MILIAR',
          outcome: 'PASS',
          reason: 'Recorded turnover (omzet) of 2025, Rp1.000.000.000, is at most Rp4.800.000.000, the KUR ceiling.',
          source: expect.stringContaining('Pasal 3'),
        },
        {
          id: 'NO_CURRENT_COMMERCIAL_CREDIT',
          outcome: 'PASS',
          reason: 'No current credit is recorded.',
          source: expect.stringContaining('kolektibilitas lancar'),
        },
        {
          id: 'AMOUNT_WITHIN_KUR_SCHEME',
          outcome: 'PASS',
          reason: 'Requested Rp75.000.000 is above Rp10.000.000 and up to Rp100.000.000, so it fits KUR Mikro.',
          source: expect.stringContaining('plafond'),
        },
        {
          id: 'SIZE_CLASS_IKM',
          outcome: 'PASS',
          reason:
            'Annual sales (hasil penjualan tahunan) of Rp1.000.000.000 are at most Rp2.000.000.000, so this is a micro enterprise (usaha mikro) under PP 7/2021 art. 35(5).',
          source: expect.stringContaining('PP No. 7 Tahun 2021'),
        },
        {
          id: 'BOOKKEEPING_FOR_SCHEME',
          outcome: 'PASS',
          reason:
            "The enterprise keeps spreadsheet books (pembukuan spreadsheet), which meets this product's minimum for KUR Mikro: handwritten notes (catatan manual).",
          source: expect.stringContaining('product policy'),
        },
      ],
    });
  });

  it('needs documents when only documents are missing, and still names the scheme', () => {
    const result = assess(
      lead({ amount: 200n * JUTA, enterprise: { npwp: null, bookkeeping: 'MANUAL_NOTES', currentCredit: 'KUR' } }),
    );
    expect(result).toMatchObject({ verdict: 'NEEDS_DOCUMENTS', scheme: 'KECIL' });
    expect(outcomes(result)).toEqual({
      BUSINESS_AGE_MIN_6_MONTHS: 'PASS',
      NIB_PRESENT: 'PASS',
      NPWP_ABOVE_50_JUTA: 'MISSING_DOCUMENT',
      ANNUAL_TURNOVER_MAX_4_8_MILIAR: 'PASS',
      NO_CURRENT_COMMERCIAL_CREDIT: 'MISSING_DOCUMENT',
      AMOUNT_WITHIN_KUR_SCHEME: 'PASS',
      SIZE_CLASS_IKM: 'PASS',
      BOOKKEEPING_FOR_SCHEME: 'MISSING_DOCUMENT',
    });
  });

  it('is not eligible when any rule fails, even with documents missing too, and names no scheme', () => {
    const result = assess(lead({ enterprise: { foundedOn: day('2026-03-01'), npwp: null } }));
    expect(result).toMatchObject({ verdict: 'NOT_ELIGIBLE', scheme: null });
    expect(outcomes(result)).toMatchObject({ BUSINESS_AGE_MIN_6_MONTHS: 'FAIL', NPWP_ABOVE_50_JUTA: 'MISSING_DOCUMENT' });
  });

  it('is not eligible on a single failure', () => {
    expect(assess(lead({ enterprise: { annualTurnover: 5n * MILIAR, ...turnoverOf(5n * MILIAR) } }))).toMatchObject({
      verdict: 'NOT_ELIGIBLE',
      scheme: null,
    });
  });

  it('is eligible with rules not applicable: Super Mikro without NPWP or books', () => {
    const result = assess(lead({ amount: 10n * JUTA, enterprise: { npwp: null, bookkeeping: 'NONE' } }));
    expect(result).toMatchObject({ verdict: 'ELIGIBLE', scheme: 'SUPER_MIKRO' });
    expect(outcomes(result).NPWP_ABOVE_50_JUTA).toBe('NOT_APPLICABLE');
  });

  it('needs documents for a new record without turnover or capital', () => {
    const result = assess(lead({ enterprise: { annualTurnover: null, businessCapital: null, yearFigures: [] } }));
    expect(result).toMatchObject({ verdict: 'NEEDS_DOCUMENTS', scheme: 'MIKRO' });
    expect(outcomes(result)).toMatchObject({ ANNUAL_TURNOVER_MAX_4_8_MILIAR: 'MISSING_DOCUMENT', SIZE_CLASS_IKM: 'MISSING_DOCUMENT' });
  });

  it('takes a Prisma Enterprise row and a FinancingNeed amount as they are (checked by tsc)', () => {
    expectTypeOf<Enterprise & { yearFigures: EnterpriseYearFigure[] }>().toExtend<ReadinessInput['enterprise']>();
    expectTypeOf<FinancingNeed['amount']>().toEqualTypeOf<ReadinessInput['amount']>();
  });

  it('describes every outcome and verdict', () => {
    expect(Object.keys(OUTCOME_DESCRIPTIONS).sort()).toEqual(['FAIL', 'MISSING_DOCUMENT', 'NOT_APPLICABLE', 'PASS']);
    expect(Object.keys(VERDICT_DESCRIPTIONS).sort()).toEqual(['ELIGIBLE', 'NEEDS_DOCUMENTS', 'NOT_ELIGIBLE']);
  });
});
