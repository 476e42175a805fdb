import { formatRupiah } from '../money';
import { KUR_SCHEMES, type KurScheme } from '../readiness/scheme';

/**
 * The amount band an anonymised financing lead shows instead of its amount. The bands are the KUR
 * scheme plafonds (Permenko Perekonomian 1/2026: Super Mikro up to Rp10 juta, Mikro up to Rp100
 * juta, Kecil up to Rp500 juta), taken from the readiness module so the two never disagree, plus
 * one band above the largest: a funder sees which scheme a lead could fit, not the figure.
 */
export type AmountBand = 'UP_TO_10_JUTA' | 'FROM_10_TO_100_JUTA' | 'FROM_100_TO_500_JUTA' | 'ABOVE_500_JUTA';

export interface AmountBandDefinition {
  band: AmountBand;
  /** Exclusive floor ("di atas"); null for the first band, which starts above Rp0. */
  above: bigint | null;
  /** Inclusive ceiling ("sampai dengan"); null for the open top band. */
  upTo: bigint | null;
  /** The KUR scheme of the band; null above the largest scheme. */
  scheme: KurScheme | null;
}

const NAMES: Record<KurScheme, AmountBand> = {
  SUPER_MIKRO: 'UP_TO_10_JUTA',
  MIKRO: 'FROM_10_TO_100_JUTA',
  KECIL: 'FROM_100_TO_500_JUTA',
};

/** Smallest first; contiguous and without overlap. */
export const AMOUNT_BANDS: readonly AmountBandDefinition[] = [
  ...KUR_SCHEMES.map((s, i) => ({ band: NAMES[s.scheme], above: KUR_SCHEMES[i - 1]?.max ?? null, upTo: s.max, scheme: s.scheme })),
  { band: 'ABOVE_500_JUTA', above: KUR_SCHEMES[KUR_SCHEMES.length - 1]!.max, upTo: null, scheme: null },
];

/** The band of an amount; a non-positive amount (bad data) falls in the first band rather than failing. */
export function amountBand(amount: bigint): AmountBand {
  return AMOUNT_BANDS.find((b) => b.upTo === null || amount <= b.upTo)!.band;
}

export function amountBandDefinition(band: AmountBand): AmountBandDefinition {
  return AMOUNT_BANDS.find((b) => b.band === band)!;
}

/** "above Rp10.000.000 and up to Rp100.000.000 (KUR Mikro)". */
export function describeAmountBand(band: AmountBand): string {
  const d = amountBandDefinition(band);
  const range = [d.above !== null ? `above ${formatRupiah(d.above)}` : null, d.upTo !== null ? `up to ${formatRupiah(d.upTo)}` : null]
    .filter(Boolean)
    .join(' and ');
  const scheme = d.scheme ? KUR_SCHEMES.find((s) => s.scheme === d.scheme)!.name : 'above every KUR scheme';
  return `${range.charAt(0).toUpperCase()}${range.slice(1)} (${scheme}).`;
}
