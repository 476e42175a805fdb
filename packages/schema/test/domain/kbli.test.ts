import { describe, expect, it } from 'vitest';
import {
  isManufacturingKbli,
  kbliDivisionBit,
  kbliGroup,
  kbliPrefixMatches,
  MANUFACTURING_GROUPS,
  parseKbli,
  parseKbliPrefix,
} from '../../src/domain/kbli';

describe('parseKbli (5-digit KBLI codes, 2020 and 2025 editions)', () => {
  it.each(['KBLI_2020', 'KBLI_2025'] as const)('accepts 5 digits under %s and keeps the edition', (version) => {
    expect(parseKbli(' 10710 ', version)).toEqual({ ok: true, value: { code: '10710', version } });
  });

  it.each(['1071', '107101', '1071A', '10.71', ''])('rejects %j, which is not exactly 5 digits', (input) => {
    expect(parseKbli(input, 'KBLI_2020')).toMatchObject({ ok: false, code: 'INVALID_KBLI' });
  });

  it('names the edition in the message', () => {
    expect(parseKbli('1071', 'KBLI_2025')).toEqual({
      ok: false,
      code: 'INVALID_KBLI',
      message: 'A KBLI 2025 code (Klasifikasi Baku Lapangan Usaha Indonesia) must be exactly 5 digits.',
    });
  });
});

describe('parseKbliPrefix (2 to 5 digits)', () => {
  it.each(['10', '107', '1071', '10710'])('accepts %j', (input) => {
    expect(parseKbliPrefix(input)).toEqual({ ok: true, value: input });
  });

  it.each(['1', '107101', '1a', ''])('rejects %j', (input) => {
    expect(parseKbliPrefix(input)).toMatchObject({ ok: false, code: 'INVALID_KBLI' });
  });
});

describe('KBLI helpers', () => {
  it('kbliGroup gives the 2-digit golongan pokok', () => {
    expect(kbliGroup('25111')).toBe('25');
  });

  it.each([
    ['09900', false], // mining support services, just below manufacturing
    ['10710', true], // first manufacturing group: food
    ['33121', true], // last manufacturing group: repair of machinery
    ['35101', false], // electricity, above manufacturing
    ['34000', false], // just above 33 (no such group, but the bound must hold)
  ])('isManufacturingKbli(%s) is %s: category C is groups 10 to 33', (code, expected) => {
    expect(isManufacturingKbli(code)).toBe(expected);
  });

  it.each([
    ['10710', '10', true],
    ['10710', '1071', true],
    ['10710', '10710', true],
    ['10710', '11', false],
    ['10710', '1072', false],
    ['01071', '10', false],
  ])('kbliPrefixMatches(%s, %s) is %s', (code, prefix, expected) => {
    expect(kbliPrefixMatches(code, prefix)).toBe(expected);
  });

  it.each([
    ['10', 0], // the first manufacturing group, the lowest bit
    ['1071', 0],
    ['11', 1],
    ['33121', 23], // the last manufacturing group
    ['09900', 24], // below kategori C: the one bit of every other division
    ['34', 24], // above it
    ['47', 24],
  ])('kbliDivisionBit(%s) is bit %i: one bit a manufacturing division, one for all others', (code, bit) => {
    expect(kbliDivisionBit(code)).toBe(2 ** bit);
  });

  it('lists exactly the manufacturing groups 10 to 33, each with English and Indonesian names', () => {
    const keys = Object.keys(MANUFACTURING_GROUPS);
    expect(keys).toEqual(Array.from({ length: 24 }, (_, i) => String(10 + i)));
    for (const key of keys) expect(isManufacturingKbli(key)).toBe(true);
    expect(MANUFACTURING_GROUPS['10']).toEqual({ en: 'Food products', id: 'Industri makanan' });
    expect(MANUFACTURING_GROUPS['13']).toEqual({ en: 'Textiles', id: 'Industri tekstil' });
    expect(MANUFACTURING_GROUPS['31']).toEqual({ en: 'Furniture', id: 'Industri furnitur' });
  });
});
