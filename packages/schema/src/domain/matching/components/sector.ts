import { isManufacturingKbli, kbliGroup, MANUFACTURING_GROUPS } from '../../kbli';
import { capitalise, listText, SECTOR_TEXT } from '../text';
import type { CounterpartAsk } from '../counterpart';
import { type Component, codesPrimaryFirst, evaluation } from './common';

/**
 * Sector/KBLI fit. KBLI nests kategori (letter) > golongan pokok (2 digits) > golongan (3) >
 * subgolongan (4) > kelompok (5), so two codes sharing more leading digits make closer products.
 * A code under a prefix the counterpart seeks is what it asked for; a shared subgolongan, golongan
 * or golongan pokok is a near fit, worth less the higher up the tree the codes part. The sector
 * alone is coarser than KBLI, so when the counterpart also lists KBLI it ranks below a subgolongan.
 * Every IKM is in kategori C (manufacturing), hence the small floor when nothing else fits.
 */
export const SECTOR_LEVEL = {
  SOUGHT: 1,
  SUBGOLONGAN: 0.8,
  GOLONGAN: 0.65,
  SECTOR: 0.6,
  GOLONGAN_POKOK: 0.5,
  KATEGORI_C: 0.1,
} as const;

function groupText(code: string): string {
  const group = kbliGroup(code);
  const name = MANUFACTURING_GROUPS[group]?.id;
  return name ? `group ${group} (${name})` : `group ${group}`;
}

function sharedDigits(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n += 1;
  return n;
}

type Fit = { value: number; reason: string };

function kbliFit(code: string, prefix: string, { noun, verb }: CounterpartAsk): Fit | null {
  if (code.startsWith(prefix)) {
    return {
      value: SECTOR_LEVEL.SOUGHT,
      reason:
        code === prefix
          ? `KBLI ${code} is exactly the code ${noun} ${verb}, in ${groupText(code)}.`
          : `KBLI ${code} falls under prefix ${prefix}, which ${noun} ${verb}, in ${groupText(code)}.`,
    };
  }
  const shared = sharedDigits(code, prefix);
  if (shared >= 4) {
    return {
      value: SECTOR_LEVEL.SUBGOLONGAN,
      reason: `KBLI ${code} shares subgolongan ${code.slice(0, 4)} with ${prefix}, which ${noun} ${verb}: a neighbouring line in ${groupText(code)}.`,
    };
  }
  if (shared === 3) {
    return {
      value: SECTOR_LEVEL.GOLONGAN,
      reason: `KBLI ${code} shares golongan ${code.slice(0, 3)} with ${prefix}, which ${noun} ${verb}, in ${groupText(code)}.`,
    };
  }
  if (shared === 2) {
    return {
      value: SECTOR_LEVEL.GOLONGAN_POKOK,
      reason: `Same KBLI ${groupText(code)} as ${prefix}, which ${noun} ${verb}, though KBLI ${code} is another line.`,
    };
  }
  return null;
}

export const sectorFit: Component = (enterprise, ask) => {
  const { sectors, kbliPrefixes, noun, verb } = ask;
  const sector = SECTOR_TEXT[enterprise.sector];
  if (sectors.length === 0 && kbliPrefixes.length === 0) {
    return evaluation('SECTOR', 1, `${capitalise(noun)} names no sector or KBLI, so any IKM in manufacturing (kategori C) fits.`);
  }
  const codes = codesPrimaryFirst(enterprise);
  const fits: Fit[] = codes.flatMap((code) => kbliPrefixes.flatMap((p) => kbliFit(code, p, ask) ?? []));
  if (sectors.includes(enterprise.sector)) {
    fits.push(
      kbliPrefixes.length === 0
        ? { value: SECTOR_LEVEL.SOUGHT, reason: `${capitalise(noun)} ${verb} the ${sector} sector, the IKM's own.` }
        : {
            value: SECTOR_LEVEL.SECTOR,
            reason: `${capitalise(noun)} ${verb} the ${sector} sector, though not KBLI ${listText(codes)} in particular (it lists ${listText(kbliPrefixes)}).`,
          },
    );
  }
  // The first of the best: codes come primary first, so ties name the primary code.
  const best = fits.reduce<Fit | null>((top, fit) => (top === null || fit.value > top.value ? fit : top), null);
  if (best) return evaluation('SECTOR', best.value, best.reason);
  const sought = [
    ...sectors.map((s) => `the ${SECTOR_TEXT[s]} sector`),
    ...(kbliPrefixes.length > 0 ? [`KBLI ${listText(kbliPrefixes)}`] : []),
  ];
  if (codes.some(isManufacturingKbli)) {
    return evaluation(
      'SECTOR',
      SECTOR_LEVEL.KATEGORI_C,
      `Both are in manufacturing (kategori C, industri pengolahan), but ${noun} ${verb} other lines: ${listText(sought)}.`,
    );
  }
  return evaluation(
    'SECTOR',
    0,
    `The IKM has no manufacturing KBLI code on record, and ${noun} ${verb} ${listText(sought)}, not the ${sector} sector.`,
  );
};
