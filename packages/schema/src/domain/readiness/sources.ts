/**
 * Citations shared by the rules. Permenko Perekonomian 1/2026 was set (ditetapkan) on 5 January
 * 2026 and replaces Permenko Perekonomian 1/2022 and its amendments as the KUR guideline.
 */
export const PERMENKO_1_2026 =
  'Permenko Perekonomian No. 1 Tahun 2026 tentang Pedoman Pelaksanaan Kredit Usaha Rakyat';

export const PP_7_2021 =
  'PP No. 7 Tahun 2021 tentang Kemudahan, Pelindungan, dan Pemberdayaan Koperasi dan UMKM, Pasal 35';

/** Where the regulation is silent and Temu Bisnis sets its own bar. */
export const PRODUCT_POLICY = 'Temu Bisnis product policy (the regulation sets no standard here)';
