import { readinessTurnover } from '../../figures/years';
import { formatRupiah, JUTA } from '../../money';
import { PERMENKO_1_2026 } from '../sources';
import type { Rule } from '../types';

/**
 * Permenko Perekonomian 1/2026 Pasal 3: KUR serves micro and small businesses whose turnover
 * (omzet) of the previous year, or the estimate for the current year, is at most Rp4,8 miliar; the
 * Penyalur KUR validates it from tax reports or its own objective assessment (ayat (3)). This is
 * KUR's own scale test, stricter than the PP 7/2021 small ceiling (Rp15 miliar of sales).
 */
export const KUR_TURNOVER_MAX = 4_800n * JUTA;

export const annualTurnoverRule: Rule = {
  id: 'ANNUAL_TURNOVER_MAX_4_8_MILIAR',
  description: `Annual turnover (omzet) is at most ${formatRupiah(KUR_TURNOVER_MAX)}, the KUR ceiling for micro and small businesses; a missing figure needs the previous year's turnover or an estimate for the current year.`,
  source: `${PERMENKO_1_2026}, Pasal 3 (skala usaha mikro dan kecil: omzet paling banyak Rp4,8 miliar, divalidasi dengan laporan perpajakan)`,
  evaluate({ enterprise: { yearFigures } }, asOf) {
    const limit = formatRupiah(KUR_TURNOVER_MAX);
    const year = asOf.getUTCFullYear();
    const used = readinessTurnover(yearFigures, year);
    if (used === null) {
      return {
        outcome: 'MISSING_DOCUMENT',
        reason: `No turnover (omzet) is recorded for ${year - 1} and no estimate for ${year}; KUR needs last year's turnover or an estimate for this year, at most ${limit}, backed by tax reports (laporan perpajakan).`,
      };
    }
    const figure = `${used.isEstimate ? 'Estimated' : 'Recorded'} turnover (omzet) of ${used.year}, ${formatRupiah(used.turnover)},`;
    return used.turnover <= KUR_TURNOVER_MAX
      ? { outcome: 'PASS', reason: `${figure} is at most ${limit}, the KUR ceiling.` }
      : { outcome: 'FAIL', reason: `${figure} is above ${limit}, the KUR ceiling for micro and small businesses.` };
  },
};
