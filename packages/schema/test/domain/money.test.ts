import { describe, expect, it } from 'vitest';
import { formatRupiah, JUTA, MAX_RUPIAH, MILIAR, parseRupiah } from '../../src/domain/money';

const rejected = (fragment: string) => ({ ok: false, code: 'INVALID_MONEY', message: expect.stringContaining(fragment) });

describe('money constants', () => {
  it('defines juta, miliar and the one-quadrillion ceiling', () => {
    expect(JUTA).toBe(1_000_000n);
    expect(MILIAR).toBe(1_000_000_000n);
    expect(MAX_RUPIAH).toBe(10n ** 15n);
  });
});

describe('parseRupiah', () => {
  it.each([
    ['the digit string "1500000"', '1500000', 1_500_000n],
    ['a digit string with surrounding spaces', ' 1500000 ', 1_500_000n],
    ['the digit string "0"', '0', 0n],
    ['leading zeros "007"', '007', 7n],
    ['the integer number 1500000', 1_500_000, 1_500_000n],
    ['the number 0', 0, 0n],
    ['the bigint 1500000n', 1_500_000n, 1_500_000n],
  ] as const)('accepts %s', (_, input, expected) => {
    expect(parseRupiah(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['1.500.000', '1,500,000', '1000.5', '1000,50', '1e6', 'Rp1500000', '1 500 000', '+1000', 'abc'])(
    'rejects the string %j: only plain digits, because "." and "," mean different things in Indonesian and English',
    (input) => {
      expect(parseRupiah(input)).toEqual(rejected('must be written as plain digits'));
    },
  );

  it.each(['-1', ' -1500000'])('rejects the negative string %j', (input) => {
    expect(parseRupiah(input)).toEqual(rejected('must not be negative'));
  });

  it.each(['', '   '])('rejects the empty string %j', (input) => {
    expect(parseRupiah(input)).toEqual(rejected('is required'));
  });

  it('rejects a fractional number', () => {
    expect(parseRupiah(1000.5)).toEqual(rejected('must be a whole number of rupiah.'));
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects the non-finite number %s', (input) => {
    expect(parseRupiah(input)).toEqual(rejected('must be a number'));
  });

  it.each([-1, -1n])('rejects the negative amount %s', (input) => {
    expect(parseRupiah(input)).toEqual(rejected('must not be negative'));
  });

  it.each([
    ['string', String(MAX_RUPIAH)],
    ['number', Number(MAX_RUPIAH)],
    ['bigint', MAX_RUPIAH],
  ])('accepts exactly one quadrillion rupiah given as a %s', (_, input) => {
    expect(parseRupiah(input)).toEqual({ ok: true, value: MAX_RUPIAH });
  });

  it.each([
    ['string', String(MAX_RUPIAH + 1n)],
    ['number', Number(MAX_RUPIAH) + 1],
    ['bigint', MAX_RUPIAH + 1n],
  ])(
    'rejects one rupiah above one quadrillion given as a %s',
    (_, input) => {
      expect(parseRupiah(input)).toEqual(
        rejected('must be at most Rp1.000.000.000.000.000 (one quadrillion rupiah). Check for extra digits'),
      );
    },
  );
});

describe('formatRupiah', () => {
  it.each([
    [0n, 'Rp0'],
    [999n, 'Rp999'],
    [1_000n, 'Rp1.000'],
    [1_500_000n, 'Rp1.500.000'],
    [15n * MILIAR, 'Rp15.000.000.000'],
    [-1_500n, '-Rp1.500'],
  ])('formats %s as %s with "." between thousands', (amount, expected) => {
    expect(formatRupiah(amount)).toBe(expected);
  });
});
