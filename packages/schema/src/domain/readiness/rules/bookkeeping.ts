import { schemeBand, type KurScheme } from '../scheme';
import { PRODUCT_POLICY } from '../sources';
import type { BookkeepingPractice, Rule } from '../types';

/** Weakest practice first. */
export const BOOKKEEPING_ORDER: readonly BookkeepingPractice[] = [
  'NONE',
  'MANUAL_NOTES',
  'SPREADSHEET',
  'ACCOUNTING_APP',
  'AUDITED_STATEMENTS',
];

const PRACTICE_TEXT: Record<BookkeepingPractice, string> = {
  NONE: 'no bookkeeping (tanpa pembukuan)',
  MANUAL_NOTES: 'handwritten notes (catatan manual)',
  SPREADSHEET: 'spreadsheet books (pembukuan spreadsheet)',
  ACCOUNTING_APP: 'an accounting application (aplikasi akuntansi)',
  AUDITED_STATEMENTS: 'audited financial statements (laporan keuangan teraudit)',
};

/**
 * Product policy, not regulation: the KUR guideline leaves the feasibility judgement (usaha layak)
 * to the Penyalur KUR and sets no bookkeeping standard. A funder reading a lead still needs
 * something to judge cash flow from, more so as the plafond grows:
 * - Super Mikro (up to Rp10 juta): nothing asked; the bank's field survey is enough at this size;
 * - Mikro: at least handwritten notes of sales and costs;
 * - Kecil: at least spreadsheet books.
 * Declared financial statements (laporan keuangan) meet every scheme. Falling short is
 * MISSING_DOCUMENT: records can be started, so it is not a bar.
 */
export const MIN_BOOKKEEPING: Record<KurScheme, BookkeepingPractice> = {
  SUPER_MIKRO: 'NONE',
  MIKRO: 'MANUAL_NOTES',
  KECIL: 'SPREADSHEET',
};

const rank = (practice: BookkeepingPractice) => BOOKKEEPING_ORDER.indexOf(practice);

export const bookkeepingRule: Rule = {
  id: 'BOOKKEEPING_FOR_SCHEME',
  description:
    'Bookkeeping (pembukuan) meets the minimum for the KUR scheme the amount falls into (Temu Bisnis policy): none for KUR Super Mikro, handwritten notes for KUR Mikro, spreadsheet books for KUR Kecil; declared financial statements (laporan keuangan) meet every scheme. Not applicable when no scheme fits.',
  source: `${PRODUCT_POLICY}: minimum bookkeeping per KUR scheme`,
  evaluate({ enterprise, amount }) {
    const band = schemeBand(amount);
    if (!band) {
      return { outcome: 'NOT_APPLICABLE', reason: 'No KUR scheme fits the requested amount, so no bookkeeping minimum applies.' };
    }
    const minimum = MIN_BOOKKEEPING[band.scheme];
    const kept = PRACTICE_TEXT[enterprise.bookkeeping];
    if (rank(enterprise.bookkeeping) >= rank(minimum)) {
      return {
        outcome: 'PASS',
        reason:
          minimum === 'NONE'
            ? `${band.name} asks for no bookkeeping under this product's policy; the enterprise keeps ${kept}.`
            : `The enterprise keeps ${kept}, which meets this product's minimum for ${band.name}: ${PRACTICE_TEXT[minimum]}.`,
      };
    }
    if (enterprise.hasFinancialStatements) {
      return {
        outcome: 'PASS',
        reason: `The enterprise keeps ${kept} but declares financial statements (laporan keuangan), which meet this product's minimum for ${band.name}.`,
      };
    }
    return {
      outcome: 'MISSING_DOCUMENT',
      reason: `The enterprise keeps ${kept} and declares no financial statements; this product asks for at least ${PRACTICE_TEXT[minimum]} or financial statements (laporan keuangan) for ${band.name}.`,
    };
  },
};
