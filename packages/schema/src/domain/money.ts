import { invalid, valid, type Validation } from './identifiers/validation';

/** Money is a whole number of rupiah, as a bigint: the rupiah has no subunit in use. */
export const JUTA = 1_000_000n;
export const MILIAR = 1_000_000_000n;
/**
 * One quadrillion rupiah (Rp1.000 triliun), far above any IKM figure: a value beyond it is a typo.
 * It is also below 2^53, so every accepted JavaScript number converts to bigint exactly.
 */
export const MAX_RUPIAH = JUTA * MILIAR;

const term = 'Amount in rupiah';

/**
 * Parses a non-negative whole rupiah amount.
 *
 * Strings must be plain digits. Indonesian writing uses '.' for thousands and ',' for decimals
 * ("Rp1.500.000,00"), English the reverse, so "1.500" is 1500 to one reader and 1.5 to another;
 * accepting either separator would silently turn one into the other, a factor of 1000.
 */
export function parseRupiah(input: string | number | bigint): Validation<bigint> {
  let amount: bigint;
  if (typeof input === 'bigint') {
    amount = input;
  } else if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      return invalid('INVALID_MONEY', `${term} must be a number.`);
    }
    if (!Number.isInteger(input)) {
      return invalid('INVALID_MONEY', `${term} must be a whole number of rupiah.`);
    }
    amount = BigInt(input);
  } else {
    const text = input.trim();
    if (text === '') return invalid('INVALID_MONEY', `${term} is required.`);
    if (text.startsWith('-')) {
      return invalid('INVALID_MONEY', `${term} must not be negative.`);
    }
    if (!/^[0-9]+$/.test(text)) {
      return invalid(
        'INVALID_MONEY',
        `${term} must be written as plain digits, without "Rp", separators or decimals (e.g. 1500000 for Rp1.500.000).`,
      );
    }
    amount = BigInt(text);
  }
  if (amount < 0n) {
    return invalid('INVALID_MONEY', `${term} must not be negative.`);
  }
  if (amount > MAX_RUPIAH) {
    return invalid(
      'INVALID_MONEY',
      `${term} must be at most ${formatRupiah(MAX_RUPIAH)} (one quadrillion rupiah). Check for extra digits.`,
    );
  }
  return valid(amount);
}

/** "Rp1.500.000": Indonesian style, '.' between thousands, no decimals. */
export function formatRupiah(amount: bigint): string {
  const sign = amount < 0n ? '-' : '';
  const digits = (amount < 0n ? -amount : amount).toString();
  return `${sign}Rp${digits.replace(/\B(?=([0-9]{3})+$)/g, '.')}`;
}
