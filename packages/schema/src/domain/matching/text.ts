import type { BookkeepingPractice, CertificationKind, FunderType, Sector } from './types';

/** Phrases for reasons: English, with the Indonesian term an officer sees in the registry. */

export const SECTOR_TEXT: Record<Sector, string> = {
  FOOD_BEVERAGE: 'food and beverage (makanan dan minuman)',
  TEXTILE: 'textile (tekstil)',
  BATIK: 'batik',
  GARMENT: 'garment (pakaian jadi)',
  LEATHER_FOOTWEAR: 'leather and footwear (kulit dan alas kaki)',
  WOOD_FURNITURE: 'wood and furniture (kayu dan furnitur)',
  PAPER_PRINTING: 'paper and printing (kertas dan percetakan)',
  CHEMICAL_HERBAL: 'chemical and herbal (kimia dan herbal)',
  RUBBER_PLASTIC: 'rubber and plastic (karet dan plastik)',
  NON_METALLIC_MINERAL: 'non-metallic mineral (barang galian bukan logam)',
  METAL: 'metal (logam)',
  MACHINERY_ELECTRONICS: 'machinery and electronics (mesin dan elektronik)',
  CRAFT: 'craft (kerajinan)',
  OTHER_MANUFACTURING: 'other manufacturing (industri pengolahan lainnya)',
};

export const CERTIFICATION_TEXT: Record<CertificationKind, string> = {
  HALAL: 'Halal certification (sertifikat halal)',
  SNI: 'SNI (Standar Nasional Indonesia)',
  PIRT: 'PIRT (Pangan Industri Rumah Tangga) permit',
  BPOM: 'BPOM registration (izin edar BPOM)',
  ISO_9001: 'ISO 9001',
  ISO_22000: 'ISO 22000',
  HACCP: 'HACCP',
  SVLK: 'SVLK timber legality (Sistem Verifikasi Legalitas Kayu)',
  BATIKMARK: 'Batikmark (Batik Indonesia mark)',
  GREEN_INDUSTRY: 'Green Industry certificate (Sertifikat Industri Hijau)',
};

export const BOOKKEEPING_TEXT: Record<BookkeepingPractice, string> = {
  NONE: 'keeps no books (pembukuan)',
  MANUAL_NOTES: 'keeps handwritten books (pembukuan manual)',
  SPREADSHEET: 'keeps books in a spreadsheet (pembukuan)',
  ACCOUNTING_APP: 'keeps books in an accounting app (pembukuan)',
  AUDITED_STATEMENTS: 'has audited financial statements (laporan keuangan diaudit)',
};

export const FUNDER_TEXT: Record<FunderType, string> = {
  BANK: 'the bank',
  BPR: 'the BPR (Bank Perekonomian Rakyat)',
  KOPERASI: 'the cooperative (koperasi)',
  FINTECH: 'the fintech lender',
  VENTURE: 'the venture capital firm (modal ventura)',
  GOVERNMENT_PROGRAM: 'the government programme',
};

/** "1.500": '.' between thousands, as formatRupiah writes amounts, so counts and rupiah read alike. */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=([0-9]{3})+$)/g, '.');
}

/** A product category slug as words: "kue-tradisional" → "kue tradisional". */
export function categoryText(slug: string): string {
  return slug.replace(/-/g, ' ');
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
