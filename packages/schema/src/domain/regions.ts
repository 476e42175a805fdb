/**
 * Kemendagri area codes (kode wilayah, Permendagri 72/2019 as updated by Kepmendagri
 * 100.1.1-6117/2022): province NN, kabupaten/kota NN.NN, kecamatan NN.NN.NN. Within a province
 * kabupaten are numbered from 01 and kota from 71.
 */
const REGENCY_CODE = /^\d{2}\.\d{2}$/;
const DISTRICT_CODE = /^\d{2}\.\d{2}\.\d{2}$/;

/** Provinsi Jawa Tengah, the province the registry covers. */
export const JAWA_TENGAH = '33';

/** Whether the text has the shape of a kabupaten/kota code, e.g. 33.74. */
export function isRegencyCodeFormat(code: string): boolean {
  return REGENCY_CODE.test(code);
}

/** Whether the text has the shape of a kecamatan code, e.g. 33.74.12. */
export function isDistrictCodeFormat(code: string): boolean {
  return DISTRICT_CODE.test(code);
}

/** KOTA for a code numbered 71 or above within its province, KABUPATEN below. */
export function regencyKindOf(code: string): 'KABUPATEN' | 'KOTA' {
  return Number(code.slice(3, 5)) >= 71 ? 'KOTA' : 'KABUPATEN';
}

/** The kabupaten/kota code of a kecamatan code: 33.74.12 → 33.74. */
export function regencyCodeOf(districtCode: string): string {
  return districtCode.slice(0, 5);
}
