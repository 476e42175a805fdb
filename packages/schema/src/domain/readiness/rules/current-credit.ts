import { PERMENKO_1_2026 } from '../sources';
import type { CurrentCredit, Evaluation, Rule } from '../types';

/**
 * Credit a KUR applicant may hold at the same time, provided its collectibility is current
 * (kolektibilitas lancar), as the KUR guideline lists it. Anything else that is commercial
 * working-capital or investment credit (kredit modal kerja/investasi komersial) bars KUR.
 * The CONSUMER value of CurrentCredit stands for the consumer items of this list.
 */
export const CONCURRENT_CREDIT_EXCEPTIONS: readonly string[] = [
  'home-ownership credit (kredit pemilikan rumah, KPR)',
  'two-wheeler credit or leasing for productive use (kredit/leasing kendaraan bermotor roda dua untuk tujuan produktif)',
  'loans secured by a pension decree (kredit dengan jaminan surat keputusan pensiun)',
  'credit cards (kartu kredit)',
  'warehouse-receipt financing (kredit resi gudang)',
  'household consumer credit (kredit konsumsi untuk keperluan rumah tangga), such as a car loan (kredit kendaraan bermotor, KKB)',
];

const exceptions = CONCURRENT_CREDIT_EXCEPTIONS.join('; ');

/**
 * An existing KUR is not a bar: the guideline lets a debtor hold KUR concurrently at the same
 * Penyalur KUR while repayment is current, within the scheme's ceiling. The record does not say
 * which bank holds it, how much is outstanding or whether it is current, so the rule asks for the
 * statement of the existing KUR (MISSING_DOCUMENT) rather than guessing PASS or FAIL.
 */
const BY_CREDIT: Record<CurrentCredit, Evaluation> = {
  NONE: { outcome: 'PASS', reason: 'No current credit is recorded.' },
  CONSUMER: {
    outcome: 'PASS',
    reason: `Current credit is consumer credit, which KUR allows alongside it while repayment is current (kolektibilitas lancar): ${exceptions}.`,
  },
  COMMERCIAL_PRODUCTIVE: {
    outcome: 'FAIL',
    reason: `Current credit is a commercial working-capital or investment loan (kredit produktif komersial), which bars KUR; only these may run alongside KUR: ${exceptions}.`,
  },
  KUR: {
    outcome: 'MISSING_DOCUMENT',
    reason:
      'A KUR is already running; a further KUR is possible only from the same Penyalur KUR, with repayment current (kolektibilitas lancar) and within the scheme ceiling, so the statement of the existing KUR (bank, outstanding balance, collectibility) is needed.',
  },
};

export const currentCreditRule: Rule = {
  id: 'NO_CURRENT_COMMERCIAL_CREDIT',
  description: `No commercial productive credit (kredit modal kerja/investasi komersial) is running. Allowed alongside KUR while current: ${exceptions}. An existing KUR needs its statement, since a further KUR must come from the same Penyalur KUR.`,
  source: `${PERMENKO_1_2026} (kredit yang dapat diterima bersamaan dengan KUR, kolektibilitas lancar: KUR pada Penyalur KUR yang sama, kredit pemilikan rumah, kredit/leasing kendaraan bermotor roda dua untuk tujuan produktif, kredit dengan jaminan surat keputusan pensiun, kartu kredit, kredit resi gudang, kredit konsumsi untuk keperluan rumah tangga)`,
  evaluate({ enterprise }) {
    return { ...BY_CREDIT[enterprise.currentCredit] };
  },
};
