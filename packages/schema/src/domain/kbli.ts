import type { KbliVersion } from '../generated/prisma/enums';
import { invalid, valid, type Validation } from './identifiers/validation';

/**
 * KBLI (Klasifikasi Baku Lapangan Usaha Indonesia), BPS's business classification:
 * - KBLI 2020: Peraturan BPS No. 2 Tahun 2020;
 * - KBLI 2025: Peraturan BPS No. 7 Tahun 2025.
 * Both editions use 5-digit codes (kelompok) whose first two digits are the golongan pokok, and
 * both keep manufacturing (kategori C, Industri Pengolahan) as golongan pokok 10–33, following
 * ISIC section C. OSS registers an NIB's business activities at 5 digits.
 */
export type { KbliVersion };

export type KbliCode = { code: string; version: KbliVersion };

const KBLI_LABEL: Record<KbliVersion, string> = { KBLI_2020: 'KBLI 2020', KBLI_2025: 'KBLI 2025' };

export function parseKbli(input: string, version: KbliVersion): Validation<KbliCode> {
  const code = input.trim();
  if (!/^[0-9]{5}$/.test(code)) {
    return invalid(
      'INVALID_KBLI',
      `A ${KBLI_LABEL[version]} code (Klasifikasi Baku Lapangan Usaha Indonesia) must be exactly 5 digits.`,
    );
  }
  return valid({ code, version });
}

/**
 * A KBLI prefix, as partners use to say what they seek: 2 digits (golongan pokok) to 5 digits
 * (kelompok).
 */
export function parseKbliPrefix(input: string): Validation<string> {
  const prefix = input.trim();
  if (!/^[0-9]{2,5}$/.test(prefix)) {
    return invalid(
      'INVALID_KBLI',
      `A KBLI prefix must be 2 to 5 digits (from golongan pokok to kelompok), e.g. "10" or "1071".`,
    );
  }
  return valid(prefix);
}

/** The golongan pokok (2-digit division) of a KBLI code or prefix. */
export function kbliGroup(code: string): string {
  return code.slice(0, 2);
}

export const MANUFACTURING_GROUP_FIRST = 10;
export const MANUFACTURING_GROUP_LAST = 33;

/** Whether the code is in kategori C (manufacturing), the only category an IKM can belong to. */
export function isManufacturingKbli(code: string): boolean {
  const group = Number(kbliGroup(code));
  return group >= MANUFACTURING_GROUP_FIRST && group <= MANUFACTURING_GROUP_LAST;
}

/**
 * The bit of a code's or prefix's golongan pokok among an IKM's KBLI divisions, as the database
 * keeps them beside its search terms (migration search_term_kbli_divisions, kbli_divisions): bit
 * d − 10 for kategori C's divisions 10–33, bit 24 for any other.
 */
export function kbliDivisionBit(code: string): number {
  return 1 << (isManufacturingKbli(code) ? Number(kbliGroup(code)) - MANUFACTURING_GROUP_FIRST : 24);
}

export function kbliPrefixMatches(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}

/**
 * The 24 manufacturing golongan pokok with their English (ISIC) and Indonesian (KBLI 2020) names.
 * KBLI 2025 keeps the same division numbers.
 */
export const MANUFACTURING_GROUPS: Readonly<Record<string, { en: string; id: string }>> = {
  '10': { en: 'Food products', id: 'Industri makanan' },
  '11': { en: 'Beverages', id: 'Industri minuman' },
  '12': { en: 'Tobacco products', id: 'Industri pengolahan tembakau' },
  '13': { en: 'Textiles', id: 'Industri tekstil' },
  '14': { en: 'Wearing apparel', id: 'Industri pakaian jadi' },
  '15': { en: 'Leather, leather products and footwear', id: 'Industri kulit, barang dari kulit dan alas kaki' },
  '16': {
    en: 'Wood and products of wood and cork, except furniture; articles of bamboo, rattan and plaiting materials',
    id: 'Industri kayu, barang dari kayu dan gabus (tidak termasuk furnitur) dan barang anyaman dari bambu, rotan dan sejenisnya',
  },
  '17': { en: 'Paper and paper products', id: 'Industri kertas dan barang dari kertas' },
  '18': { en: 'Printing and reproduction of recorded media', id: 'Industri pencetakan dan reproduksi media rekaman' },
  '19': { en: 'Coke and refined petroleum products', id: 'Industri produk dari batu bara dan pengilangan minyak bumi' },
  '20': { en: 'Chemicals and chemical products', id: 'Industri bahan kimia dan barang dari bahan kimia' },
  '21': {
    en: 'Pharmaceuticals, medicinal chemical and traditional medicine products',
    id: 'Industri farmasi, produk obat kimia dan obat tradisional',
  },
  '22': { en: 'Rubber and plastics products', id: 'Industri karet, barang dari karet dan plastik' },
  '23': { en: 'Other non-metallic mineral products', id: 'Industri barang galian bukan logam' },
  '24': { en: 'Basic metals', id: 'Industri logam dasar' },
  '25': {
    en: 'Fabricated metal products, except machinery and equipment',
    id: 'Industri barang logam, bukan mesin dan peralatannya',
  },
  '26': { en: 'Computer, electronic and optical products', id: 'Industri komputer, barang elektronik dan optik' },
  '27': { en: 'Electrical equipment', id: 'Industri peralatan listrik' },
  '28': { en: 'Machinery and equipment n.e.c.', id: 'Industri mesin dan perlengkapan ytdl' },
  '29': {
    en: 'Motor vehicles, trailers and semi-trailers',
    id: 'Industri kendaraan bermotor, trailer dan semi trailer',
  },
  '30': { en: 'Other transport equipment', id: 'Industri alat angkutan lainnya' },
  '31': { en: 'Furniture', id: 'Industri furnitur' },
  '32': { en: 'Other manufacturing', id: 'Industri pengolahan lainnya' },
  '33': {
    en: 'Repair and installation of machinery and equipment',
    id: 'Jasa reparasi dan pemasangan mesin dan peralatan',
  },
};
