import { describe, expect, it } from 'vitest';
import { JUTA } from '../../../src/domain/money';
import { nibRule, NPWP_REQUIRED_ABOVE, npwpRule } from '../../../src/domain/readiness';
import { evaluate, lead } from './fixtures';

describe('NPWP_ABOVE_50_JUTA', () => {
  it('takes its threshold from Rp50 juta', () => {
    expect(NPWP_REQUIRED_ABOVE).toBe(50n * JUTA);
  });

  it.each([
    [50n * JUTA - 1n, 'Rp49.999.999'],
    [50n * JUTA, 'Rp50.000.000'],
  ])('does not apply at %s, even without an NPWP', (amount, text) => {
    expect(evaluate(npwpRule, lead({ amount, enterprise: { npwp: null } }))).toEqual({
      outcome: 'NOT_APPLICABLE',
      reason: `Requested ${text} is at most Rp50.000.000, so KUR does not require an NPWP (Nomor Pokok Wajib Pajak).`,
    });
  });

  it('requires an NPWP one rupiah above Rp50 juta and passes when one is on record', () => {
    expect(evaluate(npwpRule, lead({ amount: 50n * JUTA + 1n }))).toEqual({
      outcome: 'PASS',
      reason:
        'Requested Rp50.000.001 is above Rp50.000.000, so KUR requires an NPWP (Nomor Pokok Wajib Pajak); one is on record.',
    });
  });

  it('asks for the NPWP one rupiah above Rp50 juta when none is on record', () => {
    expect(evaluate(npwpRule, lead({ amount: 50n * JUTA + 1n, enterprise: { npwp: null } }))).toEqual({
      outcome: 'MISSING_DOCUMENT',
      reason:
        'Requested Rp50.000.001 is above Rp50.000.000, so KUR requires an NPWP (Nomor Pokok Wajib Pajak); none is on record.',
    });
  });

  it('requires an NPWP for every KUR Kecil amount', () => {
    expect(evaluate(npwpRule, lead({ amount: 100n * JUTA + 1n, enterprise: { npwp: null } })).outcome).toBe(
      'MISSING_DOCUMENT',
    );
  });

  it('treats an empty NPWP as missing', () => {
    expect(evaluate(npwpRule, lead({ enterprise: { npwp: '' } })).outcome).toBe('MISSING_DOCUMENT');
  });
});

describe('NIB_PRESENT', () => {
  it('passes with a NIB on record', () => {
    expect(evaluate(nibRule, lead())).toEqual({ outcome: 'PASS', reason: 'NIB (Nomor Induk Berusaha) is on record.' });
  });

  it.each([null, ''])('asks for the NIB when it is %j', (nib) => {
    expect(evaluate(nibRule, lead({ enterprise: { nib } }))).toEqual({
      outcome: 'MISSING_DOCUMENT',
      reason:
        'No NIB (Nomor Induk Berusaha) is on record; KUR needs proof of business legality, so register the business in OSS.',
    });
  });
});
