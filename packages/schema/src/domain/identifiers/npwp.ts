import { invalid, valid, type Validation } from './validation';

/**
 * NPWP (Nomor Pokok Wajib Pajak), stored as 16 digits.
 *
 * PMK 112/PMK.03/2022 art. 2(1): from 14 July 2022 resident individuals use their 16-digit NIK as
 * NPWP, and non-resident individuals, entities and government bodies use a 16-digit NPWP.
 * Art. 7(1): a taxpayer already holding a 15-digit NPWP gets the 16-digit form by a leading '0',
 * which is the normalisation applied here.
 *
 * Caveat: for a resident individual the 16-digit NPWP is the NIK, which cannot be derived from the
 * old 15-digit number; '0' + 15 digits still identifies the same taxpayer unambiguously, which is
 * what the registry needs, but it is not that person's NIK.
 *
 * Accepted input: 15 plain digits, the printed old mask 01.234.567.8-901.000, or 16 plain digits.
 * No mask is accepted for 16 digits because DJP defines none.
 */
const OLD_MASK = /^[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9]-[0-9]{3}\.[0-9]{3}$/;

export function parseNpwp(input: string): Validation<string> {
  const text = input.trim();
  if (text === '') {
    return invalid('INVALID_NPWP', 'NPWP (Nomor Pokok Wajib Pajak) is required.');
  }
  const digits = OLD_MASK.test(text) ? text.replace(/[.-]/g, '') : text;
  if (!/^[0-9]+$/.test(digits)) {
    return invalid(
      'INVALID_NPWP',
      `NPWP (Nomor Pokok Wajib Pajak) must be 15 or 16 digits, or the 15-digit form written as 01.234.567.8-901.000.`,
    );
  }
  if (digits.length === 15) return valid(`0${digits}`);
  if (digits.length === 16) return valid(digits);
  return invalid(
    'INVALID_NPWP',
    `NPWP (Nomor Pokok Wajib Pajak) must have 15 digits (old format) or 16 digits (new format, NIK or NPWP16); got ${digits.length}.`,
  );
}
