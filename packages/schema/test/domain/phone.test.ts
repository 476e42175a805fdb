import { describe, expect, it } from 'vitest';
import { parseIndonesianPhone } from '../../src/domain/identifiers/phone';

const ok = (value: string) => ({ ok: true, value });
const rejected = (fragment: string) => ({ ok: false, code: 'INVALID_PHONE', message: expect.stringContaining(fragment) });

describe('parseIndonesianPhone: input forms', () => {
  it.each([
    '0812-3456-7890',
    '0812 3456 7890',
    '0812.3456.7890',
    '(0812) 34567890',
    '+62 812-3456-7890',
    '+6281234567890',
    '62 812 3456 7890',
    '  081234567890  ',
  ])('reads the mobile number %j as +6281234567890', (input) => {
    expect(parseIndonesianPhone(input)).toEqual(ok('+6281234567890'));
  });

  it.each(['024-7601234', '(024) 7601234', '024 760 1234', '+62 24 7601234', '+62 (24) 760-1234', '62247601234'])(
    'reads the Semarang landline %j as +62247601234',
    (input) => {
      expect(parseIndonesianPhone(input)).toEqual(ok('+62247601234'));
    },
  );

  it('reads a Jakarta landline with an 8-digit subscriber number', () => {
    expect(parseIndonesianPhone('021 2345 6789')).toEqual(ok('+622123456789'));
  });

  it('reads a 3-digit area code beginning with 9 (Jayapura 0967)', () => {
    expect(parseIndonesianPhone('0967 533123')).toEqual(ok('+62967533123'));
  });
});

describe('parseIndonesianPhone: mobile length, 9 to 12 digits after 0 or +62', () => {
  it.each([
    ['081234567', 8],
    ['+6281234567', 8],
  ])('rejects %j: %i digits after the prefix, one too few', (input) => {
    expect(parseIndonesianPhone(input)).toEqual(rejected('Mobile number (nomor HP) must have 9 to 12 digits'));
  });

  it.each([
    ['0812345678', '+62812345678'],
    ['+62812345678', '+62812345678'],
  ])('accepts %j: 9 digits, the shortest', (input, e164) => {
    expect(parseIndonesianPhone(input)).toEqual(ok(e164));
  });

  it.each([
    ['0812345678901', '+62812345678901'],
    ['+62812345678901', '+62812345678901'],
  ])('accepts %j: 12 digits, the longest', (input, e164) => {
    expect(parseIndonesianPhone(input)).toEqual(ok(e164));
  });

  it.each(['08123456789012', '+628123456789012'])('rejects %j: 13 digits, one too many', (input) => {
    expect(parseIndonesianPhone(input)).toEqual(rejected('got 13'));
  });
});

describe('parseIndonesianPhone: landline subscriber number, 5 to 8 digits after the area code', () => {
  describe.each([
    ['2-digit area code 024 (Semarang)', '024', '+6224'],
    ['3-digit area code 0274 (Yogyakarta)', '0274', '+62274'],
  ])('%s', (_, area, e164Area) => {
    it('rejects a 4-digit subscriber number, one too few', () => {
      expect(parseIndonesianPhone(`${area} 1234`)).toEqual(rejected(`5 to 8 digits after the area code (kode wilayah) ${area}; got 4`));
    });

    it('accepts a 5-digit subscriber number, the shortest', () => {
      expect(parseIndonesianPhone(`${area} 12345`)).toEqual(ok(`${e164Area}12345`));
    });

    it('accepts an 8-digit subscriber number, the longest', () => {
      expect(parseIndonesianPhone(`${area} 1234 5678`)).toEqual(ok(`${e164Area}12345678`));
    });

    it('rejects a 9-digit subscriber number, one too many', () => {
      expect(parseIndonesianPhone(`${area} 1234 56789`)).toEqual(rejected('got 9'));
    });
  });
});

describe('parseIndonesianPhone: rejected input', () => {
  it.each(['0812-3456-ABCD', '0812 3456 7890 ext 12', '0812/3456/7890', '0812+34567890'])(
    'rejects characters other than digits, separators and a leading + in %j',
    (input) => {
      expect(parseIndonesianPhone(input)).toEqual(rejected('may contain only digits'));
    },
  );

  it.each(['+65 6123 4567', '+1 415 555 0100'])('rejects the foreign number %j', (input) => {
    expect(parseIndonesianPhone(input)).toEqual(rejected('must be an Indonesian number (country code +62)'));
  });

  it.each(['65 6123 4567', '812 3456 7890', '24 7601234'])('rejects %j, which has neither 0 nor 62 in front', (input) => {
    expect(parseIndonesianPhone(input)).toEqual(rejected('must start with 0'));
  });

  it.each(['0', '+62', '62'])('rejects %j, which has no number after the prefix', (input) => {
    expect(parseIndonesianPhone(input)).toEqual(rejected('has no digits after the 0 or +62'));
  });

  it('rejects a 0 repeated after +62', () => {
    expect(parseIndonesianPhone('+62 024 7601234')).toEqual(rejected('must not repeat the 0 after +62'));
  });

  it.each(['0112', '+62 112'])('rejects the special-service number %j', (input) => {
    expect(parseIndonesianPhone(input)).toEqual(rejected('cannot start with 1'));
  });

  it.each(['', '   '])('rejects an empty phone number %j', (input) => {
    expect(parseIndonesianPhone(input)).toEqual(rejected('is required'));
  });
});
