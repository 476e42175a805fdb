import { formatRupiah, JUTA } from '../money';
import { PERMENKO_1_2026 } from './sources';

/**
 * KUR schemes by plafond per akad (Permenko Perekonomian 1/2026): each ceiling inclusive ("sampai
 * dengan", "paling banyak"), each floor the ceiling below it, exclusive ("di atas"):
 * - KUR Super Mikro: up to Rp10 juta;
 * - KUR Mikro: above Rp10 juta, up to Rp100 juta;
 * - KUR Kecil: above Rp100 juta, up to Rp500 juta.
 * KUR Khusus (groups and priority commodities) and KUR Penempatan PMI (migrant workers) are not
 * schemes an individual IKM applies for through Temu Bisnis, so they are left out.
 */
export type KurScheme = 'SUPER_MIKRO' | 'MIKRO' | 'KECIL';

export type SchemeBand = { scheme: KurScheme; name: string; max: bigint };

export const KUR_SCHEME_SOURCE = `${PERMENKO_1_2026} (plafond KUR Super Mikro, Mikro dan Kecil per akad)`;

/** Smallest scheme first. */
export const KUR_SCHEMES: readonly SchemeBand[] = [
  { scheme: 'SUPER_MIKRO', name: 'KUR Super Mikro', max: 10n * JUTA },
  { scheme: 'MIKRO', name: 'KUR Mikro', max: 100n * JUTA },
  { scheme: 'KECIL', name: 'KUR Kecil', max: 500n * JUTA },
];

export const SCHEME_DESCRIPTIONS: Record<KurScheme, string> = Object.fromEntries(
  KUR_SCHEMES.map((band, i) => [band.scheme, `${band.name}: a plafond ${bandRange(i)}.`]),
) as Record<KurScheme, string>;

/** The band a positive amount falls in; null for a non-positive amount or one above every ceiling. */
export function schemeBand(amount: bigint): SchemeBand | null {
  if (amount <= 0n) return null;
  return KUR_SCHEMES.find((band) => amount <= band.max) ?? null;
}

/** "up to Rp10.000.000" / "above Rp10.000.000 and up to Rp100.000.000". */
export function bandRange(index: number): string {
  const band = KUR_SCHEMES[index]!;
  const below = KUR_SCHEMES[index - 1];
  return below
    ? `above ${formatRupiah(below.max)} and up to ${formatRupiah(band.max)}`
    : `up to ${formatRupiah(band.max)}`;
}
