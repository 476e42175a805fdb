import { businessAgeMonths } from '../../business-age';
import { PERMENKO_1_2026 } from '../sources';
import type { Rule } from '../types';

/** Permenko Perekonomian 1/2026: "usaha produktif dan layak yang telah berjalan paling singkat 6 (enam) bulan". */
export const MIN_BUSINESS_AGE_MONTHS = 6;

const months = (n: number) => `${n} ${n === 1 ? 'month' : 'months'}`;

export const businessAgeRule: Rule = {
  id: 'BUSINESS_AGE_MIN_6_MONTHS',
  description: `Business age (usia usaha): whole months from the founding date to the assessment date must be at least ${MIN_BUSINESS_AGE_MONTHS}.`,
  source: `${PERMENKO_1_2026} (calon Penerima KUR: usaha produktif dan layak yang telah berjalan paling singkat 6 bulan)`,
  evaluate({ enterprise }, asOf) {
    const age = businessAgeMonths(enterprise.foundedOn, asOf);
    const reason = `Business has run ${months(age)}; KUR needs at least ${MIN_BUSINESS_AGE_MONTHS} (usia usaha minimal ${MIN_BUSINESS_AGE_MONTHS} bulan).`;
    return { outcome: age >= MIN_BUSINESS_AGE_MONTHS ? 'PASS' : 'FAIL', reason };
  },
};
