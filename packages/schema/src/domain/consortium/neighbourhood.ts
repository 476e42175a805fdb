/**
 * Which kecamatan of Kota Semarang are "nearby" for an ad-hoc consortium (issue 19: "ad-hoc
 * groups of nearby IKM"): the kecamatan of delivery and those sharing a land border with it.
 *
 * Source: the administrative map of Kota Semarang (Peta Administrasi, RTRW Kota Semarang
 * 2011–2031, Perda Kota Semarang No. 14 Tahun 2011) and the "batas wilayah" (boundaries) section
 * of each kecamatan in BPS Kota Semarang, "Kecamatan … Dalam Angka"; keys are the Kemendagri codes
 * 33.74.01–33.74.16 (prisma/seed-data/districts.json). Two kecamatan are neighbours when they share
 * a land border; a corner touch or a border across the sea does not count. The list was compiled
 * for this project without a network copy of those publications at hand: a doubtful pair (e.g.
 * Pedurungan–Semarang Selatan, left out) should be checked against the current BPS edition.
 * Adjacency rather than centroid distances: it needs no coordinates, and "in X, next to the
 * delivery kecamatan Y" is a reason an officer can check on the map.
 */
export const KECAMATAN_NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  '33.74.01': ['33.74.02', '33.74.03', '33.74.07', '33.74.13'], // Semarang Tengah
  '33.74.02': ['33.74.01', '33.74.03', '33.74.13'], // Semarang Utara
  '33.74.03': ['33.74.01', '33.74.02', '33.74.04', '33.74.07'], // Semarang Timur
  '33.74.04': ['33.74.03', '33.74.05', '33.74.06', '33.74.07'], // Gayamsari
  '33.74.05': ['33.74.04', '33.74.06'], // Genuk
  '33.74.06': ['33.74.04', '33.74.05', '33.74.10'], // Pedurungan
  '33.74.07': ['33.74.01', '33.74.03', '33.74.04', '33.74.08', '33.74.09'], // Semarang Selatan
  '33.74.08': ['33.74.07', '33.74.09', '33.74.10', '33.74.11'], // Candisari
  '33.74.09': ['33.74.07', '33.74.08', '33.74.11', '33.74.12', '33.74.13'], // Gajahmungkur
  '33.74.10': ['33.74.06', '33.74.08', '33.74.11'], // Tembalang
  '33.74.11': ['33.74.08', '33.74.09', '33.74.10', '33.74.12'], // Banyumanik
  '33.74.12': ['33.74.09', '33.74.11', '33.74.14', '33.74.15'], // Gunungpati
  '33.74.13': ['33.74.01', '33.74.02', '33.74.09', '33.74.15', '33.74.16'], // Semarang Barat
  '33.74.14': ['33.74.12', '33.74.15'], // Mijen
  '33.74.15': ['33.74.12', '33.74.13', '33.74.14', '33.74.16'], // Ngaliyan
  '33.74.16': ['33.74.13', '33.74.15'], // Tugu
};

/** The kecamatan sharing a border with this one (empty for a code outside Kota Semarang). */
export function neighboursOf(code: string): readonly string[] {
  return KECAMATAN_NEIGHBOURS[code] ?? [];
}

export interface Neighbourhood {
  /** Kecamatan of delivery, as the buy request (or its buyer) states them. */
  delivery: readonly string[];
  /** The delivery kecamatan and their neighbours, by code. */
  nearby: readonly string[];
}

/** The delivery kecamatan and every kecamatan next to one of them. */
export function neighbourhoodOf(deliveryCodes: readonly string[]): Neighbourhood {
  const delivery = [...new Set(deliveryCodes)].sort();
  const nearby = new Set(delivery);
  for (const code of delivery) for (const n of neighboursOf(code)) nearby.add(n);
  return { delivery, nearby: [...nearby].sort() };
}

/**
 * Why an IKM in kecamatan `code` counts as nearby, naming kecamatan by `nameOf`; null when it
 * is not in the neighbourhood.
 */
export function nearbyReason(code: string, neighbourhood: Neighbourhood, nameOf: (code: string) => string): string | null {
  if (neighbourhood.delivery.includes(code)) return `In ${nameOf(code)}, the kecamatan of delivery.`;
  const next = neighbourhood.delivery.filter((d) => neighboursOf(d).includes(code));
  if (next.length === 0) return null;
  return `In ${nameOf(code)}, next to the kecamatan of delivery ${next.map(nameOf).join(', ')}.`;
}
