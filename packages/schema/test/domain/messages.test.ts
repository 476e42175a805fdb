import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../src/domain/identifiers/email';
import { parseNib } from '../../src/domain/identifiers/nib';
import { parseNpwp } from '../../src/domain/identifiers/npwp';
import { parseIndonesianPhone } from '../../src/domain/identifiers/phone';
import { parseKbli, parseKbliPrefix } from '../../src/domain/kbli';
import { parseRupiah } from '../../src/domain/money';
import { checkRange } from '../../src/partner/checks';

/**
 * A refusal names the rule, never what was sent: a mistyped NPWP, phone number or turnover would
 * otherwise travel back in the answer and on into logs. Each parser gets wrong inputs that carry a
 * recognisable value and must refuse them without repeating it.
 */
const cases: [string, (input: string) => { ok: boolean; message?: string }, string[]][] = [
  ['NIB', parseNib, ['9120-0012-3456', '91200012345678', '9120001234567X']],
  ['NPWP', parseNpwp, ['09.876.543.2-109.87X', '0123456789012345678']],
  ['phone', parseIndonesianPhone, ['+1 415 5550 1234', '62 024 7654321', '081x23456789', '0112345678', '+62 024 7654321']],
  ['e-mail', parseEmail, ['siti budi@example.co.id', 'siti@@example.co.id', '@example.co.id']],
  ['KBLI', (v) => parseKbli(v, 'KBLI_2025'), ['10719x', '1071']],
  ['KBLI prefix', parseKbliPrefix, ['1x71', '107123']],
  ['rupiah', parseRupiah, ['Rp2.750.000', '-2750000', '2750000.5', '27SO000']],
];

describe('domain refusals never repeat the input', () => {
  it.each(cases)('%s', (_name, parse, inputs) => {
    for (const input of inputs) {
      const result = parse(input);
      expect(result.ok, input).toBe(false);
      expect(result.message, input).not.toContain(input);
      // Nor its digits as one run (a value may come back reformatted).
      const digits = input.replace(/\D/g, '');
      if (digits.length >= 4) expect(result.message!.replace(/\D/g, ''), input).not.toContain(digits);
    }
  });
});

describe('range checks never repeat the values', () => {
  it('a maximum below the minimum names the rule, not the amounts', () => {
    const [error] = checkRange(27_500_000n, 13_750_000n, ['input', 'amountMax'], 'Amount');
    expect(error).toMatchObject({ code: 'INVALID_RANGE', field: ['input', 'amountMax'] });
    expect(error!.message.replace(/\D/g, '')).not.toMatch(/27500000|13750000/);
  });
});
