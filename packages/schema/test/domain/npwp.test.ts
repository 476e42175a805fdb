import { describe, expect, it } from 'vitest';
import { parseNpwp } from '../../src/domain/identifiers/npwp';

describe('parseNpwp (NPWP, stored as 16 digits per PMK 112/PMK.03/2022)', () => {
  it('turns an old 15-digit NPWP into 16 digits with a leading 0', () => {
    expect(parseNpwp('012345678901000')).toEqual({ ok: true, value: '0012345678901000' });
  });

  it('accepts the printed 15-digit mask 01.234.567.8-901.000', () => {
    expect(parseNpwp(' 01.234.567.8-901.000 ')).toEqual({ ok: true, value: '0012345678901000' });
  });

  it('keeps a 16-digit NPWP (NIK or NPWP16) as it is', () => {
    expect(parseNpwp('3374012505800001')).toEqual({ ok: true, value: '3374012505800001' });
  });

  it.each([
    ['01234567890100', 14],
    ['33740125058000012', 17],
  ])('rejects %s: neither 15 nor 16 digits', (input, count) => {
    expect(parseNpwp(input)).toEqual({
      ok: false,
      code: 'INVALID_NPWP',
      message: `NPWP (Nomor Pokok Wajib Pajak) must have 15 digits (old format) or 16 digits (new format, NIK or NPWP16); got ${count}.`,
    });
  });

  it.each([
    '01.234.567.8-901.00', // mask one digit short
    '01-234-567-8-901-000', // not the printed mask
    '0123.4567.8901.2345', // 16 digits have no mask
    '01 234 567 8 901 000',
    '01234567890100A',
  ])('rejects %j, which is neither plain digits nor the printed mask', (input) => {
    expect(parseNpwp(input)).toMatchObject({ ok: false, code: 'INVALID_NPWP', message: expect.stringContaining('01.234.567.8-901.000') });
  });

  it('rejects an empty NPWP', () => {
    expect(parseNpwp(' ')).toMatchObject({ ok: false, code: 'INVALID_NPWP', message: expect.stringContaining('required') });
  });
});
