import { invalid, valid, type Validation } from './validation';

/**
 * Indonesian phone numbers, returned in E.164 form: '+62' followed by the national significant
 * number (NSN), no separators (ITU-T E.164: at most 15 digits including the country code).
 *
 * Numbering plan (Permenkominfo 14/2018, Rencana Dasar Teknis Telekomunikasi Nasional, which keeps
 * the plan of KM 4/2001 as amended by KM 28/2004): inside Indonesia a number is dialled with the
 * trunk prefix '0', from abroad with +62 and without the '0'.
 * - Mobile: NSN starts with 8 (national destination code 08XY). Mobile numbers are 10 to 13 digits
 *   written with the leading 0, so the NSN is 9 to 12 digits.
 * - Fixed line: NSN is an area code starting with 2–7 or 9 (kode wilayah (0)AB(C), A = 2–7, 9),
 *   then a subscriber number. Area codes are 2 digits for Jakarta (21), Bandung (22), Semarang (24),
 *   Surabaya (31) and Medan (61), 3 digits elsewhere (e.g. Yogyakarta 274); the plan is
 *   prefix-free, so the first two digits decide which. Subscriber numbers are 5 to 8 digits
 *   (8 in Jakarta, 7 in Semarang, fewer in small exchanges).
 * - NSN starting with 1 (emergency and special services) or 0 (a trunk prefix written after +62)
 *   is rejected.
 *
 * Input forms: 08…/0xx… (national), +62… or 62… (international); spaces, dashes, dots and
 * parentheses are ignored. A number without 0, 62 or +62 in front is rejected rather than guessed.
 */
export const MOBILE_NSN_MIN = 9;
export const MOBILE_NSN_MAX = 12;
export const SUBSCRIBER_MIN = 5;
export const SUBSCRIBER_MAX = 8;
const TWO_DIGIT_AREA_CODES = new Set(['21', '22', '24', '31', '61']);

const term = 'Phone number (nomor telepon)';

export function parseIndonesianPhone(input: string): Validation<string> {
  const text = input.trim();
  if (text === '') return invalid('INVALID_PHONE', `${term} is required.`);
  if (!/^\+?[0-9\s().-]+$/.test(text)) {
    return invalid(
      'INVALID_PHONE',
      `${term} may contain only digits, spaces, dashes, dots, parentheses and a leading +.`,
    );
  }
  const digits = text.replace(/[^0-9]/g, '');
  let nsn: string;
  if (text.startsWith('+') || digits.startsWith('62')) {
    if (!digits.startsWith('62')) {
      return invalid(
        'INVALID_PHONE',
        `${term} must be an Indonesian number (country code +62).`,
      );
    }
    nsn = digits.slice(2);
  } else if (digits.startsWith('0')) {
    nsn = digits.slice(1);
  } else {
    return invalid(
      'INVALID_PHONE',
      `${term} must start with 0 (e.g. 0812…, 024…) or +62 (e.g. +62 812…).`,
    );
  }
  return parseNsn(nsn);
}

function parseNsn(nsn: string): Validation<string> {
  const first = nsn[0];
  if (first === undefined) {
    return invalid('INVALID_PHONE', `${term} has no digits after the 0 or +62.`);
  }
  if (first === '0') {
    return invalid(
      'INVALID_PHONE',
      `${term} must not repeat the 0 after +62 (write +62 24… or 024…, not +62 024…).`,
    );
  }
  if (first === '1') {
    return invalid(
      'INVALID_PHONE',
      `${term} cannot start with 1 after the 0 or +62: those are emergency and special service numbers, not subscriber lines.`,
    );
  }
  if (first === '8') {
    if (nsn.length < MOBILE_NSN_MIN || nsn.length > MOBILE_NSN_MAX) {
      return invalid(
        'INVALID_PHONE',
        `Mobile number (nomor HP) must have ${MOBILE_NSN_MIN} to ${MOBILE_NSN_MAX} digits after the leading 0 or +62, e.g. 0812-3456-7890; got ${nsn.length}.`,
      );
    }
    return valid(`+62${nsn}`);
  }
  const areaCode = TWO_DIGIT_AREA_CODES.has(nsn.slice(0, 2)) ? nsn.slice(0, 2) : nsn.slice(0, 3);
  const subscriber = nsn.slice(areaCode.length);
  if (subscriber.length < SUBSCRIBER_MIN || subscriber.length > SUBSCRIBER_MAX) {
    return invalid(
      'INVALID_PHONE',
      `Landline number (telepon kantor/rumah) must have ${SUBSCRIBER_MIN} to ${SUBSCRIBER_MAX} digits after the area code (kode wilayah) 0${areaCode}; got ${subscriber.length}.`,
    );
  }
  return valid(`+62${nsn}`);
}
