import { describe, expect, it } from 'vitest';
import { BookkeepingPractice as PrismaBookkeeping } from '../../../src/generated/prisma/enums';
import { JUTA } from '../../../src/domain/money';
import {
  BOOKKEEPING_ORDER,
  bookkeepingRule,
  MIN_BOOKKEEPING,
  type BookkeepingPractice,
  type KurScheme,
} from '../../../src/domain/readiness';
import { evaluate, lead } from './fixtures';

const AMOUNT: Record<KurScheme, bigint> = { SUPER_MIKRO: 10n * JUTA, MIKRO: 100n * JUTA, KECIL: 500n * JUTA };

const keeping = (scheme: KurScheme, bookkeeping: BookkeepingPractice, hasFinancialStatements = false) =>
  lead({ amount: AMOUNT[scheme], enterprise: { bookkeeping, hasFinancialStatements } });

describe('BOOKKEEPING_FOR_SCHEME (product policy)', () => {
  it('orders every database bookkeeping value, weakest first', () => {
    expect([...BOOKKEEPING_ORDER].sort()).toEqual(Object.values(PrismaBookkeeping).sort());
  });

  it('sets the minimum per scheme', () => {
    expect(MIN_BOOKKEEPING).toEqual({ SUPER_MIKRO: 'NONE', MIKRO: 'MANUAL_NOTES', KECIL: 'SPREADSHEET' });
  });

  it('cites product policy, not the regulation', () => {
    expect(bookkeepingRule.source).toMatch(/^Temu Bisnis product policy/);
  });

  // Every practice against every scheme, without declared financial statements.
  it.each([
    ['SUPER_MIKRO', 'NONE', 'PASS'],
    ['SUPER_MIKRO', 'MANUAL_NOTES', 'PASS'],
    ['MIKRO', 'NONE', 'MISSING_DOCUMENT'],
    ['MIKRO', 'MANUAL_NOTES', 'PASS'],
    ['MIKRO', 'SPREADSHEET', 'PASS'],
    ['KECIL', 'NONE', 'MISSING_DOCUMENT'],
    ['KECIL', 'MANUAL_NOTES', 'MISSING_DOCUMENT'],
    ['KECIL', 'SPREADSHEET', 'PASS'],
    ['KECIL', 'ACCOUNTING_APP', 'PASS'],
    ['KECIL', 'AUDITED_STATEMENTS', 'PASS'],
  ] as const)('%s with %s: %s', (scheme, practice, outcome) => {
    expect(evaluate(bookkeepingRule, keeping(scheme, practice)).outcome).toBe(outcome);
  });

  it('lets declared financial statements meet any scheme', () => {
    expect(evaluate(bookkeepingRule, keeping('KECIL', 'NONE', true))).toEqual({
      outcome: 'PASS',
      reason:
        "The enterprise keeps no bookkeeping (tanpa pembukuan) but declares financial statements (laporan keuangan), which meet this product's minimum for KUR Kecil.",
    });
    expect(evaluate(bookkeepingRule, keeping('MIKRO', 'NONE', true)).outcome).toBe('PASS');
  });

  it('explains a pass, a shortfall and Super Mikro', () => {
    expect(evaluate(bookkeepingRule, keeping('KECIL', 'SPREADSHEET')).reason).toBe(
      "The enterprise keeps spreadsheet books (pembukuan spreadsheet), which meets this product's minimum for KUR Kecil: spreadsheet books (pembukuan spreadsheet).",
    );
    expect(evaluate(bookkeepingRule, keeping('KECIL', 'MANUAL_NOTES')).reason).toBe(
      'The enterprise keeps handwritten notes (catatan manual) and declares no financial statements; this product asks for at least spreadsheet books (pembukuan spreadsheet) or financial statements (laporan keuangan) for KUR Kecil.',
    );
    expect(evaluate(bookkeepingRule, keeping('SUPER_MIKRO', 'NONE')).reason).toBe(
      "KUR Super Mikro asks for no bookkeeping under this product's policy; the enterprise keeps no bookkeeping (tanpa pembukuan).",
    );
  });

  it('uses the scheme of the amount: one rupiah above Rp100 juta is KUR Kecil', () => {
    const notes = { bookkeeping: 'MANUAL_NOTES' } as const;
    expect(evaluate(bookkeepingRule, lead({ amount: 100n * JUTA, enterprise: notes })).outcome).toBe('PASS');
    expect(evaluate(bookkeepingRule, lead({ amount: 100n * JUTA + 1n, enterprise: notes })).outcome).toBe(
      'MISSING_DOCUMENT',
    );
  });

  it('does not apply when no scheme fits', () => {
    expect(evaluate(bookkeepingRule, lead({ amount: 500n * JUTA + 1n, enterprise: { bookkeeping: 'NONE' } }))).toEqual({
      outcome: 'NOT_APPLICABLE',
      reason: 'No KUR scheme fits the requested amount, so no bookkeeping minimum applies.',
    });
  });
});
