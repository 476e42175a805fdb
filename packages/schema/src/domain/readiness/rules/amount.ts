import { formatRupiah } from '../../money';
import { bandRange, KUR_SCHEME_SOURCE, KUR_SCHEMES, schemeBand } from '../scheme';
import type { Rule } from '../types';

const top = KUR_SCHEMES[KUR_SCHEMES.length - 1]!;

/**
 * A non-positive amount is bad data, not a reason to throw: one broken financing need must not
 * break a funder's whole list of leads, so it fails here with a reason that names the value.
 */
export const amountRule: Rule = {
  id: 'AMOUNT_WITHIN_KUR_SCHEME',
  description: `Requested amount fits a KUR scheme: ${KUR_SCHEMES.map((band, i) => `${band.name} ${bandRange(i)}`).join('; ')}. Above ${formatRupiah(top.max)}, or at Rp0 or less, no scheme fits.`,
  source: KUR_SCHEME_SOURCE,
  evaluate({ amount }) {
    const requested = formatRupiah(amount);
    if (amount <= 0n) {
      return {
        outcome: 'FAIL',
        reason: `Requested amount of ${requested} is not a financing need; a KUR plafond must be above Rp0.`,
      };
    }
    const band = schemeBand(amount);
    if (!band) {
      return {
        outcome: 'FAIL',
        reason: `Requested ${requested} is above ${formatRupiah(top.max)}, the ${top.name} ceiling; no KUR scheme fits.`,
      };
    }
    return {
      outcome: 'PASS',
      reason: `Requested ${requested} is ${bandRange(KUR_SCHEMES.indexOf(band))}, so it fits ${band.name}.`,
    };
  },
};
