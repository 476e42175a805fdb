import { formatRupiah, JUTA } from '../../money';
import { PERMENKO_1_2026 } from '../sources';
import type { Rule } from '../types';

/**
 * Permenko Perekonomian 1/2026: an NPWP is required for KUR Mikro above Rp50 juta and for every
 * KUR Kecil; KUR Kecil starts above Rp100 juta, so "above Rp50 juta" covers both. Up to Rp50 juta
 * (all of Super Mikro, the lower part of Mikro) no NPWP is asked for.
 */
export const NPWP_REQUIRED_ABOVE = 50n * JUTA;

export const npwpRule: Rule = {
  id: 'NPWP_ABOVE_50_JUTA',
  description: `NPWP (Nomor Pokok Wajib Pajak, taxpayer number) is on record when the requested amount is above ${formatRupiah(NPWP_REQUIRED_ABOVE)}; not applicable up to that amount.`,
  source: `${PERMENKO_1_2026} (NPWP wajib untuk KUR Mikro dengan plafon di atas Rp50 juta dan untuk KUR Kecil)`,
  evaluate({ enterprise, amount }) {
    const requested = formatRupiah(amount);
    const limit = formatRupiah(NPWP_REQUIRED_ABOVE);
    if (amount <= NPWP_REQUIRED_ABOVE) {
      return {
        outcome: 'NOT_APPLICABLE',
        reason: `Requested ${requested} is at most ${limit}, so KUR does not require an NPWP (Nomor Pokok Wajib Pajak).`,
      };
    }
    return enterprise.npwp
      ? {
          outcome: 'PASS',
          reason: `Requested ${requested} is above ${limit}, so KUR requires an NPWP (Nomor Pokok Wajib Pajak); one is on record.`,
        }
      : {
          outcome: 'MISSING_DOCUMENT',
          reason: `Requested ${requested} is above ${limit}, so KUR requires an NPWP (Nomor Pokok Wajib Pajak); none is on record.`,
        };
  },
};
