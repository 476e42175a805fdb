import { formatRupiah, MILIAR } from './money';

/**
 * Business size class under PP 7/2021 (Kemudahan, Pelindungan, dan Pemberdayaan Koperasi dan
 * UMKM), art. 35:
 * - (2)–(3) business capital, excluding land and buildings (modal usaha tidak termasuk tanah dan
 *   bangunan tempat usaha), used for founding or registering a business:
 *   micro ≤ Rp1 miliar, small ≤ Rp5 miliar, medium ≤ Rp10 miliar;
 * - (4)–(5) annual sales (hasil penjualan tahunan), used for facilitation, protection and
 *   empowerment: micro ≤ Rp2 miliar, small ≤ Rp15 miliar, medium ≤ Rp50 miliar.
 * Each ceiling is inclusive ("paling banyak"); each floor is exclusive ("lebih dari").
 *
 * Matchmaking and financing are empowerment, so a business with a sales year is classed by sales;
 * a new business without one falls back to capital, as at registration. Above the medium ceiling
 * the business is large (usaha besar) and is not an IKM.
 */
export type SizeClass = 'MICRO' | 'SMALL' | 'MEDIUM' | 'LARGE';
export type SizeClassBasis = 'ANNUAL_SALES' | 'BUSINESS_CAPITAL';

export type SizeClassResult = {
  sizeClass: SizeClass | null;
  basis: SizeClassBasis | null;
  reason: string;
};

export type Ceiling = { sizeClass: Exclude<SizeClass, 'LARGE'>; max: bigint };

/** Inclusive ceilings per basis, smallest class first; exported so database filters use the same numbers. */
export const CEILINGS: Record<SizeClassBasis, readonly Ceiling[]> = {
  ANNUAL_SALES: [
    { sizeClass: 'MICRO', max: 2n * MILIAR },
    { sizeClass: 'SMALL', max: 15n * MILIAR },
    { sizeClass: 'MEDIUM', max: 50n * MILIAR },
  ],
  BUSINESS_CAPITAL: [
    { sizeClass: 'MICRO', max: 1n * MILIAR },
    { sizeClass: 'SMALL', max: 5n * MILIAR },
    { sizeClass: 'MEDIUM', max: 10n * MILIAR },
  ],
};

const BASIS_TEXT: Record<SizeClassBasis, { measure: string; verb: string; source: string }> = {
  ANNUAL_SALES: {
    measure: 'Annual sales (hasil penjualan tahunan)',
    verb: 'are',
    source: 'under PP 7/2021 art. 35(5)',
  },
  BUSINESS_CAPITAL: {
    measure: 'Business capital excluding land and buildings (modal usaha tidak termasuk tanah dan bangunan)',
    verb: 'is',
    source: 'under PP 7/2021 art. 35(3); capital is used because no annual sales are recorded',
  },
};

const CLASS_TEXT: Record<SizeClass, string> = {
  MICRO: 'micro enterprise (usaha mikro)',
  SMALL: 'small enterprise (usaha kecil)',
  MEDIUM: 'medium enterprise (usaha menengah)',
  LARGE: 'large enterprise (usaha besar), not an IKM,',
};

export function sizeClass({
  annualTurnover,
  businessCapital,
}: {
  annualTurnover: bigint | null;
  businessCapital: bigint | null;
}): SizeClassResult {
  if (annualTurnover !== null) return classify('ANNUAL_SALES', annualTurnover);
  if (businessCapital !== null) return classify('BUSINESS_CAPITAL', businessCapital);
  return {
    sizeClass: null,
    basis: null,
    reason:
      'Neither annual sales nor business capital is recorded, so the size class under PP 7/2021 art. 35 cannot be determined.',
  };
}

/** The class of an amount on one basis, without sizeClass()'s explanation: for rows by the million. */
export function classOf(basis: SizeClassBasis, amount: bigint): SizeClass {
  return CEILINGS[basis].find((c) => amount <= c.max)?.sizeClass ?? 'LARGE';
}

function classify(basis: SizeClassBasis, amount: bigint): SizeClassResult {
  const ceilings = CEILINGS[basis];
  const found = classOf(basis, amount);
  const index = ceilings.findIndex((c) => c.sizeClass === found);
  const { measure, verb, source } = BASIS_TEXT[basis];
  const range =
    index === -1
      ? `above ${formatRupiah(ceilings[ceilings.length - 1]!.max)}, the medium ceiling`
      : index === 0
        ? `at most ${formatRupiah(ceilings[0]!.max)}`
        : `above ${formatRupiah(ceilings[index - 1]!.max)} and at most ${formatRupiah(ceilings[index]!.max)}`;
  return {
    sizeClass: found,
    basis,
    reason: `${measure} of ${formatRupiah(amount)} ${verb} ${range}, so this is a ${CLASS_TEXT[found]} ${source}.`,
  };
}
