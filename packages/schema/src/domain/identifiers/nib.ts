import { invalid, valid, type Validation } from './validation';

/**
 * NIB (Nomor Induk Berusaha): the business identity issued by the OSS system. PP 5/2021 art. 1
 * (risk-based licensing, now succeeded by PP 28/2025) defines the NIB as proof of registration and
 * the business's identity; its length is the format OSS RBA issues: 13 digits, printed as one
 * unbroken number.
 *
 * Digits only: OSS prints no grouping, so a space or dash is more likely a paste of two fields or a
 * typo than a separator, and we would rather ask than guess.
 */
export const NIB_LENGTH = 13;

export function parseNib(input: string): Validation<string> {
  const nib = input.trim();
  if (nib === '') {
    return invalid('INVALID_NIB', 'NIB (Nomor Induk Berusaha) is required.');
  }
  if (!/^[0-9]+$/.test(nib)) {
    return invalid(
      'INVALID_NIB',
      `NIB (Nomor Induk Berusaha) must contain digits only, without spaces, dashes or letters.`,
    );
  }
  if (nib.length !== NIB_LENGTH) {
    return invalid(
      'INVALID_NIB',
      `NIB (Nomor Induk Berusaha) must be exactly ${NIB_LENGTH} digits; got ${nib.length}.`,
    );
  }
  return valid(nib);
}

