import { describe, expect, it } from 'vitest';
import { parseNib } from '../../src/domain/identifiers/nib';

describe('parseNib (NIB, 13 digits as issued by OSS RBA)', () => {
  it('accepts exactly 13 digits and trims surrounding whitespace', () => {
    expect(parseNib(' 9120001234567 ')).toEqual({ ok: true, value: '9120001234567' });
  });

  it('keeps leading zeros, because an NIB is an identifier, not a number', () => {
    expect(parseNib('0220001234567')).toEqual({ ok: true, value: '0220001234567' });
  });

  it('rejects 12 digits, one short, and says how many it got', () => {
    expect(parseNib('912000123456')).toEqual({
      ok: false,
      code: 'INVALID_NIB',
      message: 'NIB (Nomor Induk Berusaha) must be exactly 13 digits; got 12.',
    });
  });

  it('rejects 14 digits, one too many', () => {
    expect(parseNib('91200012345678')).toMatchObject({ ok: false, code: 'INVALID_NIB', message: expect.stringContaining('got 14') });
  });

  it.each(['9120 0012 34567', '9120-001234567', '912000123456A', '9.120.001.234.567'])(
    'rejects separators and letters in %j',
    (input) => {
      expect(parseNib(input)).toMatchObject({ ok: false, code: 'INVALID_NIB', message: expect.stringContaining('digits only') });
    },
  );

  it.each(['', '   '])('rejects a missing NIB %j', (input) => {
    expect(parseNib(input)).toMatchObject({ ok: false, code: 'INVALID_NIB', message: expect.stringContaining('required') });
  });
});
